/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* http: bounded decoders for query strings, form bodies and cookies. */
#include "config.h"

#include <string.h>

#include "core/utf8.h"
#include "web/http.h"

const char *http_err_str(enum http_err e)
{
	switch (e) {
	case HTTP_OK:
		return "ok";
	case HTTP_ERR_TOO_MANY:
		return "too many fields";
	case HTTP_ERR_FIELD_TOO_LONG:
		return "field too long";
	case HTTP_ERR_ENCODING:
		return "bad percent-encoding";
	case HTTP_ERR_UTF8:
		return "invalid UTF-8 or control character";
	case HTTP_ERR_NOMEM:
		return "request too large for its memory";
	case HTTP_ERR_PATH:
		return "not a clean absolute path";
	}
	return "unknown";
}

int http_text_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		int32_t cp;
		size_t k;

		if (c < 0x80) {
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
				return 0;
			i++;
			continue;
		}
		k = utf8_decode(str + i, n - i, &cp);
		/* C1 control characters are as unwelcome as C0 ones. */
		if (k == 0 || (cp >= 0x80 && cp <= 0x9f))
			return 0;
		i += k;
	}
	return 1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode s[0..n) into a new arena string; *outlen gets its length. */
static enum http_err decode_component(struct arena *a, const char *s, size_t n, size_t max,
				      char **out, size_t *outlen)
{
	char *d;
	size_t j = 0;

	if (n > max * 3 + 3)
		return HTTP_ERR_FIELD_TOO_LONG;
	d = arena_alloc(a, n + 1);
	if (d == NULL)
		return HTTP_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '+') {
			d[j++] = ' ';
		} else if (c == '%') {
			int hi, lo;

			if (n - i < 3)
				return HTTP_ERR_ENCODING;
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return HTTP_ERR_ENCODING;
			d[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			d[j++] = c;
		}
	}
	if (j > max)
		return HTTP_ERR_FIELD_TOO_LONG;
	d[j] = '\0';
	if (!http_text_valid(d, j))
		return HTTP_ERR_UTF8;
	*out = d;
	*outlen = j;
	return HTTP_OK;
}

enum http_err http_path_normalise(struct arena *a, const char *raw, int encoded, const char **out)
{
	size_t n = raw ? strlen(raw) : 0, j = 0;
	char *d;

	*out = "/";
	if (n == 0 || raw[0] != '/')
		return HTTP_ERR_PATH;
	d = arena_alloc(a, n + 1);
	if (d == NULL)
		return HTTP_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		char c = raw[i];

		if (encoded && c == '%') {
			int hi, lo;

			if (n - i < 3)
				return HTTP_ERR_ENCODING;
			hi = hexval(raw[i + 1]);
			lo = hexval(raw[i + 2]);
			if (hi < 0 || lo < 0)
				return HTTP_ERR_ENCODING;
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		/* Browsers read a backslash as a slash and drop tabs and line
		 * breaks from URLs: none of them may reach a link. */
		if (c == '\\' || (unsigned char)c < 0x20 || c == 0x7f)
			return HTTP_ERR_PATH;
		if (c == '/' && j > 0 && d[j - 1] == '/')
			continue; /* fold "//" as nginx's merge_slashes does */
		d[j++] = c;
	}
	d[j] = '\0';
	if (!http_text_valid(d, j))
		return HTTP_ERR_UTF8;
	/* No "." or ".." segment: nginx resolves them, so one here was smuggled. */
	for (size_t i = 0; i < j; i++) {
		if (d[i] == '/' && d[i + 1] == '.' &&
		    (d[i + 2] == '/' || d[i + 2] == '\0' ||
		     (d[i + 2] == '.' && (d[i + 3] == '/' || d[i + 3] == '\0'))))
			return HTTP_ERR_PATH;
	}
	*out = d;
	return HTTP_OK;
}

static enum http_err params_push(struct arena *a, struct http_params *p, size_t max_fields,
				 const char *name, const char *value, size_t len)
{
	if (p->n >= max_fields)
		return HTTP_ERR_TOO_MANY;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct http_param *v;

		if (cap > max_fields)
			cap = max_fields;
		v = arena_alloc(a, cap * sizeof(*v));
		if (v == NULL)
			return HTTP_ERR_NOMEM;
		if (p->n > 0)
			memcpy(v, p->v, p->n * sizeof(*v));
		p->v = v;
		p->cap = cap;
	}
	p->v[p->n].name = name;
	p->v[p->n].value = value;
	p->v[p->n].len = len;
	p->n++;
	return HTTP_OK;
}

enum http_err http_decode_urlencoded(struct arena *a, const char *data, size_t len,
				     const struct http_limits *lim, struct http_params *out)
{
	size_t i = 0;

	while (i < len) {
		size_t start = i, eq = (size_t)-1, end;
		char *name, *value;
		size_t nlen, vlen;
		enum http_err e;

		while (i < len && data[i] != '&') {
			if (data[i] == '=' && eq == (size_t)-1)
				eq = i;
			i++;
		}
		end = i;
		i++; /* skip '&' */
		if (end == start)
			continue;
		if (eq == (size_t)-1)
			eq = end;
		e = decode_component(a, data + start, eq - start, lim->max_field, &name, &nlen);
		if (e != HTTP_OK)
			return e;
		if (eq < end)
			e = decode_component(a, data + eq + 1, end - eq - 1, lim->max_field, &value,
					     &vlen);
		else
			e = decode_component(a, "", 0, lim->max_field, &value, &vlen);
		if (e != HTTP_OK)
			return e;
		if (nlen == 0)
			continue;
		e = params_push(a, out, lim->max_fields, name, value, vlen);
		if (e != HTTP_OK)
			return e;
	}
	return HTTP_OK;
}

enum http_err http_decode_cookies(struct arena *a, const char *header,
				  const struct http_limits *lim, struct http_params *out)
{
	const char *p = header;

	while (*p != '\0') {
		const char *start, *eq, *end;
		char *name, *value;
		enum http_err e;

		while (*p == ' ' || *p == ';')
			p++;
		if (*p == '\0')
			break;
		start = p;
		while (*p != '\0' && *p != ';')
			p++;
		end = p;
		while (end > start && end[-1] == ' ')
			end--;
		eq = memchr(start, '=', (size_t)(end - start));
		if (eq == NULL || eq == start)
			continue;
		if ((size_t)(end - eq - 1) > lim->max_field ||
		    (size_t)(eq - start) > lim->max_field)
			return HTTP_ERR_FIELD_TOO_LONG;
		name = arena_strndup(a, start, (size_t)(eq - start));
		value = arena_strndup(a, eq + 1, (size_t)(end - eq - 1));
		if (name == NULL || value == NULL)
			return HTTP_ERR_NOMEM;
		if (!http_text_valid(value, strlen(value)) || !http_text_valid(name, strlen(name)))
			return HTTP_ERR_UTF8;
		e = params_push(a, out, lim->max_fields, name, value, strlen(value));
		if (e != HTTP_OK)
			return e;
	}
	return HTTP_OK;
}

enum http_err http_params_add(struct arena *a, struct http_params *p, size_t max, const char *name,
			      const char *value)
{
	char *n = arena_strdup(a, name), *v = arena_strdup(a, value);

	if (n == NULL || v == NULL)
		return HTTP_ERR_NOMEM;
	return params_push(a, p, max, n, v, strlen(v));
}

const char *http_param_get(const struct http_params *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].name, name) == 0)
			return p->v[i].value;
	return NULL;
}

size_t http_param_count(const struct http_params *p, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].name, name) == 0)
			n++;
	return n;
}
