/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themereview_load: the themes of a survey's analysed questions as pages
 * read them (themereview_int.h lists the family): each question's stored
 * summary (store/themereview.h), kept parsed per worker, with officers'
 * decisions applied at request time (results/summariser.h,
 * results/themeview.h); where each answer is now, for the answers page.
 * The public view reads where the request's results come from
 * (web/readstore.h), the officers' view the primary.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "results/summariser.h"
#include "results/themeview.h"
#include "store/themereview.h"
#include "web/readstore.h"
#include "web/themereview_int.h"

/*
 * Each worker keeps the parsed summary of each question it has shown, with
 * the stamp (fingerprint and time) it was stored under: a request reads the
 * stamp, a few bytes, and fetches and parses the summary (which lists every
 * member answer) only when it changed. Process memory, not the arena; the
 * list hangs from struct app (app->theme_cache, app->ntheme_cache).
 */
struct themereview_cache {
	char *survey, *qid, *stamp;
	json_t *stored;
	time_t at;
	/* the views of both audiences (public 0, officers 1) as last read or
	 * built, under their source (results/summariser.h) */
	char *vsource[2];
	json_t *view[2];
};

const struct survey_question *themereview_analysed(const struct survey *s, const char *qid)
{
	for (size_t i = 0; qid != NULL && i < s->nanalysed; i++)
		if (strcmp(s->analysed[i]->id, qid) == 0)
			return s->analysed[i];
	return NULL;
}

/* The cache entry of (survey, question), a new empty one when there is
 * none, or NULL when the list could not grow. */
static struct themereview_cache *cache_entry(struct app *app, const char *survey_id,
					     const char *qid, int add)
{
	struct themereview_cache *grown, *c;

	for (size_t i = 0; i < app->ntheme_cache; i++)
		if (strcmp(app->theme_cache[i].survey, survey_id) == 0 &&
		    strcmp(app->theme_cache[i].qid, qid) == 0)
			return &app->theme_cache[i];
	if (!add)
		return NULL;
	grown = realloc(app->theme_cache, (app->ntheme_cache + 1) * sizeof(*grown));
	if (grown == NULL)
		return NULL;
	app->theme_cache = grown;
	c = &app->theme_cache[app->ntheme_cache++];
	c->survey = strdup(survey_id);
	c->qid = strdup(qid);
	c->stamp = NULL;
	c->stored = NULL;
	c->vsource[0] = c->vsource[1] = NULL;
	c->view[0] = c->view[1] = NULL;
	if (c->survey == NULL || c->qid == NULL)
		log_fatal("themes: out of memory");
	return c;
}

json_t *themereview_stored_load(struct app *app, struct store *db, struct req *rq,
				const struct survey *s, const char *qid, time_t *at, int *err)
{
	struct themereview_cache *c;
	const char *stamp, *text;
	json_t *j;

	*err = 0;
	if (themereview_summary_stamp(db, rq->a, s->id, qid, &stamp) != STORE_OK) {
		*err = 1;
		return NULL;
	}
	if (stamp == NULL)
		return NULL;
	c = cache_entry(app, s->id, qid, 0);
	if (c != NULL && c->stamp != NULL && strcmp(c->stamp, stamp) == 0) {
		*at = c->at;
		return json_incref(c->stored);
	}
	if (themereview_summary_get(db, rq->a, s->id, qid, &text, at) != STORE_OK) {
		*err = 1;
		return NULL;
	}
	if (text == NULL)
		return NULL;
	j = json_loads(text, 0, NULL);
	if (j == NULL)
		return NULL;
	if (c == NULL)
		c = cache_entry(app, s->id, qid, 1);
	if (c == NULL)
		return j; /* not cached; still shown */
	free(c->stamp);
	json_decref(c->stored);
	/* the stamp read before the summary: at worst a newer summary is kept
	 * under an older stamp, and read again on the next request */
	c->stamp = strdup(stamp);
	if (c->stamp == NULL)
		log_fatal("themes: out of memory");
	c->stored = json_incref(j);
	c->at = *at;
	return j;
}

