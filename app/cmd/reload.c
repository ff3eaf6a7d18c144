/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * reload: the `yourvoice reload` subcommand, a reload that says what it
 * did. It loads the configured survey directory with the very loader the
 * service's master uses on SIGHUP, prints each survey that loads (id,
 * file, version) and each refused file with its FILE:LINE:COL messages,
 * and only when the whole set loads signals the running master (SIGHUP to
 * --pid, a number or a pid file). A refused set is never signalled: the
 * service would refuse it too, and the surveys already loaded keep
 * serving. Exit status: 0 loaded (and signalled, when asked), 1 refused or
 * the master could not be signalled, 2 usage error.
 *
 * The master reads the directory again when signalled; a file changed in
 * between is checked again there, and a refusal then is logged as before.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/settings.h"
#include "survey/survey.h"

static void usage(FILE *out)
{
	fprintf(out, "usage: yourvoice reload [--config FILE] [--pid PID|PIDFILE] [--quiet]\n"
		     "Check the configured survey directory as the service would load it, print\n"
		     "each survey loaded and each refused file with its FILE:LINE:COL messages,\n"
		     "and, when every file loads, tell the running service (SIGHUP to --pid).\n"
		     "--quiet  print only the refused files\n"
		     "Exit status: 0 loaded, 1 refused (nothing changes) or the service could not\n"
		     "be told, 2 usage error.\n");
}

/* The pid in s: a decimal number, or the first line of the file it names.
 * 0 on success, -1 with a message in err. */
static int read_pid(const char *s, long *pid, char *err, size_t errlen)
{
	char line[64], *end;
	FILE *f;

	errno = 0;
	*pid = strtol(s, &end, 10);
	if (*s != '\0' && *end == '\0' && errno == 0 && *pid > 1)
		return 0;
	f = fopen(s, "r");
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", s, strerror(errno));
		return -1;
	}
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	errno = 0;
	*pid = strtol(line, &end, 10);
	if (line[0] == '\0' || *end != '\0' || errno != 0 || *pid <= 1) {
		snprintf(err, errlen, "%s: no process id in the file", s);
		return -1;
	}
	return 0;
}

/* Print each distinct file named by the diags once, in the order found. */
static size_t print_refused(const struct survey_diags *d)
{
	size_t files = 0;

	for (size_t i = 0; i < d->n; i++) {
		int seen = 0;

		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(d->v[j].file, d->v[i].file) == 0;
		if (seen)
			continue;
		files++;
		printf("refused %s:\n", d->v[i].file);
		for (size_t j = i; j < d->n; j++)
			if (strcmp(d->v[j].file, d->v[i].file) == 0)
				printf("  %s:%d:%d: %s\n", d->v[j].file, d->v[j].line, d->v[j].col,
				       d->v[j].message);
	}
	return files;
}

int cmd_reload(int argc, char **argv)
{
	static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
					     {"pid", required_argument, NULL, 'p'},
					     {"quiet", no_argument, NULL, 'q'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	const char *config = NULL, *pidarg = NULL;
	struct settings cfg;
	struct survey_diags d;
	struct survey_set *set = NULL;
	char err[512];
	int c, quiet = 0, rc = 1;
	long pid = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "c:p:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'p':
			pidarg = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (pidarg != NULL && read_pid(pidarg, &pid, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice reload: %s\n", err);
		return 1;
	}
	if (settings_load_for_cli(&cfg, config, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice reload: %s\n", err);
		return 1;
	}
	survey_diags_init(&d);
	if (survey_set_load_dir(cfg.surveys_dir, &set, &d) != 0) {
		size_t files = print_refused(&d);

		printf("reload refused: %zu file(s) in %s with %zu problem(s); nothing changed, "
		       "the surveys already loaded keep serving\n",
		       files, cfg.surveys_dir, d.n);
		goto out;
	}
	for (size_t i = 0; i < survey_set_count(set) && !quiet; i++) {
		const struct survey *s = survey_set_at(set, i);

		printf("loaded %s from %s (version %.12s)\n", s->id, s->path, s->version_hash);
	}
	if (!quiet)
		printf("%zu survey(s) in %s load\n", survey_set_count(set), cfg.surveys_dir);
	if (pid > 1) {
		if (kill((pid_t)pid, SIGHUP) != 0) {
			fprintf(stderr,
				"yourvoice reload: cannot signal the service (pid %ld): %s\n", pid,
				strerror(errno));
			goto out;
		}
		if (!quiet)
			printf("the service (pid %ld) is reloading them\n", pid);
	}
	rc = 0;
out:
	survey_set_free(set);
	survey_diags_release(&d);
	return rc;
}
