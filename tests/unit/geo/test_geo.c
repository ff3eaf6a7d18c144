/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Unit tests of app/geo: lookups in fixture databases with known networks
 * (built by tests/fixtures/geo/make-fixtures.pl, in the directory given as
 * argv[1] or $YV_GEO_FIXTURES), both record layouts, a missing and a
 * truncated file, bad lookup paths; CIDR lists, the trusted-proxy rule and
 * network keys.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "core/settings.h"
#include "core/token.h"
#include "geo/geo.h"
#include "tap.h"

static char dir[200];

static void db(char *out, size_t n, const char *name)
{
	if (strlen(dir) + strlen(name) + 2 > n)
		abort();
	memcpy(out, dir, strlen(dir));
	out[strlen(dir)] = '/';
	memcpy(out + strlen(dir) + 1, name, strlen(name) + 1);
}

static struct geo *open_with(struct settings *s, int want_rc)
{
	struct geo *g = NULL;
	char err[256] = "";
	int rc = geo_open(&g, s, err, sizeof(err));

	if (rc != want_rc)
		printf("# geo_open returned %d: %s\n", rc, err);
	return rc == 0 ? g : NULL;
}

static void test_geoip2_layout(void)
{
	struct settings s;
	struct geo_result r;
	struct geo *g;

	settings_defaults(&s);
	db(s.geo_country_db, sizeof(s.geo_country_db), "country-geoip2.mmdb");
	db(s.geo_asn_db, sizeof(s.geo_asn_db), "asn.mmdb");
	g = open_with(&s, 0);
	ok(g != NULL && geo_has_country_db(g),
	   "GeoIP2 layout: databases open with the default paths");

	geo_lookup(g, "192.0.2.77", &r);
	is_str(r.country, "GB", "IPv4: country from country.iso_code");
	is_str(r.region, "GB-WLS", "IPv4: region from subdivisions.0.iso_code, as ISO 3166-2");
	is_int(r.asn, 64500, "IPv4: ASN from the second database");
	is_int(r.found, 1, "IPv4: found");

	geo_lookup(g, "198.51.100.200", &r);
	is_str(r.country, "FR", "a network with no subdivision: country");
	is_str(r.region, "", "a network with no subdivision: region empty");
	is_int(r.asn, 64501, "a network with no subdivision: ASN");

	geo_lookup(g, "203.0.113.5", &r);
	is_str(r.region, "GB-ENG", "a /25: an address in it");
	is_int(r.asn, 0, "a network without an ASN entry gives 0");
	geo_lookup(g, "203.0.113.200", &r);
	is_int(r.found, 0, "a /25: an address just outside it is unknown");
	is_str(r.country, "", "unknown: country empty");

	geo_lookup(g, "2001:db8:1:ffff::9", &r);
	is_str(r.country, "GB", "IPv6: country");
	is_str(r.region, "GB-WLS", "IPv6: region");
	is_int(r.asn, 64502, "IPv6: ASN");
	geo_lookup(g, "2001:db8:2::1", &r);
	is_str(r.country, "DE", "IPv6: second network");
	is_int(r.asn, 0, "IPv6: no ASN");
	geo_lookup(g, "2001:db8:3::1", &r);
	is_int(r.found, 0, "IPv6: outside every network");
	geo_lookup(g, "::ffff:192.0.2.1", &r);
	is_str(r.country, "GB", "IPv4-mapped IPv6 finds the IPv4 network");

	geo_lookup(g, "10.1.2.3", &r);
	is_int(r.found, 0, "a private address is unknown");
	geo_lookup(g, "not an address", &r);
	is_int(r.found, 0, "malformed text is unknown, not an error");
	geo_lookup(g, "", &r);
	is_int(r.found, 0, "empty text is unknown");
	geo_lookup(g, NULL, &r);
	is_int(r.found, 0, "NULL is unknown");
	geo_close(g);
}

