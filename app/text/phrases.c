/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * phrases: theme labels from the answers' own words (issue 17).
 * Owns: the noun phrases written in the answers ("car parking", "waiting
 * for an ambulance", "food on the ward"; in Welsh "parcio ceir", "treth y
 * cyngor"), counted per theme against the whole set, and the choice of each
 * theme's English and Welsh label and of the phrases that describe it.
 * Uses: text.h (normalise, tokenise, terms, parts of speech), map.h and
 * themes_int.h; knows nothing of how themes were grouped.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "text/map.h"
#include "text/text.h"
#include "text/themes.h"
#include "text/themes_int.h"

#define PH_SAMPLE 8000	 /* answers read for the whole set's counts (evenly spaced) */
#define PH_THEME_MIN 200 /* and at least this many of each theme */
#define PH_TOKENS 80	 /* words read per answer */
#define PH_CANDS 40	 /* best phrases kept per theme and language */
#define PH_WORD_MAX 64	 /* longer "words" are not label material */

enum { PT_BREAK, PT_WORD, PT_PREP, PT_DET };

/* One word of an answer as the phrase finder sees it. */
struct ptok {
	int kind;
	char cls;      /* English part of speech, 'n' for Welsh words */
	const char *w; /* as written (normalised) */
	size_t n;
	size_t term, tlen; /* its terms, in the answer's term buffer */
	int glue;	   /* written without a space before ("'r") */
};

/* A counted phrase: its key ("e car park", "e wait ~for ambul"), content
 * terms, and the commonest written form. */
struct phrase_tab {
	struct text_map keys, surf;
	struct text_map64 scell; /* key × surface → count */
	uint32_t *scnt, *df, *last, *best_s, *best_n;
	unsigned char *nwords;
	size_t cap, scap;
	struct text_map64 cell; /* key × theme → answers */
	uint32_t *ccnt;
	size_t ccap;
};

/* English prepositions that join two nouns in a label. */
static int en_prep(const char *w, size_t n)
{
	static const char *const p[] = {"for",	"on",	 "at",	 "of", "in",
					"with", "about", "from", NULL};

	for (int i = 0; p[i] != NULL; i++)
		if (strlen(p[i]) == n && memcmp(p[i], w, n) == 0)
			return 1;
	return 0;
}

static int en_det(const char *w, size_t n)
{
	static const char *const p[] = {"the",	"a",	 "an",	"my",  "our",
					"your", "their", "his", "her", NULL};

	for (int i = 0; p[i] != NULL; i++)
		if (strlen(p[i]) == n && memcmp(p[i], w, n) == 0)
			return 1;
	return 0;
}

static int cy_det(const char *w, size_t n)
{
	return (n == 1 && w[0] == 'y') || (n == 2 && memcmp(w, "yr", 2) == 0);
}

static int gap_has_break(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 1;
	return 0;
}

/* Tokens of one normalised answer into t (room for 3 × PH_TOKENS: a
 * break, a word and a split-off "'r" for each word read), breaks between
 * them where punctuation stood. Term text goes to terms. */
static int classify(struct text_lang *tl, struct text_tokeniser *tok, enum text_language lg,
		    const char *s, size_t len, struct text_span *sp, struct ptok *t,
		    struct buf *terms)
{
	int nt = text_tokenise(tok, s, len, sp, PH_TOKENS), m = 0;

	if (nt > PH_TOKENS)
		nt = PH_TOKENS;
	buf_reset(terms);
	for (int i = 0; i < nt; i++) {
		const char *w = s + sp[i].off;
		size_t n = sp[i].len, mark = terms->len;
		int k;

		if (i > 0 && gap_has_break(s, sp[i - 1].off + sp[i - 1].len, sp[i].off))
			t[m++] = (struct ptok){.kind = PT_BREAK};
		t[m] = (struct ptok){.kind = PT_BREAK, .w = w, .n = n, .cls = 'n'};
		if (lg == TEXT_LANG_EN && en_prep(w, n))
			t[m].kind = PT_PREP;
		else if (lg == TEXT_LANG_EN && en_det(w, n))
			t[m].kind = PT_DET;
		else if (lg == TEXT_LANG_CY && cy_det(w, n))
			t[m].kind = PT_DET;
		else if (lg == TEXT_LANG_CY && n < PH_WORD_MAX && n > 3 &&
			 memcmp(w + n - 2, "'r", 2) == 0) {
			/* "goleuadau'r stryd": the word, then the article */
			k = text_lang_terms(tl, lg, w, n - 2, terms);
			if (k < 0)
				return -1;
			if (k > 0) {
				for (size_t b = mark; b + 1 < terms->len; b++)
					if (terms->data[b] == '\0')
						terms->data[b] = ' ';
				t[m].kind = PT_WORD;
				t[m].n = n - 2;
				t[m].term = mark;
				t[m].tlen = strlen(terms->data + mark);
				m++;
				t[m] = (struct ptok){
				    .kind = PT_DET, .w = w + n - 2, .n = 2, .glue = 1};
			}
		} else if (n < PH_WORD_MAX && memchr(w, '\'', n) == NULL) {
			k = text_lang_terms(tl, lg, w, n, terms);
			if (k < 0)
				return -1;
			if (k > 0) {
				/* all its terms, one key word ("canolfan" → "leisur centr") */
				for (size_t b = mark; b + 1 < terms->len; b++)
					if (terms->data[b] == '\0')
						terms->data[b] = ' ';
				t[m].kind = PT_WORD;
				t[m].term = mark;
				t[m].tlen = strlen(terms->data + mark);
				if (lg == TEXT_LANG_EN)
					t[m].cls = text_lang_word_class(tl, w, n);
			}
		}
		m++;
	}
	return m;
}

static void tab_grow(struct phrase_tab *p, uint32_t id)
{
	if (id < p->cap)
		return;
	p->cap = p->cap ? p->cap * 2 : 65536;
	p->df = xrealloc(p->df, p->cap * sizeof(*p->df));
	p->last = xrealloc(p->last, p->cap * sizeof(*p->last));
	p->best_s = xrealloc(p->best_s, p->cap * sizeof(*p->best_s));
	p->best_n = xrealloc(p->best_n, p->cap * sizeof(*p->best_n));
	p->nwords = xrealloc(p->nwords, p->cap);
}

/* Count one phrase of answer d (theme k or -1) once per answer. */
static void tab_add(struct phrase_tab *p, const struct buf *key, const struct buf *surf, int nwords,
		    size_t d, int k, int global)
{
	int added;
	uint32_t id = text_map_intern(&p->keys, key->data, key->len, &added), sid, cid;

	tab_grow(p, id);
	if (added) {
		p->df[id] = 0;
		p->last[id] = UINT32_MAX;
		p->best_n[id] = 0;
		p->best_s[id] = 0;
		p->nwords[id] = (unsigned char)nwords;
	}
	if (p->last[id] == (uint32_t)d)
		return;
	p->last[id] = (uint32_t)d;
	if (global)
		p->df[id]++;
	sid = text_map_intern(&p->surf, surf->data, surf->len, NULL);
	cid = text_map64_intern(&p->scell, ((uint64_t)id << 32) | sid, &added);
	if (cid >= p->scap) {
		p->scap = p->scap ? p->scap * 2 : 65536;
		p->scnt = xrealloc(p->scnt, p->scap * sizeof(*p->scnt));
	}
	if (added)
		p->scnt[cid] = 0;
	if (++p->scnt[cid] > p->best_n[id]) {
		p->best_n[id] = p->scnt[cid];
		p->best_s[id] = sid;
	}
	if (k < 0)
		return;
	cid = text_map64_intern(&p->cell, (uint64_t)id * THEMES_MAX_K + (uint64_t)k, &added);
	if (cid >= p->ccap) {
		p->ccap = p->ccap ? p->ccap * 2 : 65536;
		p->ccnt = xrealloc(p->ccnt, p->ccap * sizeof(*p->ccnt));
	}
	if (added)
		p->ccnt[cid] = 0;
	p->ccnt[cid]++;
}

/* Append token j to key and surface. */
static void put_tok(const struct ptok *t, const struct buf *terms, struct buf *key,
		    struct buf *surf)
{
	if (surf->len > 0 && !t->glue)
		buf_putc(surf, ' ');
	buf_append(surf, t->w, t->n);
	if (t->kind == PT_DET)
		return;
	buf_putc(key, ' ');
	if (t->kind == PT_PREP) {
		buf_putc(key, '~');
		buf_append(key, t->w, t->n);
	} else {
		buf_append(key, terms->data + t->term, t->tlen);
	}
}

/* A noun compound of up to 3 words ending at a noun: modifiers are nouns
 * or adjectives, never verb forms or adverbs ("recovered addiction"). */
static int en_compound(const struct ptok *t, int m, int i, int len)
{
	if (i + len > m)
		return 0;
	for (int j = i; j < i + len; j++) {
		if (t[j].kind != PT_WORD)
			return 0;
		if (j == i + len - 1 ? t[j].cls != 'n' : (t[j].cls != 'n' && t[j].cls != 'a'))
			return 0;
	}
	return 1;
}

/* Every label-shaped phrase of one answer. English: a compound ("car
 * parking"), or a compound, a preposition, maybe a determiner and a
 * second compound ("waiting for an ambulance"), 5 words at most. Welsh
 * (head first, no part-of-speech list): 1–3 words, or word, article,
 * word ("treth y cyngor"). */
static void emit_phrases(struct phrase_tab *p, const struct ptok *t, int m, const struct buf *terms,
			 enum text_language lg, size_t d, int k, int global)
{
	struct buf key, surf;

	buf_init(&key, 1024);
	buf_init(&surf, 1024);
	for (int i = 0; i < m; i++) {
		if (t[i].kind != PT_WORD)
			continue;
		for (int len = 1; len <= 3; len++) {
			int ok = lg == TEXT_LANG_EN ? en_compound(t, m, i, len) : 1;

			if (lg == TEXT_LANG_CY)
				for (int j = i; j < i + len; j++)
					if (j >= m || t[j].kind != PT_WORD)
						ok = 0;
			if (!ok)
				continue;
			buf_reset(&key);
			buf_reset(&surf);
			buf_putc(&key, lg == TEXT_LANG_EN ? 'e' : 'c');
			for (int j = i; j < i + len; j++)
				put_tok(&t[j], terms, &key, &surf);
			tab_add(p, &key, &surf, len, d, k, global);
			if (lg == TEXT_LANG_CY && len == 1 && i + 2 < m &&
			    t[i + 1].kind == PT_DET && t[i + 2].kind == PT_WORD) {
				put_tok(&t[i + 1], terms, &key, &surf);
				put_tok(&t[i + 2], terms, &key, &surf);
				tab_add(p, &key, &surf, 2, d, k, global);
			}
			if (lg != TEXT_LANG_EN || len > 2 || i + len >= m ||
			    t[i + len].kind != PT_PREP)
				continue;
			{
				int j = i + len + 1, base_key = (int)key.len,
				    base_surf = (int)surf.len;
				int words = len + 1;

				put_tok(&t[i + len], terms, &key, &surf);
				if (j < m && t[j].kind == PT_DET) {
					put_tok(&t[j], terms, &key, &surf);
					j++;
					words++;
				}
				for (int len2 = 1; len2 <= 2 && words + len2 <= 5; len2++) {
					size_t k0 = key.len, s0 = surf.len;

					if (!en_compound(t, m, j, len2))
						continue;
					for (int x = j; x < j + len2; x++)
						put_tok(&t[x], terms, &key, &surf);
					tab_add(p, &key, &surf, len + len2, d, k, global);
					key.len = k0;
					surf.len = s0;
				}
				key.len = (size_t)base_key;
				surf.len = (size_t)base_surf;
			}
		}
	}
	buf_release(&key);
	buf_release(&surf);
}

/* ---- scoring and choosing ------------------------------------------------- */

struct pcand {
	double score;
	uint32_t id;
};

static int cmp_pcand(const void *a, const void *b)
{
	const struct pcand *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return (x->id > y->id) - (x->id < y->id);
}

/* The content terms of a key, sorted and joined: two phrases with the same
 * words in another order or number ("car parking", "parking cars") are
 * one label. */
static void content_key(const char *key, struct buf *out)
{
	const char *w[8];
	size_t wl[8];
	int n = 0;

	buf_reset(out);
	key += 1; /* language */
	while (*key != '\0' && n < 8) {
		size_t l;

		while (*key == ' ')
			key++;
		l = strcspn(key, " ");
		if (l > 0 && key[0] != '~') {
			w[n] = key;
			wl[n++] = l;
		}
		key += l;
	}
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0; j--) {
			size_t ml = wl[j] < wl[j - 1] ? wl[j] : wl[j - 1];
			int c = memcmp(w[j], w[j - 1], ml);
			const char *tw;
			size_t tl;

			if (c > 0 || (c == 0 && wl[j] >= wl[j - 1]))
				break;
			tw = w[j];
			w[j] = w[j - 1];
			w[j - 1] = tw;
			tl = wl[j];
			wl[j] = wl[j - 1];
			wl[j - 1] = tl;
		}
	for (int i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(out, ' ');
		buf_append(out, w[i], wl[i]);
	}
	buf_putc(out, '\0');
}

