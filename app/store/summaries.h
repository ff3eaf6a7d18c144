/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * summaries: what the theme summariser (results/summariser.c) reads and
 * writes: the stored summaries (theme_summary, migration 007), the
 * database-wide lock that lets one server compute at a time, the
 * fingerprint of what a summary is computed from, the written answers it
 * is computed from, and the officers' decisions, moves and hidden answers
 * (theme_decision, answer_moderation, migrations 006 and 013) applied when
 * it is shown. The officers' writes of those are store/themereview.h.
 * Strings returned live in the arena passed.
 */
#ifndef YV_STORE_SUMMARIES_H
#define YV_STORE_SUMMARIES_H

#include <stddef.h>

#include "core/arena.h"
#include "store/store.h"

/* What a summary of one question is computed from: the answers that count
 * (complete, not flagged, not empty) and the hidden ones. */
struct summaries_source {
	unsigned long long answers, max_id, id_sum; /* count, largest and sum of response ids */
	unsigned long long hidden, hidden_sum;	    /* count and sum of hidden answers' ids */
};
enum store_err summaries_source(struct store *st, const char *survey_id, const char *qid,
				struct arena *a, struct summaries_source *out);

/* The source key stored with the summary into *key, "" when there is none. */
enum store_err summaries_key(struct store *st, const char *survey_id, const char *qid,
			     struct arena *a, const char **key);

/* A stored summary. */
struct summaries_stored {
	const char *summary; /* JSON text */
	long long answers;
	long long computed_at; /* Unix seconds */
};
/* The stored summary of one question into *out, *found 1; *found 0 when
 * there is none. */
enum store_err summaries_get(struct store *st, const char *survey_id, const char *qid,
			     struct arena *a, struct summaries_stored *out, int *found);
/* Store (or replace) the summary of one question with the source key it
 * was computed from, its count of answers and largest response id. */
enum store_err summaries_set(struct store *st, const char *survey_id, const char *qid,
			     const char *key, long long answers, long long max_id,
			     const char *summary);

/* Take the database's named lock without waiting: *got 1 when this
 * connection holds it, 0 when another does. It goes with the connection. */
enum store_err summaries_lock(struct store *st, struct arena *a, int *got);
enum store_err summaries_unlock(struct store *st, struct arena *a);

/* One written answer a summary is computed from, with the response's
 * postcode answer (NULL when none) for its area. */
struct summaries_answer {
	char *id; /* response id, decimal */
	char *text;
	const char *postcode;
};
/* The answers of question qid in response id order, at most max;
 * postcode_qid names the survey's postcode question ("" when none). */
enum store_err summaries_answers(struct store *st, const char *survey_id, const char *qid,
				 const char *postcode_qid, size_t max, struct arena *a,
				 struct summaries_answer **out, size_t *n);

/* An answer officers hid: response id (decimal) and reason (never NULL). */
struct summaries_hidden {
	const char *id;
	const char *reason;
};
/* The hidden answers of question qid, in response id order. */
enum store_err summaries_hidden(struct store *st, const char *survey_id, const char *qid,
				struct arena *a, struct summaries_hidden **out, size_t *n);

/* The ids (decimal) of responses of survey_id withdrawn or flagged: their
 * quotes go before the next recomputation. */
enum store_err summaries_gone(struct store *st, const char *survey_id, struct arena *a,
			      const char ***ids, size_t *n);

/* An officer's decision on one theme (theme_decision). */
struct summaries_decision {
	const char *key;
	const char *label_en, *label_cy; /* NULL: not renamed */
	const char *merged_into;	 /* NULL: not merged */
	int approved, created;
};
enum store_err summaries_decisions(struct store *st, const char *survey_id, const char *qid,
				   struct arena *a, struct summaries_decision **out, size_t *n);

/* An answer an officer moved to another theme. */
struct summaries_move {
	const char *id; /* response id, decimal */
	const char *theme_key;
};
enum store_err summaries_moves(struct store *st, const char *survey_id, const char *qid,
			       struct arena *a, struct summaries_move **out, size_t *n);

#endif
