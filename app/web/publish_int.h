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

enum out_kind { OUT_PAGE, OUT_JSON, OUT_CSV, OUT_BRIEFING };

/* The results page of s from the figures res into rs (officer_view: the
 * officers' exact figures, with a notice saying so). */
void publish_render_page(struct req *rq, struct resp *rs, const struct survey *s, json_t *res,
			 time_t now, const struct publication *pub, int officer_view);

/* The printable one-page briefing /r/<id>/briefing of the same figures. */
void publish_render_briefing(struct req *rq, struct resp *rs, const struct survey *s, json_t *res,
			     time_t now, const struct publication *pub, int officer_view);

/* publish_summary.c: the summary in words at the top of the page, the
 * glossary of the method words, and the cross-tables of breakdown d (the
 * di-th), all read from the figures res, never counted again. */
void publish_summary(struct req *rq, struct html *b, const struct survey *s, json_t *res);
void publish_glossary(struct req *rq, struct html *b, json_t *res);
void publish_crosstabs(struct req *rq, struct html *b, const struct survey *s, json_t *res,
		       json_t *d, size_t di);

/* "50.0%", or a dash when v is not a number. */
const char *publish_pct(struct arena *a, json_t *v);
/* The name of a channel or language key of the respondents' counts. */
const char *publish_channel_name(const char *key);
/* The name of group g of a breakdown, and of the breakdown d. */
const char *publish_group_name(json_t *g, enum yv_lang l);
const char *publish_breakdown_name(json_t *d, enum yv_lang l);
/* The words at the top (top) or bottom end of scale question qid of s. */
const char *publish_scale_end(const struct survey *s, const char *qid, int top, enum yv_lang l);

#endif
