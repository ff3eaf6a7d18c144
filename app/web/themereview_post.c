/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themereview_post: the decisions of the officers' theme review page, POST
 * /admin/themes/<id> with action= rename, merge, unmerge, approve,
 * unapprove, create, split, move, hide or unhide (themereview_int.h lists
 * the family). Each names only a question the survey analyses and keys and
 * quotes present in the officers' view of it now; the decision and its
 * audit row are one transaction (store/themereview.h); then a redirect
 * (post, redirect, get: a refresh shows the page, it does not decide
 * again). A malformed form is 400, a database failure 503. Uses web/,
 * store/themereview.h, results/summariser.h and results/themeview.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "results/summariser.h"
#include "results/themeview.h"
#include "store/themereview.h"
#include "web/themereview_int.h"

/* One decision being checked and made. */
struct act {
	struct app *app;
	struct req *rq;
	const struct admin *ad;
	const struct survey *s;
	struct audit_actor who;
	/* the form's fields (NULL when absent) */
	const char *qid, *key, *into, *rid, *en, *cy, *reason;
	json_t *view; /* the officers' view of the question now */
	int err;      /* the database failed while checking */
	const char *done, *location;
};

static const char *str_of(json_t *v)
{
	return json_string_value(v) ? json_string_value(v) : "";
}

/* The stored summary's theme keys and quote ids of one question, for checking a POST. */
static int summary_has(struct app *app, struct req *rq, const struct survey *s, const char *qid,
		       const char *key, const char *quote_id, int *err)
{
	time_t at;
	json_t *st = themereview_stored_load(app, &app->store, rq, s, qid, &at, err), *t, *q;
	size_t i, k;
	int found = 0;

	json_array_foreach(json_object_get(st, "themes"), i, t)
	{
		if (key != NULL && strcmp(json_string_value(json_object_get(t, "key"))
					      ? json_string_value(json_object_get(t, "key"))
					      : "",
					  key) == 0)
			found = 1;
		if (quote_id != NULL)
			json_array_foreach(
			    json_object_get(t, "quotes"), k,
			    q) if (strcmp(json_string_value(json_object_get(q, "id"))
					      ? json_string_value(json_object_get(q, "id"))
					      : "",
					  quote_id) == 0) found = 1;
	}
	json_array_foreach(json_object_get(st, "other_quotes"), k,
			   q) if (quote_id != NULL && strcmp(str_of(json_object_get(q, "id")),
							     quote_id) == 0) found = 1;
	json_decref(st);
	return found;
}

static int id_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n > 0 && n < 20 && s[0] != '0' && strspn(s, "0123456789") == n;
}

/* The theme keyed `key` in an officers' view: a theme shown, or one merged
 * into it (then *merged is set). NULL when the view has none. */
static json_t *view_theme(json_t *view, const char *key, int *merged)
{
	size_t i, k;
	json_t *t, *m;

	if (merged != NULL)
		*merged = 0;
	if (key == NULL)
		return NULL;
	json_array_foreach(json_object_get(view, "themes"), i, t)
	{
		if (strcmp(str_of(json_object_get(t, "id")), key) == 0)
			return t;
		json_array_foreach(json_object_get(t, "merged_from"), k,
				   m) if (strcmp(str_of(json_object_get(m, "id")), key) == 0)
		{
			if (merged != NULL)
				*merged = 1;
			return m;
		}
	}
	return NULL;
}

/* A theme's English name for the audit log (officers read names, not keys). */
static const char *audit_name(json_t *view, const char *key)
{
	json_t *t = view_theme(view, key, NULL);
	const char *v = json_string_value(json_object_get(json_object_get(t, "label"), "en"));

	return v != NULL && v[0] ? v : "(unnamed theme)";
}

/*
 * The response ids a move or split names ("response", once or repeated):
 * *ids (n of them, arena), the first as typed in *first. -1 when none, more
 * than MOVE_MAX, or any is not an id.
 */
static int response_list(struct req *rq, long long **ids, const char **first, size_t *n)
{
	*n = 0;
	*first = NULL;
	*ids = arena_calloc(rq->a, MOVE_MAX + 1, sizeof(**ids));
	if (*ids == NULL)
		return -1;
	for (size_t i = 0; i < rq->form.n; i++) {
		const char *v = rq->form.v[i].value;

		if (strcmp(rq->form.v[i].name, "response") != 0)
			continue;
		if (!id_valid(v) || *n >= MOVE_MAX)
			return -1;
		if (*n == 0)
			*first = v;
		(*ids)[(*n)++] = strtoll(v, NULL, 10);
	}
	return *n > 0 ? 0 : -1;
}

/* Whether every response the form names is now in theme `key` (a split
 * takes answers out of the theme it splits). */
