/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themes: corpus building, the two grouping methods (GSDMM, NMF), theme
 * labels, representative quotes and per-area shares, assembled into the
 * JSON summary of `yourvoice themes` (contract in issue 4, design in
 * themes.h).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "text/map.h"
#include "text/redact.h"
#include "text/text.h"
#include "text/themes.h"

#define VOCAB_MAX 20000
#define MAX_TOKENS 4096 /* tokens read per answer; the rest ignored */
#define NO_TERM UINT32_MAX
#define SHORT_TEXT_WORDS 12.0 /* mean content words at or below: short answers */
#define GSDMM_MAX_WORDS 0.0 /* mean content words at or below: GSDMM by default */
#define AUTO_K_MAX 20
#define AUTO_MERGE_COS 0.25 /* themes whose centres are this alike merge... */
#define AUTO_MERGE_MAX_SHARE 0.25 /* ...unless that makes a catch-all */
#define AUTO_K_MIN 5
#define QUOTE_MIN_CHARS 40
#define QUOTE_MAX_CHARS 300

/* ---- random numbers (splitmix64: small, fast, same everywhere) -------- */

static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double rng_unit(uint64_t *s)
{
	return (double)(rng_next(s) >> 11) * (1.0 / 9007199254740992.0);
}

void themes_opts_default(struct themes_opts *o)
{
	o->k = 0;
	o->seed = 1;
	o->quotes = 3;
	o->min_group = 10;
	o->lang = -1;
	o->data_dir = NULL;
	o->method = THEMES_METHOD_AUTO;
	o->unquotable = NULL;
}

/* ---- corpus ------------------------------------------------------------ */

struct growu32 {
	uint32_t *v;
	size_t n, cap;
};

static void gpush(struct growu32 *g, uint32_t x)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 4096;
		g->v = text_xrealloc(g->v, g->cap * sizeof(*g->v));
	}
	g->v[g->n++] = x;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Only whitespace between two tokens (no punctuation): a phrase may span it. */
