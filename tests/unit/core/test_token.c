/* SPDX-License-Identifier: AGPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/token.h"
#include "tap.h"

int main(void)
{
	char r1[TOKEN_RECEIPT_LEN + 1], r2[TOKEN_RECEIPT_LEN + 1], norm[TOKEN_RECEIPT_LEN + 1];
	char hex[33], tag[65];
	unsigned char key[TOKEN_KEY_BYTES], key2[TOKEN_KEY_BYTES];
	char err[256];

	ok(token_init() == 0, "libsodium initialises");
	token_receipt(r1);
	token_receipt(r2);
	is_int(strlen(r1), TOKEN_RECEIPT_LEN, "receipt has 14 characters");
	ok(r1[4] == '-' && r1[9] == '-', "receipt is grouped XXXX-XXXX-XXXX");
	ok(strcmp(r1, r2) != 0, "two receipts differ");
	ok(strpbrk(r1, "ILOU") == NULL, "no ambiguous letters in a receipt");
	ok(token_receipt_valid(r1), "a fresh receipt is valid");
	is_int(token_receipt_normalise("abcd efgh jkmn", norm), 0, "typed code normalises");
	is_str(norm, "ABCD-EFGH-JKMN", "lower case and spaces accepted");
	is_int(token_receipt_normalise("0O1I-L000-0000", norm), 0, "look-alike letters accepted");
	is_str(norm, "0011-1000-0000", "O is read as 0, I and L as 1");
	is_int(token_receipt_normalise("ABCD-EFGH-JKM", norm), -1, "too short refused");
	is_int(token_receipt_normalise("ABCD-EFGH-JKMNP", norm), -1, "too long refused");
	is_int(token_receipt_normalise("ABCD-EFGH-JKM!", norm), -1, "punctuation refused");
	is_int(token_receipt_normalise("ABCD-EFGH-JKMU", norm), -1, "U is not in the alphabet");
	token_hex(hex, 16);
	is_int(strlen(hex), 32, "16 random bytes give 32 hex digits");

	memset(key, 7, sizeof(key));
	token_sign(key, "survey:ABCD", tag);
	ok(token_verify(key, "survey:ABCD", tag), "a tag verifies with its key and message");
	ok(!token_verify(key, "survey:ABCE", tag), "a changed message fails");
	key[0] = 8;
	ok(!token_verify(key, "survey:ABCD", tag), "another key fails");
	ok(!token_verify(key, "survey:ABCD", "00"), "a short tag fails");

	{
		char h1[65], h2[65], sha[65], r1x[TOKEN_RECEIPT_LEN + 1],
		    r2x[TOKEN_RECEIPT_LEN + 1];

		token_code_hash(key, "ABCD-EFGH-JKMN", h1);
		ok(strstr(h1, "ABCD") == NULL && strlen(h1) == 64,
		   "a code hash is 64 hex digits, not the code");
		token_sha256("ABCD-EFGH-JKMN", sha);
		ok(strcmp(h1, sha) != 0, "a code hash is not the plain SHA-256 of the code");
		token_code_rehash(key, sha, h2);
		ok(strcmp(h1, h2) == 0, "a stored plain SHA-256 converts to the code hash");
		key[0] = 9;
		token_code_hash(key, "ABCD-EFGH-JKMN", h2);
		ok(strcmp(h1, h2) != 0, "another key gives another code hash");
		token_receipt_derive(key, "0123456789abcdef0123456789abcdef", r1x);
		token_receipt_derive(key, "0123456789abcdef0123456789abcdef", r2x);
		ok(strcmp(r1x, r2x) == 0 && token_receipt_valid(r1x),
		   "a submission id derives one valid receipt");
		token_receipt_derive(key, "0123456789abcdef0123456789abcdee", r2x);
		ok(strcmp(r1x, r2x) != 0, "another submission id derives another receipt");
	}

	char path[] = "/tmp/yv-key-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	is_int(token_key_load(path, key, err, sizeof(err)), 0, "a missing key file is created");
	is_int(token_key_load(path, key2, err, sizeof(err)), 0, "the key file is read back");
	ok(memcmp(key, key2, sizeof(key)) == 0, "the same key both times");
	unlink(path);
	return tap_done();
}