/* Share of a's content terms found in b (content keys). */
static double term_overlap(const char *a, const char *b)
{
	int n = 0, in = 0;

	while (*a != '\0') {
		size_t l = strcspn(a, " ");
		const char *s = b;

		n++;
		while (*s != '\0') {
			size_t m = strcspn(s, " ");

			if (m == l && memcmp(s, a, l) == 0) {
				in++;
				break;
			}
			s += m;
			while (*s == ' ')
				s++;
		}
		a += l;
		while (*a == ' ')
			a++;
	}
	return n ? (double)in / n : 0;
}

static int key_used(char **used, size_t nused, const char *ck)
{
	for (size_t u = 0; u < nused; u++)
		if (strcmp(used[u], ck) == 0)
			return 1;
	return 0;
}

struct phrase_ctx {
	struct phrase_tab tab;
	size_t sz[THEMES_MAX_K][2]; /* answers read per theme and language */
	size_t N[2];		    /* answers counted for the whole set, by language */
	struct pcand *best[2];	    /* PH_CANDS per theme */
	int nbest[THEMES_MAX_K][2];
};

/* The best phrases of theme k in language lg: count × log lift, a single
 * word at half weight (a label is 2–5 words; a word still names a theme
 * that has no phrase). */
static void rank_theme(struct phrase_ctx *x, int K)
{
	struct phrase_tab *p = &x->tab;

	for (int lg = 0; lg < 2; lg++) {
		x->best[lg] = calloc((size_t)(K > 0 ? K : 1) * PH_CANDS, sizeof(struct pcand));
		if (x->best[lg] == NULL)
			xrealloc(NULL, (size_t)-1 / 2);
	}
	for (size_t i = 0; i < p->cell.n; i++) {
		uint64_t ck = p->cell.keys[i];
		uint32_t id = (uint32_t)(ck / THEMES_MAX_K);
		int k = (int)(ck % THEMES_MAX_K);
		const char *key = text_map_key(&p->keys, id);
		int lg = key[0] == 'c' ? TEXT_LANG_CY : TEXT_LANG_EN;
		double size = (double)x->sz[k][lg], cnt = p->ccnt[i], lift, sc;
		struct pcand *b = x->best[lg] + (size_t)k * PH_CANDS;
		int *nb = &x->nbest[k][lg];

		if (cnt < (size < 200 ? 2 : 3) || p->df[id] == 0 || size <= 0)
			continue;
		/* Welsh phrases against all answers read: when every Welsh
		 * answer is in one theme, a Welsh-only lift would be 1 */
		lift = (cnt / size) / ((double)p->df[id] /
				       (double)(lg == TEXT_LANG_CY ? x->N[0] + x->N[1] : x->N[lg]));
		if (lift <= 1.2)
			continue;
		sc = cnt * log(lift) * (p->nwords[id] >= 2 ? 1.0 : 0.5);
		if (*nb == PH_CANDS && sc <= b[PH_CANDS - 1].score)
			continue;
		if (*nb < PH_CANDS)
			(*nb)++;
		b[*nb - 1] = (struct pcand){sc, id};
		for (int j = *nb - 1; j > 0 && cmp_pcand(&b[j], &b[j - 1]) < 0; j--) {
			struct pcand tmp = b[j];

			b[j] = b[j - 1];
			b[j - 1] = tmp;
		}
	}
}