static int gap_is_space(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

int themes_corpus_build(struct themes_corpus *c, const struct themes_answer *a, size_t n, int lang,
			int min_df, int pairs, const char *data_dir)
{
	struct text_lang tl;
	struct text_tokeniser tok;
	struct text_span *spans = NULL;
	struct text_map terms, surf;
	struct growu32 seq = {0}, surf_term = {0}, surf_cnt = {0}, cys_term = {0}, cys_cnt = {0};
	struct text_map surfcy;
	uint32_t *tmp = NULL, *remap = NULL;
	size_t tmp_cap = 0;
	struct buf norm, out;
	int rc = -1;
	size_t words = 0, wdocs = 0;

	memset(c, 0, sizeof(*c));
	if (text_lang_init(&tl, text_data_dir(data_dir)) < 0)
		return -1;
	if (text_tokeniser_init(&tok) < 0) {
		text_lang_release(&tl);
		return -1;
	}
	text_map_init(&terms);
	text_map_init(&surf);
	text_map_init(&surfcy);
	buf_init(&norm, 1 << 24);
	buf_init(&out, 1 << 20);
	spans = text_xrealloc(NULL, MAX_TOKENS * sizeof(*spans));
	c->ndocs = n;
	c->seq_row = text_xrealloc(NULL, (n + 1) * sizeof(*c->seq_row));
	c->lang = text_xrealloc(NULL, n ? n : 1);

	/* Pass 1: term sequences. */
	for (size_t d = 0; d < n; d++) {
		int nt;
		enum text_language lg;
		size_t prev_end = 0;
		int brk = 0;

		c->seq_row[d] = seq.n;
		buf_reset(&norm);
		if (text_normalise(a[d].text, strlen(a[d].text), &norm) < 0 || norm.len == 0) {
			c->lang[d] = TEXT_LANG_EN;
			continue;
		}
		nt = text_tokenise(&tok, norm.data, norm.len, spans, MAX_TOKENS);
		if (nt < 0)
			goto done;
		if (nt > MAX_TOKENS)
			nt = MAX_TOKENS;
		lg = lang >= 0 ? (enum text_language)lang
			       : text_lang_detect(&tl, norm.data, spans, nt);
		c->lang[d] = (unsigned char)lg;
		for (int i = 0; i < nt; i++) {
			const char *w = norm.data + spans[i].off;
			int k;
			size_t p = 0;

			if (i > 0 && !gap_is_space(norm.data, prev_end, spans[i].off))
				brk = 1;
			prev_end = spans[i].off + spans[i].len;
			buf_reset(&out);
			k = text_lang_terms(&tl, lg, w, spans[i].len, &out);
			if (k < 0)
				goto done;
			if (k == 0) {
				brk = 1;
				continue;
			}
			for (int j = 0; j < k; j++) {
				size_t len = strlen(out.data + p);
				uint32_t id = text_map_intern(&terms, out.data + p, len, NULL);
				int added;
				uint32_t sid;

				if (brk && seq.n > c->seq_row[d] && seq.v[seq.n - 1] != NO_TERM)
					gpush(&seq, NO_TERM);
				brk = 0;
				gpush(&seq, id);
				words++;
				/* Written form, counted per term to pick the commonest.
				 * Welsh terms are dictionary words (Hunspell radicals):
				 * show those, not whichever mutation was written. */
				if (lg == TEXT_LANG_CY)
					sid = text_map_intern(&surf, out.data + p, len, &added);
				else
					sid = text_map_intern(&surf, w, spans[i].len, &added);
				if (added) {
					gpush(&surf_term, id);
					gpush(&surf_cnt, 0);
				}
				/* A Welsh answer's term may be an English stem from the
				 * glossary ("villag"): it names the term only when no
				 * English answer wrote a form of it. */
				if (lg != TEXT_LANG_CY)
					surf_cnt.v[sid]++;
				if (lg == TEXT_LANG_CY) {
					/* the Welsh written form, for Welsh labels */
					struct buf rb;

					buf_init(&rb, 1024);
					if (text_lang_cy_radical(&tl, w, spans[i].len, &rb) < 0 ||
					    rb.len == 0) {
						buf_reset(&rb);
						buf_append(&rb, w, spans[i].len);
					}
					sid = text_map_intern(&surfcy, rb.data, rb.len, &added);
					buf_release(&rb);
					if (added) {
						gpush(&cys_term, id);
						gpush(&cys_cnt, 0);
					}
					cys_cnt.v[sid]++;
				}
				p += len + 1;
			}
		}
		if (seq.n > c->seq_row[d])
			wdocs++;
		if (pairs) {
			/* Adjacent pairs as extra bag terms, each after a break so
			 * that they never form phrases themselves. */
			size_t end = seq.n;

			for (size_t i = c->seq_row[d]; i + 1 < end; i++) {
				uint32_t x0 = seq.v[i], x1 = seq.v[i + 1], id;
				const char *k0, *k1;

				if (x0 == NO_TERM || x1 == NO_TERM)
					continue;
				k0 = text_map_key(&terms, x0);
				k1 = text_map_key(&terms, x1);
				buf_reset(&out);
				if (buf_puts(&out, k0) < 0 || buf_putc(&out, ' ') < 0 ||
				    buf_puts(&out, k1) < 0)
					continue;
				id = text_map_intern(&terms, out.data, out.len, NULL);
				if (seq.v[seq.n - 1] != NO_TERM)
					gpush(&seq, NO_TERM);
				gpush(&seq, id);
			}
		}
	}
	c->seq_row[n] = seq.n;
	c->mean_words = wdocs ? (double)words / (double)wdocs : 0.0;
	c->seq = seq.v;
	seq.v = NULL;

	/* Document frequencies over the full vocabulary, then keep terms with
	 * df >= min_df, renumbered densely in order of first appearance. */
	{
		size_t V0 = terms.n;
		uint32_t *df0 = calloc(V0 ? V0 : 1, sizeof(*df0));
		uint32_t *last = malloc((V0 ? V0 : 1) * sizeof(*last));
		size_t V = 0, nnz = 0;

		if (df0 == NULL || last == NULL)
			goto done_df;
		memset(last, 0xff, (V0 ? V0 : 1) * sizeof(*last));
		for (size_t d = 0; d < n; d++)
			for (size_t i = c->seq_row[d]; i < c->seq_row[d + 1]; i++) {
				uint32_t t = c->seq[i];

				if (t != NO_TERM && last[t] != (uint32_t)d) {
					last[t] = (uint32_t)d;
					df0[t]++;
				}
			}
		remap = malloc((V0 ? V0 : 1) * sizeof(*remap));
		if (remap == NULL)
			goto done_df;
		/* Raise the threshold until at most VOCAB_MAX terms remain: the
		 * rarest terms carry least for grouping and cost most memory. */
		{
			uint32_t thr = (uint32_t)min_df;

			for (;;) {
				size_t kept = 0;

				for (size_t t = 0; t < V0; t++)
					kept += df0[t] >= thr;
				if (kept <= (size_t)VOCAB_MAX)
					break;
				thr++;
			}
			for (size_t t = 0; t < V0; t++)
				remap[t] = df0[t] >= thr ? (uint32_t)V++ : NO_TERM;
		}
		c->nterms = V;
		c->df = calloc(V ? V : 1, sizeof(*c->df));
		c->surface = calloc(V ? V : 1, sizeof(*c->surface));
		if (c->df == NULL || c->surface == NULL)
			goto done_df;
		c->pair = calloc(V ? V : 1, 1);
		if (c->pair == NULL)
			goto done_df;
		for (size_t t = 0; t < V0; t++)
			if (remap[t] != NO_TERM) {
				c->df[remap[t]] = df0[t];
				/* stems hold no spaces: a key with one is a pair */
				c->pair[remap[t]] =
				    strchr(text_map_key(&terms, (uint32_t)t), ' ') != NULL;
			}
		/* Sequences in the new numbering; dropped terms become breaks. */
		for (size_t i = 0; i < c->seq_row[n]; i++)
			c->seq[i] = c->seq[i] == NO_TERM ? NO_TERM : remap[c->seq[i]];
		/* Bags. */
		c->row = malloc((n + 1) * sizeof(*c->row));
		if (c->row == NULL)
			goto done_df;
		for (size_t d = 0; d < n; d++) {
			size_t len = c->seq_row[d + 1] - c->seq_row[d], u = 0;

			if (len > tmp_cap) {
				tmp_cap = len * 2;
				tmp = text_xrealloc(tmp, tmp_cap * sizeof(*tmp));
			}
			for (size_t i = 0; i < len; i++)
				if (c->seq[c->seq_row[d] + i] != NO_TERM)
					tmp[u++] = c->seq[c->seq_row[d] + i];
			if (u > 1)
				qsort(tmp, u, sizeof(*tmp), cmp_u32);
			c->row[d] = nnz;
			for (size_t i = 0; i < u; i++)
				if (i == 0 || tmp[i] != tmp[i - 1])
					nnz++;
		}
		c->row[n] = nnz;
		c->col = malloc((nnz ? nnz : 1) * sizeof(*c->col));
		c->cnt = malloc((nnz ? nnz : 1) * sizeof(*c->cnt));
		if (c->col == NULL || c->cnt == NULL)
			goto done_df;
		for (size_t d = 0; d < n; d++) {
			size_t len = c->seq_row[d + 1] - c->seq_row[d], u = 0, o = c->row[d];

			for (size_t i = 0; i < len; i++)
				if (c->seq[c->seq_row[d] + i] != NO_TERM)
					tmp[u++] = c->seq[c->seq_row[d] + i];
			if (u > 1)
				qsort(tmp, u, sizeof(*tmp), cmp_u32);
			for (size_t i = 0; i < u; i++) {
				if (i == 0 || tmp[i] != tmp[i - 1]) {
					c->col[o] = tmp[i];
					c->cnt[o] = 1.0f;
					o++;
				} else {
					c->cnt[o - 1] += 1.0f;
				}
			}
		}
		/* Commonest written form per kept term (first seen on ties). */
		{
			uint32_t *best = calloc(V ? V : 1, sizeof(*best));

			if (best == NULL)
				goto done_df;
			for (size_t s = 0; s < surf.n; s++) {
				uint32_t t = remap[surf_term.v[s]];

				if (t == NO_TERM)
					continue;
				if (c->surface[t] == NULL || surf_cnt.v[s] > best[t]) {
					c->surface[t] = (char *)text_map_key(&surf, (uint32_t)s);
					best[t] = surf_cnt.v[s];
				}
			}
			for (size_t t = 0; t < V; t++) {
				const char *k = c->surface[t] ? c->surface[t] : "";
				size_t len = strlen(k);
				char *copy = malloc(len + 1);

				if (copy == NULL) {
					free(best);
					goto done_df;
				}
				memcpy(copy, k, len + 1);
				c->surface[t] = copy;
			}
			/* Welsh written forms, where Welsh answers had the term. */
			memset(best, 0, (V ? V : 1) * sizeof(*best));
			c->surface_cy = calloc(V ? V : 1, sizeof(*c->surface_cy));
			if (c->surface_cy == NULL) {
				free(best);
				goto done_df;
			}
			for (size_t s = 0; s < surfcy.n; s++) {
				uint32_t t = remap[cys_term.v[s]];

				if (t == NO_TERM)
					continue;
				if (c->surface_cy[t] == NULL || cys_cnt.v[s] > best[t]) {
					c->surface_cy[t] = (char *)text_map_key(&surfcy, (uint32_t)s);
					best[t] = cys_cnt.v[s];
				}
			}
			for (size_t t = 0; t < V; t++) {
				char *copy;
				size_t len;

				if (c->surface_cy[t] == NULL)
					continue;
				len = strlen(c->surface_cy[t]);
				copy = malloc(len + 1);
				if (copy == NULL)
					text_xrealloc(NULL, (size_t)-1 / 2);
				memcpy(copy, c->surface_cy[t], len + 1);
				c->surface_cy[t] = copy;
			}
			free(best);
		}
		rc = 0;
	done_df:
		free(df0);
		free(last);
	}
done:
	free(tmp);
	free(remap);
	free(seq.v);
	free(surf_term.v);
	free(surf_cnt.v);
	free(cys_term.v);
	free(cys_cnt.v);
	text_map_release(&surfcy);
	free(spans);
	buf_release(&norm);
	buf_release(&out);
	text_map_release(&terms);
	text_map_release(&surf);
	text_tokeniser_release(&tok);
	text_lang_release(&tl);
	if (rc < 0)
		themes_corpus_release(c);
	return rc;
}

void themes_corpus_release(struct themes_corpus *c)
{
	if (c->surface != NULL)
		for (size_t t = 0; t < c->nterms; t++)
			free(c->surface[t]);
	free(c->surface);
	if (c->surface_cy != NULL)
		for (size_t t = 0; t < c->nterms; t++)
			free(c->surface_cy[t]);
	free(c->surface_cy);
	free(c->row);
	free(c->col);
	free(c->cnt);
	free(c->seq_row);
	free(c->seq);
	free(c->df);
	free(c->pair);
	free(c->lang);
	memset(c, 0, sizeof(*c));
}

double themes_mean_terms(const struct themes_corpus *c)
{
	size_t docs = 0, terms = 0;

	for (size_t d = 0; d < c->ndocs; d++) {
		size_t len = c->row[d + 1] - c->row[d];

		if (len > 0) {
			docs++;
			terms += len;
		}
	}
	return docs ? (double)terms / (double)docs : 0.0;
}

/* ---- GSDMM: Dirichlet multinomial mixture, collapsed Gibbs sampling ------ */

#define GSDMM_ALPHA 0.1
#define GSDMM_BETA 0.1
#define GSDMM_SWEEPS 30
#define GSDMM_GREEDY 5

struct dmm {
	const struct themes_corpus *c;
	int K;
	double beta, vbeta;
	int *m;	   /* answers per cluster */
	int *nk;   /* term tokens per cluster */
	int *nkw;  /* K × V */
	double *p; /* K scratch */
};

static void dmm_move(struct dmm *s, size_t d, int k, int sign)
{
	const struct themes_corpus *c = s->c;
	int len = 0;

	for (size_t i = c->row[d]; i < c->row[d + 1]; i++) {
		int cnt = (int)c->cnt[i];

		s->nkw[(size_t)k * c->nterms + c->col[i]] += sign * cnt;
		len += cnt;
	}
	s->m[k] += sign;
	s->nk[k] += sign * len;
}

/* p[k] ∝ P(z_d = k | rest), normalised; returns the argmax. */
static int dmm_posterior(struct dmm *s, size_t d, double alpha)
{
	const struct themes_corpus *c = s->c;
	double maxlog = -INFINITY, sum = 0;
	int best = 0;

	for (int k = 0; k < s->K; k++) {
		double lp = log(s->m[k] + alpha), acc = 1.0;
		int *row = s->nkw + (size_t)k * c->nterms;
		int i_len = 0, steps = 0;

		for (size_t i = c->row[d]; i < c->row[d + 1]; i++) {
			int cnt = (int)c->cnt[i];
			double base = row[c->col[i]] + s->beta;

			for (int j = 0; j < cnt; j++) {
				acc *= (base + j) / (s->nk[k] + s->vbeta + i_len);
				i_len++;
				if (++steps == 8) { /* rescale before underflow */
					lp += log(acc);
					acc = 1.0;
					steps = 0;
				}
			}
		}
		lp += log(acc);
		s->p[k] = lp;
		if (lp > maxlog) {
			maxlog = lp;
			best = k;
		}
	}
	for (int k = 0; k < s->K; k++) {
		s->p[k] = exp(s->p[k] - maxlog);
		sum += s->p[k];
	}
	for (int k = 0; k < s->K; k++)
		s->p[k] /= sum;
	return best;
}

static int sample(const double *p, int K, uint64_t *rng)
{
	double u = rng_unit(rng), acc = 0;

	for (int k = 0; k < K; k++) {
		acc += p[k];
		if (u < acc)
			return k;
	}
	return K - 1;
}

/* Relabel clusters by decreasing size (first member breaks ties); returns
 * how many are non-empty. */
static int relabel(int *z, size_t n, int K)
{
	int *size = calloc((size_t)K, sizeof(int)), *first = malloc((size_t)K * sizeof(int));
	int *order = malloc((size_t)K * sizeof(int)), *map = malloc((size_t)K * sizeof(int));
	int used = 0;

	if (size == NULL || first == NULL || order == NULL || map == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2); /* dies with a message */
	for (int k = 0; k < K; k++) {
		first[k] = -1;
		order[k] = k;
	}
	for (size_t d = 0; d < n; d++)
		if (z[d] >= 0) {
			if (size[z[d]]++ == 0)
				first[z[d]] = (int)d;
		}
	/* insertion sort: K is small */
	for (int i = 1; i < K; i++) {
		int x = order[i], j = i - 1;

		while (j >= 0 && (size[order[j]] < size[x] ||
				  (size[order[j]] == size[x] && first[order[j]] > first[x]))) {
			order[j + 1] = order[j];
			j--;
		}
		order[j + 1] = x;
	}
	for (int i = 0; i < K; i++) {
		map[order[i]] = size[order[i]] > 0 ? i : -1;
		if (size[order[i]] > 0)
			used++;
	}
	for (size_t d = 0; d < n; d++)
		if (z[d] >= 0)
			z[d] = map[z[d]];
	free(size);
	free(first);
	free(order);
	free(map);
	return used;
}

int themes_gsdmm(const struct themes_corpus *c, int k, int auto_k, uint64_t seed, int *z)
{
	struct dmm s;
	uint64_t rng = seed * 0x2545F4914F6CDD1DULL + 1;
	size_t n = c->ndocs;
	int used;

	s.c = c;
	s.K = auto_k ? AUTO_K_MAX : k;
	s.beta = GSDMM_BETA;
	s.vbeta = (double)c->nterms * GSDMM_BETA;
	s.m = calloc((size_t)s.K, sizeof(int));
	s.nk = calloc((size_t)s.K, sizeof(int));
	s.nkw = calloc((size_t)s.K * (c->nterms ? c->nterms : 1), sizeof(int));
	s.p = calloc((size_t)s.K, sizeof(double));
	if (s.m == NULL || s.nk == NULL || s.nkw == NULL || s.p == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2);

	/* Start: uniform random themes, as in Yin & Wang (2014). */
	for (size_t d = 0; d < n; d++) {
		if (c->row[d] == c->row[d + 1]) {
			z[d] = -1;
			continue;
		}
		z[d] = (int)(rng_next(&rng) % (uint64_t)s.K);
		dmm_move(&s, d, z[d], +1);
	}
	for (int it = 0; it < GSDMM_SWEEPS + GSDMM_GREEDY; it++) {
		int greedy = it >= GSDMM_SWEEPS;
		size_t moved = 0;

		for (size_t d = 0; d < n; d++) {
			int best, nz;

			if (z[d] < 0)
				continue;
			dmm_move(&s, d, z[d], -1);
			best = dmm_posterior(&s, d, GSDMM_ALPHA);
			nz = greedy ? best : sample(s.p, s.K, &rng);
			if (nz != z[d])
				moved++;
			z[d] = nz;
			dmm_move(&s, d, z[d], +1);
		}
		if (greedy && moved == 0)
			break;
	}
	used = relabel(z, n, s.K);
	free(s.m);
	free(s.nk);
	free(s.nkw);
	free(s.p);
	return used;
}

/* ---- NMF: sublinear TF-IDF, HALS updates, k-means++ start --------------- */

#define NMF_ITERS_MIN 15
#define NMF_ITERS_MAX 45
#define NMF_WORK 6e8	/* multiply-adds the NMF may spend, about a second */
#define KMEANS_WORK 4e8 /* the same for the k-means starts */
#define KMEANS_RUNS 10
#define KMEANS_ROUNDS 10
#define IDF_POWER 2.0 /* sharper than plain IDF: generic words weigh less */
#define REFINE_ROUNDS 6
#define REFINE_CORE 0.6
#define REFINE_EPOCHS 5
#define REFINE_RATE 1.0
#define AUTO_MIN_SHARE 0.02
#define ENSEMBLE_RUNS 5
#define ENSEMBLE_WORK 4e9
#define CONSENSUS_REFINE 2
#define AUTO_MIN_ANSWERS 3
#define NMF_SECOND 0.6 /* a second theme needs this share of the first's weight */

/* Sublinear TF-IDF with L2-normalised rows, in the corpus's CSR layout. */
static float *tfidf(const struct themes_corpus *c)
{
	size_t nnz = c->row[c->ndocs];
	float *x = malloc((nnz ? nnz : 1) * sizeof(*x));

	if (x == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2);
	for (size_t d = 0; d < c->ndocs; d++) {
		double norm = 0;

		for (size_t i = c->row[d]; i < c->row[d + 1]; i++) {
			double idf =
			    pow(log((double)(c->ndocs + 1) / (double)(c->df[c->col[i]] + 1)) + 1.0,
				IDF_POWER);

			x[i] = (float)((1.0 + log(c->cnt[i])) * idf);
			norm += (double)x[i] * x[i];
		}
		norm = sqrt(norm);
		for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
			x[i] = (float)(x[i] / norm);
	}
	return x;
}

/* Spherical k-means rounds from the centres in H (k × V); see kmeans_run. */
static double kmeans_from(const struct themes_corpus *c, const float *x, int k, int rounds,
			  float *H, int *z, const size_t *nonempty, size_t ne)
{
	size_t V = c->nterms;
	double obj = 0;

	for (int round = 0; round <= rounds; round++) {
		obj = 0;
		for (size_t i = 0; i < ne; i++) {
			size_t d = nonempty[i];
			double best = -1;

			z[d] = 0;
			for (int j = 0; j < k; j++) {
				double dot = 0;

				for (size_t t = c->row[d]; t < c->row[d + 1]; t++)
					dot += (double)x[t] * H[(size_t)j * V + c->col[t]];
				if (dot > best) {
					best = dot;
					z[d] = j;
				}
			}
			obj += best;
		}
		if (round == rounds)
			break;
		memset(H, 0, (size_t)k * V * sizeof(float));
		for (size_t i = 0; i < ne; i++) {
			size_t d = nonempty[i];

			for (size_t t = c->row[d]; t < c->row[d + 1]; t++)
				H[(size_t)z[d] * V + c->col[t]] += x[t];
		}
		for (int j = 0; j < k; j++) {
			double norm = 0;

			for (size_t t = 0; t < V; t++)
				norm += (double)H[(size_t)j * V + t] * H[(size_t)j * V + t];
			norm = sqrt(norm);
			if (norm > 0)
				for (size_t t = 0; t < V; t++)
					H[(size_t)j * V + t] = (float)(H[(size_t)j * V + t] / norm);
		}
	}
	return obj;
}

/*
 * One spherical k-means run: k-means++ seeding on the unit rows, then
 * `rounds` assignment/update rounds. Writes the centres (k × V, dense,
 * unit length) into H and the assignment into z (-1 for empty answers);
 * returns the objective, the summed cosine of answers to their centres.
 */
static double kmeans_run(const struct themes_corpus *c, const float *x, int k, uint64_t *rng,
			 int rounds, float *H, int *z, double *dist, size_t *nonempty, size_t ne)
{
	size_t n = c->ndocs, V = c->nterms;

	memset(H, 0, (size_t)k * V * sizeof(float));
	for (size_t d = 0; d < n; d++)
		z[d] = -1;
	if (ne == 0)
		return 0;
	for (int j = 0; j < k; j++) {
		size_t pick;

		if (j == 0) {
			pick = nonempty[rng_next(rng) % ne];
		} else {
			double total = 0, u, acc = 0;

			for (size_t i = 0; i < ne; i++)
				total += dist[i];
			u = rng_unit(rng) * total;
			pick = nonempty[ne - 1];
			for (size_t i = 0; i < ne; i++) {
				acc += dist[i];
				if (acc > u) {
					pick = nonempty[i];
					break;
				}
			}
		}
		for (size_t i = c->row[pick]; i < c->row[pick + 1]; i++)
			H[(size_t)j * V + c->col[i]] = x[i];
		/* squared distance to the nearest centre so far: 2 − 2 cosine */
		for (size_t i = 0; i < ne; i++) {
			size_t d = nonempty[i];
			double dot = 0, dd;

			for (size_t t = c->row[d]; t < c->row[d + 1]; t++)
				dot += (double)x[t] * H[(size_t)j * V + c->col[t]];
			dd = 1.0 - dot;
			if (dd < 0)
				dd = 0;
			if (j == 0 || dd < dist[i])
				dist[i] = dd;
		}
	}
	return kmeans_from(c, x, k, rounds, H, z, nonempty, ne);
}

/*
 * The best of several k-means runs (by objective), each from its own
 * stream derived from the seed: more runs on small sets, where they are
 * cheap, fewer on large ones. Picking the best of several makes the result
 * depend much less on the seed.
 */
static void kmeans_best(const struct themes_corpus *c, const float *x, int k, uint64_t seed,
			float *H, int *z)
{
	size_t n = c->ndocs, V = c->nterms, ne = 0;
	double *dist = malloc((n ? n : 1) * sizeof(double));
	size_t *nonempty = malloc((n ? n : 1) * sizeof(size_t));
	float *Hr = malloc((size_t)k * (V ? V : 1) * sizeof(float));
	int *zr = malloc((n ? n : 1) * sizeof(int));
	double work = (double)c->row[n] * k + 1, best = -1;
	int runs = (int)(KMEANS_WORK / (work * (KMEANS_ROUNDS + 1)));

	if (dist == NULL || nonempty == NULL || Hr == NULL || zr == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2);
	if (runs < 1)
		runs = 1;
	if (runs > KMEANS_RUNS)
		runs = KMEANS_RUNS;
	for (size_t d = 0; d < n; d++)
		if (c->row[d] < c->row[d + 1])
			nonempty[ne++] = d;
	for (int r = 0; r < runs; r++) {
		uint64_t rng =
		    seed * 0x9E3779B97F4A7C15ULL + (uint64_t)r * 0xD1B54A32D192ED03ULL + 7;
		double obj = kmeans_run(c, x, k, &rng, KMEANS_ROUNDS, Hr, zr, dist, nonempty, ne);

		if (r == 0 || obj > best) {
			best = obj;
			memcpy(H, Hr, (size_t)k * V * sizeof(float));
			memcpy(z, zr, n * sizeof(int));
		}
	}
	free(dist);
	free(nonempty);
	free(Hr);
	free(zr);
}

/* ---- refinement by iterative classification ------------------------------ */

struct simrow {
	float sim;
	uint32_t d;
};

static int cmp_simrow(const void *a, const void *b)
{
	const struct simrow *x = a, *y = b;

	if (x->sim != y->sim)
		return x->sim < y->sim ? 1 : -1;
	return (x->d > y->d) - (x->d < y->d);
}

/*
 * Sharpen a grouping the way short-text clustering is refined in the
 * literature: keep each theme's core (the answers most similar to its
 * centre), train a linear softmax classifier on the cores only, and let it
 * reassign every answer; repeat. Outliers stop dragging the centres, and
 * words that only ever appear with one theme pull their answers to it.
 */
static void refine(const struct themes_corpus *c, const float *x, int K, int *z, int rounds,
		   uint64_t seed)
{
	size_t n = c->ndocs, V = c->nterms;
	float *cen = malloc((size_t)K * (V ? V : 1) * sizeof(float));
	float *w = malloc((size_t)K * (V ? V : 1) * sizeof(float));
	struct simrow *rows = malloc((n ? n : 1) * sizeof(*rows));
	uint32_t *core = malloc((n ? n : 1) * sizeof(*core));
	double q = REFINE_CORE, lr = REFINE_RATE;
	int epochs = REFINE_EPOCHS;
	uint64_t rng = seed ^ 0xabcdef12345ULL;
	double p[THEMES_MAX_K], cw[THEMES_MAX_K];

	if (cen == NULL || w == NULL || rows == NULL || core == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2);
	for (int r = 0; r < rounds; r++) {
		size_t ncore = 0, nr = 0;

		memset(cen, 0, (size_t)K * V * sizeof(float));
		for (size_t d = 0; d < n; d++)
			if (z[d] >= 0)
				for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
					cen[(size_t)z[d] * V + c->col[i]] += x[i];
		for (int k = 0; k < K; k++) {
			double norm = 0;

			for (size_t t = 0; t < V; t++)
				norm += (double)cen[(size_t)k * V + t] * cen[(size_t)k * V + t];
			norm = norm > 0 ? 1.0 / sqrt(norm) : 0;
			for (size_t t = 0; t < V; t++)
				cen[(size_t)k * V + t] *= (float)norm;
		}
		for (int k = 0; k < K; k++) {
			size_t start = nr, keep;

			for (size_t d = 0; d < n; d++) {
				double dot = 0;

				if (z[d] != k)
					continue;
				for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
					dot += x[i] * cen[(size_t)k * V + c->col[i]];
				rows[nr].sim = (float)dot;
				rows[nr].d = (uint32_t)d;
				nr++;
			}
			if (nr - start > 1)
				qsort(rows + start, nr - start, sizeof(*rows), cmp_simrow);
			keep = (size_t)ceil((double)(nr - start) * q);
			for (size_t i = 0; i < keep; i++)
				core[ncore++] = rows[start + i].d;
		}
		/* Softmax regression on the cores, SGD in a seeded order. */
		memset(w, 0, (size_t)K * V * sizeof(float));
		{
			size_t per[THEMES_MAX_K] = {0};

			for (size_t i = 0; i < ncore; i++)
				per[z[core[i]]]++;
			for (int k = 0; k < K; k++)
				cw[k] = per[k] ? (double)ncore / ((double)K * (double)per[k]) : 1.0;
		}
		for (int e = 0; e < epochs; e++) {
			double rate = lr / (1.0 + e);

			for (size_t i = ncore; i > 1; i--) { /* Fisher–Yates */
				size_t j = (size_t)(rng_next(&rng) % i);
				uint32_t t = core[i - 1];

				core[i - 1] = core[j];
				core[j] = t;
			}
			for (size_t ii = 0; ii < ncore; ii++) {
				size_t d = core[ii];
				double mx = -INFINITY, sum = 0;

				for (int k = 0; k < K; k++) {
					double s = 0;

					for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
						s += x[i] * w[(size_t)k * V + c->col[i]];
					p[k] = s;
					if (s > mx)
						mx = s;
				}
				for (int k = 0; k < K; k++) {
					p[k] = exp(p[k] - mx);
					sum += p[k];
				}
				for (int k = 0; k < K; k++) {
					double g =
					    (((k == z[d]) ? 1.0 : 0.0) - p[k] / sum) * cw[z[d]];

					if (g > -1e-4 && g < 1e-4)
						continue;
					for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
						w[(size_t)k * V + c->col[i]] +=
						    (float)(rate * g * x[i]);
				}
			}
		}
		for (size_t d = 0; d < n; d++) {
			int best = -1;
			double bs = -INFINITY;

			if (c->row[d] == c->row[d + 1])
				continue;
			for (int k = 0; k < K; k++) {
				double s = 0;

				for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
					s += x[i] * w[(size_t)k * V + c->col[i]];
				if (s > bs) {
					bs = s;
					best = k;
				}
			}
			z[d] = best;
		}
	}
	free(cen);
	free(w);
	free(rows);
	free(core);
}

/*
 * Choosing k from the data: start from AUTO_K_MAX themes (one per ten
 * answers on small sets) and dissolve those holding less than
 * AUTO_MIN_SHARE of the themed answers or fewer than AUTO_MIN_ANSWERS,
 * smallest first,
 * while more than AUTO_K_MIN remain; their answers go to the nearest
 * remaining centre.
 */
static void dissolve_small(const struct themes_corpus *c, const float *x, int K, int *z,
			   int *second)
{
	size_t n = c->ndocs, V = c->nterms, themed = 0;
	float *cen = calloc((size_t)K * (V ? V : 1), sizeof(float));
	size_t size[THEMES_MAX_K] = {0};
	int alive[THEMES_MAX_K], nalive = 0;

	if (cen == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2);
	for (size_t d = 0; d < n; d++)
		if (z[d] >= 0) {
			size[z[d]]++;
			themed++;
			for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
				cen[(size_t)z[d] * V + c->col[i]] += x[i];
		}
	for (int k = 0; k < K; k++) {
		alive[k] = size[k] > 0;
		nalive += alive[k];
	}
	while (nalive > AUTO_K_MIN) {
		int small = -1;

		for (int k = 0; k < K; k++)
			if (alive[k] && (small < 0 || size[k] < size[small]))
				small = k;
		if (small < 0 || ((double)size[small] >= AUTO_MIN_SHARE * (double)themed &&
				  size[small] >= AUTO_MIN_ANSWERS))
			break;
		alive[small] = 0;
		nalive--;
		for (size_t d = 0; d < n; d++) {
			double best = -1;
			int bk = -1;

			if (second[d] == small)
				second[d] = -1;
			if (z[d] != small)
				continue;
			for (int k = 0; k < K; k++) {
				double dot = 0;

				if (!alive[k])
					continue;
				for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
					dot += x[i] * cen[(size_t)k * V + c->col[i]];
				if (dot > best) {
					best = dot;
					bk = k;
				}
			}
			z[d] = bk;
			if (second[d] == bk)
				second[d] = -1;
			if (bk >= 0)
				size[bk]++;
		}
	}
	/* Then merge the two most alike themes (cosine of their TF-IDF
	 * centres at least AUTO_MERGE_COS) while more than AUTO_K_MIN remain:
	 * one topic split in two ("potholes" and "road potholes") becomes
	 * one, and Welsh answers meet the English ones of their topic. */
	{
		const double merge_cos = AUTO_MERGE_COS;
		while (nalive > AUTO_K_MIN) {
			double best = merge_cos, nrm[THEMES_MAX_K];
			int ba = -1, bb = -1;

			for (int k = 0; k < K; k++) {
				double s2 = 0;

				if (!alive[k])
					continue;
				for (size_t t = 0; t < V; t++)
					s2 += (double)cen[(size_t)k * V + t] * cen[(size_t)k * V + t];
				nrm[k] = sqrt(s2);
			}
			for (int a = 0; a < K; a++)
				for (int b = a + 1; b < K; b++) {
					double dot = 0, cs;

					if (!alive[a] || !alive[b] || nrm[a] == 0 || nrm[b] == 0 ||
					    (double)(size[a] + size[b]) > AUTO_MERGE_MAX_SHARE * (double)themed)
						continue;
					for (size_t t = 0; t < V; t++)
						dot += (double)cen[(size_t)a * V + t] *
						       cen[(size_t)b * V + t];
					cs = dot / (nrm[a] * nrm[b]);
					if (cs > best) {
						best = cs;
						ba = a;
						bb = b;
					}
				}
			if (ba < 0)
				break;
			if (size[bb] > size[ba]) {
				int tmp = ba;

				ba = bb;
				bb = tmp;
			}
			for (size_t d = 0; d < n; d++) {
				if (z[d] == bb)
					z[d] = ba;
				if (second[d] == bb || second[d] == z[d])
					second[d] = -1;
			}
			for (size_t t = 0; t < V; t++)
				cen[(size_t)ba * V + t] += cen[(size_t)bb * V + t];
			size[ba] += size[bb];
			size[bb] = 0;
			alive[bb] = 0;
			nalive--;
		}
	}
	free(cen);
}

/* One NMF grouping from the k-means start on stream `start`, refined with
 * `seed` when `single`. */
static void nmf_once(const struct themes_corpus *c, const float *x, int k, uint64_t start,
		     int single, uint64_t seed, int *z, int *second)
{
	size_t n = c->ndocs, V = c->nterms;
	float *H, *Ht, *W, *A, *C;
	double B[THEMES_MAX_K * THEMES_MAX_K];
	int iters;

	H = malloc((size_t)k * (V ? V : 1) * sizeof(float));
	Ht = malloc((size_t)k * (V ? V : 1) * sizeof(float)); /* V × k */
	W = calloc((n ? n : 1) * (size_t)k, sizeof(float));
	A = malloc((n ? n : 1) * (size_t)k * sizeof(float));
	C = malloc((size_t)k * (V ? V : 1) * sizeof(float)); /* V × k */
	if (H == NULL || Ht == NULL || W == NULL || A == NULL || C == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2);
	/* The start is the best of several k-means runs from fixed streams,
	 * like NNDSVD in scikit-learn: the same data always starts the same
	 * way, so themes do not move with the seed; the seed orders the
	 * refinement's stochastic updates. */
	kmeans_best(c, x, k, start, H, z);
	iters = (int)(NMF_WORK / (2.0 * (double)c->row[n] * k + (double)n * k * k + 1));
	if (iters < NMF_ITERS_MIN)
		iters = NMF_ITERS_MIN;
	if (iters > NMF_ITERS_MAX)
		iters = NMF_ITERS_MAX;
	for (size_t t = 0; t < V; t++)
		for (int j = 0; j < k; j++)
			Ht[t * (size_t)k + (size_t)j] = H[(size_t)j * V + t];

	for (int it = 0; it < iters; it++) {
		/* W step: A = X H^T, B = H H^T */
		memset(A, 0, n * (size_t)k * sizeof(float));
		for (size_t d = 0; d < n; d++) {
			float *a = A + d * (size_t)k;

			for (size_t i = c->row[d]; i < c->row[d + 1]; i++) {
				const float *h = Ht + (size_t)c->col[i] * (size_t)k;

				for (int j = 0; j < k; j++)
					a[j] += x[i] * h[j];
			}
		}
		memset(B, 0, sizeof(B));
		for (size_t t = 0; t < V; t++) {
			const float *h = Ht + t * (size_t)k;

			for (int i = 0; i < k; i++)
				for (int j = 0; j < k; j++)
					B[i * k + j] += (double)h[i] * h[j];
		}
		for (size_t d = 0; d < n; d++) {
			float *w = W + d * (size_t)k, *a = A + d * (size_t)k;

			if (c->row[d] == c->row[d + 1])
				continue;
			if (it == 0) /* start from the projections */
				for (int j = 0; j < k; j++)
					w[j] = a[j] > 0 ? a[j] : 0;
			for (int j = 0; j < k; j++) {
				double num = a[j], v;

				if (B[j * k + j] <= 0)
					continue;
				for (int i = 0; i < k; i++)
					num -= (double)w[i] * B[i * k + j];
				v = w[j] + num / B[j * k + j];
				w[j] = v > 0 ? (float)v : 0.0f;
			}
		}
		/* H step: C = X^T W (V × k), B = W^T W */
		memset(C, 0, V * (size_t)k * sizeof(float));
		memset(B, 0, sizeof(B));
		for (size_t d = 0; d < n; d++) {
			const float *w = W + d * (size_t)k;

			for (size_t i = c->row[d]; i < c->row[d + 1]; i++) {
				float *cc = C + (size_t)c->col[i] * (size_t)k;

				for (int j = 0; j < k; j++)
					cc[j] += x[i] * w[j];
			}
			for (int i = 0; i < k; i++)
				if (w[i] != 0)
					for (int j = 0; j < k; j++)
						B[i * k + j] += (double)w[i] * w[j];
		}
		for (size_t t = 0; t < V; t++) {
			float *h = Ht + t * (size_t)k, *cc = C + t * (size_t)k;

			for (int j = 0; j < k; j++) {
				double num = cc[j], v;

				if (B[j * k + j] <= 0)
					continue;
				for (int i = 0; i < k; i++)
					num -= (double)h[i] * B[i * k + j];
				v = h[j] + num / B[j * k + j];
				h[j] = v > 0 ? (float)v : 0.0f;
			}
		}
	}
	/* Assign: the heaviest theme, and a second one when nearly as heavy. */
	for (size_t d = 0; d < n; d++) {
		const float *w = W + d * (size_t)k;
		int best = -1, next = -1;

		for (int j = 0; j < k; j++) {
			if (w[j] <= 0)
				continue;
			if (best < 0 || w[j] > w[best]) {
				next = best;
				best = j;
			} else if (next < 0 || w[j] > w[next]) {
				next = j;
			}
		}
		z[d] = best;
		second[d] = (next >= 0 && w[next] >= NMF_SECOND * w[best]) ? next : -1;
	}
	if (single) {
		refine(c, x, k, z, REFINE_ROUNDS, seed);
		for (size_t d = 0; d < n; d++)
			second[d] = -1;
	}
	free(H);
	free(Ht);
	free(W);
	free(A);
	free(C);
}

/*
 * Consensus of R groupings (voting k-means on the label vectors): each
 * theme is a distribution over the labels every run gave its members; an
 * answer joins the theme whose runs agree most with its own labels. Starts
 * from run 0; answers without terms (z = -1 in every run) stay out.
 */
static void consensus(size_t n, int k, int R, int *const *zr, int *z)
{
	double *prof = malloc((size_t)k * (size_t)R * (size_t)k * sizeof(double));
	size_t *size = malloc((size_t)k * sizeof(size_t));

	if (prof == NULL || size == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2);
	memcpy(z, zr[0], n * sizeof(int));
	for (int it = 0; it < 20; it++) {
		size_t moved = 0;

		memset(prof, 0, (size_t)k * (size_t)R * (size_t)k * sizeof(double));
		memset(size, 0, (size_t)k * sizeof(size_t));
		for (size_t d = 0; d < n; d++) {
			if (z[d] < 0)
				continue;
			size[z[d]]++;
			for (int r = 0; r < R; r++)
				if (zr[r][d] >= 0)
					prof[((size_t)z[d] * (size_t)R + (size_t)r) * (size_t)k +
					     (size_t)zr[r][d]] += 1;
		}
		for (size_t d = 0; d < n; d++) {
			int best = z[d];
			double bs = -1;

			if (z[d] < 0)
				continue;
			for (int j = 0; j < k; j++) {
				double sc = 0;

				if (size[j] == 0)
					continue;
				for (int r = 0; r < R; r++)
					if (zr[r][d] >= 0)
						sc += prof[((size_t)j * (size_t)R + (size_t)r) *
							       (size_t)k +
							   (size_t)zr[r][d]];
				sc /= (double)size[j];
				if (sc > bs) {
					bs = sc;
					best = j;
				}
			}
			if (best != z[d]) {
				z[d] = best;
				moved++;
			}
		}
		if (moved == 0)
			break;
	}
	free(prof);
	free(size);
}

int themes_nmf(const struct themes_corpus *c, int k, int auto_k, int single, uint64_t seed, int *z,
	       int *second)
{
	size_t n = c->ndocs;
	float *x = tfidf(c);
	int used, runs = 1;

	if (auto_k) /* start from AUTO_K_MAX, fewer for small sets */
		k = n / 10 < AUTO_K_MIN	  ? AUTO_K_MIN
		    : n / 10 > AUTO_K_MAX ? AUTO_K_MAX
					  : (int)(n / 10);
	if (single) {
		/* Several runs from different starts, then their consensus: one
		 * start's luck matters less. As many runs as the work budget
		 * allows (one on very large sets). */
		double work =
		    (2.0 * (double)c->row[n] + (double)n * k) * k * (NMF_ITERS_MAX + 20) + 1;

		/* Clamped as a double: on a tiny set the quotient passes INT_MAX. */
		double fit = ENSEMBLE_WORK / work;

		runs = fit < 1 ? 1 : fit > ENSEMBLE_RUNS ? ENSEMBLE_RUNS : (int)fit;
	}
	if (runs == 1) {
		nmf_once(c, x, k, 1, single, seed, z, second);
	} else {
		int *zr[ENSEMBLE_RUNS];

		for (int r = 0; r < runs; r++) {
			zr[r] = malloc((n ? n : 1) * sizeof(int));
			if (zr[r] == NULL)
				text_xrealloc(NULL, (size_t)-1 / 2);
			nmf_once(c, x, k, 1 + (uint64_t)r, single, seed + (uint64_t)r, zr[r],
				 second);
		}
		consensus(n, k, runs, zr, z);
		refine(c, x, k, z, CONSENSUS_REFINE, seed);
		for (size_t d = 0; d < n; d++)
			second[d] = -1;
		for (int r = 0; r < runs; r++)
			free(zr[r]);
	}
	if (auto_k)
		dissolve_small(c, x, k, z, second);
	/* Relabel by size, carrying the second themes along. */
	{
		int *map_in = malloc((size_t)k * sizeof(int)),
		    *probe = malloc((size_t)k * sizeof(int));

		if (map_in == NULL || probe == NULL)
			text_xrealloc(NULL, (size_t)-1 / 2);
		/* relabel() rewrites z; learn its mapping on a probe of one answer
		 * per theme by relabelling z alongside an index copy. */
		for (int j = 0; j < k; j++)
			map_in[j] = -1;
		{
			int *zz = malloc((n ? n : 1) * sizeof(int));

			if (zz == NULL)
				text_xrealloc(NULL, (size_t)-1 / 2);
			memcpy(zz, z, n * sizeof(int));
			used = relabel(z, n, k);
			for (size_t d = 0; d < n; d++)
				if (zz[d] >= 0)
					map_in[zz[d]] = z[d];
			free(zz);
		}
		for (size_t d = 0; d < n; d++) {
			int s2 = second[d] >= 0 ? map_in[second[d]] : -1;

			second[d] = (s2 >= 0 && s2 != z[d]) ? s2 : -1;
		}
		free(map_in);
		free(probe);
	}
	free(x);
	return used;
}

/* ---- labels: phrases and words over-represented in a theme --------------- */

struct cand {
	double score;
	uint32_t t[3];	/* terms; NO_TERM when shorter */
	uint32_t order; /* tie-break */
};

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

/*
 * For every theme: the label and up to 3 phrases. Items are the kept terms
 * and the 2–3 term sequences seen in at least 3 answers (2 for small
 * sets); each theme counts the answers whose main theme it is.
 */
#define LABEL_CANDS 16

static void theme_labels(const struct themes_corpus *c, const int *z, int K, struct cand *top,
			 int *ntop, json_t **phrases)
{
	size_t n = c->ndocs, V = c->nterms;
	struct text_map64 ph, cell;
	uint32_t *ph_df = NULL, *cell_n = NULL, *last = NULL;
	size_t ph_cap = 0, cell_cap = 0;
	uint32_t *tdf = calloc((size_t)K * (V ? V : 1), sizeof(uint32_t));
	double *size = calloc((size_t)K, sizeof(double));
	double minph = n < 2000 ? 2 : 3;

	text_map64_init(&ph);
	text_map64_init(&cell);
	if (tdf == NULL || size == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2);
	for (size_t d = 0; d < n; d++)
		if (z[d] >= 0) {
			size[z[d]] += 1;
			for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
				tdf[(size_t)z[d] * V + c->col[i]]++;
		}
	/* Phrase document frequencies overall and per main theme. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t d = 0; d < n; d++) {
			const uint32_t *s = c->seq ? c->seq + c->seq_row[d] : NULL; /* none: no words at all */
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
								ph_df = text_xrealloc(
								    ph_df, ph_cap * sizeof(*ph_df));
								last = text_xrealloc(
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
								cell_n = text_xrealloc(
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
	for (int k = 0; k < K; k++) {
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
				cands = text_xrealloc(cands, cap * sizeof(*cands));
			}
			cands[nc].score = sc;
			cands[nc].t[0] = (uint32_t)t;
			cands[nc].t[1] = cands[nc].t[2] = NO_TERM;
			cands[nc].order = (uint32_t)nc;
			nc++;
		}
		for (size_t i = 0; i < cell.n; i++) {
			uint64_t key = cell.keys[i];
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
				cands = text_xrealloc(cands, cap * sizeof(*cands));
			}
			pk = ph.keys[pid];
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
			if (contains_all(have, nhave, cands[i].t))
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
					cands = text_xrealloc(cands, cap * sizeof(*cands));
				}
				cands[nc].score = tdf[(size_t)k * V + t];
				cands[nc].t[0] = (uint32_t)t;
				cands[nc].t[1] = cands[nc].t[2] = NO_TERM;
				cands[nc].order = (uint32_t)nc;
				nc++;
			}
			if (nc > 1)
				qsort(cands, nc, sizeof(*cands), cmp_cand);
			for (size_t i = 0; i < nc && chosen < 3; i++, chosen++)
				json_array_append_new(phrases[k], phrase_text(c, cands[i].t));
		}
		/* The best candidates, for the label chosen across themes. */
		ntop[k] = 0;
		for (size_t i = 0; i < nc && ntop[k] < LABEL_CANDS; i++)
			top[(size_t)k * LABEL_CANDS + (size_t)ntop[k]++] = cands[i];
		free(cands);
	}
	text_map64_release(&ph);
	text_map64_release(&cell);
	free(ph_df);
	free(cell_n);
	free(last);
	free(tdf);
	free(size);
}

