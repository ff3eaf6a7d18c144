/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * check: the `yourvoice check FILE...` subcommand. Loads each survey file
 * with every check of the loader and prints each problem as
 * FILE:LINE:COL: message on standard output; exits 1 when any file has a
 * problem, 0 when all are valid, 2 on a usage error.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "survey/survey.h"

static void usage(FILE *out)
{
	fprintf(out, "usage: yourvoice check [--schema FILE] [--quiet] SURVEY.xml...\n"
	             "Validate survey files; print each problem as FILE:LINE:COL: message.\n"
	             "Exit status: 0 all valid, 1 problems found, 2 usage error.\n");
}

int cmd_check(int argc, char **argv)
{
	int i, bad = 0, files = 0, quiet = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
			quiet = 1;
			continue;
		}
		if (strcmp(argv[i], "--schema") == 0) {
			if (i + 1 >= argc) {
				usage(stderr);
				return 2;
			}
			survey_schema_set(argv[++i]);
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "yourvoice check: unknown option '%s'\n", argv[i]);
			usage(stderr);
			return 2;
		}
		break;
	}
	for (; i < argc; i++) {
		struct survey_diags d;
		struct survey *s = NULL;

		files++;
		survey_diags_init(&d);
		if (survey_load_file(argv[i], &s, &d) < 0) {
			bad = 1;
			if (d.n == 0)
				printf("%s:0:0: invalid survey\n", argv[i]);
		} else if (!quiet) {
			fprintf(stderr, "%s: ok (%s, %zu pages)\n", argv[i], s->id, s->npages);
		}
		survey_diags_print(&d, stdout);
		survey_diags_release(&d);
		survey_free(s);
	}
	if (files == 0) {
		usage(stderr);
		return 2;
	}
	fflush(stdout);
	return bad ? 1 : 0;
}
