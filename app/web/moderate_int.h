/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * moderate_int: private to the written answers family (the routes are
 * described in moderate.c):
 *   moderate.c         the survey's stored fields, the redaction patterns,
 *                      the moderation version, and the dispatch at its end
 *   moderate_filter.c  the page's search and filters, read and written back
 *                      into links and forms
 *   moderate_page.c    the answers page: the search, the filter form, the
 *                      split form and the pages
 *   moderate_card.c    one answer's card: its text redacted, its states, its
 *                      theme and the officers' forms
 *   moderate_post.c    the POSTs: hide, unhide, flag, clear the flag
 *   export.c           the officers' exports (CSV and JSON) and their page
 * They use store/moderation.h, store/exports.h, web/themereview.h for the
 * themes, and web/admin.h for who may do what; nothing outside the family
 * includes this header.
 */
#ifndef YV_WEB_MODERATE_INT_H
#define YV_WEB_MODERATE_INT_H

#include <jansson.h>

#include "render/html.h"
#include "store/moderation.h"
#include "web/admin.h"
#include "web/web.h"

#define ANSWERS_PER_PAGE 20
#define SEARCH_MAX 200	 /* bytes of the text searched for */
#define SEARCH_SCAN 5000 /* rows a text search redacts and checks */
#define PAIRS_MAX 100000 /* answers a theme, area or stance filter names */
#define ANSWERS_MAX_PAGE 100000
#define REASON_MAX_CHARS 200
#define TEXT_MAX_BYTES (256 * 1024) /* one answer after redaction */

/* What a stored field is, for moderation and export. */
enum field_kind {
	F_PLAIN,    /* a choice, number, date, scale, ranking place or budget line */
	F_TEXT,	    /* free text: short or long text */
	F_OTHER,    /* free text typed in "other, please specify" */
	F_PERSONAL, /* survey_question_is_personal(): email, postcode, pattern, personal="true" */
};

/* One column of an export: a stored answer.question_id. */
struct field {
	const char *id;
	const struct survey_question *q;
	enum field_kind kind;
	int multi; /* several values (ord 0, 1, ...) */
};

struct fields {
	struct field *v;
	size_t n;
};

/* The answers page's filters, from the query (GET) or the form (POST). */
struct filters {
	const char *q; /* a free-text field, or NULL for all */
	int hidden_only, flagged_only;
	long page;
	/* search: text contained (at most SEARCH_MAX bytes; too_long when
	 * more), theme (an analysed question and a theme key), area, channel,
	 * stance, one response; NULL or 0 when not asked */
	const char *text, *theme_q, *theme_key, *area, *channel, *stance;
	long long response;
	int too_long;
};

/* An error to show on the page after a refused POST. */
struct form_error {
	const char *rid, *field, *action, *message, *typed;
};

/* The answers of the analysed questions as the summaries place them now:
 * views (themereview_load(): the themes and their names) and, per analysed
 * question k, members[k] (themereview_members(): response id -> theme,
 * area, stance). Both NULL when the survey has no analysed question. */
struct theme_places {
	json_t *views;
	json_t **members;
};

/* ---- moderate.c ---- */

/* Every stored field of s, in survey order (arena memory); 0 or -1. */
int fields_of(struct arena *a, const struct survey *s, struct fields *out);
/* The field whose stored id is id, or NULL. */
const struct field *moderate_field_find(const struct fields *fs, const char *id);
/* Whether f is free text (typed or "other"); 0 for NULL. */
int moderate_is_free_text(const struct field *f);
/* The label of a field in the reader's language ("…: other answer"). */
const char *moderate_field_label(struct req *rq, const struct field *f);
/* Whether qid is one of the survey's analysed questions. */
int moderate_is_analysed(const struct survey *s, const char *qid);
/* A positive id of at most 18 digits; 0 when malformed. */
long long moderate_parse_id(const char *s);
/* The worker's redaction patterns (app->redactor), compiled on first use;
 * NULL when they did not compile (logged). */
struct redactor *moderate_redactor(struct app *app);

/* ---- moderate_filter.c ---- */

/* The filters of the answers page, from its query or a form's fields;
 * values that are not one of the survey's are ignored. */
void filters_read(struct arena *a, const struct http_params *p, const struct survey *s,
		  const struct fields *fs, struct filters *f);
/* The show= value of f: "all", "hidden" or "flagged". */
const char *moderate_show_value(const struct filters *f);
/* "Q:KEY" of the theme filter, or NULL (arena). */
const char *moderate_theme_value(struct req *rq, const struct filters *f);
/* "/admin/answers/<id>?show=…&q=…&page=N" then extra (URL-encoded, arena). */
const char *moderate_answers_url(struct req *rq, const struct survey *s, const struct filters *f,
				 long page, const char *extra);

/* ---- moderate_page.c ---- */

/* The answers page (422 with err shown when a POST was refused). */
void answers_page(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
		  const struct survey *s, const struct fields *fs, const struct filters *f,
		  const struct form_error *err);

/* ---- moderate_card.c ---- */

/* The words of a stance ("Praise", …) in the reader's language. */
const char *moderate_stance_word(const char *stance);
/* One answer's card, <li>…</li>: its text redacted (withheld from
 * councillors when hidden), its states, its theme and, for officers, the
 * forms to decide on it (err shown on the card it concerns). */
void moderate_card(struct app *app, struct req *rq, struct html *b, const struct admin *ad,
		   const struct survey *s, const struct fields *fs, const struct filters *f,
		   const struct theme_places *tp, const struct moderation_answer *x,
		   const struct form_error *err);

/* ---- moderate_post.c ---- */

/* The POSTs of the answers page: action is what follows /admin/answers/<id>/. */
void answers_post(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
		  const struct survey *s, const struct fields *fs, const char *action,
		  const struct route_parts *rp);

/* ---- export.c ---- */

/* Whether the account holds the personal-data permission: 1, 0, or -1
 * when the database cannot say. */
int personal_permission(struct app *app, struct req *rq, const struct admin *ad);
/* /admin/export/<id>: what an export holds, and its links. */
void export_page(struct req *rq, struct resp *rs, const struct survey *s, int allowed);
/* /admin/export/<id>.csv and .json: streamed, audited. */
void export_serve(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
		  const struct survey *s, int json);

#endif
