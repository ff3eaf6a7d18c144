/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * summary: the `yourvoice themes` summary — redaction first, stance and
 * "nothing to add" per answer, grouping, Other and the minimum theme size,
 * labels, quotes, accounting, areas — as JSON (contract in README.md).
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
#define REHOME_MIN_COS 0.15    /* a folded theme's answer joins a kept theme this close */
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
		xrealloc(NULL, (size_t)-1 / 2);
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

/* TRANSLATOR: check. The Welsh sentence for a theme: its Welsh label
 * (quoted, so no mutation is needed after it) and its main stance. */
static const char *const stance_plural_cy[TEXT_NSTANCES] = {"sylwadau niwtral", "canmoliaeth",
							    "cwynion", "awgrymiadau"};

static json_t *describe_cy(const char *label, const double *split)
{
	struct buf b;
	int major = 0;
	json_t *r;

	for (int s = 1; s < TEXT_NSTANCES; s++)
		if (split[s] > split[major])
			major = s;
	buf_init(&b, 8192);
	buf_puts(&b, "Y thema \xE2\x80\x9C");
	buf_puts(&b, label);
	buf_puts(&b, "\xE2\x80\x9D: ");
	if (split[major] >= 0.5) {
		buf_puts(&b, stance_plural_cy[major]);
		buf_puts(&b, " yn bennaf.");
	} else {
		buf_puts(&b, "naws gymysg.");
	}
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

/* Everything one summary computes, shared by its stages below. */
struct sum {
	const struct themes_answer *a;
	size_t n;
	const struct themes_opts *o;
	struct themes_corpus c;
	struct themes_answer *ra, *ta; /* redacted; and with placeholders blanked */
	unsigned char *stance;
	int *z, *second, K, KT, nothing_id, use_gsdmm, corpus_built;
	size_t *count, unthemed, other, nothing, ncy;
	double (*split)[TEXT_NSTANCES];
	json_t **phrases, **quotes;
	struct cand *top;
	int *ntop;
	char **lab_en, **lab_cy;
};

static const char empty_text[] = "";

/* Redact every answer first: every later stage (terms, labels, phrases,
 * descriptions, quotes) sees only redacted text. Then its stance and
 * whether it says "nothing to add". 0 or -1. */
static int sum_prepare(struct sum *S)
{
	struct redactor rd;
	struct text_tokeniser tok;
	struct text_span *spans;
	struct buf norm, red;
	size_t n = S->n, m = n ? n : 1;

	if (redact_init(&rd) < 0)
		return -1;
	if (text_tokeniser_init(&tok) < 0) {
		redact_release(&rd);
		return -1;
	}
	S->ra = calloc(m, sizeof(*S->ra));
	S->ta = calloc(m, sizeof(*S->ta));
	S->stance = calloc(m, 1);
	S->z = malloc(m * sizeof(int));
	S->second = malloc(m * sizeof(int));
	spans = malloc(MAX_TOKENS * sizeof(*spans));
	if (S->ra == NULL || S->ta == NULL || S->stance == NULL || S->z == NULL ||
	    S->second == NULL || spans == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	buf_init(&norm, 1 << 24);
	buf_init(&red, 1 << 24);
	for (size_t d = 0; d < n; d++) {
		int nt;

		S->ra[d].id = S->a[d].id;
		S->ra[d].area = S->a[d].area;
		S->ta[d] = S->ra[d];
		S->z[d] = Z_NONE;
		S->second[d] = -1;
		buf_reset(&red);
		if (redact_text(&rd, S->a[d].text, strlen(S->a[d].text), &red) < 0)
			S->ra[d].text = strdup(""); /* never use what could not be redacted */
		else
			S->ra[d].text = strdup(buf_cstr(&red));
		if (S->ra[d].text == NULL)
			xrealloc(NULL, (size_t)-1 / 2);
		S->ta[d].text = blank_placeholders(S->ra[d].text);
		buf_reset(&norm);
		if (text_normalise(S->ta[d].text, strlen(S->ta[d].text), &norm) < 0)
			continue;
		nt = text_tokenise(&tok, buf_cstr(&norm), norm.len, spans, MAX_TOKENS);
		if (nt > MAX_TOKENS)
			nt = MAX_TOKENS;
		if (nt <= 0)
			continue;
		S->stance[d] = (unsigned char)text_stance_of(norm.data, spans, nt);
		if (text_is_nothing(norm.data, spans, nt)) {
			S->z[d] = Z_NOTHING;
			free(S->ta[d].text);
			S->ta[d].text = (char *)empty_text;
		}
	}
	buf_release(&norm);
	buf_release(&red);
	free(spans);
	text_tokeniser_release(&tok);
	redact_release(&rd);
	return 0;
}

/* The grouping: NMF (or GSDMM when asked), and on small sets GSDMM as
 * well, keeping the one that fits the answers better and is no
 * catch-all. Under MIN_CLUSTER_ANSWERS, every answer with words is Other. */
static void sum_group(struct sum *S)
{
	const struct themes_opts *o = S->o;
	size_t n = S->n;
	int *zc;

	if (n < MIN_CLUSTER_ANSWERS) {
		for (size_t d = 0; d < n; d++)
			if (S->z[d] == Z_NONE && S->c.row[d + 1] > S->c.row[d])
				S->z[d] = Z_OTHER;
		return;
	}
	zc = malloc((n ? n : 1) * sizeof(int));
	if (zc == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	S->use_gsdmm = o->method == THEMES_METHOD_GSDMM;
	if (S->use_gsdmm)
		S->K = themes_gsdmm(&S->c, o->k, o->k == 0, o->seed, zc);
	else
		S->K = themes_nmf(&S->c, o->k, o->k == 0, S->c.mean_words <= SHORT_TEXT_WORDS,
				  o->seed, zc, S->second);
	if (o->method == THEMES_METHOD_AUTO && n <= FIT_CHOICE_MAX_ANSWERS && S->K > 0) {
		int *zg = malloc(n * sizeof(int)), KG;
		double big_n, big_g, fit_n, fit_g;

		if (zg == NULL)
			xrealloc(NULL, (size_t)-1 / 2);
		KG = themes_gsdmm(&S->c, o->k, o->k == 0, o->seed, zg);
		fit_n = themes_cohesion(&S->c, zc, S->K, &big_n);
		fit_g = themes_cohesion(&S->c, zg, KG, &big_g);
		if (KG > 0 && fit_g > fit_n && big_g <= FIT_CHOICE_MAX_SHARE) {
			memcpy(zc, zg, n * sizeof(int));
			S->K = KG;
			S->use_gsdmm = 1;
			for (size_t d = 0; d < n; d++)
				S->second[d] = -1;
		}
		free(zg);
	}
	for (size_t d = 0; d < n; d++)
		if (S->z[d] != Z_NOTHING)
			S->z[d] = zc[d] >= 0 ? zc[d] : Z_NONE;
		else
			S->second[d] = -1;
	free(zc);
}

/* Minimum theme size: smaller themes fold into Other; the kept ones are
 * renumbered largest first (ties: lower old number). */
static void sum_fold(struct sum *S)
{
	size_t n = S->n, min_theme = (size_t)ceil(0.01 * (double)n);
	int K = S->K, kept = 0;
	size_t *cnt0 = calloc((size_t)(K > 0 ? K : 1), sizeof(*cnt0));
	int *map = malloc((size_t)(K > 0 ? K : 1) * sizeof(*map));

	if (cnt0 == NULL || map == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	if (min_theme < MIN_THEME_ANSWERS)
		min_theme = MIN_THEME_ANSWERS;
	for (size_t d = 0; d < n; d++)
		if (S->z[d] >= 0)
			cnt0[S->z[d]]++;
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
		if (S->z[d] >= 0)
			S->z[d] = map[S->z[d]] >= 0 ? map[S->z[d]] : Z_OTHER;
		if (S->second[d] >= 0) {
			S->second[d] = map[S->second[d]];
			if (S->z[d] < 0 || S->second[d] == S->z[d])
				S->second[d] = -1;
		}
	}
	S->K = kept;
	free(cnt0);
	free(map);
}

/* An answer of a folded theme joins the nearest kept theme when it fits it
 * (cosine to its TF-IDF centre at least REHOME_MIN_COS); one that fits
 * none stays in Other. */
static void sum_rehome(struct sum *S)
{
	const struct themes_corpus *c = &S->c;
	size_t V = c->nterms ? c->nterms : 1;
	int K = S->K;
	float *x;
	double *cen;

	if (K <= 0)
		return;
	x = themes_tfidf(c);
	cen = calloc((size_t)K * V, sizeof(*cen));
	if (cen == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	for (size_t d = 0; d < S->n; d++)
		if (S->z[d] >= 0)
			for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
				cen[(size_t)S->z[d] * V + c->col[i]] += x[i];
	for (int k = 0; k < K; k++) {
		double nr = 0;

		for (size_t t = 0; t < V; t++)
			nr += cen[(size_t)k * V + t] * cen[(size_t)k * V + t];
		nr = sqrt(nr);
		for (size_t t = 0; nr > 0 && t < V; t++)
			cen[(size_t)k * V + t] /= nr;
	}
	for (size_t d = 0; d < S->n; d++) {
		double best = REHOME_MIN_COS;
		int bk = -1;

		if (S->z[d] != Z_OTHER)
			continue;
		for (int k = 0; k < K; k++) {
			double dot = 0;

			for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
				dot += x[i] * cen[(size_t)k * V + c->col[i]];
			if (dot > best) {
				best = dot;
				bk = k;
			}
		}
		if (bk >= 0)
			S->z[d] = bk;
	}
	free(cen);
	free(x);
}

/* Each answer counted once: theme counts (the "nothing" group last),
 * Other, unthemed; the stance split of each theme. */
static void sum_count(struct sum *S)
{
	int K = S->K, KT;
	size_t m;

	for (size_t d = 0; d < S->n; d++)
		if (S->z[d] == Z_NOTHING)
			S->nothing++;
	S->nothing_id = S->nothing > 0 ? K : -1;
	KT = S->KT = K + (S->nothing > 0);
	m = (size_t)(KT > 0 ? KT : 1);
	S->count = calloc(m, sizeof(*S->count));
	S->split = calloc(m, sizeof(*S->split));
	if (S->count == NULL || S->split == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	for (size_t d = 0; d < S->n; d++) {
		int k = S->z[d] == Z_NOTHING ? S->nothing_id : S->z[d];

		if (k >= 0) {
			S->count[k]++;
			S->split[k][S->stance[d]] += 1;
		} else if (S->z[d] == Z_OTHER) {
			S->other++;
		} else {
			S->unthemed++;
		}
		if (S->c.lang[d] == TEXT_LANG_CY)
			S->ncy++;
	}
	for (int k = 0; k < KT; k++)
		for (int s = 0; s < TEXT_NSTANCES; s++)
			S->split[k][s] = S->count[k] ? S->split[k][s] / (double)S->count[k] : 0;
}

/* Phrases, quotes and labels of the kept themes. 0 or -1. */
static int sum_describe(struct sum *S)
{
	size_t m = (size_t)(S->K > 0 ? S->K : 1), n = S->n;
	int *zk = malloc((n ? n : 1) * sizeof(int)), rc;

	S->phrases = calloc(m, sizeof(*S->phrases));
	S->top = calloc(m * LABEL_CANDS, sizeof(*S->top));
	S->ntop = calloc(m, sizeof(*S->ntop));
	S->lab_en = calloc(m, sizeof(*S->lab_en));
	S->lab_cy = calloc(m, sizeof(*S->lab_cy));
	if (zk == NULL || S->phrases == NULL || S->top == NULL || S->ntop == NULL ||
	    S->lab_en == NULL || S->lab_cy == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	for (size_t d = 0; d < n; d++)
		zk[d] = S->z[d] >= 0 ? S->z[d] : -1;
	themes_label_cands(&S->c, zk, S->K, S->top, S->ntop, S->phrases);
	S->quotes = themes_quotes(&S->c, S->ra, zk, S->K, S->o->quotes, S->o->unquotable, S->stance,
				  (const double(*)[TEXT_NSTANCES])S->split);
	rc = themes_labels(&S->c, S->ta, zk, S->K, S->top, S->ntop, S->o->data_dir, S->lab_en,
			   S->lab_cy, S->phrases);
	free(zk);
	return rc;
}

/* The "nothing to add" group's JSON fields: fixed wording, its shortest
 * distinct answers as quotes. */
static void nothing_json(const struct sum *S, json_t *t)
{
	json_t *q = json_array();
	int got = 0;

	json_object_set_new(t, "kind", json_string("nothing"));
	json_object_set_new(t, "description",
			    json_string("Answers saying there is nothing to add or "
					"change, or only that all is fine "
					"(\xE2\x80\x9Cnothing\xE2\x80\x9D, "
					"\xE2\x80\x9Cn/a\xE2\x80\x9D, "
					"\xE2\x80\x9C"
					"all good\xE2\x80\x9D, "
					"\xE2\x80\x9C"
					"dim byd\xE2\x80\x9D)."));
	json_object_set_new(t, "descriptions",
			    json_pack("{s:O, s:s}", "en", json_object_get(t, "description"), "cy",
				      "Atebion sy\xE2\x80\x99n dweud nad oes dim i\xE2\x80\x99w "
				      "ychwanegu na\xE2\x80\x99i newid, neu fod popeth yn iawn "
				      "(\xE2\x80\x9C"
				      "dim byd\xE2\x80\x9D, "
				      "\xE2\x80\x9Cn/a\xE2\x80\x9D)."));
	json_object_set_new(t, "phrases", json_array());
	json_object_set_new(t, "count", json_integer((json_int_t)S->count[S->nothing_id]));
	json_object_set_new(
	    t, "share",
	    json_real(S->n ? round_to((double)S->count[S->nothing_id] / (double)S->n, 1e-4) : 0));
	json_object_set_new(t, "stance", stance_json(S->split[S->nothing_id]));
	for (size_t d = 0; d < S->n && got < S->o->quotes; d++) {
		int dup = 0;

		if (S->z[d] != Z_NOTHING || (S->o->unquotable && S->o->unquotable[d]))
			continue;
		for (size_t i = 0; i < json_array_size(q); i++)
			if (strcasecmp(
				json_string_value(json_object_get(json_array_get(q, i), "text")),
				S->ra[d].text) == 0)
				dup = 1;
		if (dup || S->ra[d].text[0] == '\0')
			continue;
		json_array_append_new(q, themes_quote_obj(S->ra[d].id, S->ra[d].text));
		got++;
	}
	json_object_set_new(t, "quotes", q);
}

/* The themes[] array. */
static json_t *themes_json(struct sum *S)
{
	json_t *themes = json_array();
	char idbuf[24];

	for (int k = 0; k < S->KT; k++) {
		json_t *t = json_object(), *labels;
		int is_nothing = k == S->nothing_id;
		const char *en = is_nothing ? "nothing to add or change" : S->lab_en[k];

		snprintf(idbuf, sizeof(idbuf), "t%d", k + 1);
		json_object_set_new(t, "id", json_string(idbuf));
		json_object_set_new(t, "label", json_string(en));
		if (is_nothing)
			labels =
			    json_pack("{s:s, s:s}", "en", en, "cy", "dim i'w ychwanegu na'i newid");
		else if (S->lab_cy[k] != NULL)
			labels = json_pack("{s:s, s:s}", "en", en, "cy", S->lab_cy[k]);
		else /* no Welsh wording: the English label, marked as such */
			labels =
			    json_pack("{s:s, s:s, s:b}", "en", en, "cy", en, "cy_is_english", 1);
		json_object_set_new(t, "labels", labels);
		if (is_nothing) {
			nothing_json(S, t);
			json_array_append_new(themes, t);
			continue;
		}
		json_object_set_new(t, "description", describe(en, S->phrases[k], S->split[k]));
		/* a Welsh sentence when the theme has Welsh wording */
		json_object_set_new(
		    t, "descriptions",
		    S->lab_cy[k] != NULL
			? json_pack("{s:O, s:o}", "en", json_object_get(t, "description"), "cy",
				    describe_cy(S->lab_cy[k], S->split[k]))
			: json_pack("{s:O}", "en", json_object_get(t, "description")));
		json_object_set_new(t, "phrases", S->phrases[k]);
		S->phrases[k] = NULL;
		json_object_set_new(t, "count", json_integer((json_int_t)S->count[k]));
		json_object_set_new(
		    t, "share",
		    json_real(S->n ? round_to((double)S->count[k] / (double)S->n, 1e-4) : 0));
		json_object_set_new(t, "stance", stance_json(S->split[k]));
		json_object_set_new(t, "quotes", S->quotes[k]);
		S->quotes[k] = NULL;
		json_array_append_new(themes, t);
	}
	return themes;
}

/* Other: readable, distinct answers in input order (all of them when there
 * were too few to group). */
static json_t *other_quotes_json(const struct sum *S)
{
	json_t *other_q = json_array();
	size_t want = S->n < MIN_CLUSTER_ANSWERS ? S->n : (size_t)S->o->quotes, got = 0;

	for (int pass = 0; pass < 2 && got < want; pass++)
		for (size_t d = 0; d < S->n && got < want; d++) {
			size_t len = strlen(S->ra[d].text);
			int dup = 0;

			if (S->z[d] != Z_OTHER || (S->o->unquotable && S->o->unquotable[d]))
				continue;
			if ((pass == 0) != (len >= QUOTE_MIN_CHARS && len <= QUOTE_MAX_CHARS))
				continue;
			for (size_t i = 0; i < json_array_size(other_q); i++)
				if (strcmp(json_string_value(
					       json_object_get(json_array_get(other_q, i), "id")),
					   S->ra[d].id) == 0)
					dup = 1;
			if (dup)
				continue;
			json_array_append_new(other_q,
					      themes_quote_obj(S->ra[d].id, S->ra[d].text));
			got++;
		}
	return other_q;
}

/* assignments[]: each answer's main theme, then "also", its stance. */
static json_t *assignments_json(const struct sum *S)
{
	json_t *assign = json_array();
	char idbuf[24];

	for (size_t d = 0; d < S->n; d++) {
		json_t *list = json_array(), *as;
		int k = S->z[d] == Z_NOTHING ? S->nothing_id : S->z[d];

		if (k >= 0) {
			snprintf(idbuf, sizeof(idbuf), "t%d", k + 1);
			json_array_append_new(list, json_string(idbuf));
		}
		if (k >= 0 && S->second[d] >= 0) {
			snprintf(idbuf, sizeof(idbuf), "t%d", S->second[d] + 1);
			json_array_append_new(list, json_string(idbuf));
		}
		as = json_pack("{s:s, s:o, s:s}", "id", S->a[d].id, "themes", list, "stance",
			       text_stance_name((enum text_stance)S->stance[d]));
		if (S->z[d] == Z_OTHER)
			json_object_set_new(as, "other", json_true());
		json_array_append_new(assign, as);
	}
	return assign;
}

/* One area's theme cells: shares and lifts, cells under min_group
 * suppressed. */
static json_t *area_cells_json(const struct sum *S, const size_t *cell, size_t resp)
{
	json_t *ts = json_array();
	char idbuf[24];

	for (int k = 0; k < S->KT; k++) {
		size_t cc = cell[k];
		double share = (double)cc / (double)resp;
		double overall = (double)S->count[k] / (double)S->n;

		snprintf(idbuf, sizeof(idbuf), "t%d", k + 1);
		if (cc < (size_t)S->o->min_group) {
			json_array_append_new(
			    ts, json_pack("{s:s, s:b}", "id", idbuf, "suppressed", 1));
			continue;
		}
		json_array_append_new(
		    ts, json_pack("{s:s, s:f, s:f}", "id", idbuf, "share", round_to(share, 1e-4),
				  "lift", overall > 0 ? round_to(share / overall, 1e-3) : 0.0));
	}
	return ts;
}

/* Areas, sorted by name; counts per theme over the area's answers (main
 * theme only); areas and cells under min_group suppressed. */
static json_t *by_area_json(const struct sum *S)
{
	json_t *by_area = json_array();
	struct text_map names;
	struct area_row *rows;
	size_t *resp, *cell, KC = (size_t)(S->KT > 0 ? S->KT : 1);

	text_map_init(&names);
	for (size_t d = 0; d < S->n; d++)
		if (S->a[d].area != NULL)
			text_map_intern(&names, S->a[d].area, strlen(S->a[d].area), NULL);
	rows = malloc((names.n ? names.n : 1) * sizeof(*rows));
	resp = calloc(names.n ? names.n : 1, sizeof(*resp));
	cell = calloc((names.n ? names.n : 1) * KC, sizeof(*cell));
	if (rows == NULL || resp == NULL || cell == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	for (size_t i = 0; i < names.n; i++) {
		rows[i].name = text_map_key(&names, (uint32_t)i);
		rows[i].first = i;
	}
	for (size_t d = 0; d < S->n; d++) {
		long ai;
		int k = S->z[d] == Z_NOTHING ? S->nothing_id : S->z[d];

		if (S->a[d].area == NULL)
			continue;
		ai = text_map_find(&names, S->a[d].area, strlen(S->a[d].area));
		resp[ai]++;
		if (k >= 0)
			cell[(size_t)ai * KC + (size_t)k]++;
	}
	if (names.n > 1)
		qsort(rows, names.n, sizeof(*rows), cmp_area);
	for (size_t i = 0; i < names.n; i++) {
		size_t ai = rows[i].first;
		json_t *ar = json_object();

		json_object_set_new(ar, "area", json_string(rows[i].name));
		json_object_set_new(ar, "responses", json_integer((json_int_t)resp[ai]));
		if (resp[ai] < (size_t)S->o->min_group)
			json_object_set_new(ar, "suppressed", json_true());
		else
			json_object_set_new(ar, "themes",
					    area_cells_json(S, cell + ai * KC, resp[ai]));
		json_array_append_new(by_area, ar);
	}
	text_map_release(&names);
	free(rows);
	free(resp);
	free(cell);
	return by_area;
}

static json_t *summary_json(struct sum *S, size_t skipped)
{
	json_t *root = json_object();
	const struct themes_opts *o = S->o;
	size_t n = S->n;

	json_object_set_new(root, "responses", json_integer((json_int_t)n));
	json_object_set_new(root, "skipped", json_integer((json_int_t)skipped));
	json_object_set_new(root, "language",
			    json_string(o->lang == TEXT_LANG_CY	  ? "cy"
					: o->lang == TEXT_LANG_EN ? "en"
					: S->ncy * 2 > n	  ? "cy"
								  : "en"));
	json_object_set_new(root, "method",
			    json_string(n < MIN_CLUSTER_ANSWERS ? "none"
					: S->use_gsdmm		? "gsdmm"
								: "nmf"));
	if (n < MIN_CLUSTER_ANSWERS)
		json_object_set_new(
		    root, "note",
		    json_string("Fewer than 20 answers: not grouped into themes; every answer "
				"is listed under other_quotes."));
	json_object_set_new(root, "themes", themes_json(S));
	json_object_set_new(root, "other", json_integer((json_int_t)S->other));
	json_object_set_new(root, "other_quotes", other_quotes_json(S));
	json_object_set_new(root, "assignments", assignments_json(S));
	json_object_set_new(root, "by_area", by_area_json(S));
	json_object_set_new(root, "unthemed", json_integer((json_int_t)S->unthemed));
	return root;
}

static void sum_release(struct sum *S)
{
	for (int k = 0; k < S->K; k++) {
		if (S->phrases != NULL)
			json_decref(S->phrases[k]);
		if (S->quotes != NULL)
			json_decref(S->quotes[k]);
		if (S->lab_en != NULL)
			free(S->lab_en[k]);
		if (S->lab_cy != NULL)
			free(S->lab_cy[k]);
	}
	free(S->lab_en);
	free(S->lab_cy);
	free(S->quotes);
	free(S->phrases);
	free(S->top);
	free(S->ntop);
	free(S->count);
	free(S->split);
	for (size_t d = 0; S->ra != NULL && d < S->n; d++) {
		free(S->ra[d].text);
		if (S->ta != NULL && S->ta[d].text != empty_text)
			free(S->ta[d].text);
	}
	free(S->ra);
	free(S->ta);
	free(S->stance);
	free(S->z);
	free(S->second);
	if (S->corpus_built)
		themes_corpus_release(&S->c);
}

json_t *themes_summarise(const struct themes_answer *a, size_t n, size_t skipped,
			 const struct themes_opts *o)
{
	struct sum S;
	json_t *root = NULL;

	memset(&S, 0, sizeof(S));
	S.a = a;
	S.n = n;
	S.o = o;
	S.nothing_id = -1;
	if (sum_prepare(&S) < 0)
		goto done;
	if (themes_corpus_build(&S.c, S.ta, n, o->lang, n < 50 ? 1 : 2, 1, o->data_dir) < 0)
		goto done;
	S.corpus_built = 1;
	sum_group(&S);
	sum_fold(&S);
	sum_rehome(&S);
	sum_count(&S);
	if (sum_describe(&S) < 0)
		goto done;
	root = summary_json(&S, skipped);
done:
	sum_release(&S);
	return root;
}
