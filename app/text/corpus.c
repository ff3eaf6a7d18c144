/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * corpus: answers → normalised, stop-worded, stemmed terms, as bags (CSR)
 * for grouping and as sequences with breaks for phrases (themes.h).
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

