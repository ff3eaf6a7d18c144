/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * totals: the stored results totals of each survey and the queue of
 * changes to them (tables results_total and results_total_event, migration
 * 020; DESIGN §12). What the cells mean is results/totals.c's business:
 * here they are text. A send, withdrawal or flag decision queues the
 * change of its response in its own transaction (totals_queue), through
 * the hook the process gives its store (struct totals_hook): no send waits
 * for another, since none updates a shared row. Readers read the totals
 * and the queue in one snapshot; folders and rebuilds lock the survey's
 * row and delete exactly the queued rows they read.
 */
#ifndef YV_STORE_TOTALS_H
#define YV_STORE_TOTALS_H

#include <stddef.h>

#include "core/arena.h"
#include "store/answers_read.h"
#include "store/store.h"

#define TOTALS_FP_MAX 64
/* The fingerprint of a queued change whose cells could not be computed
 * (no hook, survey unknown to the process): it matches no totals, so
 * readers recount until the totals are rebuilt. */
#define TOTALS_FP_UNKNOWN "-"

/*
 * How a process turns a response into the cells it adds to its survey's
 * totals: cells() returns them as malloc'd text (NULL: the survey is not
 * known here) and writes the fingerprint they were counted under into fp.
 * resp->flagged is ignored (the change names the set it goes to).
 */
struct totals_hook {
	char *(*cells)(void *ctx, const char *survey_id, const struct answers_response *resp,
		       const struct answers_row *rows, size_t nrows, char fp[TOTALS_FP_MAX + 1]);
	void *ctx;
	/* tests/bench/send_path only, to measure what the totals cost a send:
	 * queue nothing (the send as it was before them). Never set otherwise. */
	int off;
};

/* One queued change. */
struct totals_event {
	unsigned long long id;
	const char *fingerprint;
	int flagged; /* into (sign 1) or out of (-1) the flagged set */
	int sign;
	const char *cells;
};

/* A survey's totals and queued changes as read. */
struct totals_read {
	int found; /* the survey has a totals row */
	const char *fingerprint, *cells, *fcells;
	struct totals_event *ev;
	size_t nev;
};

/*
 * Read the totals of survey_id and up to max_events queued changes (id
 * order) into out, strings in a. lock: make sure the row exists and lock
 * it first (folders and rebuilds; in a transaction). Runs no transaction
 * of its own: call it inside one so both reads share a snapshot.
 */
enum store_err totals_read(struct store *st, const char *survey_id, int lock, size_t max_events,
			   struct arena *a, struct totals_read *out);
/* Replace the totals of survey_id (row locked by totals_read). */
enum store_err totals_write(struct store *st, const char *survey_id, const char *fingerprint,
			    const char *cells, const char *fcells);
/* Delete the queued change id. */
enum store_err totals_event_delete(struct store *st, unsigned long long id);

/*
 * Queue the change of response id: sign 1 it now counts (sent, or moved
 * into a set by a flag decision), -1 it stops counting. rows/nrows: its
 * answers when the caller has them (a send), NULL to read them. Locks the
 * response's row; inside the caller's transaction. STORE_NOT_FOUND (and
 * nothing queued) when the response is not complete.
 */
enum store_err totals_queue(struct store *st, long long id, int sign,
			    const struct answers_row *rows, size_t nrows);

#endif
