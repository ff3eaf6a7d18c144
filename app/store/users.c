/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * users: officer and councillor accounts and `yourvoice user`. Passwords
 * are hashed with Argon2id (libsodium's crypto_pwhash_str, interactive
 * limits), read from standard input, never echoed, logged or passed on the
 * command line. An account may be limited to named surveys, and an officer
 * may hold the personal-data permission: exports with the answers to
 * email, postcode and pattern questions, and unredacted free text.
 *   yourvoice user add NAME --role officer|councillor [--name "Display"] [--survey ID]...
 *                           [--personal-data]
 *   yourvoice user list | disable NAME | passwd NAME
 *   yourvoice user personal-data NAME yes|no
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
#include "store/store.h"
#include "store/users.h"

#define PASSWORD_MIN 12
#define PASSWORD_MAX 256

int users_hash_password(const char *password, char out[USERS_HASH_MAX])
{
	return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                         crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

int users_check_password(const char *hash, const char *password)
{
	return hash != NULL && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int users_name_valid(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 64)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		      *p == '_'))
			return 0;
	return 1;
}

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
		fprintf(stderr, "yourvoice user: a password has %d to %d characters\n", PASSWORD_MIN,
		        PASSWORD_MAX);
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
	int personal = 0;
	size_t nsurveys = 0;
	char hash[USERS_HASH_MAX];
	unsigned long long id = 0;
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
		fprintf(stderr, "usage: yourvoice user add NAME --role officer|councillor [--name \"Display name\"] [--survey ID]... [--personal-data]\n");
		return 2;
	}
	if (personal && strcmp(role, "officer") != 0) {
		fprintf(stderr, "yourvoice user: only officers may hold the personal-data permission\n");
		return 2;
	}
	if (!users_name_valid(argv[optind])) {
		fprintf(stderr, "yourvoice user: a user name is 1 to 64 of a-z 0-9 . - _\n");
		return 2;
	}
	if (new_password(hash) != 0)
		return 1;
	struct store_arg a[] = {STORE_STR(argv[optind]), STORE_STR(display ? display : argv[optind]),
	                        STORE_STR(role), STORE_STR(hash)};
	if (store_begin(st) != STORE_OK)
		return 1;
	enum store_err e = store_exec(st, ST_USER_INSERT, a, 4, NULL, &id);
	for (size_t i = 0; e == STORE_OK && i < nsurveys; i++) {
		struct store_arg b[] = {STORE_INT((long long)id), STORE_STR(surveys[i])};

		e = store_exec(st, ST_USER_SURVEY_ADD, b, 2, NULL, NULL);
	}
	if (e == STORE_OK && personal) {
		struct store_arg b[] = {STORE_INT(1), STORE_STR(argv[optind])};
		e = store_exec(st, ST_USER_PERSONAL_DATA_SET, b, 2, NULL, NULL);
	}
	if (e == STORE_OK)
		e = store_commit(st);
	else
		store_rollback(st);
	if (e == STORE_DUPLICATE) {
		fprintf(stderr, "yourvoice user: '%s' exists already\n", argv[optind]);
		return 1;
	}
	if (e != STORE_OK)
		return 1;
	printf("added %s (%s%s%s)\n", argv[optind], role, nsurveys ? ", limited to named surveys" : "",
	       personal ? ", may see personal data" : "");
	return 0;
}

static int user_list(struct store *st)
{
	struct arena a;
	struct store_rows r;

	arena_init(&a, 0);
	if (store_query(st, ST_USER_LIST, NULL, 0, &a, 10000, &r) != STORE_OK) {
		arena_release(&a);
		return 1;
	}
	printf("user,role,status,name,surveys,personal_data\n");
	for (size_t i = 0; i < r.nrows; i++)
		printf("%s,%s,%s,\"%s\",%s,%s\n", STORE_CELL(&r, i, 0), STORE_CELL(&r, i, 1),
		       strcmp(STORE_CELL(&r, i, 2), "0") ? "disabled" : "active", STORE_CELL(&r, i, 3),
		       STORE_CELL(&r, i, 4)[0] ? STORE_CELL(&r, i, 4) : "all",
		       strcmp(STORE_CELL(&r, i, 5), "0") ? "yes" : "no");
	arena_release(&a);
	return 0;
}

