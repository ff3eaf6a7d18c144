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
		g->v = xrealloc(g->v, g->cap * sizeof(*g->v));
	}
	g->v[g->n++] = x;
}

/* Written forms of terms, counted per term to pick the commonest. */
struct forms {
	struct text_map map; /* the written forms */
	struct growu32 term; /* by form: its term */
	struct growu32 cnt;  /* by form: how often written */
};

/* What building a corpus holds between its passes. */
struct build {
	struct text_lang tl;
	struct text_tokeniser tok;
	struct text_span *spans;
	struct text_map terms;
	struct growu32 seq;
	struct forms en, cy; /* English (and term) forms; Welsh forms */
	struct buf norm, out, rb;
	size_t words, wdocs;
};

/* Only whitespace between two tokens (no punctuation): a phrase may span it. */
static int gap_is_space(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

/* Count one written form of term `id`; `count` 0 only registers it. */
static void form_add(struct forms *f, uint32_t id, const char *s, size_t len, int count)
{
	int added;
	uint32_t sid = text_map_intern(&f->map, s, len, &added);

	if (added) {
		gpush(&f->term, id);
		gpush(&f->cnt, 0);
	}
	if (count)
		f->cnt.v[sid]++;
}

/* The written forms of one term of an answer in language lg: the written
 * word w for English; for Welsh the dictionary word (Hunspell radical, not
 * whichever mutation was written) as the term's form, and the Welsh radical
 * of w for Welsh labels. A Welsh answer's term may be an English stem from
 * the glossary ("villag"): it names the term only when no English answer
 * wrote a form of it. */
static void record_forms(struct build *b, enum text_language lg, uint32_t id, const char *term,
			 size_t tlen, const char *w, size_t wlen)
{
	if (lg != TEXT_LANG_CY) {
		form_add(&b->en, id, w, wlen, 1);
		return;
	}
	form_add(&b->en, id, term, tlen, 0);
	buf_reset(&b->rb);
	if (text_lang_cy_radical(&b->tl, w, wlen, &b->rb) < 0 || b->rb.len == 0) {
		buf_reset(&b->rb);
		buf_append(&b->rb, w, wlen);
	}
	form_add(&b->cy, id, b->rb.data, b->rb.len, 1);
}

/* Adjacent pairs of answer d as extra bag terms, each after a break so
 * that they never form phrases themselves. */
static void add_pairs(struct build *b, size_t from)
{
	size_t end = b->seq.n;

	for (size_t i = from; i + 1 < end; i++) {
		uint32_t x0 = b->seq.v[i], x1 = b->seq.v[i + 1], id;

		if (x0 == NO_TERM || x1 == NO_TERM)
			continue;
		buf_reset(&b->out);
		if (buf_puts(&b->out, text_map_key(&b->terms, x0)) < 0 ||
		    buf_putc(&b->out, ' ') < 0 ||
		    buf_puts(&b->out, text_map_key(&b->terms, x1)) < 0)
			continue;
		id = text_map_intern(&b->terms, b->out.data, b->out.len, NULL);
		if (b->seq.v[b->seq.n - 1] != NO_TERM)
			gpush(&b->seq, NO_TERM);
		gpush(&b->seq, id);
	}
}

/* Pass 1 for answer d: its term sequence (breaks at stop words and
 * punctuation), language and written forms. Returns 0 or -1. */
static int read_answer(struct build *b, struct themes_corpus *c, size_t d, const char *text,
		       int lang, int pairs)
{
	enum text_language lg;
	size_t prev_end = 0, from = b->seq.n;
	int nt, brk = 0;

	c->seq_row[d] = b->seq.n;
	c->lang[d] = TEXT_LANG_EN;
	buf_reset(&b->norm);
	if (text_normalise(text, strlen(text), &b->norm) < 0 || b->norm.len == 0)
		return 0;
	nt = text_tokenise(&b->tok, b->norm.data, b->norm.len, b->spans, MAX_TOKENS);
	if (nt < 0)
		return -1;
	if (nt > MAX_TOKENS)
		nt = MAX_TOKENS;
	lg = lang >= 0 ? (enum text_language)lang
		       : text_lang_detect(&b->tl, b->norm.data, b->spans, nt);
	c->lang[d] = (unsigned char)lg;
	for (int i = 0; i < nt; i++) {
		const char *w = b->norm.data + b->spans[i].off;
		int k;
		size_t p = 0;

		if (i > 0 && !gap_is_space(b->norm.data, prev_end, b->spans[i].off))
			brk = 1;
		prev_end = b->spans[i].off + b->spans[i].len;
		buf_reset(&b->out);
		k = text_lang_terms(&b->tl, lg, w, b->spans[i].len, &b->out);
		if (k < 0)
			return -1;
		if (k == 0)
			brk = 1;
		for (int j = 0; j < k; j++) {
			/* the terms of one word are consecutive in b->out */
			const char *t = b->out.data + p;
			size_t len = strlen(t);
			uint32_t id = text_map_intern(&b->terms, t, len, NULL);

			if (brk && b->seq.n > from && b->seq.v[b->seq.n - 1] != NO_TERM)
				gpush(&b->seq, NO_TERM);
			brk = 0;
			gpush(&b->seq, id);
			b->words++;
			record_forms(b, lg, id, t, len, w, b->spans[i].len);
			p += len + 1;
		}
	}
	if (b->seq.n > from)
		b->wdocs++;
	if (pairs)
		add_pairs(b, from);
	return 0;
}

/* Keep the terms in at least min_df answers (raised until at most
 * VOCAB_MAX remain: the rarest terms carry least for grouping and cost
 * most memory), renumbered densely in order of first appearance; *remap
 * maps old numbers to new ones or NO_TERM. Returns 0 or -1. */
static int keep_terms(struct build *b, struct themes_corpus *c, int min_df, uint32_t **remap)
{
	size_t V0 = b->terms.n, V = 0, n = c->ndocs;
	uint32_t *df0 = calloc(V0 ? V0 : 1, sizeof(*df0));
	uint32_t *last = malloc((V0 ? V0 : 1) * sizeof(*last));
	uint32_t thr = (uint32_t)min_df;
	int rc = -1;

	*remap = malloc((V0 ? V0 : 1) * sizeof(**remap));
	if (df0 == NULL || last == NULL || *remap == NULL)
		goto out;
	memset(last, 0xff, (V0 ? V0 : 1) * sizeof(*last));
	for (size_t d = 0; d < n; d++)
		for (size_t i = c->seq_row[d]; i < c->seq_row[d + 1]; i++) {
			uint32_t t = c->seq[i];

			if (t != NO_TERM && last[t] != (uint32_t)d) {
				last[t] = (uint32_t)d;
				df0[t]++;
			}
		}
	for (;;) {
		size_t kept = 0;

		for (size_t t = 0; t < V0; t++)
			kept += df0[t] >= thr;
		if (kept <= (size_t)VOCAB_MAX)
			break;
		thr++;
	}
	for (size_t t = 0; t < V0; t++)
		(*remap)[t] = df0[t] >= thr ? (uint32_t)V++ : NO_TERM;
	c->nterms = V;
	c->df = calloc(V ? V : 1, sizeof(*c->df));
	c->pair = calloc(V ? V : 1, 1);
	if (c->df == NULL || c->pair == NULL)
		goto out;
	for (size_t t = 0; t < V0; t++)
		if ((*remap)[t] != NO_TERM) {
			c->df[(*remap)[t]] = df0[t];
			/* stems hold no spaces: a key with one is a pair */
			c->pair[(*remap)[t]] =
			    strchr(text_map_key(&b->terms, (uint32_t)t), ' ') != NULL;
		}
	/* Sequences in the new numbering; dropped terms become breaks. */
	for (size_t i = 0; i < c->seq_row[n]; i++)
		c->seq[i] = c->seq[i] == NO_TERM ? NO_TERM : (*remap)[c->seq[i]];
	rc = 0;
out:
	free(df0);
	free(last);
	return rc;
}

/* The sorted terms of answer d into tmp (grown as needed); their number. */
static size_t sorted_terms(const struct themes_corpus *c, size_t d, uint32_t **tmp, size_t *cap)
{
	size_t len = c->seq_row[d + 1] - c->seq_row[d], u = 0;

	if (len > *cap) {
		*cap = len * 2;
		*tmp = xrealloc(*tmp, *cap * sizeof(**tmp));
	}
	for (size_t i = 0; i < len; i++)
		if (c->seq[c->seq_row[d] + i] != NO_TERM)
			(*tmp)[u++] = c->seq[c->seq_row[d] + i];
	if (u > 1)
		qsort(*tmp, u, sizeof(**tmp), cmp_u32);
	return u;
}

/* The bags (CSR) from the sequences. Returns 0 or -1. */
static int make_bags(struct themes_corpus *c)
{
	size_t n = c->ndocs, nnz = 0, cap = 0;
	uint32_t *tmp = NULL;

	c->row = malloc((n + 1) * sizeof(*c->row));
	if (c->row == NULL)
		return -1;
	for (size_t d = 0; d < n; d++) {
		size_t u = sorted_terms(c, d, &tmp, &cap);

		c->row[d] = nnz;
		for (size_t i = 0; i < u; i++)
			if (i == 0 || tmp[i] != tmp[i - 1])
				nnz++;
	}
	c->row[n] = nnz;
	c->col = malloc((nnz ? nnz : 1) * sizeof(*c->col));
	c->cnt = malloc((nnz ? nnz : 1) * sizeof(*c->cnt));
	if (c->col == NULL || c->cnt == NULL) {
		free(tmp);
		return -1;
	}
	for (size_t d = 0; d < n; d++) {
		size_t u = sorted_terms(c, d, &tmp, &cap), o = c->row[d];

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
	free(tmp);
	return 0;
}

/* Per kept term, a copy of its commonest written form in f (first seen on
 * ties) into out[V]; a term with none gets "" when `fill`, else NULL. */
static int commonest_forms(const struct forms *f, const uint32_t *remap, size_t V, int fill,
			   char **out)
{
	uint32_t *best = calloc(V ? V : 1, sizeof(*best));
	const char **pick = calloc(V ? V : 1, sizeof(*pick));

	if (best == NULL || pick == NULL) {
		free(best);
		free(pick);
		return -1;
	}
	for (size_t s = 0; s < f->map.n; s++) {
		uint32_t t = remap[f->term.v[s]];

		if (t == NO_TERM)
			continue;
		if (pick[t] == NULL || f->cnt.v[s] > best[t]) {
			pick[t] = text_map_key(&f->map, (uint32_t)s);
			best[t] = f->cnt.v[s];
		}
	}
	for (size_t t = 0; t < V; t++) {
		const char *k = pick[t] ? pick[t] : fill ? "" : NULL;
		size_t len;

		if (k == NULL)
			continue;
		len = strlen(k);
		out[t] = xrealloc(NULL, len + 1);
		memcpy(out[t], k, len + 1);
	}
	free(best);
	free(pick);
	return 0;
}

static void build_release(struct build *b)
{
	free(b->seq.v);
	free(b->en.term.v);
	free(b->en.cnt.v);
	free(b->cy.term.v);
	free(b->cy.cnt.v);
	text_map_release(&b->en.map);
	text_map_release(&b->cy.map);
	text_map_release(&b->terms);
	free(b->spans);
	buf_release(&b->norm);
	buf_release(&b->out);
	buf_release(&b->rb);
	text_tokeniser_release(&b->tok);
	text_lang_release(&b->tl);
}

int themes_corpus_build(struct themes_corpus *c, const struct themes_answer *a, size_t n, int lang,
			int min_df, int pairs, const char *data_dir)
{
	struct build b;
	uint32_t *remap = NULL;
	int rc = -1;

	memset(c, 0, sizeof(*c));
	memset(&b, 0, sizeof(b));
	if (text_lang_init(&b.tl, text_data_dir(data_dir)) < 0)
		return -1;
	if (text_tokeniser_init(&b.tok) < 0) {
		text_lang_release(&b.tl);
		return -1;
	}
	text_map_init(&b.terms);
	text_map_init(&b.en.map);
	text_map_init(&b.cy.map);
	buf_init(&b.norm, 1 << 24);
	buf_init(&b.out, 1 << 20);
	buf_init(&b.rb, 1024);
	b.spans = xrealloc(NULL, MAX_TOKENS * sizeof(*b.spans));
	c->ndocs = n;
	c->seq_row = xrealloc(NULL, (n + 1) * sizeof(*c->seq_row));
	c->lang = xrealloc(NULL, n ? n : 1);

	for (size_t d = 0; d < n; d++)
		if (read_answer(&b, c, d, a[d].text, lang, pairs) < 0)
			goto done;
	c->seq_row[n] = b.seq.n;
	c->mean_words = b.wdocs ? (double)b.words / (double)b.wdocs : 0.0;
	c->seq = b.seq.v;
	b.seq.v = NULL;
	if (keep_terms(&b, c, min_df, &remap) < 0 || make_bags(c) < 0)
		goto done;
	c->surface = calloc(c->nterms ? c->nterms : 1, sizeof(*c->surface));
	c->surface_cy = calloc(c->nterms ? c->nterms : 1, sizeof(*c->surface_cy));
	if (c->surface == NULL || c->surface_cy == NULL ||
	    commonest_forms(&b.en, remap, c->nterms, 1, c->surface) < 0 ||
	    commonest_forms(&b.cy, remap, c->nterms, 0, c->surface_cy) < 0)
		goto done;
	rc = 0;
done:
	free(remap);
	build_release(&b);
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