static int all_in_theme(struct app *app, struct req *rq, const struct survey *s, const char *qid,
			const char *key, int *err)
{
	json_t *m = themereview_members(app, rq, s, qid, err);
	int ok = m != NULL;

	for (size_t i = 0; ok && i < rq->form.n; i++)
		if (strcmp(rq->form.v[i].name, "response") == 0 &&
		    strcmp(
			str_of(json_object_get(json_object_get(m, rq->form.v[i].value), "theme")),
			key) != 0)
			ok = 0;
	json_decref(m);
	return ok;
}

/* Each action checks its fields against the view: -1 when the form is
 * refused (400, or 503 when a->err), else the decision's outcome in *e. */

static int act_rename(struct act *a, enum store_err *e)
{
	const char *en = a->en, *cy = a->cy;

	if (!themeview_key_valid(a->key) || view_theme(a->view, a->key, NULL) == NULL ||
	    en == NULL || cy == NULL || strlen(en) > THEME_LABEL_MAX ||
	    strlen(cy) > THEME_LABEL_MAX)
		return -1;
	*e = themereview_rename(&a->app->store, &a->who, a->s->id, a->qid, a->key, en, cy,
				arena_printf(a->rq->a, "%s: \"%s\" renamed en=%s cy=%s", a->qid,
					     audit_name(a->view, a->key), en, cy));
	a->done = "renamed";
	return 0;
}

static int act_merge(struct act *a, int merge, enum store_err *e)
{
	int merged = 0;

	if (!themeview_key_valid(a->key) || (merge && view_theme(a->view, a->key, NULL) == NULL))
		return -1;
	if (merge && (!themeview_key_valid(a->into) || strcmp(a->into, a->key) == 0 ||
		      view_theme(a->view, a->into, &merged) == NULL || merged))
		return -1;
	if (merge) {
		/* refuse a cycle: `into` must not end up in `key` */
		json_t *t = view_theme(a->view, a->key, NULL), *m;
		size_t i;

		json_array_foreach(json_object_get(t, "merged_from"), i,
				   m) if (strcmp(str_of(json_object_get(m, "id")), a->into) ==
					  0) return -1;
	}
	*e = themereview_merge(
	    &a->app->store, &a->who, a->s->id, a->qid, a->key, merge ? a->into : NULL,
	    merge ? arena_printf(a->rq->a, "%s: \"%s\" merged into \"%s\"", a->qid,
				 audit_name(a->view, a->key), audit_name(a->view, a->into))
		  : arena_printf(a->rq->a, "%s: \"%s\" merge undone", a->qid,
				 audit_name(a->view, a->key)));
	a->done = merge ? "merged" : "unmerged";
	return 0;
}

static int act_approve(struct act *a, int yes, enum store_err *e)
{
	int merged = 0;

	if (!themeview_key_valid(a->key) || view_theme(a->view, a->key, &merged) == NULL || merged)
		return -1;
	*e = themereview_approve(
	    &a->app->store, &a->who, a->s->id, a->qid, a->key, yes,
	    arena_printf(a->rq->a, "%s: \"%s\"", a->qid, audit_name(a->view, a->key)));
	a->done = yes ? "approved" : "unapproved";
	return 0;
}

/* The next free theme key of the question into nk; -1 when the database failed. */
static int free_key(struct act *a, char *nk, size_t nksz)
{
	time_t at;
	json_t *st =
	    themereview_stored_load(a->app, &a->app->store, a->rq, a->s, a->qid, &at, &a->err);
	json_t *dec = summariser_decisions(&a->app->store, a->s, a->qid, a->rq->a);

	if (st == NULL || dec == NULL) {
		json_decref(st);
		json_decref(dec);
		if (dec == NULL)
			a->err = 1;
		return -1;
	}
	themeview_free_key(st, dec, nk, nksz);
	json_decref(st);
	json_decref(dec);
	return 0;
}

static int act_create(struct act *a, int split, enum store_err *e)
{
	const char *en = a->en, *cy = a->cy ? a->cy : "", *first;
	long long *ids = NULL;
	char nk[32];
	size_t n = 0;
	int merged = 0;

	if (en == NULL || en[0] == '\0' || strlen(en) > THEME_LABEL_MAX ||
	    strlen(cy) > THEME_LABEL_MAX)
		return -1;
	if (split &&
	    (!themeview_key_valid(a->key) || view_theme(a->view, a->key, &merged) == NULL ||
	     merged || response_list(a->rq, &ids, &first, &n) != 0 ||
	     !all_in_theme(a->app, a->rq, a->s, a->qid, a->key, &a->err)))
		return -1;
	if (free_key(a, nk, sizeof(nk)) != 0)
		return -1;
	*e = themereview_create(
	    &a->app->store, &a->who, a->s->id, a->qid, nk, en, cy, split ? ids : NULL, n,
	    split ? arena_printf(a->rq->a, "%s: %zu answers of \"%s\" split into \"%s\"", a->qid, n,
				 audit_name(a->view, a->key), en)
		  : arena_printf(a->rq->a, "%s: \"%s\" made", a->qid, en));
	a->done = split ? "split" : "created";
	if (split)
		a->location = arena_printf(a->rq->a, "/admin/answers/%s?theme=%s%%3A%s&done=split",
					   a->s->id, a->qid, nk);
	return 0;
}

