/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * snapshots: the frozen publication snapshots of a survey's breakdowns
 * (table results_snapshot, migration 011; docs/privacy.md). A snapshot is
 * written once and never changed; pages read the latest. What its figures
 * hold is results/feed.h's business: here they are JSON text.
 */
#ifndef YV_STORE_SNAPSHOTS_H
#define YV_STORE_SNAPSHOTS_H

#include <time.h>

#include "core/arena.h"
#include "store/store.h"

struct snapshot {
	unsigned long long id;
	const char *reason;    /* "published", "closed", ... */
	long long taken_at;    /* Unix seconds */
	long long respondents; /* exact, when it was taken */
	const char *figures;   /* JSON text */
};

/* The latest snapshot of survey_id into *out (strings in a), *found 1; or
 * *found 0 when there is none. STORE_OK or the store error. */
enum store_err snapshots_latest(struct store *st, const char *survey_id, struct arena *a,
				struct snapshot *out, int *found);

/* Store a new snapshot; its id into *id. */
enum store_err snapshots_insert(struct store *st, const char *survey_id, const char *reason,
				time_t taken_at, long long respondents, const char *figures,
				unsigned long long *id);

#endif
