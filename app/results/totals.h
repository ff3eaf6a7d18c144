/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * totals: results that are always ready (issue 23, DESIGN §12). The
 * accumulator of results.h holds only sums (counts, sums of record keys
 * modulo 2^32, Borda points) and the values of number and date questions,
 * kept as a histogram here; so the accumulator of any set of responses is
 * the sum of the accumulators of each, and its "cells" (every non-zero
 * slot, as text: "scope slot count keysum" a line) can be stored, added
 * and subtracted exactly. A send queues the cells of its response, a
 * withdrawal takes them out, a flag decision moves them from the counted
 * set to the flagged one (store/totals.h, in the change's transaction);
 * readers load the stored cells and the queue into a fresh accumulator
 * and results_json_out() makes the figures as from a recount, byte for
 * byte. Cells are tied to a fingerprint of the survey file, the
 * installation key (record keys) and this format: under another, the
 * totals are rebuilt from the answers (results_totals_rebuild) and,
 * until then, readers recount. results_totals_verify() recounts and
 * compares every cell.
 */
#ifndef YV_RESULTS_TOTALS_H
#define YV_RESULTS_TOTALS_H

#include <stdio.h>

#include "core/buf.h"
#include "results/results.h"
#include "store/store.h"
#include "store/totals.h"

/* The fingerprint cells of s are counted under (needs sdc_set_key()). */
void results_totals_fingerprint(const struct survey *s, char out[TOTALS_FP_MAX + 1]);

/* Every non-zero slot of r as cell lines into b, in a fixed order. */
void results_cells_text(const struct results *r, struct buf *b);
/*
 * Add (sign 1) or take out (-1) the cell lines text into r. flagged: the
 * cells of flagged responses: they count in results_flagged() and, unless
 * r leaves flagged responses out, in the figures. Cells of a breakdown r
 * does not compute are skipped. -1 when a line does not parse or names a
 * slot r does not have (the cells are then not r's survey's), or a value
 * to take out is not there. Call results_cells_done() after the last.
 */
int results_cells_add(struct results *r, const char *text, int sign, int flagged);
/* Drop the days, channels and languages left with no response. */
void results_cells_done(struct results *r);
/* The cells one response adds to the totals of s, malloc'd (its flag is
 * ignored: the set it goes to is the change's). */
char *results_response_cells(const struct survey *s, const struct results_response *resp);
/* Whether every breakdown of r is one the stored totals keep. */
int results_totals_cover(const struct results *r);

/* How many queued changes a reader adds itself at most. */
#define RESULTS_TOTALS_QUEUE_MAX 2000
/*
 * Into r (fresh from results_new()), the stored totals of s with the
 * queued changes. *stale 1 (r then partial: the caller frees it) when
 * there are none yet, or they were counted under another fingerprint, or
 * the queue holds RESULTS_TOTALS_QUEUE_MAX changes or more (*queued then
 * says so: fold them, results_totals_fold, and read again). *queued: the
 * changes read from the queue; a caller on the primary may fold them when
 * many. In its own transaction unless st is in one.
 */
enum store_err results_totals_load(struct store *st, const struct survey *s, struct results *r,
				   int *stale, size_t *queued);
/* Move up to max queued changes of s into its totals (*stale as above). */
enum store_err results_totals_fold(struct store *st, const struct survey *s, size_t max, int *stale,
				   size_t *folded);
/* Count the totals of s afresh from the answers and store them (the queued
 * changes they include deleted), in one transaction. */
enum store_err results_totals_rebuild(struct store *st, const struct survey *s);
/*
 * Recount s from the answers and compare every cell with the stored totals
 * and queue, in one snapshot; each differing cell named on report. *diffs:
 * how many differ (-1: no totals, or under another fingerprint).
 */
enum store_err results_totals_verify(struct store *st, const struct survey *s, FILE *report,
				     long *diffs);

/* For a background process: fold the queued changes of every survey of
 * set, and rebuild the totals that are missing or stale (logged). */
void results_totals_upkeep(struct store *st, const struct survey_set *set);

/* The store hook (store/totals.h) of a process serving the surveys of set. */
void results_totals_hook(struct totals_hook *h, const struct survey_set *set);

#endif
