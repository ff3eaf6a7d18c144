/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* audit: the audit log and decisions recorded with it (see audit.h). */
#include "config.h"

#include <string.h>

#include "core/log.h"
#include "core/utf8.h"
#include "store/audit.h"
#include "store/themeviews.h"
#include "store/totals.h"

/* detail cut to AUDIT_DETAIL_MAX bytes at a character boundary (a forged
 * form's path may be long), so that the row is never refused. */
static struct store_arg detail_arg(const char *detail)
{
	size_t n;

	if (detail == NULL)
		return STORE_NULL;
	n = strlen(detail);
	n = utf8_cut_bytes(detail, n, AUDIT_DETAIL_MAX);
	return STORE_STRN(detail, n);
}

static enum store_err insert(struct store *st, const struct audit_actor *who, const char *action,
			     const char *survey_id, const char *detail)
{
	struct store_arg a[] = {who->user_id ? STORE_INT(who->user_id) : STORE_NULL,
				STORE_STR(who->username), STORE_STR(action),
				survey_id ? STORE_STR(survey_id) : STORE_NULL, detail_arg(detail)};

	return store_exec(st, ST_AUDIT_INSERT, a, 5, NULL, NULL);
}

int audit_add(struct store *st, const struct audit_actor *who, const char *action,
	      const char *survey_id, const char *detail)
{
	if (insert(st, who, action, survey_id, detail) != STORE_OK) {
		log_error("audit: could not record '%s'", action);
		return -1;
	}
	return 0;
}

enum store_err audit_decide(struct store *st, const struct audit_actor *who, const char *survey_id,
			    enum store_stmt id, const struct store_arg *a, size_t na, int recount,
			    const char *action, const char *detail)
{
	struct store_arg v[] = {STORE_STR(survey_id)};
	enum store_err e = store_begin(st);

	if (e == STORE_OK)
		e = store_exec(st, id, a, na, NULL, NULL);
	if (e == STORE_OK && recount)
		e = store_exec(st, ST_MOD_VERSION_BUMP, v, 1, NULL, NULL);
	/* Every officer's decision may change a themes view (theme decisions,
	 * moves, hidden answers): the stored views go stale with it. */
	if (e == STORE_OK && survey_id != NULL)
		e = themeviews_bump(st, survey_id);
	if (e == STORE_OK)
		e = insert(st, who, action, survey_id, detail);
	if (e == STORE_OK)
		e = store_commit(st);
	if (e != STORE_OK)
		store_rollback(st);
	return e;
}

enum store_err audit_decide_response(struct store *st, const struct audit_actor *who,
				     const char *survey_id, enum store_stmt id,
				     const struct store_arg *a, size_t na, long long response_id,
				     const char *action, const char *detail)
{
	struct store_arg v[] = {STORE_STR(survey_id)};
	enum store_err e = store_begin(st);
	int counted = 0;

	/* Out of the set it was counted in, the decision, into the set it
	 * is counted in now: the stored totals move in this transaction. */
	if (e == STORE_OK) {
		e = totals_queue(st, response_id, -1, NULL, 0);
		counted = e == STORE_OK;
		if (e == STORE_NOT_FOUND)
			e = STORE_OK;
	}
	if (e == STORE_OK)
		e = store_exec(st, id, a, na, NULL, NULL);
	if (e == STORE_OK && counted)
		e = totals_queue(st, response_id, 1, NULL, 0);
	if (e == STORE_OK)
		e = store_exec(st, ST_MOD_VERSION_BUMP, v, 1, NULL, NULL);
	/* a flagged response's quotes leave the themes views at once */
	if (e == STORE_OK)
		e = themeviews_bump(st, survey_id);
	if (e == STORE_OK)
		e = insert(st, who, action, survey_id, detail);
	if (e == STORE_OK)
		e = store_commit(st);
	if (e != STORE_OK)
		store_rollback(st);
	return e;
}
