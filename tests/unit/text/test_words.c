/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests for stop words, language guess, English stemming and Welsh
 * clitics and mutations (text_lang_*). Reads the data in locale/text. */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "text/text.h"

static struct text_lang L;

/* The terms of one normalised word, joined by '|'; "(none)" for none. */
static const char *terms(enum text_language lang, const char *w)
{
	static char out[256];
	struct buf b;
	int n;
	size_t p = 0, len = 0;

	buf_init(&b, 1024);
	n = text_lang_terms(&L, lang, w, strlen(w), &b);
	out[0] = '\0';
	if (n <= 0)
		snprintf(out, sizeof(out), "%s", n == 0 ? "(none)" : "(error)");
	for (int i = 0; i < n; i++) {
		const char *t = b.data + p;
		int k = snprintf(out + len, sizeof(out) - len, "%s%s", i ? "|" : "", t);

		if (k > 0)
			len += (size_t)k;
		p += strlen(t) + 1;
	}
	buf_release(&b);
	return out;
}

/* 1 when the Welsh word and the English one give the same terms. */
static int same_terms(const char *cy, const char *en)
{
	char a[256];

	snprintf(a, sizeof(a), "%s", terms(TEXT_LANG_CY, cy));
	return strcmp(a, "(none)") != 0 && strcmp(a, terms(TEXT_LANG_EN, en)) == 0;
}

static enum text_language detect(const char *s)
{
	struct text_tokeniser t;
	struct text_span sp[64];
	int n;
	enum text_language lg;

	text_tokeniser_init(&t);
	n = text_tokenise(&t, s, strlen(s), sp, 64);
	lg = text_lang_detect(&L, s, sp, n > 64 ? 64 : n);
	text_tokeniser_release(&t);
	return lg;
}

static const char *cy_stem(const char *w)
{
	static char out[128];
	struct buf b;

	buf_init(&b, 120);
	text_lang_cy_stem(&L, w, strlen(w), &b);
	snprintf(out, sizeof(out), "%s", buf_cstr(&b));
	buf_release(&b);
	return out;
}

