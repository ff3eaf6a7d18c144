/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* themeview: stored theme summaries, stable keys, the view (see themeview.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/utf8.h"
#include "core/csv.h"
#include "results/sdc.h"
#include "results/themeview.h"

#define RESOLVE_DEPTH 32
#define PHRASES_MAX 8

static double round_to(double v, double unit)
{
	return floor(v / unit + 0.5) * unit;
}

int themeview_key_valid(const char *s)
{
	size_t n;

	if (s == NULL || s[0] != 'k')
		return 0;
	n = strlen(s + 1);
	if (n == 0 || n > THEMEVIEW_KEY_MAX - 1 || s[1] == '0')
		return 0;
	return strspn(s + 1, "0123456789") == n;
}

static const char *str_or(const char *s)
{
	return s != NULL ? s : "";
}

static long long key_num(const char *s)
{
	return themeview_key_valid(s) ? strtoll(s + 1, NULL, 10) : 0;
}

/* The first key number at or after next that no theme of `themes` and no
 * officer's decision (its key or merged_into) uses, at least 1: fresh keys
 * never give a rename or a merge to an unrelated theme. */
static long long key_after(long long next, json_t *themes, json_t *decisions)
{
	size_t i;
	json_t *t;

	json_array_foreach(themes, i, t)
	{
		long long k = key_num(json_string_value(json_object_get(t, "key")));

		if (k >= next)
			next = k + 1;
	}
	json_array_foreach(decisions, i, t)
	{
		long long k = key_num(json_string_value(json_object_get(t, "key")));
		long long into = key_num(json_string_value(json_object_get(t, "merged_into")));

		if (k >= next)
			next = k + 1;
		if (into >= next)
			next = into + 1;
	}
	return next < 1 ? 1 : next;
}

static const char *const stances[THEMEVIEW_NSTANCES] = {"praise", "complaint", "suggestion",
							  "neutral"};

static int stance_index(const char *s)
{
	for (int i = 0; s != NULL && i < THEMEVIEW_NSTANCES; i++)
		if (strcmp(s, stances[i]) == 0)
			return i;
	return -1;
}

const char *themeview_stance_name(int i)
{
	return i >= 0 && i < THEMEVIEW_NSTANCES ? stances[i] : NULL;
}

int themeview_stance_valid(const char *s)
{
	return stance_index(s) >= 0;
}

/* Copy a string or an {"en", "cy"} object (other members ignored) to
 * dst[name] as {"en", "cy"?}; nothing when there is no English. */
static void lang_pair_copy(json_t *dst, const char *name, json_t *v)
{
	const char *en = json_is_string(v) ? json_string_value(v)
					   : json_string_value(json_object_get(v, "en"));
	/* The method marks a Welsh label that is only the English one
	 * ("cy_is_english"): that is no Welsh label, and readers are told. */
	const char *cy = json_is_object(v) && !json_is_true(json_object_get(v, "cy_is_english"))
				 ? json_string_value(json_object_get(v, "cy"))
				 : NULL;
	json_t *o;

	if (en == NULL || en[0] == '\0')
		return;
	o = json_pack("{s:s}", "en", en);
	if (cy != NULL && cy[0])
		json_object_set_new(o, "cy", json_string(cy));
	json_object_set_new(dst, name, o);
}

/* Whether an assignment says its answer is in the "Other" group. */
static int is_other(json_t *as, const char *first)
{
	return json_is_true(json_object_get(as, "other")) ||
	       (first != NULL && strcmp(first, "other") == 0) ||
	       strcmp(str_or(json_string_value(json_object_get(as, "theme"))), "other") == 0;
}

/* ---- stored form ---------------------------------------------------------- */

json_t *themeview_stored(json_t *summary, const char *const *areas, size_t n)
{
	json_t *themes = json_object_get(summary, "themes"),
	       *assign = json_object_get(summary, "assignments");
	json_t *out, *ot, *members, *map, *t, *as;
	size_t i;
	long long unthemed = 0, other = 0;

	if (!json_is_array(themes) || !json_is_array(assign) || json_array_size(assign) != n)
		return NULL;
	out = json_object();
	ot = json_array();
	members = json_array();
	map = json_object();
	json_array_foreach(themes, i, t)
	{
		const char *tid = json_string_value(json_object_get(t, "id"));
		char key[32];

		if (tid == NULL)
			continue;
		snprintf(key, sizeof(key), "k%zu", i + 1);
		json_object_set_new(map, tid, json_string(key));
		{
			json_t *e = json_object(), *v;

			json_object_set_new(e, "key", json_string(key));
			v = json_object_get(t, "label");
			json_object_set(e, "label", json_is_string(v) ? v : json_null());
			v = json_object_get(t, "phrases");
			json_object_set_new(e, "phrases",
					    json_is_array(v) ? json_incref(v) : json_array());
			v = json_object_get(t, "quotes");
			json_object_set_new(e, "quotes",
					    json_is_array(v) ? json_incref(v) : json_array());
			lang_pair_copy(e, "labels", json_object_get(t, "labels"));
			/* "descriptions" {en, cy?} when the method gives a Welsh one,
			 * else "description" (a string, or {en, cy}) */
			lang_pair_copy(e, "description",
				       json_is_object(json_object_get(t, "descriptions"))
					       ? json_object_get(t, "descriptions")
					       : json_object_get(t, "description"));
			v = json_object_get(t, "stance");
			if (json_is_object(v))
				json_object_set(e, "stance", v);
			json_array_append_new(ot, e);
		}
	}
	json_array_foreach(assign, i, as)
	{
		const char *id = json_string_value(json_object_get(as, "id"));
		const char *first =
		    json_string_value(json_array_get(json_object_get(as, "themes"), 0));
		json_t *key = first ? json_object_get(map, first) : NULL;
		json_t *m;

		if (id == NULL)
			continue;
		m = json_object();
		json_object_set_new(m, "id", json_string(id));
		json_object_set_new(m, "area",
				    areas != NULL && areas[i] != NULL ? json_string(areas[i])
								      : json_null());
		json_object_set(m, "theme", key ? key : json_null());
		if (stance_index(json_string_value(json_object_get(as, "stance"))) >= 0)
			json_object_set(m, "stance", json_object_get(as, "stance"));
		if (key == NULL && is_other(as, first)) {
			json_object_set_new(m, "other", json_true());
			other++;
		} else if (key == NULL) {
			unthemed++;
		}
		json_array_append_new(members, m);
	}
	{
		/* the "Other" group's quote candidates: other_quotes, or other.quotes */
		json_t *oq = json_object_get(summary, "other_quotes");

		if (!json_is_array(oq))
			oq = json_object_get(json_object_get(summary, "other"), "quotes");
		json_object_set_new(out, "other_quotes",
				    json_is_array(oq) ? json_incref(oq) : json_array());
	}
	json_object_set_new(out, "other", json_integer(other));
	json_object_set_new(out, "answers", json_integer((json_int_t)json_array_size(members)));
	json_object_set_new(out, "unthemed", json_integer(unthemed));
	json_object_set_new(out, "next_key", json_integer((json_int_t)json_array_size(ot) + 1));
	json_object_set_new(out, "themes", ot);
	json_object_set_new(out, "members", members);
	json_decref(map);
	return out;
}

/* ---- identity --------------------------------------------------------------- */

struct pair {
	double score;
	size_t f, o;
};

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->f != y->f)
		return x->f < y->f ? -1 : 1;
	return x->o < y->o ? -1 : x->o > y->o;
}

