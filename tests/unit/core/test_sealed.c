/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* sealed: values a browser holds for us, encrypted and authenticated. */
#include "config.h"

#include <string.h>

#include "core/arena.h"
#include "core/sealed.h"
#include "core/token.h"
#include "tap.h"

int main(void)
{
	struct arena a;
	unsigned char key[TOKEN_KEY_BYTES], other[TOKEN_KEY_BYTES];
	const char *ctx = "journey:what-matters:0123abcd";
	const char *text = "2\n0\n1764806400\n{\"priority\":[\"schools\"]}";
	const char *s, *s2, *o;
	char *bad;
	size_t n = 0;

	ok(token_init() == 0, "libsodium initialises");
	arena_init(&a, 0);
	memset(key, 3, sizeof(key));
	memset(other, 4, sizeof(other));

	s = sealed_seal(&a, key, ctx, text, strlen(text), 4000);
	ok(s != NULL, "a short text seals");
	is_int(strlen(s), sealed_len(strlen(text)), "sealed_len says how long it is");
	ok(strncmp(s, "1.", 2) == 0, "a sealed value starts with its version");
	ok(strspn(s + 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
	       strlen(s) - 2,
	   "only URL-safe base64 (a cookie value needs no quoting)");
	ok(strstr(s, "schools") == NULL, "the text cannot be read in the sealed value");
	o = sealed_open(&a, key, ctx, s, &n);
	ok(o != NULL && strcmp(o, text) == 0, "it opens to the same text");
	is_int(n, strlen(text), "with its length");
	s2 = sealed_seal(&a, key, ctx, text, strlen(text), 4000);
	ok(s2 != NULL && strcmp(s, s2) != 0, "sealing twice gives two values (random nonce)");

	ok(sealed_open(&a, key, "journey:what-matters:0123abce", s, NULL) == NULL,
	   "another session's context does not open it (a foreign cookie)");
	ok(sealed_open(&a, key, "journey:budget-2026:0123abcd", s, NULL) == NULL,
	   "another survey's context does not open it");
	ok(sealed_open(&a, other, ctx, s, NULL) == NULL,
	   "another installation's key does not open it");

	bad = arena_strdup(&a, s);
	bad[10] = bad[10] == 'A' ? 'B' : 'A';
	ok(sealed_open(&a, key, ctx, bad, NULL) == NULL, "a changed byte is refused");
	bad = arena_strndup(&a, s, strlen(s) - 1);
	ok(sealed_open(&a, key, ctx, bad, NULL) == NULL, "a cut value is refused");
	bad = arena_printf(&a, "%sA", s);
	ok(sealed_open(&a, key, ctx, bad, NULL) == NULL, "a lengthened value is refused");
	ok(sealed_open(&a, key, ctx, s + 2, NULL) == NULL,
	   "a value without its version is refused");
	ok(sealed_open(&a, key, ctx, "1.", NULL) == NULL, "an empty value is refused");
	ok(sealed_open(&a, key, ctx, "1.AAAA", NULL) == NULL,
	   "a value shorter than a box is refused");
	ok(sealed_open(&a, key, ctx, "1.!!!!not base64!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", NULL) ==
	       NULL,
	   "a value that is not base64 is refused");
	ok(sealed_open(&a, key, ctx, NULL, NULL) == NULL, "no value is refused");

	s = sealed_seal(&a, key, ctx, "", 0, 4000);
	o = sealed_open(&a, key, ctx, s, &n);
	ok(o != NULL && o[0] == '\0' && n == 0, "an empty text seals and opens");
	{
		static char big[5000];

		memset(big, 'x', sizeof(big) - 1);
		ok(sealed_seal(&a, key, ctx, big, strlen(big), 3800) == NULL,
		   "a text whose sealed value passes the limit is refused (the caller stores it)");
		is_int(sealed_len(2800) <= 3800, 1, "2,800 bytes of text fit in 3,800");
		s = sealed_seal(&a, key, ctx, big, 2800, 3800);
		o = sealed_open(&a, key, ctx, s, &n);
		ok(s != NULL && o != NULL && n == 2800 && strncmp(o, big, 2800) == 0,
		   "a text just under the limit seals and opens whole");
		ok(sealed_seal(&a, key, ctx, big, 2800, sealed_len(2800) - 1) == NULL,
		   "one byte less room and it is refused");
	}
	arena_release(&a);
	return tap_done();
}
