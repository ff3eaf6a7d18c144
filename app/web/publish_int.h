/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * publish_int: what publish.c and publish_page.c share (private to them).
 */
#ifndef YV_WEB_PUBLISH_INT_H
#define YV_WEB_PUBLISH_INT_H

#include <time.h>

#include <jansson.h>

#include "render/html.h"
#include "web/handlers.h"

enum out_kind { OUT_PAGE, OUT_JSON, OUT_CSV };

/* The results page of s from the figures res into rs (officer_view: the
 * officers' exact figures, with a notice saying so). */
void publish_render_page(struct req *rq, struct resp *rs, const struct survey *s, json_t *res,
			 time_t now, const struct publication *pub, int officer_view);

#endif
