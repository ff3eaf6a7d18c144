/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * `yourvoice results`: a survey's results on stdout as JSON or CSV, the
 * public figures or the officers' exact ones (options, messages, exit
 * status). The figures come from results/ (feed, summariser, snapshots),
 * the CSV from results/csv.h. The figures are read from the stored totals
 * (results/totals.h) when they are there, else counted from the answers;
 * --verify recounts and compares every stored cell, --rebuild counts the
 * stored totals afresh.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/arena.h"
#include "core/settings.h"
#include "core/token.h"
#include "results/csv.h"
#include "results/feed.h"
#include "results/sdc.h"
#include "results/summariser.h"
#include "results/themeview.h"
#include "results/totals.h"
#include "survey/survey.h"

static int usage(FILE *f)
{
	fprintf(f, "usage: yourvoice results SURVEY-ID [--format json|csv] [--exact] [--by "
		   "QUESTION|area|in-area]\n"
		   "                         [--exclude-flagged] [--with-text] [--config FILE]\n"
		   "                         [--recount]\n"
		   "       yourvoice results SURVEY-ID --verify | --rebuild [--config FILE]\n"
		   "Print the results of a survey (every completed response), as the\n"
		   "public pages /r/<id>.json and /r/<id>.csv show them (counts perturbed,\n"
		   "breakdowns from the latest published snapshot: docs/privacy.md);\n"
		   "--exact prints the officers' exact figures with every breakdown counted\n"
		   "now (--by, --with-text imply it); --with-text adds the \"other, please\n"
		   "specify\" texts, for officers only.\n"
		   "The figures are read from the stored totals; --recount counts them\n"
		   "from the answers instead (the same figures, slower).\n"
		   "--verify recounts every response and compares the stored totals with\n"
		   "the recount, cell by cell: exit 0 when they agree, 1 naming each cell\n"
		   "that differs (or when there are no stored totals); --rebuild stores\n"
		   "the totals afresh from the answers.\n");
	return f == stdout ? 0 : 2;
}

/* The results JSON of s from r and the database: the officers' exact
 * figures, or the public ones with the latest published snapshot; NULL
 * after saying what could not be read. */
static json_t *figures(struct store *st, const struct survey *s, struct results *r, int exact)
{
	json_t *j, *th = NULL;

	/* the themes of the analysed questions, as /r/<id>.json has them */
	if (s->nanalysed > 0) {
		struct arena a;

		arena_init(&a, (size_t)256 << 20);
		th = summariser_views(st, s, &a, 0);
		arena_release(&a);
		if (th == NULL) {
			fprintf(stderr,
				"yourvoice results: cannot read the themes from the database\n");
			return NULL;
		}
	}
	if (exact) {
		j = results_json(r, time(NULL));
		if (th != NULL)
			json_object_set(j, "themes", th);
	} else {
		json_t *snap = NULL;

		if (results_snapshot_latest(st, s, &snap) != STORE_OK) {
			fprintf(stderr, "yourvoice results: cannot read the published snapshot\n");
			json_decref(th);
			return NULL;
		}
		j = results_public_json(r, snap, th, time(NULL));
		json_decref(snap);
	}
	json_decref(th);
	return j;
}

/* --verify: 0 when the stored totals equal a recount, else 1. */
static int verify_totals(struct store *st, const struct survey *s)
{
	long diffs = -1;

	if (results_totals_verify(st, s, stdout, &diffs) != STORE_OK) {
		fprintf(stderr, "yourvoice results: cannot read the responses from the database\n");
		return 1;
	}
	if (diffs == 0) {
		printf("%s: the stored totals equal a recount of every response\n", s->id);
		return 0;
	}
	if (diffs > 0)
		printf("%s: %ld cells of the stored totals differ from a recount\n", s->id, diffs);
	return 1;
}

static int rebuild_totals(struct store *st, const struct survey *s)
{
	if (results_totals_rebuild(st, s) != STORE_OK) {
		fprintf(stderr, "yourvoice results: cannot rebuild the stored totals of %s\n",
			s->id);
		return 1;
	}
	printf("%s: stored totals rebuilt\n", s->id);
	return 0;
}

int cli_totals_build(const struct settings *cfg, struct store *st, const struct survey_set *set,
		     const struct survey *only, const char *cmd)
{
	unsigned char key[TOKEN_KEY_BYTES];
	char err[512];
	size_t built = 0;

	if (token_init() != 0 || token_key_load(cfg->secret_file, key, err, sizeof(err)) != 0) {
		fprintf(stderr,
			"yourvoice %s: %s: the stored results totals are built when the key is "
			"there ('yourvoice results SURVEY-ID --rebuild')\n",
			cmd, err);
		return 1;
	}
	sdc_set_key(key);
	for (size_t i = 0; i < (only ? 1 : survey_set_count(set)); i++) {
		const struct survey *s = only ? only : survey_set_at(set, i);
		struct results_opts o = {0};
		struct results *r = results_new(s, &o);
		size_t queued = 0;
		int stale = 1;
		enum store_err e = only ? STORE_OK : results_totals_load(st, s, r, &stale, &queued);

		results_free(r);
		if (e == STORE_OK && !stale)
			continue;
		if (e != STORE_OK || results_totals_rebuild(st, s) != STORE_OK) {
			fprintf(stderr,
				"yourvoice %s: cannot build the stored results totals of %s\n", cmd,
				s->id);
			return 1;
		}
		built++;
	}
	if (only != NULL)
		printf("stored results totals of %s counted afresh\n", only->id);
	else if (built > 0)
		printf("stored results totals built for %zu surveys\n", built);
	return 0;
}

