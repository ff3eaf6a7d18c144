/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Unit tests of app/results/themeview: the stored form of a summary, stable
 * theme keys across recomputations (direct overlap, splits inside an
 * officer's merge group, fresh keys never reused), and the view with
 * renames, merges, hidden quotes, shares and area suppression.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "results/sdc.h"
#include "results/themeview.h"
#include "tap.h"

/* A themes_summarise()-shaped summary: themes "t1".. with the given
 * members (answer ids as numbers, 0-terminated lists), one quote each. */
static json_t *summary(int nthemes, const int members[][16], int nanswers)
{
	json_t *s = json_object(), *themes = json_array(), *assign = json_array();

	for (int t = 0; t < nthemes; t++) {
		char id[8], label[16], q[16];

		snprintf(id, sizeof(id), "t%d", t + 1);
		snprintf(label, sizeof(label), "label%d", t + 1);
		snprintf(q, sizeof(q), "%d", members[t][0]);
		json_array_append_new(themes, json_pack("{s:s, s:s, s:[s], s:[{s:s, s:s}]}", "id",
							id, "label", label, "phrases", label,
							"quotes", "id", q, "text", "quote text"));
	}
	for (int a = 1; a <= nanswers; a++) {
		char id[8], tid[8];
		json_t *list = json_array();

		snprintf(id, sizeof(id), "%d", a);
		for (int t = 0; t < nthemes; t++)
			for (int k = 0; members[t][k]; k++)
				if (members[t][k] == a) {
					snprintf(tid, sizeof(tid), "t%d", t + 1);
					json_array_append_new(list, json_string(tid));
				}
		json_array_append_new(assign, json_pack("{s:s, s:o}", "id", id, "themes", list));
	}
	json_object_set_new(s, "themes", themes);
	json_object_set_new(s, "assignments", assign);
	return s;
}

static json_t *stored_of(int nthemes, const int members[][16], int nanswers,
			 const char *area_every_other)
{
	json_t *s = summary(nthemes, members, nanswers), *st;
	const char *areas[64];

	for (int i = 0; i < nanswers; i++)
		areas[i] = i % 2 == 0 ? "north" : area_every_other;
	st = themeview_stored(s, areas, (size_t)nanswers);
	json_decref(s);
	return st;
}

/* The key of the theme whose first quote is answer `first` (theme identity in the tests). */
static const char *key_with_quote(json_t *stored, const char *first)
{
	size_t i;
	json_t *t;

	json_array_foreach(json_object_get(stored, "themes"), i, t) if (
	    strcmp(json_string_value(
		       json_object_get(json_array_get(json_object_get(t, "quotes"), 0), "id")),
		   first) == 0) return json_string_value(json_object_get(t, "key"));
	return "";
}

static json_t *theme_in_view(json_t *view, const char *key)
{
	size_t i;
	json_t *t;

	json_array_foreach(json_object_get(view, "themes"), i,
			   t) if (strcmp(json_string_value(json_object_get(t, "id")), key) ==
				  0) return t;
	return NULL;
}

static void test_keys(void)
{
	ok(themeview_key_valid("k1"), "k1 is a key");
	ok(themeview_key_valid("k12345"), "k12345 is a key");
	ok(!themeview_key_valid("k0") && !themeview_key_valid("k01"), "no leading zero");
	ok(!themeview_key_valid("k") && !themeview_key_valid("t1") && !themeview_key_valid("k1x") &&
	       !themeview_key_valid(NULL) && !themeview_key_valid("k123456789012345"),
	   "other strings are not keys");
}

static void test_stored(void)
{
	static const int m[][16] = {{1, 2, 3, 0}, {4, 5, 0}};
	json_t *st = stored_of(2, m, 6, "south");

	ok(st != NULL, "a summary becomes its stored form");
	is_int(json_integer_value(json_object_get(st, "answers")), 6, "every answer is a member");
	is_int(json_integer_value(json_object_get(st, "unthemed")), 1, "answer 6 has no theme");
	is_int(json_integer_value(json_object_get(st, "next_key")), 3,
	       "keys k1, k2 given; next is 3");
	is_str(key_with_quote(st, "4"), "k2", "the second theme is k2");
	is_str(json_string_value(
		   json_object_get(json_array_get(json_object_get(st, "members"), 3), "theme")),
	       "k2", "answer 4's member entry names k2");
	is_str(json_string_value(
		   json_object_get(json_array_get(json_object_get(st, "members"), 1), "area")),
	       "south", "members keep their area");
	json_decref(st);
	{
		json_t *bad = json_pack("{s:[], s:[{s:s}]}", "themes", "assignments", "id", "1");

		ok(themeview_stored(bad, NULL, 5) == NULL,
		   "a summary whose assignments do not match n is refused");
		json_decref(bad);
	}
}

static void test_identify(void)
{
	/* Old: A = 1..6, B = 7..10, C = 11..12. New (answers 13, 14 added): the
	 * same themes in another order, C's answers gone into B, and a new
	 * theme D = 13, 14 and 5 (one of A's). */
	static const int old_m[][16] = {{1, 2, 3, 4, 5, 6, 0}, {7, 8, 9, 10, 0}, {11, 12, 0}};
	static const int new_m[][16] = {
	    {7, 8, 9, 10, 11, 12, 0}, {1, 2, 3, 4, 6, 0}, {13, 14, 5, 0}};
	json_t *old = stored_of(3, old_m, 12, "south"), *fresh = stored_of(3, new_m, 14, "south");

	ok(themeview_identify(fresh, old, NULL) == 0, "identify");
	is_str(key_with_quote(fresh, "1"), "k1", "theme A keeps k1 though it is now second");
	is_str(key_with_quote(fresh, "7"), "k2", "theme B keeps k2");
	is_str(key_with_quote(fresh, "13"), "k4", "a new theme gets a fresh key, never C's k3");
	is_int(json_integer_value(json_object_get(fresh, "next_key")), 5, "next_key moves on");
	is_str(json_string_value(
		   json_object_get(json_array_get(json_object_get(fresh, "members"), 0), "theme")),
	       "k1", "members follow their theme's new key");
	json_decref(fresh);

	/* Against no previous summary the keys stay as given. */
	fresh = stored_of(3, new_m, 14, "south");
	ok(themeview_identify(fresh, NULL, NULL) == 0 &&
	       strcmp(key_with_quote(fresh, "7"), "k1") == 0,
	   "without a previous summary keys are k1, k2...");
	json_decref(fresh);

	/* Rebuilt without its predecessor, a summary never hands out a key an
	 * officer's rename or merge names. */
	{
		json_t *dec = json_pack("[{s:s, s:s, s:n}, {s:s, s:n, s:s}]", "key", "k1", "label_en",
					"Roads", "merged_into", "key", "k5", "label_en", "merged_into", "k2");

		fresh = stored_of(3, new_m, 14, "south");
		ok(themeview_identify(fresh, NULL, dec) == 0 &&
		       strcmp(key_with_quote(fresh, "7"), "k6") == 0,
		   "without a previous summary, new keys start after those decisions name");
		json_decref(fresh);
		json_decref(dec);
	}
	json_decref(old);

	/* A low overlap is not the same theme. */
	{
		static const int o2[][16] = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0}};
		static const int n2[][16] = {{1, 2, 3, 11, 12, 13, 14, 15, 16, 17, 0},
					     {4, 5, 6, 7, 8, 9, 10, 0}};
		json_t *o = stored_of(1, o2, 10, "x"), *f = stored_of(2, n2, 17, "x");

		themeview_identify(f, o, NULL);
		is_str(key_with_quote(f, "4"), "k1",
		       "the theme with most of the old members keeps its key");
		is_str(key_with_quote(f, "1"), "k2",
		       "a theme sharing 3 of 10 old answers does not");
		json_decref(o);
		json_decref(f);
	}
}