int main(void)
{
	struct text_lang bad;

	ok(text_lang_init(&bad, "/nonexistent") == -1, "a missing data directory is an error");
	if (!ok(text_lang_init(&L, YV_SRCDIR "/locale/text") == 0, "data loads from locale/text"))
		return tap_done();

	ok(text_lang_is_stop(&L, TEXT_LANG_EN, "the", 3), "'the' is an English stop word");
	ok(!text_lang_is_stop(&L, TEXT_LANG_EN, "nothing", 7),
	   "'nothing' is kept: it means something in feedback");
	ok(text_lang_is_stop(&L, TEXT_LANG_CY, "yr", 2), "'yr' is a Welsh stop word");
	ok(text_lang_is_stop(&L, TEXT_LANG_CY, "'r", 2), "the clitic 'r is a Welsh stop word");
	ok(!text_lang_is_stop(&L, TEXT_LANG_CY, "ysgol", 5), "'ysgol' is not a stop word");

	is_str(terms(TEXT_LANG_EN, "waiting"), "wait", "English words are stemmed (Snowball)");
	is_str(terms(TEXT_LANG_EN, "appointments"), "appoint", "plural and suffix stemmed");
	is_str(terms(TEXT_LANG_EN, "the"), "(none)", "stop words give no term");
	is_str(terms(TEXT_LANG_EN, "patient's"), "patient", "possessive 's dropped");
	is_str(terms(TEXT_LANG_EN, "don't"), "(none)", "contracted stop word dropped");
	is_str(terms(TEXT_LANG_EN, "2019"), "(none)", "bare numbers give no term");
	is_str(terms(TEXT_LANG_EN, "a470"), "a470", "letters with digits are kept");

	is_str(cy_stem("gath"), "cath", "soft mutation undone: gath → cath");
	is_str(cy_stem("mhentref"), "pentref", "nasal mutation undone: mhentref → pentref");
	is_str(cy_stem("nheulu"), "teulu", "nasal mutation undone: nheulu → teulu");
	is_str(cy_stem("chath"), "cath", "aspirate mutation undone: chath → cath");
	is_str(cy_stem("qzxv"), "qzxv", "an unknown word is kept as it is");
	is_str(cy_stem("barcio"), "parcio",
	       "the radical is preferred when the mutated form is a word too");
	is_str(cy_stem("lyfrau"), "llyfr", "soft mutation ll → l undone, plural stemmed");
	is_str(terms(TEXT_LANG_CY, "i'r"), "(none)",
	       "i'r: preposition and clitic, both stop words");
	is_str(terms(TEXT_LANG_CY, "mae'n"), "(none)", "mae'n: verb and clitic, both stop words");
	is_str(terms(TEXT_LANG_CY, "ngardd"), "gardd",
	       "Welsh terms are demutated (ngardd → gardd)");
	is_str(terms(TEXT_LANG_CY, "ngardd'r"), "gardd", "clitic split off, stem demutated");
	is_str(terms(TEXT_LANG_CY, "gymuned'r"), "communiti",
	       "a glossary word, mutated, joins its English term (gymuned -> community)");
	ok(same_terms("barcio", "parking"), "parcio (mutated: barcio) and parking are one term");
	ok(same_terms("ffyrdd", "road"), "plural ffyrdd joins road, as ffordd does");
	ok(same_terms("fysiau", "bus"), "fysiau (bysiau) is bus");
	ok(same_terms("golau", "lighting"), "golau is lighting, not a mutated 'col'");
	ok(same_terms("bin", "bin"), "bin stays bin, not 'pin'");
	is_str(terms(TEXT_LANG_CY, "rhy"), "(none)", "rhy (too) is a stop word");
	ok(same_terms("papurau", "papur"), "a regular plural joins its singular (papurau, papur)");
	ok(same_terms("gofalwyr", "carer"), "gofalwyr is carers (glossary plural)");
	ok(!same_terms("golau", "gol"), "golau is a word, not the plural of 'gol'");
	is_int(text_lang_word_class(&L, "received", 8), 'v', "received is a verb form");
	is_int(text_lang_word_class(&L, "mental", 6), 'a', "mental is an adjective");
	is_int(text_lang_word_class(&L, "clearly", 7), 'r', "clearly is an adverb");
	is_int(text_lang_word_class(&L, "ward", 4), 'n', "ward is a noun");
	is_int(text_lang_word_class(&L, "parking", 7), 'n', "parking (a gerund) heads a label");
	is_int(text_lang_word_class(&L, "care", 4), 'n', "care is a noun too");
	is_int(text_lang_word_class(&L, "magento", 7), 'n', "an unknown name may head a label");
	is_int(text_lang_word_class(&L, "normalises", 10), 'v', "-ises: a verb form");
	is_str(terms(TEXT_LANG_EN, "lovely"), "(none)", "praise words are not topic terms");
	is_str(terms(TEXT_LANG_CY, "yr"), "(none)", "Welsh stop words give no term");

	is_int(detect("the bus is always late and there is nowhere to park"), TEXT_LANG_EN,
	       "an English answer is English");
	is_int(detect("mae'r bws yn hwyr bob amser ac nid oes lle i barcio"), TEXT_LANG_CY,
	       "a Welsh answer is Welsh");
	is_int(detect("angen mwy o lyfrau yn y llyfrgell"), TEXT_LANG_CY, "short Welsh answer");
	is_int(detect("parking"), TEXT_LANG_EN, "no function words: English by default");
	is_int(detect("d\xc5\xb5r glan"), TEXT_LANG_CY,
	       "a letter with a circumflex (ŵ) tells Welsh");
	text_lang_release(&L);
	return tap_done();
}