/* Into r, the figures of s: from the stored totals when they are there and
 * keep what r counts (not the specify texts), else counted from the
 * answers. 0, or -1 after saying what could not be read. */
static int read_figures(struct store *st, const struct survey *s, struct results **r,
			const struct results_opts *ro, int recount)
{
	if (!recount && !ro->with_text && results_totals_cover(*r)) {
		size_t queued = 0;
		int stale = 1;

		if (results_totals_load(st, s, *r, &stale, &queued) == STORE_OK && !stale)
			return 0;
		/* partly loaded: start again from the answers */
		results_free(*r);
		*r = results_new(s, ro);
	}
	if (results_feed(st, s, *r, &(unsigned long long){0}) != STORE_OK) {
		fprintf(stderr, "yourvoice results: cannot read the responses from the database\n");
		return -1;
	}
	return 0;
}

int cmd_results(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"format", required_argument, NULL, 'f'},
	    {"by", required_argument, NULL, 'b'},
	    {"exclude-flagged", no_argument, NULL, 'x'},
	    {"with-text", no_argument, NULL, 't'},
	    {"exact", no_argument, NULL, 'e'},
	    {"verify", no_argument, NULL, 'V'},
	    {"rebuild", no_argument, NULL, 'R'},
	    {"recount", no_argument, NULL, 'C'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *config = NULL, *format = "json";
	struct results_opts ro = {0};
	struct settings cfg;
	struct survey *s = NULL;
	struct results *r;
	struct store st;
	struct buf out;
	char err[1024];
	int c, rc = 1, exact = 0, verify = 0, rebuild = 0, recount = 0;
	json_t *j;

	while ((c = getopt_long(argc, argv, "c:f:b:xteVRCh", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'b':
			ro.by = optarg;
			break;
		case 'x':
			ro.exclude_flagged = 1;
			break;
		case 't':
			ro.with_text = 1;
			break;
		case 'e':
			exact = 1;
			break;
		case 'V':
			verify = 1;
			break;
		case 'R':
			rebuild = 1;
			break;
		case 'C':
			recount = 1;
			break;
		case 'h':
			return usage(stdout);
		default:
			return usage(stderr);
		}
	}
	if (optind + 1 != argc || (strcmp(format, "json") != 0 && strcmp(format, "csv") != 0) ||
	    (verify && rebuild))
		return usage(stderr);
	if (settings_load_for_cli(&cfg, config, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice results: %s\n", err);
		return 1;
	}
	if (cli_survey_load(&cfg, NULL, argv[optind], "results", &s) != 0)
		return 1;
	r = results_new(s, &ro);
	if (r == NULL) {
		fprintf(stderr,
			"yourvoice results: --by %s: not a choice question of %s, 'area' or "
			"'in-area'\n",
			ro.by, s->id);
		survey_free(s);
		return 2;
	}
	{
		unsigned char key[TOKEN_KEY_BYTES];

		/* record keys (results/sdc.h) under the installation key, as the web has them */
		if (token_init() != 0 ||
		    token_key_load(cfg.secret_file, key, err, sizeof(err)) != 0) {
			fprintf(stderr, "yourvoice results: %s\n", err);
			results_free(r);
			survey_free(s);
			return 1;
		}
		sdc_set_key(key);
	}
	store_init(&st, &cfg);
	if (verify || rebuild) {
		rc = verify ? verify_totals(&st, s) : rebuild_totals(&st, s);
		goto out;
	}
	if (read_figures(&st, s, &r, &ro, recount) != 0)
		goto out;
	exact |= ro.by != NULL || ro.with_text;
	j = figures(&st, s, r, exact);
	if (j == NULL)
		goto out;
	buf_init(&out, (size_t)1 << 30);
	if (strcmp(format, "json") == 0)
		results_dump_json(&out, j, 1);
	else {
		csv_results(&out, j);
		themeview_csv(&out, s->id, json_object_get(j, "themes"));
	}
	json_decref(j);
	if (out.overflow) {
		fprintf(stderr, "yourvoice results: output too large\n");
	} else if (fwrite(buf_cstr(&out), 1, out.len, stdout) == out.len && fflush(stdout) == 0) {
		rc = 0;
	}
	buf_release(&out);
out:
	store_release(&st);
	results_free(r);
	survey_free(s);
	return rc;
}
