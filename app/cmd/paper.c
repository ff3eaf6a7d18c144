/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * `yourvoice paper`: a survey's printable paper form on stdout, the same
 * HTML as the main content of /s/<id>/paper (render/paper.h), for
 * officers who print forms in bulk or keep them with the consultation's
 * records (options, messages, exit status).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/settings.h"
#include "render/html.h"
#include "render/paper.h"
#include "survey/survey.h"

#define PAPER_OUT_MAX ((size_t)16 << 20) /* the largest form we print */

static int usage(FILE *f)
{
	fprintf(f,
		"usage: yourvoice paper SURVEY-ID [--lang en|cy] [--surveys DIR] [--config FILE]\n"
		"Print the survey's paper form (HTML, as /s/<id>/paper shows it) in the\n"
		"given language: the version the service serves (stored, else the file\n"
		"of the configured survey directory), or DIR/<id>.xml.\n");
	return f == stdout ? 0 : 2;
}

int cmd_paper(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"lang", required_argument, NULL, 'l'},
	    {"surveys", required_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *config = NULL, *lang_code = "en", *dir = NULL;
	struct settings cfg;
	struct survey *s = NULL;
	struct arena a;
	struct buf out;
	char err[1024];
	int c, lang, rc = 1;

	while ((c = getopt_long(argc, argv, "c:l:s:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'l':
			lang_code = optarg;
			break;
		case 's':
			dir = optarg;
			break;
		case 'h':
			return usage(stdout);
		default:
			return usage(stderr);
		}
	}
	lang = survey_lang_parse(lang_code);
	if (optind + 1 != argc || lang < 0)
		return usage(stderr);
	if (settings_load_for_cli(&cfg, config, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice paper: %s\n", err);
		return 1;
	}
	if (cli_survey_load(&cfg, dir, argv[optind], "paper", &s) != 0)
		return 1;
	if (!(s->langs & (1u << lang))) {
		fprintf(stderr, "yourvoice paper: %s is not offered in '%s'\n", s->id, lang_code);
		survey_free(s);
		return 1;
	}
	i18n_init(cfg.locale_dir);
	i18n_use(lang_code);
	arena_init(&a, PAPER_OUT_MAX);
	buf_init(&out, PAPER_OUT_MAX);
	if (paper_form(html_over(&out), &a, s, (enum yv_lang)lang) != 0 || out.overflow)
		fprintf(stderr, "yourvoice paper: the form is too large\n");
	else if (fwrite(buf_cstr(&out), 1, out.len, stdout) == out.len && fflush(stdout) == 0)
		rc = 0;
	buf_release(&out);
	arena_release(&a);
	survey_free(s);
	return rc;
}
