/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * survey: the `yourvoice survey` command, the stored versions of the
 * surveys (store/surveyxml.h). `survey history ID` lists every version
 * (number, state, when, origin, who, size, SHA-256 and why), newest first;
 * `survey export ID [--version N] [--output FILE]` writes a version's XML
 * exactly as it was stored (byte for byte) to standard output or a file:
 * by default the version served (or last served, when withdrawn);
 * `survey withdraw ID [--reason TEXT]` stops serving a survey on every
 * instance (a new version, withdrawn, with the served bytes; audited): it
 * is served again when a version is published (its file changed, say).
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
	fprintf(
	    out,
	    "usage: yourvoice survey history SURVEY-ID [--config FILE]\n"
	    "       yourvoice survey export SURVEY-ID [--version N] [--output FILE] [--config "
	    "FILE]\n"
	    "       yourvoice survey withdraw SURVEY-ID [--reason TEXT] [--config FILE]\n"
	    "history  list every stored version of the survey, newest first\n"
	    "export   write a stored version's XML byte for byte (default: the one served)\n"
	    "withdraw stop serving the survey on every instance (until a version is published)\n"
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

static int withdraw(struct store *st, struct arena *a, const char *id, const char *reason)
{
	static const struct audit_actor cli = {0, "command line"};
	struct surveyxml_version v;
	struct surveyxml_new nv = {0};
	long long version;
	enum store_err e = surveyxml_get(st, a, id, 0, &v);

	if (e == STORE_OK && strcmp(v.state, "withdrawn") == 0) {
		fprintf(stderr,
			"yourvoice survey withdraw: %s is already withdrawn (version %lld)\n", id,
			v.version);
		return 0;
	}
	if (e == STORE_OK) {
		nv.survey_id = id;
		nv.xml = v.xml;
		nv.size = v.size;
		nv.origin = SURVEYXML_WEB;
		nv.author = "command line";
		nv.reason = reason != NULL ? reason : "withdrawn from the command line";
		nv.state = SURVEYXML_WITHDRAWN;
		e = surveyxml_add(st, &cli, "survey-withdraw", &nv, &version);
	}
	if (e != STORE_OK) {
		fprintf(stderr, "yourvoice survey withdraw: %s: %s\n", id, err_text(e));
		return 1;
	}
	printf("%s withdrawn as version %lld: every instance stops serving it within seconds\n", id,
	       version);
	return 0;
}

int cmd_survey(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'}, {"version", required_argument, NULL, 'v'},
	    {"output", required_argument, NULL, 'o'}, {"reason", required_argument, NULL, 'r'},
	    {"help", no_argument, NULL, 'h'},	      {NULL, 0, NULL, 0}};
	const char *config = NULL, *output = NULL, *reason = NULL, *verb, *id;
	long long version = 0;
	char err[1024] = "", *end;
	struct settings cfg;
	struct store st;
	struct arena a;
	int c, rc;

	while ((c = getopt_long(argc, argv, "c:v:o:r:h", opts, NULL)) != -1) {
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
		case 'r':
			reason = optarg;
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
	    (strcmp(argv[optind], "history") != 0 && strcmp(argv[optind], "export") != 0 &&
	     strcmp(argv[optind], "withdraw") != 0) ||
	    strlen(argv[optind + 1]) > 63) {
		usage(stderr);
		return 2;
	}
	verb = argv[optind];
	id = argv[optind + 1];
	if ((strcmp(verb, "export") != 0 && (version != 0 || output != NULL)) ||
	    (strcmp(verb, "withdraw") != 0 && reason != NULL) ||
	    (reason != NULL && strlen(reason) > SURVEYXML_REASON_MAX)) {
		usage(stderr);
		return 2;
	}
	if (settings_load_for_cli(&cfg, config, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice survey: %s\n", err);
		return 1;
	}
	store_init(&st, &cfg);
	arena_init(&a, 0);
	if (strcmp(verb, "history") == 0)
		rc = history(&st, &a, id);
	else if (strcmp(verb, "withdraw") == 0)
		rc = withdraw(&st, &a, id, reason);
	else
		rc = export(&st, &a, id, version, output);
	arena_release(&a);
	store_release(&st);
	return rc;
}
