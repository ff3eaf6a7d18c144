/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * user: the `yourvoice user` command, officer and councillor accounts
 * (store/users.h does the work). Passwords are read from standard input,
 * never echoed, logged or passed on the command line.
 *   yourvoice user add NAME --role officer|councillor [--name "Display"] [--survey ID]...
 *                           [--personal-data]
 *   yourvoice user list | disable NAME | enable NAME | passwd NAME
 *   yourvoice user personal-data NAME yes|no
 * Exit status: 0 done, 1 failed (no such user, database), 2 usage error.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "core/settings.h"
#include "store/store.h"
#include "store/users.h"

#define PASSWORD_MIN 12
#define PASSWORD_MAX 256

/* One line of standard input without its newline, not echoed on a terminal. */
static int read_secret(const char *prompt, char *out, size_t outlen)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO);
	size_t n;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	if (fgets(out, (int)outlen, stdin) == NULL)
		out[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	n = strlen(out);
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return 0;
}

static int new_password(char hash[USERS_HASH_MAX])
{
	char pw[PASSWORD_MAX + 2];
	int rc;

	read_secret("Password: ", pw, sizeof(pw));
	if (strlen(pw) < PASSWORD_MIN || strlen(pw) > PASSWORD_MAX) {
		fprintf(stderr, "yourvoice user: a password has %d to %d characters\n",
			PASSWORD_MIN, PASSWORD_MAX);
		sodium_memzero(pw, sizeof(pw));
		return -1;
	}
	rc = users_hash_password(pw, hash);
	sodium_memzero(pw, sizeof(pw));
	if (rc != 0)
		fprintf(stderr, "yourvoice user: out of memory hashing the password\n");
	return rc;
}

static int user_add(struct store *st, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"role", required_argument, NULL, 'r'},
	    {"name", required_argument, NULL, 'n'},
	    {"survey", required_argument, NULL, 's'},
	    {"personal-data", no_argument, NULL, 'p'},
	    {NULL, 0, NULL, 0},
	};
	const char *role = NULL, *display = NULL, *surveys[64];
	struct users_new u;
	int personal = 0;
	size_t nsurveys = 0;
	char hash[USERS_HASH_MAX];
	enum store_err e;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "r:n:s:p", opts, NULL)) != -1) {
		if (c == 'p')
			personal = 1;
		else if (c == 'r')
			role = optarg;
		else if (c == 'n')
			display = optarg;
		else if (c == 's' && nsurveys < 64)
			surveys[nsurveys++] = optarg;
		else
			return 2;
	}
	if (optind + 1 != argc || role == NULL ||
	    (strcmp(role, "officer") != 0 && strcmp(role, "councillor") != 0)) {
		fprintf(stderr, "usage: yourvoice user add NAME --role officer|councillor [--name "
				"\"Display name\"] [--survey ID]... [--personal-data]\n");
		return 2;
	}
	if (personal && strcmp(role, "officer") != 0) {
		fprintf(stderr,
			"yourvoice user: only officers may hold the personal-data permission\n");
		return 2;
	}
	if (!users_name_valid(argv[optind])) {
		fprintf(stderr, "yourvoice user: a user name is 1 to 64 of a-z 0-9 . - _\n");
		return 2;
	}
	if (new_password(hash) != 0)
		return 1;
	u.name = argv[optind];
	u.display = display ? display : argv[optind];
	u.role = role;
	u.hash = hash;
	u.surveys = surveys;
	u.nsurveys = nsurveys;
	u.personal = personal;
	e = users_add(st, &u);
	if (e == STORE_DUPLICATE) {
		fprintf(stderr, "yourvoice user: '%s' exists already\n", argv[optind]);
		return 1;
	}
	if (e != STORE_OK)
		return 1;
	printf("added %s (%s%s%s)\n", argv[optind], role,
	       nsurveys ? ", limited to named surveys" : "",
	       personal ? ", may see personal data" : "");
	return 0;
}

static int user_list(struct store *st)
{
	struct arena a;
	struct users_row *u;
	size_t n;

	arena_init(&a, 0);
	if (users_list(st, &a, &u, &n) != STORE_OK) {
		arena_release(&a);
		return 1;
	}
	printf("user,role,status,name,surveys,personal_data\n");
	for (size_t i = 0; i < n; i++)
		printf("%s,%s,%s,\"%s\",%s,%s\n", u[i].name, u[i].role,
		       u[i].disabled ? "disabled" : "active", u[i].display,
		       u[i].surveys[0] ? u[i].surveys : "all", u[i].personal ? "yes" : "no");
	arena_release(&a);
	return 0;
}

