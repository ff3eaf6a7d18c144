/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * quotes: representative answers of a theme, of its main stance first,
 * no near-duplicates, cut at 300 characters on a word.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "text/map.h"
#include "text/redact.h"
#include "text/text.h"
#include "text/themes.h"
#include "text/themes_int.h"

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
json_t *themes_quote_obj(const char *id, const char *s)
{
	size_t len = strlen(s), chars = 0, i, cut = 0, last_space = 0;
	json_t *q;
	char *tmp;

	for (i = 0; i < len; i++) {
		if (!utf8_is_cont((unsigned char)s[i])) {
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
		xrealloc(NULL, (size_t)-1 / 2);
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
json_t **themes_quotes(const struct themes_corpus *c, const struct themes_answer *a, const int *z,
		       int K, int want, const unsigned char *unquotable,
		       const unsigned char *stance, const double (*split)[TEXT_NSTANCES])
{
	size_t n = c->ndocs, V = c->nterms;
	float *x = themes_tfidf(c);
	double *centre = calloc((size_t)(K > 0 ? K : 1) * (V ? V : 1), sizeof(double));
	json_t **out = calloc((size_t)(K > 0 ? K : 1), sizeof(*out));
	struct qcand *qc = malloc((n ? n : 1) * sizeof(*qc));

	if (centre == NULL || out == NULL || qc == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
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
			if (s != major && split[k][s] >= 0.25 &&
			    (minor < 0 || split[k][s] > split[k][minor]))
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
				json_array_append_new(out[k], themes_quote_obj(a[d].id, a[d].text));
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
