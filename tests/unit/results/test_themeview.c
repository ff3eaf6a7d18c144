/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Unit tests of app/results/themeview: the stored form of a summary, stable
 * theme keys across recomputations (direct overlap, splits inside an
 * officer's merge group, fresh keys never reused), and the view with
 * renames, merges, hidden quotes, shares and area suppression.
 */
#include "config.h"

#include <math.h>
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
		json_t *dec =
		    json_pack("[{s:s, s:s, s:n}, {s:s, s:n, s:s}]", "key", "k1", "label_en",
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
	view = themeview_apply(fresh, dec, NULL, NULL, 0, 1);
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
	json_t *dec = json_pack("[{s:s, s:s, s:s, s:n, s:b}, {s:s, s:n, s:n, s:s}, {s:s, s:b}]",
				"key", "k2", "label_en", "Roads", "label_cy", "Ffyrdd",
				"merged_into", "approved", 1, "key", "k3", "label_en", "label_cy",
				"merged_into", "k2", "key", "k1", "approved", 1);
	json_t *hidden = json_pack("{s:s}", "6", "names a neighbour");
	json_t *view = themeview_apply(st, dec, NULL, hidden, 5, 0), *t, *e;
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
	       "label1", "no officer label and no Welsh one: the English automatic one");
	ok(json_is_true(json_object_get(theme_in_view(view, "k1"), "label_cy_fallback")),
	   "marked as English standing in");
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
	view = themeview_apply(st, dec, NULL, hidden, 5, 1);
	is_int(json_integer_value(json_object_get(
		   json_array_get(json_object_get(view, "by_area"), 0), "responses")),
	       5, "officers see north's 5 answers exactly");
	json_decref(view);

	/* Officers see every candidate, hidden ones marked, and what was merged. */
	view = themeview_apply(st, dec, NULL, hidden, 6, 1);
	t = theme_in_view(view, "k2");
	is_int(json_array_size(json_object_get(t, "quotes")), 2, "officers see hidden quotes too");
	ok(json_is_true(json_object_get(json_array_get(json_object_get(t, "quotes"), 0), "hidden")),
	   "marked hidden");
	is_str(json_string_value(
		   json_object_get(json_array_get(json_object_get(t, "quotes"), 0), "reason")),
	       "names a neighbour", "with the reason");
	ok(!json_is_true(
	       json_object_get(json_array_get(json_object_get(t, "quotes"), 0), "published")) &&
	       json_is_true(
		   json_object_get(json_array_get(json_object_get(t, "quotes"), 1), "published")),
	   "the hidden quote is not published, the next one is");
	is_str(json_string_value(
		   json_object_get(json_array_get(json_object_get(t, "merged_from"), 0), "id")),
	       "k3", "k3 is listed as merged in");
	is_str(json_string_value(json_object_get(
		   json_object_get(json_array_get(json_object_get(t, "merged_from"), 0), "label"),
		   "en")),
	       "label3", "with its name");
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
	view = themeview_apply(st, dec, NULL, NULL, 0, 0);
	ok(view != NULL, "the view of a cycle is built");
	json_decref(view);
	json_decref(dec);
	json_decref(hidden);
	json_decref(st);
}

/* The sum every reader checks: themes + other + unthemed (+ awaiting). */
static long long view_total(json_t *view)
{
	long long n =
	    json_integer_value(json_object_get(view, "unthemed")) +
	    json_integer_value(json_object_get(json_object_get(view, "other"), "count")) +
	    json_integer_value(json_object_get(json_object_get(view, "awaiting_review"), "count"));
	size_t i;
	json_t *t;

	json_array_foreach(json_object_get(view, "themes"), i, t) n +=
	    json_integer_value(json_object_get(t, "count"));
	return n;
}

