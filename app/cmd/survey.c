/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * survey: the `yourvoice survey` command, the stored versions of the
 * surveys (store/surveyxml.h). `survey history ID` lists every version
 * (number, state, when, origin, who, size, SHA-256 and why), newest first;
 * `survey export ID [--version N] [--output FILE]` writes a version's XML
 * exactly as it was stored (byte for byte) to standard output or a file:
 * by default the version served (or last served, when withdrawn).
 * Exit status: 0 done, 1 no such survey or version or the database
 * failed, 2 usage error.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/arena.h"
#include "core/settings.h"
#include "store/store.h"
#include "store/surveyxml.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: yourvoice survey history SURVEY-ID [--config FILE]\n"
		"       yourvoice survey export SURVEY-ID [--version N] [--output FILE] [--config "
		"FILE]\n"
		"history  list every stored version of the survey, newest first\n"
		"export   write a stored version's XML byte for byte (default: the one served)\n"
		"Exit status: 0 done, 1 no such survey or version or a database error, 2 usage.\n");
}

static const char *err_text(enum store_err e)
{
	return e == STORE_NOT_FOUND	? "no such survey or version"
	       : e == STORE_UNAVAILABLE ? "the database is unavailable"
					: "the database refused the request";
}

static int history(struct store *st, struct arena *a, const char *id)
{
	struct surveyxml_version *v;
	size_t n;
	enum store_err e = surveyxml_history(st, a, id, &v, &n);

	if (e == STORE_OK && n == 0)
		e = STORE_NOT_FOUND;
	if (e != STORE_OK) {
		fprintf(stderr, "yourvoice survey history: %s: %s\n", id, err_text(e));
		return 1;
	}
	printf("version\tstate\tcreated\tpublished\torigin\tauthor\tbytes\tsha256\treason\n");
	for (size_t i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\t%s\t%zu\t%s\t%s\n", v[i].version, v[i].state,
		       v[i].created_at, v[i].published_at[0] ? v[i].published_at : "-", v[i].origin,
		       v[i].author, v[i].size, v[i].sha256, v[i].reason);
	return 0;
}

static int export(struct store *st, struct arena *a, const char *id, long long version,
		  const char *output)
{
	struct surveyxml_version v;
	enum store_err e = surveyxml_get(st, a, id, version, &v);
	FILE *f;

	if (e != STORE_OK) {
		fprintf(stderr, "yourvoice survey export: %s: %s\n", id, err_text(e));
		return 1;
	}
	f = output != NULL ? fopen(output, "wb") : stdout;
	if (f == NULL) {
		fprintf(stderr, "yourvoice survey export: %s: %s\n", output, strerror(errno));
		return 1;
	}
	if (fwrite(v.xml, 1, v.size, f) != v.size || (f != stdout ? fclose(f) : fflush(f)) != 0) {
		fprintf(stderr, "yourvoice survey export: cannot write %s\n",
			output ? output : "standard output");
		return 1;
	}
	if (output != NULL)
		fprintf(stderr, "wrote %s version %lld (%zu bytes) to %s\n", id, v.version, v.size,
			output);
	return 0;
}

int cmd_survey(int argc, char **argv)
{
	static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
					     {"version", required_argument, NULL, 'v'},
					     {"output", required_argument, NULL, 'o'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	const char *config = NULL, *output = NULL, *verb, *id;
	long long version = 0;
	char err[1024] = "", *end;
	struct settings cfg;
	struct store st;
	struct arena a;
	int c, rc;

	while ((c = getopt_long(argc, argv, "c:v:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'v':
			errno = 0;
			version = strtoll(optarg, &end, 10);
			if (*optarg < '1' || *optarg > '9' || *end != '\0' || errno != 0 ||
			    version > 1000000000) {
				fprintf(stderr,
					"yourvoice survey: --version takes a number from 1\n");
				return 2;
			}
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind != 2 ||
	    (strcmp(argv[optind], "history") != 0 && strcmp(argv[optind], "export") != 0) ||
	    strlen(argv[optind + 1]) > 63) {
		usage(stderr);
		return 2;
	}
	verb = argv[optind];
	id = argv[optind + 1];
	if (strcmp(verb, "history") == 0 && (version != 0 || output != NULL)) {
		usage(stderr);
		return 2;
	}
	if (settings_load_for_cli(&cfg, config, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice survey: %s\n", err);
		return 1;
	}
	store_init(&st, &cfg);
	arena_init(&a, 0);
	rc = strcmp(verb, "history") == 0 ? history(&st, &a, id)
					  : export(&st, &a, id, version, output);
	arena_release(&a);
	store_release(&st);
	return rc;
}
