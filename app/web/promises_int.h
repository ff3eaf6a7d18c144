/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * promises_int: what the promises family shares (web/promises.h):
 *   promises.c        status worked out for today, history, the public
 *                     page and the results page's section, the dashboard list
 *   promises_data.c   /promises.json and /promises.csv
 *   promises_admin.c  the officers' pages
 * Nothing outside the family includes this header.
 */
#ifndef YV_WEB_PROMISES_INT_H
#define YV_WEB_PROMISES_INT_H

#include "store/commitments.h"
#include "web/promises.h"

#define PROMISE_DATE_LEN 10 /* YYYY-MM-DD */

struct promises_of {
	struct commitment *v;
	size_t n;
};

/* One line of a commitment's history: an officer's update, or the
 * automatic change to late the day after its due date (officer NULL). */
struct promise_event {
	const char *date, *status, *note_en, *note_cy, *officer;
	const char *due_from, *due_to; /* a move of the due date, else NULL */
};

/* Today's UK date as YYYY-MM-DD into out (11 bytes). */
void promise_today(char out[PROMISE_DATE_LEN + 1]);
/* The status shown today: the officer's, or "late" when it is planned or
 * in progress and its due date has passed. */
const char *promise_status_now(const struct commitment *c, const char *today);
/* Its status in the reader's language. */
const char *promise_status_text(const char *status);
/* For done commitments: 1 when done by the due date. */
int promise_kept_on_time(const struct commitment *c);
/* The history of c up to today, oldest first, with the automatic change to
 * late; in arena a. The count, or 0 (also when out of memory). */
size_t promise_history(struct arena *a, const struct commitment *c, const char *today,
		       struct promise_event **out);
/* Which question or theme it answers, in lang (NULL: none). */
const char *promise_answers_text(const struct survey *s, const struct commitment *c,
				 enum yv_lang lang);
/* Whether the public may see s's commitments: its results are public now. */
int promise_survey_public(struct app *app, struct req *rq, const struct survey *s);

/* promises_data.c: the open data of the n visible commitments v. */
void promises_json(struct app *app, struct req *rq, struct resp *rs, const struct commitment *v,
		   size_t n, const char *today);
void promises_csv(struct app *app, struct req *rq, struct resp *rs, const struct commitment *v,
		  size_t n, const char *today);

#endif
