/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * token: random codes (libsodium) and keyed signatures for what the server
 * hands out: receipt codes a resident can read aloud (Crockford base32, no
 * I, L, O or U), hex identifiers for forms, and HMAC tags that prove a
 * cookie value came from us.
 */
#ifndef YV_CORE_TOKEN_H
#define YV_CORE_TOKEN_H

#include <stddef.h>

#define TOKEN_KEY_BYTES 32
#define TOKEN_RECEIPT_LEN 14 /* XXXX-XXXX-XXXX: 60 random bits */

/* Call once before any other function (sodium_init). 0 or -1. */
int token_init(void);

/* A receipt code: out must hold TOKEN_RECEIPT_LEN + 1 bytes. */
void token_receipt(char *out);

/* 1 if s has the shape of a receipt code (any case, with or without dashes). */
int token_receipt_valid(const char *s);

/* Canonical form of a typed receipt code (upper case, dashes, O→0, I/L→1); -1 if malformed. */
int token_receipt_normalise(const char *in, char *out);

/* nbytes random bytes as lower-case hex: out holds 2 * nbytes + 1 bytes. */
void token_hex(char *out, size_t nbytes);

/*
 * A hex HMAC-SHA-256 tag of msg under key (64 hex digits + NUL in out),
 * and its constant-time check.
 */
void token_sign(const unsigned char key[TOKEN_KEY_BYTES], const char *msg, char out[65]);
int token_verify(const unsigned char key[TOKEN_KEY_BYTES], const char *msg, const char *tag);

/* Hex SHA-256 of s (64 digits + NUL). */
void token_sha256(const char *s, char out[65]);

/*
 * How a code that unlocks a resident's data (receipt, resume, invitation,
 * submission id) is stored: HMAC-SHA-256 under the installation key of the
 * hex SHA-256 of the code (64 hex digits + NUL). Hashing twice lets a
 * stored plain SHA-256 of a code be converted without the code
 * (token_code_rehash). A copy of the database without the key proves
 * nothing about any code.
 */
void token_code_hash(const unsigned char key[TOKEN_KEY_BYTES], const char *code, char out[65]);
void token_code_rehash(const unsigned char key[TOKEN_KEY_BYTES], const char *sha256hex,
		       char out[65]);

/*
 * The receipt code of a submission id, derived under the key (same shape
 * as token_receipt): a replayed send recomputes the receipt it was first
 * given without any copy of it being stored.
 */
void token_receipt_derive(const unsigned char key[TOKEN_KEY_BYTES], const char *sid, char *out);

/*
 * Read the key from path, or create it (mode 0600) with random bytes when
 * absent. 0, or -1 with a message in err.
 */
int token_key_load(const char *path, unsigned char key[TOKEN_KEY_BYTES], char *err, size_t errlen);

#endif
