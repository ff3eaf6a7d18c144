/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* notify: subscribers, events and sends of the residents' emails (notify.h). */
#include "config.h"

#include <string.h>

#include "store/notify.h"
#include "store/stmt.h"

enum store_err notify_event_add(struct store *st, const char *survey_id, const char *kind,
				const char *ref, int *added)
{
	struct store_arg a[] = {STORE_STR(survey_id), STORE_STR(kind), STORE_STR(ref)};
	unsigned long long n = 0;
	enum store_err e = store_exec(st, ST_NOTIFY_EVENT_ADD, a, 3, &n, NULL);

	if (added != NULL)
		*added = e == STORE_OK && n > 0;
	return e;
}

enum store_err notify_events(struct store *st, struct arena *a, const char *survey_id,
			     struct notify_event **out, size_t *n)
{
	struct store_arg q[] = {STORE_STR(survey_id)};
	struct store_rows r;
	enum store_err e;

	*out = NULL;
	*n = 0;
	e = store_query(st, ST_NOTIFY_EVENTS, q, 1, a, 1000, &r);
	if (e != STORE_OK || r.nrows == 0)
		return e;
	*out = arena_calloc(a, r.nrows, sizeof(**out));
	if (*out == NULL)
		return STORE_ERROR;
	for (size_t i = 0; i < r.nrows; i++) {
		(*out)[i].id = store_cell_ll(&r, i, 0);
		(*out)[i].kind = store_cell_str(&r, i, 2);
		(*out)[i].ref = store_cell_str(&r, i, 3);
	}
	*n = r.nrows;
	return STORE_OK;
}

enum store_err notify_pending(struct store *st, struct arena *a, long long event_id,
			      const char *survey_id, size_t max, struct notify_subscriber **out,
			      size_t *n)
{
	struct store_arg q[] = {STORE_INT(event_id), STORE_STR(survey_id),
				STORE_INT((long long)max)};
	struct store_rows r;
	enum store_err e;

	*out = NULL;
	*n = 0;
	e = store_query(st, ST_NOTIFY_PENDING, q, 3, a, max, &r);
	if (e != STORE_OK || r.nrows == 0)
		return e;
	*out = arena_calloc(a, r.nrows, sizeof(**out));
	if (*out == NULL)
		return STORE_ERROR;
	for (size_t i = 0; i < r.nrows; i++) {
		(*out)[i].id = store_cell_ll(&r, i, 0);
		(*out)[i].survey_id = survey_id;
		(*out)[i].email = store_cell_str(&r, i, 1);
		(*out)[i].lang = store_cell_str(&r, i, 2);
		(*out)[i].salt = store_cell_str(&r, i, 3);
		(*out)[i].created_at = store_cell_str(&r, i, 4);
	}
	*n = r.nrows;
	return STORE_OK;
}

enum store_err notify_mark(struct store *st, long long event_id, long long subscriber_id,
			   const char *state)
{
	struct store_arg a[] = {STORE_INT(event_id), STORE_INT(subscriber_id), STORE_STR(state)};

	return store_exec(st, ST_NOTIFY_MARK, a, 3, NULL, NULL);
}

enum store_err notify_subscriber_get(struct store *st, struct arena *a, long long id,
				     struct notify_subscriber *out)
{
	struct store_arg q[] = {STORE_INT(id)};
	struct store_rows r;
	enum store_err e;

	memset(out, 0, sizeof(*out));
	e = store_query(st, ST_NOTIFY_SUBSCRIBER, q, 1, a, 1, &r);
	if (e != STORE_OK)
		return e;
	if (r.nrows == 0)
		return STORE_NOT_FOUND;
	out->id = id;
	out->survey_id = store_cell_str(&r, 0, 0);
	out->email = store_cell_str(&r, 0, 1);
	out->lang = store_cell_str(&r, 0, 2);
	out->salt = store_cell_str(&r, 0, 3);
	return STORE_OK;
}

enum store_err notify_unsubscribe(struct store *st, long long id)
{
	struct store_arg a[] = {STORE_INT(id)};
	enum store_err e = store_begin(st);

	if (e != STORE_OK)
		return e;
	e = store_exec(st, ST_NOTIFY_SENT_FORGET, a, 1, NULL, NULL);
	if (e == STORE_OK)
		e = store_exec(st, ST_NOTIFY_UNSUBSCRIBE, a, 1, NULL, NULL);
	if (e == STORE_OK)
		return store_commit(st);
	store_rollback(st);
	return e;
}

enum store_err notify_purge(struct store *st, const char *survey_id, const char *before,
			    unsigned long long *deleted)
{
	struct store_arg a[] = {STORE_STR(survey_id), STORE_STR(before)};
	unsigned long long n = 0;
	enum store_err e = store_begin(st);

	if (e != STORE_OK)
		return e;
	e = store_exec(st, ST_NOTIFY_PURGE_SENT, a, 2, NULL, NULL);
	if (e == STORE_OK)
		e = store_exec(st, ST_NOTIFY_PURGE, a, 2, &n, NULL);
	if (e == STORE_OK)
		e = store_commit(st);
	else
		store_rollback(st);
	if (deleted != NULL)
		*deleted = e == STORE_OK ? n : 0;
	return e;
}

enum store_err notify_lock(struct store *st, struct arena *a, int *got)
{
	struct store_rows r;
	enum store_err e = store_query(st, ST_NOTIFY_LOCK, NULL, 0, a, 1, &r);

	*got = e == STORE_OK && r.nrows == 1 && store_cell_ll(&r, 0, 0) == 1;
	return e;
}

enum store_err notify_unlock(struct store *st, struct arena *a)
{
	struct store_rows r;

	return store_query(st, ST_NOTIFY_UNLOCK, NULL, 0, a, 1, &r);
}
