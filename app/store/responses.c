/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * responses: residents' sent responses, their answers and receipts, and
 * the invitations a journey uses (see responses.h). The only file that
 * knows the columns of tables response and answer as a resident's send,
 * receipt lookup and withdrawal touch them; officers' reads (moderation,
 * exports) and the results feed have their own families.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/responses.h"
#include "store/themeviews.h"
#include "store/totals.h"

/* ---------- send ---------- */

static struct store_arg opt_str(const char *s)
{
	return s != NULL && s[0] != '\0' ? STORE_STR(s) : STORE_NULL;
}

/* One try: every statement of the send in one transaction, committed or
 * rolled back. */
static enum store_err send_once(struct store *st, const struct responses_new *r)
{
	unsigned long long rid = 0, affected = 0;
	enum store_err e = store_begin(st);

	if (e != STORE_OK)
		return e;
	{
		struct store_arg ver[] = {STORE_STR(r->survey_id), STORE_STR(r->version_hash)};

		e = store_exec(st, ST_VERSION_ENSURE, ver, 2, NULL, NULL);
	}
	if (e == STORE_OK && r->invitation_id != 0) {
		struct store_arg inv[] = {STORE_INT(r->invitation_id)};

		e = store_exec(st, ST_INVITATION_USE, inv, 1, &affected, NULL);
		if (e == STORE_OK && affected != 1)
			e = STORE_DUPLICATE;
	}
	if (e == STORE_OK) {
		struct store_arg ins[] = {STORE_STR(r->survey_id),
					  STORE_STR(r->version_hash),
					  STORE_STR(r->receipt_hash),
					  STORE_STR(r->sid_hash),
					  STORE_STR(r->lang),
					  STORE_STR(r->channel),
					  r->invitation_id ? STORE_INT(r->invitation_id)
							   : STORE_NULL,
					  STORE_INT(r->flag != NULL),
					  r->flag ? STORE_STR(r->flag) : STORE_NULL,
					  opt_str(r->country),
					  opt_str(r->region),
					  r->in_area >= 0 ? STORE_INT(r->in_area) : STORE_NULL};

		e = store_exec(st, ST_RESPONSE_INSERT, ins, 12, NULL, &rid);
	}
	for (size_t i = 0; e == STORE_OK && i < r->nanswers; i++) {
		struct store_arg a[] = {STORE_INT((long long)rid), STORE_STR(r->survey_id),
					STORE_STR(r->answers[i].field),
					STORE_INT(r->answers[i].ord),
					STORE_STR(r->answers[i].value)};

		e = store_exec(st, ST_ANSWER_INSERT, a, 5, NULL, NULL);
	}
	/* The response's cells go to the queue of its survey's stored totals
	 * in this transaction: the results are never without it. */
	if (e == STORE_OK) {
		struct answers_row *rows = calloc(r->nanswers + 1, sizeof(*rows));

		if (rows == NULL) {
			e = STORE_ERROR;
		} else {
			for (size_t i = 0; i < r->nanswers; i++) {
				rows[i].response_id = rid;
				rows[i].qid = r->answers[i].field;
				rows[i].value = r->answers[i].value;
			}
			e = totals_queue(st, (long long)rid, 1, rows, r->nanswers);
			free(rows);
		}
	}
	/* A journey whose answers were in a sealed cookie has no stored save
	 * of its own; but a save of the same session (a "Save and come back
	 * later" whose answer the browser never got, a cookie put back over
	 * it) must not outlive the send either, or its resume code would
	 * open answers already sent. */
	if (e == STORE_OK && r->partial_id != 0) {
		struct store_arg d[] = {STORE_INT(r->partial_id)};

		e = store_exec(st, ST_PARTIAL_DELETE, d, 1, NULL, NULL);
	}
	if (e == STORE_OK && r->session_hash != NULL) {
		struct store_arg d[] = {STORE_STR(r->survey_id), STORE_STR(r->session_hash),
					STORE_INT(r->partial_id)};

		e = store_exec(st, ST_PARTIAL_DELETE_OTHERS, d, 3, NULL, NULL);
	}
	if (e == STORE_OK && r->notify_email != NULL) {
		struct store_arg n[] = {STORE_STR(r->survey_id), STORE_STR(r->notify_email),
					STORE_STR(r->lang), STORE_STR(r->notify_salt)};

		e = store_exec(st, ST_NOTIFY_SUBSCRIBE, n, 4, NULL, NULL);
	}
	if (e == STORE_OK)
		e = store_commit(st);
	else
		store_rollback(st);
	return e;
}

