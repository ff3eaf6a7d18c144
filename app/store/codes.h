/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * codes: the conversion of stored codes to keyed hashes. Migration 012
 * leaves each receipt, submission id, resume and invitation code of the
 * rows it found as a plain SHA-256 (the database never sees the key);
 * codes_rekey replaces each with token_code_rehash under the installation
 * key, so that lookups (which hash what the resident types with
 * token_code_hash) find them again. Run by `yourvoice migrate` when it
 * can read the key, and by every `yourvoice serve` at start-up once its
 * key is the installation's; safe to run on several hosts at once.
 */
#ifndef YV_STORE_CODES_H
#define YV_STORE_CODES_H

#include "core/token.h"
#include "store/store.h"

/* How many rows still hold unkeyed codes (at most 1000 per table are
 * counted), or -1 on a database error (a schema before migration 012). */
long codes_pending(struct store *st);

/* Convert every row still unkeyed. The number converted, or -1 on a database error. */
long codes_rekey(struct store *st, const unsigned char key[TOKEN_KEY_BYTES]);

#endif