static void test_review(void)
{
	/* k1 = 1..5, k2 = 6..8, k3 = 9, unthemed 10 (quotes: 1, 6, 9). */
	static const int m[][16] = {{1, 2, 3, 4, 5, 0}, {6, 7, 8, 0}, {9, 0}};
	json_t *st = stored_of(3, m, 10, "south");
	json_t *dec =
	    json_pack("[{s:s, s:b}, {s:s, s:b, s:b, s:s, s:n}]", "key", "k1", "approved", 1, "key",
		      "k7", "created", 1, "approved", 1, "label_en", "Trees", "label_cy");
	json_t *moves =
	    json_pack("{s:s, s:s, s:s, s:s}", "1", "k7", "2", "k7", "9", "k99", "10", "k2");
	json_t *view = themeview_apply(st, dec, moves, NULL, 0, 0), *t;

	is_int(json_array_size(json_object_get(view, "themes")), 2,
	       "readers see the approved themes only (k1 and the made k7)");
	ok(theme_in_view(view, "k2") == NULL && theme_in_view(view, "k3") == NULL,
	   "themes not approved are not shown");
	is_int(
	    json_integer_value(json_object_get(json_object_get(view, "awaiting_review"), "count")),
	    5, "their answers are counted as awaiting review (k2: 3 + the moved 10, k3: 1)");
	is_int(
	    json_integer_value(json_object_get(json_object_get(view, "awaiting_review"), "themes")),
	    2, "two themes await review");
	is_int(view_total(view), 10, "themes, other, unthemed and awaiting add up to the answers");
	t = theme_in_view(view, "k7");
	is_int(json_integer_value(json_object_get(t, "count")), 2,
	       "the made theme has the two moved answers");
	is_str(json_string_value(json_object_get(json_object_get(t, "label"), "en")), "Trees",
	       "with its officer's label");
	is_int(json_integer_value(json_object_get(theme_in_view(view, "k1"), "count")), 3,
	       "k1 lost the two moved answers");
	is_int(json_array_size(json_object_get(t, "quotes")), 1, "answer 1's quote moved with it");
	is_int(json_array_size(json_object_get(theme_in_view(view, "k1"), "quotes")), 0,
	       "and left k1");
	is_int(json_integer_value(json_object_get(view, "unthemed")), 0,
	       "a move to a missing key has no effect; answer 10 moved into k2");
	ok(json_is_true(json_object_get(view, "reviewed")), "the view says themes were reviewed");
	json_decref(view);

	/* officers see every theme, approved or not */
	view = themeview_apply(st, dec, moves, NULL, 0, 1);
	is_int(json_array_size(json_object_get(view, "themes")), 4, "officers see all four themes");
	ok(json_is_false(json_object_get(theme_in_view(view, "k2"), "approved")) &&
	       json_is_true(json_object_get(theme_in_view(view, "k7"), "created")),
	   "marked approved or not, and made by hand");
	is_int(view_total(view) - json_integer_value(json_object_get(
				      json_object_get(view, "awaiting_review"), "count")),
	       10, "officers' counts add up without the awaiting figure");
	json_decref(view);
	{
		/* where each answer is now, for the answers page's filters */
		json_t *mem = themeview_members(st, dec, moves);
		char key[32];

		is_str(json_string_value(json_object_get(json_object_get(mem, "1"), "theme")), "k7",
		       "members: a moved answer is in the theme it was moved to");
		is_str(json_string_value(json_object_get(json_object_get(mem, "9"), "theme")), "k3",
		       "a move to a missing key leaves it where the method put it");
		is_str(json_string_value(json_object_get(json_object_get(mem, "10"), "theme")),
		       "k2", "an unthemed answer moved into a theme is in it");
		is_str(themeview_free_key(st, dec, key, sizeof(key)), "k8",
		       "a made theme's key comes after every key known (k7 is taken)");
		json_decref(mem);
	}
	json_decref(dec);

	/* nothing approved: nothing shown, all awaiting */
	view = themeview_apply(st, NULL, NULL, NULL, 0, 0);
	is_int(json_array_size(json_object_get(view, "themes")), 0, "no approval, no theme shown");
	ok(json_is_false(json_object_get(view, "reviewed")), "and nothing said to be reviewed");
	is_int(view_total(view), 10, "yet the figures still add up");
	json_decref(view);
	json_decref(moves);
	json_decref(st);
}

/* The fields the method gives now: labels in both languages, descriptions,
 * stance per answer and per theme, and the Other group with its quotes. */
static void test_contract(void)
{
	json_t *sum = json_pack(
	    "{s:[{s:s, s:s, s:{s:s, s:s}, s:{s:s}, s:{s:f, s:f, s:f, s:f}, s:[s], s:[{s:s, s:s}]},"
	    " {s:s, s:s, s:{s:s}, s:s, s:[s], s:[]}],"
	    " s:[{s:s, s:[s], s:s}, {s:s, s:[s], s:s}, {s:s, s:[s]}, {s:s, s:[], s:b}],"
	    " s:I, s:[{s:s, s:s}]}",
	    "themes", "id", "a", "label", "bins", "labels", "en", "bins", "cy", "biniau",
	    "description", "en", "Bin collections", "stance", "praise", 0.0, "complaint", 1.0,
	    "suggestion", 0.0, "neutral", 0.0, "phrases", "bins", "quotes", "id", "1", "text",
	    "The bins", "id", "b", "label", "parks", "labels", "en", "parks", "description",
	    "Parks and green spaces", "phrases", "parks", "quotes", "assignments", "id", "1",
	    "themes", "a", "stance", "complaint", "id", "2", "themes", "a", "stance", "praise",
	    "id", "3", "themes", "b", "id", "4", "themes", "other", 1, "other", (json_int_t)1,
	    "other_quotes", "id", "4", "text", "Something else entirely");
	json_t *st = themeview_stored(sum, NULL, 4);
	json_t *dec = json_pack("[{s:s, s:b}, {s:s, s:b}]", "key", "k1", "approved", 1, "key", "k2",
				"approved", 1);
	json_t *view, *t;

	ok(st != NULL, "a summary with the new fields is stored");
	is_int(json_integer_value(json_object_get(st, "other")), 1, "one answer in Other");
	view = themeview_apply(st, dec, NULL, NULL, 0, 0);
	t = theme_in_view(view, "k1");
	is_str(json_string_value(json_object_get(json_object_get(t, "label"), "cy")), "biniau",
	       "the method's Welsh label");
	ok(json_is_false(json_object_get(t, "label_cy_fallback")), "not a fallback");
	is_str(json_string_value(json_object_get(json_object_get(t, "description"), "en")),
	       "Bin collections", "its description");
	ok(fabs(json_real_value(json_object_get(json_object_get(t, "stance"), "praise")) - 0.5) <
	       1e-9,
	   "stance split from its answers: half praise");
	t = theme_in_view(view, "k2");
	is_str(json_string_value(json_object_get(json_object_get(t, "description"), "cy")),
	       "Parks and green spaces", "a plain-string description stands in for Welsh");
	ok(json_is_true(json_object_get(t, "description_cy_fallback")), "marked so");
	is_int(json_integer_value(json_object_get(json_object_get(view, "other"), "count")), 1,
	       "the Other group counted");
	is_int(json_array_size(json_object_get(json_object_get(view, "other"), "quotes")), 1,
	       "with its quote");
	is_int(view_total(view), 4, "themes, other and unthemed add up");
	json_decref(view);
	json_decref(dec);
	json_decref(st);
	json_decref(sum);
}

