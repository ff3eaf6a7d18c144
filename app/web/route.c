/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * route: the path → handler table, the response helpers, language choice
 * and the error pages. A request that failed to decode never reaches a
 * handler: it is answered 400 here, in the resident's language.
 */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "render/html.h"
#include "render/page.h"
#include "web/handlers.h"
#include "web/journey.h"
#include "web/web.h"

void resp_init(struct resp *rs)
{
	rs->status = 200;
	rs->content_type = NULL;
	rs->stream = NULL;
	rs->stream_ctx = NULL;
	buf_init(&rs->head, RESP_MAX_HEAD);
	buf_init(&rs->body, RESP_MAX_BODY);
}

void resp_reset(struct resp *rs)
{
	rs->status = 200;
	rs->content_type = NULL;
	rs->stream = NULL;
	rs->stream_ctx = NULL;
	buf_reset(&rs->head);
	buf_reset(&rs->body);
}

void resp_release(struct resp *rs)
{
	buf_release(&rs->head);
	buf_release(&rs->body);
}

void resp_html(struct resp *rs)
{
	rs->content_type = "text/html; charset=utf-8";
	resp_header(rs, "Cache-Control", "no-store");
}

int resp_header(struct resp *rs, const char *name, const char *value)
{
	if (strpbrk(name, "\r\n:") != NULL || strpbrk(value, "\r\n") != NULL)
		return -1;
	buf_printf(&rs->head, "%s: %s\r\n", name, value);
	return 0;
}

enum yv_lang web_choose_lang(const struct req *rq, const char *accept_language)
{
	const char *q = http_param_get(&rq->query_params, "lang");
	const char *f = http_param_get(&rq->form, "lang");
	const char *c = http_param_get(&rq->cookies, "yv_lang");

	if (q != NULL && survey_lang_parse(q) >= 0)
		return (enum yv_lang)survey_lang_parse(q);
	if (f != NULL && survey_lang_parse(f) >= 0)
		return (enum yv_lang)survey_lang_parse(f);
	if (c != NULL && survey_lang_parse(c) >= 0)
		return (enum yv_lang)survey_lang_parse(c);
	if (accept_language != NULL) {
		/* The first of en or cy listed wins; q-values are rare enough in
		 * practice that order is a fair reading. */
		const char *cy = strstr(accept_language, "cy");
		const char *en = strstr(accept_language, "en");

		if (cy != NULL && (en == NULL || cy < en))
			return LANG_CY;
	}
	return LANG_EN;
}

void web_error(struct app *app, struct req *rq, struct resp *rs, int status)
{
	const char *title, *msg;
	struct page_ctx p;

	(void)app;
	i18n_use(survey_lang_code(rq->lang));
	switch (status) {
	case 400:
		title = _("There is a problem with your request");
		msg = _("What your browser sent could not be read. Go back, check what you typed and try again.");
		break;
	case 404:
		title = _("Page not found");
		msg = _("If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.");
		break;
	case 405:
		title = _("This page cannot do that");
		msg = _("The page does not accept that kind of request.");
		resp_header(rs, "Allow", "GET, HEAD, POST");
		break;
	case 413:
		title = _("Your answers are too long");
		msg = _("What you sent is larger than this service accepts. Shorten your answers and try again.");
		break;
	case 414:
		title = _("The web address is too long");
		msg = _("Check the web address and try again.");
		break;
	case 429:
		title = _("Too many requests");
		msg = _("There have been too many requests from your network in a short time. Wait a few minutes and try again: nothing you have saved is lost.");
		break;
	case 503:
		title = _("Sorry, the service is unavailable");
		msg = _("We cannot save or show answers just now. Try again in a few minutes: nothing you have submitted before is lost.");
		resp_header(rs, "Retry-After", "30");
		break;
	default:
		status = 500;
		title = _("Sorry, there is a problem with the service");
		msg = _("Try again later.");
		break;
	}
	rs->status = status;
	resp_html(rs);
	p.lang = rq->lang;
	p.path = rq->path && rq->path[0] == '/' && status != 400 ? rq->path : "/";
	p.title = title;
	page_begin(&rs->body, &p);
	html_lit(&rs->body, "<h1>");
	html_text(&rs->body, title);
	html_lit(&rs->body, "</h1>\n<p>");
	html_text(&rs->body, msg);
	html_lit(&rs->body, "</p>\n<p><a href=\"/\">");
	html_text(&rs->body, _("Go to the list of consultations"));
	html_lit(&rs->body, "</a></p>\n");
	page_end(&rs->body, &p);
}

/* Split "/s/<id>/<rest>": copy the id (survey id syntax) and point at the rest. */
static int survey_path(const char *path, char *id, size_t idlen, const char **rest)
{
	const char *p = path + 3, *end = strchr(p, '/');
	size_t n = end ? (size_t)(end - p) : strlen(p);

	if (n >= idlen || !survey_id_valid(p, n))
		return -1;
	memcpy(id, p, n);
	id[n] = '\0';
	*rest = end ? end : "";
	return 0;
}

