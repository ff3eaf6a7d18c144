/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fcgi: read a FastCGI request, route it, write the answer (see fcgi.h).
 * Body size is checked against CONTENT_LENGTH before reading, and again
 * while reading, so an oversized body is answered 413 without buffering it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "web/fcgi.h"

static const char *env_get(char **envp, const char *name)
{
	size_t n = strlen(name);

	for (char **e = envp; e != NULL && *e != NULL; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

static const char *status_text(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 303:
		return "See Other";
	case 304:
		return "Not Modified";
	case 400:
		return "Bad Request";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 409:
		return "Conflict";
	case 410:
		return "Gone";
	case 413:
		return "Content Too Large";
	case 414:
		return "URI Too Long";
	case 415:
		return "Unsupported Media Type";
	case 422:
		return "Unprocessable Content";
	case 429:
		return "Too Many Requests";
	case 500:
		return "Internal Server Error";
	case 503:
		return "Service Unavailable";
	default:
		return "Status";
	}
}

void fcgi_build_request(struct app *app, struct req *rq, struct arena *a, char **envp,
			const char *body, size_t body_len)
{
	const char *m = env_get(envp, "REQUEST_METHOD");
	const char *path = env_get(envp, "DOCUMENT_URI");
	const char *query = env_get(envp, "QUERY_STRING");
	const char *cookie = env_get(envp, "HTTP_COOKIE");
	const char *https = env_get(envp, "HTTPS");
	enum http_err e;

	memset(rq, 0, sizeof(*rq));
	rq->a = a;
	rq->method_name = m ? m : "";
	if (m != NULL && strcmp(m, "GET") == 0)
		rq->method = M_GET;
	else if (m != NULL && strcmp(m, "HEAD") == 0)
		rq->method = M_HEAD;
	else if (m != NULL && strcmp(m, "POST") == 0)
		rq->method = M_POST;
	else
		rq->method = M_OTHER;
	if (path != NULL) {
		e = http_path_normalise(a, path, 0, &rq->path);
	} else {
		/* Without nginx's DOCUMENT_URI, take the path part of REQUEST_URI. */
		const char *uri = env_get(envp, "REQUEST_URI");
		const char *q = uri ? strchr(uri, '?') : NULL;

		path = uri == NULL ? "/" : q ? arena_strndup(a, uri, (size_t)(q - uri)) : uri;
		e = path ? http_path_normalise(a, path, 1, &rq->path) : HTTP_ERR_NOMEM;
	}
	/* A path that is not one clean absolute path is answered 400 before any
	 * handler runs (web_handle), and the error page links only to "/". */
	if (e != HTTP_OK)
		rq->decode_err = e;
	rq->query = query ? query : "";
	rq->content_type = env_get(envp, "CONTENT_TYPE");
	rq->https = https != NULL && strcmp(https, "on") == 0;
	rq->remote_addr = env_get(envp, "REMOTE_ADDR");
	rq->forwarded_for = env_get(envp, "HTTP_X_FORWARDED_FOR");
	rq->body = body;
	rq->body_len = body_len;

	e = http_decode_urlencoded(a, rq->query, strlen(rq->query), &app->limits,
				   &rq->query_params);
	if (e != HTTP_OK && rq->decode_err == HTTP_OK)
		rq->decode_err = e;
	if (cookie != NULL) {
		/* A broken cookie is dropped, not fatal: the resident cannot fix it. */
		if (http_decode_cookies(a, cookie, &app->limits, &rq->cookies) != HTTP_OK)
			memset(&rq->cookies, 0, sizeof(rq->cookies));
	}
	if (rq->method == M_POST && body != NULL && rq->decode_err == HTTP_OK) {
		const char *ct = rq->content_type ? rq->content_type : "";
		struct web_field_ctx fctx = {a, rq->path};
		struct http_limits lim = app->limits;

		/* a field the route declares larger (the survey editor's text) */
		lim.field_max = web_route_field_max;
		lim.ctx = &fctx;

		if (strncmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
			e = http_decode_urlencoded(a, body, body_len, &lim, &rq->form);
			if (e != HTTP_OK)
				rq->decode_err = e;
		} else if (strncmp(ct, "multipart/form-data", 19) == 0 &&
			   strncmp(rq->path, "/admin/", 7) == 0) {
			/* uploads (translations, survey files), officers' pages
			 * only: no resident's form takes a file, so no file part
			 * can stand for a resident's field there; the body is
			 * already within max_body */
			e = http_decode_multipart(a, ct, body, body_len, &lim, app->cfg.max_body,
						  &rq->form);
			if (e != HTTP_OK)
				rq->decode_err = e;
		}
	}
	rq->lang = web_choose_lang(rq, env_get(envp, "HTTP_ACCEPT_LANGUAGE"));
}

void fcgi_write_head(struct buf *out, const struct resp *rs)
{
	buf_puts(out, "Status: ");
	buf_int(out, rs->status);
	buf_putc(out, ' ');
	buf_puts(out, status_text(rs->status));
	buf_puts(out, "\r\n");
	if (rs->body.len > 0 || rs->content_type != NULL) {
		buf_puts(out, "Content-Type: ");
		buf_puts(out, rs->content_type ? rs->content_type : "text/html; charset=utf-8");
		buf_puts(out, "\r\n");
	}
	/* A streamed body's length is not known in advance. */
	if (rs->stream == NULL) {
		buf_puts(out, "Content-Length: ");
		buf_int(out, (long long)rs->body.len);
		buf_puts(out, "\r\n");
	}
	buf_append(out, rs->head.data ? rs->head.data : "", rs->head.len);
	buf_puts(out, "\r\n");
}

/* Read the body into the arena; 0, or the HTTP status to answer. */
static int read_body(struct app *app, FCGX_Request *fr, struct arena *a, char **body, size_t *len)
{
	const char *cl = FCGX_GetParam("CONTENT_LENGTH", fr->envp);
	unsigned long long want = 0;
	char *end, *p;
	size_t got = 0;

	*body = NULL;
	*len = 0;
	if (cl == NULL || *cl == '\0')
		return 0;
	want = strtoull(cl, &end, 10);
	if (*end != '\0')
		return 400;
	if (want > app->cfg.max_body)
		return 413;
	p = arena_alloc(a, (size_t)want + 1);
	if (p == NULL)
		return 413;
	while (got < want) {
		int n = FCGX_GetStr(p + got, (int)(want - got), fr->in);

		if (n <= 0)
			return 400; /* the client went away mid-body */
		got += (size_t)n;
	}
	p[got] = '\0';
	*body = p;
	*len = got;
	return 0;
}

void fcgi_answer(struct app *app, struct req *rq, struct resp *rs, int status)
{
	if (status != 0)
		web_error(app, rq, rs, status);
	else
		web_handle(app, rq, rs);
	if (rs->body.overflow || rs->head.overflow) {
		if (rs->stream != NULL)
			rs->stream(rs->stream_ctx, NULL);
		log_error("response to %s exceeded its buffer", rq->route ? rq->route : "?");
		resp_reset(rs);
		web_error(app, rq, rs, 500);
	}
	/* Which instance answered, for operators behind an upstream of several:
	 * only the name they chose in instance_name, nothing about the host. */
	if (app->cfg.instance_name[0] != '\0')
		resp_header(rs, "X-Served-By", app->cfg.instance_name);
	if (rs->stream != NULL && (rs->status != 200 || rq->method == M_HEAD)) {
		rs->stream(rs->stream_ctx, NULL);
		rs->stream = NULL;
	}
}

void fcgi_serve(struct app *app, FCGX_Request *fr, struct arena *a, struct resp *rs)
{
	static struct buf out;
	struct timespec t0, t1;
	struct req rq;
	char *body;
	size_t body_len;
	int status;
	const char *uri = FCGX_GetParam("REQUEST_URI", fr->envp);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	resp_reset(rs);
	status = read_body(app, fr, a, &body, &body_len);
	fcgi_build_request(app, &rq, a, fr->envp, body, body_len);
	if (uri != NULL && strlen(uri) > app->cfg.max_url)
		status = 414;
	fcgi_answer(app, &rq, rs, status);
	/* The head is written from a buffer kept across requests, the body
	 * straight from the response: no copy of the page. */
	if (out.data == NULL)
		buf_init(&out, RESP_MAX_HEAD + 256);
	buf_reset(&out);
	fcgi_write_head(&out, rs);
	if ((FCGX_PutStr(out.data, (int)out.len, fr->out) < 0 ||
	     (rq.method != M_HEAD && rs->body.len > 0 &&
	      FCGX_PutStr(rs->body.data, (int)rs->body.len, fr->out) < 0)) &&
	    rs->stream != NULL) {
		rs->stream(rs->stream_ctx, NULL);
		rs->stream = NULL;
	}
	/* A streamed body: the rest, a chunk at a time, never all in memory. */
	while (rs->stream != NULL) {
		int more;

		buf_reset(&rs->body);
		more = rs->stream(rs->stream_ctx, &rs->body);
		if (rs->body.overflow) {
			log_error("streamed response to %s overflowed a chunk",
				  rq.route ? rq.route : "?");
			if (more > 0)
				rs->stream(rs->stream_ctx, NULL);
			break;
		}
		if (rs->body.len > 0 &&
		    FCGX_PutStr(rs->body.data, (int)rs->body.len, fr->out) < 0) {
			if (more > 0)
				rs->stream(rs->stream_ctx, NULL);
			break;
		}
		if (more < 0)
			log_error("streamed response to %s cut short", rq.route ? rq.route : "?");
		if (more <= 0)
			break;
	}
	rs->stream = NULL;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_info("%s %s %d %.1fms", rq.method_name, rq.route ? rq.route : "-", rs->status,
		 (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
}
