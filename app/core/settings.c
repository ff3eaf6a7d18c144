/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* settings: parse the key = value configuration file (see settings.h). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "core/settings.h"

enum kind { K_STR, K_INT, K_SIZE, K_LOGLEVEL, K_PENCE };

struct key {
	const char *name;
	enum kind kind;
	size_t off;
	size_t len; /* for strings: capacity */
	long long min, max;
};

#define STR(f) #f, K_STR, offsetof(struct settings, f), sizeof(((struct settings *)0)->f), 0, 0
#define INT(f, lo, hi) #f, K_INT, offsetof(struct settings, f), 0, lo, hi
#define SIZE(f, lo, hi) #f, K_SIZE, offsetof(struct settings, f), 0, lo, hi
#define PENCE(f) #f, K_PENCE, offsetof(struct settings, f), 0, 0, 1000000

static const struct key keys[] = {
    {STR(listen)},
    {STR(socket_group)},
    {STR(run_as)},
    {INT(workers, 0, 256)},
    {STR(db_host)},
    {INT(db_port, 0, 65535)},
    {STR(db_socket)},
    {STR(db_user)},
    {STR(db_password)},
    {STR(db_name)},
    {STR(db_replica_host)},
    {INT(db_replica_port, 0, 65535)},
    {STR(db_replica_socket)},
    {STR(db_replica_user)},
    {STR(db_replica_password)},
    {INT(replica_max_lag, 0, 86400)},
    {INT(replica_wait_ms, 0, 10000)},
    {STR(instance_name)},
    {STR(surveys_dir)},
    {STR(locale_dir)},
    {STR(migrations_dir)},
    {STR(geo_country_db)},
    {STR(geo_asn_db)},
    {STR(geo_country_path)},
    {STR(geo_region_path)},
    {STR(geo_asn_path)},
    {STR(trusted_proxies)},
    {STR(secret_file)},
    {STR(sendmail)},
    {STR(mail_from)},
    {STR(public_url)},
    {INT(partial_days, 1, 365)},
    {INT(rate_limit_per_minute, 1, 1000000)},
    {INT(submit_per_hour, 1, 1000000)},
    {INT(resume_per_hour, 1, 1000000)},
    {INT(resume_per_hour_all, 1, 100000000)},
    {INT(resume_mail_per_hour, 1, 1000)},
    {INT(submit_per_hour_asn, 1, 100000000)},
    {INT(min_fill_seconds, 0, 3600)},
    {INT(results_time_budget, 0, 25)},
    {INT(themes_interval, 0, 86400)},
    {INT(notify_batch, 1, 10000)},
    {INT(notify_per_minute, 0, 100000)},
    {PENCE(cost_face_to_face)},
    {PENCE(cost_phone)},
    {PENCE(cost_online)},
    {PENCE(cost_paper)},
    {PENCE(cost_email)},
    {SIZE(max_body, 1024, 64 * 1024 * 1024)},
    {SIZE(max_fields, 1, 100000)},
    {SIZE(max_field, 16, 16 * 1024 * 1024)},
    {SIZE(max_url, 64, 65536)},
    {"log_level", K_LOGLEVEL, offsetof(struct settings, log_level), 0, 0, 0},
};

static void copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src);
}

void settings_defaults(struct settings *s)
{
	memset(s, 0, sizeof(*s));
	copy(s->listen, sizeof(s->listen), "unix:" YV_LOCALSTATEDIR "/run/yourvoice/app.sock");
	copy(s->db_name, sizeof(s->db_name), "yourvoice");
	copy(s->db_user, sizeof(s->db_user), "yourvoice");
	copy(s->surveys_dir, sizeof(s->surveys_dir), YV_PKGDATADIR "/surveys");
	copy(s->locale_dir, sizeof(s->locale_dir), YV_LOCALEDIR);
	copy(s->migrations_dir, sizeof(s->migrations_dir), YV_PKGDATADIR "/migrations");
	copy(s->geo_country_path, sizeof(s->geo_country_path), "country.iso_code, country_code");
	copy(s->geo_region_path, sizeof(s->geo_region_path), "subdivisions.0.iso_code");
	copy(s->geo_asn_path, sizeof(s->geo_asn_path), "autonomous_system_number");
	copy(s->secret_file, sizeof(s->secret_file), YV_LOCALSTATEDIR "/lib/yourvoice/secret.key");
	copy(s->mail_from, sizeof(s->mail_from), "Your Voice <noreply@localhost>");
	copy(s->public_url, sizeof(s->public_url), "http://127.0.0.1:8080");
	s->partial_days = 30;
	s->replica_max_lag = 5;
	s->replica_wait_ms = 100;
	s->rate_limit_per_minute = 600;
	s->submit_per_hour = 200;
	s->resume_per_hour = 30;
	s->resume_per_hour_all = 2000;
	s->resume_mail_per_hour = 3;
	s->submit_per_hour_asn = 5000;
	s->min_fill_seconds = 5;
	s->results_time_budget = 10;
	s->themes_interval = 30;
	/* the council's own figures per contact (issue #21) */
	s->notify_batch = 100;
	s->notify_per_minute = 120;
	s->cost_face_to_face = 862;
	s->cost_phone = 283;
	s->cost_online = 15;
	s->cost_paper = -1;
	s->cost_email = -1;
	s->max_body = 256 * 1024;
	s->max_fields = 1000;
	s->max_field = 20000;
	s->max_url = 4096;
	s->log_level = LOG_LVL_INFO;
}

