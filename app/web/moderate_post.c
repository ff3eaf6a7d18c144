/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * moderate_post: the decisions of the written answers page (moderate.c
 * lists the family): POST /admin/answers/<id>/hide, /unhide, /flag and
 * /clear-flag. Each checks the role again, that the response is a completed
 * one of this survey (and the answer one of its free-text answers), and the
 * reason (required to hide or flag, at most REASON_MAX_CHARS characters);
 * a refused form shows the page again with the error (422). The decision
 * and its audit row are one transaction (store/moderation.h); then a
 * redirect back to where the officer was. Uses web/ and store/moderation.h.
 */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "core/utf8.h"
#include "web/moderate_int.h"
#include "web/themereview.h"

/* A reason as typed: NULL when empty or only spaces. */
static const char *trimmed(struct arena *a, const char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return n == 0 ? NULL : arena_strndup(a, s, n);
}

/* Whether the response (and the answer, when fd is set) may be decided on
 * here: 1 yes (*r filled), 0 when the page answered (404, 503). */
static int target_check(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
			const struct survey *s, const char *action, long long rid,
			const struct field *fd, struct moderation_response *r)
{
	enum store_err e = moderation_response_get(&app->store, rq->a, rid, r);
	int exists = 0;

	if (e != STORE_OK && e != STORE_NOT_FOUND) {
		web_error(app, rq, rs, 503);
		return 0;
	}
	/* A response of another survey (or none, or withdrawn) is not this
	 * page's to decide on, whatever the account may see elsewhere. */
	if (e == STORE_NOT_FOUND || strcmp(r->survey_id, s->id) != 0 || !r->complete) {
		admin_audit(app, ad, "refused-moderation", s->id,
			    arena_printf(rq->a, "%s response=%lld: not a response of this survey",
					 action, rid));
		web_error(app, rq, rs, 404);
		return 0;
	}
	if (fd == NULL)
		return 1;
	if (moderation_answer_exists(&app->store, rid, fd->id, s->id, &exists) != STORE_OK) {
		web_error(app, rq, rs, 503);
		return 0;
	}
	if (!exists) {
		web_error(app, rq, rs, 404);
		return 0;
	}
	return 1;
}

/* Write the decision: STORE_OK (*done: the page's message) or the error. */
static enum store_err decide(struct app *app, struct req *rq, const struct admin *ad,
			     const struct survey *s, const char *action, long long rid,
			     const struct field *fd, const struct moderation_response *r,
			     const char *reason, const char **done)
{
	struct audit_actor who = {ad->user_id, ad->username};
	int flag = strcmp(action, "flag") == 0;
	const char *detail;

	if (strcmp(action, "hide") == 0) {
		detail =
		    arena_printf(rq->a, "response=%lld question=%s reason=%s", rid, fd->id, reason);
		*done = "hidden";
		return moderation_hide(&app->store, &who, s->id, rid, fd->id, reason, detail);
	}
	if (strcmp(action, "unhide") == 0) {
		detail = arena_printf(rq->a, "response=%lld question=%s%s%s", rid, fd->id,
				      reason ? " reason=" : "", reason ? reason : "");
		*done = "shown";
		return moderation_unhide(&app->store, &who, s->id, rid, fd->id, detail);
	}
	{
		const char *was = r->flag_reason;
		/* What raised the flag stays: "officer" only when an officer raised it. */
		const char *why = flag && !r->flagged ? "officer" : was;

		detail = arena_printf(rq->a, "response=%lld was=%s%s%s", rid,
				      r->flagged ? (was ? was : "flagged") : "unflagged",
				      reason ? " reason=" : "", reason ? reason : "");
		*done = flag ? "flagged" : "cleared";
		return moderation_flag_set(&app->store, &who, s->id, rid, flag, why, reason,
					   detail);
	}
}

void answers_post(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
		  const struct survey *s, const struct fields *fs, const char *action,
		  const struct route_parts *rp)
{
	const char *rid_s = route_value(rp, "response");
	const char *qid = route_value(rp, "question");
	const char *typed = route_value(rp, "reason");
	const char *reason = trimmed(rq->a, typed);
	long long rid = moderate_parse_id(rid_s);
	int hide = strcmp(action, "hide") == 0, unhide = strcmp(action, "unhide") == 0;
	int flag = strcmp(action, "flag") == 0, clear = strcmp(action, "clear-flag") == 0;
	const struct field *fd = NULL;
	struct moderation_response r;
	struct filters f;
	const char *done = NULL;

	if (!hide && !unhide && !flag && !clear) {
		web_error(app, rq, rs, 404);
		return;
	}
	if (!ad->officer) {
		admin_audit(app, ad, "refused-moderation", s->id, action);
		admin_forbidden(app, rq, rs);
		return;
	}
	filters_read(rq->a, &rq->form, s, fs, &f);
	if (rid <= 0 || (typed != NULL && strlen(typed) > 4 * REASON_MAX_CHARS)) {
		web_error(app, rq, rs, 400);
		return;
	}
	if (hide || unhide) {
		fd = qid ? moderate_field_find(fs, qid) : NULL;
		if (!moderate_is_free_text(fd)) {
			web_error(app, rq, rs, 400);
			return;
		}
	}
	if (!target_check(app, rq, rs, ad, s, action, rid, fd, &r))
		return;
	if ((hide || flag) && reason == NULL) {
		struct form_error e = {rid_s, fd ? fd->id : NULL, action,
				       hide ? _("Say why the answer is hidden")
					    : _("Say why the response is flagged"),
				       typed};

		answers_page(app, rq, rs, ad, s, fs, &f, &e);
		return;
	}
	if (reason != NULL && utf8_count(reason, strlen(reason)) > REASON_MAX_CHARS) {
		struct form_error e = {rid_s, fd ? fd->id : NULL, action,
				       _("The reason must be 200 characters or fewer"), typed};

		answers_page(app, rq, rs, ad, s, fs, &f, &e);
		return;
	}
	if (decide(app, rq, ad, s, action, rid, fd, &r, reason, &done) != STORE_OK) {
		web_error(app, rq, rs, 503);
		return;
	}
	/* The public themes views are built and stored now (migration 110),
	 * not by the next resident who reads the results; the officers' are
	 * by the page this redirects to. */
	if (s->nanalysed > 0)
		json_decref(themereview_load(app, rq, s, 0));
	rs->status = 303;
	resp_header(rs, "Location",
		    arena_printf(rq->a, "%s#a-%s-%s",
				 moderate_answers_url(rq, s, &f, f.page,
						      arena_printf(rq->a, "&done=%s", done)),
				 rid_s, fd ? fd->id : "list"));
}
