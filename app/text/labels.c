/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * labels: candidates per theme (words and phrases over-represented in it)
 * and the unique 2–5 word label of each theme, in English and Welsh.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "text/map.h"
#include "text/redact.h"
#include "text/text.h"
#include "text/themes.h"
#include "text/themes_int.h"

/* ---- labels: phrases and words over-represented in a theme --------------- */

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return (x->order > y->order) - (x->order < y->order);
}

static uint64_t phrase_key(uint32_t a, uint32_t b, uint32_t c)
{
	/* 21 bits a term: vocabularies past two million terms lose phrases
	 * (the key would collide), so those are not counted. */
	return ((uint64_t)a << 42) | ((uint64_t)b << 21) | (uint64_t)c;
}

#define KEY_NONE 0x1FFFFFu

/* Score of an item seen in `in` answers of a theme of `size`, `all` answers
 * overall of N: count × log lift, only when over-represented. */
static double label_score(double in, double size, double all, double N)
{
	double lift;

	if (in < 2 || size <= 0 || all <= 0)
		return 0;
	lift = (in / size) / (all / N);
	return lift > 1.0 ? in * log(lift) : 0;
}

static int contains_all(const uint32_t *have, int nhave, const uint32_t t[3])
{
	for (int i = 0; i < 3 && t[i] != NO_TERM; i++) {
		int found = 0;

		for (int j = 0; j < nhave; j++)
			if (have[j] == t[i])
				found = 1;
		if (!found)
			return 0;
	}
	return 1;
}

static json_t *phrase_text(const struct themes_corpus *c, const uint32_t t[3])
{
	struct buf b;
	json_t *s;

	buf_init(&b, 4096);
	for (int i = 0; i < 3 && t[i] != NO_TERM; i++) {
		if (i > 0)
			buf_putc(&b, ' ');
		buf_puts(&b, c->surface[t[i]]);
	}
	s = json_string(buf_cstr(&b));
	buf_release(&b);
	return s;
}

/* Term phrases (2–3 term sequences) counted over the answers: document
 * frequency overall (ph_df) and per main theme (cell: phrase × theme). */
struct term_phrases {
	struct text_map64 ph, cell;
	uint32_t *ph_df, *cell_n, *last;
	size_t ph_cap, cell_cap;
};

static void count_term_phrases(const struct themes_corpus *c, const int *z, double minph,
			       struct term_phrases *tp)
{
	size_t n = c->ndocs;
	struct text_map64 ph = tp->ph, cell = tp->cell;
	uint32_t *ph_df = NULL, *cell_n = NULL, *last = NULL;
	size_t ph_cap = 0, cell_cap = 0;

	/* Phrase document frequencies overall and per main theme. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t d = 0; d < n; d++) {
			const uint32_t *s =
			    c->seq ? c->seq + c->seq_row[d] : NULL; /* none: no words at all */
			size_t len = c->seq_row[d + 1] - c->seq_row[d];

			if (pass == 1 && z[d] < 0)
				continue;
			for (size_t i = 0; i + 1 < len; i++)
				for (size_t w = 2; w <= 3 && i + w <= len; w++) {
					uint32_t a = s[i], b = s[i + 1],
						 cc = w == 3 ? s[i + 2] : KEY_NONE;
					uint64_t key;
					int added;
					uint32_t id;

					if (a == NO_TERM || b == NO_TERM || cc == NO_TERM ||
					    a >= KEY_NONE || b >= KEY_NONE ||
					    (w == 3 && cc >= KEY_NONE) || a == b)
						break;
					key = phrase_key(a, b, cc);
					if (pass == 0) {
						id = text_map64_intern(&ph, key, &added);
						if (added) {
							if (ph.n > ph_cap) {
								ph_cap = ph_cap ? ph_cap * 2 : 4096;
								ph_df = xrealloc(
								    ph_df, ph_cap * sizeof(*ph_df));
								last = xrealloc(
								    last, ph_cap * sizeof(*last));
							}
							ph_df[id] = 0;
							last[id] = UINT32_MAX;
						}
						if (last[id] != (uint32_t)d) {
							last[id] = (uint32_t)d;
							ph_df[id]++;
						}
					} else {
						long pid = text_map64_find(&ph, key);

						if (pid < 0 || ph_df[pid] < minph ||
						    last[pid] == (uint32_t)d + (uint32_t)n)
							continue;
						last[pid] = (uint32_t)d +
							    (uint32_t)n; /* count once per answer */
						id = text_map64_intern(
						    &cell,
						    (uint64_t)pid * THEMES_MAX_K + (uint64_t)z[d],
						    &added);
						if (added) {
							if (cell.n > cell_cap) {
								cell_cap =
								    cell_cap ? cell_cap * 2 : 4096;
								cell_n = xrealloc(
								    cell_n,
								    cell_cap * sizeof(*cell_n));
							}
							cell_n[id] = 0;
						}
						cell_n[id]++;
					}
				}
		}
	}
	tp->ph = ph;
	tp->cell = cell;
	tp->ph_df = ph_df;
	tp->cell_n = cell_n;
	tp->last = last;
	tp->ph_cap = ph_cap;
	tp->cell_cap = cell_cap;
}

