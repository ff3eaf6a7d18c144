/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * publish: the public results of a survey: the page /r/<id> and the open
 * data /r/<id>.json and /r/<id>.csv. All three render the one figure set
 * that app/results builds from the database (results/feed.h), so they
 * always agree. Results are public only when the survey's publication rule
 * says so (results_public); otherwise, and for unknown surveys, 404.
 * Charts are inline SVG (render/svg.h) with the same figures in a table
 * beside them; free text is never shown, only how many answered, except
 * through the themes of the questions the survey marks for analysis
 * (web/themereview.h: summarised, redacted, moderated by officers).
 * The public figures go through disclosure control (docs/privacy.md): every
 * count perturbed with its cell key (results/sdc.h), and figures by group
 * only from the latest frozen snapshot (results/feed.h), taken when officers
 * publish (publish_snapshot) and at the first request after close. The
 * officers' view (/admin/results/<id>) has the exact figures.
 * The figures are read from the stored totals (results/totals.h: kept in
 * the transaction of every send, withdrawal and flag decision), so any
 * worker, fresh or warm, answers without reading the answers; only a
 * survey whose totals are not built yet (a new or edited survey file) is
 * counted from the answers as before, and its totals then built.
 * The page itself is publish_page.c; this file serves it and the open
 * data, keeps the per-worker accumulators (struct app) and the snapshots.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/log.h"
#include "results/csv.h"
#include "render/html.h"
#include "render/page.h"
#include "render/svg.h"
#include "results/feed.h"
#include "results/results.h"
#include "results/sdc.h"
#include "results/themeview.h"
#include "results/totals.h"
#include "store/publication.h"
#include "web/handlers.h"
#include "web/promises.h"
#include "web/publish_int.h"
#include "web/themereview.h"
#include "web/readstore.h"

/*
 * Without stored totals (above), each worker keeps, per survey, the
 * accumulator it has built and the last response id it counted; a request
 * only streams the responses after that id. Before that, one count query
 * checks the accumulator is still exact: the completed (and flagged)
 * responses up to that id must be those counted. A withdrawal, a flag, or
 * a response committed late with a lower id breaks the equality, and the
 * figures are then rebuilt from scratch. Officers' decisions (flag, clear,
 * hide, unhide) also bump the survey's moderation version (moderate.c):
 * equal sums do not prove nothing changed (one flag cleared while another
 * is raised), so a changed version rebuilds too. The version is read before
 * the feed, so a decision taken while it runs is noticed at the next
 * request.
 * A worker's survey set never changes (a reload starts new workers), so
 * the survey pointers are stable keys. Process memory, not the arena: the
 * array is app->results_cache.
 */
struct results_cache {
	const struct survey *s;
	struct results *r;
	unsigned long long last_id;
	long long version; /* moderation version when r was started */
	int exclude;	   /* flagged responses left out of r */
	int from_totals;   /* r was read from the stored totals, not fed */
};

/* Queued changes a reader folds into the stored totals when it finds at
 * least this many (results/totals.h), and at most how many at once. */
#define TOTALS_FOLD_AT 200
#define TOTALS_FOLD_MAX 5000
/* A survey without usable totals (a new or edited survey file) has them
 * built by the worker that counted it, when that took one request and it
 * has at most this many responses; larger ones by the background process
 * or `yourvoice results --rebuild`. */
#define TOTALS_REBUILD_MAX 20000

void publish_attach_totals(struct app *app)
{
	sdc_set_key(app->key);
	results_totals_hook(&app->totals_hook, app->surveys);
	app->store.totals = &app->totals_hook;
}

/* The cache entry of s (made when missing). */
static struct results_cache *cache_entry(struct app *app, const struct survey *s)
{
	struct results_cache *c = NULL;

	for (size_t i = 0; i < app->nresults_cache; i++)
		if (app->results_cache[i].s == s)
			c = &app->results_cache[i];
	if (c == NULL) {
		struct results_cache *grown =
		    realloc(app->results_cache, (app->nresults_cache + 1) * sizeof(*grown));

		if (grown == NULL)
			log_fatal("results: out of memory");
		app->results_cache = grown;
		c = &app->results_cache[app->nresults_cache++];
		memset(c, 0, sizeof(*c));
		c->s = s;
	}
	return c;
}

