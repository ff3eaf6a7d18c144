/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_statements: every statement of the table (store/stmt.c) prepares
 * against the migrated schema, so that a typo in a rarely used statement
 * fails `make check` instead of the first request that runs it.
 *
 * It needs a MariaDB: YV_TEST_DB_CONFIG names a yourvoice.conf whose
 * database account may create tables (tests/run starts a private MariaDB
 * before the unit tests and sets it to var/test/yourvoice.conf). The
 * migrations of that configuration are applied first. Without it the test
 * is reported as skipped, unless YV_TEST_DB_REQUIRED=1 (tests/run sets
 * it): then a missing or unreachable database is a failure.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/settings.h"
#include "store/migrate.h"
#include "store/stmt.h"
#include "store/store.h"
#include "tap.h"

int main(void)
{
	const char *conf = getenv("YV_TEST_DB_CONFIG"), *req = getenv("YV_TEST_DB_REQUIRED");
	int required = req != NULL && strcmp(req, "1") == 0;
	struct migration_status ms;
	struct settings cfg;
	struct store st;
	char err[1024] = "";
	int named = 1;

	/* The table itself: every id has a name and SQL (a gap in the
	 * designated initialisers would be NULL), whatever the database. */
	for (int i = 0; i < ST__COUNT; i++)
		if (store_stmt_name((enum store_stmt)i) == NULL ||
		    store_stmt_sql((enum store_stmt)i) == NULL) {
			printf("# statement %d has no name or no SQL\n", i);
			named = 0;
		}
	if (conf == NULL || conf[0] == '\0') {
		if (required) {
			ok(named, "every statement id has a name and SQL");
			ok(0, "YV_TEST_DB_CONFIG names the test database");
			return tap_done();
		}
		printf("1..0 # SKIP no database (tests/run sets YV_TEST_DB_CONFIG)\n");
		return named ? 0 : 1;
	}
	ok(named, "every statement id has a name and SQL");
	if (!ok(settings_load_for_cli(&cfg, conf, err, sizeof(err)) == 0, "%s loads", conf)) {
		printf("#   %s\n", err);
		return tap_done();
	}
	store_init(&st, &cfg);
	if (!ok(store_connect(&st) == STORE_OK, "the test database answers")) {
		store_release(&st);
		return tap_done();
	}
	/* migrate_apply prints a line per file: to stderr, out of the TAP stream */
	if (!ok(migrate_apply(&st, cfg.migrations_dir, stderr, err, sizeof(err)) == 0,
		"the migrations of %s apply", cfg.migrations_dir))
		printf("#   %s\n", err);
	if (ok(migrate_status(&st, cfg.migrations_dir, &ms, err, sizeof(err)) == 0,
	       "the schema version reads"))
		is_int(ms.pending, 0, "no migration is pending (schema at version %d)", ms.applied);
	if (!ok(store_prepare_all(&st, err, sizeof(err)) == STORE_OK,
		"all %d statements prepare against the migrated schema", (int)ST__COUNT))
		printf("#   %s\n", err);
	store_release(&st);
	return tap_done();
}