static void test_merge_group(void)
{
	/* Old: k1 = 1..10 with k2 = 11, 12 merged into it by an officer. The
	 * method now makes 1..6 and 7..12: the second overlaps neither old
	 * theme enough (Jaccard 1/3 with each) but lies mostly inside k1, whose
	 * key is taken: it takes k2, free in k1's merge group, so it stays
	 * merged into k1. */
	static const int old_m[][16] = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0}, {11, 12, 0}};
	static const int new_m[][16] = {{1, 2, 3, 4, 5, 6, 0}, {7, 8, 9, 10, 11, 12, 0}};
	json_t *old = stored_of(2, old_m, 12, "x"), *fresh = stored_of(2, new_m, 12, "x");
	json_t *dec = json_pack("[{s:s, s:n, s:n, s:s}]", "key", "k2", "label_en", "label_cy",
				"merged_into", "k1");
	json_t *view;

	themeview_identify(fresh, old, dec);
	is_str(key_with_quote(fresh, "1"), "k1", "the larger part keeps k1");
	is_str(key_with_quote(fresh, "7"), "k2", "the other part takes the merged key k2");
	view = themeview_apply(fresh, dec, NULL, 0, 0);
	is_int(json_integer_value(json_object_get(theme_in_view(view, "k1"), "count")), 12,
	       "the merge still holds: k1 counts both parts");
	json_decref(view);
	json_decref(old);
	json_decref(fresh);
	json_decref(dec);
}

