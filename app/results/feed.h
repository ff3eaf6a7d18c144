/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feed: the seam between the database and the results accumulator, used by
 * `yourvoice results` and the public results pages alike, so both show the
 * same figures. It streams the completed responses of one survey in id
 * order, a batch at a time (never the whole table in memory), through the
 * typed reads of store/answers_read.h, and keeps the publication snapshots
 * through store/snapshots.h. Neither this file nor the aggregation itself
 * (results.c) holds SQL or a statement id.
 */
#ifndef YV_RESULTS_FEED_H
#define YV_RESULTS_FEED_H

#include <time.h>

#include "results/results.h"
#include "store/store.h"

/* Count every completed response of s with an id above *last_id into r,
 * and set *last_id to the highest id counted (start from 0 for all).
 * STORE_OK, or the store error (logged where it happened); r then holds a
 * partial count. */
enum store_err results_feed(struct store *st, const struct survey *s, struct results *r,
			    unsigned long long *last_id);
/* The same, stopping after the batch that ends at or past `deadline` (0:
 * never): *more is then 1, and r holds every response up to *last_id, a
 * prefix that later calls complete. */
enum store_err results_feed_until(struct store *st, const struct survey *s, struct results *r,
				  unsigned long long *last_id, time_t deadline, int *more);
/* Every completed response of s: flagged ones into fr, counted as if not
 * flagged, the others into r (the two sets of the stored totals,
 * results/totals.h). */
enum store_err results_feed_split(struct store *st, const struct survey *s, struct results *r,
				  struct results *fr);
/* How many completed responses of s have an id up to last_id, and how many
 * of those are flagged: what an accumulator fed up to last_id must hold,
 * unless some were withdrawn (or flagged) since. */
enum store_err results_count_upto(struct store *st, const struct survey *s,
				  unsigned long long last_id, long long *count, long long *flagged);

/*
 * Frozen snapshots of the published breakdowns (docs/privacy.md, migration
 * 011). results_snapshot_latest() sets *snap to the latest snapshot of s
 * ({"id", "reason", "taken_at" (Unix seconds), "respondents",
 * "breakdowns", "themes_by_area"}; caller owns it) or NULL when there is
 * none. results_snapshot_take() freezes a new one from r (which must hold
 * every response) and the public themes views `themes` (summariser_views()
 * with officer 0, or NULL): every count perturbed, groups suppressed as
 * results.h says, those hidden in the previous snapshot kept hidden while
 * any of them is small; sets *snap like results_snapshot_latest(). The
 * record keys need sdc_set_key() first.
 */
enum store_err results_snapshot_latest(struct store *st, const struct survey *s, json_t **snap);
enum store_err results_snapshot_take(struct store *st, const struct survey *s, struct results *r,
				     json_t *themes, const char *reason, time_t now, json_t **snap);
/*
 * The public figures: live, from r, with every count perturbed and no
 * breakdowns, then the breakdowns and theme shares by area of snap (NULL:
 * none yet, "breakdowns" empty and "breakdowns_as_of" null). themes (owned
 * by the caller, may be NULL) is added as "themes" with its by_area
 * replaced. Returns a new reference.
 */
json_t *results_public_json(struct results *r, json_t *snap, json_t *themes, time_t now);

/* Write the results JSON (pretty when indent) or CSV into b. */
void results_dump_json(struct buf *b, json_t *j, int indent);

#endif