/*
 * disable, enable or passwd NAME. Disabling and a new password end every
 * session the account has open (a password reset after a leak must lock
 * the old holder out); a new password does not enable a disabled account.
 */
static int user_change(struct store *st, int argc, char **argv, const char *action)
{
	unsigned long long n = 0;
	char hash[USERS_HASH_MAX];
	int passwd = strcmp(action, "passwd") == 0;
	struct store_arg q[] = {STORE_STR(argc == 2 ? argv[1] : "")};
	enum store_err e;

	if (argc != 2) {
		fprintf(stderr, "usage: yourvoice user %s NAME\n", action);
		return 2;
	}
	if (passwd && new_password(hash) != 0)
		return 1;
	e = store_begin(st);
	if (e == STORE_OK && passwd) {
		struct store_arg a[] = {STORE_STR(hash), STORE_STR(argv[1])};

		e = store_exec(st, ST_USER_PASSWD, a, 2, &n, NULL);
	} else if (e == STORE_OK) {
		struct store_arg a[] = {STORE_INT(strcmp(action, "disable") == 0), STORE_STR(argv[1])};

		e = store_exec(st, ST_USER_DISABLE, a, 2, &n, NULL);
	}
	if (e == STORE_OK && strcmp(action, "enable") != 0)
		e = store_exec(st, ST_USER_SESSIONS_END, q, 1, NULL, NULL);
	if (e == STORE_OK)
		e = store_commit(st);
	else
		store_rollback(st);
	if (e != STORE_OK)
		return 1;
	if (n == 0) {
		/* MariaDB counts changed rows: a second disable changes none. */
		struct arena ar;
		struct store_rows r;

		arena_init(&ar, 0);
		e = store_query(st, ST_USER_BY_NAME, q, 1, &ar, 1, &r);
		arena_release(&ar);
		if (e != STORE_OK || r.nrows == 0) {
			fprintf(stderr, "yourvoice user: no user '%s'\n", argv[1]);
			return 1;
		}
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
	struct arena ar;
	struct store_rows r;
	enum store_err e;
	int on;

	if (argc != 3 || (strcmp(argv[2], "yes") != 0 && strcmp(argv[2], "no") != 0)) {
		fprintf(stderr, "usage: yourvoice user personal-data NAME yes|no\n");
		return 2;
	}
	on = strcmp(argv[2], "yes") == 0;
	arena_init(&ar, 0);
	{
		struct store_arg q[] = {STORE_STR(argv[1])};
		e = store_query(st, ST_USER_BY_NAME, q, 1, &ar, 1, &r);
	}
	if (e != STORE_OK || r.nrows == 0) {
		arena_release(&ar);
		fprintf(stderr, "yourvoice user: no user '%s'\n", argv[1]);
		return 1;
	}
	if (on && strcmp(STORE_CELL(&r, 0, 2), "officer") != 0) {
		arena_release(&ar);
		fprintf(stderr, "yourvoice user: only officers may hold the personal-data permission\n");
		return 2;
	}
	arena_release(&ar);
	{
		struct store_arg a[] = {STORE_INT(on), STORE_STR(argv[1])};
		if (store_exec(st, ST_USER_PERSONAL_DATA_SET, a, 2, NULL, NULL) != STORE_OK)
			return 1;
	}
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
		printf("usage: yourvoice user [--config FILE] add NAME --role officer|councillor [--name \"Display name\"] [--survey ID]... [--personal-data]\n"
		       "       yourvoice user [--config FILE] list | disable NAME | enable NAME | passwd NAME\n"
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
