/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * moderate_filter: the search and filters of the written answers page
 * (moderate.c lists them): read from the page's query or from a decision's
 * form, checked against the survey (values that are not one of its
 * questions, areas, channels or stances are ignored), and written back into
 * the page's links. Uses web/ and results/themeview.h only.
 */
#include "config.h"

#include <string.h>

#include "render/html.h"
#include "results/themeview.h"
#include "web/moderate_int.h"

static const char *nonempty(const char *v)
{
	return v != NULL && v[0] != '\0' ? v : NULL;
}

void filters_read(struct arena *a, const struct http_params *p, const struct survey *s,
		  const struct fields *fs, struct filters *f)
{
	const char *q = http_param_get(p, "q");
	const char *show = http_param_get(p, "show");
	const char *page = http_param_get(p, "page");
	const char *text = nonempty(http_param_get(p, "text"));
	const char *theme = nonempty(http_param_get(p, "theme"));
	const char *area = nonempty(http_param_get(p, "area"));
	const char *channel = nonempty(http_param_get(p, "channel"));
	const char *stance = nonempty(http_param_get(p, "stance"));
	const struct field *fd = q != NULL ? moderate_field_find(fs, q) : NULL;
	long long n = moderate_parse_id(page);

	memset(f, 0, sizeof(*f));
	f->q = moderate_is_free_text(fd) ? fd->id : NULL;
	f->hidden_only = show != NULL && strcmp(show, "hidden") == 0;
	f->flagged_only = show != NULL && strcmp(show, "flagged") == 0;
	f->page = n >= 1 && n <= ANSWERS_MAX_PAGE ? (long)n : 1;
	f->too_long = text != NULL && strlen(text) > SEARCH_MAX;
	f->text = f->too_long ? NULL : text;
	if (theme != NULL) {
		const char *colon = strrchr(theme, ':');

		if (colon != NULL && themeview_key_valid(colon + 1)) {
			char *qid = arena_strndup(a, theme, (size_t)(colon - theme));

			if (qid != NULL && moderate_is_analysed(s, qid)) {
				f->theme_q = qid;
				f->theme_key = colon + 1;
			}
		}
	}
	for (size_t i = 0; area != NULL && i < s->nareas; i++)
		if (strcmp(s->areas[i].id, area) == 0)
			f->area = s->areas[i].id;
	if (channel != NULL &&
	    (strcmp(channel, "web") == 0 || strcmp(channel, "paper") == 0 ||
	     strcmp(channel, "phone") == 0 || strcmp(channel, "face-to-face") == 0 ||
	     strcmp(channel, "email") == 0))
		f->channel = channel;
	if (stance != NULL && themeview_stance_valid(stance))
		f->stance = stance;
	f->response = moderate_parse_id(http_param_get(p, "response"));
}

const char *moderate_theme_value(struct req *rq, const struct filters *f)
{
	return f->theme_q != NULL ? arena_printf(rq->a, "%s:%s", f->theme_q, f->theme_key) : NULL;
}

const char *moderate_show_value(const struct filters *f)
{
	return f->hidden_only ? "hidden" : f->flagged_only ? "flagged" : "all";
}

const char *moderate_answers_url(struct req *rq, const struct survey *s, const struct filters *f,
				 long page, const char *extra)
{
	struct buf u;
	const char *out;

	buf_init(&u, 4096);
	buf_puts(&u, "/admin/answers/");
	html_urlpart(html_over(&u), s->id);
	buf_puts(&u, "?show=");
	buf_puts(&u, moderate_show_value(f));
	if (f->q != NULL) {
		buf_puts(&u, "&q=");
		html_urlpart(html_over(&u), f->q);
	}
	if (f->text != NULL) {
		buf_puts(&u, "&text=");
		html_urlpart(html_over(&u), f->text);
	}
	if (f->theme_q != NULL) {
		buf_puts(&u, "&theme=");
		html_urlpart(html_over(&u), moderate_theme_value(rq, f));
	}
	if (f->area != NULL) {
		buf_puts(&u, "&area=");
		html_urlpart(html_over(&u), f->area);
	}
	if (f->channel != NULL)
		buf_printf(&u, "&channel=%s", f->channel);
	if (f->stance != NULL)
		buf_printf(&u, "&stance=%s", f->stance);
	if (f->response > 0)
		buf_printf(&u, "&response=%lld", f->response);
	buf_printf(&u, "&page=%ld", page);
	if (extra != NULL)
		buf_puts(&u, extra);
	out = arena_strdup(rq->a, buf_cstr(&u));
	buf_release(&u);
	return out;
}
