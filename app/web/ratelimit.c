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

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "geo/geo.h"
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

int web_count_hit(struct app *app, struct resp *rs, const char *key, const char *bucket,
                  unsigned limit, unsigned window_s)
{
	time_t now = time(NULL);
	long long start = (long long)(now - now % (time_t)window_s);
	unsigned long long hits = 0;
	struct store_arg a[] = {STORE_STR(key), STORE_STR(bucket), STORE_INT(start), STORE_INT(start),
	                        STORE_INT((long long)window_s)};

	if (store_exec(&app->store, ST_RATE_HIT, a, 5, NULL, &hits) != STORE_OK)
		return -1;
	if (hits <= limit)
		return 0;
	if (rs != NULL) {
		char retry[32];

		snprintf(retry, sizeof(retry), "%lld", start + (long long)window_s - (long long)now);
		resp_header(rs, "Retry-After", retry);
	}
	return 1;
}

void web_client_address(struct app *app, const struct req *rq, char *out, size_t outlen)
{
	geo_client_address(&app->cfg, rq->remote_addr ? rq->remote_addr : "", rq->forwarded_for, out,
	                   outlen);
}

void web_count_refund(struct app *app, const char *key, const char *bucket, unsigned window_s)
{
	time_t now = time(NULL);
	long long start = (long long)(now - now % (time_t)window_s);
	struct store_arg a[] = {STORE_STR(key), STORE_STR(bucket), STORE_INT(start)};

	store_exec(&app->store, ST_RATE_REFUND, a, 3, NULL, NULL);
}
