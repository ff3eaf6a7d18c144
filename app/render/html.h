/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * html: the only way text reaches an HTML page. Every function that takes
 * a runtime string escapes it for its context; raw markup can only come
 * from a string literal, through html_lit(), whose macro refuses anything
 * but a literal at compile time. Output goes to a bounded buf; an
 * overflow is noticed once, when the response is sent.
 */
#ifndef YV_RENDER_HTML_H
#define YV_RENDER_HTML_H

#include <stddef.h>

#include "core/buf.h"

/* Text content or a double-quoted attribute value: & < > " ' escaped. */
void html_text(struct buf *b, const char *s);
void html_textn(struct buf *b, const char *s, size_t n);

/* A URL path or query component: everything but unreserved bytes %XX. */
void html_urlpart(struct buf *b, const char *s);

/*
 * A site-relative path for an href: each segment percent-encoded like
 * html_urlpart, '/' kept. Always starts with exactly one '/': anything that
 * does not (NULL, "", "//host", a backslash or control character that got
 * this far) is written as "/", so the link cannot lead to another site.
 */
void html_urlpath(struct buf *b, const char *path);

/* A whole number. */
void html_int(struct buf *b, long long v);

/* Raw markup from a compiled-in literal only. */
#define html_lit(b, s) html_raw_literal_((b), "" s "", sizeof(s) - 1)
void html_raw_literal_(struct buf *b, const char *lit, size_t n);

/* Escape into a fresh C string (for tests and small attribute values). */
void html_escape_into(struct buf *b, const char *s, size_t n);

#endif
