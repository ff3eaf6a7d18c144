/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * text: the language stages of the free-text pipeline (DESIGN.md §7), one
 * function per stage so each is unit-tested alone:
 *   text_normalise  NFC + case fold (utf8proc), typographic apostrophe → '
 *   text_tokenise   words by Unicode property (PCRE2)
 *   text_lang_*     stop words (en, cy), language guess per answer,
 *                   English stemming (Snowball), Welsh clitics and
 *                   initial-mutation normalisation (Hunspell cy_GB)
 * The clustering, labels, quotes and shares live in themes.h; redaction in
 * redact.h. Linguistic data is read from a directory (text_data_dir()).
 */
#ifndef YV_TEXT_TEXT_H
#define YV_TEXT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* ---- data directory ---------------------------------------------------- */

/*
 * The directory holding en/ and cy/ (stop words, Hunspell files): `override`
 * when not NULL, else YV_PKGDATADIR "/text" when it exists, else the source
 * tree's locale/text (for in-tree builds and tests).
 */
const char *text_data_dir(const char *override);

/* ---- normalise ----------------------------------------------------------- */

/*
 * Append to `out` the NFC, case-folded form of the n bytes at s, with U+2019
 * and U+2018 turned into an ASCII apostrophe. Returns 0, or -1 on invalid
 * UTF-8 or when `out` reaches its maximum.
 */
int text_normalise(const char *s, size_t n, struct buf *out);

/* ---- tokenise ------------------------------------------------------------ */

struct text_tokeniser {
	void *re; /* pcre2_code_8 */
	void *md; /* pcre2_match_data_8 */
};

/* A token: byte offset and length into the tokenised string. */
struct text_span {
	size_t off, len;
};

int text_tokeniser_init(struct text_tokeniser *t);
void text_tokeniser_release(struct text_tokeniser *t);

/*
 * Split the n bytes at s, which must be valid UTF-8 (text_normalise()
 * output is; it is not checked again, for speed), into words: runs of letters, marks and digits
 * that start with a letter or digit, with inner apostrophes kept ("mae'n", "don't"). Stores at most
 * `max` spans and returns how many were found (which may exceed max: the rest are dropped), or -1
 * on a matching error.
 */
int text_tokenise(struct text_tokeniser *t, const char *s, size_t n, struct text_span *spans,
		  int max);

/* ---- words: stop lists, stemming, Welsh ---------------------------------- */

enum text_language { TEXT_LANG_EN = 0, TEXT_LANG_CY = 1 };

struct text_lang_priv; /* hash sets, stemmer, Hunspell handle */

struct text_lang {
	struct text_lang_priv *p;
};

/*
 * Load stop words from `dir` (en/stopwords.txt, cy/stopwords.txt) and
 * prepare the English stemmer; Hunspell is opened lazily. Returns 0 or -1
 * (with a message on stderr) when a file is missing.
 */
int text_lang_init(struct text_lang *l, const char *dir);
void text_lang_release(struct text_lang *l);

int text_lang_is_stop(const struct text_lang *l, enum text_language lang, const char *w, size_t n);

/*
 * 0 when the word (normalised, before stemming) is on the language's
 * nontopic list (praise, filler, question echoes: "good", "lovely",
 * "think", "nothing", "improve"): such words never form or name a theme.
 */
int text_lang_is_topical(const struct text_lang *l, enum text_language lang, const char *w,
			 size_t n);

/*
 * The commonest part of speech of an English word (normalised, as
 * written): 'v' verb form, 'a' adjective, 'r' adverb (en/pos.tsv, from
 * WordNet), else 'n' (nouns, gerunds, and words WordNet does not know,
 * such as names). Theme labels are noun phrases: only an 'n' word heads one.
 */
char text_lang_word_class(const struct text_lang *l, const char *w, size_t n);

/*
 * Guess the language of an answer from its normalised tokens: Welsh when
 * more of its words are Welsh function words (or carry Welsh letters such as
 * ŵ, ŷ) than English ones. Ties go to English.
 */
enum text_language text_lang_detect(const struct text_lang *l, const char *s,
				    const struct text_span *spans, int n);

/*
 * Turn one normalised token into zero, one or two index terms, each
 * appended to `out` followed by a NUL: stop words give none; Welsh clitics
 * are split off ("i'r" → "i" + "'r", both stop words here) and mutated
 * initials undone through Hunspell ("gath" → "cath"); English words are
 * stemmed ("waiting" → "wait"). Returns the number of terms, or -1 when out
 * is full.
 */
int text_lang_terms(struct text_lang *l, enum text_language lang, const char *w, size_t n,
		    struct buf *out);

/* Terms of a Welsh word also map through the bilingual glossary
 * (cy/glossary.tsv, every form entered with its mutations): a Welsh word
 * on it gives the English term(s) of its translation, so "parcio",
 * "barcio" and "parking" are one term. */

/* The dictionary form to show for a written Welsh word: its glossary
 * radical ("dref" → "tref", "barcio" → "parcio"), else its Hunspell stem.
 * Appends to out; 0 or -1. */
int text_lang_cy_radical(struct text_lang *l, const char *w, size_t n, struct buf *out);

/* Welsh mutation normalisation alone (exposed for tests): the dictionary
 * stem of a lower-case Welsh word, or the word itself when Hunspell knows no
 * stem. Appends to out; 0 or -1. */
int text_lang_cy_stem(struct text_lang *l, const char *w, size_t n, struct buf *out);

/* ---- stance and "nothing to add" (stance.c) ------------------------------ */

enum text_stance {
	TEXT_STANCE_NEUTRAL = 0,
	TEXT_STANCE_PRAISE,
	TEXT_STANCE_COMPLAINT,
	TEXT_STANCE_SUGGESTION
};
#define TEXT_NSTANCES 4

/*
 * 1 when the answer (normalised text s and its n tokens) says there is
 * nothing to add: a "nothing" cue ("nothing", "none", "no", "n/a", "dim")
 * and no word outside a short list of fillers ("all good", "can't think of
 * anything", "dim byd i'w ychwanegu"), 14 words at most. Else 0.
 */
int text_is_nothing(const char *s, const struct text_span *spans, int n);

/*
 * The stance of one answer from English and Welsh cue words, with negation
 * ("not good" is a complaint, "no problems" praise), "could be better" and
 * "would like" as suggestions, "nothing to improve" as praise.
 */
enum text_stance text_stance_of(const char *s, const struct text_span *spans, int n);

/* "praise", "complaint", "suggestion", "neutral". */
const char *text_stance_name(enum text_stance st);

#endif
