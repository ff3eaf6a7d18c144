/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sealed: text the server hands to a browser to hold and give back
 * unchanged (a resident's answers in progress, in a cookie), encrypted and
 * authenticated with libsodium's secretbox (XSalsa20-Poly1305) under a key
 * derived from the installation key and a context: the survey and session
 * the text belongs to. The browser can neither read nor change it, and a
 * value sealed for one context (another session, another survey, another
 * installation) does not open in any other. Written as "1." and URL-safe
 * base64 without padding of the nonce and the box: safe in a cookie value.
 */
#ifndef YV_CORE_SEALED_H
#define YV_CORE_SEALED_H

#include <stddef.h>

#include "core/arena.h"
#include "core/token.h"

/* Bytes a sealed value of a text of n bytes takes (without the NUL). */
size_t sealed_len(size_t n);

/*
 * text (n bytes) sealed for context, in the arena; NULL when the sealed
 * value would be longer than max bytes (or out of memory).
 */
const char *sealed_seal(struct arena *a, const unsigned char key[TOKEN_KEY_BYTES],
			const char *context, const char *text, size_t n, size_t max);

/*
 * Open a sealed value for context: the text (NUL-terminated, in the arena,
 * its length in *n when n is not NULL), or NULL when the value is not one
 * this installation sealed for this context, or was changed.
 */
const char *sealed_open(struct arena *a, const unsigned char key[TOKEN_KEY_BYTES],
			const char *context, const char *sealed, size_t *n);

#endif
