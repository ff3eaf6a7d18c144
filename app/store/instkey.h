/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * instkey: every instance of one installation must sign with the same
 * secret key (anti-forgery tokens, session cookies, rate-limit keys), or
 * each refuses the forms the others served. The database keeps a one-way
 * id of the key: the first instance to start records its own, a later one
 * with another key refuses to start and says what to do, /healthz and
 * then every page turn 503 on an instance whose key is no longer the
 * recorded one, and
 * 'yourvoice key adopt' records a replacement key (docs/scaling.md).
 */
#ifndef YV_STORE_INSTKEY_H
#define YV_STORE_INSTKEY_H

#include "core/arena.h"
#include "core/token.h"
#include "store/store.h"

#define INSTKEY_ID_LEN 16 /* hex digits kept; /healthz shows the first 8 */

/* The id of key: INSTKEY_ID_LEN hex digits and a NUL in out. */
void instkey_id(const unsigned char key[TOKEN_KEY_BYTES], char out[INSTKEY_ID_LEN + 1]);

enum instkey_state {
	INSTKEY_SAME,  /* the recorded key is this one */
	INSTKEY_NONE,  /* none recorded yet (only without claim) */
	INSTKEY_OTHER, /* another key is recorded: *theirs and *since say which, when */
	INSTKEY_ERROR  /* the database did not answer */
};

/*
 * Compare key with the recorded one; with claim, record key when none is
 * (the first start of an installation, or the first /healthz of an
 * instance that started while the database was down). Strings in a.
 */
enum instkey_state instkey_check(struct store *st, const unsigned char key[TOKEN_KEY_BYTES],
				 int claim, struct arena *a, const char **theirs,
				 const char **since);

/*
 * Record key as the installation's, with an audit row naming who (`by`)
 * when it changes. 1 changed, 0 it was already, -1 on a database error.
 */
int instkey_adopt(struct store *st, const unsigned char key[TOKEN_KEY_BYTES], const char *by);

#endif
