/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* purge: the counts, deletions and rewrites of `yourvoice purge` (see purge.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/purge.h"

static void fail(struct purge_fail *f, enum store_stmt id, enum store_err e)
{
	f->step = store_stmt_name(id);
	f->e = e;
}

/* A COUNT(*) statement; -1 on error. */
static long long count(struct store *st, struct arena *a, enum store_stmt id,
		       const struct store_arg *args, size_t nargs, struct purge_fail *f)
{
	struct store_rows r;
	enum store_err e = store_query(st, id, args, nargs, a, 1, &r);

	if (e != STORE_OK || r.nrows != 1 || STORE_CELL(&r, 0, 0) == NULL) {
		fail(f, id, e);
		return -1;
	}
	return strtoll(STORE_CELL(&r, 0, 0), NULL, 10);
}

/* Count, or delete and return how many rows went; -1 on error. */
static long long run(struct store *st, struct arena *a, int dry_run, enum store_stmt count_id,
		     enum store_stmt delete_id, const struct store_arg *args, size_t nargs,
		     struct purge_fail *f)
{
	unsigned long long affected = 0;
	enum store_err e;

	if (dry_run)
		return count(st, a, count_id, args, nargs, f);
	e = store_exec(st, delete_id, args, nargs, &affected, NULL);
	if (e != STORE_OK) {
		fail(f, delete_id, e);
		return -1;
	}
	return (long long)affected;
}

int purge_table_exists(struct store *st, struct arena *a, const char *table, struct purge_fail *f)
{
	struct store_arg t[] = {STORE_STR(table)};
	long long n = count(st, a, ST_TABLE_EXISTS, t, 1, f);

	return n < 0 ? -1 : n > 0;
}

long long purge_partial_saves(struct store *st, struct arena *a, int dry_run, struct purge_fail *f)
{
	return run(st, a, dry_run, ST_PURGE_PARTIAL_COUNT, ST_PURGE_PARTIAL, NULL, 0, f);
}

long long purge_rate_limits(struct store *st, struct arena *a, int dry_run, struct purge_fail *f)
{
	return run(st, a, dry_run, ST_PURGE_RATE_LIMIT_COUNT, ST_PURGE_RATE_LIMIT, NULL, 0, f);
}

long long purge_sessions(struct store *st, struct arena *a, int dry_run, long long idle_s,
			 long long max_s, struct purge_fail *f)
{
	struct store_arg args[] = {STORE_INT(idle_s), STORE_INT(max_s)};

	return run(st, a, dry_run, ST_PURGE_SESSION_COUNT, ST_PURGE_SESSION, args, 2, f);
}

long long purge_answers(struct store *st, struct arena *a, int dry_run, const char *survey_id,
			const char *question_id, const char *before, struct purge_fail *f)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_STR(question_id), STORE_STR(before)};

	return run(st, a, dry_run, ST_PURGE_ANSWER_COUNT, ST_PURGE_ANSWER, args, 3, f);
}

int purge_text_batch(struct store *st, struct arena *a, const char *survey_id, const char *field,
		     const char *before, unsigned long long after_response, long long after_ord,
		     size_t limit, struct purge_text **rows, size_t *n, struct purge_fail *f)
{
	struct store_arg args[] = {STORE_STR(survey_id),
				   STORE_STR(field),
				   STORE_STR(before),
				   STORE_INT((long long)after_response),
				   STORE_INT((long long)after_response),
				   STORE_INT(after_ord),
				   STORE_INT((long long)limit)};
	struct store_rows r;
	struct purge_text *v;
	enum store_err e = store_query(st, ST_PURGE_TEXT_BATCH, args, 7, a, limit, &r);

	*rows = NULL;
	*n = 0;
	if (e != STORE_OK) {
		fail(f, ST_PURGE_TEXT_BATCH, e);
		return -1;
	}
	v = arena_calloc(a, r.nrows ? r.nrows : 1, sizeof(*v));
	if (v == NULL) {
		fail(f, ST_PURGE_TEXT_BATCH, STORE_ERROR);
		return -1;
	}
	for (size_t i = 0; i < r.nrows; i++) {
		v[i].response = strtoull(STORE_CELL(&r, i, 0), NULL, 10);
		v[i].ord = strtoll(STORE_CELL(&r, i, 1), NULL, 10);
		v[i].value = STORE_CELL(&r, i, 2);
	}
	*rows = v;
	*n = r.nrows;
	return 0;
}

int purge_text_update(struct store *st, unsigned long long response, const char *field,
		      long long ord, const char *value, size_t len, struct purge_fail *f)
{
	struct store_arg u[] = {STORE_STRN(value, len), STORE_INT((long long)response),
				STORE_STR(field), STORE_INT(ord)};
	enum store_err e = store_exec(st, ST_PURGE_TEXT_UPDATE, u, 4, NULL, NULL);

	if (e != STORE_OK) {
		fail(f, ST_PURGE_TEXT_UPDATE, e);
		return -1;
	}
	return 0;
}

int purge_survey_ids(struct store *st, struct arena *a, const char ***ids, size_t *n,
		     struct purge_fail *f)
{
	struct store_rows r;
	const char **v;
	enum store_err e = store_query(st, ST_RESPONSE_SURVEY_IDS, NULL, 0, a, 100000, &r);

	*ids = NULL;
	*n = 0;
	if (e == STORE_OK && (v = arena_calloc(a, r.nrows ? r.nrows : 1, sizeof(*v))) == NULL)
		e = STORE_ERROR;
	if (e != STORE_OK) {
		fail(f, ST_RESPONSE_SURVEY_IDS, e);
		return -1;
	}
	for (size_t i = 0; i < r.nrows; i++)
		v[i] = STORE_CELL(&r, i, 0);
	*ids = v;
	*n = r.nrows;
	return 0;
}
