/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page: the frame every HTML page shares: doctype, lang attribute, title,
 * stylesheet, skip link, header with the language toggle, main landmark
 * and footer links. Page bodies are written between page_begin() and
 * page_end() with the html writer. May use: core, survey (the language),
 * render/html.
 */
#ifndef YV_RENDER_PAGE_H
#define YV_RENDER_PAGE_H

#include <time.h>

#include "render/html.h"
#include "survey/survey.h"

struct page_ctx {
	enum yv_lang lang;
	const char *path;  /* this page's path, for the language toggle */
	const char *title; /* the page's own title; " – Your Voice" is added */
};

void page_begin(struct html *h, const struct page_ctx *p);
void page_end(struct html *h, const struct page_ctx *p);

/* The frame of a page made to be printed (a briefing): no navigation, no
 * footer links; only the language toggle, which is not printed. */
void page_begin_print(struct html *h, const struct page_ctx *p);
void page_end_print(struct html *h, const struct page_ctx *p);

/* The back link at the top of a page. */
void page_back_link(struct html *h, const char *href);

/* The page's heading, with what it belongs to (a survey's title) above it
 * as a caption. */
void page_heading(struct html *h, const char *caption, const char *title);

/* A table of figures in its own scrolling region, so a wide one never
 * makes a narrow screen scroll sideways; its caption text follows, then
 * "</caption>". */
void page_table_open(struct html *h);

/* The same, its scrolling region named label (unique in the page: what the
 * table is of), after a hint that a script shows when the table is wider
 * than its region. */
void page_table_region(struct html *h, const char *label);
/* A column heading cell. */
void page_th(struct html *h, const char *s);

/* A message announced to screen readers (role="status"), such as "Saved";
 * nothing when msg is NULL. */
void page_status(struct html *h, const char *msg);

/*
 * The error summary at the top of a page with errors: page_errors_begin(),
 * one page_error_item() per problem (a link to the field at href, the text
 * after an optional prefix such as the question), page_errors_end().
 */
void page_errors_begin(struct html *h);
void page_error_item(struct html *h, const char *href, const char *prefix, const char *text);
void page_errors_end(struct html *h);

/* A date-time as "1 March 2026, 09:00" in Europe/London, in the page language. */
void page_datetime(struct html *h, time_t t, enum yv_lang lang);
/* A date alone, "1 March 2026" (Europe/London), in the page language. */
void page_date(struct html *h, time_t t, enum yv_lang lang);
/*
 * One of the survey file's dates (which: SURVEY_DATE_OPENS, _CLOSES or
 * _RESULTS) as the officer wrote it: without a time when the file gave a
 * date alone (a closing date alone is the last day it is open), else as
 * page_datetime().
 */
void page_survey_date(struct html *h, const struct survey *s, unsigned which, enum yv_lang lang);

#ifdef YV_HTML_BRIDGE
/* The bridge for callers that still pass a struct buf * (see html.h). */
#define page_begin(h, p) (page_begin)(HTML_OUT(h), (p))
#define page_end(h, p) (page_end)(HTML_OUT(h), (p))
#define page_back_link(h, href) (page_back_link)(HTML_OUT(h), (href))
#define page_heading(h, c, t) (page_heading)(HTML_OUT(h), (c), (t))
#define page_table_open(h) (page_table_open)(HTML_OUT(h))
#define page_table_region(h, l) (page_table_region)(HTML_OUT(h), (l))
#define page_begin_print(h, p) (page_begin_print)(HTML_OUT(h), (p))
#define page_end_print(h, p) (page_end_print)(HTML_OUT(h), (p))
#define page_th(h, s) (page_th)(HTML_OUT(h), (s))
#define page_status(h, m) (page_status)(HTML_OUT(h), (m))
#define page_errors_begin(h) (page_errors_begin)(HTML_OUT(h))
#define page_error_item(h, href, p, t) (page_error_item)(HTML_OUT(h), (href), (p), (t))
#define page_errors_end(h) (page_errors_end)(HTML_OUT(h))
#define page_datetime(h, t, l) (page_datetime)(HTML_OUT(h), (t), (l))
#define page_date(h, t, l) (page_date)(HTML_OUT(h), (t), (l))
#define page_survey_date(h, s, w, l) (page_survey_date)(HTML_OUT(h), (s), (w), (l))
#endif

#endif