/* Index of the theme with key k in a themes array, or -1. */
const char *themeview_resolve(json_t *stored, json_t *decisions, const char *s);
static long theme_index(json_t *themes, const char *k)
{
	size_t i;
	json_t *t;

	if (k == NULL)
		return -1;
	json_array_foreach(themes, i,
			   t) if (strcmp(str_or(json_string_value(json_object_get(t, "key"))), k) ==
				  0) return (long)i;
	return -1;
}

int themeview_identify(json_t *fresh, json_t *old, json_t *decisions)
{
	json_t *ft = json_object_get(fresh, "themes"), *fm = json_object_get(fresh, "members");
	json_t *ot = json_object_get(old, "themes"), *om = json_object_get(old, "members");
	size_t nf = json_array_size(ft), no = json_array_size(ot), i, np = 0;
	size_t *inter = NULL, *sf = NULL, *so = NULL;
	struct pair *pairs = NULL;
	long *match = NULL;
	unsigned char *used = NULL;
	long long next = 1;
	json_t *oldof = NULL, *m, *t, *newkey = NULL;
	int rc = -1;

	if (!json_is_array(ft) || !json_is_array(fm))
		return -1;
	inter = calloc((nf ? nf : 1) * (no ? no : 1), sizeof(*inter));
	sf = calloc(nf ? nf : 1, sizeof(*sf));
	so = calloc(no ? no : 1, sizeof(*so));
	pairs = calloc((nf ? nf : 1) * (no ? no : 1), sizeof(*pairs));
	match = calloc(nf ? nf : 1, sizeof(*match));
	used = calloc(no ? no : 1, 1);
	oldof = json_object();
	newkey = json_object();
	if (inter == NULL || sf == NULL || so == NULL || pairs == NULL || match == NULL ||
	    used == NULL)
		goto done;
	/* old answer id -> old theme index (only answers that had a theme) */
	json_array_foreach(om, i, m)
	{
		long oi = theme_index(ot, json_string_value(json_object_get(m, "theme")));
		const char *id = json_string_value(json_object_get(m, "id"));

		if (id != NULL)
			json_object_set_new(oldof, id, json_integer(oi));
	}
	/* overlaps over the answers present in both summaries */
	json_array_foreach(fm, i, m)
	{
		const char *id = json_string_value(json_object_get(m, "id"));
		json_t *o = id ? json_object_get(oldof, id) : NULL;
		long fi, oi;

		if (o == NULL)
			continue;
		fi = theme_index(ft, json_string_value(json_object_get(m, "theme")));
		oi = (long)json_integer_value(o);
		if (fi >= 0)
			sf[fi]++;
		if (oi >= 0)
			so[oi]++;
		if (fi >= 0 && oi >= 0)
			inter[(size_t)fi * no + (size_t)oi]++;
	}
	for (size_t f = 0; f < nf; f++) {
		match[f] = -1;
		for (size_t o = 0; o < no; o++) {
			size_t x = inter[f * no + o];
			double j;

			if (x == 0)
				continue;
			j = (double)x / (double)(sf[f] + so[o] - x);
			if (j >= THEMEVIEW_MATCH) {
				pairs[np].score = j;
				pairs[np].f = f;
				pairs[np].o = o;
				np++;
			}
		}
	}
	if (np > 1)
		qsort(pairs, np, sizeof(*pairs), cmp_pair);
	for (size_t p = 0; p < np; p++) {
		if (match[pairs[p].f] >= 0 || used[pairs[p].o])
			continue;
		match[pairs[p].f] = (long)pairs[p].o;
		used[pairs[p].o] = 1;
	}
	/* A new theme left over (a theme split, or its members moved) that
	 * lies mostly inside one old theme takes a key of that theme's merge
	 * group that is still free, so an officer's merge still holds. */
	for (size_t f = 0; f < nf; f++) {
		size_t best = 0, bx = 0;
		const char *root;

		if (match[f] >= 0 || sf[f] == 0)
			continue;
		for (size_t o = 0; o < no; o++)
			if (inter[f * no + o] > bx) {
				bx = inter[f * no + o];
				best = o;
			}
		if (bx == 0 || (double)bx / (double)sf[f] < THEMEVIEW_CONTAIN)
			continue;
		root = themeview_resolve(
		    old, decisions,
		    str_or(json_string_value(json_object_get(json_array_get(ot, best), "key"))));
		for (size_t o = 0; o < no; o++) {
			const char *ok = str_or(
			    json_string_value(json_object_get(json_array_get(ot, o), "key")));

			if (!used[o] && (o == best || strcmp(themeview_resolve(old, decisions, ok),
							     root) == 0)) {
				match[f] = (long)o;
				used[o] = 1;
				break;
			}
		}
	}
	/* fresh keys continue after every key the old summary knew */
	if (json_is_integer(json_object_get(old, "next_key")))
		next = json_integer_value(json_object_get(old, "next_key"));
	/* ...and after every key an officer's decision names, so that a
	 * summary rebuilt without its predecessor never gives a rename or a
	 * merge to an unrelated theme */
	next = key_after(next, ot, decisions);
	json_array_foreach(ft, i, t)
	{
		const char *tmp = json_string_value(json_object_get(t, "key"));
		char key[32];

		if (tmp == NULL)
			goto done;
		if (match[i] >= 0)
			snprintf(key, sizeof(key), "%s",
				 json_string_value(
				     json_object_get(json_array_get(ot, (size_t)match[i]), "key")));
		else
			snprintf(key, sizeof(key), "k%lld", next++);
		json_object_set_new(newkey, tmp, json_string(key));
	}
	json_array_foreach(ft, i, t) json_object_set(
	    t, "key", json_object_get(newkey, json_string_value(json_object_get(t, "key"))));
	json_array_foreach(fm, i, m)
	{
		const char *k = json_string_value(json_object_get(m, "theme"));

		if (k != NULL && json_object_get(newkey, k) != NULL)
			json_object_set(m, "theme", json_object_get(newkey, k));
	}
	json_object_set_new(fresh, "next_key", json_integer(next));
	rc = 0;
done:
	free(inter);
	free(sf);
	free(so);
	free(pairs);
	free(match);
	free(used);
	json_decref(oldof);
	json_decref(newkey);
	return rc;
}

