/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feed: responses from MariaDB into the results accumulator (see feed.h),
 * and the publication snapshots (`yourvoice results` is app/cmd/results.c). Each batch takes up
 * to RESULTS_BATCH responses after the last id seen with their answers
 * (answers_read_batch, store/answers_read.h) and merges the two streams;
 * the batch arena is reset after each batch, so memory stays flat however
 * many responses there are. Reads and writes only through typed store
 * calls (store/answers_read.h, store/snapshots.h): no SQL here.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/token.h"
#include "results/csv.h"
#include "results/feed.h"
#include "results/sdc.h"
#include "results/summariser.h"
#include "results/themeview.h"
#include "store/answers_read.h"
#include "store/snapshots.h"

#define RESULTS_BATCH 2000
#define RESULTS_MAX_ROWS 200000

enum store_err results_feed(struct store *st, const struct survey *s, struct results *r,
			    unsigned long long *last_id)
{
	return results_feed_until(st, s, r, last_id, 0, NULL);
}

/* Count the responses of batch b into r; rows is the scratch array of *cap
 * entries (grown for a response to a longer, earlier version). */
static void count_batch(struct results *r, struct results *fr, const struct answers_batch *b,
			struct results_row **rows, size_t *cap)
{
	size_t k = 0;

	for (size_t i = 0; i < b->nresp; i++) {
		const struct answers_response *ar = &b->resp[i];
		struct results_response resp;
		size_t n = 0;

		/* Answers of responses not in this batch (withdrawn) are skipped. */
		while (k < b->nrows && b->rows[k].response_id < ar->id)
			k++;
		while (k < b->nrows && b->rows[k].response_id == ar->id) {
			if (n == *cap) {
				struct results_row *grown =
				    realloc(*rows, 2 * *cap * sizeof(**rows));

				if (grown == NULL)
					log_fatal("results: out of memory");
				*rows = grown;
				*cap *= 2;
			}
			(*rows)[n].qid = b->rows[k].qid;
			(*rows)[n].value = b->rows[k].value;
			n++;
			k++;
		}
		resp.lang = ar->lang;
		resp.channel = ar->channel;
		resp.day = ar->day;
		resp.in_area = ar->in_area;
		resp.flagged = ar->flagged;
		resp.rkey = sdc_record_key(ar->id_text);
		resp.rows = *rows;
		resp.nrows = n;
		if (fr != NULL && resp.flagged) {
			resp.flagged = 0; /* counted apart, as the stored totals keep them */
			results_add(fr, &resp);
		} else {
			results_add(r, &resp);
		}
	}
}

static enum store_err feed(struct store *st, const struct survey *s, struct results *r,
			   struct results *fr, unsigned long long *last_id, time_t deadline,
			   int *more)
{
	size_t per = results_max_rows(s), batch = RESULTS_BATCH, cap;
	unsigned long long last = *last_id;
	struct results_row *rows;
	struct arena a;
	enum store_err e = STORE_OK;

	if (per == 0)
		per = 1;
	if (batch * per > RESULTS_MAX_ROWS)
		batch = RESULTS_MAX_ROWS / per ? RESULTS_MAX_ROWS / per : 1;
	cap = per; /* grows for a response to a longer, earlier version */
	rows = calloc(cap, sizeof(*rows));
	if (rows == NULL)
		log_fatal("results: out of memory");
	arena_init(&a, 0);
	if (more != NULL)
		*more = 0;
	for (;;) {
		struct answers_batch b;

		arena_reset(&a);
		/* Only the responses whose answers all came: the next batch
		 * starts after the last of them. */
		e = answers_read_batch(st, s->id, last, batch, batch * per, &a, &b);
		if (e != STORE_OK || b.nresp == 0)
			break;
		if (b.cut)
			log_error(
			    "results: %s: response %s has more than %zu answers: counted in part",
			    s->id, b.resp[0].id_text, batch * per);
		count_batch(r, fr, &b, &rows, &cap);
		last = b.resp[b.nresp - 1].id;
		*last_id = last;
		if (b.fetched < batch && b.nresp == b.fetched)
			break;
		if (deadline != 0 && time(NULL) >= deadline) {
			if (more != NULL)
				*more = 1;
			break;
		}
	}
	arena_release(&a);
	free(rows);
	return e;
}

