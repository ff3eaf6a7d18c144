/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * summariser: the background process that keeps theme summaries
 * (theme_summary, migration 007) up to date for every analysed question of
 * every loaded survey. `yourvoice serve`'s master forks it next to the
 * workers (niced; restarted if it dies; stopped with them on SIGTERM and
 * replaced on a reload), so no resident's request ever waits for it.
 *
 * Every themes_interval seconds it polls, per survey and question, one
 * cheap fingerprint (count, largest and sum of the response ids of the
 * answers that count, plus the count and sum of the hidden ones) and
 * compares it with the source_key stored with the summary. Only when they
 * differ does it take the database's named lock (GET_LOCK, so that of
 * several servers on one database only one computes), read the answers,
 * run themes_summarise() in-process, carry stable theme keys over from the
 * previous summary (results/themeview.h) and store the result. One summary
 * at a time.
 */
#ifndef YV_RESULTS_SUMMARISER_H
#define YV_RESULTS_SUMMARISER_H

#include <jansson.h>
#include <signal.h>
#include <time.h>

#include "core/arena.h"
#include "store/store.h"
#include "survey/survey.h"

/* Fewer answers than this get no themes (the pages say so). */
#define SUMMARISER_MIN_ANSWERS 10
/* At most this many answers are read for one summary (the newest are left out beyond). */
#define SUMMARISER_MAX_ANSWERS 200000

/*
 * One pass over every analysed question of every survey of `set`: compute
 * the summaries whose fingerprint changed. Returns how many were stored,
 * or -1 when any failed (logged; the others are still tried). Stops early
 * when *stop is set.
 */
int summariser_pass(struct store *st, const struct survey_set *set, struct arena *a,
		    volatile sig_atomic_t *stop);

/* Bring one question's summary up to date (the pass's unit, for tests and
 * the command line): 1 stored, 0 already current or lock held elsewhere, -1 error. */
int summariser_update(struct store *st, const struct survey *s, const struct survey_question *q,
		      struct arena *a);

/* Officers' decisions for one question, as themeview_apply() takes them; NULL on error. */
json_t *summariser_decisions(struct store *st, const struct survey *s, const char *qid,
			     struct arena *a);
/* Answers officers moved to another theme: {response id: theme key}; NULL on error. */
json_t *summariser_moves(struct store *st, const struct survey *s, const char *qid,
			 struct arena *a);
/* Hidden answers of one question: {response id: reason}; NULL on error. */
json_t *summariser_hidden(struct store *st, const struct survey *s, const char *qid,
			  struct arena *a);

/*
 * What pages, open data and `yourvoice results` show of one question:
 * {question, status: "pending" (no summary yet) | "too_few" | "ready",
 * min_answers, answers, computed_at, and when ready themeview_apply()'s
 * view with the officers' decisions}. stored (borrowed) may be NULL; at is
 * when it was computed. NULL when the database fails.
 */
json_t *summariser_view(struct store *st, const struct survey *s, const char *qid, json_t *stored,
			time_t at, struct arena *a, int officer);
/*
 * Stored views (theme_view, migration 110): what summariser_view() gives,
 * kept in the database under its source, so that any worker reads one row
 * instead of parsing the summary and applying every decision. The source
 * is the survey's theme_view_version (moved in the transaction of every
 * officer decision, flag decision and withdrawal: store/themeviews.h), the
 * stored summary's stamp, the group threshold and the view's format; a
 * kept view is used only under the source read now, so a decision shows
 * on the next request. Bump SUMMARISER_VIEW_FORMAT whenever a view's
 * content changes for the same inputs (themeview.c, summariser_view()).
 */
#define SUMMARISER_VIEW_FORMAT "tv1"
/* The current source of question qid's view into *source (arena), NULL
 * when it has no stored summary (the view is "pending", nothing kept). */
enum store_err summariser_view_source(struct store *st, const struct survey *s, const char *qid,
				      struct arena *a, const char **source);
/* The kept view under source, parsed; NULL when there is none under that
 * source (*err 0) or the database failed (*err 1). */
json_t *summariser_view_stored(struct store *st, const struct survey *s, const char *qid,
			       int officer, const char *source, struct arena *a, int *err);
/* Keep view (not "pending" ones) under source; a failure is logged. */
void summariser_view_keep(struct store *st, const struct survey *s, const char *qid, int officer,
			  const char *source, const json_t *view);
/* The view of qid: the kept one when current, else built and kept. */
json_t *summariser_view_ready(struct store *st, const struct survey *s, const char *qid,
			      struct arena *a, int officer);
/* Build and keep every stale view of set (both audiences): how many were
 * built, -1 on a database error. The background process calls it. */
int summariser_views_upkeep(struct store *st, const struct survey_set *set, struct arena *a);
/* The view of every analysed question of s (summariser_view_ready()). */
json_t *summariser_views(struct store *st, const struct survey *s, struct arena *a, int officer);

/* Loop until *stop: a pass, then interval seconds of sleep. With key (the
 * installation key) each pass also runs the notifier (results/notifier.h):
 * the residents' emails go from this background process. */
void summariser_run(const struct settings *cfg, const struct survey_set *set, int interval,
		    const unsigned char *key, volatile sig_atomic_t *stop);

#endif
