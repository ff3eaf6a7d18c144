/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * resp: the response helpers every handler calls (resp_*), the choice of
 * the reader's language and the error pages, in that language. Uses core/,
 * render/ and the types of web/web.h only: every other file of app/web/
 * may include it, it includes none of them.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "render/html.h"
#include "render/page.h"
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

int resp_has_header(const struct resp *rs, const char *name)
{
	size_t n = strlen(name);
	const char *p = rs->head.data, *end = p ? p + rs->head.len : NULL;

	/* Each line is "Name: value\r\n"; header names match without case. */
	while (p != NULL && p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		if ((size_t)(end - p) > n && strncasecmp(p, name, n) == 0 && p[n] == ':')
			return 1;
		p = eol ? eol + 1 : end;
	}
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
		msg = _("What your browser sent could not be read. Go back, check what you typed "
			"and try again.");
		break;
	case 404:
		title = _("Page not found");
		msg = _("If you typed the web address, check it is correct. If you pasted it, "
			"check you copied the whole address.");
		break;
	case 405:
		title = _("This page cannot do that");
		msg = _("The page does not accept that kind of request.");
		/* The router names the route's own methods; a 405 from elsewhere
		 * (a method no route knows) lists every one the service uses. */
		if (!resp_has_header(rs, "Allow"))
			resp_header(rs, "Allow", "GET, HEAD, POST");
		break;
	case 413:
		title = _("Your answers are too long");
		msg = _("What you sent is larger than this service accepts. Shorten your answers "
			"and try again.");
		break;
	case 414:
		title = _("The web address is too long");
		msg = _("Check the web address and try again.");
		break;
	case 429:
		title = _("Too many requests");
		msg = _("There have been too many requests from your network in a short time. Wait "
			"a few minutes and try again: nothing you have saved is lost.");
		break;
	case 503:
		title = _("Sorry, the service is unavailable");
		msg = _("We cannot save or show answers just now. Try again in a few minutes: "
			"nothing you have submitted before is lost.");
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
	page_begin(html_over(&rs->body), &p);
	html_lit(html_over(&rs->body), "<h1>");
	html_text(html_over(&rs->body), title);
	html_lit(html_over(&rs->body), "</h1>\n<p>");
	html_text(html_over(&rs->body), msg);
	html_lit(html_over(&rs->body), "</p>\n<p><a href=\"/\">");
	html_text(html_over(&rs->body), _("Go to the list of consultations"));
	html_lit(html_over(&rs->body), "</a></p>\n");
	page_end(html_over(&rs->body), &p);
}

void resp_page_begin(const struct req *rq, struct resp *rs, const char *path, const char *title)
{
	struct page_ctx p = {rq->lang, path, title};

	resp_html(rs);
	page_begin(html_over(&rs->body), &p);
}

void resp_page_end(const struct req *rq, struct resp *rs, const char *path, const char *title)
{
	struct page_ctx p = {rq->lang, path, title};

	page_end(html_over(&rs->body), &p);
}