/* ---- quotes ----------------------------------------------------------------- */

struct qcand {
	double score;
	size_t d;
};

static int cmp_qcand(const void *a, const void *b)
{
	const struct qcand *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return (x->d > y->d) - (x->d < y->d);
}

/* Jaccard similarity of two answers' term sets (sorted CSR rows). */
static double jaccard(const struct themes_corpus *c, size_t a, size_t b)
{
	size_t i = c->row[a], j = c->row[b], inter = 0, uni = 0;

	while (i < c->row[a + 1] || j < c->row[b + 1]) {
		if (j >= c->row[b + 1] || (i < c->row[a + 1] && c->col[i] < c->col[j])) {
			i++;
		} else if (i >= c->row[a + 1] || c->col[j] < c->col[i]) {
			j++;
		} else {
			i++;
			j++;
			inter++;
		}
		uni++;
	}
	return uni ? (double)inter / (double)uni : 1.0;
}
#define QUOTE_CUT_CHARS 300

/*
 * A quote object {"id", "text"} for answer text s: at most QUOTE_CUT_CHARS
 * characters, cut at a word boundary with "…" (then "cut": true; the whole
 * answer stays reachable by its id).
 */
static json_t *quote_obj(const char *id, const char *s)
{
	size_t len = strlen(s), chars = 0, i, cut = 0, last_space = 0;
	json_t *q;
	char *tmp;

	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (chars == QUOTE_CUT_CHARS - 1) {
				cut = i;
				break;
			}
			chars++;
		}
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')
			last_space = i;
	}
	if (i == len)
		return json_pack("{s:s, s:s}", "id", id, "text", s);
	if (last_space > cut / 2)
		cut = last_space;
	while (cut > 0 && strchr(" \t\n,;:-", s[cut - 1]) != NULL)
		cut--;
	tmp = malloc(cut + 4);
	if (tmp == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2);
	memcpy(tmp, s, cut);
	memcpy(tmp + cut, "\xE2\x80\xA6", 4); /* "…" and NUL */
	q = json_pack("{s:s, s:s, s:b}", "id", id, "text", tmp, "cut", 1);
	free(tmp);
	return q;
}

