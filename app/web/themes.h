/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themes (web): free-text themes on the results pages and the officers'
 * theme moderation page. The summaries are computed in the background
 * (results/summariser.h); here they are read, officers' decisions (renames,
 * merges, hidden quotes) applied at request time (results/themeview.h) and
 * shown: on /r/<id> and /admin/results/<id> per analysed question, in
 * /r/<id>.json under "themes" and in /r/<id>.csv as rows of question_type
 * "themes"; and on /admin/themes/<id> where officers with access to the
 * survey rename, merge and hide quotes (councillors only read).
 */
#ifndef YV_WEB_THEMES_H
#define YV_WEB_THEMES_H

#include <jansson.h>

#include "web/web.h"

/*
 * One entry per analysed question of s: {question, status: "pending" (no
 * summary yet) | "too_few" | "ready", answers, min_answers, computed_at,
 * and when ready the view of themeview_apply()}. officer: quotes with ids,
 * hidden ones marked. NULL when the database fails (logged).
 */
json_t *themes_load(struct app *app, struct req *rq, const struct survey *s, int officer);

/* The section for question qid on a results page; 0 when qid has none. */
int themes_html(struct req *rq, struct buf *b, const struct survey *s, json_t *themes,
		const char *qid, const char *title);


#endif
