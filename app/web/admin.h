/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * admin: what the page families under /admin share. officer.c owns sign-in,
 * sessions, anti-forgery tokens and the audit log, and routes every /admin
 * request; the other families (moderate.c: free-text answers, flags and
 * exports; themes.c: themes and their moderation) receive the signed-in account from it and use these helpers,
 * so the rules for who may do what live in one place.
 */
#ifndef YV_WEB_ADMIN_H
#define YV_WEB_ADMIN_H

#include "web/session.h"
#include "web/web.h"

/* The signed-in account, loaded for each request. */
struct admin {
	long long user_id;
	const char *username, *role, *display;
	int officer;
	const char **surveys; /* NULL: every survey */
	size_t nsurveys;
	char sid[SESSION_HEX + 1];
	char sid_hash[65];
};

/* Record an action in the audit log (who, what, which survey, detail):
 * 0, or -1 when it could not be written. */
int admin_audit(struct app *app, const struct admin *ad, const char *action,
                const char *survey_id, const char *detail);
/*
 * Record an officer's decision on survey s: the statement st with its
 * arguments, with recount a move of the survey's moderation version (for
 * decisions that change the figures, so that cached results are counted
 * again) and the audit row, in one transaction. STORE_OK, or the error
 * (rolled back).
 */
enum store_err admin_decide(struct app *app, const struct admin *ad, const struct survey *s,
                            enum store_stmt st, const struct store_arg *a, size_t na, int recount,
                            const char *action, const char *detail);
/* Whether the account may see survey_id at all (its limits). */
int admin_may(const struct admin *ad, const char *survey_id);
/* The anti-forgery token for this session's forms (in the request arena). */
const char *admin_form_token(struct app *app, struct req *rq, const struct admin *ad);
/* The 403 page: "You cannot do that". */
void admin_forbidden(struct app *app, struct req *rq, struct resp *rs);

/* moderate.c: /admin/answers/<id> (and its POSTs), /admin/export/<id>.csv
 * and .json. 1 when the path was one of them (rs is then filled), else 0.
 * Forged POSTs have already been refused. */
int moderate_handle(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad);

/* themes.c: /admin/themes/<id> (rest: what follows /admin/themes/): the
 * themes of a survey's analysed questions and officers' renames, merges
 * and hidden quotes. Forged POSTs have already been refused. */
void themes_admin(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
                  const char *rest);

#endif
