/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * `yourvoice migrate`: options, messages and exit status. The migrations
 * themselves, the statement check and the re-keying of codes are
 * store/migrate.h's.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "core/settings.h"
#include "store/migrate.h"
#include "store/store.h"
#include "survey/survey.h"

/* Builds the stored results totals (migration 020) of the surveys of
 * cfg's surveys_dir that have none yet, from the responses already stored. */
static int build_totals(const struct settings *cfg, struct store *st)
{
	struct survey_set *set = NULL;
	struct migration_status ms;
	struct survey_diags d;
	char err[256];
	int rc;

	/* a schema from before migration 020 has nowhere to keep them */
	if (migrate_status(st, cfg->migrations_dir, &ms, err, sizeof(err)) != 0 || ms.applied < 20)
		return 0;
	survey_diags_init(&d);
	if (survey_set_load_dir(cfg->surveys_dir, &set, &d) != 0) {
		survey_diags_release(&d);
		printf("the surveys in %s do not load: their stored results totals are built by "
		       "'yourvoice results SURVEY-ID --rebuild'\n",
		       cfg->surveys_dir);
		return 0;
	}
	survey_diags_release(&d);
	rc = cli_totals_build(cfg, st, set, NULL, "migrate");
	survey_set_free(set);
	return rc;
}

/* Says what became of the codes migration 012 left unkeyed, if any. */
static void rekey_codes(const struct settings *cfg, struct store *st)
{
	long pending, n = migrate_rekey_codes(cfg, st, &pending);

	if (n >= 0)
		printf("stored %ld rows of codes as keyed hashes\n", n);
	else if (n == -1)
		printf("%s%ld rows of codes are stored as keyed hashes when 'yourvoice serve' "
		       "starts with "
		       "the installation's key\n",
		       pending >= 1000 ? "at least " : "", pending);
}

int cmd_migrate(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"status", no_argument, NULL, 's'},
	    {"check-statements", no_argument, NULL, 'S'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *config = NULL;
	int status = 0, statements = 0, c, rc;
	struct settings cfg;
	struct store st;
	char err[1024];

	while ((c = getopt_long(argc, argv, "c:sSh", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 's':
			status = 1;
			break;
		case 'S':
			statements = 1;
			break;
		case 'h':
			printf("usage: yourvoice migrate [--config FILE] [--status | "
			       "--check-statements]\n"
			       "Apply the pending database migrations, or with --status list\n"
			       "each migration file as applied or pending and say which version\n"
			       "the database is at. Migrations only go forward.\n"
			       "--check-statements prepares every statement of the application\n"
			       "against the database as it is (run it after migrating): a typo\n"
			       "or a column a migration dropped is found here, not when a rarely\n"
			       "used page first runs it.\n");
			return 0;
		default:
			return 2;
		}
	}
	if (settings_load_for_cli(&cfg, config, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice migrate: %s\n", err);
		return 1;
	}
	store_init(&st, &cfg);
	if (status) {
		struct migration_status ms;

		printf("migrations in %s\n", cfg.migrations_dir);
		rc = migrate_report(&st, cfg.migrations_dir, &ms, stdout, err, sizeof(err));
		if (rc == 0)
			printf("database %s at version %d, latest %d, %d pending%s\n", cfg.db_name,
			       ms.applied, ms.latest, ms.pending,
			       ms.pending > 0 ? ": run 'yourvoice migrate'" : "");
	} else if (statements) {
		int count;

		rc = migrate_check_statements(&st, &count, err, sizeof(err)) == 0 ? 0 : 1;
		if (rc == 0)
			printf("%d statements prepared against database %s\n", count, cfg.db_name);
	} else {
		rc = migrate_apply(&st, cfg.migrations_dir, stdout, err, sizeof(err));
		if (rc == 0) {
			rekey_codes(&cfg, &st);
			/* without the key, the totals are built later: not a failure */
			build_totals(&cfg, &st);
		}
	}
	store_release(&st);
	if (rc != 0) {
		fprintf(stderr, "yourvoice migrate: %s\n", err);
		return 1;
	}
	return 0;
}