/*
 * The figures from the stored totals and their queue (results/totals.h),
 * read from st: any worker on any instance, fresh or warm, reads them and
 * never the answers. NULL when there are none usable (not built yet, or
 * counted under another survey file or key): the caller then counts as
 * before. Many queued changes are folded on the primary afterwards.
 */
static struct results *totals_results(struct app *app, struct store *st, const struct survey *s,
				      int exclude)
{
	struct results_opts o = {.exclude_flagged = exclude};
	struct results_cache *c;
	struct results *r = NULL;
	size_t queued = 0, folded = 0;
	int stale = 1;

	for (int tries = 0; tries < 4; tries++) {
		r = results_new(s, &o);
		if (results_totals_load(st, s, r, &stale, &queued) == STORE_OK && !stale)
			break;
		results_free(r);
		r = NULL;
		/* a long queue (no background process, many sends) is folded
		 * on the primary first; anything else is for the caller */
		if (queued < RESULTS_TOTALS_QUEUE_MAX ||
		    results_totals_fold(&app->store, s, TOTALS_FOLD_MAX, &stale, &folded) !=
			STORE_OK ||
		    stale)
			return NULL;
	}
	if (r == NULL)
		return NULL;
	if (queued >= TOTALS_FOLD_AT &&
	    results_totals_fold(&app->store, s, TOTALS_FOLD_MAX, &stale, &folded) != STORE_OK)
		log_warn("results: %s: could not fold %zu queued changes", s->id, queued);
	c = cache_entry(app, s);
	results_free(c->r);
	c->r = r;
	c->last_id = 0;
	c->exclude = exclude;
	c->from_totals = 1;
	return r;
}

/*
 * A worker counts for at most results_time_budget seconds a request; what
 * it has counted by then is an exact prefix (every response up to
 * last_id), so the next request carries on from there. *counting is set
 * when the figures are not complete yet. st is the store counted from
 * (cached_results() below chooses it); version the survey's moderation
 * version, read before st was chosen.
 */
static struct results *cached_results_from(struct app *app, struct store *st,
					   const struct survey *s, long long version, int exclude,
					   int *counting)
{
	struct results_opts o = {.exclude_flagged = exclude};
	struct results_cache *c = cache_entry(app, s);
	long long count, flagged;
	time_t budget = app->cfg.results_time_budget;

	if (c->from_totals) { /* not an exact prefix to feed on from */
		results_free(c->r);
		c->r = NULL;
		c->from_totals = 0;
	}
	if (c->r != NULL && (c->version != version || c->exclude != exclude)) {
		log_info("results: %s moderated (version %lld), recounting", s->id, version);
		results_free(c->r);
		c->r = NULL;
	}
	if (c->r != NULL && c->last_id > 0) {
		if (results_count_upto(st, s, c->last_id, &count, &flagged) != STORE_OK)
			return NULL;
		/* flagged responses left out are counted in flagged only */
		if ((size_t)(exclude ? count - flagged : count) != results_respondents(c->r) ||
		    (size_t)flagged != results_flagged(c->r)) {
			log_info("results: %s changed below response %llu, recounting", s->id,
				 c->last_id);
			results_free(c->r);
			c->r = NULL;
		}
	}
	if (c->r == NULL) {
		c->r = results_new(s, &o);
		c->last_id = 0;
		c->version = version;
		c->exclude = exclude;
	}
	if (results_feed_until(st, s, c->r, &c->last_id, budget > 0 ? time(NULL) + budget : 1,
			       counting) != STORE_OK) {
		/* A count cut off by an error must not be reused. */
		results_free(c->r);
		c->r = NULL;
		c->last_id = 0;
		*counting = 0;
		return NULL;
	}
	return *counting ? NULL : c->r;
}

/*
 * The figures come from the replica when readstore.c finds it has all the
 * primary had committed when this request began (so they never go
 * backwards), else from the primary; a replica that fails mid-read is set
 * aside and the primary answers. The moderation version is read first:
 * the store then chosen holds at least every decision it counts, so
 * figures are never filed under a version newer than their data.
 */
