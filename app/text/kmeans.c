/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * kmeans: the vector space the NMF methods work in — sublinear TF-IDF
 * (themes_tfidf), the fit of a grouping to the answers (themes_cohesion) —
 * and the spherical k-means++ start of the NMF (themes_kmeans_best). Uses
 * only the corpus (themes.h) and themes_int.h.
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

#define KMEANS_WORK 4e8 /* multiply-adds the k-means starts may spend */
#define KMEANS_RUNS 10
#define KMEANS_ROUNDS 10
#define IDF_POWER 2.0 /* sharper than plain IDF: generic words weigh less */
/* Sublinear TF-IDF with L2-normalised rows, in the corpus's CSR layout. */
float *themes_tfidf(const struct themes_corpus *c)
{
	size_t nnz = c->row[c->ndocs];
	float *x = malloc((nnz ? nnz : 1) * sizeof(*x));

	if (x == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
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
		xrealloc(NULL, (size_t)-1 / 2);
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
void themes_kmeans_best(const struct themes_corpus *c, const float *x, int k, uint64_t seed,
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
		xrealloc(NULL, (size_t)-1 / 2);
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
