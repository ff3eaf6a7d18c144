/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themereview (web): free-text themes on the results pages and the officers'
 * theme review page. The summaries are computed in the background
 * (results/summariser.h); here they are read, officers' decisions (renames,
 * merges, hidden quotes) applied at request time (results/themeview.h) and
 * shown: on /r/<id> and /admin/results/<id> per analysed question, in
 * /r/<id>.json under "themes" and in /r/<id>.csv as rows of question_type
 * "themes"; and on /admin/themes/<id> where officers with access to the
 * survey rename, merge, split, make and approve themes, move answers and
 * hide quotes (councillors only read). Only approved themes are published.
 * (The themes themselves are found by text/themes.h.)
 */
#ifndef YV_WEB_THEMEREVIEW_H
#define YV_WEB_THEMEREVIEW_H

#include <jansson.h>

#include "render/html.h"
#include "web/web.h"

/*
 * One entry per analysed question of s: {question, status: "pending" (no
 * summary yet) | "too_few" | "ready", answers, min_answers, computed_at,
 * and when ready the view of themeview_apply()}. officer: quotes with ids,
 * hidden ones marked. NULL when the database fails (logged).
 */
json_t *themereview_load(struct app *app, struct req *rq, const struct survey *s, int officer);

/* The section for question qid on a results page; 0 when qid has none. */
int themereview_html(struct req *rq, struct html *b, const struct survey *s, json_t *themes,
		     const char *qid, const char *title);

/* The entry of question qid in themereview_load()'s list, or NULL. */
json_t *themereview_question(json_t *themes, const char *qid);

/* A theme's label in the reader's language as plain text; an English label
 * standing in for a missing Welsh one is marked "(in English)". */
const char *themereview_label_text(struct req *rq, json_t *t);

/*
 * Where each answer of question qid is now (themeview_members(): theme
 * after officers' moves and merges, area, stance), from the primary. NULL
 * when there is no summary, or on a database failure (*err set).
 */
json_t *themereview_members(struct app *app, struct req *rq, const struct survey *s,
			    const char *qid, int *err);

#endif