static void test_cut(void)
{
	char text[1200];
	char *out;
	int cut;
	size_t chars = 0;

	out = themeview_quote_cut("short", &cut);
	ok(!cut && strcmp(out, "short") == 0, "a short quote is kept whole");
	free(out);
	text[0] = '\0';
	for (int i = 0; i < 80; i++)
		strncat(text, "café ", sizeof(text) - strlen(text) - 1); /* 400 characters */
	out = themeview_quote_cut(text, &cut);
	for (const char *p = out; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	ok(cut, "a long quote is cut");
	ok(chars <= THEMEVIEW_QUOTE_CHARS, "to at most 300 characters (%zu)", chars);
	ok(strlen(out) > 4 && strcmp(out + strlen(out) - 3, "\xE2\x80\xA6") == 0 &&
	       memcmp(out + strlen(out) - 7, "caf\xC3\xA9", 0) == 0 &&
	       strcmp(out + strlen(out) - 8, "caf\xC3\xA9\xE2\x80\xA6") == 0,
	   "at a word boundary, ending with an ellipsis");
	free(out);
}

/* The method's Welsh label that is only the English one stands in, marked. */
static void test_cy_is_english(void)
{
	json_t *sum =
	    json_pack("{s:[{s:s, s:s, s:{s:s, s:s, s:b}, s:[s], s:[]}],"
		      " s:[{s:s, s:[s]}], s:I}",
		      "themes", "id", "a", "label", "car parking", "labels", "en", "car parking",
		      "cy", "car parking", "cy_is_english", 1, "phrases", "car parking", "quotes",
		      "assignments", "id", "1", "themes", "a", "other", (json_int_t)0);
	json_t *st = themeview_stored(sum, NULL, 1);
	json_t *dec = json_pack("[{s:s, s:b}]", "key", "k1", "approved", 1);
	json_t *view = themeview_apply(st, dec, NULL, NULL, 0, 0);
	json_t *t = theme_in_view(view, "k1");

	ok(json_is_true(json_object_get(t, "label_cy_fallback")),
	   "a Welsh label marked cy_is_english is the English one standing in");
	json_decref(view);
	json_decref(st);
	json_decref(sum);
	/* The method's Welsh description ("descriptions") reaches Welsh pages. */
	sum = json_pack("{s:[{s:s, s:s, s:{s:s}, s:s, s:{s:s, s:s}, s:[s], s:[]}],"
			" s:[{s:s, s:[s]}], s:I}",
			"themes", "id", "a", "label", "street lights", "labels", "en",
			"street lights", "description", "Answers about street lights.",
			"descriptions", "en", "Answers about street lights.", "cy",
			"Y thema golau stryd.", "phrases", "street lights", "quotes", "assignments",
			"id", "1", "themes", "a", "other", (json_int_t)0);
	st = themeview_stored(sum, NULL, 1);
	view = themeview_apply(st, dec, NULL, NULL, 0, 0);
	t = theme_in_view(view, "k1");
	is_str(json_string_value(json_object_get(json_object_get(t, "description"), "cy")),
	       "Y thema golau stryd.", "the method's Welsh description is kept");
	json_decref(view);
	json_decref(dec);
	json_decref(st);
	json_decref(sum);
}

int main(void)
{
	test_keys();
	test_stored();
	test_identify();
	test_merge_group();
	test_view();
	test_review();
	test_contract();
	test_cy_is_english();
	test_cut();
	return tap_done();
}
