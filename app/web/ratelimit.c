/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * ratelimit: fixed-window counters per client network, kept in MariaDB
 * (a MEMORY table) so that they hold across workers and app hosts. The
 * network is the /24 (IPv4) or /48 (IPv6) of the client address, kept only
 * as an HMAC under the server key; counters expire with their window and
 * `yourvoice purge` removes what is left.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "web/web.h"

/* The keyed hash of the client's network prefix; "unknown" hashes alike. */
static void network_key(struct app *app, const struct req *rq, char out[65])
{
	unsigned char a[16];
	char prefix[64];
	const char *ip = rq->remote_addr ? rq->remote_addr : "";

	if (inet_pton(AF_INET, ip, a) == 1)
		snprintf(prefix, sizeof(prefix), "v4:%u.%u.%u.0/24", a[0], a[1], a[2]);
	else if (inet_pton(AF_INET6, ip, a) == 1)
		snprintf(prefix, sizeof(prefix), "v6:%02x%02x:%02x%02x:%02x%02x::/48", a[0], a[1], a[2], a[3],
		         a[4], a[5]);
	else
		snprintf(prefix, sizeof(prefix), "unknown");
	token_sign(app->key, prefix, out);
}

int web_rate_limit(struct app *app, struct req *rq, struct resp *rs, const char *bucket,
                   unsigned limit, unsigned window_s)
{
	char key[65];
	time_t now = time(NULL);
	long long start = (long long)(now - now % (time_t)window_s);
	unsigned long long hits = 0;

	network_key(app, rq, key);
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
