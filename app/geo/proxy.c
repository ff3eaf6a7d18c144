/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * proxy: client addresses. Parses IPv4 and IPv6 text (IPv4-mapped IPv6 is
 * taken as the IPv4 address it carries), matches addresses against lists
 * of CIDRs, applies the trusted-proxy rule to X-Forwarded-For, and derives
 * the keyed network hash of a /24 or /48. No address is logged here.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/token.h"
#include "geo/geo.h"

/* One address: family 4 or 6, bytes in network order (4 or 16 used). */
struct addr {
	int family;
	unsigned char b[16];
};

#define ITEM_MAX 64 /* longest list entry or X-Forwarded-For element we read */

/* Parse an address ("[...]" and an IPv4 ":port" tolerated). 0 or -1. */
static int addr_parse(const char *s, size_t len, struct addr *out)
{
	char tmp[ITEM_MAX];
	const char *colon;

	if (len >= sizeof(tmp))
		return -1;
	if (len >= 2 && s[0] == '[') {
		const char *close = memchr(s, ']', len);

		if (close == NULL)
			return -1;
		len = (size_t)(close - s - 1);
		s++;
	}
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	colon = strchr(tmp, ':');
	if (colon != NULL && strchr(colon + 1, ':') == NULL && strchr(tmp, '.') != NULL)
		tmp[colon - tmp] = '\0'; /* 192.0.2.1:443 */
	if (inet_pton(AF_INET, tmp, out->b) == 1) {
		out->family = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, tmp, out->b) == 1) {
		static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

		if (memcmp(out->b, mapped, sizeof(mapped)) == 0) {
			memmove(out->b, out->b + 12, 4);
			out->family = 4;
		} else {
			out->family = 6;
		}
		return 0;
	}
	return -1;
}

static void addr_text(const struct addr *a, char *out, size_t outlen)
{
	if (inet_ntop(a->family == 4 ? AF_INET : AF_INET6, a->b, out, (socklen_t)outlen) == NULL &&
	    outlen > 0)
		out[0] = '\0';
}

/* Keep the first `bits` bits of a, zero the rest. */
static void addr_mask(struct addr *a, int bits)
{
	int n = a->family == 4 ? 4 : 16;

	for (int i = 0; i < n; i++) {
		int keep = bits - i * 8;

		if (keep >= 8)
			continue;
		a->b[i] &= keep <= 0 ? 0 : (unsigned char)(0xff << (8 - keep));
	}
}

/* Parse "addr" or "addr/bits" into a masked network. 0 or -1. */
static int cidr_parse(const char *s, size_t len, struct addr *net, int *bits)
{
	const char *slash = memchr(s, '/', len);
	size_t alen = slash ? (size_t)(slash - s) : len;

	if (addr_parse(s, alen, net) != 0 || (alen > 0 && s[0] == '['))
		return -1;
	*bits = net->family == 4 ? 32 : 128;
	if (slash != NULL) {
		char num[8];
		size_t nlen = len - alen - 1;
		char *end;
		long v;

		if (nlen == 0 || nlen >= sizeof(num))
			return -1;
		memcpy(num, slash + 1, nlen);
		num[nlen] = '\0';
		for (size_t i = 0; i < nlen; i++)
			if (!isdigit((unsigned char)num[i]))
				return -1;
		v = strtol(num, &end, 10);
		if (v < 0 || v > *bits)
			return -1;
		*bits = (int)v;
	}
	addr_mask(net, *bits);
	return 0;
}

static int in_net(const struct addr *a, const struct addr *net, int bits)
{
	struct addr m = *a;

	if (a->family != net->family)
		return 0;
	addr_mask(&m, bits);
	return memcmp(m.b, net->b, a->family == 4 ? 4 : 16) == 0;
}

static int is_sep(char c)
{
	return c == ',' || c == ' ' || c == '\t';
}

/*
 * Walk the entries of a list: returns 1 if a is in one, 0 if in none; -1
 * at the first malformed entry (its text in bad when not NULL).
 */
static int list_match(const char *list, const struct addr *a, char *bad, size_t badlen)
{
	const char *p = list ? list : "";

	for (;;) {
		const char *start;
		struct addr net;
		int bits;

		while (*p != '\0' && is_sep(*p))
			p++;
		if (*p == '\0')
			return 0;
		start = p;
		while (*p != '\0' && !is_sep(*p))
			p++;
		if (cidr_parse(start, (size_t)(p - start), &net, &bits) != 0) {
			if (bad != NULL)
				snprintf(bad, badlen, "%.*s",
					 (int)(p - start > 60 ? 60 : p - start), start);
			return -1;
		}
		if (a != NULL && in_net(a, &net, bits))
			return 1;
	}
}

int geo_list_check(const char *list, char *err, size_t errlen)
{
	char bad[64];

	if (list_match(list, NULL, bad, sizeof(bad)) < 0) {
		snprintf(err, errlen, "trusted_proxies: '%s' is not an address or address/prefix",
			 bad);
		return -1;
	}
	return 0;
}

int geo_in_list(const char *list, const char *ip)
{
	struct addr a;

	if (ip == NULL || addr_parse(ip, strlen(ip), &a) != 0)
		return 0;
	return list_match(list, &a, NULL, 0) == 1;
}

static int trusted(const struct settings *cfg, const struct addr *a)
{
	return cfg->trusted_proxies[0] != '\0' && list_match(cfg->trusted_proxies, a, NULL, 0) == 1;
}

void geo_client_address(const struct settings *cfg, const char *remote_addr,
			const char *x_forwarded_for, char *out, size_t outlen)
{
	struct addr client;
	const char *end;

	if (outlen == 0)
		return;
	out[0] = '\0';
	if (remote_addr == NULL || addr_parse(remote_addr, strlen(remote_addr), &client) != 0)
		return;
	if (x_forwarded_for != NULL && trusted(cfg, &client)) {
		/* Right to left: each element was added by the hop after it. */
		end = x_forwarded_for + strlen(x_forwarded_for);
		while (end > x_forwarded_for) {
			const char *start = end, *s, *e;
			struct addr hop;

			while (start > x_forwarded_for && start[-1] != ',')
				start--;
			s = start;
			e = end;
			while (s < e && isspace((unsigned char)*s))
				s++;
			while (e > s && isspace((unsigned char)e[-1]))
				e--;
			end = start > x_forwarded_for ? start - 1 : start;
			if (s == e)
				continue; /* "a, , b": an empty element says nothing */
			if (addr_parse(s, (size_t)(e - s), &hop) != 0)
				break; /* garbage: believe no further */
			client = hop;
			if (!trusted(cfg, &hop))
				break;
		}
	}
	addr_text(&client, out, outlen);
}

void geo_network_key(const unsigned char key[32], const char *ip, char out[65])
{
	struct addr a;
	char text[64], msg[80];

	if (ip == NULL || addr_parse(ip, strlen(ip), &a) != 0) {
		token_sign(key, "unknown", out);
		return;
	}
	addr_mask(&a, a.family == 4 ? 24 : 48);
	addr_text(&a, text, sizeof(text));
	snprintf(msg, sizeof(msg), "net:%s/%d", text, a.family == 4 ? 24 : 48);
	token_sign(key, msg, out);
}
