/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* sealed: encrypted, authenticated values for the browser to hold (sealed.h). */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include "core/sealed.h"

#define SEALED_PREFIX "1."
#define SEALED_VARIANT sodium_base64_VARIANT_URLSAFE_NO_PADDING

/* The box key of a context: HMAC-SHA-256 under the installation key of a
 * label and the context, so that no two contexts share a key. */
static void context_key(const unsigned char key[TOKEN_KEY_BYTES], const char *context,
			unsigned char out[crypto_secretbox_KEYBYTES])
{
	static const char label[] = "yourvoice sealed v1:";
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, key, TOKEN_KEY_BYTES);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)label, sizeof(label) - 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)context, strlen(context));
	crypto_auth_hmacsha256_final(&st, out);
}

size_t sealed_len(size_t n)
{
	size_t raw = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n;

	return sizeof(SEALED_PREFIX) - 1 + sodium_base64_encoded_len(raw, SEALED_VARIANT) - 1;
}

const char *sealed_seal(struct arena *a, const unsigned char key[TOKEN_KEY_BYTES],
			const char *context, const char *text, size_t n, size_t max)
{
	unsigned char k[crypto_secretbox_KEYBYTES], *raw;
	size_t rawlen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n, outlen;
	char *out;

	if (n > max || sealed_len(n) > max)
		return NULL;
	outlen = sealed_len(n) + 1;
	raw = arena_alloc(a, rawlen);
	out = arena_alloc(a, outlen);
	if (raw == NULL || out == NULL)
		return NULL;
	context_key(key, context, k);
	randombytes_buf(raw, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(raw + crypto_secretbox_NONCEBYTES, (const unsigned char *)text, n,
			      raw, k);
	sodium_memzero(k, sizeof(k));
	memcpy(out, SEALED_PREFIX, sizeof(SEALED_PREFIX) - 1);
	sodium_bin2base64(out + sizeof(SEALED_PREFIX) - 1, outlen - (sizeof(SEALED_PREFIX) - 1),
			  raw, rawlen, SEALED_VARIANT);
	return out;
}

const char *sealed_open(struct arena *a, const unsigned char key[TOKEN_KEY_BYTES],
			const char *context, const char *sealed, size_t *n)
{
	unsigned char k[crypto_secretbox_KEYBYTES], *raw, *text;
	size_t len, rawlen = 0, maxraw;
	int rc;

	if (sealed == NULL || strncmp(sealed, SEALED_PREFIX, sizeof(SEALED_PREFIX) - 1) != 0)
		return NULL;
	sealed += sizeof(SEALED_PREFIX) - 1;
	len = strlen(sealed);
	maxraw = len / 4 * 3 + 3;
	if (maxraw < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		return NULL;
	raw = arena_alloc(a, maxraw);
	if (raw == NULL)
		return NULL;
	if (sodium_base642bin(raw, maxraw, sealed, len, NULL, &rawlen, NULL, SEALED_VARIANT) != 0 ||
	    rawlen < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		return NULL;
	len = rawlen - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	text = arena_alloc(a, len + 1);
	if (text == NULL)
		return NULL;
	context_key(key, context, k);
	rc = crypto_secretbox_open_easy(text, raw + crypto_secretbox_NONCEBYTES,
					rawlen - crypto_secretbox_NONCEBYTES, raw, k);
	sodium_memzero(k, sizeof(k));
	if (rc != 0)
		return NULL;
	text[len] = '\0';
	if (n != NULL)
		*n = len;
	return (const char *)text;
}