/* 1 when answer d may be quoted next to those picked: not hidden, and no
 * near-duplicate (half its terms shared, or the same text). */
static int quotable(const struct themes_corpus *c, const struct themes_answer *a, size_t d,
		    const size_t *picked, int got, const unsigned char *unquotable)
{
	if (unquotable != NULL && unquotable[d])
		return 0;
	if (a[d].text[0] == '\0')
		return 0;
	for (int j = 0; j < got; j++)
		if (jaccard(c, d, picked[j]) > 0.5 || strcmp(a[d].text, a[picked[j]].text) == 0)
			return 0;
	return 1;
}

/*
 * Up to `want` quotes per theme from the redacted answers `a`: ranked by
 * closeness to the theme's TF-IDF centre (readable length preferred); the
 * first of the theme's main stance, the second of another stance when one
 * is common (a quarter of the theme), then by rank; no near-duplicates.
 */
static json_t **theme_quotes(const struct themes_corpus *c, const struct themes_answer *a,
			     const int *z, int K, int want, const unsigned char *unquotable,
			     const unsigned char *stance, const double (*split)[TEXT_NSTANCES])
{
	size_t n = c->ndocs, V = c->nterms;
	float *x = tfidf(c);
	double *centre = calloc((size_t)(K > 0 ? K : 1) * (V ? V : 1), sizeof(double));
	json_t **out = calloc((size_t)(K > 0 ? K : 1), sizeof(*out));
	struct qcand *qc = malloc((n ? n : 1) * sizeof(*qc));

	if (centre == NULL || out == NULL || qc == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2);
	for (size_t d = 0; d < n; d++)
		if (z[d] >= 0)
			for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
				centre[(size_t)z[d] * V + c->col[i]] += x[i];
	for (int k = 0; k < K; k++) {
		size_t nq = 0, picked[64];
		int got = 0, major = 0, minor = -1;

		out[k] = json_array();
		for (int s = 1; s < TEXT_NSTANCES; s++)
			if (split[k][s] > split[k][major])
				major = s;
		for (int s = 1; s < TEXT_NSTANCES; s++)
			if (s != major && split[k][s] >= 0.25 && (minor < 0 || split[k][s] > split[k][minor]))
				minor = s;
		for (size_t d = 0; d < n; d++) {
			size_t len;
			double dot = 0;

			if (z[d] != k)
				continue;
			for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
				dot += x[i] * centre[(size_t)k * V + c->col[i]];
			len = strlen(a[d].text);
			if (len < QUOTE_MIN_CHARS || len > QUOTE_MAX_CHARS)
				dot *= 0.5;
			qc[nq].score = dot;
			qc[nq].d = d;
			nq++;
		}
		if (nq > 1)
			qsort(qc, nq, sizeof(*qc), cmp_qcand);
		for (int pass = 0; pass < 3 && got < want && got < 64; pass++) {
			int need = pass == 0 ? major : pass == 1 ? minor : -1;

			if (pass == 1 && minor < 0)
				continue;
			for (size_t i = 0; i < nq && got < want && got < 64; i++) {
				size_t d = qc[i].d;

				if (need >= 0 && stance[d] != need)
					continue;
				if (!quotable(c, a, d, picked, got, unquotable))
					continue;
				json_array_append_new(out[k], quote_obj(a[d].id, a[d].text));
				picked[got++] = d;
				if (pass < 2)
					break;
			}
		}
	}
	free(x);
	free(centre);
	free(qc);
	return out;
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
		const char *w = cy ? (c->surface_cy ? c->surface_cy[t[i]] : NULL) : c->surface[t[i]];

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
		text_xrealloc(NULL, (size_t)-1 / 2);
	return r;
}

