/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * route: the matcher and dispatcher of the one route table (routes.c).
 * Before any route: /healthz is answered whatever else fails; an instance
 * whose key was replaced steps aside (503); an undecodable request is 400
 * in the resident's language; every other page counts against the
 * network's rate limit (429). Then, for the first route whose pattern
 * matches the path (none: 404):
 *   1. /admin routes (RF_SIGNED_IN): an unknown method is 405; without a
 *      session every page is the sign-in page (a POST: "your form has
 *      expired", 403); a POST without the session's token is audited and
 *      refused (403);
 *   2. <survey> is resolved to a loaded survey (404);
 *   3. the method must be one the route allows (405, Allow: its methods);
 *   4. <page> is resolved to a page of the survey (404);
 *   5. RF_OFFICER: officers only; RF_MAY: the account may see the survey (403);
 *   6. RF_CSRF outside /admin: a POST without the resident session's token
 *      is answered by the route's refusal (its handler's own page) or 403;
 *   7. the declared fields are checked (a required or strict one failing: 400);
 * and the handler runs with what was resolved.
 * Includes the table (routes.h), admin.h and session.h: every file it
 * calls sits below it.
 */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "web/admin.h"
#include "web/routes.h"
#include "web/session.h"
#include "web/web.h"

#define ROUTE_MAX_FIELDS 16

/* What a pattern matched, before anything is looked up. */
struct match {
	const char *survey_id; /* <survey>'s text (in the arena), or NULL */
	const char *page_id;   /* <page>'s text, or NULL */
	const char *rest;      /* <rest> or <rest...>, or "" */
};

/* Match one segment of a pattern (ps..pe) against one of the path (s..e). */
static int segment_match(struct arena *a, const char *ps, const char *pe, const char *s,
			 const char *e, struct match *m)
{
	size_t plen = (size_t)(pe - ps), slen = (size_t)(e - s);

	if (plen >= 8 && strncmp(ps, "<survey>", 8) == 0) {
		size_t suffix = plen - 8; /* e.g. ".json" after the id */

		/* The one check of a survey id in a path: its syntax here, its
		 * existence when the route is chosen. */
		if (slen <= suffix || memcmp(e - suffix, ps + 8, suffix) != 0 ||
		    !survey_id_valid(s, slen - suffix))
			return 0;
		m->survey_id = arena_strndup(a, s, slen - suffix);
		return m->survey_id != NULL;
	}
	if (plen == 6 && strncmp(ps, "<page>", 6) == 0) {
		m->page_id = arena_strndup(a, s, slen);
		return slen > 0 && m->page_id != NULL;
	}
	if (plen == 6 && strncmp(ps, "<rest>", 6) == 0) {
		m->rest = arena_strndup(a, s, slen);
		return slen > 0 && m->rest != NULL;
	}
	return plen == slen && memcmp(ps, s, slen) == 0;
}

/* 1 when path matches pattern (both start with '/'). */
static int pattern_match(struct arena *a, const char *pattern, const char *path, struct match *m)
{
	const char *p = pattern, *s = path;

	memset(m, 0, sizeof(*m));
	m->rest = "";
	while (*p == '/' && *s == '/') {
		const char *pe, *se;

		p++;
		s++;
		if (strcmp(p, "<rest...>") == 0) {
			m->rest = s;
			return 1;
		}
		pe = p + strcspn(p, "/");
		se = s + strcspn(s, "/");
		if (!segment_match(a, p, pe, s, se, m))
			return 0;
		p = pe;
		s = se;
	}
	return *p == '\0' && *s == '\0';
}

static unsigned method_bit(enum req_method m)
{
	return m == M_GET || m == M_HEAD ? RM_GET : m == M_POST ? RM_POST : RM_OTHER;
}

