/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* ratelimits: the shared request counters (see ratelimits.h). */
#include "config.h"

#include <string.h>

#include "store/ratelimits.h"

long long ratelimit_add(struct store *st, const char *key, const char *bucket, long long start,
			unsigned window_s, unsigned n)
{
	unsigned long long hits = 0;
	struct store_arg a[] = {STORE_STR(key),		STORE_STR(bucket),
				STORE_INT(start),	STORE_INT((long long)n),
				STORE_INT(start),	STORE_INT((long long)window_s),
				STORE_INT((long long)n)};

	if (store_exec(st, ST_RATE_HIT, a, 7, NULL, &hits) != STORE_OK)
		return -1;
	return (long long)hits;
}

void ratelimit_refund(struct store *st, const char *key, const char *bucket, long long start)
{
	struct store_arg a[] = {STORE_STR(key), STORE_STR(bucket), STORE_INT(start)};

	store_exec(st, ST_RATE_REFUND, a, 3, NULL, NULL);
}
