/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * backup: the data side of `yourvoice backup DIR` and `yourvoice restore
 * DIR` (the commands, their options and their report are app/cmd/backup.c),
 * built on MariaDB's own tools. A backup is a directory holding
 *   database.sql  mariadb-dump --single-transaction --routines --triggers:
 *                 one consistent snapshot, taken without locking residents out
 *   surveys/      the survey files that were live (surveys_dir)
 *   MANIFEST      format, program, time, database, schema version and the
 *                 SHA-256 of every file
 * The tools run with fork/exec, never through a shell; the connection
 * details (password included) reach them as an option file on a pipe, never
 * on a command line that ps would show.
 *
 * Each function below is one step; when a step fails it has already said
 * why on standard error (next to what the tools print there themselves) and
 * returns -1.
 */
#ifndef YV_STORE_BACKUP_H
#define YV_STORE_BACKUP_H

#include <stddef.h>

#include "core/settings.h"
#include "store/instkey.h"
#include "store/migrate.h"

/* The survey file names a backup holds, sorted. */
struct backup_names {
	char **v;
	size_t n;
};
void backup_names_free(struct backup_names *names);

/* Where the configured database stands (it also proves the connection
 * works). 0, or -1 with err filled (nothing printed). */
int backup_schema(const struct settings *cfg, struct migration_status *ms, char *err,
		  size_t errlen);

/*
 * Write a backup of the configured database and the survey files of
 * cfg->surveys_dir into dir (created 0700, or existing and empty); schema is
 * the version that goes into the manifest. 0 with the number of survey
 * files in *nsurveys; -1 when nothing usable was written; -2 when dir holds
 * an incomplete backup that must not be used.
 */
int backup_write(const struct settings *cfg, const char *dir, int schema, size_t *nsurveys);

/* Check the MANIFEST of dir: its format and every checksum. The survey
 * files it lists go into names (backup_names_free). 0 or -1. */
int backup_verify(const char *dir, struct backup_names *names);
/* How many tables the configured database holds; -1 when it cannot be
 * reached (nothing printed). */
long long backup_table_count(const struct settings *cfg);
/* Load dir/database.sql with the mariadb client. 0 or -1. */
int backup_load_dump(const struct settings *cfg, const char *dir);
/* Put the survey files of names back into cfg->surveys_dir, each replaced
 * in one step so a running service never reloads half a survey. 0 or -1. */
int backup_put_surveys(const struct settings *cfg, const char *dir,
		       const struct backup_names *names);

/* What backup_adopt_key did with this host's secret key. */
enum backup_key {
	BACKUP_KEY_NO_TABLE,  /* the backup is older than the key table: left to migrate */
	BACKUP_KEY_NO_SECRET, /* this host holds no key: err says why */
	BACKUP_KEY_SAME,      /* this host's key was already the installation's */
	BACKUP_KEY_ADOPTED,   /* this host's key (id) is now the installation's */
	BACKUP_KEY_FAILED,    /* the key id could not be recorded */
};
/*
 * The backup records the key id of the installation it came from; the key
 * itself is not in it. The host that restores is the one that serves next:
 * its key (made now if it has none, as `serve` would) becomes the
 * installation's (instkey.h). Nothing printed.
 */
enum backup_key backup_adopt_key(const struct settings *cfg, struct store *st,
				 char id[INSTKEY_ID_LEN + 1], char *err, size_t errlen);

#endif
