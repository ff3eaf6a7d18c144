/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* summaries: the theme summariser's reads and writes (see summaries.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/summaries.h"

static unsigned long long num(const char *s)
{
	return s ? strtoull(s, NULL, 10) : 0;
}

/* Rows that do not fit the arena: logged, STORE_ERROR. */
static enum store_err too_many(const char *what, const char *survey_id, size_t n)
{
	log_error("store: %s of %s: %zu rows do not fit in memory", what, survey_id, n);
	return STORE_ERROR;
}

enum store_err summaries_source(struct store *st, const char *survey_id, const char *qid,
				struct arena *a, struct summaries_source *out)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_STR(qid)};
	struct store_rows r, h;
	enum store_err e;

	e = store_query(st, ST_THEMES_FINGERPRINT, args, 2, a, 1, &r);
	if (e == STORE_OK)
		e = store_query(st, ST_THEMES_HIDDEN_FINGERPRINT, args, 2, a, 1, &h);
	if (e != STORE_OK)
		return e;
	if (r.nrows != 1 || h.nrows != 1)
		return STORE_ERROR;
	out->answers = num(STORE_CELL(&r, 0, 0));
	out->max_id = num(STORE_CELL(&r, 0, 1));
	out->id_sum = num(STORE_CELL(&r, 0, 2));
	out->hidden = num(STORE_CELL(&h, 0, 0));
	out->hidden_sum = num(STORE_CELL(&h, 0, 1));
	return STORE_OK;
}

enum store_err summaries_key(struct store *st, const char *survey_id, const char *qid,
			     struct arena *a, const char **key)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_STR(qid)};
	struct store_rows r;
	enum store_err e = store_query(st, ST_THEMES_SUMMARY_KEY, args, 2, a, 1, &r);

	*key = e == STORE_OK && r.nrows == 1 && STORE_CELL(&r, 0, 0) ? STORE_CELL(&r, 0, 0) : "";
	return e;
}

enum store_err summaries_get(struct store *st, const char *survey_id, const char *qid,
			     struct arena *a, struct summaries_stored *out, int *found)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_STR(qid)};
	struct store_rows r;
	enum store_err e;

	*found = 0;
	memset(out, 0, sizeof(*out));
	e = store_query(st, ST_THEMES_SUMMARY_GET, args, 2, a, 1, &r);
	if (e != STORE_OK || r.nrows != 1 || STORE_CELL(&r, 0, 0) == NULL)
		return e;
	out->summary = STORE_CELL(&r, 0, 0);
	out->answers = (long long)num(STORE_CELL(&r, 0, 1));
	out->computed_at = strtoll(STORE_CELL(&r, 0, 2) ? STORE_CELL(&r, 0, 2) : "0", NULL, 10);
	*found = 1;
	return STORE_OK;
}

enum store_err summaries_set(struct store *st, const char *survey_id, const char *qid,
			     const char *key, long long answers, long long max_id,
			     const char *summary)
{
	struct store_arg set[] = {STORE_STR(survey_id), STORE_STR(qid),	   STORE_STR(key),
				  STORE_INT(answers),	STORE_INT(max_id), STORE_STR(summary)};

	return store_exec(st, ST_THEMES_SUMMARY_SET, set, 6, NULL, NULL);
}

enum store_err summaries_lock(struct store *st, struct arena *a, int *got)
{
	struct store_rows r;
	enum store_err e = store_query(st, ST_THEMES_LOCK, NULL, 0, a, 1, &r);

	*got = e == STORE_OK && r.nrows == 1 && STORE_CELL(&r, 0, 0) != NULL &&
	       strcmp(STORE_CELL(&r, 0, 0), "1") == 0;
	return e;
}

enum store_err summaries_unlock(struct store *st, struct arena *a)
{
	struct store_rows r;

	return store_query(st, ST_THEMES_UNLOCK, NULL, 0, a, 1, &r);
}

enum store_err summaries_answers(struct store *st, const char *survey_id, const char *qid,
				 const char *postcode_qid, size_t max, struct arena *a,
				 struct summaries_answer **out, size_t *n)
{
	struct store_arg args[] = {STORE_STR(postcode_qid), STORE_STR(survey_id), STORE_STR(qid),
				   STORE_INT((long long)max)};
	struct store_rows r;
	enum store_err e;