static const char *surface_of(const struct phrase_tab *p, uint32_t id)
{
	return text_map_key(&p->surf, p->best_s[id]);
}

/* The written form of a Welsh phrase with its first word as in the
 * dictionary ("faw cŵn" → "baw cŵn"). Caller frees. */
static char *cy_surface(struct text_lang *tl, const char *s)
{
	size_t l = strcspn(s, " ");
	struct buf b;
	char *r;

	buf_init(&b, 4096);
	if (text_lang_cy_radical(tl, s, l, &b) < 0 || b.len == 0) {
		buf_reset(&b);
		buf_append(&b, s, l);
	}
	buf_puts(&b, s + l);
	r = strdup(buf_cstr(&b));
	buf_release(&b);
	if (r == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	return r;
}

/* "x a y" in Welsh: "ac" before a vowel, and "a" takes the aspirate
 * mutation (c, p, t → ch, ph, th: "bysiau a threnau"). Caller frees. */
static char *cy_and(const char *x, const char *y)
{
	struct buf b;
	char *r;

	buf_init(&b, 4096);
	buf_puts(&b, x);
	if (strchr("aeiouwy", y[0]) != NULL) {
		buf_puts(&b, " ac ");
	} else if ((y[0] == 'c' || y[0] == 'p' || y[0] == 't') && y[1] != 'h') {
		buf_puts(&b, " a ");
		buf_putc(&b, y[0]);
		buf_putc(&b, 'h');
		y++;
	} else {
		buf_puts(&b, " a ");
	}
	buf_puts(&b, y);
	r = strdup(buf_cstr(&b));
	buf_release(&b);
	if (r == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	return r;
}

/* Answers of theme k that have phrase id. */
static long cell_count(const struct phrase_ctx *x, uint32_t id, int k)
{
	long i = text_map64_find(&x->tab.cell, (uint64_t)id * THEMES_MAX_K + (uint64_t)k);

	return i < 0 ? 0 : (long)x->tab.ccnt[i];
}

/*
 * The English label of theme k, of words no earlier theme's label has:
 * the best phrase of two words or more that a fifth of the theme's
 * answers write (or that scores half as well as its best word); else the
 * best phrase holding its best word that a tenth of that word's answers
 * write ("ward staff"); else the word and the next noun a fifth of its
 * answers write ("bins and recycling"); else the word alone. Returns the chosen key id or -1.
 */
static long choose_en(struct phrase_ctx *x, int k, char ***used, size_t *nused, struct buf *ck,
		      char **label)
{
	struct phrase_tab *p = &x->tab;
	const struct pcand *b = x->best[TEXT_LANG_EN] + (size_t)k * PH_CANDS;
	int nb = x->nbest[k][TEXT_LANG_EN], one = -1, two = -1, phrase = -1;
	double size = (double)x->sz[k][TEXT_LANG_EN];

	/* the best unused phrase that a fifth of the theme writes (or that
	 * scores half the best word), the best word and the next word that a
	 * quarter of the theme writes */
	for (int i = 0; i < nb; i++) {
		const char *key = text_map_key(&p->keys, b[i].id);
		double cover = (double)cell_count(x, b[i].id, k) / (size > 0 ? size : 1);

		content_key(key, ck);
		if (key_used(*used, *nused, ck->data))
			continue;
		if (p->nwords[b[i].id] >= 2 && phrase < 0 &&
		    (cover >= 0.2 || (one >= 0 && b[i].score >= b[one].score / 2) ||
		     (one < 0 && i == 0)))
			phrase = i;
		else if (p->nwords[b[i].id] == 1 && one < 0)
			one = i;
		else if (p->nwords[b[i].id] == 1 && two < 0 && cover >= 0.2)
			two = i;
	}
	if (phrase >= 0 && one >= 0 && b[phrase].score < b[one].score / 5 &&
	    (double)cell_count(x, b[phrase].id, k) < 0.2 * size)
		phrase = -1;
	if (phrase < 0 && one >= 0) {
		/* a strong word: the best phrase that has it, when one in ten of
		 * the word's answers write it ("staff" → "ward staff") */
		const char *wk = text_map_key(&p->keys, b[one].id) + 2;
		long wcnt = cell_count(x, b[one].id, k);

		for (int i = 0; i < nb && phrase < 0; i++) {
			if (p->nwords[b[i].id] < 2 || 10 * cell_count(x, b[i].id, k) < wcnt)
				continue;
			content_key(text_map_key(&p->keys, b[i].id), ck);
			if (!key_used(*used, *nused, ck->data) && term_overlap(wk, ck->data) >= 1.0)
				phrase = i;
		}
	}
	if (phrase >= 0) {
		*label = strdup(surface_of(p, b[phrase].id));
		content_key(text_map_key(&p->keys, b[phrase].id), ck);
	} else if (one >= 0 && two >= 0) {
		struct buf s;

		buf_init(&s, 1024);
		buf_printf(&s, "%s and %s", surface_of(p, b[one].id), surface_of(p, b[two].id));
		*label = strdup(buf_cstr(&s));
		buf_release(&s);
		/* the pair's key: both words */
		buf_init(&s, 1024);
		buf_printf(&s, "e %s %s", text_map_key(&p->keys, b[one].id) + 2,
			   text_map_key(&p->keys, b[two].id) + 2);
		content_key(buf_cstr(&s), ck);
		buf_release(&s);
		phrase = one;
	} else if (one >= 0) {
		*label = strdup(surface_of(p, b[one].id));
		content_key(text_map_key(&p->keys, b[one].id), ck);
		phrase = one;
	} else {
		return -1;
	}
	if (*label == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	*used = xrealloc(*used, (*nused + 1) * sizeof(**used));
	(*used)[(*nused)++] = strdup(ck->data);
	return (long)b[phrase].id;
}

/*
 * The Welsh label of theme k, from its Welsh answers only: the Welsh
 * phrase that shares most terms with the English label (the glossary
 * maps Welsh words to English terms: "parcio ceir" and "car parking"),
 * then by score. NULL when the theme has no Welsh phrase.
 */
static char *choose_cy(struct phrase_ctx *x, struct text_lang *tl, int k, const char *en_ck,
		       struct buf *ck, char ***used, size_t *nused)
{
	struct phrase_tab *p = &x->tab;
	const struct pcand *b = x->best[TEXT_LANG_CY] + (size_t)k * PH_CANDS;
	int nb = x->nbest[k][TEXT_LANG_CY], best = -1;
	double bs = 0, bo = 0;

	for (int i = 0; i < nb; i++) {
		double o;

		content_key(text_map_key(&p->keys, b[i].id), ck);
		if (key_used(*used, *nused, ck->data)) /* another theme's Welsh label */
			continue;
		/* the English label's words first, then the score */
		o = en_ck ? floor(4 * term_overlap(en_ck, ck->data)) : 0;
		if (best < 0 || o > bo || (o == bo && b[i].score > bs)) {
			best = i;
			bs = b[i].score;
			bo = o;
		}
	}
	if (best < 0)
		return NULL;
	content_key(text_map_key(&p->keys, b[best].id), ck);
	*used = xrealloc(*used, (*nused + 1) * sizeof(**used));
	(*used)[(*nused)++] = strdup(ck->data);
	if (p->nwords[b[best].id] == 1 && en_ck != NULL && strchr(en_ck, ' ') != NULL) {
		/* "bins and recycling": the Welsh word of the label's other
		 * half too, joined by "a" ("biniau ac ailgylchu") */
		for (int i = 0; i < nb; i++) {
			char *w1, *w2, *r;

			if (i == best || p->nwords[b[i].id] != 1)
				continue;
			content_key(text_map_key(&p->keys, b[i].id), ck);
			if (term_overlap(ck->data, en_ck) < 1.0 ||
			    strstr(text_map_key(&p->keys, b[best].id) + 2, ck->data) != NULL)
				continue;
			w1 = cy_surface(tl, surface_of(p, b[best].id));
			w2 = cy_surface(tl, surface_of(p, b[i].id));
			r = cy_and(w1, w2);
			free(w1);
			free(w2);
			return r;
		}
	}
	return cy_surface(tl, surface_of(p, b[best].id));
}

/* A theme with Welsh wording: 3 Welsh answers and 5% of those read (an
 * English answer now and then taken for Welsh names nothing). */
static int welsh_theme(const struct phrase_ctx *x, int k)
{
	size_t cy = x->sz[k][TEXT_LANG_CY], all = cy + x->sz[k][TEXT_LANG_EN];

	return cy >= 3 && cy * 20 >= all;
}

/* Count the phrases of the answers read (see themes_labels). */
static int count_phrases(struct phrase_ctx *x, struct text_lang *tl, const struct themes_corpus *c,
			 const struct themes_answer *a, const int *z, int K)
{
	struct text_tokeniser tok;
	struct text_span *sp = xrealloc(NULL, PH_TOKENS * sizeof(*sp) * 2);
	struct ptok *t = xrealloc(NULL, PH_TOKENS * 3 * sizeof(*t)); /* word, "'r", break */
	size_t n = c->ndocs, stride = n > PH_SAMPLE ? (n + PH_SAMPLE - 1) / PH_SAMPLE : 1;
	size_t *quota = calloc((size_t)(K > 0 ? K : 1), sizeof(*quota));
	size_t *taken = calloc((size_t)(K > 0 ? K : 1), sizeof(*taken));
	struct buf norm, terms;
	int rc = 0;

	if (quota == NULL || taken == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	if (text_tokeniser_init(&tok) < 0) {
		free(sp);
		free(t);
		free(quota);
		free(taken);
		return -1;
	}
	for (size_t d = 0; d < n; d++)
		if (z[d] >= 0)
			quota[z[d]]++;
	for (int k = 0; k < K; k++) {
		size_t q = (quota[k] + stride - 1) / stride;

		quota[k] =
		    q < PH_THEME_MIN ? (quota[k] < PH_THEME_MIN ? quota[k] : PH_THEME_MIN) : q;
	}
	buf_init(&norm, 1 << 20);
	buf_init(&terms, 1 << 16);
	for (size_t d = 0; d < n && rc == 0; d++) {
		int global = d % stride == 0, k = z[d], m;
		enum text_language lg = (enum text_language)c->lang[d];
		size_t len = strlen(a[d].text);

		if (k >= 0 && taken[k] < quota[k])
			taken[k]++;
		else
			k = -1;
		if ((!global && k < 0) || len == 0)
			continue;
		if (len > 4 * PH_TOKENS * 16)
			len = 4 * PH_TOKENS * 16; /* only the first words are read */
		while (len > 0 && ((unsigned char)a[d].text[len] & 0xC0) == 0x80)
			len--;
		buf_reset(&norm);
		if (text_normalise(a[d].text, len, &norm) < 0 || norm.len == 0)
			continue;
		m = classify(tl, &tok, lg, norm.data, norm.len, sp, t, &terms);
		if (m < 0) {
			rc = -1;
			break;
		}
		if (global)
			x->N[lg]++;
		if (k >= 0)
			x->sz[k][lg]++;
		emit_phrases(&x->tab, t, m, &terms, lg, d, k, global);
	}
	buf_release(&norm);
	buf_release(&terms);
	text_tokeniser_release(&tok);
	free(sp);
	free(t);
	free(quota);
	free(taken);
	return rc;
}

static void ctx_release(struct phrase_ctx *x)
{
	struct phrase_tab *p = &x->tab;

	text_map_release(&p->keys);
	text_map_release(&p->surf);
	text_map64_release(&p->scell);
	text_map64_release(&p->cell);
	free(p->scnt);
	free(p->df);
	free(p->last);
	free(p->best_s);
	free(p->best_n);
	free(p->nwords);
	free(p->ccnt);
	free(x->best[0]);
	free(x->best[1]);
	free(x);
}

/*
 * Labels of the K themes (largest first), from the redacted answers a
 * (placeholders blanked) and the main themes z: en[k] (never NULL on
 * success), cy[k] (NULL when the theme has no Welsh wording) and, for the
 * description, up to 3 other phrases of the theme replacing phrases[k]
 * when it has any. The term candidates `top` name a theme that has no
 * English phrase. Returns 0 or -1 (linguistic data missing).
 */
int themes_labels(const struct themes_corpus *c, const struct themes_answer *a, const int *z, int K,
		  const struct cand *top, const int *ntop, const char *data_dir, char **en,
		  char **cy, json_t **phrases)
{
	struct phrase_ctx *x = calloc(1, sizeof(*x));
	struct text_lang tl;
	char **used = NULL, **used_cy = NULL;
	size_t nused = 0, nused_cy = 0;
	struct buf ck, ck2;
	int rc = -1;

	if (x == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	if (K > THEMES_MAX_K || text_lang_init(&tl, text_data_dir(data_dir)) < 0) {
		free(x);
		return -1;
	}
	text_map_init(&x->tab.keys);
	text_map_init(&x->tab.surf);
	text_map64_init(&x->tab.scell);
	text_map64_init(&x->tab.cell);
	buf_init(&ck, 4096);
	buf_init(&ck2, 4096);
	if (count_phrases(x, &tl, c, a, z, K) < 0)
		goto done;
	rank_theme(x, K);
	for (int k = 0; k < K; k++) {
		long id = choose_en(x, k, &used, &nused, &ck, &en[k]);
		const struct pcand *b = x->best[TEXT_LANG_EN] + (size_t)k * PH_CANDS;
		int said = 0;

		if (id < 0) {
			/* no English phrase: the theme's best terms */
			en[k] = themes_choose_label(c, top + (size_t)k * LABEL_CANDS, ntop[k],
						    &used, &nused, &cy[k]);
			if (en[k] == NULL) {
				char tmp[64];

				snprintf(tmp, sizeof(tmp), "mixed answers %d", k + 1);
				en[k] = strdup(tmp);
			}
			if (welsh_theme(x, k)) {
				free(cy[k]);
				cy[k] = choose_cy(x, &tl, k, NULL, &ck2, &used_cy, &nused_cy);
			}
			continue;
		}
		cy[k] = welsh_theme(x, k) ? choose_cy(x, &tl, k, ck.data, &ck2, &used_cy, &nused_cy)
					  : NULL;
		/* other phrases of the theme, for its description */
		for (int i = 0; i < x->nbest[k][TEXT_LANG_EN] && said < 3; i++) {
			if ((long)b[i].id == id || x->tab.nwords[b[i].id] < 2)
				continue;
			content_key(text_map_key(&x->tab.keys, b[i].id), &ck2);
			if (term_overlap(ck2.data, ck.data) >= 1.0)
				continue;
			if (said == 0) {
				json_decref(phrases[k]);
				phrases[k] = json_array();
			}
			json_array_append_new(phrases[k],
					      json_string(surface_of(&x->tab, b[i].id)));
			said++;
		}
	}
	rc = 0;
done:
	for (size_t u = 0; u < nused; u++)
		free(used[u]);
	free(used);
	for (size_t u = 0; u < nused_cy; u++)
		free(used_cy[u]);
	free(used_cy);
	buf_release(&ck);
	buf_release(&ck2);
	text_lang_release(&tl);
	ctx_release(x);
	return rc;
}
