/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * ratelimit: fixed-window counters per client network, kept in MariaDB
 * (a MEMORY table) so that they hold across workers and app hosts. The
 * network is the /24 (IPv4) or /48 (IPv6) of the client address (behind a
 * trusted proxy, the address it forwarded), kept only as an HMAC under the
 * server key; counters expire with their window and
 * `yourvoice purge` removes what is left.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "geo/geo.h"
#include "store/ratelimits.h"
#include "web/web.h"

/* The keyed hash of the client's network prefix (geo.h). */
void web_network_key(struct app *app, const struct req *rq, char out[65])
{
	char ip[64];

	web_client_address(app, rq, ip, sizeof(ip));
	geo_network_key(app->key, ip, out);
}

int web_rate_limit(struct app *app, struct req *rq, struct resp *rs, const char *bucket,
		   unsigned limit, unsigned window_s)
{
	char key[65];

	web_network_key(app, rq, key);
	return web_count_hit(app, rs, key, bucket, limit, window_s);
}

/* Add n hits to key's bucket in the window starting at start: the total, or -1. */
static long long count_add(struct app *app, const char *key, const char *bucket, long long start,
			   unsigned window_s, unsigned n)
{
	return ratelimit_add(&app->store, key, bucket, start, window_s, n);
}

/* 1 (with Retry-After) when hits pass limit, else 0. */
static int over(struct resp *rs, long long hits, unsigned limit, long long start, unsigned window_s,
		time_t now)
{
	if (hits <= (long long)limit)
		return 0;
	if (rs != NULL) {
		char retry[32];

		snprintf(retry, sizeof(retry), "%lld",
			 start + (long long)window_s - (long long)now);
		resp_header(rs, "Retry-After", retry);
	}
	return 1;
}

int web_count_hit(struct app *app, struct resp *rs, const char *key, const char *bucket,
		  unsigned limit, unsigned window_s)
{
	time_t now = time(NULL);
	long long start = (long long)(now - now % (time_t)window_s);
	long long hits = count_add(app, key, bucket, start, window_s, 1);

	return hits < 0 ? -1 : over(rs, hits, limit, start, window_s, now);
}

/*
 * Counters that only flag: the windows this worker knows to be over their
 * limit, by key and bucket (process memory: each worker learns it once per
 * window, with the write that passes the limit, or the first one after).
 */
#define OVER_SLOTS 256
#define OVER_BUCKET 96

static struct over_slot {
	char key[65];
	char bucket[OVER_BUCKET];
	long long start;
} over_slots[OVER_SLOTS];

static struct over_slot *over_slot_of(const char *key, const char *bucket)
{
	unsigned h = 2166136261u;

	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (const char *p = bucket; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return &over_slots[h % OVER_SLOTS];
}

int web_count_flag_hit(struct app *app, const char *key, const char *bucket, unsigned limit,
		       unsigned window_s)
{
	time_t now = time(NULL);
	long long start = (long long)(now - now % (time_t)window_s);
	struct over_slot *sl = over_slot_of(key, bucket);
	int cacheable = strlen(key) < sizeof(sl->key) && strlen(bucket) < sizeof(sl->bucket);
	int rc;

	if (cacheable && sl->start == start && strcmp(sl->key, key) == 0 &&
	    strcmp(sl->bucket, bucket) == 0)
		return 1;
	rc = web_count_hit(app, NULL, key, bucket, limit, window_s);
	if (rc > 0 && cacheable) {
		memcpy(sl->key, key, strlen(key) + 1);
		memcpy(sl->bucket, bucket, strlen(bucket) + 1);
		sl->start = start;
	}
	return rc;
}

/*
 * The request counter of each network, batched per worker. A slot keeps
 * what this worker last learnt of the network's total in the current
 * window (known) and the hits it has let through since without writing
 * them (pending). The first hit of a network in a window (or after its
 * slot served another network) is written, so the worker learns the total
 * the others counted; then a hit stays in memory while known + pending
 * stays under half the limit and pending under `batch`; otherwise it is
 * written with the pending ones and the database's total decides. The cost: each
 * worker may let through up to batch - 1 hits the others do not know of
 * yet, and batch is chosen so that those of REQUEST_INSTANCES instances of
 * this size add up to at most a quarter of the limit, once per window. A
 * slot taken by another network writes its pending hits first.
 */
#define REQUEST_BATCH_MAX 32
#define REQUEST_INSTANCES 4
#define REQUEST_WINDOW 60
#define UNKNOWN UINT_MAX /* known: nothing read in this window yet */

static unsigned request_batch(const struct app *app)
{
	unsigned limit = (unsigned)app->cfg.rate_limit_per_minute;
	unsigned workers = (unsigned)settings_worker_count(&app->cfg) * REQUEST_INSTANCES;
	unsigned b = limit / 4 / (workers ? workers : 1);

	return b < 1 ? 1 : b > REQUEST_BATCH_MAX ? REQUEST_BATCH_MAX : b;
}

int web_request_limit(struct app *app, struct req *rq, struct resp *rs)
{
	unsigned limit = (unsigned)app->cfg.rate_limit_per_minute;
	time_t now = time(NULL);
	long long start = (long long)(now - now % REQUEST_WINDOW), hits;
	struct app_request_slot *sl;
	char key[65];

	web_network_key(app, rq, key);
	sl = &app->request_slots[strtoul((char[]){key[0], key[1], key[2], key[3], '\0'}, NULL, 16) %
				 APP_REQUEST_SLOTS];
	if (strcmp(sl->key, key) != 0) {
		if (sl->pending > 0 && sl->start == start)
			count_add(app, sl->key, "req", sl->start, REQUEST_WINDOW, sl->pending);
		memcpy(sl->key, key, sizeof(sl->key));
		sl->start = start;
		sl->known = UNKNOWN;
		sl->pending = 0;
	} else if (sl->start != start) {
		/* a new window; hits not written in the old one no longer matter */
		sl->start = start;
		sl->known = UNKNOWN;
		sl->pending = 0;
	}
	if (sl->known != UNKNOWN && sl->known + sl->pending + 1 <= limit / 2 &&
	    sl->pending + 1 < request_batch(app)) {
		sl->pending++;
		return 0;
	}
	hits = count_add(app, key, "req", start, REQUEST_WINDOW, sl->pending + 1);
	if (hits < 0)
		return -1; /* the pending hits stay pending */
	sl->known = (unsigned)hits;
	sl->pending = 0;
	return over(rs, hits, limit, start, REQUEST_WINDOW, now);
}

void web_client_address(struct app *app, const struct req *rq, char *out, size_t outlen)
{
	geo_client_address(&app->cfg, rq->remote_addr ? rq->remote_addr : "", rq->forwarded_for,
			   out, outlen);
}

void web_count_refund(struct app *app, const char *key, const char *bucket, unsigned window_s)
{
	time_t now = time(NULL);
	long long start = (long long)(now - now % (time_t)window_s);
	ratelimit_refund(&app->store, key, bucket, start);
}