static struct results *cached_results(struct app *app, struct req *rq, const struct survey *s,
				      int exclude, int *counting)
{
	struct store *st;
	struct results *r;
	long long version;

	*counting = 0;
	st = app_read_store(app, rq);
	r = totals_results(app, st, s, exclude);
	if (r == NULL && st != &app->store)
		r = totals_results(app, &app->store, s, exclude);
	if (r != NULL)
		return r;
	/* No stored totals to read yet: count from the answers. */
	if (moderation_version(app, s, &version) != 0)
		return NULL;
	st = app_read_store(app, rq);
	r = cached_results_from(app, st, s, version, exclude, counting);
	if (r == NULL && !*counting && st != &app->store) {
		app_read_store_failed(app, rq, st);
		r = cached_results_from(app, &app->store, s, version, exclude, counting);
	}
	if (r != NULL && results_respondents(r) + results_flagged(r) <= TOTALS_REBUILD_MAX &&
	    results_totals_rebuild(&app->store, s) != STORE_OK)
		log_warn("results: %s: could not build the stored totals", s->id);
	return r;
}

int publication_load(struct app *app, struct req *rq, const struct survey *s, time_t now,
		     struct publication *pub)
{
	struct publication_row row;

	memset(pub, 0, sizeof(*pub));
	if (publication_get(&app->store, rq->a, s->id, &row) != 0)
		return -1;
	pub->decided = row.decided;
	pub->published = row.published;
	pub->ysw[LANG_EN] = row.ysw_en;
	pub->ysw[LANG_CY] = row.ysw_cy;
	pub->exclude_flagged = row.exclude_flagged;
	pub->is_public = pub->decided ? pub->published : results_public(s, now);
	return 0;
}

/* 503 while a large survey's responses are still being counted. */
static void counting_page(struct req *rq, struct resp *rs, const struct survey *s)
{
	const char *path = arena_printf(rq->a, "/r/%s", s->id);
	struct page_ctx p = {rq->lang, path ? path : "/", _("The results are being counted")};

	rs->status = 503;
	resp_html(rs);
	resp_header(rs, "Retry-After", "15");
	page_begin(html_over(&rs->body), &p);
	html_lit(html_over(&rs->body), "<h1>");
	html_text(html_over(&rs->body), _("The results are being counted"));
	html_lit(html_over(&rs->body), "</h1>\n<p>");
	html_text(html_over(&rs->body), _("So many people responded that counting takes a little "
					  "while. Try again in a minute."));
	html_lit(html_over(&rs->body), "</p>\n");
	page_end(html_over(&rs->body), &p);
}

/* The public themes views of s (NULL on a database error), [] when s has none. */
static json_t *public_themes(struct app *app, struct req *rq, const struct survey *s)
{
	return s->nanalysed > 0 ? themereview_load(app, rq, s, 0) : json_array();
}

/* Take a snapshot from r (every response counted). */
static int take_snapshot(struct app *app, struct req *rq, const struct survey *s, struct results *r,
			 const char *reason, json_t **snap)
{
	json_t *th = public_themes(app, rq, s);
	enum store_err e;

	if (th == NULL)
		return -1;
	e = results_snapshot_take(&app->store, s, r, th, reason, time(NULL), snap);
	json_decref(th);
	return e == STORE_OK ? 0 : -1;
}

int publish_snapshot(struct app *app, struct req *rq, const struct survey *s, const char *reason)
{
	struct publication pub;
	struct results *r;
	json_t *snap = NULL;
	int counting = 0, rc;

	sdc_set_key(app->key);
	if (publication_load(app, rq, s, time(NULL), &pub) != 0)
		return -1;
	r = cached_results(app, rq, s, pub.exclude_flagged, &counting);
	if (r == NULL)
		return counting ? 1 : -1;
	rc = take_snapshot(app, rq, s, r, reason, &snap);
	json_decref(snap);
	return rc;
}

/*
 * The public figures: survey-wide ones live, every count perturbed; the
 * breakdowns from the latest snapshot, a new one taken at the first
 * request after the survey closes (docs/privacy.md).
 */
static json_t *public_figures(struct app *app, struct req *rq, const struct survey *s,
			      struct results *r, time_t now)
{
	json_t *snap = NULL, *th, *res;

