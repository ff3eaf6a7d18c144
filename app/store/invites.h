/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * invites: the one-time invitation codes of `yourvoice invite` (table
 * invitation, migration 007): making them and listing which are used.
 * Only a keyed hash of each code is stored (token_code_hash under the
 * installation's key, as the web layer checks it). The lookups a resident's
 * journey makes are store/responses.h's. Uses core/ and store/store.h.
 */
#ifndef YV_STORE_INVITES_H
#define YV_STORE_INVITES_H

#include <stddef.h>

#include "core/arena.h"
#include "core/token.h"
#include "store/store.h"

/*
 * n fresh codes for survey_id into codes (n * (TOKEN_RECEIPT_LEN + 1)
 * bytes, each NUL-terminated), their hashes stored in one transaction: all
 * or none. A code whose hash is already stored is replaced by a fresh one
 * (a few tries). STORE_OK or the error (nothing stored).
 */
enum store_err invites_create(struct store *st, const unsigned char key[TOKEN_KEY_BYTES],
			      const char *survey_id, long n, char *codes);

/* One stored code: which, never by whom or when it was used. */
struct invites_row {
	const char *hash_prefix; /* the first 12 hex digits of its hash */
	const char *created_at;	 /* "YYYY-MM-DD HH:MM:SS", UTC */
	int used;
};
/* The codes of survey_id, oldest first (at most 1,000,000): *rows (n of
 * them) live in a. */
enum store_err invites_list(struct store *st, struct arena *a, const char *survey_id,
			    struct invites_row **rows, size_t *n);

#endif
