/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback (store): see feedback.h. The only place that knows the columns
 * of the feedback_page statements.
 */
#include "config.h"

#include <string.h>

#include "store/feedback.h"
#include "store/stmt.h"

int feedback_every_valid(const char *v)
{
	return v != NULL &&
	       (strcmp(v, "week") == 0 || strcmp(v, "month") == 0 || strcmp(v, "quarter") == 0);
}

static const char *opt(const struct store_rows *r, size_t row, size_t col)
{
	const char *c = STORE_CELL(r, row, col);

	return c != NULL && c[0] != '\0' ? c : NULL;
}

int feedback_page_get(struct store *st, struct arena *a, const char *survey_id,
		      struct feedback_page *out)
{
	struct store_arg q[] = {STORE_STR(survey_id)};
	struct store_rows r;

	memset(out, 0, sizeof(*out));
	if (store_query(st, ST_FEEDBACK_GET, q, 1, a, 1, &r) != STORE_OK)
		return -1;
	if (r.nrows == 0)
		return 1;
	out->survey_id = store_cell_str(&r, 0, 0);
	out->enabled = store_cell_ll(&r, 0, 1) != 0;
	out->every = store_cell_str(&r, 0, 2);
	out->snapshot = opt(&r, 0, 3);
	out->updated = opt(&r, 0, 4);
	out->next = opt(&r, 0, 5);
	out->due = store_cell_ll(&r, 0, 6) != 0;
	return 0;
}

int feedback_page_enabled(struct store *st, struct arena *a, const char ***ids, size_t *n)
{
	struct store_rows r;
	const char **v;

	*ids = NULL;
	*n = 0;
	if (store_query(st, ST_FEEDBACK_ENABLED, NULL, 0, a, FEEDBACK_PAGES_MAX, &r) != STORE_OK)
		return -1;
	if (r.nrows == 0)
		return 0;
	v = arena_alloc(a, r.nrows * sizeof(*v));
	if (v == NULL)
		return -1;
	for (size_t i = 0; i < r.nrows; i++)
		v[i] = store_cell_str(&r, i, 0);
	*ids = v;
	*n = r.nrows;
	return 0;
}

enum store_err feedback_page_set(struct store *st, const struct audit_actor *who,
				 const char *survey_id, int enabled, const char *every,
				 const char *detail)
{
	struct store_arg a[] = {STORE_STR(survey_id),	    STORE_INT(enabled ? 1 : 0),
				STORE_STR(every),	    STORE_STR(who->username),
				STORE_INT(enabled ? 1 : 0), STORE_STR(every),
				STORE_STR(who->username)};
	struct store_arg n[] = {STORE_STR(every), STORE_STR(every), STORE_STR(survey_id)};
	enum store_err e = store_begin(st);

	if (e == STORE_OK)
		e = store_exec(st, ST_FEEDBACK_SET, a, 7, NULL, NULL);
	if (e == STORE_OK)
		e = store_exec(st, ST_FEEDBACK_REDATE, n, 3, NULL, NULL);
	if (e == STORE_OK && audit_add(st, who, "feedback-page", survey_id, detail) != 0)
		e = STORE_ERROR;
	if (e == STORE_OK)
		e = store_commit(st);
	if (e != STORE_OK)
		store_rollback(st);
	return e;
}

enum store_err feedback_page_snapshot(struct store *st, const char *survey_id, const char *snapshot,
				      int *stored)
{
	struct store_arg a[] = {STORE_STR(snapshot), STORE_STR(survey_id)};
	unsigned long long n = 0;
	enum store_err e = store_exec(st, ST_FEEDBACK_SNAPSHOT, a, 2, &n, NULL);

	*stored = e == STORE_OK && n > 0;
	return e;
}
