/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback (store): the settings and the stored snapshot of the public
 * page /feedback of a standing feedback survey (table feedback_page,
 * migration 090): whether an officer enabled it, how often it is updated
 * (FEEDBACK_WEEK, _MONTH, _QUARTER), the snapshot of the last scheduled
 * update (JSON text, built by results/feedback.h), when it was taken and
 * when the next is due. Uses store/ and core/ only.
 */
#ifndef YV_STORE_FEEDBACK_H
#define YV_STORE_FEEDBACK_H

#include <stddef.h>

#include "core/arena.h"
#include "store/audit.h"
#include "store/store.h"

#define FEEDBACK_PAGES_MAX 20 /* surveys on /feedback at most */

struct feedback_page {
	const char *survey_id;
	int enabled;
	const char *every;    /* "week", "month" or "quarter" */
	const char *snapshot; /* JSON text, NULL before the first update */
	const char *updated;  /* YYYY-MM-DD of the last update, NULL: none */
	const char *next;     /* YYYY-MM-DD of the next, NULL: none */
	int due;	      /* 1 when the next update is due now (or none was taken) */
};

/* Whether v is a schedule: "week", "month" or "quarter". */
int feedback_every_valid(const char *v);

/* The settings of survey_id into *out (arena a): 0, 1 when none were ever
 * saved (*out zeroed), -1 on a database error. */
int feedback_page_get(struct store *st, struct arena *a, const char *survey_id,
		      struct feedback_page *out);

/* The surveys whose page is enabled, by id, at most FEEDBACK_PAGES_MAX:
 * 0 (their ids in *ids, count in *n), or -1. */
int feedback_page_enabled(struct store *st, struct arena *a, const char ***ids, size_t *n);

/* "feedback-page": enable or disable survey_id's page and set its
 * schedule, with the audit row, in one transaction. The next update is
 * re-dated from the last one (so a new schedule never brings new figures
 * forward by itself, except that a page with no snapshot yet is due now). */
enum store_err feedback_page_set(struct store *st, const struct audit_actor *who,
				 const char *survey_id, int enabled, const char *every,
				 const char *detail);

/* Store snapshot as the page of survey_id, dated now, the next update one
 * period later, only when an update is due (so of several processes one
 * stores it): *stored 1 when it did, 0 when it was not due (any more). */
enum store_err feedback_page_snapshot(struct store *st, const char *survey_id, const char *snapshot,
				      int *stored);

#endif