/* Remember view (borrowed) under source in this worker. */
static void view_remember(struct app *app, const struct survey *s, const char *qid, int officer,
			  const char *source, json_t *view)
{
	struct themereview_cache *c = cache_entry(app, s->id, qid, 1);
	char *copy;

	if (c == NULL || (copy = strdup(source)) == NULL)
		return; /* not cached; still shown */
	free(c->vsource[officer]);
	json_decref(c->view[officer]);
	c->vsource[officer] = copy;
	c->view[officer] = json_incref(view);
}

/*
 * A question's view: the worker's own copy when its source is current,
 * else the stored one (one row, migration 110), else built from the
 * summary and the decisions and stored for every other worker. The
 * caller gets its own copy to change.
 */
json_t *themereview_question_load(struct app *app, struct store *db, struct req *rq,
				  const struct survey *s, const char *qid, int officer)
{
	struct themereview_cache *c;
	const char *source;
	time_t at = 0;
	int err;
	json_t *stored, *out;

	officer = officer ? 1 : 0;
	if (summariser_view_source(db, s, qid, rq->a, &source) != STORE_OK)
		return NULL;
	if (source == NULL) /* no summary yet: "pending", nothing to keep */
		return summariser_view(db, s, qid, NULL, 0, rq->a, officer);
	c = cache_entry(app, s->id, qid, 0);
	if (c != NULL && c->vsource[officer] != NULL && strcmp(c->vsource[officer], source) == 0)
		return json_deep_copy(c->view[officer]);
	out = summariser_view_stored(db, s, qid, officer, source, rq->a, &err);
	if (err)
		return NULL;
	if (out == NULL) {
		stored = themereview_stored_load(app, db, rq, s, qid, &at, &err);
		if (err)
			return NULL;
		out = summariser_view(db, s, qid, stored, at, rq->a, officer);
		json_decref(stored);
		if (out == NULL)
			return NULL;
		/* kept on the primary, whichever store it was read from */
		summariser_view_keep(&app->store, s, qid, officer, source, out);
	}
	view_remember(app, s, qid, officer, source, out);
	stored = json_deep_copy(out);
	json_decref(out);
	return stored;
}

static json_t *load_from(struct app *app, struct store *db, struct req *rq, const struct survey *s,
			 int officer)
{
	json_t *out = json_array();

	for (size_t i = 0; i < s->nanalysed; i++) {
		json_t *q = themereview_question_load(app, db, rq, s, s->analysed[i]->id, officer);

		if (q == NULL) {
			json_decref(out);
			return NULL;
		}
		json_array_append_new(out, q);
	}
	return out;
}

/*
 * The public view reads where the request's results come from (a replica
 * that is current, readstore.h: a hidden quote never comes back because a
 * replica lagged); the officers' moderation view reads the primary.
 */
json_t *themereview_load(struct app *app, struct req *rq, const struct survey *s, int officer)
{
	struct store *db = officer ? &app->store : app_read_store(app, rq);
	json_t *out = load_from(app, db, rq, s, officer);

	if (out == NULL && db != &app->store) {
		app_read_store_failed(app, rq, db);
		out = load_from(app, &app->store, rq, s, officer);
	}
	return out;
}

json_t *themereview_members(struct app *app, struct req *rq, const struct survey *s,
			    const char *qid, int *err)
{
	time_t at = 0;
	json_t *st = themereview_stored_load(app, &app->store, rq, s, qid, &at, err), *dec, *mov,
	       *out;

	if (st == NULL)
		return NULL;
	dec = summariser_decisions(&app->store, s, qid, rq->a);
	mov = summariser_moves(&app->store, s, qid, rq->a);
	out = dec != NULL && mov != NULL ? themeview_members(st, dec, mov) : NULL;
	if (dec == NULL || mov == NULL)
		*err = 1;
	json_decref(st);
	json_decref(dec);
	json_decref(mov);
	return out;
}