/* disable, enable or passwd NAME (users_change says what each ends). */
static int user_change(struct store *st, int argc, char **argv, const char *action)
{
	char hash[USERS_HASH_MAX];
	int passwd = strcmp(action, "passwd") == 0;
	enum users_change what = passwd				  ? USERS_PASSWD
				 : strcmp(action, "disable") == 0 ? USERS_DISABLE
								  : USERS_ENABLE;
	int r;

	if (argc != 2) {
		fprintf(stderr, "usage: yourvoice user %s NAME\n", action);
		return 2;
	}
	if (passwd && new_password(hash) != 0)
		return 1;
	r = users_change(st, argv[1], what, passwd ? hash : NULL);
	if (r < 0)
		return 1;
	if (r == 0) {
		fprintf(stderr, "yourvoice user: no user '%s'\n", argv[1]);
		return 1;
	}
	if (passwd)
		printf("new password for %s (its open sessions are ended)\n", argv[1]);
	else
		printf("%sd %s\n", action, argv[1]);
	return 0;
}

/* yourvoice user personal-data NAME yes|no: grant or withdraw the permission. */
static int user_personal(struct store *st, int argc, char **argv)
{
	char role[32];
	int on;

	if (argc != 3 || (strcmp(argv[2], "yes") != 0 && strcmp(argv[2], "no") != 0)) {
		fprintf(stderr, "usage: yourvoice user personal-data NAME yes|no\n");
		return 2;
	}
	on = strcmp(argv[2], "yes") == 0;
	if (users_role(st, argv[1], role, sizeof(role)) != 0) {
		fprintf(stderr, "yourvoice user: no user '%s'\n", argv[1]);
		return 1;
	}
	if (on && strcmp(role, "officer") != 0) {
		fprintf(stderr,
			"yourvoice user: only officers may hold the personal-data permission\n");
		return 2;
	}
	if (users_personal_set(st, argv[1], on) != STORE_OK)
		return 1;
	printf("%s %s personal data\n", argv[1], on ? "may now see" : "may no longer see");
	return 0;
}

int cmd_user(int argc, char **argv)
{
	struct settings cfg;
	struct store st;
	char err[512];
	const char *config = NULL;
	int rc;

	/* --config may come first: yourvoice user --config F add ... */
	if (argc >= 3 && strcmp(argv[1], "--config") == 0) {
		config = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc < 2 || strcmp(argv[1], "--help") == 0) {
		printf(
		    "usage: yourvoice user [--config FILE] add NAME --role officer|councillor "
		    "[--name \"Display name\"] [--survey ID]... [--personal-data]\n"
		    "       yourvoice user [--config FILE] list | disable NAME | enable NAME | "
		    "passwd NAME\n"
		    "       yourvoice user [--config FILE] personal-data NAME yes|no\n"
		    "--personal-data (officers only): exports may include the answers to email,\n"
		    "postcode and pattern questions, and free text without redaction.\n"
		    "Passwords are read from standard input (12 to 256 characters).\n");
		return argc < 2 ? 2 : 0;
	}
	if (settings_load_for_cli(&cfg, config, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice user: %s\n", err);
		return 1;
	}
	if (sodium_init() < 0)
		return 1;
	store_init(&st, &cfg);
	if (store_connect(&st) != STORE_OK) {
		fprintf(stderr, "yourvoice user: cannot connect to the database\n");
		return 1;
	}
	if (strcmp(argv[1], "add") == 0)
		rc = user_add(&st, argc - 1, argv + 1);
	else if (strcmp(argv[1], "list") == 0)
		rc = user_list(&st);
	else if (strcmp(argv[1], "disable") == 0 || strcmp(argv[1], "enable") == 0 ||
		 strcmp(argv[1], "passwd") == 0)
		rc = user_change(&st, argc - 1, argv + 1, argv[1]);
	else if (strcmp(argv[1], "personal-data") == 0)
		rc = user_personal(&st, argc - 1, argv + 1);
	else {
		fprintf(stderr, "yourvoice user: unknown action '%s'\n", argv[1]);
		rc = 2;
	}
	store_release(&st);
	return rc;
}
