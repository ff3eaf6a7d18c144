/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * migrate: numbered, forward-only schema migrations. Each file in the
 * migrations directory is NNN-name.sql; the versions applied are kept in
 * schema_migrations, version by version (so a lower-numbered file merged
 * later still runs). Statements in a file end with ';' at the end of a line.
 * MariaDB commits DDL as it goes, so a migration that fails half-way is
 * reported with the statement that failed and must be fixed by hand.
 */
#ifndef YV_STORE_MIGRATE_H
#define YV_STORE_MIGRATE_H

#include <stdio.h>

#include "store/store.h"

struct settings;

struct migration_status {
	int latest;  /* highest version in the directory */
	int applied; /* highest version applied */
	int pending; /* how many files are not applied */
};

/* Compare the directory with the database. 0, or -1 with err filled. */
int migrate_status(struct store *st, const char *dir, struct migration_status *out, char *err,
		   size_t errlen);
/* The same, also printing "applied|pending NAME" per file to list (if not NULL). */
int migrate_report(struct store *st, const char *dir, struct migration_status *out, FILE *list,
		   char *err, size_t errlen);
/* Apply every pending migration in order; print one line per file to out. */
int migrate_apply(struct store *st, const char *dir, FILE *out, char *err, size_t errlen);
/*
 * Codes left as plain SHA-256 by migration 012 become keyed hashes when
 * this host holds the installation's key (recording it as the
 * installation's when none is yet, as the first `serve` would). Returns the
 * rows converted; -1 when *pending rows wait for `serve` with the key
 * (*pending may be 1000 meaning "at least"); -2 when there is nothing to do.
 */
long migrate_rekey_codes(const struct settings *cfg, struct store *st, long *pending);
/* Prepare every statement of the statement table against the database as
 * it is; *count gets how many there are. 0, or -1 with err filled. */
int migrate_check_statements(struct store *st, int *count, char *err, size_t errlen);

#endif