/* Whether every term of a candidate is written in some English answer
 * (en_term NULL: all are). The English description of a mixed corpus
 * quotes English words, never a Welsh verb or a Welsh word that the
 * glossary does not map ("daeth", "canol"). */
static int english_written(const unsigned char *en_term, const uint32_t t[3])
{
	if (en_term == NULL)
		return 1;
	for (int j = 0; j < 3 && t[j] != NO_TERM; j++)
		if (!en_term[t[j]])
			return 0;
	return 1;
}

/* Theme k's candidates: its over-represented terms and term phrases
 * (phrases at a small bonus), up to 3 of them as its phrases, the best
 * LABEL_CANDS into top. */
static void theme_term_cands(const struct themes_corpus *c, int k, const uint32_t *tdf,
			     const double *size, const struct term_phrases *tp,
			     const unsigned char *en_term, struct cand *top, int *ntop,
			     json_t **phrases)
{
	size_t n = c->ndocs, V = c->nterms;
	const struct text_map64 *ph = &tp->ph, *cellp = &tp->cell;
	const uint32_t *ph_df = tp->ph_df, *cell_n = tp->cell_n;
	struct cand *cands = NULL;
	size_t nc = 0, cap = 0;
	uint32_t have[9];
	int nhave = 0, chosen = 0;

	phrases[k] = json_array();
	for (size_t t = 0; t < V; t++) {
		double sc;

		if (c->pair[t]) /* pairs come back below as phrases */
			continue;
		sc = label_score(tdf[(size_t)k * V + t], size[k], c->df[t], (double)n);
		if (sc <= 0)
			continue;
		if (nc == cap) {
			cap = cap ? cap * 2 : 256;
			cands = xrealloc(cands, cap * sizeof(*cands));
		}
		cands[nc].score = sc;
		cands[nc].t[0] = (uint32_t)t;
		cands[nc].t[1] = cands[nc].t[2] = NO_TERM;
		cands[nc].order = (uint32_t)nc;
		nc++;
	}
	for (size_t i = 0; i < cellp->n; i++) {
		uint64_t key = cellp->keys[i];
		size_t pid = (size_t)(key / THEMES_MAX_K);
		uint64_t pk;
		double sc;

		if ((int)(key % THEMES_MAX_K) != k)
			continue;
		/* A phrase reads better than a word: small bonus. */
		sc = 1.25 * label_score(cell_n[i], size[k], ph_df[pid], (double)n);
		if (sc <= 0)
			continue;
		if (nc == cap) {
			cap = cap ? cap * 2 : 256;
			cands = xrealloc(cands, cap * sizeof(*cands));
		}
		pk = ph->keys[pid];
		cands[nc].score = sc;
		cands[nc].t[0] = (uint32_t)(pk >> 42);
		cands[nc].t[1] = (uint32_t)((pk >> 21) & KEY_NONE);
		cands[nc].t[2] = (uint32_t)(pk & KEY_NONE);
		if (cands[nc].t[2] == KEY_NONE)
			cands[nc].t[2] = NO_TERM;
		cands[nc].order = (uint32_t)nc;
		nc++;
	}
	if (nc > 1)
		qsort(cands, nc, sizeof(*cands), cmp_cand);
	for (size_t i = 0; i < nc && chosen < 3; i++) {
		if (contains_all(have, nhave, cands[i].t) || !english_written(en_term, cands[i].t))
			continue;
		json_array_append_new(phrases[k], phrase_text(c, cands[i].t));
		for (int j = 0; j < 3 && cands[i].t[j] != NO_TERM && nhave < 9; j++)
			have[nhave++] = cands[i].t[j];
		chosen++;
	}
	if (chosen == 0) {
		/* Nothing over-represented (a theme of one or two answers, or
		 * all of them): its most frequent words instead. */
		nc = 0;
		for (size_t t = 0; t < V; t++) {
			if (c->pair[t] || tdf[(size_t)k * V + t] == 0)
				continue;
			if (nc == cap) {
				cap = cap ? cap * 2 : 256;
				cands = xrealloc(cands, cap * sizeof(*cands));
			}
			cands[nc].score = tdf[(size_t)k * V + t];
			cands[nc].t[0] = (uint32_t)t;
			cands[nc].t[1] = cands[nc].t[2] = NO_TERM;
			cands[nc].order = (uint32_t)nc;
			nc++;
		}
		if (nc > 1)
			qsort(cands, nc, sizeof(*cands), cmp_cand);
		for (size_t i = 0; i < nc && chosen < 3; i++)
			if (english_written(en_term, cands[i].t)) {
				json_array_append_new(phrases[k], phrase_text(c, cands[i].t));
				chosen++;
			}
	}
	/* The best candidates, for the label chosen across themes. */
	ntop[k] = 0;
	for (size_t i = 0; i < nc && ntop[k] < LABEL_CANDS; i++)
		top[(size_t)k * LABEL_CANDS + (size_t)ntop[k]++] = cands[i];
	free(cands);
}

