/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * welsh: Welsh words into index terms — the bilingual glossary
 * (cy/glossary.tsv, every form entered with its mutations), the frequency
 * list that chooses among Hunspell's readings, demutation through Hunspell
 * cy_GB (whose prefix rules undo initial mutations) and regular plurals
 * reduced to a dictionary-checked singular. Uses: words_int.h (the loaded
 * lists), map.h, Hunspell. API in text.h.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text/map.h"
#include "text/text.h"
#include "text/words_int.h"

/* Add one Welsh form to the glossary, first entry wins. */
static void gloss_add(struct text_lang_priv *p, const char *cy, size_t n, uint32_t en, uint32_t rad)
{
	int added;
	uint32_t id = text_map_intern(&p->gloss, cy, n, &added);

	if (!added)
		return;
	if (id >= p->gloss_cap) {
		p->gloss_cap = p->gloss_cap ? p->gloss_cap * 2 : 1024;
		p->gloss_to = xrealloc(p->gloss_to, p->gloss_cap * sizeof(*p->gloss_to));
		p->gloss_rad = xrealloc(p->gloss_rad, p->gloss_cap * sizeof(*p->gloss_rad));
	}
	p->gloss_to[id] = en;
	p->gloss_rad[id] = rad;
}

/* The radical and its soft, nasal, aspirate and h- mutated forms, so that a
 * glossary entry also catches "barcio", "mharcio" for "parcio" without
 * trusting Hunspell's first guess. */
static void gloss_add_mutations(struct text_lang_priv *p, const char *w, size_t n, uint32_t en)
{
	static const struct {
		const char *from, *to[3];
	} rules[] = {
	    {"c", {"g", "ngh", "ch"}}, {"p", {"b", "mh", "ph"}},  {"t", {"d", "nh", "th"}},
	    {"g", {"", "ng", NULL}},   {"b", {"f", "m", NULL}},	  {"d", {"dd", "n", NULL}},
	    {"m", {"f", NULL, NULL}},  {"ll", {"l", NULL, NULL}}, {"rh", {"r", NULL, NULL}},
	};
	char tmp[WORD_MAX + 4];
	uint32_t rad = text_map_intern(&p->gloss_rads, w, n, NULL);

	gloss_add(p, w, n, en, rad);
	if (n + 4 >= sizeof(tmp) || n < 2)
		return;
	if (strchr("aeiouwyâêîôûŵŷ", w[0]) != NULL && (unsigned char)w[0] < 0x80) {
		tmp[0] = 'h';
		memcpy(tmp + 1, w, n);
		gloss_add(p, tmp, n + 1, en, rad);
		return;
	}
	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
		size_t fl = strlen(rules[r].from);

		if (strncmp(w, rules[r].from, fl) != 0)
			continue;
		/* "ch", "ph", "th", "dd", "ng", "ll" are letters of their own */
		if (fl == 1 && n > 1 &&
		    ((w[0] == 'c' && w[1] == 'h') || (w[0] == 'p' && w[1] == 'h') ||
		     (w[0] == 't' && w[1] == 'h') || (w[0] == 'd' && w[1] == 'd') ||
		     (w[0] == 'g' && w[1] == 'h') || (w[0] == 'm' && w[1] == 'h')))
			continue;
		for (int k = 0; k < 3 && rules[r].to[k] != NULL; k++) {
			size_t tl = strlen(rules[r].to[k]);

			memcpy(tmp, rules[r].to[k], tl);
			memcpy(tmp + tl, w + fl, n - fl);
			if (tl + n - fl > 1)
				gloss_add(p, tmp, tl + n - fl, en, rad);
		}
		break;
	}
}

/*
 * The bilingual glossary: "cymraeg[,ffurf arall]<TAB>english" a line, '#'
 * comments. Every Welsh form is entered with its mutations. A missing file
 * is not an error (Welsh words then stay Welsh).
 */
void welsh_load_glossary(struct text_lang_priv *p, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];

	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		size_t len = strcspn(line, "\r\n");
		char *tab, *w;
		struct buf norm;
		uint32_t en;

		line[len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		tab = strchr(line, '\t');
		if (tab == NULL || tab[1] == '\0')
			continue;
		*tab = '\0';
		buf_init(&norm, WORD_MAX);
		if (text_normalise(tab + 1, strlen(tab + 1), &norm) < 0) {
			buf_release(&norm);
			continue;
		}
		en = text_map_intern(&p->gloss_en, norm.data, norm.len, NULL);
		buf_release(&norm);
		w = line;
		while (*w != '\0') {
			size_t wl = strcspn(w, ",");

			buf_init(&norm, WORD_MAX);
			if (wl > 0 && text_normalise(w, wl, &norm) == 0 && norm.len > 0)
				gloss_add_mutations(p, norm.data, norm.len, en);
			buf_release(&norm);
			w += wl;
			if (*w == ',')
				w++;
		}
	}
	fclose(f);
}

