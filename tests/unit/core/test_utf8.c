/* SPDX-License-Identifier: AGPL-3.0-or-later */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "tap.h"

#define S(lit) lit, sizeof(lit) - 1

int main(void)
{
	int32_t cp = 0;
	size_t bad = 99;
	char u[4];
	struct buf b;
	char *p;

	/* decoding */
	is_int(utf8_decode(S("A"), &cp), 1, "ASCII is one byte");
	is_int(cp, 'A', "its code point");
	is_int(utf8_decode(S("\xC5\xB5"), &cp), 2, "ŵ (Welsh w circumflex) is two bytes");
	is_int(cp, 0x175, "ŵ is U+0175");
	is_int(utf8_decode(S("\xE2\x80\x99"), &cp), 3, "a typographic apostrophe is three bytes");
	is_int(cp, 0x2019, "’ is U+2019");
	is_int(utf8_decode(S("\xF0\x9F\x98\x80"), &cp), 4, "an emoji is four bytes");
	is_int(cp, 0x1F600, "😀 is U+1F600");
	is_int(utf8_decode(S("\xC0\xAF"), &cp), 0, "an overlong '/' is refused");
	is_int(utf8_decode(S("\xE0\x80\xAF"), &cp), 0, "a three-byte overlong is refused");
	is_int(utf8_decode(S("\xED\xA0\x80"), &cp), 0, "a surrogate is refused");
	is_int(utf8_decode(S("\xF4\x90\x80\x80"), &cp), 0, "past U+10FFFF is refused");
	is_int(utf8_decode(S("\xE2\x80"), &cp), 0, "a truncated sequence is refused");
	is_int(utf8_decode(S("\x80"), &cp), 0, "a lone continuation byte is refused");
	is_int(utf8_decode("", 0, &cp), 0, "nothing decodes to nothing");

	/* validation */
	ok(utf8_valid(S("Pa mor hir yw’r ffordd? ŵ ŷ"), NULL), "Welsh text is valid");
	ok(utf8_valid("", 0, NULL), "the empty string is valid");
	ok(!utf8_valid(S("caf\xE9 au lait"), &bad), "Latin-1 é is not UTF-8");
	is_int(bad, 3, "the offset of the first bad byte");
	ok(!utf8_valid(S("ok\xF0\x9F\x98"), &bad), "text cut inside an emoji is not valid");
	is_int(bad, 2, "the cut character's offset");

	/* counting, stepping, cutting */
	is_int(utf8_count(S("Llanfair’s ŵ")), 12, "characters, not bytes");
	is_int(utf8_next(S("ŵx"), 0), 2, "next steps over a whole character");
	is_int(utf8_next(S("ŵ"), 0), 2, "next stops at the end");
	is_int(utf8_cut_bytes(S("aŵ"), 2), 1, "a cut never splits a character");
	is_int(utf8_cut_bytes(S("aŵ"), 3), 3, "a cut at the end of a character keeps it");
	is_int(utf8_cut_bytes(S("ab"), 10), 2, "a short string is kept whole");
	is_int(utf8_offset(S("ŵŷz"), 2), 4, "offset of the third character");
	is_int(utf8_offset(S("ŵ"), 5), 2, "offset past the end is the length");

	/* encoding and Windows-1252 */
	is_int(utf8_encode(0x20AC, u), 3, "€ encodes in three bytes");
	ok(memcmp(u, "\xE2\x82\xAC", 3) == 0, "€ bytes");
	is_int(utf8_encode(0xD800, u), 0, "a surrogate does not encode");
	buf_init(&b, 64);
	ok(utf8_from_cp1252(S("caf\xE9 \x93quoted\x94 \x80 \x81"), &b) == 0,
	   "Windows-1252 converts");
	is_str(buf_cstr(&b), "café “quoted” € \xEF\xBF\xBD",
	       "é, curly quotes, € and an undefined byte");
	ok(utf8_valid(b.data, b.len, NULL), "the conversion is valid UTF-8");
	buf_release(&b);
	buf_init(&b, 4);
	ok(utf8_from_cp1252(S("\xE9\xE9\xE9"), &b) < 0, "a full buffer is reported");
	buf_release(&b);

	/* the allocators (core/alloc) */
	p = xstrndup("abcdef", 3);
	is_str(p, "abc", "xstrndup copies at most n bytes");
	p = xrealloc(p, 0);
	ok(p != NULL, "a zero-size xrealloc still gives memory");
	free(p);
	p = xcalloc(0, 0);
	ok(p != NULL, "a zero-size xcalloc still gives memory");
	free(p);
	return tap_done();
}