static char *trim(char *p)
{
	char *e;

	while (isspace((unsigned char)*p))
		p++;
	e = p + strlen(p);
	while (e > p && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return p;
}

/* Pounds as written in the file ("8.62", "12", "0.5") into pence; -1 when
 * it is not such an amount. */
static long long parse_pence(const char *v)
{
	long long pounds = 0, pence = 0;
	int digits = 0, decimals = 0;

	for (; *v >= '0' && *v <= '9'; v++, digits++) {
		if (pounds > 100000000)
			return -1;
		pounds = pounds * 10 + (*v - '0');
	}
	if (*v == '.') {
		for (v++; *v >= '0' && *v <= '9'; v++, decimals++) {
			if (decimals == 2)
				return -1;
			pence = pence * 10 + (*v - '0');
		}
		if (decimals == 0)
			return -1;
		if (decimals == 1)
			pence *= 10;
	}
	if (*v != '\0' || digits == 0)
		return -1;
	return pounds * 100 + pence;
}

static int set_key(struct settings *s, const char *name, const char *val, char *why, size_t whylen)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const struct key *k = &keys[i];
		char *field = (char *)s + k->off;
		long long v;
		char *end;

		if (strcmp(k->name, name) != 0)
			continue;
		switch (k->kind) {
		case K_STR:
			if (strlen(val) >= k->len) {
				snprintf(why, whylen, "value of %s is longer than %zu bytes", name,
					 k->len - 1);
				return -1;
			}
			copy(field, k->len, val);
			return 0;
		case K_INT:
		case K_SIZE:
			errno = 0;
			v = strtoll(val, &end, 10);
			if (errno != 0 || end == val || *end != '\0' || v < k->min || v > k->max) {
				snprintf(why, whylen, "%s must be a whole number from %lld to %lld",
					 name, k->min, k->max);
				return -1;
			}
			if (k->kind == K_INT)
				*(int *)(void *)field = (int)v;
			else
				*(size_t *)(void *)field = (size_t)v;
			return 0;
		case K_PENCE:
			v = parse_pence(val);
			if (v < k->min || v > k->max) {
				snprintf(
				    why, whylen,
				    "%s must be an amount in pounds such as 2.83 (at most %lld)",
				    name, k->max / 100);
				return -1;
			}
			*(int *)(void *)field = (int)v;
			return 0;
		case K_LOGLEVEL:
			v = log_level_parse(val);
			if (v < 0) {
				snprintf(why, whylen,
					 "log_level must be debug, info, warn or error");
				return -1;
			}
			s->log_level = (int)v;
			return 0;
		}
	}
	snprintf(why, whylen, "unknown setting '%s'", name);
	return -1;
}

int settings_load(struct settings *s, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	char why[256];
	int lineno = 0;
	int rc = 0;

	if (f == NULL) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *p, *eq, *hash;

		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			snprintf(err, errlen, "%s:%d: line too long", path, lineno);
			rc = -1;
			break;
		}
		hash = strchr(line, '#');
		if (hash != NULL)
			*hash = '\0';
		p = trim(line);
		if (*p == '\0')
			continue;
		eq = strchr(p, '=');
		if (eq == NULL) {
			snprintf(err, errlen, "%s:%d: expected 'key = value'", path, lineno);
			rc = -1;
			break;
		}
		*eq = '\0';
		if (set_key(s, trim(p), trim(eq + 1), why, sizeof(why)) != 0) {
			snprintf(err, errlen, "%s:%d: %s", path, lineno, why);
			rc = -1;
			break;
		}
	}
	fclose(f);
	return rc;
}

int settings_worker_count(const struct settings *s)
{
	long n;

	if (s->workers > 0)
		return s->workers;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : (int)(n > 64 ? 64 : n);
}

int settings_load_for_cli(struct settings *s, const char *path, char *err, size_t errlen)
{
	const char *env = getenv("YOURVOICE_CONF");
	const char *def = YV_SYSCONFDIR "/yourvoice/yourvoice.conf";
	int rc;

	settings_defaults(s);
	if (path == NULL && env != NULL && env[0] != '\0')
		path = env;
	if (path == NULL) {
		if (access(def, F_OK) != 0)
			return 0;
		path = def;
	}
	rc = settings_load(s, path, err, errlen);
	if (rc == 0)
		log_set_level((enum log_level)s->log_level);
	return rc;
}
