/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * main: git-style subcommand dispatch for the yourvoice binary. The table
 * below is the one list of subcommands; --help prints it.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static int cmd_version(int argc, char **argv);
static int cmd_help(int argc, char **argv);

static const struct command commands[] = {
    {"serve", cmd_serve, "run the FastCGI service (master and workers)"},
    {"migrate", cmd_migrate,
     "apply database migrations (--status shows where the database stands)"},
    {"check", cmd_check, "validate survey files (FILE:LINE:COL: message)"},
    {"invite", cmd_invite,
     "one-time invitation codes for a survey, as CSV (--list: which are used)"},
    {"purge", cmd_purge, "delete expired saves and rate limits, personal answers past retention"},
    {"geo", cmd_geo,
     "what the configured geo databases give for addresses (checks a configuration)"},
    {"user", cmd_user, "officer and councillor accounts (add, list, disable, passwd)"},
    {"key", cmd_key,
     "the secret key id this host and the installation use (adopt: record a new key)"},
    {"backup", cmd_backup, "back up the database and the live survey files into a directory"},
    {"restore", cmd_restore, "restore a backup into an empty database"},
    {"themes", cmd_themes, "summarise free-text answers (JSON lines) into themes"},
    {"redact", cmd_redact, "remove personal data from free-text answers (JSON lines)"},
    {"reload", cmd_reload,
     "check the survey files as the service loads them, then tell it to reload (--pid)"},
    {"notify", cmd_notify,
     "email residents who asked to be told when results are out (--dry-run: what would go)"},
    {"paper", cmd_paper, "print a survey's paper form (HTML, as /s/<id>/paper shows it)"},
    {"translate", cmd_translate,
     "a survey's English and Welsh texts for translators (CSV, XLIFF), and back"},
    {"results", cmd_results, "print a survey's results as JSON or CSV (the open data of /r/<id>)"},
    {"survey", cmd_survey,
     "the stored versions of a survey: history, export (the XML byte for byte)"},
    {"test-request", cmd_test_request,
     "answer requests read from files, as the service would (for tests)"},
    {"version", cmd_version, "print the version"},
    {"help", cmd_help, "list the subcommands"},
};

static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("%s\n", PACKAGE_STRING);
	return 0;
}

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("usage: yourvoice <command> [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		printf("  %-10s %s\n", commands[i].name, commands[i].summary);
	printf("\nRun 'yourvoice <command> --help' for a command's options.\n");
	return 0;
}

int main(int argc, char **argv)
{
	const char *name;

	if (argc < 2) {
		cmd_help(0, NULL);
		return 2;
	}
	name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
		return cmd_help(0, NULL);
	if (strcmp(name, "--version") == 0)
		return cmd_version(0, NULL);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(name, commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "yourvoice: unknown command '%s' (see 'yourvoice --help')\n", name);
	return 2;
}
