/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themes: the grouping methods — GSDMM, NMF with refinement and consensus,
 * and choosing the number of themes from the data (themes.h).
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
float *themes_tfidf(const struct themes_corpus *c)
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

double themes_cohesion(const struct themes_corpus *c, const int *z, int K, double *largest)
{
	size_t V = c->nterms, n = c->ndocs, m = 0, *size;
	double *cent, *norm, sum = 0;
	float *x;

	*largest = 0;
	if (K <= 0 || V == 0)
		return 0;
	x = themes_tfidf(c);
	cent = calloc((size_t)K * V, sizeof(*cent));
	norm = calloc((size_t)K, sizeof(*norm));
	size = calloc((size_t)K, sizeof(*size));
	if (cent == NULL || norm == NULL || size == NULL)
		text_xrealloc(NULL, (size_t)-1 / 2);
	for (size_t d = 0; d < n; d++) {
		if (z[d] < 0 || z[d] >= K || c->row[d + 1] == c->row[d])
			continue;
		size[z[d]]++;
		for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
			cent[(size_t)z[d] * V + c->col[i]] += x[i];
	}
	for (int k = 0; k < K; k++) {
		for (size_t t = 0; t < V; t++)
			norm[k] += cent[(size_t)k * V + t] * cent[(size_t)k * V + t];
		norm[k] = sqrt(norm[k]);
	}
	for (size_t d = 0; d < n; d++) {
		double dot = 0;

		if (z[d] < 0 || z[d] >= K || c->row[d + 1] == c->row[d] || norm[z[d]] == 0)
			continue;
		for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
			dot += x[i] * cent[(size_t)z[d] * V + c->col[i]];
		sum += dot / norm[z[d]];
		m++;
	}
	for (int k = 0; k < K; k++)
		if (m > 0 && (double)size[k] / (double)m > *largest)
			*largest = (double)size[k] / (double)m;
	free(x);
	free(cent);
	free(norm);
	free(size);
	return m > 0 ? sum / (double)m : 0;
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
	float *x = themes_tfidf(c);
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