static void test_flat_layout(void)
{
	struct settings s;
	struct geo_result r;
	struct geo *g;

	settings_defaults(&s);
	db(s.geo_country_db, sizeof(s.geo_country_db), "country-flat.mmdb");
	g = open_with(&s, 0);
	geo_lookup(g, "192.0.2.1", &r);
	is_str(r.country, "GB", "flat layout: country_code found by the default alternatives");
	is_str(r.region, "", "flat layout: no region");
	is_int(r.asn, 0, "flat layout, no ASN database: ASN 0");
	geo_lookup(g, "2001:db8:1::1", &r);
	is_int(r.found, 0, "flat IPv4-only database: an IPv6 address is unknown, not an error");
	geo_close(g);

	settings_defaults(&s);
	db(s.geo_country_db, sizeof(s.geo_country_db), "country-flat.mmdb");
	snprintf(s.geo_country_path, sizeof(s.geo_country_path), "country_code");
	s.geo_region_path[0] = '\0';
	g = open_with(&s, 0);
	geo_lookup(g, "198.51.100.1", &r);
	is_str(r.country, "FR",
	       "flat layout configured explicitly (geo_country_path = country_code)");
	geo_close(g);

	/* The GeoIP2 path alone finds nothing in a flat file: paths are exact. */
	settings_defaults(&s);
	db(s.geo_country_db, sizeof(s.geo_country_db), "country-flat.mmdb");
	snprintf(s.geo_country_path, sizeof(s.geo_country_path), "country.iso_code");
	g = open_with(&s, 0);
	geo_lookup(g, "198.51.100.1", &r);
	is_int(r.found, 0, "a path the layout does not have finds nothing");
	geo_close(g);

	/* And a path into the other field proves the configured path is used. */
	settings_defaults(&s);
	db(s.geo_country_db, sizeof(s.geo_country_db), "country-geoip2.mmdb");
	snprintf(s.geo_country_path, sizeof(s.geo_country_path), "country_code, country.iso_code");
	snprintf(s.geo_region_path, sizeof(s.geo_region_path), "subdivisions.1.iso_code");
	g = open_with(&s, 0);
	geo_lookup(g, "192.0.2.1", &r);
	is_str(r.country, "GB", "alternatives: the second path is tried when the first is absent");
	is_str(r.region, "", "an array index past the end finds nothing");
	geo_close(g);
}

static void test_bad_files(void)
{
	struct settings s;
	struct geo_result r;
	struct geo *g;
	char err[256];

	settings_defaults(&s);
	g = open_with(&s, 0);
	ok(g != NULL && !geo_has_country_db(g), "no database configured: a geo that finds nothing");
	geo_lookup(g, "192.0.2.1", &r);
	is_int(r.found, 0, "no database: nothing found");
	geo_close(g);

	settings_defaults(&s);
	db(s.geo_country_db, sizeof(s.geo_country_db), "does-not-exist.mmdb");
	db(s.geo_asn_db, sizeof(s.geo_asn_db), "truncated.mmdb");
	g = open_with(&s, 0);
	ok(g != NULL && !geo_has_country_db(g), "a missing file is treated as no database");
	geo_lookup(g, "192.0.2.1", &r);
	is_int(r.found, 0, "a truncated ASN file is treated as no database");
	geo_close(g);

	settings_defaults(&s);
	db(s.geo_country_db, sizeof(s.geo_country_db), "truncated.mmdb");
	g = open_with(&s, 0);
	ok(g != NULL && !geo_has_country_db(g),
	   "a truncated country file is treated as no database");
	geo_close(g);

	/* Opens (its metadata is intact) but every record is garbage. */
	settings_defaults(&s);
	db(s.geo_country_db, sizeof(s.geo_country_db), "corrupt.mmdb");
	db(s.geo_asn_db, sizeof(s.geo_asn_db), "corrupt.mmdb");
	g = open_with(&s, 0);
	{
		static const char *const ips[] = {
		    "192.0.2.1",     "198.51.100.1", "203.0.113.1", "2001:db8:1::1",
		    "2001:db8:2::1", "10.0.0.1",     "::1"};
		int sane = 1;

		for (size_t i = 0; i < sizeof(ips) / sizeof(ips[0]); i++) {
			geo_lookup(g, ips[i], &r);
			if (r.country[0] != '\0' && strlen(r.country) != 2)
				sane = 0;
			if (strlen(r.region) >= sizeof(r.region))
				sane = 0;
		}
		ok(g != NULL && sane,
		   "a corrupt search tree and data section: lookups return, never crash");
	}
	geo_close(g);

	settings_defaults(&s);
	snprintf(s.geo_country_path, sizeof(s.geo_country_path), "country..iso_code");
	ok(geo_open(&g, &s, err, sizeof(err)) == -1 && strstr(err, "geo_country_path") != NULL,
	   "a malformed lookup path is refused, naming the setting");
	settings_defaults(&s);
	snprintf(s.trusted_proxies, sizeof(s.trusted_proxies), "10.0.0.1, 10.0.0.0/33");
	ok(geo_open(&g, &s, err, sizeof(err)) == -1 && strstr(err, "10.0.0.0/33") != NULL,
	   "a malformed trusted_proxies entry is refused, naming it");
}

