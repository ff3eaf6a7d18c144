/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * geo: the MaxMind-format databases and their lookups (see geo.h). A
 * lookup path is dotted ("subdivisions.0.iso_code": a number indexes an
 * array); a setting may list alternatives separated by commas, tried in
 * order, so the default country path reads both the GeoIP2 layout and
 * the flat one. Values are checked for shape before they are copied: a
 * database is data from outside and never trusted to fit.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <maxminddb.h>

#include "core/log.h"
#include "geo/geo.h"

#define PATH_ALTS 4   /* alternatives per setting */
#define PATH_PARTS 8  /* components per path */
#define PATH_TEXT 256 /* as settings.h sizes the path settings */

/* One setting's paths, parsed once: NULL-terminated component arrays. */
struct path_set {
	char text[PATH_TEXT];
	const char *alt[PATH_ALTS][PATH_PARTS + 1];
	size_t nalt;
};

struct geo {
	MMDB_s country_db, asn_db;
	int have_country, have_asn;
	struct path_set country, region, asn;
};

/*
 * Split "a.b.c, x.y" into alternatives of components, in place in ps->text.
 * An empty setting has no alternatives (that field is never looked up).
 * 0, or -1 with the reason in err.
 */
static int path_parse(struct path_set *ps, const char *name, const char *setting, char *err,
		      size_t errlen)
{
	char *p;

	memset(ps, 0, sizeof(*ps));
	if (strlen(setting) >= sizeof(ps->text)) {
		snprintf(err, errlen, "%s: too long", name);
		return -1;
	}
	memcpy(ps->text, setting, strlen(setting) + 1);
	p = ps->text;
	for (;;) {
		size_t nparts = 0;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			return 0;
		if (ps->nalt == PATH_ALTS) {
			snprintf(err, errlen, "%s: at most %d alternatives", name, PATH_ALTS);
			return -1;
		}
		for (;;) {
			char *start = p;

			while (isalnum((unsigned char)*p) || *p == '_' || *p == '-')
				p++;
			if (p == start || nparts == PATH_PARTS) {
				snprintf(
				    err, errlen,
				    "%s: expected paths like country.iso_code, separated by commas",
				    name);
				return -1;
			}
			ps->alt[ps->nalt][nparts++] = start;
			if (*p == '.') {
				*p++ = '\0';
				continue;
			}
			break;
		}
		ps->alt[ps->nalt][nparts] = NULL;
		ps->nalt++;
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (*p == ',') {
			*p++ = '\0';
			continue;
		}
		if (*p != '\0') {
			snprintf(err, errlen,
				 "%s: expected paths like country.iso_code, separated by commas",
				 name);
			return -1;
		}
		return 0;
	}
}

/* Open one database; a failure is logged and leaves it absent. */
static int open_db(const char *path, const char *what, MMDB_s *db)
{
	int rc;

	if (path[0] == '\0')
		return 0;
	rc = MMDB_open(path, MMDB_MODE_MMAP, db);
	if (rc != MMDB_SUCCESS) {
		log_warn("geo: %s database %s not used: %s", what, path, MMDB_strerror(rc));
		return 0;
	}
	log_info("geo: %s database %s (%s, built %llu)", what, path,
		 db->metadata.database_type ? db->metadata.database_type : "?",
		 (unsigned long long)db->metadata.build_epoch);
	return 1;
}

int geo_open(struct geo **out, const struct settings *cfg, char *err, size_t errlen)
{
	struct geo *g = calloc(1, sizeof(*g));

	*out = NULL;
	if (g == NULL)
		log_fatal("out of memory");
	if (path_parse(&g->country, "geo_country_path", cfg->geo_country_path, err, errlen) != 0 ||
	    path_parse(&g->region, "geo_region_path", cfg->geo_region_path, err, errlen) != 0 ||
	    path_parse(&g->asn, "geo_asn_path", cfg->geo_asn_path, err, errlen) != 0 ||
	    geo_list_check(cfg->trusted_proxies, err, errlen) != 0) {
		free(g);
		return -1;
	}
	g->have_country = open_db(cfg->geo_country_db, "country", &g->country_db);
	g->have_asn = open_db(cfg->geo_asn_db, "ASN", &g->asn_db);
	*out = g;
	return 0;
}

void geo_close(struct geo *g)
{
	if (g == NULL)
		return;
	if (g->have_country)
		MMDB_close(&g->country_db);
	if (g->have_asn)
		MMDB_close(&g->asn_db);
	free(g);
}

int geo_has_country_db(const struct geo *g)
{
	return g != NULL && g->have_country;
}

