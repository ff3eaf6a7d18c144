/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * saves: residents' partial saves (see saves.h). The only file that knows
 * the columns of table partial as a journey reads and writes them; the
 * purge of expired saves is `yourvoice purge`'s, the rekeying of their
 * codes store/codes.c's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/saves.h"

enum store_err saves_get(struct store *st, struct arena *a, const char *survey_id,
			 const char *session_hash, struct saves_row *out)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_STR(session_hash)};
	struct store_rows r;
	enum store_err e;

	memset(out, 0, sizeof(*out));
	e = store_query(st, ST_PARTIAL_GET, args, 2, a, 1, &r);
	if (e != STORE_OK)
		return e;
	if (r.nrows == 0)
		return STORE_NOT_FOUND;
	out->id = store_cell_ll(&r, 0, 0);
	out->answers = STORE_CELL(&r, 0, 1) ? STORE_CELL(&r, 0, 1) : "";
	out->page_index = (size_t)store_cell_ll(&r, 0, 2);
	out->lang = STORE_CELL(&r, 0, 3) ? STORE_CELL(&r, 0, 3) : "";
	out->invitation_id = store_cell_ll(&r, 0, 4);
	out->email = STORE_CELL(&r, 0, 5);
	out->created = store_cell_ll(&r, 0, 6);
	return STORE_OK;
}

enum store_err saves_insert(struct store *st, const struct saves_new *n, long long *id)
{
	struct store_arg a[] = {STORE_STR(n->survey_id),
				STORE_STR(n->session_hash),
				STORE_STR(n->resume_hash),
				STORE_STR(n->lang),
				STORE_STR(n->answers),
				STORE_INT((long long)n->page_index),
				n->invitation_id ? STORE_INT(n->invitation_id) : STORE_NULL,
				STORE_INT(n->days)};
	unsigned long long got = 0;
	enum store_err e = store_exec(st, ST_PARTIAL_INSERT, a, 8, NULL, &got);

	if (e == STORE_OK)
		*id = (long long)got;
	return e;
}

enum store_err saves_update(struct store *st, long long id, const char *answers, size_t page_index,
			    const char *lang, int days)
{
	struct store_arg a[] = {STORE_STR(answers), STORE_INT((long long)page_index),
				STORE_STR(lang), STORE_INT(days), STORE_INT(id)};

	return store_exec(st, ST_PARTIAL_UPDATE, a, 5, NULL, NULL);
}

enum store_err saves_set_resume(struct store *st, long long id, const char *resume_hash)
{
	struct store_arg a[] = {STORE_STR(resume_hash), STORE_INT(id)};

	return store_exec(st, ST_PARTIAL_SET_RESUME, a, 2, NULL, NULL);
}

enum store_err saves_set_email(struct store *st, long long id, const char *email)
{
	struct store_arg a[] = {STORE_STR(email), STORE_INT(id)};

	return store_exec(st, ST_PARTIAL_SET_EMAIL, a, 2, NULL, NULL);
}

enum store_err saves_set_invitation(struct store *st, long long id, long long invitation_id)
{
	struct store_arg a[] = {STORE_INT(invitation_id), STORE_INT(id)};

	return store_exec(st, ST_PARTIAL_SET_INVITATION, a, 2, NULL, NULL);
}

enum store_err saves_by_resume(struct store *st, struct arena *a, const char *resume_hash,
			       struct saves_resume *out)
{
	struct store_arg args[] = {STORE_STR(resume_hash)};
	struct store_rows r;
	enum store_err e;

	memset(out, 0, sizeof(*out));
	e = store_query(st, ST_PARTIAL_BY_RESUME, args, 1, a, 1, &r);
	if (e != STORE_OK)
		return e;
	if (r.nrows == 0)
		return STORE_NOT_FOUND;
	out->id = store_cell_ll(&r, 0, 0);
	out->survey_id = STORE_CELL(&r, 0, 1) ? STORE_CELL(&r, 0, 1) : "";
	out->page_index = (size_t)store_cell_ll(&r, 0, 2);
	out->live = store_cell_ll(&r, 0, 3) == 1;
	out->email = STORE_CELL(&r, 0, 4);
	out->lang = STORE_CELL(&r, 0, 5) ? STORE_CELL(&r, 0, 5) : "";
	return STORE_OK;
}

enum store_err saves_resume_swap(struct store *st, const char *survey_id, const char *session_hash,
				 long long id, const char *old_hash, const char *fresh_hash,
				 int *used)
{
	struct store_arg del[] = {STORE_STR(survey_id), STORE_STR(session_hash), STORE_INT(id)};
	struct store_arg swap[] = {STORE_STR(fresh_hash), STORE_STR(session_hash), STORE_INT(id),
				   STORE_STR(old_hash)};
	unsigned long long changed = 0;
	enum store_err e = store_begin(st);

	*used = 0;
	if (e != STORE_OK)
		return e;
	e = store_exec(st, ST_PARTIAL_DELETE_OTHERS, del, 3, NULL, NULL);
	if (e == STORE_OK)
		e = store_exec(st, ST_PARTIAL_RESUME_SWAP, swap, 4, &changed, NULL);
	/* Nothing changes unless the code was swapped: the other saves stay. */
	if (e == STORE_OK && changed == 1)
		e = store_commit(st);
	else
		store_rollback(st);
	if (e == STORE_OK && changed == 1)
		*used = 1;
	return e;
}
