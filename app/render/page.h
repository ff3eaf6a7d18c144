/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page: the frame every HTML page shares: doctype, lang attribute, title,
 * stylesheet, skip link, header with the language toggle, main landmark
 * and footer links. Page bodies are written between page_begin() and
 * page_end() with the html writer.
 */
#ifndef YV_RENDER_PAGE_H
#define YV_RENDER_PAGE_H

#include "core/buf.h"
#include "survey/survey.h"

struct page_ctx {
	enum yv_lang lang;
	const char *path;  /* this page's path, for the language toggle */
	const char *title; /* the page's own title; " – Your Voice" is added */
};

void page_begin(struct buf *b, const struct page_ctx *p);
void page_end(struct buf *b, const struct page_ctx *p);

/* The back link at the top of a page. */
void page_back_link(struct buf *b, const char *href);

/* The page's heading, with what it belongs to (a survey's title) above it
 * as a caption. */
void page_heading(struct buf *b, const char *caption, const char *title);

/* A table of figures in its own scrolling region, so a wide one never
 * makes a narrow screen scroll sideways; its caption text follows, then
 * "</caption>". */
void page_table_open(struct buf *b);
/* A column heading cell. */
void page_th(struct buf *b, const char *s);

/* A message announced to screen readers (role="status"), such as "Saved";
 * nothing when msg is NULL. */
void page_status(struct buf *b, const char *msg);

/*
 * The error summary at the top of a page with errors: page_errors_begin(),
 * one page_error_item() per problem (a link to the field at href, the text
 * after an optional prefix such as the question), page_errors_end().
 */
void page_errors_begin(struct buf *b);
void page_error_item(struct buf *b, const char *href, const char *prefix, const char *text);
void page_errors_end(struct buf *b);

/* A date-time as "1 March 2026, 09:00" in Europe/London, in the page language. */
void page_datetime(struct buf *b, time_t t, enum yv_lang lang);

#endif