enum store_err responses_send(struct store *st, const struct responses_new *r)
{
	enum store_err e = STORE_ERROR;

	for (int attempt = 0; attempt < RESPONSES_SEND_TRIES; attempt++) {
		e = send_once(st, r);
		if (e != STORE_RETRY)
			return e;
	}
	return e;
}

/* ---------- lookups ---------- */

enum store_err responses_by_submission(struct store *st, struct arena *a, const char *sid_hash,
				       struct responses_ref *out)
{
	struct store_arg q[] = {STORE_STR(sid_hash)};
	struct store_rows r;
	enum store_err e;

	memset(out, 0, sizeof(*out));
	e = store_query(st, ST_RESPONSE_BY_SUBMISSION, q, 1, a, 1, &r);
	if (e != STORE_OK)
		return e;
	if (r.nrows == 0)
		return STORE_NOT_FOUND;
	out->id = store_cell_ll(&r, 0, 0);
	out->survey_id = store_cell_str(&r, 0, 1);
	return STORE_OK;
}

enum store_err responses_by_receipt(struct store *st, struct arena *a, const char *receipt_hash,
				    struct responses_row *out)
{
	struct store_arg q[] = {STORE_STR(receipt_hash)};
	struct store_rows r;
	enum store_err e;

	memset(out, 0, sizeof(*out));
	e = store_query(st, ST_RESPONSE_BY_RECEIPT, q, 1, a, 1, &r);
	if (e != STORE_OK)
		return e;
	if (r.nrows == 0)
		return STORE_NOT_FOUND;
	out->id = store_cell_ll(&r, 0, 0);
	out->survey_id = store_cell_str(&r, 0, 1);
	out->lang = store_cell_str(&r, 0, 2);
	out->channel = store_cell_str(&r, 0, 3);
	out->status = store_cell_str(&r, 0, 4);
	out->submitted_at = store_cell_str(&r, 0, 5);
	out->version_hash = store_cell_str(&r, 0, 6);
	return STORE_OK;
}

enum store_err responses_answers(struct store *st, struct arena *a, long long id,
				 struct responses_answer **out, size_t *n)
{
	struct store_arg q[] = {STORE_INT(id)};
	struct store_rows r;
	struct responses_answer *v;
	enum store_err e;

	*out = NULL;
	*n = 0;
	e = store_query(st, ST_ANSWERS_OF_RESPONSE, q, 1, a, 10000, &r);
	if (e != STORE_OK)
		return e;
	v = arena_calloc(a, r.nrows + 1, sizeof(*v));
	if (v == NULL)
		return STORE_ERROR;
	for (size_t i = 0; i < r.nrows; i++) {
		v[i].field = store_cell_str(&r, i, 0);
		v[i].ord = (unsigned)store_cell_ll(&r, i, 1);
		v[i].value = store_cell_str(&r, i, 2);
	}
	*out = v;
	*n = r.nrows;
	return STORE_OK;
}

/* ---------- withdrawal ---------- */