/* Welsh word frequencies ("word<TAB>count" a line), used to choose among
 * Hunspell's readings of a word. Missing file: no preference. */
void welsh_load_freq(struct text_lang_priv *p, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];

	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *tab = strchr(line, '\t'), *end;
		unsigned long v;
		uint32_t id;
		int added;

		if (tab == NULL || tab == line)
			continue;
		errno = 0;
		v = strtoul(tab + 1, &end, 10);
		if (errno != 0 || end == tab + 1)
			continue;
		id = text_map_intern(&p->cy_freq, line, (size_t)(tab - line), &added);
		if (!added)
			continue;
		if (id >= p->cy_freq_cap) {
			p->cy_freq_cap = p->cy_freq_cap ? p->cy_freq_cap * 2 : 4096;
			p->cy_freq_n =
			    xrealloc(p->cy_freq_n, p->cy_freq_cap * sizeof(*p->cy_freq_n));
		}
		p->cy_freq_n[id] = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
	}
	fclose(f);
}

static uint32_t cy_freq(const struct text_lang_priv *p, const char *w)
{
	long id = text_map_find(&p->cy_freq, w, strlen(w));

	return id < 0 ? 0 : p->cy_freq_n[id];
}

static int open_hunspell(struct text_lang_priv *p)
{
	char aff[1200], dic[1200];
	int a = snprintf(aff, sizeof(aff), "%s/cy/hunspell-cy/cy_GB.aff", p->dir);
	int d = snprintf(dic, sizeof(dic), "%s/cy/hunspell-cy/cy_GB.dic", p->dir);
	struct stat st;

	if (p->hunspell != NULL || p->hunspell_failed)
		return p->hunspell != NULL ? 0 : -1;
	if (a < 0 || d < 0 || (size_t)a >= sizeof(aff) || (size_t)d >= sizeof(dic) ||
	    stat(aff, &st) != 0 || stat(dic, &st) != 0) {
		fprintf(stderr,
			"yourvoice: Welsh dictionary not found under %s/cy/hunspell-cy; "
			"Welsh words are used without mutation normalisation\n",
			p->dir);
		p->hunspell_failed = 1;
		return -1;
	}
	p->hunspell = Hunspell_create(aff, dic);
	if (p->hunspell == NULL) {
		p->hunspell_failed = 1;
		return -1;
	}
	return 0;
}

int text_lang_cy_stem(struct text_lang *l, const char *w, size_t n, struct buf *out)
{
	struct text_lang_priv *p = l->p;
	int added;
	uint32_t id;
	char word[WORD_MAX];

	if (n >= sizeof(word))
		return buf_append(out, w, n);
	id = text_map_intern(&p->cy_seen, w, n, &added);
	if (added) {
		char **list = NULL;
		int k = 0;
		uint32_t sid;

		if (p->cy_stem_cap <= id) {
			p->cy_stem_cap = p->cy_stem_cap ? p->cy_stem_cap * 2 : 1024;
			p->cy_stem = xrealloc(p->cy_stem, p->cy_stem_cap * sizeof(*p->cy_stem));
		}
		memcpy(word, w, n);
		word[n] = '\0';
		if (open_hunspell(p) == 0)
			k = Hunspell_stem(p->hunspell, &list, word);
		if (k > 0) {
			/* Hunspell lists the word's own reading first when the
			 * mutated form is also a word ("barcio": barcio, parcio,
			 * parci). Prefer the first stem with another initial (the
			 * demutated radical), else the first: "gymuned" gives
			 * "cymuned", not the shorter "cymun". */
			int best = 0;
			uint32_t bf = 0;

			for (int i = 0; i < k; i++)
				if (list[i][0] != word[0]) {
					best = i;
					break;
				}
			/* ...unless the frequency list knows one reading better:
			 * "golau" is a word (light), not a mutated "col"; a
			 * reading the corpus has never seen loses to one it has. */
			bf = cy_freq(p, list[best]);
			for (int i = 0; i < k; i++) {
				uint32_t f = cy_freq(p, list[i]);

				if (f > bf) {
					bf = f;
					best = i;
				}
			}
			sid = text_map_intern(&p->cy_stems, list[best], strlen(list[best]), NULL);
		} else {
			sid = text_map_intern(&p->cy_stems, w, n, NULL);
		}
		if (list != NULL)
			Hunspell_free_list(p->hunspell, &list, k);
		p->cy_stem[id] = sid;
	}
	return buf_puts(out, text_map_key(&p->cy_stems, p->cy_stem[id]));
}

/* When w is a glossary form, put its English term (through the English
 * stages) into out, set *rc to their result and return 1; else 0. */
static int cy_gloss_term(struct text_lang *l, const char *w, size_t n, struct buf *out, int *rc)
{
	struct text_lang_priv *p = l->p;
	long id = text_map_find(&p->gloss, w, n);
	const char *en;

	if (id < 0)
		return 0;
	en = text_map_key(&p->gloss_en, p->gloss_to[id]);
	*rc = words_en_phrase_terms(l, en, out);
	return 1;
}