/* Words that name an action or a verdict rather than a topic, so they do
 * not make half of an "X and Y" label: past participles ("received",
 * "looked") and a few common verbs. */
static int verb_like(const char *w)
{
	static const char *const verbs[] = {"done", "given", "give", "gave", "recommend", "deal",
					    "taken", "seen", "made", "came", "went", "gone", "put",
					    "told", "felt", "kept", "got", "left", "dr", NULL};
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

		buf_init(&s, 4096);
		for (int i = 0; i < 3 && a->t[i] != NO_TERM; i++) {
			const char *w = cy ? (c->surface_cy ? c->surface_cy[a->t[i]] : NULL)
					   : c->surface[a->t[i]];

			if (w == NULL) {
				buf_release(&s);
				return NULL;
			}
			if (i > 0)
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

/*
 * Choose the label of each theme, largest first, from its candidates: the
 * best phrase of two or three words scoring at least a third of the best
 * candidate, else its two best single words ("parking and charges"); a
 * label whose key another theme already has is passed over. Returns the
 * English label (owned by the caller) and sets *cy to the Welsh one or NULL.
 */
static char *choose_label(const struct themes_corpus *c, const struct cand *top, int ntop,
			  char ***used, size_t *nused, char **cy)
{
	struct buf key;
	char *en = NULL;
	const struct cand *pa = NULL, *pb = NULL;

	*cy = NULL;
	buf_init(&key, 8192);
	for (int pass = 0; pass < 2 && en == NULL; pass++)
		for (int i = 0; i < ntop && en == NULL; i++) {
			int dup = 0;
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
				int j;

				if (cand_terms(&top[i]) != 1 || verb_like(c->surface[top[i].t[0]]))
					continue;
				for (j = i + 1; j < ntop; j++)
					if (cand_terms(&top[j]) == 1 && top[j].t[0] != top[i].t[0] &&
					    !verb_like(c->surface[top[j].t[0]]))
						break;
				if (j >= ntop)
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
			label_key(s, &key);
			for (size_t u = 0; u < *nused; u++)
				if (strcmp((*used)[u], key.data) == 0)
					dup = 1;
			if (dup) {
				free(s);
				continue;
			}
			en = s;
		}
	if (en == NULL && ntop > 0) {
		/* one word left: still better than nothing, if unused */
		for (int i = 0; i < ntop && en == NULL; i++) {
			char *s = cand_text(c, &top[i], NULL, 0);
			int dup = 0;

			if (s == NULL)
				continue;
			label_key(s, &key);
			for (size_t u = 0; u < *nused; u++)
				if (strcmp((*used)[u], key.data) == 0)
					dup = 1;
			if (dup) {
				free(s);
				continue;
			}
			en = s;
			pa = &top[i];
			pb = NULL;
		}
	}
	if (en != NULL) {
		*used = text_xrealloc(*used, (*nused + 1) * sizeof(**used));
		(*used)[(*nused)++] = strdup(key.data);
		*cy = cand_text(c, pa, pb, 1);
	}
	buf_release(&key);
	return en;
}

/* ---- the summary ------------------------------------------------------------ */

static double round_to(double v, double unit)
{
	return floor(v / unit + 0.5) * unit;
}

struct area_row {
	const char *name;
	size_t first;
};

static int cmp_area(const void *a, const void *b)
{
	return strcmp(((const struct area_row *)a)->name, ((const struct area_row *)b)->name);
}

#define MIN_CLUSTER_ANSWERS 20 /* fewer answers: listed, not grouped */
#define MIN_THEME_ANSWERS 5    /* and 1% of the answers: smaller themes fold into Other */
#define Z_NONE (-1)	       /* no words: unthemed */
#define Z_OTHER (-2)
#define Z_NOTHING (-3)

/* A copy of redacted text with each "[redacted …]" placeholder turned into
 * a break, so that no placeholder word becomes a term or joins a phrase. */
static char *blank_placeholders(const char *s)
{
	size_t len = strlen(s);
	char *r = malloc(len + 1), *p;

	if (r == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2);
	memcpy(r, s, len + 1);
	p = r;
	while ((p = strstr(p, "[redacted ")) != NULL) {
		char *e = strchr(p, ']');

		if (e == NULL)
			e = r + len - 1;
		memset(p, ' ', (size_t)(e - p) + 1);
		*p = ';';
		p = e + 1;
		if (p >= r + len)
			break;
	}
	return r;
}

static const char *const stance_plural[TEXT_NSTANCES] = {"neutral comments", "praise", "complaints",
							  "suggestions"};

/* One sentence from the theme's own phrases: what it is about, its main
 * stance, and the phrases that recur. */
static json_t *describe(const char *label, json_t *phrases, const double *split)
{
	struct buf b;
	int major = 0, said = 0;
	json_t *r;

	for (int s = 1; s < TEXT_NSTANCES; s++)
		if (split[s] > split[major])
			major = s;
	buf_init(&b, 8192);
	buf_puts(&b, "Answers about ");
	buf_puts(&b, label);
	if (split[major] >= 0.5)
		buf_printf(&b, ", mostly %s", stance_plural[major]);
	else
		buf_puts(&b, ", mixed in tone");
	for (size_t i = 0; i < json_array_size(phrases); i++) {
		const char *p = json_string_value(json_array_get(phrases, i));

		if (p == NULL || strcmp(p, label) == 0 || strstr(label, p) != NULL)
			continue;
		buf_puts(&b, said ? " and \xE2\x80\x9C" : "; they often mention \xE2\x80\x9C");
		buf_puts(&b, p);
		buf_puts(&b, "\xE2\x80\x9D");
		if (++said == 2)
			break;
	}
	buf_putc(&b, '.');
	r = json_string(buf_cstr(&b));
	buf_release(&b);
	return r;
}

static json_t *stance_json(const double *split)
{
	return json_pack("{s:f, s:f, s:f, s:f}", "praise",
			 round_to(split[TEXT_STANCE_PRAISE], 1e-4), "complaint",
			 round_to(split[TEXT_STANCE_COMPLAINT], 1e-4), "suggestion",
			 round_to(split[TEXT_STANCE_SUGGESTION], 1e-4), "neutral",
			 round_to(split[TEXT_STANCE_NEUTRAL], 1e-4));
}

/* The method for AUTO: GSDMM on short single-topic answers (it fits their
 * one-topic-per-answer shape), NMF with refinement on longer ones. */
static int auto_is_gsdmm(const struct themes_corpus *c)
{
	return c->mean_words <= GSDMM_MAX_WORDS;
}

json_t *themes_summarise(const struct themes_answer *a, size_t n, size_t skipped,
			 const struct themes_opts *o)
{
	struct themes_corpus c;
	struct redactor rd;
	struct text_tokeniser tok;
	struct themes_answer *ra = NULL, *ta = NULL;
	struct text_span *spans = NULL;
	unsigned char *stance = NULL;
	int *z = NULL, *second = NULL, K = 0, KT = 0, *map = NULL, use_gsdmm = 0;
	json_t *root = NULL, *themes, *assign, *by_area, *phrases_tmp = NULL, *other_q;
	json_t **phrases = NULL, **quotes = NULL;
	size_t *count = NULL, *cnt0 = NULL, unthemed = 0, other = 0, nothing = 0, ncy = 0;
	double (*split)[TEXT_NSTANCES] = NULL;
	struct cand *top = NULL;
	int *ntop = NULL, nothing_id = -1;
	char **used = NULL, **lab_en = NULL, **lab_cy = NULL;
	size_t nused = 0, min_theme;
	char idbuf[24];
	struct buf norm, red;
	const char *empty = "";

	(void)phrases_tmp;
	if (redact_init(&rd) < 0)
		return NULL;
	if (text_tokeniser_init(&tok) < 0) {
		redact_release(&rd);
		return NULL;
	}
	/* Redact first: every later stage (terms, labels, phrases,
	 * descriptions, quotes) sees only redacted text. */
	ra = calloc(n ? n : 1, sizeof(*ra));
	ta = calloc(n ? n : 1, sizeof(*ta));
	stance = calloc(n ? n : 1, 1);
	z = malloc((n ? n : 1) * sizeof(int));
	second = malloc((n ? n : 1) * sizeof(int));
	spans = malloc(MAX_TOKENS * sizeof(*spans));
	if (ra == NULL || ta == NULL || stance == NULL || z == NULL || second == NULL ||
	    spans == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2);
	buf_init(&norm, 1 << 24);
	buf_init(&red, 1 << 24);
	for (size_t d = 0; d < n; d++) {
		int nt;

		ra[d].id = a[d].id;
		ra[d].area = a[d].area;
		ta[d] = ra[d];
		z[d] = Z_NONE;
		second[d] = -1;
		buf_reset(&red);
		if (redact_text(&rd, a[d].text, strlen(a[d].text), &red) < 0) {
			/* never use what could not be redacted */
			ra[d].text = strdup("");
		} else {
			ra[d].text = strdup(buf_cstr(&red));
		}
		if (ra[d].text == NULL)
			text_xrealloc(NULL, (size_t)-1 / 2);
		ta[d].text = blank_placeholders(ra[d].text);
		buf_reset(&norm);
		if (text_normalise(ta[d].text, strlen(ta[d].text), &norm) < 0)
			continue;
		nt = text_tokenise(&tok, buf_cstr(&norm), norm.len, spans, MAX_TOKENS);
		if (nt > MAX_TOKENS)
			nt = MAX_TOKENS;
		if (nt <= 0)
			continue;
		stance[d] = (unsigned char)text_stance_of(norm.data, spans, nt);
		if (text_is_nothing(norm.data, spans, nt)) {
			z[d] = Z_NOTHING;
			free(ta[d].text);
			ta[d].text = (char *)empty;
		}
	}
	buf_release(&norm);
	buf_release(&red);
	if (themes_corpus_build(&c, ta, n, o->lang, n < 50 ? 1 : 2, 1, o->data_dir) < 0)
		goto fail;

	if (n >= MIN_CLUSTER_ANSWERS) {
		int *zc = malloc((n ? n : 1) * sizeof(int));

		if (zc == NULL)
			text_xrealloc(NULL, (size_t)-1 / 2);
		use_gsdmm = o->method == THEMES_METHOD_GSDMM ||
			    (o->method == THEMES_METHOD_AUTO && auto_is_gsdmm(&c));
		if (use_gsdmm)
			K = themes_gsdmm(&c, o->k, o->k == 0, o->seed, zc);
		else
			K = themes_nmf(&c, o->k, o->k == 0, c.mean_words <= SHORT_TEXT_WORDS,
				       o->seed, zc, second);
		for (size_t d = 0; d < n; d++)
			if (z[d] != Z_NOTHING)
				z[d] = zc[d] >= 0 ? zc[d] : Z_NONE;
			else
				second[d] = -1;
		free(zc);
	} else {
		/* Too few to group: every answer with words is listed in Other. */
		for (size_t d = 0; d < n; d++)
			if (z[d] == Z_NONE && c.row[d + 1] > c.row[d])
				z[d] = Z_OTHER;
	}
	/* Minimum theme size: smaller themes fold into Other. */
	min_theme = (size_t)ceil(0.01 * (double)n);
	if (min_theme < MIN_THEME_ANSWERS)
		min_theme = MIN_THEME_ANSWERS;
	cnt0 = calloc((size_t)(K > 0 ? K : 1), sizeof(*cnt0));
	map = malloc((size_t)(K > 0 ? K : 1) * sizeof(*map));
	if (cnt0 == NULL || map == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2);
	for (size_t d = 0; d < n; d++)
		if (z[d] >= 0)
			cnt0[z[d]]++;
	{
		/* kept themes, largest first (ties: lower old number) */
		int kept = 0;

		for (int k = 0; k < K; k++)
			map[k] = -1;
		for (;;) {
			int best = -1;

			for (int k = 0; k < K; k++)
				if (map[k] == -1 && cnt0[k] >= min_theme &&
				    (best < 0 || cnt0[k] > cnt0[best]))
					best = k;
			if (best < 0)
				break;
			map[best] = kept++;
		}
		for (size_t d = 0; d < n; d++) {
			if (z[d] >= 0)
				z[d] = map[z[d]] >= 0 ? map[z[d]] : Z_OTHER;
			if (second[d] >= 0) {
				second[d] = map[second[d]];
				if (z[d] < 0 || second[d] == z[d])
					second[d] = -1;
			}
		}
		K = kept;
	}
	for (size_t d = 0; d < n; d++)
		if (z[d] == Z_NOTHING)
			nothing++;
	nothing_id = nothing > 0 ? K : -1;
	KT = K + (nothing > 0);

	count = calloc((size_t)(KT > 0 ? KT : 1), sizeof(*count));
	split = calloc((size_t)(KT > 0 ? KT : 1), sizeof(*split));
	phrases = calloc((size_t)(K > 0 ? K : 1), sizeof(*phrases));
	top = calloc((size_t)(K > 0 ? K : 1) * LABEL_CANDS, sizeof(*top));
	ntop = calloc((size_t)(K > 0 ? K : 1), sizeof(*ntop));
	lab_en = calloc((size_t)(K > 0 ? K : 1), sizeof(*lab_en));
	lab_cy = calloc((size_t)(K > 0 ? K : 1), sizeof(*lab_cy));
	if (count == NULL || split == NULL || phrases == NULL || top == NULL || ntop == NULL ||
	    lab_en == NULL || lab_cy == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2);
	for (size_t d = 0; d < n; d++) {
		int k = z[d] == Z_NOTHING ? nothing_id : z[d];

		if (k >= 0) {
			count[k]++;
			split[k][stance[d]] += 1;
		} else if (z[d] == Z_OTHER) {
			other++;
		} else {
			unthemed++;
		}
		if (c.lang[d] == TEXT_LANG_CY)
			ncy++;
	}
	for (int k = 0; k < KT; k++)
		for (int s = 0; s < TEXT_NSTANCES; s++)
			split[k][s] = count[k] ? split[k][s] / (double)count[k] : 0;
	{
		/* labels and quotes see only the kept themes */
		int *zk = malloc((n ? n : 1) * sizeof(int));

		if (zk == NULL)
			text_xrealloc(NULL, (size_t)-1 / 2);
		for (size_t d = 0; d < n; d++)
			zk[d] = z[d] >= 0 ? z[d] : -1;
		theme_labels(&c, zk, K, top, ntop, phrases);
		quotes = theme_quotes(&c, ra, zk, K, o->quotes, o->unquotable, stance,
				      (const double(*)[TEXT_NSTANCES])split);
		free(zk);
	}
	for (int k = 0; k < K; k++) {
		lab_en[k] = choose_label(&c, top + (size_t)k * LABEL_CANDS, ntop[k], &used, &nused,
					 &lab_cy[k]);
		if (lab_en[k] == NULL) {
			char tmp[64];

			snprintf(tmp, sizeof(tmp), "mixed answers %d", k + 1);
			lab_en[k] = strdup(tmp);
		}
	}

	root = json_object();
	json_object_set_new(root, "responses", json_integer((json_int_t)n));
	json_object_set_new(root, "skipped", json_integer((json_int_t)skipped));
	json_object_set_new(root, "language",
			    json_string(o->lang == TEXT_LANG_CY	  ? "cy"
					: o->lang == TEXT_LANG_EN ? "en"
					: ncy * 2 > n		  ? "cy"
								  : "en"));
	json_object_set_new(root, "method",
			    json_string(n < MIN_CLUSTER_ANSWERS ? "none"
					: use_gsdmm		    ? "gsdmm"
								    : "nmf"));
	if (n < MIN_CLUSTER_ANSWERS)
		json_object_set_new(
		    root, "note",
		    json_string("Fewer than 20 answers: not grouped into themes; every answer "
				"is listed under other_quotes."));
	themes = json_array();
	for (int k = 0; k < KT; k++) {
		json_t *t = json_object(), *labels;
		int is_nothing = k == nothing_id;
		const char *en = is_nothing ? "nothing to add" : lab_en[k];

		snprintf(idbuf, sizeof(idbuf), "t%d", k + 1);
		json_object_set_new(t, "id", json_string(idbuf));
		json_object_set_new(t, "label", json_string(en));
		if (is_nothing)
			labels = json_pack("{s:s, s:s}", "en", en, "cy", "dim i'w ychwanegu");
		else if (lab_cy[k] != NULL)
			labels = json_pack("{s:s, s:s}", "en", en, "cy", lab_cy[k]);
		else /* no Welsh wording: the English label, marked as such */
			labels = json_pack("{s:s, s:s, s:b}", "en", en, "cy", en, "cy_is_english", 1);
		json_object_set_new(t, "labels", labels);
		if (is_nothing) {
			json_object_set_new(t, "kind", json_string("nothing"));
			json_object_set_new(t, "description",
					    json_string("Answers saying there is nothing to add or "
							"improve (\xE2\x80\x9Cnothing\xE2\x80\x9D, "
							"\xE2\x80\x9Cn/a\xE2\x80\x9D, "
							"\xE2\x80\x9C" "dim byd\xE2\x80\x9D)."));
			json_object_set_new(t, "phrases", json_array());
		} else {
			json_object_set_new(t, "description", describe(en, phrases[k], split[k]));
			json_object_set_new(t, "phrases", phrases[k]);
			phrases[k] = NULL;
		}
		json_object_set_new(t, "count", json_integer((json_int_t)count[k]));
		json_object_set_new(
		    t, "share", json_real(n ? round_to((double)count[k] / (double)n, 1e-4) : 0));
		json_object_set_new(t, "stance", stance_json(split[k]));
		if (is_nothing) {
			/* shortest distinct answers of the group */
			json_t *q = json_array();
			int got = 0;

			for (size_t d = 0; d < n && got < o->quotes; d++) {
				int dup = 0;

				if (z[d] != Z_NOTHING || (o->unquotable && o->unquotable[d]))
					continue;
				for (size_t i = 0; i < json_array_size(q); i++)
					if (strcasecmp(json_string_value(json_object_get(
							   json_array_get(q, i), "text")),
						       ra[d].text) == 0)
						dup = 1;
				if (dup || ra[d].text[0] == '\0')
					continue;
				json_array_append_new(q, quote_obj(ra[d].id, ra[d].text));
				got++;
			}
			json_object_set_new(t, "quotes", q);
		} else {
			json_object_set_new(t, "quotes", quotes[k]);
			quotes[k] = NULL;
		}
		json_array_append_new(themes, t);
	}
	json_object_set_new(root, "themes", themes);
	json_object_set_new(root, "other", json_integer((json_int_t)other));
	other_q = json_array();
	{
		/* Other: readable, distinct answers in input order (all of them
		 * when there were too few to group). */
		size_t want = n < MIN_CLUSTER_ANSWERS ? n : (size_t)o->quotes;
		size_t got = 0;

		for (int pass = 0; pass < 2 && got < want; pass++)
			for (size_t d = 0; d < n && got < want; d++) {
				size_t len = strlen(ra[d].text);
				int dup = 0;

				if (z[d] != Z_OTHER || (o->unquotable && o->unquotable[d]))
					continue;
				if ((pass == 0) != (len >= QUOTE_MIN_CHARS && len <= QUOTE_MAX_CHARS))
					continue;
				for (size_t i = 0; i < json_array_size(other_q); i++)
					if (strcmp(json_string_value(json_object_get(
						       json_array_get(other_q, i), "id")),
						   ra[d].id) == 0)
						dup = 1;
				if (dup)
					continue;
				json_array_append_new(other_q, quote_obj(ra[d].id, ra[d].text));
				got++;
			}
	}
	json_object_set_new(root, "other_quotes", other_q);
	assign = json_array();
	for (size_t d = 0; d < n; d++) {
		json_t *list = json_array(), *as;
		int k = z[d] == Z_NOTHING ? nothing_id : z[d];

		if (k >= 0) {
			snprintf(idbuf, sizeof(idbuf), "t%d", k + 1);
			json_array_append_new(list, json_string(idbuf));
		}
		if (k >= 0 && second[d] >= 0) {
			snprintf(idbuf, sizeof(idbuf), "t%d", second[d] + 1);
			json_array_append_new(list, json_string(idbuf));
		}
		as = json_pack("{s:s, s:o, s:s}", "id", a[d].id, "themes", list, "stance",
			       text_stance_name((enum text_stance)stance[d]));
		if (z[d] == Z_OTHER)
			json_object_set_new(as, "other", json_true());
		json_array_append_new(assign, as);
	}
	json_object_set_new(root, "assignments", assign);

	/* Areas, sorted by name; counts per theme over the area's answers
	 * (main theme only); areas and cells under min_group suppressed. */
	by_area = json_array();
	{
		struct text_map names;
		struct area_row *rows;
		size_t *resp, *cell, KC = (size_t)(KT > 0 ? KT : 1);

		text_map_init(&names);
		for (size_t d = 0; d < n; d++)
			if (a[d].area != NULL)
				text_map_intern(&names, a[d].area, strlen(a[d].area), NULL);
		rows = malloc((names.n ? names.n : 1) * sizeof(*rows));
		resp = calloc(names.n ? names.n : 1, sizeof(*resp));
		cell = calloc((names.n ? names.n : 1) * KC, sizeof(*cell));
		if (rows == NULL || resp == NULL || cell == NULL)
			text_xrealloc(NULL, (size_t)-1 / 2);
		for (size_t i = 0; i < names.n; i++) {
			rows[i].name = text_map_key(&names, (uint32_t)i);
			rows[i].first = i;
		}
		for (size_t d = 0; d < n; d++) {
			long ai;
			int k = z[d] == Z_NOTHING ? nothing_id : z[d];

			if (a[d].area == NULL)
				continue;
			ai = text_map_find(&names, a[d].area, strlen(a[d].area));
			resp[ai]++;
			if (k >= 0)
				cell[(size_t)ai * KC + (size_t)k]++;
		}
		if (names.n > 1)
			qsort(rows, names.n, sizeof(*rows), cmp_area);
		for (size_t i = 0; i < names.n; i++) {
			size_t ai = rows[i].first;
			json_t *ar = json_object(), *ts;

			json_object_set_new(ar, "area", json_string(rows[i].name));
			json_object_set_new(ar, "responses", json_integer((json_int_t)resp[ai]));
			if (resp[ai] < (size_t)o->min_group) {
				json_object_set_new(ar, "suppressed", json_true());
				json_array_append_new(by_area, ar);
				continue;
			}
			ts = json_array();
			for (int k = 0; k < KT; k++) {
				size_t cc = cell[ai * KC + (size_t)k];
				double share = (double)cc / (double)resp[ai];
				double overall = (double)count[k] / (double)n;

				snprintf(idbuf, sizeof(idbuf), "t%d", k + 1);
				if (cc < (size_t)o->min_group) {
					json_array_append_new(ts, json_pack("{s:s, s:b}", "id", idbuf,
									    "suppressed", 1));
					continue;
				}
				json_array_append_new(
				    ts,
				    json_pack("{s:s, s:f, s:f}", "id", idbuf, "share",
					      round_to(share, 1e-4), "lift",
					      overall > 0 ? round_to(share / overall, 1e-3) : 0.0));
			}
			json_object_set_new(ar, "themes", ts);
			json_array_append_new(by_area, ar);
		}
		text_map_release(&names);
		free(rows);
		free(resp);
		free(cell);
	}
	json_object_set_new(root, "by_area", by_area);
	json_object_set_new(root, "unthemed", json_integer((json_int_t)unthemed));
	themes_corpus_release(&c);
fail:
	for (int k = 0; k < K; k++) {
		if (phrases != NULL)
			json_decref(phrases[k]);
		if (quotes != NULL)
			json_decref(quotes[k]);
		if (lab_en != NULL)
			free(lab_en[k]);
		if (lab_cy != NULL)
			free(lab_cy[k]);
	}
	for (size_t u = 0; u < nused; u++)
		free(used[u]);
	free(used);
	free(lab_en);
	free(lab_cy);
	free(quotes);
	free(phrases);
	free(top);
	free(ntop);
	free(count);
	free(cnt0);
	free(map);
	free(split);
	for (size_t d = 0; d < n; d++) {
		free(ra[d].text);
		if (ta[d].text != empty)
			free(ta[d].text);
	}
	free(ra);
	free(ta);
	free(stance);
	free(spans);
	free(z);
	free(second);
	text_tokeniser_release(&tok);
	redact_release(&rd);
	return root;
}
