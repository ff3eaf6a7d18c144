/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* http: bounded decoders for query strings, form bodies and cookies. */
#include "config.h"

#include <string.h>
#include <strings.h>

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
		if (eq < end) {
			size_t max = lim->max_field;

			if (end - eq - 1 > max && lim->field_max != NULL && nlen > 0) {
				size_t wide = lim->field_max(lim->ctx, name);

				if (wide > max)
					max = wide;
			}
			e = decode_component(a, data + eq + 1, end - eq - 1, max, &value, &vlen);
		} else
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

/* ---------------------------------------------------------------------- */
/* multipart/form-data (RFC 7578): file uploads */

/* The boundary parameter of a multipart/form-data Content-Type. */
static int mp_boundary(const char *ct, char *out, size_t outsz)
{
	const char *p = strstr(ct, "boundary=");
	size_t n = 0;

	if (strncmp(ct, "multipart/form-data", 19) != 0 || p == NULL)
		return -1;
	p += 9;
	if (*p == '"') {
		p++;
		while (p[n] != '\0' && p[n] != '"')
			n++;
	} else {
		while (p[n] != '\0' && p[n] != ';' && p[n] != ' ')
			n++;
	}
	if (n == 0 || n > 70 || n + 3 > outsz)
		return -1;
	out[0] = '-';
	out[1] = '-';
	memcpy(out + 2, p, n);
	out[n + 2] = '\0';
	return 0;
}

static const char *mp_find(const char *s, size_t len, const char *pat, size_t plen)
{
	if (plen == 0 || len < plen)
		return NULL;
	for (size_t i = 0; i + plen <= len; i++)
		if (s[i] == pat[0] && memcmp(s + i, pat, plen) == 0)
			return s + i;
	return NULL;
}

/* The value of param (name= or filename=) in a Content-Disposition line
 * [h, end), copied into the arena; NULL when absent. */
static char *mp_param(struct arena *a, const char *h, const char *end, const char *param)
{
	size_t pl = strlen(param);

	for (const char *p = h; p + pl + 1 < end; p++) {
		const char *v, *e;
		char *out;

		if ((p != h && p[-1] != ' ' && p[-1] != ';') || strncmp(p, param, pl) != 0 ||
		    p[pl] != '=')
			continue;
		v = p + pl + 1;
		if (v < end && *v == '"') {
			v++;
			e = v;
			while (e < end && *e != '"')
				e++;
		} else {
			e = v;
			while (e < end && *e != ';')
				e++;
		}
		out = arena_alloc(a, (size_t)(e - v) + 1);
		if (out == NULL)
			return NULL;
		memcpy(out, v, (size_t)(e - v));
		out[e - v] = '\0';
		return out;
	}
	return NULL;
}

enum http_err http_decode_multipart(struct arena *a, const char *content_type, const char *data,
				    size_t len, const struct http_limits *lim, size_t max_file,
				    struct http_params *out)
{
	char delim[80];
	size_t dl;
	const char *p, *end = data + len;

	if (mp_boundary(content_type, delim, sizeof(delim)) < 0)
		return HTTP_ERR_ENCODING;
	dl = strlen(delim);
	p = mp_find(data, len, delim, dl);
	if (p == NULL)
		return HTTP_ERR_ENCODING;
	for (;;) {
		const char *hs, *he, *cs, *ce, *disp = NULL, *dend = NULL;
		char *name, *filename, *value;
		size_t vlen;
		enum http_err e;

		p += dl;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return HTTP_OK; /* the closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return HTTP_ERR_ENCODING;
		hs = p + 2;
		he = mp_find(hs, (size_t)(end - hs), "\r\n\r\n", 4);
		if (he == NULL)
			return HTTP_ERR_ENCODING;
		for (const char *l = hs; l < he;) {
			const char *le = mp_find(l, (size_t)(he - l), "\r\n", 2);

			if (le == NULL)
				le = he;
			if ((size_t)(le - l) > 20 &&
			    strncasecmp(l, "Content-Disposition:", 20) == 0) {
				disp = l + 20;
				dend = le;
			}
			l = le + 2;
		}
		cs = he + 4;
		{
			char pat[84];

			pat[0] = '\r';
			pat[1] = '\n';
			memcpy(pat + 2, delim, dl + 1);
			ce = mp_find(cs, (size_t)(end - cs), pat, dl + 2);
		}
		if (ce == NULL || disp == NULL)
			return HTTP_ERR_ENCODING;
		name = mp_param(a, disp, dend, "name");
		filename = mp_param(a, disp, dend, "filename");
		if (name == NULL || name[0] == '\0' || strlen(name) > 64)
			return HTTP_ERR_ENCODING;
		vlen = (size_t)(ce - cs);
		if (vlen > (filename != NULL ? max_file : lim->max_field) &&
		    (filename != NULL || lim->field_max == NULL ||
		     vlen > lim->field_max(lim->ctx, name)))
			return HTTP_ERR_FIELD_TOO_LONG;
		value = arena_alloc(a, vlen + 1);
		if (value == NULL)
			return HTTP_ERR_NOMEM;
		memcpy(value, cs, vlen);
		value[vlen] = '\0';
		if (filename == NULL) {
			if (!http_text_valid(value, vlen))
				return HTTP_ERR_UTF8;
			e = params_push(a, out, lim->max_fields, name, value, vlen);
		} else {
			/* A file that is not UTF-8 text arrives empty, with "<name>:binary"
			 * set, so that its page can say what to do about it. */
			size_t bad;
			int text =
			    memchr(value, '\0', vlen) == NULL && utf8_valid(value, vlen, &bad);
			const char *fn =
			    http_text_valid(filename, strlen(filename)) ? filename : "";
			char *k1 = arena_printf(a, "%s:filename", name);
			char *k2 = arena_printf(a, "%s:binary", name);

			if (k1 == NULL || k2 == NULL)
				return HTTP_ERR_NOMEM;
			e = params_push(a, out, lim->max_fields, name, text ? value : "",
					text ? vlen : 0);
			if (e == HTTP_OK)
				e = params_push(a, out, lim->max_fields, k1, fn, strlen(fn));
			if (e == HTTP_OK && !text)
				e = params_push(a, out, lim->max_fields, k2, "1", 1);
		}
		if (e != HTTP_OK)
			return e;
		p = ce + 2;
	}
}