	*out = NULL;
	*n = 0;
	e = store_query(st, ST_THEMES_ANSWERS, args, 4, a, max, &r);
	if (e != STORE_OK)
		return e;
	*out = arena_calloc(a, r.nrows + 1, sizeof(**out));
	if (*out == NULL)
		return too_many("answers", survey_id, r.nrows);
	for (size_t i = 0; i < r.nrows; i++) {
		(*out)[i].id = STORE_CELL(&r, i, 0);
		(*out)[i].text = STORE_CELL(&r, i, 1);
		(*out)[i].postcode = STORE_CELL(&r, i, 2);
	}
	*n = r.nrows;
	return STORE_OK;
}

enum store_err summaries_hidden(struct store *st, const char *survey_id, const char *qid,
				struct arena *a, struct summaries_hidden **out, size_t *n)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_STR(qid)};
	struct store_rows r;
	enum store_err e;

	*out = NULL;
	*n = 0;
	e = store_query(st, ST_THEMES_HIDDEN, args, 2, a, 1000000, &r);
	if (e != STORE_OK)
		return e;
	*out = arena_calloc(a, r.nrows + 1, sizeof(**out));
	if (*out == NULL)
		return too_many("hidden answers", survey_id, r.nrows);
	for (size_t i = 0; i < r.nrows; i++) {
		(*out)[i].id = STORE_CELL(&r, i, 0);
		(*out)[i].reason = STORE_CELL(&r, i, 1) ? STORE_CELL(&r, i, 1) : "";
	}
	*n = r.nrows;
	return STORE_OK;
}

enum store_err summaries_gone(struct store *st, const char *survey_id, struct arena *a,
			      const char ***ids, size_t *n)
{
	struct store_arg args[] = {STORE_STR(survey_id)};
	struct store_rows r;
	enum store_err e;

	*ids = NULL;
	*n = 0;
	e = store_query(st, ST_THEMES_GONE, args, 1, a, 1000000, &r);
	if (e != STORE_OK)
		return e;
	*ids = arena_calloc(a, r.nrows + 1, sizeof(**ids));
	if (*ids == NULL)
		return too_many("withdrawn responses", survey_id, r.nrows);
	for (size_t i = 0; i < r.nrows; i++)
		(*ids)[i] = STORE_CELL(&r, i, 0);
	*n = r.nrows;
	return STORE_OK;
}

enum store_err summaries_decisions(struct store *st, const char *survey_id, const char *qid,
				   struct arena *a, struct summaries_decision **out, size_t *n)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_STR(qid)};
	struct store_rows r;
	enum store_err e;

	*out = NULL;
	*n = 0;
	e = store_query(st, ST_THEMES_DECISIONS, args, 2, a, 10000, &r);
	if (e != STORE_OK)
		return e;
	*out = arena_calloc(a, r.nrows + 1, sizeof(**out));
	if (*out == NULL)
		return too_many("theme decisions", survey_id, r.nrows);
	for (size_t i = 0; i < r.nrows; i++) {
		struct summaries_decision *d = &(*out)[i];

		d->key = STORE_CELL(&r, i, 0);
		d->label_en = STORE_CELL(&r, i, 1);
		d->label_cy = STORE_CELL(&r, i, 2);
		d->merged_into = STORE_CELL(&r, i, 3);
		d->approved =
		    STORE_CELL(&r, i, 4) != NULL && strcmp(STORE_CELL(&r, i, 4), "0") != 0;
		d->created = STORE_CELL(&r, i, 5) != NULL && strcmp(STORE_CELL(&r, i, 5), "0") != 0;
	}
	*n = r.nrows;
	return STORE_OK;
}

enum store_err summaries_moves(struct store *st, const char *survey_id, const char *qid,
			       struct arena *a, struct summaries_move **out, size_t *n)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_STR(qid)};
	struct store_rows r;
	enum store_err e;

	*out = NULL;
	*n = 0;
	e = store_query(st, ST_THEMES_MOVES, args, 2, a, 1000000, &r);
	if (e != STORE_OK)
		return e;
	*out = arena_calloc(a, r.nrows + 1, sizeof(**out));
	if (*out == NULL)
		return too_many("theme moves", survey_id, r.nrows);
	for (size_t i = 0; i < r.nrows; i++) {
		(*out)[i].id = STORE_CELL(&r, i, 0);
		(*out)[i].theme_key = STORE_CELL(&r, i, 1);
	}
	*n = r.nrows;
	return STORE_OK;
}
