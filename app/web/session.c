/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* session: session cookie and anti-forgery token (see session.h). */
#include "config.h"

#include <string.h>

#include "web/session.h"

int session_hex_valid(const char *s, size_t n)
{
	if (s == NULL || strlen(s) != n)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

int session_existing(const struct req *rq, struct session *s)
{
	const char *c = http_param_get(&rq->cookies, "yv_s");

	if (!session_hex_valid(c, SESSION_HEX))
		return 0;
	memcpy(s->id, c, SESSION_HEX + 1);
	token_sha256(s->id, s->hash);
	return 1;
}

void session_ensure(struct app *app, struct req *rq, struct resp *rs, struct session *s)
{
	(void)app;
	if (session_existing(rq, s))
		return;
	token_hex(s->id, SESSION_HEX / 2);
	token_sha256(s->id, s->hash);
	resp_header(rs, "Set-Cookie",
		    arena_printf(rq->a, "yv_s=%s; Path=/; HttpOnly; SameSite=Lax%s", s->id,
				 rq->https ? "; Secure" : ""));
}

const char *session_csrf(struct app *app, struct req *rq, const struct session *s)
{
	char tag[65];
	const char *msg = arena_printf(rq->a, "csrf:%s", s->id);

	token_sign(app->key, msg ? msg : "", tag);
	return arena_strdup(rq->a, tag);
}

int session_csrf_ok(struct app *app, struct req *rq, struct session *s)
{
	const char *t = http_param_get(&rq->form, "csrf");
	const char *msg;

	if (!session_existing(rq, s) || t == NULL)
		return 0;
	msg = arena_printf(rq->a, "csrf:%s", s->id);
	return msg != NULL && token_verify(app->key, msg, t);
}
