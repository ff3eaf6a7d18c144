/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * `yourvoice key`: show this host's key id beside the installation's, or
 * adopt this host's key (options, messages, exit status). The key ids and
 * the adoption are store/instkey.h's.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core/settings.h"
#include "store/instkey.h"

static int usage(FILE *f)
{
	fprintf(f, "usage: yourvoice key [--config FILE] [show|adopt]\n"
		   "show (the default): this host's key id and the one the installation records.\n"
		   "adopt: record this host's key as the installation's, after copying a new\n"
		   "secret_file to every host; instances with the old key then refuse to start,\n"
		   "and running ones answer 503 until they have the new one.\n");
	return f == stdout ? 0 : 2;
}

int cmd_key(int argc, char **argv)
{
	struct settings cfg;
	unsigned char key[TOKEN_KEY_BYTES];
	char err[512], id[INSTKEY_ID_LEN + 1];
	const char *config = NULL, *action = "show", *theirs, *since;
	struct store st;
	struct arena a;
	enum instkey_state state;
	int rc = 0;

	if (argc >= 3 && strcmp(argv[1], "--config") == 0) {
		config = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc > 2)
		return usage(stderr);
	if (argc == 2) {
		action = argv[1];
		if (strcmp(action, "--help") == 0 || strcmp(action, "-h") == 0)
			return usage(stdout);
		if (strcmp(action, "show") != 0 && strcmp(action, "adopt") != 0)
			return usage(stderr);
	}
	if (settings_load_for_cli(&cfg, config, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice key: %s\n", err);
		return 1;
	}
	/* 'adopt' may create the key file, as a first 'serve' would; 'show' only reads it */
	if (strcmp(action, "show") == 0 && access(cfg.secret_file, R_OK) != 0) {
		fprintf(stderr, "yourvoice key: cannot read %s: %s\n", cfg.secret_file,
			strerror(errno));
		return 1;
	}
	if (token_init() != 0 || token_key_load(cfg.secret_file, key, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice key: %s\n", err[0] ? err : "libsodium failed");
		return 1;
	}
	instkey_id(key, id);
	store_init(&st, &cfg);
	if (store_connect(&st) != STORE_OK) {
		fprintf(stderr, "yourvoice key: cannot connect to the database\n");
		return 1;
	}
	arena_init(&a, 0);
	if (strcmp(action, "adopt") == 0) {
		int changed = instkey_adopt(&st, key, "(command line)");

		if (changed < 0) {
			fprintf(stderr, "yourvoice key: the database refused the new key id\n");
			rc = 1;
		} else {
			printf("the installation's key %s this host's (key id %.8s)\n",
			       changed ? "is now" : "was already", id);
		}
	} else {
		state = instkey_check(&st, key, 0, &a, &theirs, &since);
		if (state == INSTKEY_ERROR) {
			fprintf(stderr, "yourvoice key: cannot read the installation's key id\n");
			rc = 1;
		} else {
			printf("this host:     key id %.8s (%s)\n", id, cfg.secret_file);
			if (state == INSTKEY_SAME)
				printf("installation:  the same\n");
			else if (state == INSTKEY_NONE)
				printf("installation:  none recorded yet (the first instance to "
				       "start records its own)\n");
			else
				printf("installation:  key id %.8s, since %s: this host's key "
				       "differs\n",
				       theirs, since);
			rc = state == INSTKEY_OTHER ? 1 : 0;
		}
	}
	arena_release(&a);
	store_release(&st);
	return rc;
}