/* The Allow header of a 405: the methods of the routes that share the pattern. */
static void allow_header(struct resp *rs, unsigned methods)
{
	const char *v = (methods & RM_OTHER)	       ? "GET, HEAD, POST"
			: (methods & RM_ALL) == RM_ALL ? "GET, HEAD, POST"
			: methods & RM_POST	       ? "POST"
						       : "GET, HEAD";

	resp_header(rs, "Allow", v);
}

/* Check the declared fields into rp; 0, or -1 when a required or strict one fails (400). */
static int fields_check(struct req *rq, const struct route *r, const char **value,
			const char **sent, unsigned char *bad)
{
	for (size_t i = 0; i < r->nfields; i++) {
		const struct route_field *f = &r->fields[i];
		const char *v = NULL;

		/* Form fields exist only in a POST's body. */
		if (f->src == RS_QUERY)
			v = http_param_get(&rq->query_params, f->name);
		else if (rq->method == M_POST)
			v = http_param_get(&rq->form, f->name);
		sent[i] = v;
		value[i] = NULL;
		bad[i] = 0;
		if (v != NULL) {
			if (strlen(v) > f->max || (f->valid != NULL && !f->valid(v)))
				bad[i] = 1;
			else
				value[i] = v;
		}
		if (((f->flags & RFF_STRICT) && bad[i]) ||
		    ((f->flags & RFF_REQUIRED) && value[i] == NULL &&
		     (f->src == RS_QUERY || rq->method == M_POST)))
			return -1;
	}
	return 0;
}

/* Step 1: the account of an /admin route; 1 to go on, 0 when rs is filled. */
static int admin_gate(struct app *app, struct req *rq, struct resp *rs, struct admin *ad)
{
	int in;

	if (rq->method == M_OTHER) {
		web_error(app, rq, rs, 405);
		return 0;
	}
	in = admin_load(app, rq, ad);
	if (in < 0) {
		web_error(app, rq, rs, 503);
		return 0;
	}
	if (in == 0) {
		/* Signed out: every admin page is the sign-in page. */
		admin_signin_page(app, rq, rs,
				  rq->method == M_POST ? _("Your form has expired") : NULL, NULL);
		if (rq->method == M_POST)
			rs->status = 403;
		return 0;
	}
	if (rq->method == M_POST && !admin_token_ok(app, rq, ad)) {
		admin_audit(app, ad, "refused-forged-form", NULL, rq->path);
		admin_forbidden(app, rq, rs);
		return 0;
	}
	return 1;
}

/* Steps 2 to 7 and the handler, for routes web_routes[first..end). */
static void dispatch(struct app *app, struct req *rq, struct resp *rs, size_t first, size_t end,
		     const struct match *m)
{
	const struct route *r = NULL;
	struct route_parts rp;
	struct admin ad;
	const char *value[ROUTE_MAX_FIELDS], *sent[ROUTE_MAX_FIELDS];
	unsigned char bad[ROUTE_MAX_FIELDS];
	unsigned methods = 0;

	memset(&rp, 0, sizeof(rp));
	rp.rest = m->rest;
	if ((web_routes[first].flags & RF_SIGNED_IN) && !admin_gate(app, rq, rs, &ad))
		return;
	if (m->survey_id != NULL) {
		if ((rp.survey = survey_set_find(app->surveys, m->survey_id)) == NULL) {
			web_error(app, rq, rs, 404);
			return;
		}
	}
	for (size_t i = first; i < end; i++) {
		methods |= web_routes[i].methods;
		if (r == NULL && (web_routes[i].methods & method_bit(rq->method)))
			r = &web_routes[i];
	}
	if (r == NULL) {
		allow_header(rs, methods);
		web_error(app, rq, rs, 405);
		return;
	}
	rp.route = r;
	if (m->page_id != NULL && (rp.page = survey_find_page(rp.survey, m->page_id)) == NULL) {
		web_error(app, rq, rs, 404);
		return;
	}
	if (r->flags & RF_SIGNED_IN) {
		rp.admin = &ad;
		if (((r->flags & RF_OFFICER) && !ad.officer) ||
		    ((r->flags & RF_MAY) && rp.survey != NULL && !admin_may(&ad, rp.survey->id))) {
			admin_forbidden(app, rq, rs);
			return;
		}
	} else if ((r->flags & RF_CSRF) && rq->method == M_POST) {
		struct session sess;

		if (!session_csrf_ok(app, rq, &sess)) {
			if (r->refused != NULL)
				r->refused(app, rq, rs, &rp);
			else
				web_error(app, rq, rs, 403);
			return;
		}
	}
	if (r->nfields > ROUTE_MAX_FIELDS || fields_check(rq, r, value, sent, bad) != 0) {
		web_error(app, rq, rs, 400);
		return;
	}
	rp.value = value;
	rp.sent = sent;
	rp.bad = bad;
	r->fn(app, rq, rs, &rp);
}

