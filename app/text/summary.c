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
#define REHOME_MIN_COS 0.15  /* a folded theme's answer joins a kept theme this close */
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

/* TRANSLATOR: check. The Welsh sentence for a theme: its Welsh label
 * (quoted, so no mutation is needed after it) and its main stance. */
static const char *const stance_plural_cy[TEXT_NSTANCES] = {
    "sylwadau niwtral", "canmoliaeth", "cwynion", "awgrymiadau"};

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
		use_gsdmm = o->method == THEMES_METHOD_GSDMM;
		if (use_gsdmm)
			K = themes_gsdmm(&c, o->k, o->k == 0, o->seed, zc);
		else
			K = themes_nmf(&c, o->k, o->k == 0, c.mean_words <= SHORT_TEXT_WORDS,
				       o->seed, zc, second);
		if (o->method == THEMES_METHOD_AUTO && n <= FIT_CHOICE_MAX_ANSWERS && K > 0) {
			/* A small set: GSDMM as well, and the grouping that fits
			 * the answers better (never a catch-all) is kept. */
			int *zg = malloc(n * sizeof(int)), KG;
			double big_n, big_g, fit_n, fit_g;

			if (zg == NULL)
				text_xrealloc(NULL, (size_t)-1 / 2);
			KG = themes_gsdmm(&c, o->k, o->k == 0, o->seed, zg);
			fit_n = themes_cohesion(&c, zc, K, &big_n);
			fit_g = themes_cohesion(&c, zg, KG, &big_g);
			if (KG > 0 && fit_g > fit_n && big_g <= FIT_CHOICE_MAX_SHARE) {
				memcpy(zc, zg, n * sizeof(int));
				K = KG;
				use_gsdmm = 1;
				for (size_t d = 0; d < n; d++)
					second[d] = -1;
			}
			free(zg);
		}
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
	if (K > 0) {
		/* An answer of a folded theme joins the nearest kept theme when it
		 * fits it (cosine to its TF-IDF centre at least REHOME_MIN_COS);
		 * one that fits none stays in Other. */
		size_t V = c.nterms ? c.nterms : 1;
		float *x = themes_tfidf(&c);
		double *cen = calloc((size_t)K * V, sizeof(*cen));
		const double min_cos = REHOME_MIN_COS;

		if (cen == NULL)
			text_xrealloc(NULL, (size_t)-1 / 2);
		for (size_t d = 0; d < n; d++)
			if (z[d] >= 0)
				for (size_t i = c.row[d]; i < c.row[d + 1]; i++)
					cen[(size_t)z[d] * V + c.col[i]] += x[i];
		for (int k = 0; k < K; k++) {
			double nr = 0;

			for (size_t t = 0; t < V; t++)
				nr += cen[(size_t)k * V + t] * cen[(size_t)k * V + t];
			nr = sqrt(nr);
			for (size_t t = 0; nr > 0 && t < V; t++)
				cen[(size_t)k * V + t] /= nr;
		}
		for (size_t d = 0; d < n; d++) {
			double best = min_cos;
			int bk = -1;

			if (z[d] != Z_OTHER)
				continue;
			for (int k = 0; k < K; k++) {
				double dot = 0;

				for (size_t i = c.row[d]; i < c.row[d + 1]; i++)
					dot += x[i] * cen[(size_t)k * V + c.col[i]];
				if (dot > best) {
					best = dot;
					bk = k;
				}
			}
			if (bk >= 0)
				z[d] = bk;
		}
		free(cen);
		free(x);
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
		themes_label_cands(&c, zk, K, top, ntop, phrases);
		quotes = themes_quotes(&c, ra, zk, K, o->quotes, o->unquotable, stance,
				      (const double(*)[TEXT_NSTANCES])split);
		if (themes_labels(&c, ta, zk, K, top, ntop, o->data_dir, lab_en, lab_cy, phrases) <
		    0) {
			free(zk);
			themes_corpus_release(&c);
			goto fail;
		}
		free(zk);
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
		const char *en = is_nothing ? "nothing to add or change" : lab_en[k];

		snprintf(idbuf, sizeof(idbuf), "t%d", k + 1);
		json_object_set_new(t, "id", json_string(idbuf));
		json_object_set_new(t, "label", json_string(en));
		if (is_nothing)
			labels = json_pack("{s:s, s:s}", "en", en, "cy", "dim i'w ychwanegu na'i newid");
		else if (lab_cy[k] != NULL)
			labels = json_pack("{s:s, s:s}", "en", en, "cy", lab_cy[k]);
		else /* no Welsh wording: the English label, marked as such */
			labels = json_pack("{s:s, s:s, s:b}", "en", en, "cy", en, "cy_is_english", 1);
		json_object_set_new(t, "labels", labels);
		if (is_nothing) {
			json_object_set_new(t, "kind", json_string("nothing"));
			json_object_set_new(t, "description",
					    json_string("Answers saying there is nothing to add or "
							"change, or only that all is fine "
							"(\xE2\x80\x9Cnothing\xE2\x80\x9D, "
							"\xE2\x80\x9Cn/a\xE2\x80\x9D, "
							"\xE2\x80\x9C" "all good\xE2\x80\x9D, "
							"\xE2\x80\x9C" "dim byd\xE2\x80\x9D)."));
			json_object_set_new(
			    t, "descriptions",
			    json_pack("{s:O, s:s}", "en", json_object_get(t, "description"), "cy",
				      "Atebion sy\xE2\x80\x99n dweud nad oes dim i\xE2\x80\x99w "
				      "ychwanegu na\xE2\x80\x99i newid, neu fod popeth yn iawn "
				      "(\xE2\x80\x9C" "dim byd\xE2\x80\x9D, "
				      "\xE2\x80\x9Cn/a\xE2\x80\x9D)."));
			json_object_set_new(t, "phrases", json_array());
		} else {
			json_object_set_new(t, "description", describe(en, phrases[k], split[k]));
			/* a Welsh sentence when the theme has Welsh wording */
			json_object_set_new(
			    t, "descriptions",
			    lab_cy[k] != NULL
				? json_pack("{s:O, s:o}", "en", json_object_get(t, "description"),
					    "cy", describe_cy(lab_cy[k], split[k]))
				: json_pack("{s:O}", "en", json_object_get(t, "description")));
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
				json_array_append_new(q, themes_quote_obj(ra[d].id, ra[d].text));
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
				json_array_append_new(other_q, themes_quote_obj(ra[d].id, ra[d].text));
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

