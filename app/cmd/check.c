/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * check: the `yourvoice check FILE...` subcommand. Loads each survey file
 * with every check of the loader and prints each problem as
 * FILE:LINE:COL: message on standard output; exits 1 when any file has a
 * problem, 0 when all are valid, 2 on a usage error. With --previous DIR,
 * each valid file is also compared with DIR/<same name> (the version now
 * live) and changes that alter the meaning of stored answers are printed as
 * FILE:LINE:COL: warning: ... lines, which do not change the exit status.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "survey/survey.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: yourvoice check [--schema FILE] [--previous DIR] [--quiet] SURVEY.xml...\n"
		"Validate survey files; print each problem as FILE:LINE:COL: message.\n"
		"--previous DIR  also warn about changes from DIR/<same file name> that\n"
		"                alter the meaning of answers already given\n"
		"Exit status: 0 all valid, 1 problems found, 2 usage error.\n");
}

/* Compare s with the file of the same name in dir, if there is one. */
static void compare_previous(const char *dir, const struct survey *s, struct survey_diags *d)
{
	const char *base = strrchr(s->path, '/');
	char path[4096];
	struct survey_diags od;
	struct survey *old = NULL;
	FILE *f;

	base = base ? base + 1 : s->path;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, base) >= sizeof(path))
		return;
	f = fopen(path, "rb");
	if (f == NULL)
		return; /* a new survey: nothing to compare */
	fclose(f);
	survey_diags_init(&od);
	if (survey_load_file(path, &old, &od) < 0)
		survey_diags_add(d, s->path, s->line, s->col,
				 "warning: the previous version %s does not load", path);
	else
		survey_compare(old, s, d);
	survey_free(old);
	survey_diags_release(&od);
}

int cmd_check(int argc, char **argv)
{
	int i, bad = 0, files = 0, quiet = 0;
	const char *previous = NULL;

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
		if (strcmp(argv[i], "--previous") == 0) {
			if (i + 1 >= argc) {
				usage(stderr);
				return 2;
			}
			previous = argv[++i];
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
		} else {
			if (previous != NULL)
				compare_previous(previous, s, &d);
			if (!quiet)
				fprintf(stderr, "%s: ok (%s, %zu pages)\n", argv[i], s->id,
					s->npages);
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
