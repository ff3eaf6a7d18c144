/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * geo: coarse attribution of a client address, and the client address
 * itself. Owns the MaxMind-format databases (libmaxminddb, a country or
 * city database and an optional ASN database), the lookup paths that let
 * one code read both the GeoIP2/GeoLite2 record layout (country.iso_code,
 * subdivisions.0.iso_code, autonomous_system_number) and flat layouts such
 * as the @ip-location-db files (country_code), the trusted-proxy rule for
 * X-Forwarded-For, and the keyed network hash that rate limits use.
 *
 * Nothing here keeps, logs or returns a raw address beyond the caller's
 * own buffers: log lines name files and reasons, never an address. The
 * opened databases are read-only memory maps, built once at start-up and
 * shared by the workers after fork.
 *
 * Settings (conf/yourvoice.conf.example): geo_country_db, geo_asn_db,
 * geo_country_path, geo_region_path, geo_asn_path, trusted_proxies. *
 * The directory app/geo owns these lookups (geo.c) and the client address
 * rule (proxy.c). It may use core/ (settings, log, keys) and libmaxminddb;
 * it knows nothing of HTTP requests, SQL or the command line (`yourvoice
 * geo` is app/cmd/geo.c).
 */
#ifndef YV_GEO_GEO_H
#define YV_GEO_GEO_H

#include <stddef.h>

#include "core/settings.h"

struct geo; /* opened databases, shared read-only after fork */

/*
 * What a lookup found; "" / 0 where unknown. country is an ISO 3166-1
 * alpha-2 code in upper case; region an ISO 3166-2 code ("GB-WLS": the
 * country is put in front when the database gives only the subdivision
 * part, as GeoIP2 does); asn the autonomous system number. found is 1
 * when any of the three is known.
 */
struct geo_result {
	char country[3];
	char region[16];
	unsigned long asn;
	int found;
};

/*
 * Open the databases cfg names. Returns 0 with *out set: with no database
 * configured, a geo that finds nothing; a missing, unreadable or corrupt
 * file is logged (its path and the reason) and treated as absent, never a
 * crash. Returns -1 with a message in err only for a configuration that
 * cannot be right: a malformed lookup path or trusted_proxies entry (so
 * `serve` refuses to start instead of trusting the wrong hosts).
 */
int geo_open(struct geo **out, const struct settings *cfg, char *err, size_t errlen);

/* Look up an IPv4 or IPv6 address in text form; never fails (unknown,
 * malformed or NULL: found 0). */
void geo_lookup(const struct geo *g, const char *ip, struct geo_result *out);

/* 1 when a country database is open (for /healthz-style reporting). */
int geo_has_country_db(const struct geo *g);

void geo_close(struct geo *g);

/*
 * The client address to use: remote_addr itself, unless it is a trusted
 * proxy (cfg->trusted_proxies), in which case the right-most address of
 * X-Forwarded-For that is not itself a trusted proxy (all of them trusted:
 * the left-most). A malformed X-Forwarded-For entry stops the walk: the
 * last hop that was trusted is then the answer. Addresses come out in
 * canonical text (an IPv4-mapped IPv6 address as plain IPv4); an
 * unparseable remote_addr gives "". out holds INET6_ADDRSTRLEN bytes.
 */
void geo_client_address(const struct settings *cfg, const char *remote_addr,
			const char *x_forwarded_for, char *out, size_t outlen);

/*
 * 1 if ip is inside one of the addresses/CIDRs of list (separated by commas
 * or white space; IPv4 and IPv6; "a.b.c.d" alone means /32, an IPv6 address
 * alone /128), 0 if not or if ip is malformed.
 */
int geo_in_list(const char *list, const char *ip);

/* Check a list for geo_in_list: 0, or -1 naming the first bad entry in err. */
int geo_list_check(const char *list, char *err, size_t errlen);

/*
 * The network key for rate limits: hex HMAC-SHA-256 (key: the server
 * secret) of the /24 (IPv4) or /48 (IPv6) prefix, so that residents behind
 * one address share a limit and the key says nothing about the address.
 * A malformed address gets the key of the text "unknown".
 */
void geo_network_key(const unsigned char key[32], const char *ip, char out[65]);

#endif
