/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * words_int: what words.c (lists, English, language guess) and welsh.c
 * (glossary, frequencies, Hunspell demutation, plurals) share, and
 * nothing else includes: the loaded data of a struct text_lang.
 */
#ifndef YV_TEXT_WORDS_INT_H
#define YV_TEXT_WORDS_INT_H

#include <hunspell/hunspell.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "text/map.h"
#include "text/text.h"

#define WORD_MAX 256

struct text_lang_priv {
	struct text_map stop[2];
	struct sb_stemmer *en_stemmer;
	Hunhandle *hunspell;
	int hunspell_failed;
	struct text_map cy_seen;  /* Welsh word → id; stem in cy_stem[id] */
	struct text_map cy_stems; /* stem strings */
	uint32_t *cy_stem;
	size_t cy_stem_cap;
	struct text_map nontopic[2]; /* praise, filler, question echoes */
	struct text_map pos;	     /* English words that are not nouns (en/pos.tsv) */
	char *pos_class;	     /* by id in pos: 'v', 'a' or 'r' */
	size_t pos_cap;
	struct text_map gloss;	    /* Welsh form (radical or mutated) → id */
	struct text_map gloss_en;   /* id → English word (same ids) */
	uint32_t *gloss_to;	    /* by gloss id: id in gloss_en */
	uint32_t *gloss_rad;	    /* by gloss id: id of its radical in gloss_rads */
	struct text_map gloss_rads; /* Welsh radical forms */
	size_t gloss_cap;
	struct text_map cy_freq; /* Welsh word forms by corpus frequency */
	uint32_t *cy_freq_n;
	size_t cy_freq_cap;
	int lists_ready;
	char dir[1024];
};

/* words.c */
int words_en_phrase_terms(struct text_lang *l, const char *en, struct buf *out);
int words_too_short(const char *w, size_t n);
int words_all_digits(const char *w, size_t n);

/* welsh.c */
void welsh_load_glossary(struct text_lang_priv *p, const char *path);
void welsh_load_freq(struct text_lang_priv *p, const char *path);
/* Terms of one Welsh word (no clitic): as text_lang_terms. */
int welsh_part(struct text_lang *l, const char *w, size_t n, struct buf *out);
void welsh_release(struct text_lang_priv *p);

#endif
