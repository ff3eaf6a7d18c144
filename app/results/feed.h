/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feed: the seam between the database and the results accumulator, used by
 * `yourvoice results` and the public results pages alike, so both show the
 * same figures. It streams the completed responses of one survey in id
 * order, a batch at a time (never the whole table in memory), through the
 * prepared statements ST_RESULTS_RESPONSES and ST_RESULTS_ANSWERS. The
 * aggregation itself (results.c) stays free of SQL.
 */
#ifndef YV_RESULTS_FEED_H
#define YV_RESULTS_FEED_H

#include "results/results.h"
#include "store/store.h"

/* Count every completed response of s into r. STORE_OK, or the store
 * error (logged where it happened); r then holds a partial count. */
enum store_err results_feed(struct store *st, const struct survey *s, struct results *r);

/* Write the results JSON (pretty when indent) or CSV into b. */
void results_dump_json(struct buf *b, json_t *j, int indent);

#endif