/* ---- view ------------------------------------------------------------------- */

static json_t *decision_of(json_t *decisions, const char *key)
{
	size_t i;
	json_t *d;

	json_array_foreach(
	    decisions, i,
	    d) if (strcmp(str_or(json_string_value(json_object_get(d, "key"))), key) == 0) return d;
	return NULL;
}

const char *themeview_resolve(json_t *stored, json_t *decisions, const char *s)
{
	json_t *themes = json_object_get(stored, "themes");
	const char *cur = s;

	for (int depth = 0; depth < RESOLVE_DEPTH; depth++) {
		json_t *d = decision_of(decisions, cur);
		const char *to = json_string_value(json_object_get(d, "merged_into"));

		if (to == NULL || theme_index(themes, to) < 0 || strcmp(to, s) == 0)
			return cur;
		cur = to;
	}
	return s; /* a cycle longer than any real chain: ignore the merges */
}

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
		auto_en = str_or(json_string_value(json_object_get(src, "label")));
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
				    json_pack("{s:s, s:s}", "en", str_or(de), "cy", dc ? dc : str_or(de)));
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
	if (!*cut) {
		return xstrdup(text);
	}
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
	if (!(text[keep] == ' ' || text[keep] == '\n' || text[keep] == '\t' || text[keep] == '\r') &&
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

json_t *themeview_apply(json_t *stored, json_t *decisions, json_t *moves, json_t *hidden,
			unsigned min_group, int officer)
{
	json_t *themes = json_object_get(stored, "themes"),
	       *members = json_object_get(stored, "members");
	json_t *other_quotes = json_object_get(stored, "other_quotes");
	json_t *out, *list, *counts, *areas, *by_area, *t, *m, *all, *st2, *qroot, *d, *q;
	long long answers = 0, unthemed = 0, other = 0, awaiting = 0, awaiting_n = 0;
	long long(*sc)[THEMEVIEW_NSTANCES] = NULL;
	struct order *ord;
	size_t i, j, nt, nlist = 0;
	int reviewed = 0;

	if (!json_is_array(themes) || !json_is_array(members))
		return NULL;
	/* the summary's themes and those officers made (created, by key) */
	all = json_copy(themes);
	json_array_foreach(decisions, i, d)
	{
		const char *k = json_string_value(json_object_get(d, "key"));

		if (json_is_true(json_object_get(d, "created")) && themeview_key_valid(k) &&
		    theme_index(all, k) < 0)
			json_array_append_new(all, json_pack("{s:s, s:s, s:[], s:[], s:b}", "key", k,
							     "label", "", "phrases", "quotes",
							     "created", 1));
	}
	st2 = json_pack("{s:O}", "themes", all);
	stored = st2; /* resolve() below sees the made themes too */
	themes = all;
	nt = json_array_size(all);
	ord = calloc(nt ? nt : 1, sizeof(*ord));
	sc = calloc(nt ? nt : 1, sizeof(*sc));
	if (ord == NULL || sc == NULL)
		abort();
	/* the quote candidates' answers: where each one is now (moved, merged) */
	qroot = json_object();
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
	counts = json_object();
	areas = json_object(); /* area -> {"responses": n, "<root key>": n, ...} */
	json_array_foreach(members, i, m)
	{
		const char *k = json_string_value(json_object_get(m, "theme"));
		const char *id = json_string_value(json_object_get(m, "id"));
		const char *mv = moves != NULL && id != NULL
				     ? json_string_value(json_object_get(moves, id))
				     : NULL;
		const char *area = json_string_value(json_object_get(m, "area"));
		const char *root = NULL;
		int moved = 0, si = stance_index(json_string_value(json_object_get(m, "stance")));
		json_t *ac;

		answers++;
		/* an officer's move wins over the method, when its theme still exists */
		if (mv != NULL && theme_index(themes, mv) >= 0) {
			k = mv;
			moved = 1;
		}
		if (k != NULL && theme_index(themes, k) >= 0) {
			root = themeview_resolve(stored, decisions, k);
			json_object_set_new(
			    counts, root,
			    json_integer(json_integer_value(json_object_get(counts, root)) + 1));
			if (si >= 0)
				sc[theme_index(themes, root)][si]++;
		} else if (!moved && json_is_true(json_object_get(m, "other"))) {
			other++;
		} else {
			unthemed++;
		}
		if (id != NULL && json_object_get(qroot, id) != NULL)
			json_object_set_new(qroot, id,
					    json_string(root          ? root
							: !moved && json_is_true(json_object_get(m, "other"))
							    ? OTHER_ROOT
							    : ""));
		if (area == NULL)
			continue;
		ac = json_object_get(areas, area);
		if (ac == NULL) {
			ac = json_object();
			json_object_set_new(areas, area, ac);
		}
		json_object_set_new(
		    ac, "\x01responses",
		    json_integer(json_integer_value(json_object_get(ac, "\x01responses")) + 1));
		/* cell keys (results/sdc.h): sums of the record keys */
		{
			json_int_t rk = (json_int_t)sdc_record_key(
			    json_string_value(json_object_get(m, "id")));
			char kk[40];

			json_object_set_new(
			    ac, "\x02responses",
			    json_integer(json_integer_value(json_object_get(ac, "\x02responses")) + rk));
			if (root != NULL) {
				snprintf(kk, sizeof(kk), "\x02%s", root);
				json_object_set_new(
				    ac, kk, json_integer(json_integer_value(json_object_get(ac, kk)) + rk));
			}
		}
		if (root != NULL)
			json_object_set_new(
			    ac, root,
			    json_integer(json_integer_value(json_object_get(ac, root)) + 1));
	}
	/* the themes that are not merged into another, largest first; readers
	 * see only those officers approved (the others are counted apart) */
	json_array_foreach(themes, i, t)
	{
		const char *k = json_string_value(json_object_get(t, "key"));
		long long c;

		if (k == NULL || strcmp(themeview_resolve(stored, decisions, k), k) != 0)
			continue;
		c = json_integer_value(json_object_get(counts, k));
		if (!json_is_true(json_object_get(decision_of(decisions, k), "approved"))) {
			if (c > 0) {
				awaiting += c;
				awaiting_n++;
			}
			if (!officer)
				continue;
		} else if (c > 0) {
			reviewed = 1;
		}
		if (!officer && c == 0)
			continue;
		ord[nlist].count = c;
		ord[nlist].pos = i;
		ord[nlist].t = t;
		nlist++;
	}
	if (nlist > 1)
		qsort(ord, nlist, sizeof(*ord), cmp_order);
	list = json_array();
	for (size_t o = 0; o < nlist; o++) {
		json_t *src = ord[o].t, *v = json_object(), *phrases = json_array(),
		       *quotes = json_array();
		json_t *from = json_array(), *p, *u;
		const char *k = json_string_value(json_object_get(src, "key"));
		long ti = theme_index(themes, k);
		long long st = 0;
		size_t qi, shown = 0;

		d = decision_of(decisions, k);
		json_object_set_new(v, "id", json_string(k));
		labels_of(v, src, d);
		json_object_set_new(v, "count", json_integer(ord[o].count));
		json_object_set_new(
		    v, "share",
		    json_real(answers ? round_to((double)ord[o].count / (double)answers, 1e-4)
				      : 0));
		/* the stance split of its answers, or the method's when none says */
		for (int x = 0; x < THEMEVIEW_NSTANCES; x++)
			st += sc[ti][x];
		if (st > 0) {
			json_t *so = json_object();

			for (int x = 0; x < THEMEVIEW_NSTANCES; x++)
				json_object_set_new(
				    so, stances[x],
				    json_real(round_to((double)sc[ti][x] / (double)st, 1e-4)));
			json_object_set_new(v, "stance", so);
		} else if (json_is_object(json_object_get(src, "stance"))) {
			json_object_set(v, "stance", json_object_get(src, "stance"));
		}
		/* phrases: the theme itself first, then those merged into it */
		for (int pass = 0; pass < 2; pass++) {
			json_array_foreach(themes, j, u)
			{
				const char *uk = json_string_value(json_object_get(u, "key"));

				if (uk == NULL || (pass == 0) != (strcmp(uk, k) == 0) ||
				    strcmp(themeview_resolve(stored, decisions, uk), k) != 0)
					continue;
				if (pass == 1) {
					json_t *fe = json_pack("{s:s}", "id", uk);

					labels_of(fe, u, decision_of(decisions, uk));
					json_array_append_new(from, fe);
				}
				json_array_foreach(
				    json_object_get(u, "phrases"), qi,
				    p) if (json_is_string(p) &&
					   json_array_size(phrases) < PHRASES_MAX &&
					   !has_string(phrases, json_string_value(p)))
				    json_array_append(phrases, p);
			}
		}
		/* quotes follow their answers: those now in this theme, its own
		 * candidates first */
		for (int pass = 0; pass < 2; pass++) {
			json_array_foreach(themes, j, u)
			{
				const char *uk = json_string_value(json_object_get(u, "key"));

				if (uk == NULL || (pass == 0) != (strcmp(uk, k) == 0))
					continue;
				json_array_foreach(json_object_get(u, "quotes"), qi, q)
				{
					const char *qid =
					    json_string_value(json_object_get(q, "id"));
					const char *at =
					    qid ? json_string_value(json_object_get(qroot, qid))
						: NULL;

					if (at == NULL)
						at = themeview_resolve(stored, decisions, uk);
					if (strcmp(at, k) == 0)
						quote_add(quotes, q, hidden, uk, officer, &shown);
				}
			}
		}
		json_object_set_new(v, "phrases", phrases);
		json_object_set_new(v, "quotes", quotes);
		if (officer && !json_is_true(json_object_get(d, "approved"))) {
			/* readers see no quote of a theme not yet approved */
			json_array_foreach(quotes, qi, q) json_object_set(q, "published", json_false());
		}
		if (officer) {
			json_object_set_new(v, "merged_from", from);
			json_object_set_new(
			    v, "approved", json_boolean(json_is_true(json_object_get(d, "approved"))));
			json_object_set_new(
			    v, "created", json_is_true(json_object_get(src, "created")) ? json_true()
											 : json_false());
		} else {
			json_decref(from);
		}
		json_array_append_new(list, v);
	}
	/* by area, sorted by area id; suppressed below min_group, and the next
	 * smallest too when that leaves one area hidden; for the public every
	 * count goes through cell-key perturbation (docs/privacy.md) */
	by_area = json_array();
	{
		const char *an;
		json_t *ac;
		const char **names = calloc(json_object_size(areas) + 1, sizeof(*names));
		unsigned char *sup = calloc(json_object_size(areas) + 1, 1);
		size_t na = 0, nsup = 0;

		if (names != NULL && sup != NULL) {
			json_object_foreach(areas, an, ac) names[na++] = an;
			for (size_t x = 1; x < na; x++)
				for (size_t y = x; y > 0 && strcmp(names[y - 1], names[y]) > 0;
				     y--) {
					const char *tmp = names[y];

					names[y] = names[y - 1];
					names[y - 1] = tmp;
				}
			for (size_t x = 0; x < na; x++) {
				ac = json_object_get(areas, names[x]);
				if (json_integer_value(json_object_get(ac, "\x01responses")) <
				    (long long)min_group) {
					sup[x] = 1;
					nsup++;
				}
			}
			if (nsup == 1) {
				size_t small = na;

				for (size_t x = 0; x < na; x++) {
					long long n = json_integer_value(json_object_get(
					    json_object_get(areas, names[x]), "\x01responses"));

					if (!sup[x] &&
					    (small == na ||
					     n < json_integer_value(json_object_get(
						     json_object_get(areas, names[small]),
						     "\x01responses"))))
						small = x;
				}
				if (small < na)
					sup[small] = 1;
			}
			for (size_t x = 0; x < na; x++) {
				json_t *e = json_object(), *ts;
				long long resp;

				ac = json_object_get(areas, names[x]);
				resp = json_integer_value(json_object_get(ac, "\x01responses"));
				if (!officer)
					resp = sdc_perturb(resp, (unsigned)json_integer_value(
								     json_object_get(ac, "\x02responses")));
				json_object_set_new(e, "area", json_string(names[x]));
				if (sup[x]) {
					json_object_set_new(e, "suppressed", json_true());
					json_array_append_new(by_area, e);
					continue;
				}
				json_object_set_new(e, "responses", json_integer(resp));
				ts = json_array();
				for (size_t o = 0; o < nlist; o++) {
					const char *k =
					    json_string_value(json_object_get(ord[o].t, "key"));
					long long c = json_integer_value(json_object_get(ac, k));
					char kk[40];

					snprintf(kk, sizeof(kk), "\x02%s", k ? k : "");
					if (!officer)
						c = sdc_perturb(c, (unsigned)json_integer_value(
								       json_object_get(ac, kk)));
					json_array_append_new(
					    ts, json_pack("{s:s, s:I, s:f}", "id", k, "count",
							  (json_int_t)c, "share",
							  resp > 0 ? round_to((double)c / (double)resp, 1e-4)
								   : 0.0));
				}
				json_object_set_new(e, "themes", ts);
				json_array_append_new(by_area, e);
			}
		}
		free(names);
		free(sup);
	}
	out = json_object();
	json_object_set_new(out, "answers", json_integer(answers));
	json_object_set_new(out, "unthemed", json_integer(unthemed));
	{
		/* the "Other" group: answers that share no theme with enough others */
		json_t *oq = json_array();
		size_t shown = 0;

		json_array_foreach(other_quotes, i, q)
		{
			const char *qid = json_string_value(json_object_get(q, "id"));
			const char *at = qid ? json_string_value(json_object_get(qroot, qid)) : NULL;

			if (at == NULL || strcmp(at, OTHER_ROOT) == 0)
				quote_add(oq, q, hidden, "other", officer, &shown);
		}
		json_object_set_new(
		    out, "other",
		    json_pack("{s:I, s:f, s:o}", "count", (json_int_t)other, "share",
			      answers ? round_to((double)other / (double)answers, 1e-4) : 0.0,
			      "quotes", oq));
	}
	/* themes not yet approved: readers see only how many answers they hold */
	json_object_set_new(out, "awaiting_review",
			    json_pack("{s:I, s:I, s:f}", "themes", (json_int_t)awaiting_n, "count",
				      (json_int_t)awaiting, "share",
				      answers ? round_to((double)awaiting / (double)answers, 1e-4)
					      : 0.0));
	json_object_set_new(out, "reviewed", json_boolean(reviewed));
	json_object_set_new(out, "min_group_size", json_integer(min_group));
	json_object_set_new(out, "themes", list);
	json_object_set_new(out, "by_area", by_area);
	json_decref(counts);
	json_decref(areas);
	json_decref(qroot);
	json_decref(st2);
	json_decref(all);
	free(sc);
	free(ord);
	return out;
}

json_t *themeview_members(json_t *stored, json_t *decisions, json_t *moves)
{
	json_t *themes = json_object_get(stored, "themes"), *all, *st2, *out, *d, *m;
	size_t i;

	if (!json_is_array(themes) || !json_is_array(json_object_get(stored, "members")))
		return NULL;
	all = json_copy(themes);
	json_array_foreach(decisions, i, d)
	{
		const char *k = json_string_value(json_object_get(d, "key"));

		if (json_is_true(json_object_get(d, "created")) && themeview_key_valid(k) &&
		    theme_index(all, k) < 0)
			json_array_append_new(all, json_pack("{s:s}", "key", k));
	}
	st2 = json_pack("{s:O}", "themes", all);
	out = json_object();
	json_array_foreach(json_object_get(stored, "members"), i, m)
	{
		const char *id = json_string_value(json_object_get(m, "id"));
		const char *k = json_string_value(json_object_get(m, "theme"));
		const char *mv = moves && id ? json_string_value(json_object_get(moves, id)) : NULL;
		json_t *e;
		int moved = 0;

		if (id == NULL)
			continue;
		if (mv != NULL && theme_index(all, mv) >= 0) {
			k = mv;
			moved = 1;
		}
		e = json_object();
		if (k != NULL && theme_index(all, k) >= 0)
			json_object_set_new(e, "theme",
					    json_string(themeview_resolve(st2, decisions, k)));
		else if (!moved && json_is_true(json_object_get(m, "other")))
			json_object_set_new(e, "other", json_true());
		if (json_is_string(json_object_get(m, "area")))
			json_object_set(e, "area", json_object_get(m, "area"));
		if (json_is_string(json_object_get(m, "stance")))
			json_object_set(e, "stance", json_object_get(m, "stance"));
		json_object_set_new(out, id, e);
	}
	json_decref(st2);
	json_decref(all);
	return out;
}

const char *themeview_free_key(json_t *stored, json_t *decisions, char *buf, size_t n)
{
	long long next = key_after(json_integer_value(json_object_get(stored, "next_key")),
				   json_object_get(stored, "themes"), decisions);

	snprintf(buf, n, "k%lld", next);
	return buf;
}

/* ---- CSV ------------------------------------------------------------------- */

static void csv_row(struct buf *b, const char *survey, const char *breakdown, const char *group,
		    const char *qid, const char *item, const char *measure, const char *value)
{
	const char *cells[8] = {survey, breakdown, group, qid, "themes", item, measure, value};

	for (int i = 0; i < 8; i++) {
		if (i > 0)
			buf_putc(b, ',');
		csv_cell(b, cells[i] ? cells[i] : "");
	}
	buf_puts(b, "\r\n");
}

static const char *num(char *tmp, size_t n, json_t *v)
{
	if (json_is_integer(v))
		snprintf(tmp, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		snprintf(tmp, n, "%.10g", json_real_value(v));
	else if (json_is_true(v))
		return "true";
	else if (json_is_string(v))
		return json_string_value(v);
	else
		tmp[0] = '\0';
	return tmp;
}

void themeview_csv(struct buf *b, const char *sid, json_t *themes)
{
	size_t i, k, j;
	json_t *q, *t, *ar, *e;
	char tmp[64];

	json_array_foreach(themes, i, q)
	{
		const char *qid = json_string_value(json_object_get(q, "question"));

		csv_row(b, sid, "", "", qid, "", "status",
			json_string_value(json_object_get(q, "status")));
		if (json_object_get(q, "answers"))
			csv_row(b, sid, "", "", qid, "", "answers",
				num(tmp, sizeof(tmp), json_object_get(q, "answers")));
		if (json_object_get(q, "computed_at"))
			csv_row(b, sid, "", "", qid, "", "computed_at",
				json_string_value(json_object_get(q, "computed_at")));
		if (json_object_get(q, "unthemed"))
			csv_row(b, sid, "", "", qid, "", "unthemed",
				num(tmp, sizeof(tmp), json_object_get(q, "unthemed")));
		if (json_object_get(q, "other")) {
			json_t *o = json_object_get(q, "other");

			csv_row(b, sid, "", "", qid, "other", "count",
				num(tmp, sizeof(tmp), json_object_get(o, "count")));
			csv_row(b, sid, "", "", qid, "other", "share",
				num(tmp, sizeof(tmp), json_object_get(o, "share")));
			json_array_foreach(json_object_get(o, "quotes"), j, e)
			{
				char item[32];

				if (json_is_true(json_object_get(e, "hidden")))
					continue;
				snprintf(item, sizeof(item), "other/%zu", j + 1);
				csv_row(b, sid, "", "", qid, item, "quote",
					json_string_value(json_object_get(e, "text")));
			}
		}
		if (json_object_get(q, "awaiting_review")) {
			json_t *o = json_object_get(q, "awaiting_review");

			csv_row(b, sid, "", "", qid, "", "awaiting_review.themes",
				num(tmp, sizeof(tmp), json_object_get(o, "themes")));
			csv_row(b, sid, "", "", qid, "", "awaiting_review.count",
				num(tmp, sizeof(tmp), json_object_get(o, "count")));
			csv_row(b, sid, "", "", qid, "", "awaiting_review.share",
				num(tmp, sizeof(tmp), json_object_get(o, "share")));
			csv_row(b, sid, "", "", qid, "", "reviewed",
				json_is_true(json_object_get(q, "reviewed")) ? "true" : "false");
		}
		json_array_foreach(json_object_get(q, "themes"), k, t)
		{
			const char *id = json_string_value(json_object_get(t, "id"));
			json_t *p;
			struct buf phr;

			csv_row(
			    b, sid, "", "", qid, id, "label.en",
			    json_string_value(json_object_get(json_object_get(t, "label"), "en")));
			csv_row(
			    b, sid, "", "", qid, id, "label.cy",
			    json_string_value(json_object_get(json_object_get(t, "label"), "cy")));
			if (json_is_true(json_object_get(t, "label_cy_fallback")))
				csv_row(b, sid, "", "", qid, id, "label.cy_is_english", "true");
			if (json_is_object(json_object_get(t, "description"))) {
				json_t *d = json_object_get(t, "description");

				csv_row(b, sid, "", "", qid, id, "description.en",
					json_string_value(json_object_get(d, "en")));
				csv_row(b, sid, "", "", qid, id, "description.cy",
					json_string_value(json_object_get(d, "cy")));
			}
			csv_row(b, sid, "", "", qid, id, "count",
				num(tmp, sizeof(tmp), json_object_get(t, "count")));
			csv_row(b, sid, "", "", qid, id, "share",
				num(tmp, sizeof(tmp), json_object_get(t, "share")));
			for (int x = 0; x < THEMEVIEW_NSTANCES; x++) {
				json_t *v = json_object_get(json_object_get(t, "stance"), stances[x]);
				char measure[32];

				if (v == NULL)
					continue;
				snprintf(measure, sizeof(measure), "stance.%s", stances[x]);
				csv_row(b, sid, "", "", qid, id, measure, num(tmp, sizeof(tmp), v));
			}
			buf_init(&phr, 4096);
			json_array_foreach(json_object_get(t, "phrases"), j, p)
			    buf_printf(&phr, "%s%s", j ? "; " : "",
				       json_string_value(p) ? json_string_value(p) : "");
			csv_row(b, sid, "", "", qid, id, "phrases", buf_cstr(&phr));
			buf_release(&phr);
			json_array_foreach(json_object_get(t, "quotes"), j, p)
			{
				char item[64];

				if (json_is_true(json_object_get(p, "hidden")))
					continue;
				snprintf(item, sizeof(item), "%s/%zu", id, j + 1);
				csv_row(b, sid, "", "", qid, item, "quote",
					json_string_value(json_object_get(p, "text")));
			}
		}
		json_array_foreach(json_object_get(q, "by_area"), k, ar)
		{
			const char *area = json_string_value(json_object_get(ar, "area"));

			if (json_is_true(json_object_get(ar, "suppressed"))) {
				csv_row(b, sid, "area", area, qid, "", "suppressed", "true");
				continue;
			}
			csv_row(b, sid, "area", area, qid, "", "answers",
				num(tmp, sizeof(tmp), json_object_get(ar, "responses")));
			json_array_foreach(json_object_get(ar, "themes"), j, e)
			{
				const char *id = json_string_value(json_object_get(e, "id"));

				csv_row(b, sid, "area", area, qid, id, "count",
					num(tmp, sizeof(tmp), json_object_get(e, "count")));
				csv_row(b, sid, "area", area, qid, id, "share",
					num(tmp, sizeof(tmp), json_object_get(e, "share")));
			}
		}
	}
}
