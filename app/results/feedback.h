/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback (results): the snapshot behind the public page /feedback of a
 * standing feedback survey (issue 21; store/feedback.h keeps it). It is
 * built only from what /r/<id> may publish of the written answers: the
 * themes officers APPROVED of each analysed question (summariser views,
 * with their decisions: renames, merges, moves), their count and stance
 * split, and up to THEMEVIEW_QUOTES quotes each that passed redaction and
 * were not hidden by an officer; never raw text. Disclosure control
 * (docs/privacy.md): a theme with fewer answers than the survey's minimum
 * group size shows no count and no stance split; in a theme shown, a
 * stance cell under the minimum is suppressed, and when that leaves one
 * cell suppressed, the next smallest non-empty cell too, so that no cell
 * is recoverable from the theme's count. The snapshot is taken only when
 * the officer's schedule says so, so the page cannot be differenced
 * between two moments in between.
 *
 * Snapshot JSON: {survey, min_group_size, questions: [{question, status
 * ("pending" | "too_few" | "ready"), answers, awaiting_review, themes:
 * [{id, label: {en, cy}, label_cy_fallback, count | null, suppressed,
 * stance: {praise, complaint, suggestion, neutral: count | null} | null,
 * quotes: [{id, text, cut?}]}]}]} (quote ids stay private: pages drop a
 * quote hidden since the snapshot, and the open data has no ids).
 */
#ifndef YV_RESULTS_FEEDBACK_H
#define YV_RESULTS_FEEDBACK_H

#include <jansson.h>
#include <signal.h>

#include "core/arena.h"
#include "store/store.h"
#include "survey/survey.h"

/* Which of the four stance counts to suppress under min_group (see
 * above): sup[i] set to 1 for each. */
void feedback_suppress_stances(const long long counts[4], unsigned min_group, unsigned char sup[4]);

/* The snapshot of s now (new object), NULL on a database error. */
json_t *feedback_snapshot_build(struct store *st, const struct survey *s, struct arena *a);

/* When s's page is enabled and an update is due, build and store the
 * snapshot: 1 stored, 0 nothing due (or another process stored it), -1 error. */
int feedback_update_due(struct store *st, const struct survey *s, struct arena *a);

/* feedback_update_due() for every enabled page of a survey of set (the
 * background process's pass): how many were stored, or -1 on an error. */
int feedback_pass(struct store *st, const struct survey_set *set, struct arena *a,
		  volatile sig_atomic_t *stop);

#endif
