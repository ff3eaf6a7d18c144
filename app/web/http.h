/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * http: decoding what arrives from nginx into checked name/value pairs
 * (query strings, application/x-www-form-urlencoded bodies, cookies) and
 * the request/response structures the handlers work on. Every decoder is
 * bounded: field count, field length and total size have limits, and a
 * value that is not valid UTF-8 (or holds control characters other than
 * tab and newline) is refused, so handlers only ever see clean text.
 * No FastCGI here: app/web/fcgi.c fills a request from libfcgi, and unit
 * tests fill one by hand.
 */
#ifndef YV_WEB_HTTP_H
#define YV_WEB_HTTP_H

#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"

enum http_err {
	HTTP_OK = 0,
	HTTP_ERR_TOO_MANY,	 /* more fields than allowed */
	HTTP_ERR_FIELD_TOO_LONG, /* one name or value longer than allowed */
	HTTP_ERR_ENCODING,	 /* bad percent-encoding */
	HTTP_ERR_UTF8,		 /* not UTF-8, or a control character */
	HTTP_ERR_NOMEM,		 /* the request arena is full */
	HTTP_ERR_PATH,		 /* a path that is not one clean absolute path */
};

struct http_limits {
	size_t max_fields; /* name=value pairs in one body or query */
	size_t max_field;  /* bytes of one decoded name or value */
	/* A larger limit for one named field (the route table declares it, e.g.
	 * the survey editor's text): asked only for a value over max_field;
	 * 0 keeps max_field. NULL: none. */
	size_t (*field_max)(const void *ctx, const char *name);
	const void *ctx;
};

struct http_param {
	const char *name;
	const char *value; /* NUL-terminated, valid UTF-8 */
	size_t len;	   /* bytes of value */
};

struct http_params {
	struct http_param *v;
	size_t n, cap;
};

/* A short English description of an error, for logs only. */
const char *http_err_str(enum http_err e);

/*
 * Decode `a=1&b=x%20y&b=z` (query strings and urlencoded bodies: '+' is a
 * space). Names and values are decoded into the arena; repeated names are
 * kept in order. Empty pairs (`&&`) are skipped. On error `out` holds the
 * pairs decoded so far.
 */
enum http_err http_decode_urlencoded(struct arena *a, const char *data, size_t len,
				     const struct http_limits *lim, struct http_params *out);

/*
 * Decode a multipart/form-data body (content_type carries its boundary).
 * Ordinary parts are checked as urlencoded values are; a file part (one
 * with a filename) may hold up to max_file bytes and is added under its
 * name when it is UTF-8 text without NUL, with "<name>:filename" (its
 * name, "" when not text) and, when it is not text, an empty value and
 * "<name>:binary" = "1". HTTP_ERR_ENCODING for a malformed body.
 */
enum http_err http_decode_multipart(struct arena *a, const char *content_type, const char *data,
				    size_t len, const struct http_limits *lim, size_t max_file,
				    struct http_params *out);

/* Parse a Cookie header ("a=1; b=2") into pairs; values are not decoded. */
enum http_err http_decode_cookies(struct arena *a, const char *header,
				  const struct http_limits *lim, struct http_params *out);

/* Append one pair (name and value copied into the arena); max caps the count. */
enum http_err http_params_add(struct arena *a, struct http_params *p, size_t max, const char *name,
			      const char *value);

/* First value for name, or NULL. */
const char *http_param_get(const struct http_params *p, const char *name);

/* How many values name has. */
size_t http_param_count(const struct http_params *p, const char *name);

/*
 * 1 if s[0..n) is valid UTF-8 (no overlong forms, surrogates or code points
 * past U+10FFFF) with no control characters other than tab, LF and CR.
 */
int http_text_valid(const char *s, size_t n);

/*
 * The one place a request path is decoded and checked (DESIGN.md section 11,
 * issue 16). `raw` is nginx's DOCUMENT_URI (already percent-decoded and with
 * dot segments resolved) when `encoded` is 0, or the path part of a
 * REQUEST_URI (percent-encoded) when 1. On success *out is a path that
 * starts with exactly one '/', holds valid UTF-8 with no control character
 * (tab included) and no backslash, and has no empty or dot segment (runs of
 * '/' are folded into one). Anything else is HTTP_ERR_PATH (or
 * HTTP_ERR_ENCODING / HTTP_ERR_NOMEM), and *out is "/": a link built from
 * the path can then never leave the site ("/\\evil.example",
 * "/%09/evil.example").
 */
enum http_err http_path_normalise(struct arena *a, const char *raw, int encoded, const char **out);

#endif
