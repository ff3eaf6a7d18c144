/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * commitments: see commitments.h. The only place that knows the columns
 * of the commitment and commitment_update statements.
 */
#include "config.h"

#include <string.h>

#include "store/commitments.h"
#include "store/stmt.h"

static const char *opt(const struct store_rows *r, size_t row, size_t col)
{
	const char *c = STORE_CELL(r, row, col);

	return c != NULL && c[0] != '\0' ? c : NULL;
}

int commitments_list(struct store *st, struct arena *a, const char *survey_id,
		     struct commitment **out, size_t *n)
{
	struct store_arg q[] = {survey_id ? STORE_STR(survey_id) : STORE_NULL};
	struct store_rows r, u;
	struct commitment *v;
	*out = NULL;
	*n = 0;
	if (store_query(st, survey_id ? ST_COMMITMENT_LIST : ST_COMMITMENT_LIST_ALL, q,
			survey_id ? 1 : 0, a, COMMITMENTS_MAX, &r) != STORE_OK)
		return -1;
	if (store_query(st, survey_id ? ST_COMMITMENT_UPDATES : ST_COMMITMENT_UPDATES_ALL, q,
			survey_id ? 1 : 0, a, COMMITMENT_UPDATES_MAX, &u) != STORE_OK)
		return -1;
	if (r.nrows == 0)
		return 0;
	v = arena_alloc(a, r.nrows * sizeof(*v));
	if (v == NULL)
		return -1;
	memset(v, 0, r.nrows * sizeof(*v));
	for (size_t i = 0; i < r.nrows; i++) {
		v[i].id = store_cell_ll(&r, i, 0);
		v[i].survey_id = store_cell_str(&r, i, 1);
		v[i].text_en = store_cell_str(&r, i, 2);
		v[i].text_cy = store_cell_str(&r, i, 3);
		v[i].answers = opt(&r, i, 4);
		v[i].answers_en = opt(&r, i, 5);
		v[i].answers_cy = opt(&r, i, 6);
		v[i].owner = store_cell_str(&r, i, 7);
		v[i].due = store_cell_str(&r, i, 8);
		v[i].status = store_cell_str(&r, i, 9);
	}
	/* Updates come ordered by commitment, then date: give each its run. */
	for (size_t i = 0; i < r.nrows; i++) {
		size_t c = 0;

		for (size_t j = 0; j < u.nrows; j++)
			if (store_cell_ll(&u, j, 0) == v[i].id)
				c++;
		if (c == 0)
			continue;
		v[i].updates = arena_alloc(a, c * sizeof(*v[i].updates));
		if (v[i].updates == NULL)
			return -1;
		for (size_t j = 0; j < u.nrows; j++) {
			struct commitment_update *e;

			if (store_cell_ll(&u, j, 0) != v[i].id)
				continue;
			e = &v[i].updates[v[i].nupdates++];
			e->id = store_cell_ll(&u, j, 1);
			e->date = store_cell_str(&u, j, 2);
			e->status = store_cell_str(&u, j, 3);
			e->note_en = store_cell_str(&u, j, 4);
			e->note_cy = store_cell_str(&u, j, 5);
			e->officer = store_cell_str(&u, j, 6);
			e->due_from = opt(&u, j, 7);
			e->due_to = opt(&u, j, 8);
		}
	}
	*out = v;
	*n = r.nrows;
	return 0;
}

static struct store_arg opt_arg(const char *s)
{
	return s != NULL && s[0] != '\0' ? STORE_STR(s) : STORE_NULL;
}