void web_handle(struct app *app, struct req *rq, struct resp *rs)
{
	const char *path = rq->path;

	i18n_use(survey_lang_code(rq->lang));
	/* Remember an explicit language choice for the pages that follow. */
	if (http_param_get(&rq->query_params, "lang") != NULL &&
	    survey_lang_parse(http_param_get(&rq->query_params, "lang")) >= 0)
		resp_header(rs, "Set-Cookie",
		            rq->lang == LANG_CY
		                    ? "yv_lang=cy; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax"
		                    : "yv_lang=en; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax");

	if (strcmp(path, "/healthz") == 0) {
		rq->route = "/healthz";
		handle_health(app, rq, rs);
		return;
	}
	/* An instance left with a replaced key steps aside: nginx moves its
	 * GETs to the others (docs/scaling.md). */
	if (!web_key_current(app, rq->a)) {
		rq->route = "(wrong secret key)";
		resp_header(rs, "Retry-After", "30");
		web_error(app, rq, rs, 503);
		return;
	}
	if (rq->decode_err != HTTP_OK) {
		rq->route = "(undecodable)";
		web_error(app, rq, rs, 400);
		return;
	}
	/* Every page but /healthz counts against the client network's limit. */
	if (web_request_limit(app, rq, rs) > 0) {
		rq->route = "(rate limited)";
		web_error(app, rq, rs, 429);
		return;
	}
	if (strcmp(path, "/") == 0) {
		rq->route = "/";
		if (rq->method != M_GET && rq->method != M_HEAD)
			web_error(app, rq, rs, 405);
		else
			handle_home(app, rq, rs);
		return;
	}
	if (handle_info(app, rq, rs))
		return;
	if (strcmp(path, "/admin") == 0 || strncmp(path, "/admin/", 7) == 0) {
		if (rq->method == M_OTHER)
			web_error(app, rq, rs, 405);
		else
			handle_admin(app, rq, rs);
		return;
	}
	if (strcmp(path, "/my-response") == 0) {
		rq->route = "/my-response";
		if (rq->method == M_GET || rq->method == M_HEAD || rq->method == M_POST)
			handle_my_response(app, rq, rs);
		else
			web_error(app, rq, rs, 405);
		return;
	}
	if (strcmp(path, "/resume") == 0 || strncmp(path, "/resume/", 8) == 0) {
		rq->route = "/resume";
		if (path[7] == '/' && rq->method != M_GET && rq->method != M_HEAD)
			web_error(app, rq, rs, 405);
		else if (rq->method == M_OTHER)
			web_error(app, rq, rs, 405);
		else
			handle_resume(app, rq, rs, path[7] == '/' ? path + 8 : NULL);
		return;
	}
	if (strncmp(path, "/s/", 3) == 0) {
		char id[64];
		const char *rest;
		const struct survey *s;
		int get = rq->method == M_GET || rq->method == M_HEAD, post = rq->method == M_POST;

		rq->route = "/s/<id>";
		if (survey_path(path, id, sizeof(id), &rest) != 0) {
			web_error(app, rq, rs, 404);
			return;
		}
		s = survey_set_find(app->surveys, id);
		if (s == NULL) {
			web_error(app, rq, rs, 404);
			return;
		}
		if (!get && !post) {
			web_error(app, rq, rs, 405);
			return;
		}
		if (rest[0] == '\0') {
			if (get)
				handle_page_get(app, rq, rs, s, NULL);
			else
				handle_page_post(app, rq, rs, s, NULL);
			return;
		}
		rest++; /* past the '/' */
		if (strcmp(rest, "done") == 0) {
			rq->route = "/s/<id>/done";
			if (get)
				handle_survey_done(app, rq, rs, s);
			else
				web_error(app, rq, rs, 405);
			return;
		}
		if (strcmp(rest, "check") == 0) {
			rq->route = "/s/<id>/check";
			if (get)
				handle_check_get(app, rq, rs, s);
			else
				handle_check_post(app, rq, rs, s);
			return;
		}
		if (strcmp(rest, "save") == 0 || strcmp(rest, "invitation") == 0) {
			rq->route = rest[0] == 's' ? "/s/<id>/save" : "/s/<id>/invitation";
			if (!post)
				web_error(app, rq, rs, 405);
			else if (rest[0] == 's')
				handle_save_email(app, rq, rs, s);
			else
				handle_invitation(app, rq, rs, s);
			return;
		}
		if (strcmp(rest, "privacy") == 0) {
			rq->route = "/s/<id>/privacy";
			if (get)
				handle_survey_privacy(app, rq, rs, s);
			else
				web_error(app, rq, rs, 405);
			return;
		}
		{
			const struct survey_page *pg = survey_find_page(s, rest);

			rq->route = "/s/<id>/<page>";
			if (pg == NULL)
				web_error(app, rq, rs, 404);
			else if (get)
				handle_page_get(app, rq, rs, s, pg);
			else
				handle_page_post(app, rq, rs, s, pg);
			return;
		}
	}
	if (strncmp(path, "/r/", 3) == 0) {
		rq->route = "/r/<id>";
		if (rq->method == M_GET || rq->method == M_HEAD)
			handle_results(app, rq, rs);
		else
			web_error(app, rq, rs, 405);
		return;
	}
	rq->route = "(unknown)";
	web_error(app, rq, rs, 404);
}
