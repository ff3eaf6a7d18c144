/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * admin: what the /admin page families share (officer.c owns sign-in and
 * sessions; themes.c and others add their pages): the signed-in account,
 * its survey permission, the anti-forgery token of its forms, the audit
 * log and the 403 page. handle_admin() has loaded the account and checked
 * the token of every POST before any of these pages runs; pages still
 * check role and survey permission themselves on every request.
 */
#ifndef YV_WEB_ADMIN_H
#define YV_WEB_ADMIN_H

#include <stddef.h>

#include "web/session.h"
#include "web/web.h"

struct admin {
	long long user_id;
	const char *username, *role, *display;
	int officer;
	const char **surveys; /* NULL: every survey */
	size_t nsurveys;
	char sid[SESSION_HEX + 1];
	char sid_hash[65];
};

/* Whether the account may see survey_id (officers and councillors alike). */
int admin_may_see(const struct admin *ad, const char *survey_id);
/* The anti-forgery token for this account's forms (in the request arena). */
const char *admin_form_token(struct app *app, struct req *rq, const struct admin *ad);
/* One row of the audit log: who (the account), what, which survey, detail. */
void admin_audit(struct app *app, const struct admin *ad, const char *action, const char *survey_id,
		 const char *detail);
/* The 403 page. */
void admin_forbidden(struct app *app, struct req *rq, struct resp *rs);

#endif
