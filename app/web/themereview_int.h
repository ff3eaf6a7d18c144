/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themereview_int: private to the themes family (web/themereview.h):
 *   themereview_load.c  the stored summaries, kept parsed per worker, and
 *                       the views and members made of them
 *   themereview_html.c  the themes section of the results pages, and the
 *                       labels, stances and status lines the review page
 *                       shows the same way
 *   themereview.c       the officers' review page /admin/themes/<id>, and
 *                       the dispatch at its end
 *   themereview_post.c  the review page's decisions (POST)
 * They read and decide through store/themereview.h, apply the decisions
 * with results/themeview.h and results/summariser.h, and ask web/admin.h
 * who may do what; nothing outside the family includes this header.
 */
#ifndef YV_WEB_THEMEREVIEW_INT_H
#define YV_WEB_THEMEREVIEW_INT_H

#include <time.h>

#include <jansson.h>

#include "render/html.h"
#include "web/admin.h"
#include "web/themereview.h"

#define THEME_LABEL_MAX 120 /* bytes, as theme_decision.label_* */
#define HIDE_REASON_MAX 255 /* bytes, as answer_moderation.reason */
#define MOVE_MAX 500	    /* answers moved or split out by one form */

/* ---- themereview_load.c ---- */

/* The stored summary of question qid (new reference), NULL when none;
 * *err on a database failure. Kept parsed in app->theme_cache, fetched
 * again only when its stamp changes. */
json_t *themereview_stored_load(struct app *app, struct store *db, struct req *rq,
				const struct survey *s, const char *qid, time_t *at, int *err);
/* The entry of question qid as themereview_load() gives it, read from db;
 * NULL when the database failed. */
json_t *themereview_question_load(struct app *app, struct store *db, struct req *rq,
				  const struct survey *s, const char *qid, int officer);
/* The analysed question qid of s, or NULL. */
const struct survey_question *themereview_analysed(const struct survey *s, const char *qid);

/* ---- themereview_html.c ---- */

/* The label as HTML: an English one on a Welsh page in lang="en", marked. */
void themereview_label_html(struct req *rq, struct html *b, json_t *t);
/* The description, when the method gave one, in the reader's language. */
void themereview_description_html(struct req *rq, struct html *b, json_t *t);
/* "praise 50%, complaint 30%, …" of a theme, or "–" when not known. */
void themereview_stance_html(struct req *rq, struct html *b, json_t *t);
/* "12.5%" (arena). */
const char *themereview_pct(struct arena *a, double share);
/* "Summary of 120 answers, updated …" and the other status lines: 1 when
 * the summary is ready (its themes follow), 0 when not. */
int themereview_status_lines(struct req *rq, struct html *b, json_t *q);

/* ---- themereview_post.c ---- */

/* The review page's decisions: rename, merge, unmerge, approve, unapprove,
 * create, split, move, hide, unhide (the form's action). The role was
 * checked by the dispatch. */
void admin_post(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
		const struct survey *s, const struct route_parts *rp);

#endif
