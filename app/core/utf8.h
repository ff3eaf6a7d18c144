/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * utf8: UTF-8 written once for every module, on utf8proc. One rule for what
 * is valid: the shortest form only, no surrogates (U+D800–U+DFFF), nothing
 * past U+10FFFF, no truncated sequence (utf8proc_iterate's rule, RFC 3629).
 * Lengths are always given (a NUL is an ordinary byte here); callers that
 * refuse control characters check the decoded code point themselves.
 * Uses utf8proc and core/buf only.
 */
#ifndef YV_CORE_UTF8_H
#define YV_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* Whether byte c continues a character (10xxxxxx) rather than starting one. */
static inline int utf8_is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* The character at s[0,n): its length in bytes (1–4) with its code point in
 * *cp, or 0 when the bytes there are not valid UTF-8 (or n is 0). */
size_t utf8_decode(const char *s, size_t n, int32_t *cp);
/* Whether s[0,n) is valid UTF-8 throughout. When not and bad is not NULL,
 * *bad is the byte offset of the first invalid character. */
int utf8_valid(const char *s, size_t n, size_t *bad);
/* Characters in s[0,n): the bytes that start one (the count for valid text;
 * stray continuation bytes are not counted). */
size_t utf8_count(const char *s, size_t n);
/* Offset of the character after the one starting at s[i] (i < n): past
 * the lead byte and its continuation bytes, at most n. */
size_t utf8_next(const char *s, size_t n, size_t i);
/* The longest prefix of s[0,n) of at most max bytes that ends at a
 * character boundary: its length. */
size_t utf8_cut_bytes(const char *s, size_t n, size_t max);
/* Byte offset where character number chars (from 0) starts; n when s has
 * fewer characters. */
size_t utf8_offset(const char *s, size_t n, size_t chars);
/* Code point cp as UTF-8 into out: its length (1–4), 0 if cp is not a
 * Unicode scalar value. */
size_t utf8_encode(int32_t cp, char out[4]);
/* Windows-1252 bytes (a superset of Latin-1: text saved by older office
 * software) as UTF-8, appended to out; undefined bytes become U+FFFD.
 * -1 when out is full. */
int utf8_from_cp1252(const char *s, size_t n, struct buf *out);

#endif