/* The first alternative of ps that has a value in the entry; 0 found, -1 not. */
static int get_value(MMDB_entry_s *entry, const struct path_set *ps, MMDB_entry_data_s *v)
{
	for (size_t i = 0; i < ps->nalt; i++) {
		MMDB_entry_s e = *entry;

		if (MMDB_aget_value(&e, v, ps->alt[i]) == MMDB_SUCCESS && v->has_data)
			return 0;
	}
	return -1;
}

/* Copy a string value made only of [A-Za-z0-9-], upper-cased, if it fits. */
static int get_code(MMDB_entry_s *entry, const struct path_set *ps, char *out, size_t cap)
{
	MMDB_entry_data_s v;

	if (get_value(entry, ps, &v) != 0 || v.type != MMDB_DATA_TYPE_UTF8_STRING ||
	    v.data_size == 0 || v.data_size >= cap)
		return -1;
	for (uint32_t i = 0; i < v.data_size; i++) {
		unsigned char c = (unsigned char)v.utf8_string[i];

		if (!isalnum(c) && c != '-')
			return -1;
		out[i] = (char)toupper(c);
	}
	out[v.data_size] = '\0';
	return 0;
}

static unsigned long get_number(MMDB_entry_s *entry, const struct path_set *ps)
{
	MMDB_entry_data_s v;
	char num[24];
	uint32_t i = 0;

	if (get_value(entry, ps, &v) != 0)
		return 0;
	switch (v.type) {
	case MMDB_DATA_TYPE_UINT16:
		return v.uint16;
	case MMDB_DATA_TYPE_UINT32:
		return v.uint32;
	case MMDB_DATA_TYPE_INT32:
		return v.int32 > 0 ? (unsigned long)v.int32 : 0;
	case MMDB_DATA_TYPE_UINT64:
		return v.uint64 <= 0xffffffffu ? (unsigned long)v.uint64 : 0;
	case MMDB_DATA_TYPE_UTF8_STRING: /* "AS64500" or "64500" */
		if (v.data_size >= 2 && (v.utf8_string[0] == 'A' || v.utf8_string[0] == 'a') &&
		    (v.utf8_string[1] == 'S' || v.utf8_string[1] == 's'))
			i = 2;
		if (v.data_size - i == 0 || v.data_size - i > 10)
			return 0;
		for (uint32_t k = i; k < v.data_size; k++) {
			if (!isdigit((unsigned char)v.utf8_string[k]))
				return 0;
			num[k - i] = v.utf8_string[k];
		}
		num[v.data_size - i] = '\0';
		return strtoul(num, NULL, 10) <= 0xffffffffu ? strtoul(num, NULL, 10) : 0;
	default:
		return 0;
	}
}

static int lookup(const MMDB_s *db, const char *ip, MMDB_entry_s *entry)
{
	int gai = 0, mmdb = 0;
	MMDB_lookup_result_s r = MMDB_lookup_string(db, ip, &gai, &mmdb);

	if (gai != 0 || mmdb != MMDB_SUCCESS || !r.found_entry)
		return -1;
	*entry = r.entry;
	return 0;
}

void geo_lookup(const struct geo *g, const char *ip, struct geo_result *out)
{
	MMDB_entry_s entry;

	memset(out, 0, sizeof(*out));
	if (g == NULL || ip == NULL || ip[0] == '\0' || strlen(ip) > 63)
		return;
	if (g->have_country && lookup(&g->country_db, ip, &entry) == 0) {
		char sub[sizeof(out->region)];

		if (get_code(&entry, &g->country, out->country, sizeof(out->country)) != 0 ||
		    !isalpha((unsigned char)out->country[0]) ||
		    !isalpha((unsigned char)out->country[1]))
			out->country[0] = '\0';
		if (get_code(&entry, &g->region, sub, sizeof(sub)) == 0) {
			/* GeoIP2 gives "WLS" for GB-WLS: make it ISO 3166-2. */
			if (strchr(sub, '-') == NULL && out->country[0] != '\0' &&
			    strlen(sub) + 3 < sizeof(out->region))
				snprintf(out->region, sizeof(out->region), "%s-%s", out->country,
					 sub);
			else if (strchr(sub, '-') != NULL)
				memcpy(out->region, sub, strlen(sub) + 1);
		}
	}
	if (g->have_asn && lookup(&g->asn_db, ip, &entry) == 0)
		out->asn = get_number(&entry, &g->asn);
	out->found = out->country[0] != '\0' || out->region[0] != '\0' || out->asn != 0;
}