/*
 * For every theme: its label candidates and up to 3 phrases. Items are
 * the kept terms and the 2–3 term sequences seen in at least 3 answers (2
 * for small sets); each theme counts the answers whose main theme it is.
 */
void themes_label_cands(const struct themes_corpus *c, const int *z, int K, struct cand *top,
			int *ntop, json_t **phrases)
{
	size_t n = c->ndocs, V = c->nterms;
	struct term_phrases tp;
	uint32_t *tdf = calloc((size_t)K * (V ? V : 1), sizeof(uint32_t));
	double *size = calloc((size_t)K, sizeof(double));
	unsigned char *en_term = NULL;
	size_t nen = 0, ncy = 0;

	memset(&tp, 0, sizeof(tp));
	text_map64_init(&tp.ph);
	text_map64_init(&tp.cell);
	if (tdf == NULL || size == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	for (size_t d = 0; d < n; d++)
		if (z[d] >= 0) {
			size[z[d]] += 1;
			for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
				tdf[(size_t)z[d] * V + c->col[i]]++;
		}
	/* Terms written in English answers, when some answers are Welsh and
	 * some English: only those describe a theme in English. */
	for (size_t d = 0; d < n; d++) {
		nen += c->lang[d] == TEXT_LANG_EN;
		ncy += c->lang[d] == TEXT_LANG_CY;
	}
	if (nen > 0 && ncy > 0) {
		en_term = calloc(V ? V : 1, 1);
		if (en_term == NULL)
			xrealloc(NULL, (size_t)-1 / 2);
		for (size_t d = 0; d < n; d++)
			if (c->lang[d] == TEXT_LANG_EN)
				for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
					en_term[c->col[i]] = 1;
	}
	count_term_phrases(c, z, n < 2000 ? 2 : 3, &tp);
	for (int k = 0; k < K; k++)
		theme_term_cands(c, k, tdf, size, &tp, en_term, top, ntop, phrases);
	free(en_term);
	text_map64_release(&tp.ph);
	text_map64_release(&tp.cell);
	free(tp.ph_df);
	free(tp.cell_n);
	free(tp.last);
	free(tdf);
	free(size);
}

/* ---- labels: a unique 2–5 word phrase per theme, in English and Welsh ------ */

/* Comparison key of a label: words without a final "s", so that "pothole"
 * and "potholes" are one label. */
static void label_key(const char *s, struct buf *key)
{
	buf_reset(key);
	while (*s != '\0') {
		size_t wl = strcspn(s, " ");

		if (key->len > 0)
			buf_putc(key, ' ');
		buf_append(key, s, wl > 1 && s[wl - 1] == 's' ? wl - 1 : wl);
		s += wl;
		while (*s == ' ')
			s++;
	}
	buf_putc(key, '\0');
}

static int cand_terms(const struct cand *cd)
{
	return cd->t[2] != NO_TERM ? 3 : cd->t[1] != NO_TERM ? 2 : 1;
}

/* The text of terms t (n of them) in English (cy = 0) or Welsh; NULL when a
 * term has no Welsh form. Caller frees. */
static char *terms_text(const struct themes_corpus *c, const uint32_t *t, int nt, int cy)
{
	struct buf b;
	char *r;

	buf_init(&b, 4096);
	for (int i = 0; i < nt; i++) {
		const char *w =
		    cy ? (c->surface_cy ? c->surface_cy[t[i]] : NULL) : c->surface[t[i]];

		if (w == NULL) {
			buf_release(&b);
			return NULL;
		}
		if (i > 0 && !cy) {
			buf_puts(&b, " and ");
		} else if (i > 0) {
			/* "a" takes the aspirate mutation, "ac" before a vowel */
			int two = w[0] != '\0' && w[1] == 'h';

			if (strchr("aeiouwy", w[0]) != NULL) {
				buf_puts(&b, " ac ");
			} else if (!two && (w[0] == 'c' || w[0] == 'p' || w[0] == 't')) {
				buf_puts(&b, " a ");
				buf_putc(&b, w[0]);
				buf_putc(&b, 'h');
				w++;
			} else {
				buf_puts(&b, " a ");
			}
		}
		buf_puts(&b, w);
	}
	r = strdup(buf_cstr(&b));
	buf_release(&b);
	if (r == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	return r;
}

/* Words that name an action or a verdict rather than a topic, so they do
 * not make half of an "X and Y" label: past participles ("received",
 * "looked") and a few common verbs. */
static int verb_like(const char *w)
{
	static const char *const verbs[] = {
	    "done", "given", "give", "gave", "recommend", "deal", "taken", "seen", "made", "came",
	    "went", "gone",  "put",  "told", "felt",	  "kept", "got",   "left", "dr",   NULL};
	size_t n = strlen(w);

	if (n > 4 && strcmp(w + n - 2, "ed") == 0 && strcmp(w + n - 3, "eed") != 0)
		return 1;
	for (size_t i = 0; verbs[i] != NULL; i++)
		if (strcmp(w, verbs[i]) == 0)
			return 1;
	return 0;
}

/* A phrase's words joined by spaces (a single multi-term candidate) or two
 * single words joined by "and"/"a". */
static char *cand_text(const struct themes_corpus *c, const struct cand *a, const struct cand *b,
		       int cy)
{
	uint32_t t[2];

	if (b == NULL) {
		struct buf s;
		char *r;
		int nt = a->t[2] != NO_TERM ? 3 : a->t[1] != NO_TERM ? 2 : 1;
		/* An English compound ("street lights", "car parking": both
		 * words with a Welsh form, one at least translated) puts its
		 * head first in Welsh ("golau stryd", "parcio car"). */
		int flip = cy && nt == 2 && c->surface_cy != NULL &&
			   c->surface_cy[a->t[0]] != NULL && c->surface_cy[a->t[1]] != NULL &&
			   (strcmp(c->surface_cy[a->t[0]], c->surface[a->t[0]]) != 0 ||
			    strcmp(c->surface_cy[a->t[1]], c->surface[a->t[1]]) != 0);
		buf_init(&s, 4096);
		for (int j = 0; j < nt; j++) {
			int i = flip ? nt - 1 - j : j;
			const char *w = cy ? (c->surface_cy ? c->surface_cy[a->t[i]] : NULL)
					   : c->surface[a->t[i]];

			if (w == NULL) {
				buf_release(&s);
				return NULL;
			}
			if (j > 0)
				buf_putc(&s, ' ');
			buf_puts(&s, w);
		}
		r = strdup(buf_cstr(&s));
		buf_release(&s);
		return r;
	}
	t[0] = a->t[0];
	t[1] = b->t[0];
	return terms_text(c, t, 2, cy);
}

/* 1 when label s (its key into *key) is one another theme has. */
static int label_taken(const char *s, struct buf *key, char **used, size_t nused)
{
	label_key(s, key);
	for (size_t u = 0; u < nused; u++)
		if (strcmp(used[u], key->data) == 0)
			return 1;
	return 0;
}

/* For single-word candidate i (a topic word, not a verb), the next
 * single-word candidate to pair it with, or -1. */
static int pair_partner(const struct themes_corpus *c, const struct cand *top, int ntop, int i)
{
	if (cand_terms(&top[i]) != 1 || verb_like(c->surface[top[i].t[0]]))
		return -1;
	for (int j = i + 1; j < ntop; j++)
		if (cand_terms(&top[j]) == 1 && top[j].t[0] != top[i].t[0] &&
		    !verb_like(c->surface[top[j].t[0]]))
			return j;
	return -1;
}

/*
 * Choose the label of each theme, largest first, from its candidates: the
 * best phrase of two or three words scoring at least a third of the best
 * candidate, else its two best single words ("parking and charges"); a
 * label whose key another theme already has is passed over. Returns the
 * English label (owned by the caller) and sets *cy to the Welsh one or NULL.
 */
char *themes_choose_label(const struct themes_corpus *c, const struct cand *top, int ntop,
			  char ***used, size_t *nused, char **cy)
{
	struct buf key;
	char *en = NULL;
	const struct cand *pa = NULL, *pb = NULL;

	*cy = NULL;
	buf_init(&key, 8192);
	for (int pass = 0; pass < 2 && en == NULL; pass++)
		for (int i = 0; i < ntop && en == NULL; i++) {
			char *s;

			/* a phrase: strong enough, or a phrase of the theme's best
			 * word ("staff member" for "staff") */
			if (pass == 0 &&
			    (cand_terms(&top[i]) < 2 ||
			     (top[i].score < top[0].score / 6 &&
			      !(top[i].score >= top[0].score / 12 &&
				(top[i].t[0] == top[0].t[0] || top[i].t[1] == top[0].t[0] ||
				 top[i].t[2] == top[0].t[0])))))
				continue;
			if (pass == 1) {
				/* two single words */
				int j = pair_partner(c, top, ntop, i);

				if (j < 0)
					continue;
				s = cand_text(c, &top[i], &top[j], 0);
				pa = &top[i];
				pb = &top[j];
			} else {
				s = cand_text(c, &top[i], NULL, 0);
				pa = &top[i];
				pb = NULL;
			}
			if (s == NULL || s[0] == '\0') {
				free(s);
				continue;
			}
			if (label_taken(s, &key, *used, *nused)) {
				free(s);
				continue;
			}
			en = s;
		}
	if (en == NULL && ntop > 0) {
		/* one word left: still better than nothing, if unused */
		for (int i = 0; i < ntop && en == NULL; i++) {
			char *s = cand_text(c, &top[i], NULL, 0);

			if (s == NULL)
				continue;
			if (label_taken(s, &key, *used, *nused)) {
				free(s);
				continue;
			}
			en = s;
			pa = &top[i];
			pb = NULL;
		}
	}
	if (en != NULL) {
		*used = xrealloc(*used, (*nused + 1) * sizeof(**used));
		(*used)[(*nused)++] = strdup(key.data);
		*cy = cand_text(c, pa, pb, 1);
	}
	buf_release(&key);
	return en;
}
