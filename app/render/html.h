/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * html: the only way text reaches an HTML page. HTML is written to a
 * struct html, a type of its own that has no raw write: every function
 * that takes a runtime string escapes it for its context, and raw markup
 * can only come from a string literal, through html_lit(), whose macro
 * refuses anything but a literal at compile time. A struct html is a view
 * of a bounded struct buf (the response body, or a scratch buffer) that
 * only this file's functions can write; an overflow is noticed once, when
 * the response is sent. May use: core/buf.
 *
 * Every file of app/ writes pages through a struct html * (a handler gets
 * one with html_over(&rs->body)): passing a struct buf * to html_*,
 * page_*, svg_* or form_question() is a compile error. Only unit tests may
 * define YV_HTML_BRIDGE before including this header, to write into a
 * plain buffer (the macros at the end); tests/lint/html refuses the
 * bridge in app/.
 */
#ifndef YV_RENDER_HTML_H
#define YV_RENDER_HTML_H

#include <stddef.h>

#include "core/buf.h"

/*
 * Never defined: a struct html * is only ever handed to the functions
 * below, which write through the buffer it was made from. Code that holds
 * one cannot reach buf_puts() and its kind.
 */
struct html;

/* The HTML writer over b (a response body, or a scratch buffer whose
 * content is HTML). b must outlive every use of the result. */
static inline struct html *html_over(struct buf *b)
{
	return (struct html *)(void *)b;
}

/* Text content or a double-quoted attribute value: & < > " ' escaped. */
void html_text(struct html *h, const char *s);
void html_textn(struct html *h, const char *s, size_t n);

/* A URL path or query component: everything but unreserved bytes %XX. */
void html_urlpart(struct html *h, const char *s);

/*
 * A site-relative path for an href: each segment percent-encoded like
 * html_urlpart, '/' kept. Always starts with exactly one '/': anything that
 * does not (NULL, "", "//host", a backslash or control character that got
 * this far) is written as "/", so the link cannot lead to another site.
 */
void html_urlpath(struct html *h, const char *path);

/*
 * Authored or typed text as paragraphs, the way surveys/README.md promises:
 * a blank line (only spaces or tabs on it) starts a new paragraph and any
 * other run of white space, line breaks included, is one space. Each
 * paragraph is written as <p>...</p> (with class="cls" when cls is not
 * NULL), its text escaped; nothing is written for NULL or all-blank text.
 */
void html_paragraphs(struct html *h, const char *s, const char *cls);

/* A whole number. */
void html_int(struct html *h, long long v);

/* A whole number of at least width digits, zeros in front ("09"). */
void html_int_pad(struct html *h, long long v, int width);

/* Raw markup from a compiled-in literal only. */
#define html_lit(h, s) (html_raw_literal_)(HTML_OUT(h), "" s "", sizeof(s) - 1)
void html_raw_literal_(struct html *h, const char *lit, size_t n);

/* Escape s[0..n) as text into a plain buffer (for tests and for building a
 * string that is then written as HTML, never as text again). */
void html_escape_into(struct buf *b, const char *s, size_t n);

/*
 * The bridge. HTML_OUT(x) is x when x is a struct html *, and the writer
 * over x when x is a struct buf *; anything else does not compile.
 */
#ifndef YV_HTML_BRIDGE
#define HTML_OUT(x) (x)
#else
#define HTML_OUT(x)                                                                                \
	_Generic((x), struct html * : (x), struct buf * : html_over((struct buf *)(void *)(x)))
#define html_text(h, s) (html_text)(HTML_OUT(h), (s))
#define html_textn(h, s, n) (html_textn)(HTML_OUT(h), (s), (n))
#define html_urlpart(h, s) (html_urlpart)(HTML_OUT(h), (s))
#define html_urlpath(h, s) (html_urlpath)(HTML_OUT(h), (s))
#define html_int(h, v) (html_int)(HTML_OUT(h), (v))
#endif

#endif