static void test_lists(void)
{
	char err[128];

	ok(geo_in_list("10.0.0.0/8", "10.200.3.4"), "IPv4 CIDR: inside");
	ok(!geo_in_list("10.0.0.0/8", "11.0.0.1"), "IPv4 CIDR: outside");
	ok(geo_in_list("192.0.2.1", "192.0.2.1"), "a single IPv4 address matches itself");
	ok(!geo_in_list("192.0.2.1", "192.0.2.2"), "a single IPv4 address is a /32");
	ok(geo_in_list("172.16.0.0/12", "172.31.255.255"), "a /12 up to its last address");
	ok(!geo_in_list("172.16.0.0/12", "172.32.0.0"), "a /12: the next address is outside");
	ok(geo_in_list("127.0.0.1 ::1", "::1"), "IPv6 single address, white-space separated list");
	ok(geo_in_list("2001:db8::/32", "2001:db8:ffff::1"), "IPv6 CIDR: inside");
	ok(!geo_in_list("2001:db8::/32", "2001:db9::1"), "IPv6 CIDR: outside");
	ok(geo_in_list("2001:db8:0:80::/57", "2001:db8:0:ff::1"),
	   "IPv6 prefix not on a byte boundary: inside");
	ok(!geo_in_list("2001:db8:0:80::/57", "2001:db8:0:7f::1"),
	   "IPv6 prefix not on a byte boundary: outside");
	ok(geo_in_list("10.0.0.0/8", "::ffff:10.1.1.1"),
	   "an IPv4-mapped address matches the IPv4 CIDR");
	ok(!geo_in_list("10.0.0.0/8", "::a01:101"),
	   "an IPv4-compatible (not mapped) address does not");
	ok(geo_in_list("0.0.0.0/0", "203.0.113.9"), "/0 matches every IPv4 address");
	ok(!geo_in_list("0.0.0.0/0", "2001:db8::1"), "an IPv4 /0 matches no IPv6 address");
	ok(!geo_in_list("", "127.0.0.1"), "an empty list trusts nobody");
	ok(!geo_in_list("10.0.0.0/8", "10.0.0.1/8"), "a CIDR is not an address");
	is_int(geo_list_check("10.0.0.0/8, 192.0.2.1  2001:db8::/48,::1", err, sizeof(err)), 0,
	       "a valid list checks");
	is_int(geo_list_check("10.0.0.0/8, example.org", err, sizeof(err)), -1,
	       "a host name is refused");
	is_int(geo_list_check("10.0.0.0/", err, sizeof(err)), -1,
	       "an empty prefix length is refused");
	is_int(geo_list_check("2001:db8::/129", err, sizeof(err)), -1,
	       "an IPv6 prefix over 128 is refused");
	is_int(geo_list_check("10.0.0.0/-1", err, sizeof(err)), -1, "a negative prefix is refused");
}

static void client(const struct settings *s, const char *remote, const char *xff, const char *want,
		   const char *what)
{
	char out[INET6_ADDRSTRLEN];

	memset(out, 'x', sizeof(out));
	geo_client_address(s, remote, xff, out, sizeof(out));
	is_str(out, want, "%s", what);
}

static void test_client_address(void)
{
	struct settings s;

	settings_defaults(&s);
	client(&s, "198.51.100.7", "192.0.2.1", "198.51.100.7",
	       "no trusted proxy: X-Forwarded-For is ignored");
	snprintf(s.trusted_proxies, sizeof(s.trusted_proxies), "127.0.0.1, 10.0.0.0/8, fd00::/8");
	client(&s, "198.51.100.7", "192.0.2.1", "198.51.100.7",
	       "a forged header from an untrusted address is ignored");
	client(&s, "127.0.0.1", "192.0.2.1", "192.0.2.1",
	       "from a trusted proxy the header is believed");
	client(&s, "127.0.0.1", NULL, "127.0.0.1",
	       "trusted proxy without the header: the proxy itself");
	client(&s, "127.0.0.1", "", "127.0.0.1", "trusted proxy, empty header: the proxy itself");
	client(&s, "127.0.0.1", "203.0.113.9, 192.0.2.1, 10.1.1.1", "192.0.2.1",
	       "the right-most address not a trusted proxy (spoofed left part ignored)");
	client(&s, "127.0.0.1", "203.0.113.9,192.0.2.1 ,  10.1.1.1 , fd00::5", "192.0.2.1",
	       "several trusted hops, odd spacing");
	client(&s, "127.0.0.1", "10.2.2.2, 10.1.1.1", "10.2.2.2",
	       "every hop trusted: the left-most");
	client(&s, "127.0.0.1", "192.0.2.1, garbage, 10.1.1.1", "10.1.1.1",
	       "a malformed hop stops the walk at the last trusted one");
	client(&s, "127.0.0.1", "garbage", "127.0.0.1", "a malformed header: the proxy itself");
	client(&s, "127.0.0.1", "192.0.2.1,,", "192.0.2.1", "empty elements are skipped");
	client(&s, "127.0.0.1", "2001:DB8::1", "2001:db8::1", "IPv6 client, canonical text");
	client(&s, "127.0.0.1", "[2001:db8::2]:443", "2001:db8::2", "bracketed IPv6 with a port");
	client(&s, "127.0.0.1", "192.0.2.3:5555", "192.0.2.3", "IPv4 with a port");
	client(&s, "::ffff:127.0.0.1", "192.0.2.1", "192.0.2.1",
	       "an IPv4-mapped remote address is matched as IPv4");
	client(&s, "::ffff:198.51.100.1", NULL, "198.51.100.1", "and given back as plain IPv4");
	client(&s, "unix:", "192.0.2.1", "", "an unparseable remote address gives \"\"");
	client(&s, NULL, "192.0.2.1", "", "no remote address gives \"\"");
	{
		char small[8];

		geo_client_address(&s, "2001:db8:1234:5678::1", NULL, small, sizeof(small));
		ok(strlen(small) < sizeof(small), "a short output buffer is never overrun");
	}
}

