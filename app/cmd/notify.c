/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * notify: the `yourvoice notify [--dry-run] [SURVEY-ID]` subcommand. One
 * pass of the notifier (results/notifier.h): the events that are due are
 * recorded and the emails pending are sent through the configured
 * sendmail, in batches with an audit row each; --dry-run records and sends
 * nothing and says what would go. The service's background process runs
 * the same pass every themes_interval seconds; run this from a timer when
 * that is off. Exit status: 0 done, 1 the database or configuration
 * failed, 2 usage error.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/i18n.h"
#include "core/settings.h"
#include "core/token.h"
#include "results/notifier.h"
#include "store/store.h"
#include "survey/survey.h"

static void usage(FILE *out)
{
	fprintf(out, "usage: yourvoice notify [--config FILE] [--dry-run] [SURVEY-ID]\n"
		     "Email the residents who asked to be told: results published, \"You said,\n"
		     "we did\" added, a commitment's new status (each once). --dry-run says what\n"
		     "would go and sends nothing.\n"
		     "Exit status: 0 done, 1 failed, 2 usage error.\n");
}

int cmd_notify(int argc, char **argv)
{
	static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
					     {"dry-run", no_argument, NULL, 'n'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	const char *config = NULL;
	struct notifier_opts o = {0};
	struct notifier_totals t;
	struct settings cfg;
	struct survey_set *set = NULL;
	struct store st;
	unsigned char key[TOKEN_KEY_BYTES];
	char err[512];
	int c, rc = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "c:nh", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'n':
			o.dry_run = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind + 1 < argc) {
		usage(stderr);
		return 2;
	}
	o.only = optind < argc ? argv[optind] : NULL;
	if (settings_load_for_cli(&cfg, config, err, sizeof(err)) != 0 || token_init() != 0 ||
	    token_key_load(cfg.secret_file, key, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice notify: %s\n", err);
		return 1;
	}
	i18n_init(cfg.locale_dir); /* each email in its resident's language */
	if (cli_surveys_load(&cfg, "notify", NULL, &set) != 0)
		return 1;
	if (o.only != NULL && survey_set_find(set, o.only) == NULL) {
		fprintf(stderr, "yourvoice notify: no survey '%s' in %s\n", o.only,
			cfg.surveys_dir);
		survey_set_free(set);
		return 1;
	}
	if (!o.dry_run && cfg.sendmail[0] == '\0') {
		fprintf(stderr,
			"yourvoice notify: no sendmail is configured: nothing can be sent\n");
		survey_set_free(set);
		return 1;
	}
	o.batch = (size_t)cfg.notify_batch;
	o.per_minute = (unsigned)cfg.notify_per_minute;
	o.report = stdout;
	store_init(&st, &cfg);
	if (notifier_run(&st, &cfg, set, key, &o, &t) != 0) {
		fprintf(stderr, "yourvoice notify: the database failed\n");
		goto out;
	}
	if (o.dry_run)
		printf("%llu email(s) would go; nothing was sent\n", t.pending);
	else
		printf("%llu event(s) recorded, %llu email(s) sent, %llu failed (tried again next "
		       "time)\n",
		       t.events, t.sent, t.failed);
	rc = 0;
out:
	store_release(&st);
	survey_set_free(set);
	return rc;
}
