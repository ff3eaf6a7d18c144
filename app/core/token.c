/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* token: random codes and HMAC tags with libsodium (see token.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "core/token.h"

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

int token_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void token_receipt(char *out)
{
	unsigned char r[12];
	size_t j = 0;

	randombytes_buf(r, sizeof(r));
	for (size_t i = 0; i < 12; i++) {
		if (i == 4 || i == 8)
			out[j++] = '-';
		out[j++] = crockford[r[i] & 31];
	}
	out[j] = '\0';
	sodium_memzero(r, sizeof(r));
}

int token_receipt_normalise(const char *in, char *out)
{
	size_t n = 0, j = 0;

	for (const char *p = in; *p != '\0'; p++) {
		char c = *p;

		if (c == '-' || c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (strchr(crockford, c) == NULL || c == '\0' || n >= 12)
			return -1;
		if (n == 4 || n == 8)
			out[j++] = '-';
		out[j++] = c;
		n++;
	}
	if (n != 12)
		return -1;
	out[j] = '\0';
	return 0;
}

int token_receipt_valid(const char *s)
{
	char tmp[TOKEN_RECEIPT_LEN + 1];

	return strlen(s) <= 20 && token_receipt_normalise(s, tmp) == 0;
}

void token_hex(char *out, size_t nbytes)
{
	unsigned char r[64];

	if (nbytes > sizeof(r))
		nbytes = sizeof(r);
	randombytes_buf(r, nbytes);
	sodium_bin2hex(out, nbytes * 2 + 1, r, nbytes);
	sodium_memzero(r, sizeof(r));
}

void token_sign(const unsigned char key[TOKEN_KEY_BYTES], const char *msg, char out[65])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	sodium_bin2hex(out, 65, mac, sizeof(mac));
}

int token_verify(const unsigned char key[TOKEN_KEY_BYTES], const char *msg, const char *tag)
{
	char want[65];

	if (strlen(tag) != 64)
		return 0;
	token_sign(key, msg, want);
	return sodium_memcmp(want, tag, 64) == 0;
}

void token_sha256(const char *s, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

void token_code_rehash(const unsigned char key[TOKEN_KEY_BYTES], const char *sha256hex,
		       char out[65])
{
	token_sign(key, sha256hex, out);
}

void token_code_hash(const unsigned char key[TOKEN_KEY_BYTES], const char *code, char out[65])
{
	char h[65];

	token_sha256(code, h);
	token_code_rehash(key, h, out);
	sodium_memzero(h, sizeof(h));
}

void token_receipt_derive(const unsigned char key[TOKEN_KEY_BYTES], const char *sid, char *out)
{
	static const char label[] = "yourvoice receipt:";
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	size_t j = 0;

	crypto_auth_hmacsha256_init(&st, key, TOKEN_KEY_BYTES);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)label, sizeof(label) - 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)sid, strlen(sid));
	crypto_auth_hmacsha256_final(&st, mac);
	for (size_t i = 0; i < 12; i++) {
		if (i == 4 || i == 8)
			out[j++] = '-';
		out[j++] = crockford[mac[i] & 31];
	}
	out[j] = '\0';
	sodium_memzero(mac, sizeof(mac));
}

int token_key_load(const char *path, unsigned char key[TOKEN_KEY_BYTES], char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0 && errno == ENOENT) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0) {
			snprintf(err, errlen, "%s: cannot create the secret key: %s", path,
				 strerror(errno));
			return -1;
		}
		randombytes_buf(key, TOKEN_KEY_BYTES);
		n = write(fd, key, TOKEN_KEY_BYTES);
		close(fd);
		if (n != TOKEN_KEY_BYTES) {
			snprintf(err, errlen, "%s: cannot write the secret key", path);
			return -1;
		}
		return 0;
	}
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot read the secret key: %s", path, strerror(errno));
		return -1;
	}
	n = read(fd, key, TOKEN_KEY_BYTES);
	close(fd);
	if (n != TOKEN_KEY_BYTES) {
		snprintf(err, errlen, "%s: the secret key must hold %d bytes", path,
			 TOKEN_KEY_BYTES);
		return -1;
	}
	return 0;
}
