/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themeview_view: what readers and officers see of one question's themes
 * (themeview_apply, see themeview.h): the officers' decisions, moves and
 * hidden answers applied to the stored summary, the themes counted and
 * ordered, their phrases and quotes, the Other group and the shares by
 * area with small areas suppressed and counts perturbed for the public.
 * Uses core/ and results/sdc.h; no SQL.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/utf8.h"
#include "results/sdc.h"
#include "results/themeview.h"
#include "results/themeview_int.h"

static int has_string(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) if (json_is_string(v) &&
					  strcmp(json_string_value(v), s) == 0) return 1;
	return 0;
}

struct order {
	long long count;
	size_t pos;
	json_t *t;
};

static int cmp_order(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* The officers' labels over the automatic ones, into v: "label" {en, cy},
 * "label_cy_fallback" when no Welsh label exists and the English one
 * stands in, "automatic_label", "renamed"; and "description" likewise. */
static void labels_of(json_t *v, json_t *src, json_t *d)
{
	json_t *autol = json_object_get(src, "labels"), *desc = json_object_get(src, "description");
	const char *auto_en = json_string_value(json_object_get(autol, "en"));
	const char *auto_cy = json_is_true(json_object_get(autol, "cy_is_english"))
				  ? NULL
				  : json_string_value(json_object_get(autol, "cy"));
	const char *en = json_string_value(json_object_get(d, "label_en"));
	const char *cy = json_string_value(json_object_get(d, "label_cy"));
	const char *le, *lc;

	if (auto_en == NULL)
		auto_en = themeview_str_or(json_string_value(json_object_get(src, "label")));
	le = en && en[0] ? en : auto_en;
	lc = cy && cy[0] ? cy : auto_cy && auto_cy[0] ? auto_cy : NULL;
	json_object_set_new(v, "label", json_pack("{s:s, s:s}", "en", le, "cy", lc ? lc : le));
	json_object_set_new(v, "label_cy_fallback", json_boolean(lc == NULL));
	json_object_set_new(v, "automatic_label", json_string(auto_en));
	json_object_set_new(v, "renamed", json_boolean((en && en[0]) || (cy && cy[0])));
	if (json_is_object(desc)) {
		const char *de = json_string_value(json_object_get(desc, "en"));
		const char *dc = json_string_value(json_object_get(desc, "cy"));

		json_object_set_new(v, "description",
				    json_pack("{s:s, s:s}", "en", themeview_str_or(de), "cy",
					      dc ? dc : themeview_str_or(de)));
		json_object_set_new(v, "description_cy_fallback", json_boolean(dc == NULL));
	}
}

char *themeview_quote_cut(const char *text, int *cut)
{
	size_t n = strlen(text), chars = 0, i, keep, space = 0;
	int have_space = 0;
	char *out;

	chars = utf8_count(text, n);
	*cut = chars > THEMEVIEW_QUOTE_CHARS;
	if (!*cut)
		return xstrdup(text);
	/* keep at most THEMEVIEW_QUOTE_CHARS - 1 characters, and the "…" */
	chars = 0;
	for (i = 0; i < n; i++) {
		if (!utf8_is_cont((unsigned char)text[i])) {
			if (chars == THEMEVIEW_QUOTE_CHARS - 1)
				break;
			chars++;
		}
		if (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r') {
			space = i;
			have_space = 1;
		}
	}
	keep = i;
	/* at a word boundary already when the next character is a space */
	if (!(text[keep] == ' ' || text[keep] == '\n' || text[keep] == '\t' ||
	      text[keep] == '\r') &&
	    have_space && space > 0)
		keep = space;
	while (keep > 0 && strchr(" \t\r\n,;:-", text[keep - 1]) != NULL)
		keep--;
	out = xmalloc(keep + 4);
	memcpy(out, text, keep);
	memcpy(out + keep, "\xE2\x80\xA6", 4);
	return out;
}

/* One quote for the view: officers get its id, whether it is hidden and
 * why, and whether readers see it now; readers only its text, cut to
 * THEMEVIEW_QUOTE_CHARS. Appends to quotes; *shown counts the published. */
static void quote_add(json_t *quotes, json_t *q, json_t *hidden, const char *theme, int officer,
		      size_t *shown)
{
	const char *qid = json_string_value(json_object_get(q, "id"));
	const char *text = json_string_value(json_object_get(q, "text"));
	json_t *h = qid ? json_object_get(hidden, qid) : NULL;
	char *cuttext;
	int cut;

	/* false: withdrawn or flagged since the summary was made: never
	 * quoted, not even to officers */
	if (qid == NULL || text == NULL || json_is_false(h))
		return;
	if (!officer && (h != NULL || *shown >= THEMEVIEW_QUOTES))
		return;
	cuttext = themeview_quote_cut(text, &cut);
	if (officer) {
		json_t *e = json_pack("{s:s, s:s, s:b, s:s, s:b}", "id", qid, "text", cuttext,
				      "hidden", h != NULL, "theme", theme, "truncated", cut);

		if (h != NULL && json_is_string(h))
			json_object_set(e, "reason", h);
		json_object_set_new(e, "published",
				    json_boolean(h == NULL && *shown < THEMEVIEW_QUOTES));
		if (h == NULL && *shown < THEMEVIEW_QUOTES)
			(*shown)++;
		json_array_append_new(quotes, e);
	} else {
		json_array_append_new(quotes, json_pack("{s:s}", "text", cuttext));
		(*shown)++;
	}
	free(cuttext);
}

#define OTHER_ROOT "\x01other"

/* What themeview_apply() works on and builds up, theme by theme. */
struct view {
	json_t *stored; /* {"themes": themes}: resolve() sees the made themes too */
	json_t *themes; /* the summary's themes and those officers made */
	json_t *decisions, *moves, *hidden;
	int officer;
	json_t *qroot;	/* quote candidate id -> the root theme its answer is in now */
	json_t *counts; /* root key -> answers */
	json_t *areas;	/* area -> {"\x01responses": n, "<root key>": n, and \x02 cell keys} */
	long long (*sc)[THEMEVIEW_NSTANCES]; /* per theme: answers of each stance */
	long long answers, unthemed, other;
	struct order *ord; /* the themes listed, largest first */
	size_t nlist;
};

/* A copy of themes with the themes officers made (created, by key) added. */
static json_t *with_created(json_t *themes, json_t *decisions)
{
	json_t *all = json_copy(themes), *d;
	size_t i;

	json_array_foreach(decisions, i, d)
	{
		const char *k = json_string_value(json_object_get(d, "key"));

		if (json_is_true(json_object_get(d, "created")) && themeview_key_valid(k) &&
		    themeview_theme_index(all, k) < 0)
			json_array_append_new(all, json_pack("{s:s, s:s, s:[], s:[], s:b}", "key",
							     k, "label", "", "phrases", "quotes",
							     "created", 1));
	}
	return all;
}

/* The quote candidates' answers, each to null: where each one is now
 * (moved, merged) is filled in while counting. */
static json_t *quote_roots(json_t *all, json_t *other_quotes)
{
	json_t *qroot = json_object(), *t, *q;
	size_t i, j;

	json_array_foreach(all, i, t) json_array_foreach(json_object_get(t, "quotes"), j, q)
	{
		const char *qid = json_string_value(json_object_get(q, "id"));

		if (qid != NULL)
			json_object_set_new(qroot, qid, json_null());
	}
	json_array_foreach(other_quotes, i, q)
	{
		const char *qid = json_string_value(json_object_get(q, "id"));

		if (qid != NULL)
			json_object_set_new(qroot, qid, json_null());
	}
	return qroot;
}

/* Add n to the integer at o[key]. */
static void add_to(json_t *o, const char *key, json_int_t n)
{
	json_object_set_new(o, key, json_integer(json_integer_value(json_object_get(o, key)) + n));
}

/* Count member m (one answer) in its area: its root theme (NULL: none). */
static void count_area(struct view *v, json_t *m, const char *area, const char *root)
{
	json_t *ac = json_object_get(v->areas, area);
	/* cell keys (results/sdc.h): sums of the record keys */
	json_int_t rk = (json_int_t)sdc_record_key(json_string_value(json_object_get(m, "id")));
	char kk[40];

	if (ac == NULL) {
		ac = json_object();
		json_object_set_new(v->areas, area, ac);
	}
	add_to(ac, "\x01responses", 1);
	add_to(ac, "\x02responses", rk);
	if (root != NULL) {
		snprintf(kk, sizeof(kk), "\x02%s", root);
		add_to(ac, kk, rk);
		add_to(ac, root, 1);
	}
}

/* Count member m (one answer) in its theme, stance and area. */
static void count_member(struct view *v, json_t *m)
{
	const char *k = json_string_value(json_object_get(m, "theme"));
	const char *id = json_string_value(json_object_get(m, "id"));
	const char *mv = v->moves != NULL && id != NULL
			     ? json_string_value(json_object_get(v->moves, id))
			     : NULL;
	const char *area = json_string_value(json_object_get(m, "area"));
	const char *root = NULL;
	int moved = 0, si = themeview_stance_index(json_string_value(json_object_get(m, "stance")));

	v->answers++;
	/* an officer's move wins over the method, when its theme still exists */
	if (mv != NULL && themeview_theme_index(v->themes, mv) >= 0) {
		k = mv;
		moved = 1;
	}
	if (k != NULL && themeview_theme_index(v->themes, k) >= 0) {
		root = themeview_resolve(v->stored, v->decisions, k);
		add_to(v->counts, root, 1);
		if (si >= 0)
			v->sc[themeview_theme_index(v->themes, root)][si]++;
	} else if (!moved && json_is_true(json_object_get(m, "other"))) {
		v->other++;
	} else {
		v->unthemed++;
	}
	if (id != NULL && json_object_get(v->qroot, id) != NULL)
		json_object_set_new(
		    v->qroot, id,
		    json_string(root						      ? root
				: !moved && json_is_true(json_object_get(m, "other")) ? OTHER_ROOT
										      : ""));
	if (area != NULL)
		count_area(v, m, area, root);
}

/* The themes that are not merged into another, largest first, into
 * v->ord; readers see only those officers approved (the others are
 * counted apart into *awaiting answers of *awaiting_n themes). *reviewed:
 * an approved theme holds answers. */
static void list_themes(struct view *v, long long *awaiting, long long *awaiting_n, int *reviewed)
{
	json_t *t;
	size_t i;

	json_array_foreach(v->themes, i, t)
	{
		const char *k = json_string_value(json_object_get(t, "key"));
		long long c;

		if (k == NULL || strcmp(themeview_resolve(v->stored, v->decisions, k), k) != 0)
			continue;
		c = json_integer_value(json_object_get(v->counts, k));
		if (!json_is_true(
			json_object_get(themeview_decision_of(v->decisions, k), "approved"))) {
			if (c > 0) {
				*awaiting += c;
				(*awaiting_n)++;
			}
			if (!v->officer)
				continue;
		} else if (c > 0) {
			*reviewed = 1;
		}
		if (!v->officer && c == 0)
			continue;
		v->ord[v->nlist].count = c;
		v->ord[v->nlist].pos = i;
		v->ord[v->nlist].t = t;
		v->nlist++;
	}
	if (v->nlist > 1)
		qsort(v->ord, v->nlist, sizeof(*v->ord), cmp_order);
}

/* The stance split of theme ti's answers into out, or the method's when none says. */
static void stance_of(const struct view *v, json_t *out, json_t *src, long ti)
{
	long long st = 0;

	for (int x = 0; x < THEMEVIEW_NSTANCES; x++)
		st += v->sc[ti][x];
	if (st > 0) {
		json_t *so = json_object();

		for (int x = 0; x < THEMEVIEW_NSTANCES; x++)
			json_object_set_new(
			    so, themeview_stance_name(x),
			    json_real(themeview_round_to((double)v->sc[ti][x] / (double)st, 1e-4)));
		json_object_set_new(out, "stance", so);
	} else if (json_is_object(json_object_get(src, "stance"))) {
		json_object_set(out, "stance", json_object_get(src, "stance"));
	}
}

/* The phrases of theme k: its own first, then those merged into it, whose
 * ids and labels go to from. */
static json_t *phrases_of(const struct view *v, const char *k, json_t *from)
{
	json_t *phrases = json_array(), *u, *p;
	size_t j, qi;

	for (int pass = 0; pass < 2; pass++) {
		json_array_foreach(v->themes, j, u)
		{
			const char *uk = json_string_value(json_object_get(u, "key"));

			if (uk == NULL || (pass == 0) != (strcmp(uk, k) == 0) ||
			    strcmp(themeview_resolve(v->stored, v->decisions, uk), k) != 0)
				continue;
			if (pass == 1) {
				json_t *fe = json_pack("{s:s}", "id", uk);

				labels_of(fe, u, themeview_decision_of(v->decisions, uk));
				json_array_append_new(from, fe);
			}
			json_array_foreach(json_object_get(u, "phrases"), qi, p)
			{
				if (json_is_string(p) && json_array_size(phrases) < PHRASES_MAX &&
				    !has_string(phrases, json_string_value(p)))
					json_array_append(phrases, p);
			}
		}
	}
	return phrases;
}

/* The quotes of theme k: quotes follow their answers, those now in this
 * theme, its own candidates first. */
static json_t *quotes_of(const struct view *v, const char *k)
{
	json_t *quotes = json_array(), *u, *q;
	size_t j, qi, shown = 0;

	for (int pass = 0; pass < 2; pass++) {
		json_array_foreach(v->themes, j, u)
		{
			const char *uk = json_string_value(json_object_get(u, "key"));

			if (uk == NULL || (pass == 0) != (strcmp(uk, k) == 0))
				continue;
			json_array_foreach(json_object_get(u, "quotes"), qi, q)
			{
				const char *qid = json_string_value(json_object_get(q, "id"));
				const char *at =
				    qid ? json_string_value(json_object_get(v->qroot, qid)) : NULL;

				if (at == NULL)
					at = themeview_resolve(v->stored, v->decisions, uk);
				if (strcmp(at, k) == 0)
					quote_add(quotes, q, v->hidden, uk, v->officer, &shown);
			}
		}
	}
	return quotes;
}

/* The view of the theme listed at o. */
static json_t *theme_json(const struct view *v, size_t o)
{
	json_t *src = v->ord[o].t, *out = json_object(), *quotes, *q, *d;
	json_t *from = json_array();
	const char *k = json_string_value(json_object_get(src, "key"));
	size_t qi;

	d = themeview_decision_of(v->decisions, k);
	json_object_set_new(out, "id", json_string(k));
	labels_of(out, src, d);
	json_object_set_new(out, "count", json_integer(v->ord[o].count));
	json_object_set_new(
	    out, "share",
	    json_real(v->answers
			  ? themeview_round_to((double)v->ord[o].count / (double)v->answers, 1e-4)
			  : 0));
	stance_of(v, out, src, themeview_theme_index(v->themes, k));
	json_object_set_new(out, "phrases", phrases_of(v, k, from));
	quotes = quotes_of(v, k);
	json_object_set_new(out, "quotes", quotes);
	if (v->officer && !json_is_true(json_object_get(d, "approved"))) {
		/* readers see no quote of a theme not yet approved */
		json_array_foreach(quotes, qi, q) json_object_set(q, "published", json_false());
	}
	if (v->officer) {
		json_object_set_new(out, "merged_from", from);
		json_object_set_new(out, "approved",
				    json_boolean(json_is_true(json_object_get(d, "approved"))));
		json_object_set_new(out, "created",
				    json_is_true(json_object_get(src, "created")) ? json_true()
										  : json_false());
	} else {
		json_decref(from);
	}
	return out;
}

/* Responses counted in area names[x]. */
static long long area_responses(const struct view *v, const char *name)
{
	return json_integer_value(
	    json_object_get(json_object_get(v->areas, name), "\x01responses"));
}

/* Which of the na areas (sorted names) are suppressed, into sup: below
 * min_group, and the next smallest too when that leaves one area hidden. */
static void suppress_areas(const struct view *v, const char **names, size_t na, unsigned min_group,
			   unsigned char *sup)
{
	size_t nsup = 0, small = na;

	for (size_t x = 0; x < na; x++)
		if (area_responses(v, names[x]) < (long long)min_group) {
			sup[x] = 1;
			nsup++;
		}
	if (nsup != 1)
		return;
	for (size_t x = 0; x < na; x++)
		if (!sup[x] &&
		    (small == na || area_responses(v, names[x]) < area_responses(v, names[small])))
			small = x;
	if (small < na)
		sup[small] = 1;
}

/* One area's entry of by_area (not suppressed): its responses and the
 * listed themes' counts, perturbed for the public. */
static json_t *area_json(const struct view *v, const char *name)
{
	json_t *ac = json_object_get(v->areas, name), *e = json_object(), *ts = json_array();
	long long resp = json_integer_value(json_object_get(ac, "\x01responses"));

	if (!v->officer)
		resp = sdc_perturb(
		    resp, (unsigned)json_integer_value(json_object_get(ac, "\x02responses")));
	json_object_set_new(e, "area", json_string(name));
	json_object_set_new(e, "responses", json_integer(resp));
	for (size_t o = 0; o < v->nlist; o++) {
		const char *k = json_string_value(json_object_get(v->ord[o].t, "key"));
		long long c = json_integer_value(json_object_get(ac, k));
		char kk[40];

		snprintf(kk, sizeof(kk), "\x02%s", k ? k : "");
		if (!v->officer)
			c = sdc_perturb(c, (unsigned)json_integer_value(json_object_get(ac, kk)));
		json_array_append_new(
		    ts,
		    json_pack("{s:s, s:I, s:f}", "id", k, "count", (json_int_t)c, "share",
			      resp > 0 ? themeview_round_to((double)c / (double)resp, 1e-4) : 0.0));
	}
	json_object_set_new(e, "themes", ts);
	return e;
}

/* by area, sorted by area id; suppressed below min_group, and the next
 * smallest too when that leaves one area hidden; for the public every
 * count goes through cell-key perturbation (docs/privacy.md) */
static json_t *by_area_json(const struct view *v, unsigned min_group)
{
	json_t *by_area = json_array(), *ac;
	const char *an;
	const char **names = calloc(json_object_size(v->areas) + 1, sizeof(*names));
	unsigned char *sup = calloc(json_object_size(v->areas) + 1, 1);
	size_t na = 0;

	if (names != NULL && sup != NULL) {
		json_object_foreach(v->areas, an, ac) names[na++] = an;
		for (size_t x = 1; x < na; x++)
			for (size_t y = x; y > 0 && strcmp(names[y - 1], names[y]) > 0; y--) {
				const char *tmp = names[y];

				names[y] = names[y - 1];
				names[y - 1] = tmp;
			}
		suppress_areas(v, names, na, min_group, sup);
		for (size_t x = 0; x < na; x++)
			json_array_append_new(by_area, sup[x] ? json_pack("{s:s, s:b}", "area",
									  names[x], "suppressed", 1)
							      : area_json(v, names[x]));
	}
	free(names);
	free(sup);
	return by_area;
}

/* the "Other" group: answers that share no theme with enough others */
static json_t *other_json(const struct view *v, json_t *other_quotes)
{
	json_t *oq = json_array(), *q;
	size_t i, shown = 0;

	json_array_foreach(other_quotes, i, q)
	{
		const char *qid = json_string_value(json_object_get(q, "id"));
		const char *at = qid ? json_string_value(json_object_get(v->qroot, qid)) : NULL;

		if (at == NULL || strcmp(at, OTHER_ROOT) == 0)
			quote_add(oq, q, v->hidden, "other", v->officer, &shown);
	}
	return json_pack(
	    "{s:I, s:f, s:o}", "count", (json_int_t)v->other, "share",
	    v->answers ? themeview_round_to((double)v->other / (double)v->answers, 1e-4) : 0.0,
	    "quotes", oq);
}

json_t *themeview_apply(json_t *stored, json_t *decisions, json_t *moves, json_t *hidden,
			unsigned min_group, int officer)
{
	json_t *themes = json_object_get(stored, "themes"),
	       *members = json_object_get(stored, "members");
	json_t *out, *list, *m;
	struct view v = {
	    .decisions = decisions, .moves = moves, .hidden = hidden, .officer = officer};
	long long awaiting = 0, awaiting_n = 0;
	size_t i, nt;
	int reviewed = 0;

	if (!json_is_array(themes) || !json_is_array(members))
		return NULL;
	v.themes = with_created(themes, decisions);
	v.stored = json_pack("{s:O}", "themes", v.themes);
	nt = json_array_size(v.themes);
	v.ord = xcalloc(nt, sizeof(*v.ord));
	v.sc = xcalloc(nt, sizeof(*v.sc));
	v.qroot = quote_roots(v.themes, json_object_get(stored, "other_quotes"));
	v.counts = json_object();
	v.areas = json_object();
	json_array_foreach(members, i, m) count_member(&v, m);
	list_themes(&v, &awaiting, &awaiting_n, &reviewed);
	list = json_array();
	for (size_t o = 0; o < v.nlist; o++)
		json_array_append_new(list, theme_json(&v, o));
	out = json_object();
	json_object_set_new(out, "answers", json_integer(v.answers));
	json_object_set_new(out, "unthemed", json_integer(v.unthemed));
	json_object_set_new(out, "other", other_json(&v, json_object_get(stored, "other_quotes")));
	/* themes not yet approved: readers see only how many answers they hold */
	json_object_set_new(
	    out, "awaiting_review",
	    json_pack("{s:I, s:I, s:f}", "themes", (json_int_t)awaiting_n, "count",
		      (json_int_t)awaiting, "share",
		      v.answers ? themeview_round_to((double)awaiting / (double)v.answers, 1e-4)
				: 0.0));
	json_object_set_new(out, "reviewed", json_boolean(reviewed));
	json_object_set_new(out, "min_group_size", json_integer(min_group));
	json_object_set_new(out, "themes", list);
	json_object_set_new(out, "by_area", by_area_json(&v, min_group));
	json_decref(v.counts);
	json_decref(v.areas);
	json_decref(v.qroot);
	json_decref(v.stored);
	json_decref(v.themes);
	free(v.sc);
	free(v.ord);
	return out;
}
