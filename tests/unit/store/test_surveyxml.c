/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_surveyxml: the stored versions of the surveys' XML
 * (store/surveyxml.h) against a real MariaDB: numbering from 1 per survey,
 * bytes back exactly as stored with their SHA-256, drafts kept but not
 * served, the served version the highest one that is not a draft, a
 * withdrawn one reported as such, the last file version found, the
 * generation growing with each served change only, the size limit and NUL
 * bytes refused, and each version audited.
 *
 * Needs YV_TEST_DB_CONFIG like test_statements; skipped without it unless
 * YV_TEST_DB_REQUIRED=1. test_statements applies the migrations and may
 * run at the same time: this test waits for it to finish (a while), and
 * applies them itself only when nobody did.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/settings.h"
#include "store/migrate.h"
#include "store/store.h"
#include "store/surveyxml.h"
#include "tap.h"

static const struct surveyxml_version *find(const struct surveyxml_version *v, size_t n,
					    const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].survey_id, id) == 0)
			return &v[i];
	return NULL;
}

int main(void)
{
	const char *conf = getenv("YV_TEST_DB_CONFIG"), *req = getenv("YV_TEST_DB_REQUIRED");
	static const struct audit_actor who = {0, "test-officer"};
	static char big[SURVEYXML_MAX + 2];
	const char *v1 = "<survey id=\"x\">\n  <one/>\n</survey>\n",
		   *v2 = "<survey id=\"x\">\n  <two/>\n</survey>\n";
	struct surveyxml_version *hist, *served, got;
	struct surveyxml_new nv = {0};
	struct settings cfg;
	struct store st;
	struct arena a;
	char err[1024] = "", id[40], other[64];
	long long ver = 0, gen0 = -1, gen1 = -1, gen2 = -1;
	size_t n, ns;

	if (conf == NULL || conf[0] == '\0') {
		if (req != NULL && strcmp(req, "1") == 0) {
			ok(0, "YV_TEST_DB_CONFIG names the test database");
			return tap_done();
		}
		printf("1..0 # SKIP no database (tests/run sets YV_TEST_DB_CONFIG)\n");
		return 0;
	}
	if (!ok(settings_load_for_cli(&cfg, conf, err, sizeof(err)) == 0, "%s loads", conf)) {
		printf("#   %s\n", err);
		return tap_done();
	}
	store_init(&st, &cfg);
	if (!ok(store_connect(&st) == STORE_OK, "the test database answers")) {
		store_release(&st);
		return tap_done();
	}
	arena_init(&a, 0);
	for (int i = 0; i < 300; i++) {
		struct migration_status ms;

		if (migrate_status(&st, cfg.migrations_dir, &ms, err, sizeof(err)) == 0 &&
		    ms.pending == 0)
			break;
		if (i == 299 &&
		    migrate_apply(&st, cfg.migrations_dir, stderr, err, sizeof(err)) != 0)
			printf("# migrations: %s\n", err);
		usleep(100000);
	}
	/* ids of this run only: the test database outlives it */
	snprintf(id, sizeof(id), "unit-sx-%ld-%ld", (long)time(NULL), (long)getpid());
	snprintf(other, sizeof(other), "%s-b", id);

	is_int(surveyxml_history(&st, &a, id, &hist, &n), STORE_OK,
	       "history of a new survey reads");
	is_int((int)n, 0, "and is empty");
	is_int(surveyxml_get(&st, &a, id, 0, &got), STORE_NOT_FOUND,
	       "a survey never stored has no served version");
	is_int(surveyxml_generation(&st, &gen0), STORE_OK, "the generation reads");

	nv.survey_id = id;
	nv.xml = v1;
	nv.size = strlen(v1);
	nv.origin = SURVEYXML_FILE;
	nv.source = "host:/srv/surveys";
	nv.author = "file";
	nv.reason = "imported";
	nv.state = SURVEYXML_PUBLISHED;
	is_int(surveyxml_add(&st, &who, "survey-import", &nv, &ver), STORE_OK,
	       "a first version stores");
	is_int((int)ver, 1, "as version 1");
	surveyxml_generation(&st, &gen1);
	ok(gen1 > gen0, "the generation grew with a published version (%lld > %lld)", gen1, gen0);

	nv.xml = v2;
	nv.size = strlen(v2);
	nv.origin = SURVEYXML_WEB;
	nv.source = NULL;
	nv.author = "alice";
	nv.reason = "a draft";
	nv.state = SURVEYXML_DRAFT;
	is_int(surveyxml_add(&st, &who, "survey-draft", &nv, &ver), STORE_OK, "a draft stores");
	is_int((int)ver, 2, "as version 2");
	surveyxml_generation(&st, &gen2);
	is_int((int)(gen2 - gen1), 0, "a draft does not move the generation");
	is_int(surveyxml_get(&st, &a, id, 0, &got), STORE_OK, "the served version reads");
	is_int((int)got.version, 1, "a draft is not served: version 1 is");
	is_str(got.xml, v1, "with its bytes exactly");
	is_str(got.sha256, "c3943325fdbd87ac57adcceaafd02fa8654fe092e1dbbefbbd990dff68384d5a",
	       "and the SHA-256 of the bytes (sha256sum of the text)");

	nv.state = SURVEYXML_PUBLISHED;
	nv.reason = NULL;
	is_int(surveyxml_add(&st, &who, "survey-publish", &nv, &ver), STORE_OK,
	       "a published web version stores");
	is_int((int)ver, 3, "as version 3");
	is_int(surveyxml_get(&st, &a, id, 0, &got), STORE_OK, "the served version reads");
	is_int((int)got.version, 3, "the highest published version is served");
	is_str(got.origin, "web", "its origin is the browser");
	is_str(got.author, "alice", "its author is kept");
	ok(got.published_at[0] != '\0', "it has a publication time");
	is_int(surveyxml_get(&st, &a, id, 2, &got), STORE_OK, "the draft reads by number");
	is_str(got.state, "draft", "as a draft");
	is_str(got.published_at, "", "with no publication time");
	is_str(got.xml, v2, "and its bytes");
	is_int(surveyxml_get(&st, &a, id, 9, &got), STORE_NOT_FOUND,
	       "a version never stored is not found");

	is_int(surveyxml_last_file(&st, &a, id, "host:/srv/surveys", &got), STORE_OK,
	       "the last file version of a folder reads");
	is_int((int)got.version, 1, "it is version 1, not a later browser one");
	is_str(got.source, "host:/srv/surveys", "with its source directory");
	is_int(surveyxml_last_file(&st, &a, id, "other:/srv/surveys", &got), STORE_NOT_FOUND,
	       "another folder never imported it");
	{
		int yes = -1;

		is_int(surveyxml_has_sha(&st, id, "0123", &yes), STORE_OK, "has_sha reads");
		is_int(yes, 0, "bytes never stored are not known");
		surveyxml_get(&st, &a, id, 2, &got);
		surveyxml_has_sha(&st, id, got.sha256, &yes);
		is_int(yes, 1, "the bytes of a draft are known");
	}

	is_int(surveyxml_history(&st, &a, id, &hist, &n), STORE_OK, "the history reads");
	is_int((int)n, 3, "with every version");
	ok(n == 3 && hist[0].version == 3 && hist[2].version == 1, "newest first");
	ok(n == 3 && hist[0].xml == NULL, "without the bytes");
	ok(n == 3 && strcmp(hist[1].reason, "a draft") == 0 && hist[1].size == strlen(v2),
	   "with the reason and the size");

	/* another survey, withdrawn after its publication */
	nv.survey_id = other;
	nv.xml = v1;
	nv.size = strlen(v1);
	nv.origin = SURVEYXML_FILE;
	nv.state = SURVEYXML_PUBLISHED;
	surveyxml_add(&st, &who, "survey-import", &nv, &ver);
	nv.state = SURVEYXML_WITHDRAWN;
	is_int(surveyxml_add(&st, &who, "survey-withdraw", &nv, &ver), STORE_OK,
	       "a withdrawal stores");
	is_int(surveyxml_served(&st, &a, &served, &ns), STORE_OK, "the served set reads");
	ok(find(served, ns, id) != NULL && find(served, ns, id)->version == 3 &&
	       strcmp(find(served, ns, id)->xml, v2) == 0,
	   "it holds the first survey's version 3 with its bytes");
	ok(find(served, ns, other) != NULL &&
	       strcmp(find(served, ns, other)->state, "withdrawn") == 0,
	   "and the other survey as withdrawn");

	/* limits */
	memset(big, ' ', sizeof(big) - 1);
	nv.xml = big;
	nv.size = SURVEYXML_MAX + 1;
	nv.state = SURVEYXML_DRAFT;
	is_int(surveyxml_add(&st, &who, "survey-draft", &nv, &ver), STORE_ERROR,
	       "a version over the size limit is refused");
	nv.xml = "<a>\0</a>";
	nv.size = 8;
	is_int(surveyxml_add(&st, &who, "survey-draft", &nv, &ver), STORE_ERROR,
	       "a version with a NUL byte is refused");
	nv.xml = big;
	nv.size = SURVEYXML_MAX;
	is_int(surveyxml_add(&st, &who, "survey-draft", &nv, &ver), STORE_OK,
	       "a version of exactly the limit stores");
	is_int(surveyxml_get(&st, &a, other, ver, &got), STORE_OK, "and reads back");
	is_int((int)got.size, (int)SURVEYXML_MAX, "whole");

	arena_release(&a);
	store_release(&st);
	return tap_done();
}