enum store_err results_feed_until(struct store *st, const struct survey *s, struct results *r,
				  unsigned long long *last_id, time_t deadline, int *more)
{
	return feed(st, s, r, NULL, last_id, deadline, more);
}

enum store_err results_feed_split(struct store *st, const struct survey *s, struct results *r,
				  struct results *fr)
{
	unsigned long long last = 0;

	return feed(st, s, r, fr, &last, 0, NULL);
}

enum store_err results_count_upto(struct store *st, const struct survey *s,
				  unsigned long long last_id, long long *count, long long *flagged)
{
	return answers_count_upto(st, s->id, last_id, count, flagged);
}

enum store_err results_snapshot_latest(struct store *st, const struct survey *s, json_t **snap)
{
	struct snapshot sn;
	struct arena a;
	enum store_err e;
	int found;

	*snap = NULL;
	arena_init(&a, 0);
	e = snapshots_latest(st, s->id, &a, &sn, &found);
	if (e == STORE_OK && found) {
		json_t *fig = json_loads(sn.figures, 0, NULL);

		if (!json_is_object(fig)) {
			log_error("results: %s: snapshot %llu is not JSON", s->id, sn.id);
			json_decref(fig);
			e = STORE_ERROR;
		} else {
			json_object_set_new(fig, "id", json_integer((json_int_t)sn.id));
			json_object_set_new(fig, "reason", json_string(sn.reason));
			json_object_set_new(fig, "taken_at", json_integer((json_int_t)sn.taken_at));
			json_object_set_new(fig, "respondents",
					    json_integer((json_int_t)sn.respondents));
			*snap = fig;
		}
	}
	arena_release(&a);
	return e;
}

/* Whether area is suppressed in by_area (an array of {area, suppressed?}). */
static int area_suppressed(json_t *by_area, const char *area)
{
	json_t *e;
	size_t i;

	json_array_foreach(by_area, i,
			   e) if (json_is_string(json_object_get(e, "area")) &&
				  strcmp(json_string_value(json_object_get(e, "area")), area) ==
				      0) return json_is_true(json_object_get(e, "suppressed"));
	return 0;
}

/*
 * The rule of results.h for theme shares by area: while any area hidden in
 * the previous snapshot (prev) is still hidden, every area hidden there stays
 * hidden in cur (changed in place).
 */
static void keep_area_suppression(json_t *cur, json_t *prev)
{
	json_t *e;
	size_t i;
	int held = 0;

	json_array_foreach(
	    cur, i, e) if (json_is_true(json_object_get(e, "suppressed")) &&
			   area_suppressed(prev, json_string_value(json_object_get(e, "area"))))
	    held = 1;
	if (!held)
		return;
	json_array_foreach(cur, i, e)
	{
		const char *area = json_string_value(json_object_get(e, "area"));

		if (area != NULL && !json_is_true(json_object_get(e, "suppressed")) &&
		    area_suppressed(prev, area))
			json_array_set_new(cur, i,
					   json_pack("{s:s, s:b}", "area", area, "suppressed", 1));
	}
}

