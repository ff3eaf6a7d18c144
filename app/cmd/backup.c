/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * backup: the `yourvoice backup DIR` and `yourvoice restore DIR` commands:
 * options, usage, the order of the steps of store/backup.h and what each
 * command reports. A backup is readable by its owner only (umask 077);
 * restored survey files by the service's user (022).
 * Exit status: 0 done, 1 failed, 2 usage error.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <sys/stat.h>

#include <sodium.h>

#include "cli.h"
#include "core/settings.h"
#include "store/backup.h"
#include "store/migrate.h"
#include "store/store.h"

static int run_backup(const struct settings *cfg, const char *dir)
{
	struct migration_status ms;
	char err[512];
	size_t nsurveys = 0;
	int rc;

	/* The schema version goes into the manifest; it also proves the
	 * connection works before anything is written. */
	if (backup_schema(cfg, &ms, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice backup: %s\n", err);
		return -1;
	}
	rc = backup_write(cfg, dir, ms.applied, &nsurveys);
	if (rc == -2)
		fprintf(stderr, "yourvoice backup: the backup in %s is incomplete: do not use it\n",
			dir);
	if (rc != 0)
		return -1;
	printf("backed up database %s (schema version %d) and %zu survey file(s) to %s\n",
	       cfg->db_name, ms.applied, nsurveys, dir);
	return 0;
}

/* After the data is back: where the schema stands, and this host's key. */
static int restore_finish(const struct settings *cfg)
{
	struct migration_status ms;
	struct store st;
	char err[512], id[INSTKEY_ID_LEN + 1];

	store_init(&st, cfg);
	if (migrate_status(&st, cfg->migrations_dir, &ms, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice restore: %s\n", err);
		store_release(&st);
		return -1;
	}
	switch (backup_adopt_key(cfg, &st, id, err, sizeof(err))) {
	case BACKUP_KEY_NO_TABLE:
	case BACKUP_KEY_SAME:
		break;
	case BACKUP_KEY_NO_SECRET:
		printf(
		    "this host has no secret key (%s): the installation's key id is still the "
		    "backup's; run 'yourvoice key adopt' on the app host that is to serve first\n",
		    err);
		break;
	case BACKUP_KEY_FAILED:
		fprintf(stderr, "yourvoice restore: the data is restored, but this host's key id "
				"could not be recorded: run 'yourvoice key adopt'\n");
		store_release(&st);
		return -1;
	case BACKUP_KEY_ADOPTED:
		printf(
		    "this host's secret key (key id %.8s, %s) is now the installation's: copy %s "
		    "to every other app host\n",
		    id, cfg->secret_file, cfg->secret_file);
		break;
	}
	store_release(&st);
	if (ms.pending > 0)
		printf("the restored database is at schema version %d, %d migration(s) behind this "
		       "program: run 'yourvoice migrate' before 'yourvoice serve'\n",
		       ms.applied, ms.pending);
	return 0;
}

static int run_restore(const struct settings *cfg, const char *dir, int skip_surveys)
{
	struct backup_names names;
	long long tables;
	int rc = -1;

	if (backup_verify(dir, &names) != 0)
		return -1;
	tables = backup_table_count(cfg);
	if (tables < 0)
		fprintf(stderr, "yourvoice restore: cannot reach database %s\n", cfg->db_name);
	if (tables != 0) {
		if (tables > 0)
			fprintf(stderr,
				"yourvoice restore: database %s already holds %lld table(s): "
				"restore only "
				"into an empty database (drop and create it again first)\n",
				cfg->db_name, tables);
		goto out;
	}
	if (backup_load_dump(cfg, dir) != 0)
		goto out;
	printf("restored database %s from %s/database.sql\n", cfg->db_name, dir);
	if (!skip_surveys) {
		if (backup_put_surveys(cfg, dir, &names) != 0)
			goto out;
		printf("restored %zu survey file(s) into %s\n", names.n, cfg->surveys_dir);
	}
	if (restore_finish(cfg) != 0)
		goto out;
	rc = 0;
out:
	backup_names_free(&names);
	return rc;
}

static int backup_main(int argc, char **argv, int restore)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"no-surveys", no_argument, NULL, 'n'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *name = restore ? "restore" : "backup";
	const char *config = NULL;
	struct settings cfg;
	char err[1024];
	int c, skip_surveys = 0;

	while ((c = getopt_long(argc, argv, "c:nh", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'n':
			skip_surveys = 1;
			break;
		case 'h':
			if (restore)
				printf(
				    "usage: yourvoice restore [--config FILE] [--no-surveys] DIR\n"
				    "Load a backup made by 'yourvoice backup' into the configured\n"
				    "database, which must be empty, and put its survey files "
				    "back.\n");
			else
				printf(
				    "usage: yourvoice backup [--config FILE] DIR\n"
				    "Write a consistent backup of the database (mariadb-dump) and\n"
				    "the live survey files into DIR (new or empty).\n");
			return 0;
		default:
			return 2;
		}
	}
	if (optind != argc - 1 || (!restore && skip_surveys)) {
		fprintf(stderr, "usage: yourvoice %s [--config FILE]%s DIR\n", name,
			restore ? " [--no-surveys]" : "");
		return 2;
	}
	if (settings_load_for_cli(&cfg, config, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice %s: %s\n", name, err);
		return 1;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "yourvoice %s: libsodium failed\n", name);
		return 1;
	}
	/* A backup holds every answer: readable by its owner only. Restored
	 * survey files must be readable by the service's user. */
	umask(restore ? 022 : 077);
	if (restore)
		return run_restore(&cfg, argv[optind], skip_surveys) == 0 ? 0 : 1;
	return run_backup(&cfg, argv[optind]) == 0 ? 0 : 1;
}

int cmd_backup(int argc, char **argv)
{
	return backup_main(argc, argv, 0);
}

int cmd_restore(int argc, char **argv)
{
	return backup_main(argc, argv, 1);
}