/* Answer what comes before any route; 1 when rs is filled. */
static int before_routes(struct app *app, struct req *rq, struct resp *rs)
{
	/* An instance left with a replaced key steps aside: nginx moves its
	 * GETs to the others (docs/scaling.md). */
	if (!web_key_current(app, rq->a)) {
		rq->route = "(wrong secret key)";
		resp_header(rs, "Retry-After", "30");
		web_error(app, rq, rs, 503);
		return 1;
	}
	if (rq->decode_err != HTTP_OK) {
		rq->route = "(undecodable)";
		web_error(app, rq, rs, 400);
		return 1;
	}
	/* Every page but /healthz counts against the client network's limit. */
	if (web_request_limit(app, rq, rs) > 0) {
		rq->route = "(rate limited)";
		web_error(app, rq, rs, 429);
		return 1;
	}
	return 0;
}

size_t web_route_field_max(const void *ctx, const char *name)
{
	const struct web_field_ctx *c = ctx;
	struct match m;
	size_t i, max = 0;

	if (c == NULL || c->path == NULL)
		return 0;
	for (i = 0; i < web_nroutes; i++)
		if (pattern_match(c->a, web_routes[i].pattern, c->path, &m))
			break;
	for (size_t k = i;
	     k < web_nroutes && strcmp(web_routes[k].pattern, web_routes[i].pattern) == 0; k++)
		for (size_t f = 0; f < web_routes[k].nfields; f++)
			if (web_routes[k].fields[f].src == RS_FORM &&
			    strcmp(web_routes[k].fields[f].name, name) == 0 &&
			    web_routes[k].fields[f].max > max)
				max = web_routes[k].fields[f].max;
	return max;
}

void web_handle(struct app *app, struct req *rq, struct resp *rs)
{
	struct match m;
	size_t i, end;

	i18n_use(survey_lang_code(rq->lang));
	/* Remember an explicit language choice for the pages that follow. */
	if (http_param_get(&rq->query_params, "lang") != NULL &&
	    survey_lang_parse(http_param_get(&rq->query_params, "lang")) >= 0)
		resp_header(rs, "Set-Cookie",
			    rq->lang == LANG_CY
				? "yv_lang=cy; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax"
				: "yv_lang=en; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax");

	for (i = 0; i < web_nroutes; i++)
		if (rq->path != NULL && pattern_match(rq->a, web_routes[i].pattern, rq->path, &m))
			break;
	if (i < web_nroutes && (web_routes[i].flags & RF_EARLY)) {
		/* /healthz: before the key, decoding and rate limit checks. */
		rq->route = web_routes[i].pattern;
		web_routes[i].fn(app, rq, rs,
				 &(struct route_parts){.route = &web_routes[i], .rest = ""});
		return;
	}
	if (before_routes(app, rq, rs))
		return;
	if (i == web_nroutes) {
		rq->route = "(unknown)";
		web_error(app, rq, rs, 404);
		return;
	}
	rq->route = web_routes[i].pattern;
	for (end = i + 1;
	     end < web_nroutes && strcmp(web_routes[end].pattern, web_routes[i].pattern) == 0;
	     end++)
		;
	dispatch(app, rq, rs, i, end, &m);
}
