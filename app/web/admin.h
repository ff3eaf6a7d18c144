/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * admin: what the page families under /admin share (admin.c): the
 * signed-in account, sign-in and sign-out, the anti-forgery token of
 * officers' forms, the audit wrappers, who may see which survey and the
 * 403 page. The router loads the account, refuses forged POSTs and checks
 * the role a route declares before any /admin handler runs, and hands the
 * account to the handler (struct route_parts), so the rules for who may
 * do what live in one place.
 */
#ifndef YV_WEB_ADMIN_H
#define YV_WEB_ADMIN_H

#include "web/routedef.h"
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

/* The account signed in with this request's yv_admin cookie: 1, 0 when
 * none (or its session ended), -1 when the database cannot say. */
int admin_load(struct app *app, struct req *rq, struct admin *ad);
/* 1 when the POST carries the session's anti-forgery token in field csrf. */
int admin_token_ok(struct app *app, struct req *rq, const struct admin *ad);

/* Record an action in the audit log (who, what, which survey, detail):
 * 0, or -1 when it could not be written. */
int admin_audit(struct app *app, const struct admin *ad, const char *action, const char *survey_id,
		const char *detail);
/* The same for an actor without a session (user_id 0: none, e.g. a failed sign-in). */
int admin_audit_as(struct app *app, long long user_id, const char *username, const char *action,
		   const char *survey_id, const char *detail);
/* Whether the account may see survey_id at all (its limits). */
int admin_may(const struct admin *ad, const char *survey_id);
/* The anti-forgery token for this session's forms (in the request arena). */
const char *admin_form_token(struct app *app, struct req *rq, const struct admin *ad);
/* The 403 page: "You cannot do that". */
void admin_forbidden(struct app *app, struct req *rq, struct resp *rs);

/* The sign-in page (error: the message, then 422; typed: the name to refill). */
void admin_signin_page(struct app *app, struct req *rq, struct resp *rs, const char *error,
		       const char *typed);
/* Routes: POST /admin/sign-in, its answer to an expired form, POST /admin/sign-out. */
route_fn admin_sign_in, admin_sign_in_refused, admin_sign_out;

#endif