enum store_err commitments_add(struct store *st, const struct audit_actor *who,
			       const char *survey_id, const struct commitment_fields *c,
			       const char *date, const char *status, const char *note_en,
			       const char *note_cy, const char *detail, long long *id)
{
	struct store_arg a[] = {STORE_STR(survey_id),	STORE_STR(c->text_en),
				STORE_STR(c->text_cy),	opt_arg(c->answers),
				opt_arg(c->answers_en), opt_arg(c->answers_cy),
				STORE_STR(c->owner),	STORE_STR(c->due),
				STORE_STR(status),	STORE_STR(who->username)};
	unsigned long long nid = 0;
	enum store_err e = store_begin(st);

	if (e == STORE_OK)
		e = store_exec(st, ST_COMMITMENT_INSERT, a, 10, NULL, &nid);
	if (e == STORE_OK) {
		struct store_arg u[] = {STORE_INT((long long)nid), STORE_STR(date),
					STORE_STR(status),	   STORE_STR(note_en),
					STORE_STR(note_cy),	   STORE_STR(who->username),
					STORE_INT((long long)nid), STORE_STR(survey_id)};

		e = store_exec(st, ST_COMMITMENT_UPDATE_INSERT, u, 8, NULL, NULL);
	}
	if (e == STORE_OK && audit_add(st, who, "commitment-add", survey_id, detail) != 0)
		e = STORE_ERROR;
	if (e == STORE_OK)
		e = store_commit(st);
	if (e != STORE_OK)
		store_rollback(st);
	else
		*id = (long long)nid;
	return e;
}

enum store_err commitments_edit(struct store *st, const struct audit_actor *who,
				const char *survey_id, long long id,
				const struct commitment_fields *c, const char *date,
				const char *detail)
{
	struct store_arg m[] = {STORE_STR(date), STORE_STR(who->username), STORE_STR(c->due),
				STORE_INT(id),	 STORE_STR(survey_id),	   STORE_STR(c->due)};
	struct store_arg a[] = {
	    STORE_STR(c->text_en),  STORE_STR(c->text_cy),  opt_arg(c->answers),
	    opt_arg(c->answers_en), opt_arg(c->answers_cy), STORE_STR(c->owner),
	    STORE_STR(c->due),	    STORE_INT(id),	    STORE_STR(survey_id)};
	unsigned long long n = 0;
	enum store_err e = store_begin(st);

	if (e == STORE_OK)
		e = store_exec(st, ST_COMMITMENT_DUE_MOVED, m, 6, NULL, NULL);
	if (e == STORE_OK)
		e = store_exec(st, ST_COMMITMENT_EDIT, a, 9, &n, NULL);
	if (e == STORE_OK && n == 0)
		e = STORE_NOT_FOUND;
	if (e == STORE_OK && audit_add(st, who, "commitment-edit", survey_id, detail) != 0)
		e = STORE_ERROR;
	if (e == STORE_OK)
		e = store_commit(st);
	if (e != STORE_OK)
		store_rollback(st);
	return e;
}

enum store_err commitments_update(struct store *st, const struct audit_actor *who,
				  const char *survey_id, long long id, const char *date,
				  const char *status, const char *note_en, const char *note_cy,
				  const char *detail)
{
	struct store_arg u[] = {STORE_INT(id),	    STORE_STR(date),	 STORE_STR(status),
				STORE_STR(note_en), STORE_STR(note_cy),	 STORE_STR(who->username),
				STORE_INT(id),	    STORE_STR(survey_id)};
	struct store_arg s[] = {STORE_STR(status), STORE_INT(id), STORE_STR(survey_id)};
	unsigned long long n = 0;
	enum store_err e = store_begin(st);

	if (e == STORE_OK)
		e = store_exec(st, ST_COMMITMENT_UPDATE_INSERT, u, 8, &n, NULL);
	if (e == STORE_OK && n == 0)
		e = STORE_NOT_FOUND;
	if (e == STORE_OK)
		e = store_exec(st, ST_COMMITMENT_STATUS, s, 3, NULL, NULL);
	if (e == STORE_OK && audit_add(st, who, "commitment-update", survey_id, detail) != 0)
		e = STORE_ERROR;
	if (e == STORE_OK)
		e = store_commit(st);
	if (e != STORE_OK)
		store_rollback(st);
	return e;
}
