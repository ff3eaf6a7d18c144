/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * utf8: decoding, validation, counting and cutting of UTF-8 (see utf8.h).
 * Owns no state; uses utf8proc for the decoding rule and core/buf.
 */
#include "config.h"

#include <utf8proc.h>

#include "core/buf.h"
#include "core/utf8.h"

size_t utf8_decode(const char *s, size_t n, int32_t *cp)
{
	utf8proc_int32_t c = -1;
	utf8proc_ssize_t k;

	if (n == 0)
		return 0;
	if (n > 4)
		n = 4;
	k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
	if (k <= 0 || c < 0)
		return 0;
	if (cp != NULL)
		*cp = c;
	return (size_t)k;
}

int utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;

	while (i < n) {
		size_t k;

		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, NULL);
		if (k == 0) {
			if (bad != NULL)
				*bad = i;
			return 0;
		}
		i += k;
	}
	return 1;
}

size_t utf8_count(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (!utf8_is_cont((unsigned char)s[i]))
			c++;
	return c;
}

size_t utf8_next(const char *s, size_t n, size_t i)
{
	i++;
	while (i < n && utf8_is_cont((unsigned char)s[i]))
		i++;
	return i;
}

size_t utf8_cut_bytes(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && utf8_is_cont((unsigned char)s[max]))
		max--;
	return max;
}

size_t utf8_offset(const char *s, size_t n, size_t chars)
{
	size_t i = 0;

	while (i < n && chars > 0) {
		i = utf8_next(s, n, i);
		chars--;
	}
	return i;
}

size_t utf8_encode(int32_t cp, char out[4])
{
	utf8proc_ssize_t k;

	if (!utf8proc_codepoint_valid(cp))
		return 0;
	k = utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
	return k > 0 ? (size_t)k : 0;
}

int utf8_from_cp1252(const char *s, size_t n, struct buf *out)
{
	/* 0x80–0x9F: the printable characters Windows-1252 puts where Latin-1
	 * has C1 controls; the five undefined bytes become U+FFFD. */
	static const unsigned short hi[32] = {
	    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp = c < 0x80 ? c : c < 0xA0 ? hi[c - 0x80] : c;
		char u[4];

		if (buf_append(out, u, utf8_encode(cp, u)) < 0)
			return -1;
	}
	return 0;
}