	if (results_snapshot_latest(&app->store, s, &snap) != STORE_OK)
		return NULL;
	if (now >= s->closes_at &&
	    (snap == NULL ||
	     json_integer_value(json_object_get(snap, "taken_at")) < (json_int_t)s->closes_at)) {
		json_decref(snap);
		snap = NULL;
		if (take_snapshot(app, rq, s, r, "close", &snap) != 0)
			return NULL;
	}
	th = s->nanalysed > 0 ? themereview_load(app, rq, s, 0) : NULL;
	if (s->nanalysed > 0 && th == NULL) {
		json_decref(snap);
		return NULL;
	}
	res = results_public_json(r, snap, th, now);
	json_decref(th);
	json_decref(snap);
	return res;
}

int publish_public_figures(struct app *app, struct req *rq, const struct survey *s,
			   const struct publication *pub, json_t **out)
{
	struct results *r;
	int counting = 0;

	*out = NULL;
	sdc_set_key(app->key);
	r = cached_results(app, rq, s, pub->exclude_flagged, &counting);
	if (r == NULL)
		return counting ? 1 : -1;
	*out = public_figures(app, rq, s, r, time(NULL));
	return *out != NULL ? 0 : -1;
}

void publish_serve(struct app *app, struct req *rq, struct resp *rs, const struct survey *s,
		   int kind, const struct publication *pub, int officer_view)
{
	struct results *r;
	time_t now = time(NULL);
	json_t *res;
	int counting = 0;

	sdc_set_key(app->key); /* record keys are counted as responses are fed */
	r = cached_results(app, rq, s, pub->exclude_flagged, &counting);
	if (r == NULL && counting) {
		counting_page(rq, rs, s);
		return;
	}
	if (r == NULL) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (officer_view) {
		res = results_json(r, now);
	} else {
		res = public_figures(app, rq, s, r, now);
		if (res == NULL) {
			web_error(app, rq, rs, 503);
			return;
		}
	}
	/* The officers' own "You said, we did" replaces the survey file's. */
	if (pub->ysw[LANG_EN] != NULL || pub->ysw[LANG_CY] != NULL) {
		json_t *y = json_object();

		for (int l = 0; l < LANG_N; l++)
			if (pub->ysw[l] != NULL)
				json_object_set_new(y, survey_lang_code((enum yv_lang)l),
						    json_string(pub->ysw[l]));
		json_object_set_new(res, "you_said_we_did", y);
	}
	/* Themes of the analysed questions, with officers' decisions applied now
	 * (the public figures have theirs, by area from the snapshot). */
	if (s->nanalysed > 0 && officer_view) {
		json_t *th = themereview_load(app, rq, s, 0);

		if (th == NULL) {
			json_decref(res);
			web_error(app, rq, rs, 503);
			return;
		}
		json_object_set_new(res, "themes", th);
	}
	/* Live results change with every response; published ones rarely. The
	 * officers' view is never cached. */
	resp_header(rs, "Cache-Control",
		    officer_view	 ? "no-store"
		    : now < s->closes_at ? "public, max-age=60"
					 : "public, max-age=600");
	switch (kind) {
	case OUT_JSON:
		rs->content_type = "application/json; charset=utf-8";
		if (!officer_view)
			resp_header(rs, "Access-Control-Allow-Origin", "*");
		results_dump_json(&rs->body, res, 1);
		break;
	case OUT_CSV:
		rs->content_type = "text/csv; charset=utf-8; header=present";
		if (!officer_view)
			resp_header(rs, "Access-Control-Allow-Origin", "*");
		resp_header(rs, "Content-Disposition",
			    arena_printf(rq->a, "inline; filename=\"%s-results.csv\"", s->id));
		csv_results(&rs->body, res);
		themeview_csv(&rs->body, s->id, json_object_get(res, "themes"));
		break;
	default: {
		struct publication with = *pub; /* and the commitments (promises.c) */

		with.promises = promises_load(app, rq, s);
		if (kind == OUT_BRIEFING)
			publish_render_briefing(rq, rs, s, res, now, &with, officer_view);
		else
			publish_render_page(rq, rs, s, res, now, &with, officer_view);
		break;
	}
	}
	json_decref(res);
	if (rs->body.overflow) {
		log_error("results: %s too large for one response", s->id);
		resp_reset(rs);
		web_error(app, rq, rs, 500);
	}
}
