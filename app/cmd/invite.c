/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * invite: the `yourvoice invite` command. Creates one-time invitation codes
 * for a survey (e.g. a citizens' panel) and prints them as CSV for a mail
 * merge; only a keyed hash of each normalised code is stored (under the
 * installation's key, token_code_hash, as the web layer checks it), so the
 * printed list is the only copy of the codes.
 * `--list` says how many codes are used, and which, by a prefix of the
 * stored hash and the creation time: never by whom or when.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/arena.h"
#include "core/settings.h"
#include "core/token.h"
#include "store/instkey.h"
#include "store/invites.h"
#include "store/store.h"
#include "survey/survey.h"

#define INVITE_MAX 100000 /* codes per run */

static void usage(FILE *out)
{
	fprintf(out, "usage: yourvoice invite SURVEY-ID --count N [--force] [--config FILE]\n"
		     "       yourvoice invite SURVEY-ID --list [--config FILE]\n"
		     "Create N one-time invitation codes and print them as CSV (code,survey,link)\n"
		     "for a mail merge: they are stored only as hashes, so keep the output.\n"
		     "--list shows how many codes are used and which (not by whom).\n"
		     "--force allows codes for a survey that is not invitation-only.\n");
}

/* Parse a count 1..INVITE_MAX; -1 if it is not one. */
static long parse_count(const char *s)
{
	char *end;
	long v;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	return (*end != '\0' || v < 1 || v > INVITE_MAX) ? -1 : v;
}

/*
 * Store n fresh codes in one transaction (all or none), into codes
 * (n * (TOKEN_RECEIPT_LEN + 1) bytes). 0, or -1 after saying why.
 */
static int create_codes(struct store *st, const unsigned char key[TOKEN_KEY_BYTES],
			const char *survey_id, long n, char *codes)
{
	enum store_err e = invites_create(st, key, survey_id, n, codes);

	if (e != STORE_OK) {
		fprintf(stderr, "yourvoice invite: %s: no codes were created\n",
			e == STORE_UNAVAILABLE ? "the database is unavailable"
					       : "the database refused the codes");
		return -1;
	}
	return 0;
}

/*
 * The installation's key, which the codes are hashed under: this host's
 * secret_file (made if missing, as `serve` would), refused when another
 * key is the installation's (store/instkey.h). 0, or -1 after saying why.
 */
static int invite_key(const struct settings *cfg, struct store *st,
		      unsigned char key[TOKEN_KEY_BYTES])
{
	const char *theirs, *since;
	char err[512];
	struct arena a;
	int rc = -1;

	if (token_key_load(cfg->secret_file, key, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice invite: %s\n", err);
		return -1;
	}
	arena_init(&a, 0);
	switch (instkey_check(st, key, 1, &a, &theirs, &since)) {
	case INSTKEY_SAME:
	case INSTKEY_NONE:
		rc = 0;
		break;
	case INSTKEY_OTHER:
		fprintf(stderr,
			"yourvoice invite: the secret key in %s is not the installation's (key id "
			"%.8s):"
			" the codes would not work; copy secret_file from a running host\n",
			cfg->secret_file, theirs);
		break;
	case INSTKEY_ERROR:
		fprintf(stderr,
			"yourvoice invite: the database is unavailable: no codes were created\n");
		break;
	}
	arena_release(&a);
	return rc;
}

/* Print the CSV: a header, then one code per line. */
static void print_csv(const struct settings *cfg, const char *survey_id, long n, const char *codes)
{
	size_t ulen = strlen(cfg->public_url);

	while (ulen > 0 && cfg->public_url[ulen - 1] == '/')
		ulen--;
	printf("code,survey,link\n");
	for (long i = 0; i < n; i++)
		printf("%s,%s,%.*s/s/%s\n", codes + i * (TOKEN_RECEIPT_LEN + 1), survey_id,
		       (int)ulen, cfg->public_url, survey_id);
}

static int list_codes(struct store *st, const char *survey_id)
{
	struct invites_row *r;
	struct arena ar;
	enum store_err e;
	size_t n, used = 0;

	arena_init(&ar, 0);
	e = invites_list(st, &ar, survey_id, &r, &n);
	if (e != STORE_OK) {
		fprintf(stderr, "yourvoice invite: cannot read the codes: %s\n",
			e == STORE_UNAVAILABLE ? "the database is unavailable" : "database error");
		arena_release(&ar);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		used += r[i].used;
	printf("%s: %zu codes, %zu used, %zu unused\n", survey_id, n, used, n - used);
	if (n > 0)
		printf("hash_prefix,created_at_utc,used\n");
	for (size_t i = 0; i < n; i++)
		printf("%s,%s,%s\n", r[i].hash_prefix, r[i].created_at, r[i].used ? "yes" : "no");
	arena_release(&ar);
	return 0;
}

int cmd_invite(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'}, {"count", required_argument, NULL, 'n'},
	    {"list", no_argument, NULL, 'l'},	      {"force", no_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},	      {NULL, 0, NULL, 0},
	};
	const char *config = NULL, *id;
	long count = 0;
	int list = 0, force = 0, c, rc = 1;
	struct settings cfg;
	struct survey_set *set = NULL;
	const struct survey *s;
	struct store st;
	char err[1024];
	char *codes;
	unsigned char key[TOKEN_KEY_BYTES];

	while ((c = getopt_long(argc, argv, "c:n:lfh", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'n':
			count = parse_count(optarg);
			if (count < 0) {
				fprintf(stderr,
					"yourvoice invite: --count takes a number from 1 to %d\n",
					INVITE_MAX);
				return 2;
			}
			break;
		case 'l':
			list = 1;
			break;
		case 'f':
			force = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind + 1 != argc || (list == 0) == (count == 0)) {
		usage(stderr);
		return 2;
	}
	id = argv[optind];
	if (settings_load_for_cli(&cfg, config, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice invite: %s\n", err);
		return 1;
	}
	if (cli_surveys_load(&cfg, "invite", NULL, &set) != 0)
		return 1;
	s = survey_set_find(set, id);
	if (s == NULL) {
		fprintf(stderr, "yourvoice invite: no survey '%s' in %s\n", id, cfg.surveys_dir);
		goto out;
	}
	if (!list && s->access != SURVEY_INVITATION && !force) {
		fprintf(stderr,
			"yourvoice invite: survey '%s' is not invitation-only (<access "
			"mode=\"invitation\"/>);"
			" --force creates codes anyway\n",
			id);
		goto out;
	}
	if (token_init() != 0) {
		fprintf(stderr, "yourvoice invite: cannot initialise the random generator\n");
		goto out;
	}
	store_init(&st, &cfg);
	if (!list && invite_key(&cfg, &st, key) != 0) {
		store_release(&st);
		goto out;
	}
	if (list) {
		rc = list_codes(&st, id) == 0 ? 0 : 1;
	} else {
		codes = calloc((size_t)count, TOKEN_RECEIPT_LEN + 1);
		if (codes == NULL) {
			fprintf(stderr, "yourvoice invite: out of memory\n");
		} else if (create_codes(&st, key, id, count, codes) == 0) {
			print_csv(&cfg, id, count, codes);
			rc = fflush(stdout) == 0 ? 0 : 1;
		}
		free(codes);
	}
	store_release(&st);
out:
	survey_set_free(set);
	return rc;
}