static void test_view(void)
{
	/* k1 = 1..5, k2 = 6..8, k3 = 9, unthemed 10; odd answers in "north",
	 * even in "south" (see stored_of: index 0 = answer 1 is north). */
	static const int m[][16] = {{1, 2, 3, 4, 5, 0}, {6, 7, 8, 0}, {9, 0}};
	json_t *st = stored_of(3, m, 10, "south");
	json_t *dec = json_pack("[{s:s, s:s, s:s, s:n}, {s:s, s:n, s:n, s:s}]", "key", "k2",
				"label_en", "Roads", "label_cy", "Ffyrdd", "merged_into", "key",
				"k3", "label_en", "label_cy", "merged_into", "k2");
	json_t *hidden = json_pack("{s:s}", "6", "names a neighbour");
	json_t *view = themeview_apply(st, dec, hidden, 5, 0), *t, *e;
	double sum = 0;
	size_t i;

	ok(view != NULL, "the view is built");
	is_int(json_array_size(json_object_get(view, "themes")), 2,
	       "k3 merged into k2: two themes");
	t = theme_in_view(view, "k2");
	is_int(json_integer_value(json_object_get(t, "count")), 4,
	       "k2 counts its 3 answers and k3's one");
	is_str(json_string_value(json_object_get(json_object_get(t, "label"), "en")), "Roads",
	       "the officer's English label");
	is_str(json_string_value(json_object_get(json_object_get(t, "label"), "cy")), "Ffyrdd",
	       "the officer's Welsh label");
	is_str(json_string_value(
		   json_object_get(json_object_get(theme_in_view(view, "k1"), "label"), "cy")),
	       "label1", "no officer label: the automatic one");
	is_int(json_array_size(json_object_get(t, "quotes")), 1,
	       "k2's own quote is hidden; k3's is shown");
	ok(json_object_get(json_array_get(json_object_get(t, "quotes"), 0), "id") == NULL,
	   "public quotes have no id");
	is_int(json_array_size(json_object_get(t, "phrases")), 2, "phrases of both merged themes");
	json_array_foreach(json_object_get(view, "themes"), i, e) sum +=
	    json_real_value(json_object_get(e, "share"));
	sum += (double)json_integer_value(json_object_get(view, "unthemed")) / 10.0;
	ok(sum > 0.9999 && sum < 1.0001, "shares and unthemed add up to 1 (%f)", sum);
	is_str(json_string_value(
		   json_object_get(json_array_get(json_object_get(view, "themes"), 0), "id")),
	       "k1", "largest theme first");
	{
		json_t *ba = json_object_get(view, "by_area"), *north = json_array_get(ba, 0);

		is_int(json_array_size(ba), 2, "two areas");
		is_str(json_string_value(json_object_get(north, "area")), "north",
		       "sorted by area");
		/* the public counts are perturbed (results/sdc.h); no key is
		 * set here, so every record key, and cell key, is 0 */
		is_int(json_integer_value(json_object_get(north, "responses")), sdc_perturb(5, 0),
		       "north has 5 answers, published perturbed");
		is_int(json_integer_value(json_object_get(
			   json_array_get(json_object_get(north, "themes"), 0), "count")),
		       sdc_perturb(3, 0), "k1 has answers 1, 3, 5 in north, published perturbed");
	}
	json_decref(view);
	view = themeview_apply(st, dec, hidden, 5, 1);
	is_int(json_integer_value(json_object_get(json_array_get(json_object_get(view, "by_area"), 0),
						  "responses")),
	       5, "officers see north's 5 answers exactly");
	json_decref(view);

	/* Officers see every candidate, hidden ones marked, and what was merged. */
	view = themeview_apply(st, dec, hidden, 6, 1);
	t = theme_in_view(view, "k2");
	is_int(json_array_size(json_object_get(t, "quotes")), 2, "officers see hidden quotes too");
	ok(json_is_true(json_object_get(json_array_get(json_object_get(t, "quotes"), 0), "hidden")),
	   "marked hidden");
	is_str(json_string_value(
		   json_object_get(json_array_get(json_object_get(t, "quotes"), 0), "reason")),
	       "names a neighbour", "with the reason");
	ok(!json_is_true(json_object_get(json_array_get(json_object_get(t, "quotes"), 0), "published")) &&
	       json_is_true(json_object_get(json_array_get(json_object_get(t, "quotes"), 1), "published")),
	   "the hidden quote is not published, the next one is");
	is_str(json_string_value(json_array_get(json_object_get(t, "merged_from"), 0)), "k3",
	       "k3 is listed as merged in");
	e = json_array_get(json_object_get(view, "by_area"), 0);
	ok(json_is_true(json_object_get(e, "suppressed")) && json_object_get(e, "themes") == NULL &&
	       json_object_get(e, "responses") == NULL,
	   "an area under min_group is suppressed, with no figures");
	json_decref(view);
	json_decref(dec);

	/* A cycle of merges (never accepted by the page, but stored data may
	 * be old) does not loop, and a merge into a missing key is ignored. */
	dec = json_pack("[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}]", "key", "k1", "merged_into", "k2",
			"key", "k2", "merged_into", "k1", "key", "k3", "merged_into", "k99");
	ok(themeview_resolve(st, dec, "k3")[1] == '3',
	   "a merge into a key not in the summary has no effect");
	ok(themeview_resolve(st, dec, "k1") != NULL, "a cycle ends");
	view = themeview_apply(st, dec, NULL, 0, 0);
	ok(view != NULL, "the view of a cycle is built");
	json_decref(view);
	json_decref(dec);
	json_decref(hidden);
	json_decref(st);
}

int main(void)
{
	test_keys();
	test_stored();
	test_identify();
	test_merge_group();
	test_view();
	return tap_done();
}
