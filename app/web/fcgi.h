/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fcgi: the glue between libfcgi and the web layer: read one accepted
 * FastCGI request into a struct req (body within max_body, fields decoded
 * within the limits), call web_handle(), write the response, and log one
 * line (method, route, status, duration; never an address or an answer).
 */
#ifndef YV_WEB_FCGI_H
#define YV_WEB_FCGI_H

#include <fcgiapp.h>

#include "web/web.h"

/* Serve one accepted request; everything it allocates is in arena a. */
void fcgi_serve(struct app *app, FCGX_Request *fr, struct arena *a, struct resp *rs);

/* Fill rq from CGI-style parameters (envp: NAME=value strings) and a body. */
void fcgi_build_request(struct app *app, struct req *rq, struct arena *a, char **envp,
			const char *body, size_t body_len);

/* Answer rq into rs: the error page of status (the request was refused
 * while it was read), else the route's; then what every answer needs (500
 * for an overflowing page, X-Served-By, no body stream unless a 200 GET). */
void fcgi_answer(struct app *app, struct req *rq, struct resp *rs, int status);

/* Status, content type and length, the extra headers and the blank line. */
void fcgi_write_head(struct buf *out, const struct resp *rs);

#endif