static void test_network_key(void)
{
	unsigned char k1[32], k2[32];
	char a[65], b[65];

	memset(k1, 1, sizeof(k1));
	memset(k2, 2, sizeof(k2));
	geo_network_key(k1, "192.0.2.1", a);
	geo_network_key(k1, "192.0.2.254", b);
	is_str(a, b, "one /24: one key");
	is_int(strlen(a), 64, "the key is 64 hex digits");
	ok(strstr(a, "192") == NULL, "the key does not hold the address");
	geo_network_key(k1, "192.0.3.1", b);
	ok(strcmp(a, b) != 0, "the next /24: another key");
	geo_network_key(k1, "::ffff:192.0.2.9", b);
	is_str(a, b, "IPv4-mapped: the same key as IPv4");
	geo_network_key(k2, "192.0.2.1", b);
	ok(strcmp(a, b) != 0, "another secret: another key");
	geo_network_key(k1, "2001:db8:1:ffff::1", a);
	geo_network_key(k1, "2001:db8:1:1::2", b);
	is_str(a, b, "one /48: one key");
	geo_network_key(k1, "2001:db8:2::1", b);
	ok(strcmp(a, b) != 0, "the next /48: another key");
	geo_network_key(k1, "nonsense", a);
	geo_network_key(k1, "", b);
	is_str(a, b, "malformed addresses share the 'unknown' key");
}

/* The settings as a configuration file gives them, and the documented example. */
static void test_settings(void)
{
	static const char text[] = "trusted_proxies = 127.0.0.1, 10.0.0.0/8 fd00::/8\n"
				   "geo_country_path = country_code\n"
				   "geo_region_path =\n";
	char path[] = "/tmp/yv-geo-conf-XXXXXX";
	char err[512], out[INET6_ADDRSTRLEN];
	struct settings s;
	struct geo *g = NULL;
	FILE *f;
	int fd = mkstemp(path);

	if (fd < 0 || (f = fdopen(fd, "w")) == NULL || fputs(text, f) < 0 || fclose(f) != 0)
		abort();
	settings_defaults(&s);
	is_int(settings_load(&s, path, err, sizeof(err)), 0, "settings: the geo keys are known");
	unlink(path);
	is_str(s.geo_region_path, "", "settings: an empty path is allowed (field turned off)");
	geo_client_address(&s, "10.9.9.9", "192.0.2.44", out, sizeof(out));
	is_str(out, "192.0.2.44", "settings: trusted_proxies from the file is applied");
	is_int(geo_open(&g, &s, err, sizeof(err)), 0, "settings: they open");
	geo_close(g);

	settings_defaults(&s);
	is_int(settings_load(&s, YV_SRCDIR "/conf/yourvoice.conf.example", err, sizeof(err)), 0,
	       "the documented example configuration loads");
	is_str(s.geo_country_path, "country.iso_code, country_code",
	       "the example's country path is the built-in default");
	is_int(geo_open(&g, &s, err, sizeof(err)), 0, "the example's geo settings are valid");
	geo_close(g);
	is_int(geo_list_check("10.0.0.0/8, 2001:db8:100::/48", err, sizeof(err)), 0,
	       "the example's trusted_proxies line (commented out) is valid");
}

int main(int argc, char **argv)
{
	const char *d = argc > 1 ? argv[1] : getenv("YV_GEO_FIXTURES");

	if (d == NULL || snprintf(dir, sizeof(dir), "%s", d) >= (int)sizeof(dir)) {
		printf("Bail out! give the fixture directory (make-fixtures.pl output)\n");
		return 1;
	}
	log_set_level(LOG_LVL_ERROR);
	if (token_init() != 0) {
		printf("Bail out! token_init\n");
		return 1;
	}
	test_geoip2_layout();
	test_flat_layout();
	test_bad_files();
	test_lists();
	test_client_address();
	test_network_key();
	test_settings();
	return tap_done();
}