static int act_move(struct act *a, enum store_err *e)
{
	const char *first;
	long long *ids;
	size_t n;
	int merged = 0;

	if (!themeview_key_valid(a->key) || view_theme(a->view, a->key, &merged) == NULL ||
	    merged || response_list(a->rq, &ids, &first, &n) != 0)
		return -1;
	*e = themereview_move(&a->app->store, &a->who, a->s->id, a->qid, a->key, ids, n,
			      arena_printf(a->rq->a, "%s: response %s%s moved to \"%s\"", a->qid,
					   first, n > 1 ? " and others" : "",
					   audit_name(a->view, a->key)));
	a->done = "moved";
	a->location = arena_printf(a->rq->a, "/admin/answers/%s?q=%s&response=%s&done=moved",
				   a->s->id, a->qid, first);
	return 0;
}

static int act_quote(struct act *a, int hide, enum store_err *e)
{
	const char *rid = a->rid, *reason = a->reason;

	if (!id_valid(rid))
		return -1;
	if (hide && (reason == NULL || reason[0] == '\0' || strlen(reason) > HIDE_REASON_MAX ||
		     !summary_has(a->app, a->rq, a->s, a->qid, NULL, rid, &a->err)))
		return -1;
	if (hide)
		*e = themereview_quote_hide(
		    &a->app->store, &a->who, a->s->id, strtoll(rid, NULL, 10), a->qid, reason,
		    arena_printf(a->rq->a, "%s response %s: %s", a->qid, rid, reason));
	else
		*e = themereview_quote_unhide(
		    &a->app->store, &a->who, a->s->id, strtoll(rid, NULL, 10), a->qid,
		    arena_printf(a->rq->a, "%s response %s", a->qid, rid));
	a->done = hide ? "hidden" : "shown";
	return 0;
}

/* Check and make the decision the form's action names: -1 refused, else *e. */
static int act_run(struct act *a, const char *action, enum store_err *e)
{
	if (strcmp(action, "rename") == 0)
		return act_rename(a, e);
	if (strcmp(action, "merge") == 0 || strcmp(action, "unmerge") == 0)
		return act_merge(a, action[0] == 'm', e);
	if (strcmp(action, "approve") == 0 || strcmp(action, "unapprove") == 0)
		return act_approve(a, action[0] == 'a', e);
	if (strcmp(action, "create") == 0 || strcmp(action, "split") == 0)
		return act_create(a, action[0] == 's', e);
	if (strcmp(action, "move") == 0)
		return act_move(a, e);
	if (strcmp(action, "hide") == 0 || strcmp(action, "unhide") == 0)
		return act_quote(a, action[0] == 'h', e);
	return -1;
}

void admin_post(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
		const struct survey *s, const struct route_parts *rp)
{
	const char *action = route_value(rp, "action");
	struct act a = {
	    .app = app,
	    .rq = rq,
	    .ad = ad,
	    .s = s,
	    .who = {ad->user_id, ad->username},
	    .qid = route_value(rp, "question"),
	    .key = route_value(rp, "theme"),
	    .into = route_value(rp, "into"),
	    .rid = route_value(rp, "response"),
	    .en = route_value(rp, "label_en"),
	    .cy = route_value(rp, "label_cy"),
	    .reason = route_value(rp, "reason"),
	};
	enum store_err e = STORE_OK;
	int refused;

	if (action == NULL || themereview_analysed(s, a.qid) == NULL) {
		web_error(app, rq, rs, 400);
		return;
	}
	/* the officers' view as it is now: which themes exist, and their names */
	a.view = themereview_question_load(app, &app->store, rq, s, a.qid, 1);
	if (a.view == NULL) {
		web_error(app, rq, rs, 503);
		return;
	}
	refused = act_run(&a, action, &e);
	json_decref(a.view);
	if (refused) {
		web_error(app, rq, rs, a.err ? 503 : 400);
		return;
	}
	if (e != STORE_OK) {
		web_error(app, rq, rs, 503);
		return;
	}
	/* The public view is built and stored now (migration 110), not by
	 * the next resident who reads the results; the officers' is by the
	 * page this redirects to. */
	json_decref(themereview_question_load(app, &app->store, rq, s, a.qid, 0));
	/* Post, redirect, get: a refresh shows the page, it does not decide again. */
	rs->status = 303;
	resp_header(rs, "Location",
		    a.location != NULL ? a.location
				       : arena_printf(rq->a, "/admin/themes/%s?done=%s#q-%s", s->id,
						      a.done ? a.done : "", a.qid));
}
