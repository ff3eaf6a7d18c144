/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * ratelimits: the shared request counters (table rate_limit) that
 * web/ratelimit.c keeps per network across workers and hosts. Uses store/
 * only.
 */
#ifndef YV_STORE_RATELIMITS_H
#define YV_STORE_RATELIMITS_H

#include "store/store.h"

/* Add n hits to key's bucket in the window of window_s seconds starting at
 * start: the window's total, or -1 on a database error. */
long long ratelimit_add(struct store *st, const char *key, const char *bucket, long long start,
			unsigned window_s, unsigned n);
/* Take back one hit of that window (best effort). */
void ratelimit_refund(struct store *st, const char *key, const char *bucket, long long start);

#endif
