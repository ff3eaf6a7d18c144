/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_themeviews: the stored themes views and their version (migration
 * 110, store/themeviews.h) against the migrated schema: a version moves
 * forward with each bump (never to one seen before), only for its survey,
 * and only when the bump's transaction commits; a view is read back as it
 * was stored, per audience, and replaced. Needs a MariaDB as
 * test_statements does (skipped without).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/settings.h"
#include "store/migrate.h"
#include "store/store.h"
#include "store/themeviews.h"
#include "tap.h"

static long long version_of(struct store *st, struct arena *a, const char *survey)
{
	long long v = -1;

	if (themeviews_version(st, a, survey, &v) != STORE_OK)
		return -1;
	return v;
}

int main(void)
{
	const char *conf = getenv("YV_TEST_DB_CONFIG"), *req = getenv("YV_TEST_DB_REQUIRED");
	const char *source, *view;
	struct settings cfg;
	struct store st;
	struct arena a;
	char err[1024] = "", s1[64], s2[64], src[128];
	long long v1;

	if (conf == NULL || conf[0] == '\0') {
		if (req != NULL && strcmp(req, "1") == 0) {
			ok(0, "YV_TEST_DB_CONFIG names the test database");
			return tap_done();
		}
		printf("1..0 # SKIP no database (tests/run sets YV_TEST_DB_CONFIG)\n");
		return 0;
	}
	if (!ok(settings_load_for_cli(&cfg, conf, err, sizeof(err)) == 0, "%s loads", conf))
		return tap_done();
	store_init(&st, &cfg);
	if (!ok(store_connect(&st) == STORE_OK, "the test database answers")) {
		store_release(&st);
		return tap_done();
	}
	if (!ok(migrate_apply(&st, cfg.migrations_dir, stderr, err, sizeof(err)) == 0,
		"the migrations apply"))
		printf("#   %s\n", err);
	arena_init(&a, 0);
	/* survey ids of this run only */
	snprintf(s1, sizeof(s1), "unit-tv-%ld-a", (long)getpid());
	snprintf(s2, sizeof(s2), "unit-tv-%ld-b", (long)getpid());

	is_int(version_of(&st, &a, s1), 0, "a survey never changed is at version 0");
	ok(themeviews_bump(&st, s1) == STORE_OK, "a bump");
	v1 = version_of(&st, &a, s1);
	ok(v1 > 1000000000000000LL, "moves it to at least the clock in microseconds (%lld)", v1);
	ok(themeviews_bump(&st, s1) == STORE_OK && version_of(&st, &a, s1) > v1,
	   "a second moves it forward again");
	is_int(version_of(&st, &a, s2), 0, "another survey's version does not move");

	/* in a transaction: counted only when it commits */
	v1 = version_of(&st, &a, s1);
	ok(store_begin(&st) == STORE_OK && themeviews_bump(&st, s1) == STORE_OK,
	   "a bump in a transaction");
	store_rollback(&st);
	is_int(version_of(&st, &a, s1), v1, "rolled back, the version has not moved");
	ok(store_begin(&st) == STORE_OK && themeviews_bump(&st, s1) == STORE_OK &&
	       store_commit(&st) == STORE_OK,
	   "a bump committed");
	ok(version_of(&st, &a, s1) > v1, "moves it forward");
	v1 = version_of(&st, &a, s1);

	/* views */
	ok(themeviews_get(&st, &a, s1, "views", 0, &source, &view) == STORE_OK && source == NULL &&
	       view == NULL,
	   "no view stored yet: none read");
	snprintf(src, sizeof(src), "tv1 v%lld g10 m10 key 2026", v1);
	ok(themeviews_put(&st, s1, "views", 0, src,
			  "{\"status\":\"ready\",\"x\":\"Ll\xc5\xb7n\"}") == STORE_OK,
	   "a public view is stored");
	ok(themeviews_get(&st, &a, s1, "views", 0, &source, &view) == STORE_OK, "and read");
	is_str(source, src, "with its source");
	is_str(view, "{\"status\":\"ready\",\"x\":\"Ll\xc5\xb7n\"}", "byte for byte (UTF-8 too)");
	ok(themeviews_get(&st, &a, s1, "views", 1, &source, &view) == STORE_OK && source == NULL,
	   "the officers' view is another row: none yet");
	ok(themeviews_put(&st, s1, "views", 1, "officers", "{\"o\":1}") == STORE_OK &&
	       themeviews_get(&st, &a, s1, "views", 1, &source, &view) == STORE_OK &&
	       source != NULL && strcmp(view, "{\"o\":1}") == 0,
	   "stored and read apart");
	ok(themeviews_put(&st, s1, "views", 0, "newer", "{\"status\":\"too_few\"}") == STORE_OK,
	   "a public view stored again");
	ok(themeviews_get(&st, &a, s1, "views", 0, &source, &view) == STORE_OK, "read again");
	is_str(source, "newer", "replaces the source");
	is_str(view, "{\"status\":\"too_few\"}", "and the view");
	ok(themeviews_get(&st, &a, s2, "views", 0, &source, &view) == STORE_OK && source == NULL,
	   "another survey has none");

	arena_release(&a);
	store_release(&st);
	return tap_done();
}
