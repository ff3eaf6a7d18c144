/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * session: the resident's session cookie (yv_s, 128 random bits, no
 * expiry: it ends with the browser) and the anti-forgery token derived
 * from it. The server keeps no session state: partial saves are found by
 * the SHA-256 of the cookie, and the token is an HMAC of the cookie under
 * the server key, so a page from another site cannot forge it.
 */
#ifndef YV_WEB_SESSION_H
#define YV_WEB_SESSION_H

#include "web/web.h"

#define SESSION_HEX 32

struct session {
	char id[SESSION_HEX + 1];
	char hash[65]; /* hex SHA-256 of id: what the database holds */
};

/* Take the session from its cookie, or start one (sets the cookie on rs). */
void session_ensure(struct app *app, struct req *rq, struct resp *rs, struct session *s);
/* The session from its cookie only; 0 when there is none. */
int session_existing(const struct req *rq, struct session *s);
/* The anti-forgery token of the session (64 hex digits, in the arena). */
const char *session_csrf(struct app *app, struct req *rq, const struct session *s);
/* 1 when the POST carries a session cookie and its token in field csrf. */
int session_csrf_ok(struct app *app, struct req *rq, struct session *s);
/* 1 when s is n lower-case hex digits. */
int session_hex_valid(const char *s, size_t n);

#endif