enum store_err results_snapshot_take(struct store *st, const struct survey *s, struct results *r,
				     json_t *themes, const char *reason, time_t now, json_t **snap)
{
	json_t *prev = NULL, *fig, *full, *tba = json_object(), *v;
	struct results_out out = {.perturb = 1, .breakdowns = 1};
	enum store_err e;
	size_t i;
	char *text;

	*snap = NULL;
	e = results_snapshot_latest(st, s, &prev);
	if (e != STORE_OK) {
		json_decref(tba);
		return e;
	}
	out.prev = prev ? json_object_get(prev, "breakdowns") : NULL;
	full = results_json_out(r, now, &out);
	fig = json_object();
	json_object_set(fig, "breakdowns", json_object_get(full, "breakdowns"));
	/* theme shares by area: themeview_apply() has perturbed them */
	json_array_foreach(themes, i, v) if (json_is_string(json_object_get(v, "question")) &&
					     json_is_array(json_object_get(v, "by_area")))
	{
		const char *qid = json_string_value(json_object_get(v, "question"));
		json_t *ba = json_deep_copy(json_object_get(v, "by_area"));

		if (prev != NULL)
			keep_area_suppression(
			    ba, json_object_get(json_object_get(prev, "themes_by_area"), qid));
		json_object_set_new(tba, qid, ba);
	}
	json_object_set_new(fig, "themes_by_area", tba);
	json_decref(full);
	json_decref(prev);
	text = json_dumps(fig, JSON_COMPACT);
	if (text == NULL)
		log_fatal("results: out of memory");
	{
		unsigned long long id = 0;

		e = snapshots_insert(st, s->id, reason, now, (long long)results_respondents(r),
				     text, &id);
		if (e == STORE_OK) {
			json_object_set_new(fig, "id", json_integer((json_int_t)id));
			json_object_set_new(fig, "reason", json_string(reason));
			json_object_set_new(fig, "taken_at", json_integer((json_int_t)now));
			json_object_set_new(fig, "respondents",
					    json_integer((json_int_t)results_respondents(r)));
			log_info("results: %s: snapshot %llu taken (%s, %zu respondents)", s->id,
				 id, reason, results_respondents(r));
		}
	}
	free(text);
	if (e != STORE_OK)
		json_decref(fig);
	else
		*snap = fig;
	return e;
}

json_t *results_public_json(struct results *r, json_t *snap, json_t *themes, time_t now)
{
	struct results_out out = {.perturb = 1, .breakdowns = 0};
	json_t *j = results_json_out(r, now, &out), *v, *asof;
	size_t i;

	if (snap != NULL) {
		char t[32];
		time_t at = (time_t)json_integer_value(json_object_get(snap, "taken_at"));
		struct tm tm;

		json_object_set(j, "breakdowns", json_object_get(snap, "breakdowns"));
		gmtime_r(&at, &tm);
		strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%SZ", &tm);
		asof = json_object();
		json_object_set(asof, "snapshot", json_object_get(snap, "id"));
		json_object_set_new(asof, "taken_at", json_string(t));
		json_object_set(asof, "reason", json_object_get(snap, "reason"));
		json_object_set(asof, "respondents", json_object_get(snap, "respondents"));
		json_object_set_new(j, "breakdowns_as_of", asof);
	} else {
		json_object_set_new(j, "breakdowns_as_of", json_null());
		/* figures by group wait for a snapshot (publication or close) */
		json_object_set_new(j, "breakdowns_pending",
				    json_boolean(results_nbreakdowns(r) > 0));
	}
	if (themes != NULL) {
		json_array_foreach(themes, i, v)
		{
			json_t *ba =
			    snap ? json_object_get(
				       json_object_get(snap, "themes_by_area"),
				       json_string_value(json_object_get(v, "question"))
					   ? json_string_value(json_object_get(v, "question"))
					   : "")
				 : NULL;

			if (json_object_get(v, "by_area") != NULL)
				json_object_set_new(v, "by_area",
						    ba ? json_incref(ba) : json_array());
		}
		json_object_set(j, "themes", themes);
	}
	return j;
}

void results_dump_json(struct buf *b, json_t *j, int indent)
{
	char *s = json_dumps(j, JSON_REAL_PRECISION(10) | (indent ? JSON_INDENT(2) : JSON_COMPACT));

	if (s == NULL)
		log_fatal("results: out of memory");
	buf_puts(b, s);
	buf_putc(b, '\n');
	free(s);
}
