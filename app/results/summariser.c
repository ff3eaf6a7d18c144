/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* summariser: background theme summaries (see summariser.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "results/feedback.h"
#include "results/notifier.h"
#include "results/summariser.h"
#include "results/totals.h"
#include "results/themeview.h"
#include "store/summaries.h"
#include "store/themereview.h"
#include "store/themeviews.h"
#include "text/redact.h"
#include "text/themes.h"

#define QUOTE_CANDIDATES 8 /* per theme: officers may hide some, pages show 3 */
#define ARENA_LIMIT (256u * 1024 * 1024)

static const char *postcode_question(const struct survey *s)
{
	for (size_t p = 0; p < s->npages; p++)
		for (size_t i = 0; i < s->pages[p].nquestions; i++)
			if (s->pages[p].questions[i].type == SQ_POSTCODE)
				return s->pages[p].questions[i].id;
	return "";
}

/* The fingerprint of what a summary is computed from, into key. */
static enum store_err fingerprint(struct store *st, const struct survey *s, const char *qid,
				  struct arena *a, char *key, size_t keylen, long long *count,
				  long long *max_id)
{
	struct summaries_source src;
	enum store_err e = summaries_source(st, s->id, qid, a, &src);

	if (e != STORE_OK)
		return e;
	*count = (long long)src.answers;
	*max_id = (long long)src.max_id;
	snprintf(key, keylen, "v1 a:%llu:%llu:%llu h:%llu:%llu", src.answers, src.max_id,
		 src.id_sum, src.hidden, src.hidden_sum);
	return STORE_OK;
}

/*
 * The previous stored summary into *out (new reference, NULL when there is
 * none). 0, or -1 when it cannot be read or parsed: the caller must not
 * compute then, or new themes would take keys the old ones hold.
 */
static int previous(struct store *st, const struct survey *s, const char *qid, struct arena *a,
		    json_t **out)
{
	struct summaries_stored sum;
	int found;

	*out = NULL;
	if (summaries_get(st, s->id, qid, a, &sum, &found) != STORE_OK)
		return -1;
	if (!found)
		return 0;
	*out = json_loads(sum.summary, 0, NULL);
	if (*out == NULL) {
		log_error("themes: %s/%s: the stored summary does not parse: not recomputed", s->id,
			  qid);
		return -1;
	}
	return 0;
}

/*
 * Personal data must reach neither quotes nor labels and phrases (a name or
 * an address seen in one answer could otherwise label a small theme), so
 * the method reads each answer redacted, with the placeholders blanked out
 * so that they do not make a theme of their own. Appends to out; 0 or -1.
 */
static int analysis_text(struct redactor *rd, const char *s, struct buf *red, struct buf *out)
{
	const char *p, *e;

	buf_reset(red);
	if (redact_text(rd, s, strlen(s), red) < 0)
		return -1;
	p = buf_cstr(red);
	while ((e = strstr(p, "[redacted")) != NULL) {
		const char *close = strchr(e, ']');

		if (close == NULL)
			break;
		if (buf_append(out, p, (size_t)(e - p)) < 0 || buf_putc(out, ' ') < 0)
			return -1;
		p = close + 1;
	}
	return buf_puts(out, p) < 0 ? -1 : 0;
}

/* The index of response id `id` in ans (sorted by id as numbers), or -1. */
static long answer_index(const struct themes_answer *ans, size_t n, const char *id)
{
	unsigned long long want = strtoull(id, NULL, 10);
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		unsigned long long v = strtoull(ans[mid].id, NULL, 10);

		if (v == want)
			return (long)mid;
		if (v < want)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/*
 * Quotes are shown as the resident wrote them, redacted (placeholders
 * kept, so a reader sees that something was taken out): each quote's text
 * is made again from the original answer. Hidden answers are never picked
 * as quotes (themes_opts.unquotable), but officers must still find them to
 * show them again: each is added, redacted, after its theme's quotes;
 * themeview_apply() never publishes them. 0, or -1 when redaction failed.
 */
static int finish_quotes(json_t *stored, const struct themes_answer *orig,
			 const unsigned char *hidden, size_t n, struct redactor *rd)
{
	json_t *members = json_object_get(stored, "members"),
	       *themes = json_object_get(stored, "themes");
	struct buf b;
	size_t i, k, j;
	json_t *t, *q;
	int rc = 0;

	buf_init(&b, 1 << 20);
	json_array_foreach(themes, k, t)
	{
		json_t *fresh = json_array();

		json_array_foreach(json_object_get(t, "quotes"), j, q)
		{
			long d = answer_index(orig, n,
					      json_string_value(json_object_get(q, "id"))
						  ? json_string_value(json_object_get(q, "id"))
						  : "0");

			buf_reset(&b);
			if (d < 0 || redact_text(rd, orig[d].text, strlen(orig[d].text), &b) < 0)
				continue; /* never quote what could not be redacted */
			json_array_append_new(
			    fresh, json_pack("{s:s, s:s}", "id", orig[d].id, "text", buf_cstr(&b)));
		}
		json_object_set_new(t, "quotes", fresh);
	}
	{
		/* the Other group's candidates, the same way; none hidden */
		json_t *fresh = json_array();

		json_array_foreach(json_object_get(stored, "other_quotes"), j, q)
		{
			const char *qid = json_string_value(json_object_get(q, "id"));
			long d = answer_index(orig, n, qid ? qid : "0");

			buf_reset(&b);
			if (d < 0 || hidden[d] ||
			    redact_text(rd, orig[d].text, strlen(orig[d].text), &b) < 0)
				continue;
			json_array_append_new(
			    fresh, json_pack("{s:s, s:s}", "id", orig[d].id, "text", buf_cstr(&b)));
		}
		json_object_set_new(stored, "other_quotes", fresh);
	}
	for (i = 0; i < n && i < json_array_size(members); i++) {
		const char *key =
		    json_string_value(json_object_get(json_array_get(members, i), "theme"));

		if (!hidden[i] || key == NULL)
			continue;
		json_array_foreach(themes, k, t)
		{
			if (strcmp(json_string_value(json_object_get(t, "key")), key) != 0)
				continue;
			buf_reset(&b);
			if (redact_text(rd, orig[i].text, strlen(orig[i].text), &b) < 0)
				rc = -1;
			else
				json_array_append_new(json_object_get(t, "quotes"),
						      json_pack("{s:s, s:s}", "id", orig[i].id,
								"text", buf_cstr(&b)));
			break;
		}
	}
	buf_release(&b);
	return rc;
}

json_t *summariser_decisions(struct store *st, const struct survey *s, const char *qid,
			     struct arena *a)
{
	struct summaries_decision *d;
	size_t n;
	json_t *out;

	if (summaries_decisions(st, s->id, qid, a, &d, &n) != STORE_OK)
		return NULL;
	out = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(out, json_pack("{s:s, s:s?, s:s?, s:s?, s:b, s:b}", "key",
						     d[i].key, "label_en", d[i].label_en,
						     "label_cy", d[i].label_cy, "merged_into",
						     d[i].merged_into, "approved", d[i].approved,
						     "created", d[i].created));
	return out;
}

json_t *summariser_moves(struct store *st, const struct survey *s, const char *qid, struct arena *a)
{
	struct summaries_move *m;
	size_t n;
	json_t *out;

	if (summaries_moves(st, s->id, qid, a, &m, &n) != STORE_OK)
		return NULL;
	out = json_object();
	for (size_t i = 0; i < n; i++)
		json_object_set_new(out, m[i].id, json_string(m[i].theme_key));
	return out;
}

/* The answers a summary is computed from, each twice: as the method reads
 * it (redacted, placeholders blanked) and as written (for quotes). */
struct corpus {
	struct themes_answer *ans, *orig;
	const char **areas;	   /* the area of each answer's postcode, or NULL */
	unsigned char *unquotable; /* 1: hidden by an officer */
	size_t n;
};

/* Read and redact the answers of q into c (in a). 0, or -1 (logged). */
static int read_corpus(struct store *st, const struct survey *s, const struct survey_question *q,
		       struct arena *a, struct redactor *rd, struct corpus *c)
{
	struct summaries_answer *r;
	struct summaries_hidden *h;
	size_t nr, nh;
	struct buf red, txt;
	int rc = -1;

	if (summaries_answers(st, s->id, q->id, postcode_question(s), SUMMARISER_MAX_ANSWERS, a, &r,
			      &nr) != STORE_OK ||
	    summaries_hidden(st, s->id, q->id, a, &h, &nh) != STORE_OK)
		return -1;
	c->n = nr;
	c->ans = arena_calloc(a, nr + 1, sizeof(*c->ans));
	c->orig = arena_calloc(a, nr + 1, sizeof(*c->orig));
	c->areas = arena_calloc(a, nr + 1, sizeof(*c->areas));
	c->unquotable = arena_calloc(a, nr + 1, 1);
	if (c->ans == NULL || c->orig == NULL || c->areas == NULL || c->unquotable == NULL) {
		log_error("themes: %s/%s: too many answers to hold", s->id, q->id);
		return -1;
	}
	buf_init(&red, 1 << 20);
	buf_init(&txt, 1 << 20);
	for (size_t i = 0, j = 0; i < nr; i++) {
		const struct survey_area *ar =
		    r[i].postcode ? survey_area_for_postcode(s, r[i].postcode) : NULL;

		c->ans[i].id = r[i].id;
		c->orig[i].id = r[i].id;
		c->orig[i].text = r[i].text ? r[i].text : (char *)"";
		buf_reset(&txt);
		if (analysis_text(rd, c->orig[i].text, &red, &txt) < 0) {
			log_error("themes: %s/%s: could not redact answer %s", s->id, q->id,
				  c->ans[i].id);
			goto done;
		}
		c->ans[i].text = arena_strdup(a, buf_cstr(&txt));
		if (c->ans[i].text == NULL) {
			log_error("themes: %s/%s: too many answers to hold", s->id, q->id);
			goto done;
		}
		c->ans[i].area = ar ? (char *)ar->id : NULL;
		c->areas[i] = ar ? ar->id : NULL;
		/* both lists are in response id order */
		while (j < nh && strtoull(h[j].id, NULL, 10) < strtoull(c->ans[i].id, NULL, 10))
			j++;
		if (j < nh && strcmp(h[j].id, c->ans[i].id) == 0)
			c->unquotable[i] = 1;
	}
	rc = 0;
done:
	buf_release(&red);
	buf_release(&txt);
	return rc;
}

/* The stored form of a new summary of q, with the keys of old carried
 * over and the quotes made again (new reference), or NULL (logged). */
static json_t *summarise(struct store *st, const struct survey *s, const struct survey_question *q,
			 struct arena *a, json_t *old)
{
	struct redactor rd;
	struct corpus c;
	struct themes_opts o;
	json_t *sum = NULL, *stored = NULL, *dec = NULL;

	if (redact_init(&rd) < 0)
		return NULL;
	if (read_corpus(st, s, q, a, &rd, &c) != 0)
		goto done;
	themes_opts_default(&o);
	o.quotes = QUOTE_CANDIDATES;
	o.min_group = 0; /* suppression is applied when shown (themeview.h) */
	o.unquotable = c.unquotable;
	sum = themes_summarise(c.ans, c.n, 0, &o);
	if (sum == NULL) {
		log_error("themes: %s/%s: could not load the linguistic data", s->id, q->id);
		goto done;
	}
	stored = themeview_stored(sum, c.areas, c.n);
	dec = summariser_decisions(st, s, q->id, a);
	if (stored == NULL || dec == NULL || themeview_identify(stored, old, dec) != 0 ||
	    finish_quotes(stored, c.orig, c.unquotable, c.n, &rd) != 0) {
		log_error("themes: %s/%s: malformed summary", s->id, q->id);
		json_decref(stored);
		stored = NULL;
	}
done:
	redact_release(&rd);
	json_decref(sum);
	json_decref(dec);
	return stored;
}

/* Compute and store; the lock is held. 1 stored, -1 on error. */
static int compute(struct store *st, const struct survey *s, const struct survey_question *q,
		   struct arena *a, const char *key, long long count, long long max_id)
{
	json_t *stored = NULL, *old;
	char *text = NULL;
	int rc = -1;
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (previous(st, s, q->id, a, &old) != 0)
		return -1;
	if (count < SUMMARISER_MIN_ANSWERS) {
		/* Too few to summarise: say so, keeping the key counter going. */
		stored = json_pack(
		    "{s:I, s:I, s:I, s:b, s:[], s:[]}", "answers", (json_int_t)count, "unthemed",
		    (json_int_t)count, "next_key",
		    (json_int_t)(json_is_integer(json_object_get(old, "next_key"))
				     ? json_integer_value(json_object_get(old, "next_key"))
				     : 1),
		    "too_few", 1, "themes", "members");
	} else {
		stored = summarise(st, s, q, a, old);
	}
	if (stored == NULL)
		goto done;
	text = json_dumps(stored, JSON_COMPACT);
	if (text == NULL || summaries_set(st, s->id, q->id, key, count, max_id, text) != STORE_OK)
		goto done;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_info("themes: %s/%s: %lld answers, %zu themes, %.0f ms", s->id, q->id, count,
		 json_array_size(json_object_get(stored, "themes")),
		 (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	rc = 1;
done:
	free(text);
	json_decref(stored);
	json_decref(old);
	return rc;
}

int summariser_update(struct store *st, const struct survey *s, const struct survey_question *q,
		      struct arena *a)
{
	char key[256];
	const char *have;
	long long count, max_id;
	int rc, got;

	if (fingerprint(st, s, q->id, a, key, sizeof(key), &count, &max_id) != STORE_OK ||
	    summaries_key(st, s->id, q->id, a, &have) != STORE_OK)
		return -1;
	if (strcmp(have, key) == 0)
		return 0;
	if (summaries_lock(st, a, &got) != STORE_OK)
		return -1;
	if (!got)
		return 0; /* another server is computing */
	/* It may have just finished this one. */
	if (summaries_key(st, s->id, q->id, a, &have) != STORE_OK)
		rc = -1;
	else if (strcmp(have, key) == 0)
		rc = 0;
	else
		rc = compute(st, s, q, a, key, count, max_id);
	if (summaries_unlock(st, a) != STORE_OK)
		rc = -1; /* the lock goes with the connection anyway */
	return rc;
}

int summariser_pass(struct store *st, const struct survey_set *set, struct arena *a,
		    volatile sig_atomic_t *stop)
{
	int done = 0, failed = 0;

	for (size_t i = 0; i < survey_set_count(set) && !*stop; i++) {
		const struct survey *s = survey_set_at(set, i);

		for (size_t k = 0; k < s->nanalysed && !*stop; k++) {
			int rc = summariser_update(st, s, s->analysed[k], a);

			arena_reset(a);
			/* one question failing (logged) must not starve the others */
			if (rc < 0)
				failed = 1;
			else
				done += rc;
		}
	}
	return failed ? -1 : done;
}

void summariser_run(const struct settings *cfg, const struct survey_set *set, int interval,
		    const unsigned char *key, volatile sig_atomic_t *stop)
{
	struct store st;
	struct arena a;

	store_init(&st, cfg);
	arena_init(&a, ARENA_LIMIT);
	log_info("themes: summariser polling every %d s", interval);
	while (!*stop) {
		if (store_connect(&st) == STORE_OK && summariser_pass(&st, set, &a, stop) < 0)
			log_warn("themes: pass failed; trying again in %d s", interval);
		/* and, being the one background process, keeps the stored
		 * results totals folded and built (results/totals.h), and the
		 * stored themes views current (a new summary, a withdrawal) */
		if (!*stop && store_connect(&st) == STORE_OK)
			results_totals_upkeep(&st, set);
		if (!*stop && store_connect(&st) == STORE_OK &&
		    summariser_views_upkeep(&st, set, &a) < 0)
			log_warn("themes: stored views not kept; trying again in %d s", interval);
		/* the public feedback pages' scheduled updates (results/feedback.h) */
		if (!*stop && store_connect(&st) == STORE_OK &&
		    feedback_pass(&st, set, &a, stop) < 0)
			log_warn("feedback: pass failed; trying again in %d s", interval);
		if (key != NULL && cfg->sendmail[0] != '\0' && !*stop) {
			struct notifier_opts o = {.batch = (size_t)cfg->notify_batch,
						  .per_minute = (unsigned)cfg->notify_per_minute};
			struct notifier_totals t;

			if (notifier_run(&st, cfg, set, key, &o, &t) != 0)
				log_warn("notify: pass failed; trying again in %d s", interval);
			else if (t.sent + t.failed > 0)
				log_info("notify: %llu email(s) sent, %llu failed", t.sent,
					 t.failed);
		}
		arena_reset(&a);
		for (int t = 0; t < interval * 10 && !*stop; t++) {
			struct timespec ts = {0, 100 * 1000 * 1000};

			nanosleep(&ts, NULL);
		}
	}
	arena_release(&a);
	store_release(&st);
}

/* ---- views for pages, open data and the command line ---------------------- */

json_t *summariser_hidden(struct store *st, const struct survey *s, const char *qid,
			  struct arena *a)
{
	struct summaries_hidden *h;
	const char **gone;
	size_t n;
	json_t *out;

	if (summaries_hidden(st, s->id, qid, a, &h, &n) != STORE_OK)
		return NULL;
	out = json_object();
	for (size_t i = 0; i < n; i++)
		json_object_set_new(out, h[i].id, json_string(h[i].reason));
	/* Responses withdrawn or flagged since: their quotes go at once, not
	 * at the next recomputation (withdrawal deletes the answers, but the
	 * stored summary still holds the quote). */
	if (summaries_gone(st, s->id, a, &gone, &n) != STORE_OK) {
		json_decref(out);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		json_object_set_new(out, gone[i], json_false());
	return out;
}

json_t *summariser_view(struct store *st, const struct survey *s, const char *qid, json_t *stored,
			time_t at, struct arena *a, int officer)
{
	json_t *out = json_object(), *view, *dec, *hid, *mov;
	char iso[32];
	struct tm tm;

	json_object_set_new(out, "question", json_string(qid));
	json_object_set_new(out, "min_answers", json_integer(SUMMARISER_MIN_ANSWERS));
	if (stored == NULL) {
		json_object_set_new(out, "status", json_string("pending"));
		return out;
	}
	gmtime_r(&at, &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_set_new(out, "computed_at", json_string(iso));
	json_object_set_new(out, "computed_at_unix", json_integer((json_int_t)at));
	if (json_is_true(json_object_get(stored, "too_few"))) {
		json_object_set_new(out, "status", json_string("too_few"));
		json_object_set(out, "answers", json_object_get(stored, "answers"));
		return out;
	}
	dec = summariser_decisions(st, s, qid, a);
	hid = summariser_hidden(st, s, qid, a);
	mov = summariser_moves(st, s, qid, a);
	if (dec == NULL || hid == NULL || mov == NULL) {
		json_decref(dec);
		json_decref(hid);
		json_decref(mov);
		json_decref(out);
		return NULL;
	}
	view = themeview_apply(stored, dec, mov, hid, s->min_group_size ? s->min_group_size : 10,
			       officer);
	json_decref(dec);
	json_decref(hid);
	json_decref(mov);
	if (view == NULL) {
		log_error("themes: %s/%s: stored summary is malformed", s->id, qid);
		json_object_set_new(out, "status", json_string("pending"));
		return out;
	}
	json_object_set_new(out, "status", json_string("ready"));
	json_object_update(out, view);
	json_decref(view);
	return out;
}

/* ---- stored views (migration 110) ------------------------------------------ */

enum store_err summariser_view_source(struct store *st, const struct survey *s, const char *qid,
				      struct arena *a, const char **source)
{
	long long version;
	const char *stamp;
	enum store_err e;

	*source = NULL;
	/* The version first: whatever is read after it is at least as new,
	 * so a view is never kept under a source newer than what it shows. */
	e = themeviews_version(st, a, s->id, &version);
	if (e == STORE_OK)
		e = themereview_summary_stamp(st, a, s->id, qid, &stamp);
	if (e != STORE_OK || stamp == NULL)
		return e;
	*source =
	    arena_printf(a, "%s v%lld g%u m%d %s", SUMMARISER_VIEW_FORMAT, version,
			 s->min_group_size ? s->min_group_size : 10, SUMMARISER_MIN_ANSWERS, stamp);
	return *source != NULL ? STORE_OK : STORE_ERROR;
}

json_t *summariser_view_stored(struct store *st, const struct survey *s, const char *qid,
			       int officer, const char *source, struct arena *a, int *err)
{
	const char *have, *text;

	*err = 0;
	if (themeviews_get(st, a, s->id, qid, officer, &have, &text) != STORE_OK) {
		*err = 1;
		return NULL;
	}
	if (have == NULL || strcmp(have, source) != 0)
		return NULL;
	return json_loads(text, 0, NULL);
}

void summariser_view_keep(struct store *st, const struct survey *s, const char *qid, int officer,
			  const char *source, const json_t *view)
{
	const char *status = json_string_value(json_object_get(view, "status"));
	char *text;

	/* "pending" views are never kept: a malformed summary shows as
	 * pending, and a view without a summary has no source */
	if (status == NULL || strcmp(status, "pending") == 0)
		return;
	text = json_dumps(view, JSON_COMPACT);
	if (text == NULL) {
		log_error("themes: %s/%s: view too large to keep", s->id, qid);
		return;
	}
	if (themeviews_put(st, s->id, qid, officer, source, text) != STORE_OK)
		log_warn("themes: %s/%s: could not keep the view", s->id, qid);
	free(text);
}

/* The view of one question built from the database (the summary read and
 * parsed, the decisions applied), NULL on error. */
static json_t *view_build(struct store *st, const struct survey *s, const char *qid,
			  struct arena *a, int officer)
{
	struct summaries_stored sum;
	json_t *stored = NULL, *v;
	time_t at = 0;
	int found;

	if (summaries_get(st, s->id, qid, a, &sum, &found) != STORE_OK)
		return NULL;
	if (found) {
		stored = json_loads(sum.summary, 0, NULL);
		at = (time_t)sum.computed_at;
	}
	v = summariser_view(st, s, qid, stored, at, a, officer);
	json_decref(stored);
	return v;
}

json_t *summariser_view_ready(struct store *st, const struct survey *s, const char *qid,
			      struct arena *a, int officer)
{
	const char *source;
	json_t *v;
	int err;

	if (summariser_view_source(st, s, qid, a, &source) != STORE_OK)
		return NULL;
	if (source == NULL)
		return summariser_view(st, s, qid, NULL, 0, a, officer);
	v = summariser_view_stored(st, s, qid, officer, source, a, &err);
	if (v != NULL || err)
		return v;
	v = view_build(st, s, qid, a, officer);
	if (v != NULL)
		summariser_view_keep(st, s, qid, officer, source, v);
	return v;
}

int summariser_views_upkeep(struct store *st, const struct survey_set *set, struct arena *a)
{
	int built = 0;

	for (size_t i = 0; i < survey_set_count(set); i++) {
		const struct survey *s = survey_set_at(set, i);

		for (size_t k = 0; k < s->nanalysed; k++)
			for (int officer = 0; officer <= 1; officer++) {
				const char *qid = s->analysed[k]->id, *source, *have, *text;
				json_t *v;

				if (summariser_view_source(st, s, qid, a, &source) != STORE_OK ||
				    themeviews_get(st, a, s->id, qid, officer, &have, &text) !=
					STORE_OK) {
					arena_reset(a);
					return -1;
				}
				if (source != NULL && (have == NULL || strcmp(have, source) != 0)) {
					v = view_build(st, s, qid, a, officer);
					if (v == NULL) {
						arena_reset(a);
						return -1;
					}
					summariser_view_keep(st, s, qid, officer, source, v);
					json_decref(v);
					built++;
				}
				arena_reset(a);
			}
	}
	return built;
}

json_t *summariser_views(struct store *st, const struct survey *s, struct arena *a, int officer)
{
	json_t *out = json_array();

	for (size_t i = 0; i < s->nanalysed; i++) {
		json_t *v = summariser_view_ready(st, s, s->analysed[i]->id, a, officer);

		if (v == NULL) {
			json_decref(out);
			return NULL;
		}
		json_array_append_new(out, v);
	}
	return out;
}