enum store_err responses_withdraw(struct store *st, long long id, const char *survey_id,
				  int *withdrawn)
{
	unsigned long long affected = 0;
	struct store_arg a[] = {STORE_INT(id)};
	enum store_err e = store_begin(st);

	if (withdrawn != NULL)
		*withdrawn = 0;
	if (e != STORE_OK)
		return e;
	/* Its cells leave the stored totals in this transaction (read, with
	 * the response locked, before its answers go). */
	e = totals_queue(st, id, -1, NULL, 0);
	if (e == STORE_NOT_FOUND)
		e = STORE_OK; /* withdrawn already: nothing to take out */
	if (e == STORE_OK)
		e = store_exec(st, ST_RESPONSE_WITHDRAW, a, 1, &affected, NULL);
	if (e == STORE_OK && affected == 1)
		e = store_exec(st, ST_ANSWERS_DELETE, a, 1, NULL, NULL);
	/* Workers' cached results check the responses counted below the last
	 * id they saw; a withdrawal and a late commit with a lower id would
	 * cancel out there, so the withdrawal also moves the survey's version
	 * (publish.c) and every worker counts afresh. */
	if (e == STORE_OK && affected == 1) {
		struct store_arg v[] = {STORE_STR(survey_id)};

		e = store_exec(st, ST_MOD_VERSION_BUMP, v, 1, NULL, NULL);
		/* and its quotes leave the stored themes views */
		if (e == STORE_OK)
			e = themeviews_bump(st, survey_id);
	}
	if (e == STORE_OK)
		e = store_commit(st);
	else
		store_rollback(st);
	if (e == STORE_OK && withdrawn != NULL)
		*withdrawn = affected == 1;
	return e;
}

/* ---------- invitations ---------- */

enum store_err responses_invitation_find(struct store *st, const char *survey_id,
					 const char *code_hash, long long *id)
{
	struct store_arg q[] = {STORE_STR(survey_id), STORE_STR(code_hash)};
	struct store_rows r;
	struct arena ar;
	enum store_err e;

	*id = 0;
	arena_init(&ar, 0);
	e = store_query(st, ST_INVITATION_FIND, q, 2, &ar, 1, &r);
	if (e == STORE_OK && r.nrows == 0)
		e = STORE_NOT_FOUND;
	if (e == STORE_OK)
		*id = store_cell_ll(&r, 0, 0);
	arena_release(&ar);
	return e;
}

long long responses_complete_count(struct store *st, struct arena *a, const char *survey_id)
{
	struct store_arg q[] = {STORE_STR(survey_id)};
	struct store_rows r;

	if (store_query(st, ST_RESPONSE_COUNT, q, 1, a, 1, &r) != STORE_OK || r.nrows != 1)
		return -1;
	return strtoll(STORE_CELL(&r, 0, 0), NULL, 10);
}

enum store_err responses_channel_months(struct store *st, struct arena *a, const char *survey_id,
					struct responses_channel_month **out, size_t *n)
{
	struct store_arg q[] = {STORE_STR(survey_id)};
	struct store_rows r;
	enum store_err e;

	*out = NULL;
	*n = 0;
	e = store_query(st, ST_RESPONSE_CHANNEL_MONTHS, q, 1, a, RESPONSES_CHANNEL_MONTHS_MAX, &r);
	if (e != STORE_OK)
		return e;
	if (r.nrows == 0)
		return STORE_OK;
	*out = arena_calloc(a, r.nrows, sizeof(**out));
	if (*out == NULL)
		return STORE_ERROR;
	for (size_t i = 0; i < r.nrows; i++) {
		(*out)[i].month = store_cell_str(&r, i, 0);
		(*out)[i].channel = store_cell_str(&r, i, 1);
		(*out)[i].count = store_cell_ll(&r, i, 2);
	}
	*n = r.nrows;
	return STORE_OK;
}

enum store_err responses_channel_counts(struct store *st, struct arena *a, const char *survey_id,
					struct responses_channel_count *out, size_t *n)
{
	struct store_arg q[] = {STORE_STR(survey_id)};
	struct store_rows r;
	enum store_err e;

	*n = 0;
	e = store_query(st, ST_RESPONSE_COUNT_BY_CHANNEL, q, 1, a, RESPONSES_CHANNELS_MAX, &r);
	if (e != STORE_OK)
		return e;
	for (size_t i = 0; i < r.nrows && i < RESPONSES_CHANNELS_MAX; i++) {
		out[i].channel = store_cell_str(&r, i, 0);
		out[i].n = store_cell_ll(&r, i, 1);
	}
	*n = r.nrows < RESPONSES_CHANNELS_MAX ? r.nrows : RESPONSES_CHANNELS_MAX;
	return STORE_OK;
}
