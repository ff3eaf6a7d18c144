/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themeview: stored theme summaries, stable keys and officers' moves (see
 * themeview.h); the view itself is themeview_view.c, the CSV rows
 * themeview_csv.c, and what they share themeview_int.h. Uses core/ and
 * results/sdc.h; no SQL.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results/sdc.h"
#include "results/themeview.h"
#include "results/themeview_int.h"

#define RESOLVE_DEPTH 32

double themeview_round_to(double v, double unit)
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

const char *themeview_str_or(const char *s)
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

int themeview_stance_index(const char *s)
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
	return themeview_stance_index(s) >= 0;
}

/* Copy a string or an {"en", "cy"} object (other members ignored) to
 * dst[name] as {"en", "cy"?}; nothing when there is no English. */
static void lang_pair_copy(json_t *dst, const char *name, json_t *v)
{
	const char *en =
	    json_is_string(v) ? json_string_value(v) : json_string_value(json_object_get(v, "en"));
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
	       strcmp(themeview_str_or(json_string_value(json_object_get(as, "theme"))), "other") ==
		   0;
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
		if (themeview_stance_index(json_string_value(json_object_get(as, "stance"))) >= 0)
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
long themeview_theme_index(json_t *themes, const char *k)
{
	size_t i;
	json_t *t;

	if (k == NULL)
		return -1;
	json_array_foreach(
	    themes, i, t) if (strcmp(themeview_str_or(json_string_value(json_object_get(t, "key"))),
				     k) == 0) return (long)i;
	return -1;
}

/* Over the answers present in both summaries, how many of each fresh
 * theme (sf), of each old theme (so) and of both (inter, nf x no). */
static void count_overlaps(json_t *fresh, json_t *old, size_t *inter, size_t *sf, size_t *so)
{
	json_t *ft = json_object_get(fresh, "themes"), *fm = json_object_get(fresh, "members");
	json_t *ot = json_object_get(old, "themes"), *om = json_object_get(old, "members");
	size_t no = json_array_size(ot), i;
	json_t *oldof = json_object(), *m;

	/* old answer id -> old theme index (only answers that had a theme) */
	json_array_foreach(om, i, m)
	{
		long oi = themeview_theme_index(ot, json_string_value(json_object_get(m, "theme")));
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
		fi = themeview_theme_index(ft, json_string_value(json_object_get(m, "theme")));
		oi = (long)json_integer_value(o);
		if (fi >= 0)
			sf[fi]++;
		if (oi >= 0)
			so[oi]++;
		if (fi >= 0 && oi >= 0)
			inter[(size_t)fi * no + (size_t)oi]++;
	}
	json_decref(oldof);
}

/* Each fresh theme to the old theme it overlaps most (Jaccard index at
 * least THEMEVIEW_MATCH), best pairs first, each old theme once: match[f]
 * the old index or -1, used[o] set. */
static void match_pairs(size_t nf, size_t no, const size_t *inter, const size_t *sf,
			const size_t *so, struct pair *pairs, long *match, unsigned char *used)
{
	size_t np = 0;

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
}

/* A new theme left over (a theme split, or its members moved) that lies
 * mostly inside one old theme takes a key of that theme's merge group that
 * is still free, so an officer's merge still holds. */
static void match_contained(json_t *old, json_t *decisions, size_t nf, size_t no,
			    const size_t *inter, const size_t *sf, long *match, unsigned char *used)
{
	json_t *ot = json_object_get(old, "themes");

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
		root = themeview_resolve(old, decisions,
					 themeview_str_or(json_string_value(
					     json_object_get(json_array_get(ot, best), "key"))));
		for (size_t o = 0; o < no; o++) {
			const char *ok = themeview_str_or(
			    json_string_value(json_object_get(json_array_get(ot, o), "key")));

			if (!used[o] && (o == best || strcmp(themeview_resolve(old, decisions, ok),
							     root) == 0)) {
				match[f] = (long)o;
				used[o] = 1;
				break;
			}
		}
	}
}

int themeview_identify(json_t *fresh, json_t *old, json_t *decisions)
{
	json_t *ft = json_object_get(fresh, "themes"), *fm = json_object_get(fresh, "members");
	json_t *ot = json_object_get(old, "themes");
	size_t nf = json_array_size(ft), no = json_array_size(ot), i;
	size_t *inter = NULL, *sf = NULL, *so = NULL;
	struct pair *pairs = NULL;
	long *match = NULL;
	unsigned char *used = NULL;
	long long next = 1;
	json_t *m, *t, *newkey = NULL;
	int rc = -1;

	if (!json_is_array(ft) || !json_is_array(fm))
		return -1;
	inter = calloc((nf ? nf : 1) * (no ? no : 1), sizeof(*inter));
	sf = calloc(nf ? nf : 1, sizeof(*sf));
	so = calloc(no ? no : 1, sizeof(*so));
	pairs = calloc((nf ? nf : 1) * (no ? no : 1), sizeof(*pairs));
	match = calloc(nf ? nf : 1, sizeof(*match));
	used = calloc(no ? no : 1, 1);
	newkey = json_object();
	if (inter == NULL || sf == NULL || so == NULL || pairs == NULL || match == NULL ||
	    used == NULL)
		goto done;
	count_overlaps(fresh, old, inter, sf, so);
	match_pairs(nf, no, inter, sf, so, pairs, match, used);
	match_contained(old, decisions, nf, no, inter, sf, match, used);
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
	json_decref(newkey);
	return rc;
}

/* ---- view ------------------------------------------------------------------- */

json_t *themeview_decision_of(json_t *decisions, const char *key)
{
	size_t i;
	json_t *d;

	json_array_foreach(
	    decisions, i,
	    d) if (strcmp(themeview_str_or(json_string_value(json_object_get(d, "key"))), key) ==
		   0) return d;
	return NULL;
}

const char *themeview_resolve(json_t *stored, json_t *decisions, const char *s)
{
	json_t *themes = json_object_get(stored, "themes");
	const char *cur = s;

	for (int depth = 0; depth < RESOLVE_DEPTH; depth++) {
		json_t *d = themeview_decision_of(decisions, cur);
		const char *to = json_string_value(json_object_get(d, "merged_into"));

		if (to == NULL || themeview_theme_index(themes, to) < 0 || strcmp(to, s) == 0)
			return cur;
		cur = to;
	}
	return s; /* a cycle longer than any real chain: ignore the merges */
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
		    themeview_theme_index(all, k) < 0)
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
		if (mv != NULL && themeview_theme_index(all, mv) >= 0) {
			k = mv;
			moved = 1;
		}
		e = json_object();
		if (k != NULL && themeview_theme_index(all, k) >= 0)
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
