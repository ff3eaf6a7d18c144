/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * testreq: answer one request read from text, without nginx or FastCGI
 * (Fossil's test-http model), for `yourvoice test-request FILE` and the
 * unit tests of tests/unit/web/. The text is what a browser sends:
 *
 *   GET /path?query HTTP/1.1        (the version is optional)
 *   Header-Name: value              (any number; Cookie, Accept-Language, ...)
 *                                   (a blank line)
 *   body                            (everything after it, as sent)
 *
 * It becomes the same CGI parameters nginx passes (REQUEST_METHOD,
 * REQUEST_URI, QUERY_STRING, HTTP_*, CONTENT_TYPE, CONTENT_LENGTH) and
 * goes through the same fcgi_build_request() and fcgi_answer() as a real
 * request; the answer is written as FastCGI writes it (Status: line,
 * headers, blank line, body; no body for HEAD), a streamed body whole.
 * Uses fcgi.c (below it) and nothing of the network.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "web/fcgi.h"
#include "web/testreq.h"

#define TESTREQ_MAX_HEADERS 64

/* "Accept-Language" → "HTTP_ACCEPT_LANGUAGE=value" (Content-Type without HTTP_). */
static char *header_env(struct arena *a, const char *name, size_t nlen, const char *value,
			size_t vlen)
{
	int plain = (nlen == 12 && strncasecmp(name, "Content-Type", 12) == 0) ||
		    (nlen == 14 && strncasecmp(name, "Content-Length", 14) == 0);
	const char *prefix = plain ? "" : "HTTP_";
	size_t plen = strlen(prefix);
	char *e = arena_alloc(a, plen + nlen + 1 + vlen + 1);

	if (e == NULL)
		return NULL;
	memcpy(e, prefix, plen);
	for (size_t i = 0; i < nlen; i++)
		e[plen + i] = name[i] == '-' ? '_' : (char)toupper((unsigned char)name[i]);
	e[plen + nlen] = '=';
	memcpy(e + plen + nlen + 1, value, vlen);
	e[plen + nlen + 1 + vlen] = '\0';
	return e;
}

/* The next line of text (without CR LF or LF); NULL at the end. */
static const char *next_line(const char **p, const char *end, size_t *len)
{
	const char *s = *p, *nl;

	if (s >= end)
		return NULL;
	nl = memchr(s, '\n', (size_t)(end - s));
	*len = (size_t)((nl ? nl : end) - s);
	*p = nl ? nl + 1 : end;
	if (*len > 0 && s[*len - 1] == '\r')
		(*len)--;
	return s;
}

/* Parse text into CGI parameters; the body points into text. 0, or -1 when malformed. */
static int parse(struct arena *a, const char *text, size_t len, char **envp, size_t *nenv,
		 const char **body, size_t *body_len)
{
	const char *p = text, *end = text + len, *line, *sp1, *sp2, *q;
	size_t n, k = 0;

	line = next_line(&p, end, &n);
	if (line == NULL || (sp1 = memchr(line, ' ', n)) == NULL)
		return -1;
	sp2 = memchr(sp1 + 1, ' ', (size_t)(line + n - sp1 - 1));
	if (sp2 == NULL)
		sp2 = line + n;
	q = memchr(sp1 + 1, '?', (size_t)(sp2 - sp1 - 1));
	envp[k++] = arena_printf(a, "REQUEST_METHOD=%.*s", (int)(sp1 - line), line);
	envp[k++] = arena_printf(a, "REQUEST_URI=%.*s", (int)(sp2 - sp1 - 1), sp1 + 1);
	envp[k++] =
	    arena_printf(a, "QUERY_STRING=%.*s", q ? (int)(sp2 - q - 1) : 0, q ? q + 1 : "");
	envp[k++] = arena_strdup(a, "REMOTE_ADDR=192.0.2.1");
	while ((line = next_line(&p, end, &n)) != NULL && n > 0) {
		const char *colon = memchr(line, ':', n), *v;

		if (colon == NULL || colon == line || k + 3 >= TESTREQ_MAX_HEADERS)
			return -1;
		v = colon + 1;
		while (v < line + n && (*v == ' ' || *v == '\t'))
			v++;
		/* the length is the body's own, whatever the file says */
		if ((size_t)(colon - line) == 14 && strncasecmp(line, "Content-Length", 14) == 0)
			continue;
		envp[k++] = header_env(a, line, (size_t)(colon - line), v, (size_t)(line + n - v));
	}
	*body = p;
	*body_len = (size_t)(end - p);
	envp[k++] = arena_printf(a, "CONTENT_LENGTH=%zu", *body_len);
	envp[k] = NULL;
	for (size_t i = 0; i < k; i++)
		if (envp[i] == NULL)
			return -1;
	*nenv = k;
	return 0;
}

int web_test_request(struct app *app, struct arena *a, const char *text, size_t len,
		     struct buf *out)
{
	char *envp[TESTREQ_MAX_HEADERS + 1];
	const char *body, *uri;
	size_t nenv, body_len;
	struct resp rs;
	struct req rq;
	int status = 0;

	if (parse(a, text, len, envp, &nenv, &body, &body_len) != 0)
		return -1;
	resp_init(&rs);
	/* The checks fcgi_serve() makes while reading a request. */
	if (body_len > app->cfg.max_body)
		status = 413;
	fcgi_build_request(app, &rq, a, envp, status ? NULL : body, status ? 0 : body_len);
	uri = envp[1] + strlen("REQUEST_URI=");
	if (strlen(uri) > app->cfg.max_url)
		status = 414;
	fcgi_answer(app, &rq, &rs, status);
	fcgi_write_head(out, &rs);
	if (rq.method != M_HEAD)
		buf_append(out, rs.body.data ? rs.body.data : "", rs.body.len);
	while (rs.stream != NULL) {
		int more;

		buf_reset(&rs.body);
		more = rs.stream(rs.stream_ctx, &rs.body);
		buf_append(out, rs.body.data ? rs.body.data : "", rs.body.len);
		if (more <= 0 || rs.body.overflow) {
			if (more > 0)
				rs.stream(rs.stream_ctx, NULL);
			rs.stream = NULL;
		}
	}
	status = rs.status;
	resp_release(&rs);
	return status;
}
