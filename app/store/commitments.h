/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * commitments: what the council will do in reply to a consultation
 * (tables commitment and commitment_update, migration 030): each
 * commitment with its texts, the question or theme it answers, its owner,
 * due date and status, and its dated updates (the history). Every change
 * writes its rows and the audit row (store/audit.h) in one transaction.
 * Dates are "YYYY-MM-DD" text both ways. Uses store/ and core/ only.
 */
#ifndef YV_STORE_COMMITMENTS_H
#define YV_STORE_COMMITMENTS_H

#include <stddef.h>

#include "core/arena.h"
#include "store/audit.h"
#include "store/store.h"

#define COMMITMENTS_MAX 2000	     /* commitments read at once (all surveys) */
#define COMMITMENT_UPDATES_MAX 20000 /* their updates read at once */

/* One dated update: a status and a note in each language, by an officer. */
struct commitment_update {
	long long id;
	const char *date;   /* YYYY-MM-DD */
	const char *status; /* planned, in-progress, done, late, dropped */
	const char *note_en, *note_cy;
	const char *officer;
	const char *due_from, *due_to; /* a move of the due date, else NULL */
};

struct commitment {
	long long id;
	const char *survey_id;
	const char *text_en, *text_cy;
	const char *answers; /* "q:<question>" or "t:<question>:<theme>", NULL: none */
	const char *answers_en, *answers_cy; /* its name when chosen, NULL: none */
	const char *owner;
	const char *due;		   /* YYYY-MM-DD */
	const char *status;		   /* the last one recorded by an officer */
	struct commitment_update *updates; /* oldest first */
	size_t nupdates;
};

/* The commitments of survey_id (NULL: of every survey), by due date, each
 * with its updates; all in arena a. 0, or -1 on a database error. */
int commitments_list(struct store *st, struct arena *a, const char *survey_id,
		     struct commitment **out, size_t *n);

/* What an officer writes; NULL answers: none. */
struct commitment_fields {
	const char *text_en, *text_cy;
	const char *answers, *answers_en, *answers_cy;
	const char *owner, *due;
};

/* "commitment-add": a new commitment with its first update (today's date
 * date, status, notes; "" for none), as who; its id into *id. */
enum store_err commitments_add(struct store *st, const struct audit_actor *who,
			       const char *survey_id, const struct commitment_fields *c,
			       const char *date, const char *status, const char *note_en,
			       const char *note_cy, const char *detail, long long *id);
/* "commitment-edit": its texts, answers, owner and due date; a new due
 * date also adds an update dated date (status kept) saying from and to.
 * STORE_NOT_FOUND when survey_id has no commitment id. */
enum store_err commitments_edit(struct store *st, const struct audit_actor *who,
				const char *survey_id, long long id,
				const struct commitment_fields *c, const char *date,
				const char *detail);
/* "commitment-update": a dated update and the commitment's new status. */
enum store_err commitments_update(struct store *st, const struct audit_actor *who,
				  const char *survey_id, long long id, const char *date,
				  const char *status, const char *note_en, const char *note_cy,
				  const char *detail);

#endif
