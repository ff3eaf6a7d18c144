/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * purge: what `yourvoice purge` counts, deletes and rewrites (its rules,
 * options and messages are app/cmd/purge.c): expired partial saves,
 * rate-limit records and officers' sessions, the answers to one question
 * past a survey's retention, and free-text answers rewritten in redacted
 * form. Each step counts (dry_run) or acts; on failure it returns -1 and
 * names itself in *step for the message. Uses store/store.h only.
 */
#ifndef YV_STORE_PURGE_H
#define YV_STORE_PURGE_H

#include <stddef.h>

#include "core/arena.h"
#include "store/store.h"

/* Why a step failed: the step's name (for "yourvoice purge: STEP: ...")
 * and the store error. */
struct purge_fail {
	const char *step;
	enum store_err e;
};

/* Whether table exists in the current database: 1, 0, or -1 (f filled). */
int purge_table_exists(struct store *st, struct arena *a, const char *table, struct purge_fail *f);
/* Rows counted (dry_run) or deleted, or -1 (f filled). */
long long purge_partial_saves(struct store *st, struct arena *a, int dry_run, struct purge_fail *f);
long long purge_rate_limits(struct store *st, struct arena *a, int dry_run, struct purge_fail *f);
/* Sessions idle for idle_s seconds or older than max_s seconds. */
long long purge_sessions(struct store *st, struct arena *a, int dry_run, long long idle_s,
			 long long max_s, struct purge_fail *f);
/* The answers to question_id of survey_id in responses submitted before
 * `before` ("YYYY-MM-DD HH:MM:SS" UTC). */
long long purge_answers(struct store *st, struct arena *a, int dry_run, const char *survey_id,
			const char *question_id, const char *before, struct purge_fail *f);

/* One stored answer to a field (a question id, or "<id>.other"). */
struct purge_text {
	unsigned long long response;
	long long ord;
	const char *value;
};
/* The next batch (at most limit) of field's answers of survey_id in
 * responses submitted before `before`, after (after_response, after_ord)
 * in that order; *rows (n of them) live in a. 0, or -1 (f filled). */
int purge_text_batch(struct store *st, struct arena *a, const char *survey_id, const char *field,
		     const char *before, unsigned long long after_response, long long after_ord,
		     size_t limit, struct purge_text **rows, size_t *n, struct purge_fail *f);
/* Replace one answer's value (value[0,len)). 0, or -1 (f filled). */
int purge_text_update(struct store *st, unsigned long long response, const char *field,
		      long long ord, const char *value, size_t len, struct purge_fail *f);
/* The ids of every survey with stored responses (at most 100,000): *ids
 * (n of them) live in a. 0, or -1 (f filled). */
int purge_survey_ids(struct store *st, struct arena *a, const char ***ids, size_t *n,
		     struct purge_fail *f);

#endif
