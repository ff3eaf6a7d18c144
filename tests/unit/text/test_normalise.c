/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests for text_normalise (utf8proc NFC + case fold) and text_tokenise. */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "text/text.h"

static const char *norm(const char *s)
{
	static char out[256];
	struct buf b;
	int rc;

	buf_init(&b, sizeof(out) - 1);
	rc = text_normalise(s, strlen(s), &b);
	snprintf(out, sizeof(out), "%s", rc == 0 ? buf_cstr(&b) : "(error)");
	buf_release(&b);
	return out;
}

/* Tokens of s joined by '|'. */
static const char *toks(struct text_tokeniser *t, const char *s)
{
	static char out[256];
	struct text_span sp[32];
	int n = text_tokenise(t, s, strlen(s), sp, 32);
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < n && i < 32; i++) {
		int w = snprintf(out + len, sizeof(out) - len, "%s%.*s", i ? "|" : "",
				 (int)sp[i].len, s + sp[i].off);

		if (w < 0 || (size_t)w >= sizeof(out) - len)
			break;
		len += (size_t)w;
	}
	return out;
}

int main(void)
{
	struct text_tokeniser t;
	struct buf small;
	struct text_span sp[2];

	is_str(norm("Waiting TIMES"), "waiting times", "case is folded");
	is_str(norm("Cafe\xcc\x81"), "caf\xc3\xa9", "a combining accent is composed (NFC)");
	is_str(norm("STRASSE Stra\xc3\x9f"
		    "e"),
	       "strasse strasse", "full case folding: sharp s becomes ss");
	is_str(norm("mae\xe2\x80\x99n braf"), "mae'n braf", "a typographic apostrophe becomes '");
	is_str(norm("\xe2\x80\x98quoted\xe2\x80\x99"), "'quoted'", "left quote mark too");
	is_str(norm("T\xc5\xb4R"), "t\xc5\xb5r", "Welsh circumflex letters fold (TŴR → tŵr)");
	is_str(norm("bad \xff byte"), "(error)", "invalid UTF-8 is refused");
	{
		/* The ASCII fast path folds every byte as utf8proc does: the
		 * same text with one accented letter takes utf8proc's path. */
		char ascii[130], mixed[140], fast[256];
		size_t k = 0;

		for (int c = 1; c < 128; c++)
			ascii[k++] = (char)c;
		ascii[k] = '\0';
		snprintf(mixed, sizeof(mixed), "%s\xc3\x89", ascii);
		snprintf(fast, sizeof(fast), "%s\xc3\xa9", norm(ascii));
		is_str(norm(mixed), fast, "ASCII folds the same without utf8proc as with it");
	}
	buf_init(&small, 4);
	is_int(text_normalise("abcdefgh", 8, &small), -1, "output past the buffer's maximum fails");
	buf_release(&small);

	ok(text_tokeniser_init(&t) == 0, "tokeniser pattern compiles");
	is_str(toks(&t, "the bus, the A470; caf\xc3\xa9!"), "the|bus|the|A470|caf\xc3\xa9",
	       "words split on spaces and punctuation, letters and digits together");
	is_str(toks(&t, "mae'n braf i'r plant"), "mae'n|braf|i'r|plant",
	       "inner apostrophes stay with the word (Welsh clitics)");
	is_str(toks(&t, "don't 'quoted' it's"), "don't|quoted|it's",
	       "leading and trailing apostrophes are not part of a word");
	is_str(toks(&t, "\xce\xb1\xce\xb2\xce\xb3 \xd0\xb4\xd0\xb0"),
	       "\xce\xb1\xce\xb2\xce\xb3|\xd0\xb4\xd0\xb0",
	       "Unicode letters of any script are word characters");
	is_str(toks(&t, "  ... -- !!"), "", "no words in punctuation");
	is_int(text_tokenise(&t, "a b c d e", 9, sp, 2), 5, "the count is returned even past max");
	is_int((int)sp[1].off, 2, "spans hold byte offsets");
	text_tokeniser_release(&t);
	return tap_done();
}
