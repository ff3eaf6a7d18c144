/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * journey_int: what the files of a resident's journey share, and nothing
 * outside them includes (journey.h is their public face, for route.c and
 * officer.c). The family:
 *   journey.c          the journey's state: session and anti-forgery
 *                      token, the partial save, the answers gathered from
 *                      fields, the common page parts, the gate (open,
 *                      closed, once per browser, invitation) and
 *                      invitation codes;
 *   journey_page.c     page flow: a survey's pages (GET and POST), check
 *                      your answers;
 *   journey_resume.c   save and come back later: resume codes, the page
 *                      that shows one, emailing the link, /resume;
 *   journey_submit.c   the send (one transaction, a receipt only after
 *                      COMMIT), the receipt page;
 *   journey_preview.c  officers' ways in: the preview of a page, and
 *                      responses staff enter for residents.
 * They may use core/, survey/, geo/, render/, store/saves.h and
 * store/responses.h (never a statement id), and web/ (session, rate limits,
 * responses).
 */
#ifndef YV_WEB_JOURNEY_INT_H
#define YV_WEB_JOURNEY_INT_H

#include <stddef.h>

#include "render/html.h"
#include "store/responses.h"
#include "survey/answer.h"
#include "web/journey.h"
#include "web/session.h"

#define SID_HEX 32		/* a submission id: 16 random bytes in hex */
#define PARTIAL_MAX_FIELDS 5000 /* fields a partial save holds at most */

/* One request's journey through a survey. */
struct journey {
	struct app *app;
	struct req *rq;
	struct resp *rs;
	const struct survey *s;
	struct session sess;
	/* The partial save of this session, if any. */
	int have_partial;
	long long partial_id;
	size_t page_index;
	long long invitation_id; /* 0: none */
	const char *email;	 /* NULL: none given */
	long long started;	 /* when the partial save was created (Unix time) */
	struct http_params saved;
	/* Where the answers in progress live (docs/journey-saves.md): in a
	 * sealed cookie (in_cookie: the cookie is the whole state, and no
	 * stored save exists; partial_id 0), or in the stored save
	 * (partial_id). cookie_refused: the request carried a cookie this
	 * installation did not seal for this session and survey. force_store:
	 * this write must be durable (save and come back later, staff entry). */
	int in_cookie;
	int cookie_refused;
	int force_store;
	/* The stored save as read, to skip a write that would change nothing. */
	const char *loaded_json;
	const char *loaded_lang;
	size_t loaded_page;
	/* Officers' preview (officer.c): pages post back to the preview, with
	 * the officer's token, and nothing is stored. NULL for residents. */
	const char *preview_csrf;
};

/* Every question's answer, in survey order: q[i], its values v[i] and its
 * "other" text other[i] (NULL: none); set is v as answer.h takes it. */
struct all_answers {
	size_t nq;
	const struct survey_question **q;
	struct survey_answer *v;
	const char **other;
	struct survey_answers set;
};

/* ---------- journey.c: session, messages ---------- */

/* Make sure this browser has a resident session (a cookie set if not). */
void journey_session_start(struct journey *j);
/* 1 when the form's anti-forgery token is this session's. */
int journey_csrf_ok(struct journey *j);
/* A page with a heading and one paragraph, and a link (link NULL: none). */
void journey_message(struct journey *j, int status, const char *title, const char *text,
		     const char *link, const char *link_text);
/* 403: the form's anti-forgery token did not match. */
void journey_expired_form(struct journey *j);
/* 503: the database is not there. */
void journey_unavailable(struct journey *j);

/* ---------- journey.c: the partial save ---------- */

/* Load this session's partial save for the survey into j (have_partial,
 * saved, ...). STORE_OK even if there is none. */
enum store_err journey_partial_load(struct journey *j);
/* Write j->saved and j->page_index: into the sealed cookie while it fits
 * and nothing asks for durability, else the stored save (created if
 * needed; not written when nothing changed). */
enum store_err journey_partial_store(struct journey *j);
/* Drop this survey's sealed cookie (the answers went to the stored save,
 * or were sent). */
void journey_cookie_clear(struct journey *j);
/* The page that refuses a cookie this installation did not seal for this
 * session (400), and drops it: nothing stored is touched. */
void journey_cookie_refused(struct journey *j);

/* ---------- journey.c: answers ---------- */

/* The question a field name belongs to (qid or qid.<part>), or NULL. */
const struct survey_question *journey_question_of_field(const struct survey *s, const char *name);
/* Every question's answer from params, in survey order. -1 if out of memory. */
int journey_collect_all(struct arena *a, const struct survey *s, const struct http_params *params,
			struct all_answers *out);

/* ---------- journey.c: common page parts ---------- */

size_t journey_page_index(const struct survey *s, const struct survey_page *pg);
/* The path of page idx (idx >= npages: check your answers; the preview's
 * paths in a preview). */
const char *journey_page_path(struct journey *j, size_t idx);
/* 303 to `to` ("/" when NULL). */
void journey_redirect(struct resp *rs, const char *to);
/* The shown page before idx, or (size_t)-1. */
size_t journey_prev_page(struct journey *j, size_t idx, const struct survey_answers *a);
/* The anti-forgery token and language of every form. */
void journey_hidden_fields(struct journey *j, struct html *b);
/* The survey's title above a page's heading. */
void journey_caption(struct journey *j, struct html *b);
/* Closed or not yet open: the page that says so, and -1; 0 when open. */
int journey_gate(struct journey *j);
/* The form that asks for an invitation code, with error (NULL: none) and
 * what was typed. */
void journey_invitation_form(struct journey *j, const char *error, const char *typed);
/* The cookie that marks a browser that has sent a response to the survey. */
const char *journey_sent_cookie(struct journey *j);
/* When the survey takes one response per browser and this browser has
 * sent one: the "already responded" page shown, -1; else 0. */
int journey_already_sent(struct journey *j);
/* Start or continue the journey (for_post: check the anti-forgery token):
 * gate, once per browser, session, partial save, invitation. 0 to go on;
 * otherwise the response is written. */
int journey_open(struct journey *j, int for_post);

/* ---------- journey_page.c ---------- */

/* Page idx, showing values, errors[k] the message for question k (errors
 * NULL: none). */
void journey_render_page(struct journey *j, size_t idx, const struct http_params *values,
			 const char **errors);
/* Check page idx (save 1: only what a save must refuse too); the count of
 * errors, each in errors[k]. */
size_t journey_check_page(struct req *rq, const struct survey *s, size_t idx,
			  const struct all_answers *all, const char **errors, int save);
/* Check your answers, with errors[i] per question (NULL: none). */
void journey_render_check(struct journey *j, struct all_answers *all, const char **errors);
/* Every kept answer checked; errors[i] set per question. The count. */
size_t journey_check_all(struct journey *j, struct all_answers *all, const char **errors);

/* ---------- journey_resume.c ---------- */

/* Give the saved journey a new resume code and show it. */
void journey_save_page(struct journey *j);

#endif
