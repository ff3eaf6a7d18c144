/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * testreq: one request from text, answered as the service would, without
 * the stack (testreq.c says the format); for `yourvoice test-request`
 * and the unit tests.
 */
#ifndef YV_WEB_TESTREQ_H
#define YV_WEB_TESTREQ_H

#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "web/web.h"

/* Route and answer the request in text (len bytes) with app; append the
 * answer (head and body) to out. Its status, or -1 when the text is not a
 * request. Everything it allocates is in arena a. */
int web_test_request(struct app *app, struct arena *a, const char *text, size_t len,
		     struct buf *out);

#endif