/*
 * The singular of a regular Welsh plural, checked against the dictionary:
 * "draeniau" → "draen", "gofalwyr" → "gofalwr", "cwteri" → "cwter". The
 * shorter form is taken only when Hunspell knows it as a word and it is
 * in the glossary or at least as frequent as the longer one ("golau" is a
 * word, not a plural of "gol"). Rewrites st (NUL-terminated, sl bytes)
 * and returns its new length.
 */
static size_t cy_singular(struct text_lang_priv *p, char *st, size_t sl)
{
	static const struct {
		const char *suf, *rep;
	} rules[] = {{"iau", ""}, {"au", ""},	 {"ion", ""}, {"on", ""}, {"oedd", ""},
		     {"ydd", ""}, {"wyr", "wr"}, {"od", ""},  {"i", ""},  {NULL, NULL}};
	char cand[WORD_MAX];

	if (open_hunspell(p) != 0 || sl >= sizeof(cand))
		return sl;
	for (int r = 0; rules[r].suf != NULL; r++) {
		size_t fl = strlen(rules[r].suf), rl = strlen(rules[r].rep);

		if (sl < fl + 3 || memcmp(st + sl - fl, rules[r].suf, fl) != 0)
			continue;
		memcpy(cand, st, sl - fl);
		memcpy(cand + sl - fl, rules[r].rep, rl);
		cand[sl - fl + rl] = '\0';
		if (!Hunspell_spell(p->hunspell, cand))
			continue;
		if (text_map_find(&p->gloss, cand, strlen(cand)) < 0 &&
		    cy_freq(p, cand) < cy_freq(p, st))
			continue;
		memcpy(st, cand, strlen(cand) + 1);
		return strlen(cand);
	}
	return sl;
}

int welsh_part(struct text_lang *l, const char *w, size_t n, struct buf *out)
{
	size_t mark;
	struct buf tmp;
	int rc;

	if (n == 0 || words_too_short(w, n) || words_all_digits(w, n) ||
	    text_lang_is_stop(l, TEXT_LANG_CY, w, n) ||
	    !text_lang_is_topical(l, TEXT_LANG_CY, w, n))
		return 0;
	/* A glossary word, as written or mutated: its English term, so that
	 * "parcio" and "parking" are one term. */
	if (cy_gloss_term(l, w, n, out, &rc))
		return rc;
	buf_init(&tmp, WORD_MAX * 4);
	if (text_lang_cy_stem(l, w, n, &tmp) < 0) {
		buf_release(&tmp);
		return -1;
	}
	/* Hunspell may keep the dictionary's capital: fold the stem again. */
	mark = out->len;
	if (text_normalise(tmp.data ? tmp.data : "", tmp.len, out) < 0) {
		buf_release(&tmp);
		return -1;
	}
	buf_release(&tmp);
	if (out->len > mark) {
		/* the radical may be a glossary word Hunspell found ("ffyrdd") */
		size_t sl = out->len - mark;
		char st[WORD_MAX];

		if (sl < sizeof(st)) {
			memcpy(st, out->data + mark, sl);
			st[sl] = '\0';
			out->len = mark;
			if (cy_gloss_term(l, st, sl, out, &rc))
				return rc;
			sl = cy_singular(l->p, st, sl);
			if (cy_gloss_term(l, st, sl, out, &rc))
				return rc;
			if (buf_append(out, st, sl) < 0)
				return -1;
		}
	}
	if (text_lang_is_stop(l, TEXT_LANG_CY, out->data + mark, out->len - mark) ||
	    !text_lang_is_topical(l, TEXT_LANG_CY, out->data + mark, out->len - mark)) {
		out->len = mark;
		out->data[mark] = '\0';
		return 0;
	}
	rc = buf_putc(out, '\0');
	return rc < 0 ? -1 : 1;
}

int text_lang_cy_radical(struct text_lang *l, const char *w, size_t n, struct buf *out)
{
	long id = text_map_find(&l->p->gloss, w, n);
	const char *apo = memchr(w, '\'', n);

	if (id >= 0)
		return buf_puts(out, text_map_key(&l->p->gloss_rads, l->p->gloss_rad[id]));
	if (apo != NULL) /* "ysgol'r": the word before its clitic */
		n = (size_t)(apo - w);
	id = text_map_find(&l->p->gloss, w, n);
	if (id >= 0)
		return buf_puts(out, text_map_key(&l->p->gloss_rads, l->p->gloss_rad[id]));
	return text_lang_cy_stem(l, w, n, out);
}

void welsh_release(struct text_lang_priv *p)
{
	if (p->hunspell != NULL)
		Hunspell_destroy(p->hunspell);
	p->hunspell = NULL;
}
