/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * gsdmm: the Dirichlet multinomial mixture of Yin & Wang (2014) for short
 * single-topic answers (themes_gsdmm), and the relabelling by size every
 * method ends with (themes_relabel). Uses only the corpus (themes.h) and the
 * shared helpers of themes_int.h.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/map.h"
#include "text/text.h"
#include "text/themes.h"
#include "text/themes_int.h"

/* ---- GSDMM: Dirichlet multinomial mixture, collapsed Gibbs sampling ------ */

#define GSDMM_ALPHA 0.1
#define GSDMM_BETA 0.1
#define GSDMM_SWEEPS 30
#define GSDMM_GREEDY 5
#define GSDMM_CHAINS 16
#define GSDMM_ENSEMBLE_WORK 2e8

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
int themes_relabel(int *z, size_t n, int K)
{
	int *size = calloc((size_t)K, sizeof(int)), *first = malloc((size_t)K * sizeof(int));
	int *order = malloc((size_t)K * sizeof(int)), *map = malloc((size_t)K * sizeof(int));
	int used = 0;

	if (size == NULL || first == NULL || order == NULL || map == NULL)
		xrealloc(NULL, (size_t)-1 / 2); /* dies with a message */
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

/* One Gibbs chain from the stream of `seed`; z as themes_gsdmm's. */
static void gsdmm_chain(const struct themes_corpus *c, int k, int auto_k, uint64_t seed, int *z)
{
	struct dmm s;
	uint64_t rng = seed * 0x2545F4914F6CDD1DULL + 1;
	size_t n = c->ndocs;

	s.c = c;
	s.K = auto_k ? AUTO_K_MAX : k;
	s.beta = GSDMM_BETA;
	s.vbeta = (double)c->nterms * GSDMM_BETA;
	s.m = calloc((size_t)s.K, sizeof(int));
	s.nk = calloc((size_t)s.K, sizeof(int));
	s.nkw = calloc((size_t)s.K * (c->nterms ? c->nterms : 1), sizeof(int));
	s.p = calloc((size_t)s.K, sizeof(double));
	if (s.m == NULL || s.nk == NULL || s.nkw == NULL || s.p == NULL)
		xrealloc(NULL, (size_t)-1 / 2);

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
	free(s.m);
	free(s.nk);
	free(s.nkw);
	free(s.p);
}

int themes_gsdmm(const struct themes_corpus *c, int k, int auto_k, uint64_t seed, int *z)
{
	size_t n = c->ndocs;
	int K = auto_k ? AUTO_K_MAX : k, runs;
	double work = (double)(GSDMM_SWEEPS + GSDMM_GREEDY) * (double)c->row[n] * K + 1;
	double fit = GSDMM_ENSEMBLE_WORK / work;

	/* Several chains and their consensus where the work budget allows
	 * (small sets, where one chain's luck shows most). Like the NMF's
	 * k-means starts, the chains run from fixed streams: the same answers
	 * always give the same themes, whatever the seed. */
	runs = fit < 1 ? 1 : fit > GSDMM_CHAINS ? GSDMM_CHAINS : (int)fit;
	if (runs == 1) {
		gsdmm_chain(c, k, auto_k, seed, z);
	} else {
		int *zr[GSDMM_CHAINS] = {0};

		for (int r = 0; r < runs; r++) {
			zr[r] = xrealloc(NULL, (n ? n : 1) * sizeof(int));
			gsdmm_chain(c, k, auto_k, 1 + (uint64_t)r, zr[r]);
		}
		themes_consensus(n, K, runs, zr, z);
		for (int r = 0; r < runs; r++)
			free(zr[r]);
	}
	return themes_relabel(z, n, K);
}
