/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Unit tests of app/results against figures computed by hand for
 * tests/fixtures/results/results-all.xml. The six responses of the main
 * data set and every expected figure are worked out in the comments.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "results/csv.h"
#include "results/feed.h"
#include "results/results.h"
#include "results/sdc.h"
#include "store/answers_read.h"
#include "tap.h"
#include "results/fixture.h" /* tests/unit/results */

static void feed_k(struct results *r, const struct fixture *f, unsigned rkey)
{
	struct results_row rows[16];
	char names[16][64];
	struct results_response resp;

	fixture_response(f, rkey, &resp, rows, names);
	results_add(r, &resp);
}

static void feed(struct results *r, const struct fixture *f)
{
	feed_k(r, f, 0);
}

/*
 * Follow a path like "questions/transport/options/car/count": an object
 * member by name; an array element by index, or the element whose id,
 * value or day equals the segment.
 */
static json_t *jp(json_t *j, const char *path)
{
	char seg[128];

	while (j != NULL && *path) {
		const char *sl = strchr(path, '/');
		size_t n = sl ? (size_t)(sl - path) : strlen(path);

		snprintf(seg, sizeof(seg), "%.*s", (int)n, path);
		path += n + (sl ? 1 : 0);
		if (json_is_object(j)) {
			j = json_object_get(j, seg);
		} else if (json_is_array(j)) {
			json_t *found = NULL, *e;
			size_t i;

			json_array_foreach(j, i, e)
			{
				const char *keys[] = {"id", "value", "day", "by"};

				for (size_t k = 0; k < 4 && found == NULL; k++) {
					json_t *v = json_object_get(e, keys[k]);

					if (json_is_string(v) &&
					    strcmp(json_string_value(v), seg) == 0)
						found = e;
				}
			}
			if (found == NULL && seg[0] >= '0' && seg[0] <= '9')
				found = json_array_get(j, strtoul(seg, NULL, 10));
			j = found;
		} else {
			return NULL;
		}
	}
	return j;
}

static long long ji(json_t *root, const char *path)
{
	json_t *j = jp(root, path);

	return json_is_integer(j) ? json_integer_value(j) : -999999;
}

static double jr(json_t *root, const char *path)
{
	json_t *j = jp(root, path);

	return json_is_number(j) ? json_number_value(j) : NAN;
}

static const char *js(json_t *root, const char *path)
{
	return json_string_value(jp(root, path));
}

#define is_num(root, path, want)                                                                   \
	tap_ok(fabs(jr(root, path) - (want)) < 1e-9, "%s = %g (got %g)", path, (double)(want),     \
	       jr(root, path))
#define is_cnt(root, path, want) is_int(ji(root, path), want, "%s = %lld", path, (long long)(want))
#define is_null(root, path) ok(json_is_null(jp(root, path)), "%s is null", path)

static struct results *run(const struct survey *s, const struct results_opts *o,
			   const struct fixture *set, size_t n)
{
	struct results *r = results_new(s, o);

	for (size_t i = 0; r != NULL && i < n; i++)
		feed(r, &set[i]);
	return r;
}

static void test_main(const struct survey *s)
{
	struct results_opts o = {0};
	struct results *r = run(s, &o, main_set, 6);
	json_t *j = results_json(r, 0);

	/* Headline counts. */
	is_cnt(j, "respondents/total", 6);
	is_cnt(j, "respondents/flagged", 0);
	is_cnt(j, "min_group_size", 3);
	is_cnt(j, "respondents/by_channel/web", 4);
	is_cnt(j, "respondents/by_channel/paper", 1);
	is_cnt(j, "respondents/by_channel/phone", 1);
	is_cnt(j, "respondents/by_language/en", 4);
	is_cnt(j, "respondents/by_language/cy", 2);
	is_cnt(j, "respondents/by_day/2025-02-01/count", 2);
	is_cnt(j, "respondents/by_day/2025-02-02/count", 1);
	is_cnt(j, "respondents/by_day/2025-02-03/count", 3);
	is_str(js(j, "respondents/by_day/0/day"), "2025-02-01", "days in order");

	/* Single choice: 4 answered (R5's unknown option is not an answer). */
	is_cnt(j, "questions/transport/answered", 4);
	is_cnt(j, "questions/transport/not_answered", 2);
	is_cnt(j, "questions/transport/options/car/count", 2);
	is_num(j, "questions/transport/options/car/pct_answered", 50.0);
	is_num(j, "questions/transport/options/car/pct_respondents", 33.3);
	is_num(j, "questions/transport/options/bus/pct_respondents", 16.7);
	is_cnt(j, "questions/transport/options/walk/count", 0);
	is_cnt(j, "questions/transport/options/other/count", 1);
	is_cnt(j, "questions/transport/other_texts_count", 1);
	ok(jp(j, "questions/transport/other_texts") == NULL,
	   "other texts are not listed by default");

	/* Multiple choice: percentages of answered can pass 100 in total. */
	is_cnt(j, "questions/services/answered", 2);
	is_num(j, "questions/services/options/parks/pct_answered", 100.0);
	is_num(j, "questions/services/options/parks/pct_respondents", 33.3);
	is_num(j, "questions/services/options/library/pct_answered", 50.0);

	/* Scale: 5, 4, 2, 3 and one don't know. */
	is_cnt(j, "questions/trust/answered", 5);
	is_cnt(j, "questions/trust/rated", 4);
	is_cnt(j, "questions/trust/dont_know", 1);
	is_cnt(j, "questions/trust/distribution/0/count", 0);
	is_cnt(j, "questions/trust/distribution/1/count", 1);
	is_num(j, "questions/trust/mean", 3.5);
	is_num(j, "questions/trust/median", 3.5);
	is_num(j, "questions/trust/agree_pct", 50.0);
	is_num(j, "questions/trust/neutral_pct", 25.0);
	is_num(j, "questions/trust/disagree_pct", 25.0);

	/* Ranking, 2 places: first 2 points, second 1.
	 * a = 2 + 1 + 2 = 5, b = 1 + 2 + 1 = 4, c = 1 + 2 = 3. */
	is_str(js(j, "questions/protect/method"), "borda", "ranking method stated");
	is_cnt(j, "questions/protect/answered", 4);
	is_str(js(j, "questions/protect/options/0/value"), "a", "a ranks first");
	is_cnt(j, "questions/protect/options/a/points", 5);
	is_cnt(j, "questions/protect/options/b/points", 4);
	is_cnt(j, "questions/protect/options/c/points", 3);
	is_cnt(j, "questions/protect/options/a/first", 2);
	is_num(j, "questions/protect/options/a/first_pct", 50.0);
	is_cnt(j, "questions/protect/options/b/ranked", 3);

	/* Number: 1 2 3 4 10. */
	is_cnt(j, "questions/people/count", 5);
	is_num(j, "questions/people/min", 1);
	is_num(j, "questions/people/q1", 2);
	is_num(j, "questions/people/median", 3);
	is_num(j, "questions/people/q3", 4);
	is_num(j, "questions/people/max", 10);
	is_num(j, "questions/people/mean", 4);

	/* Date: 10 Jan, 20 Jan, 1 Mar 2025; mean is 20 days after 10 Jan. */
	is_cnt(j, "questions/visit/count", 3);
	is_str(js(j, "questions/visit/min"), "2025-01-10", "date min");
	is_str(js(j, "questions/visit/q1"), "2025-01-10", "date q1 takes the earlier day");
	is_str(js(j, "questions/visit/median"), "2025-01-20", "date median");
	is_str(js(j, "questions/visit/max"), "2025-03-01", "date max");
	is_str(js(j, "questions/visit/mean"), "2025-01-30", "date mean");

	/* Text: only how many answered. */
	is_cnt(j, "questions/comment/answered", 1);

	/* Budget. x: -20 -10 -5 0 +5 (mean -6, median -5); y: -10 -5 0 0 +10 (mean -1, median 0).
	 */
	is_cnt(j, "questions/budget/answered", 5);
	is_str(js(j, "questions/budget/lines/0/id"), "y", "the most protected line first");
	is_str(js(j, "questions/budget/lines/1/id"), "x", "the most cut line last");
	is_num(j, "questions/budget/lines/x/mean_change_pct", -6);
	is_num(j, "questions/budget/lines/x/median_change_pct", -5);
	is_cnt(j, "questions/budget/lines/x/mean_change_pence", -60000);
	is_cnt(j, "questions/budget/lines/x/median_change_pence", -50000);
	is_num(j, "questions/budget/lines/x/cut_pct", 60.0);
	is_num(j, "questions/budget/lines/x/kept_pct", 20.0);
	is_num(j, "questions/budget/lines/x/increased_pct", 20.0);
	is_cnt(j, "questions/budget/lines/x/distribution/0/count", 1);
	is_num(j, "questions/budget/lines/x/distribution/0/change_pct", -20);
	is_num(j, "questions/budget/lines/y/mean_change_pct", -1);
	is_num(j, "questions/budget/lines/y/median_change_pct", 0);
	is_cnt(j, "questions/budget/lines/y/mean_change_pence", -5000);
	is_num(j, "questions/budget/lines/y/kept_pct", 40.0);
	is_num(j, "questions/budget/council_tax/mean_pct", 0.6);
	is_num(j, "questions/budget/council_tax/median_pct", 0);
	/* Residents' budget: x -5% (£500 saved), y 0, tax 0: £500 short of £1000. */
	is_cnt(j, "questions/budget/residents_budget/lines/x/change_pence", -50000);
	is_cnt(j, "questions/budget/residents_budget/lines/x/proposed_pence", 950000);
	is_cnt(j, "questions/budget/residents_budget/savings_pence", 50000);
	ok(json_is_false(jp(j, "questions/budget/residents_budget/meets_target")),
	   "residents' budget misses the target");
	is_cnt(j, "questions/budget/residents_budget/shortfall_pence", 50000);
	is_cnt(j, "questions/budget/met_target/count", 3);
	is_num(j, "questions/budget/met_target/pct", 60.0);
	is_cnt(j, "questions/budget/met_target/cuts_only", 2);
	is_cnt(j, "questions/budget/met_target/cuts_and_council_tax", 1);
	is_cnt(j, "questions/budget/met_target/council_tax_only", 0);

	/* Breakdown by age, minimum 3: young 3 (exactly at the threshold: shown),
	 * old 2 and not answered 1 (both suppressed). */
	ok(json_is_false(jp(j, "breakdowns/age/groups/young/suppressed")),
	   "a group at the threshold is shown");
	is_cnt(j, "breakdowns/age/groups/young/respondents", 3);
	is_cnt(j, "breakdowns/age/groups/young/questions/transport/options/car/count", 2);
	is_num(j, "breakdowns/age/groups/young/questions/trust/mean", 4);
	ok(json_is_true(jp(j, "breakdowns/age/groups/old/suppressed")),
	   "a group below the threshold is suppressed");
	is_null(j, "breakdowns/age/groups/old/respondents");
	ok(jp(j, "breakdowns/age/groups/old/questions") == NULL,
	   "a suppressed group has no figures");
	ok(json_is_true(jp(j, "breakdowns/age/groups/_none/suppressed")),
	   "the not-answered group is suppressed too");
	/* Area: north 2 and south 1 suppressed, no postcode 3 shown. */
	ok(json_is_true(jp(j, "breakdowns/area/groups/north/suppressed")), "north (2) suppressed");
	is_cnt(j, "breakdowns/area/groups/_none/respondents", 3);
	is_cnt(j, "breakdowns/area/groups/_outside/respondents", 0);
	/* In-area: yes 4, no 1, unknown 1. */
	is_cnt(j, "breakdowns/in-area/groups/yes/respondents", 4);
	ok(json_is_true(jp(j, "breakdowns/in-area/groups/no/suppressed")),
	   "in-area no (1) suppressed");
	is_str(js(j, "you_said_we_did/en"), "You asked for more buses; we added an evening route.",
	       "you said, we did");
	json_decref(j);
	results_free(r);
}

/* Minimum 2: only the not-answered group (1) is below it, so the next
 * smallest (old, 2) is suppressed as well, else 6 - 3 - 2 would reveal it. */
static void test_secondary(const struct survey *s)
{
	struct results_opts o = {.min_group = 2, .by = "age"};
	struct results *r = run(s, &o, main_set, 6);
	json_t *j = results_json(r, 0);

	is_cnt(j, "min_group_size", 2);
	is_int(json_array_size(jp(j, "breakdowns")), 1, "--by keeps one breakdown");
	ok(json_is_true(jp(j, "breakdowns/age/groups/_none/suppressed")),
	   "the group of 1 is suppressed");
	ok(json_is_true(jp(j, "breakdowns/age/groups/old/suppressed")),
	   "secondary suppression of the next smallest");
	ok(json_is_false(jp(j, "breakdowns/age/groups/young/suppressed")),
	   "the largest group stays");
	json_decref(j);
	results_free(r);
}

static void test_flagged(const struct survey *s)
{
	struct fixture set[7];
	struct fixture flagged = {"en", "web", "2025-02-04", 1, 1, {"transport=walk", NULL}};
	struct results_opts inc = {.with_text = 1}, exc = {.exclude_flagged = 1};
	struct results *r;
	json_t *j;

	memcpy(set, main_set, sizeof(main_set));
	set[6] = flagged;
	r = run(s, &inc, set, 7);
	j = results_json(r, 0);
	is_cnt(j, "respondents/total", 7);
	is_cnt(j, "respondents/flagged", 1);
	is_cnt(j, "questions/transport/options/walk/count", 1);
	ok(json_is_false(jp(j, "flagged_excluded")), "flagged included by default");
	is_str(js(j, "questions/transport/other_texts/0"), "bike",
	       "other texts listed when asked for");
	json_decref(j);
	results_free(r);
	r = run(s, &exc, set, 7);
	j = results_json(r, 0);
	is_cnt(j, "respondents/total", 6);
	is_cnt(j, "respondents/flagged", 1);
	is_cnt(j, "questions/transport/options/walk/count", 0);
	ok(json_is_true(jp(j, "flagged_excluded")), "flagged excluded on request");
	json_decref(j);
	results_free(r);
}

/* Ties: points a 2, b 2, c 2; first preferences a 1, b 1, c 0 -> a, b by survey order, then c.
 * Numbers 1 2 3 4: q1 1.75, median 2.5, q3 3.25. Budgets that all keep
 * everything: nobody meets the £1000 target. */
static void test_ties_and_nobody(const struct survey *s)
{
	static const struct fixture set[] = {
	    {"en",
	     "web",
	     "2025-02-01",
	     1,
	     0,
	     {"protect.a=1", "protect.c=2", "people=1", "budget.x=0", "budget.y=0",
	      "budget.council-tax=0", NULL}},
	    {"en",
	     "web",
	     "2025-02-01",
	     1,
	     0,
	     {"protect.b=1", "protect.c=2", "people=2", "budget.x=0", "budget.y=5",
	      "budget.council-tax=2", NULL}},
	    {"en", "web", "2025-02-01", 1, 0, {"people=3", NULL}},
	    {"en", "web", "2025-02-01", 1, 0, {"people=4", NULL}},
	};
	struct results_opts o = {0};
	struct results *r = run(s, &o, set, 4);
	json_t *j = results_json(r, 0);

	is_str(js(j, "questions/protect/options/0/value"), "a",
	       "tie on points: first preferences, then survey order (a)");
	is_str(js(j, "questions/protect/options/1/value"), "b", "then b");
	is_str(js(j, "questions/protect/options/2/value"), "c",
	       "c has as many points but no first preference");
	is_cnt(j, "questions/protect/options/c/points", 2);
	is_num(j, "questions/people/q1", 1.75);
	is_num(j, "questions/people/median", 2.5);
	is_num(j, "questions/people/q3", 3.25);
	is_num(j, "questions/people/mean", 2.5);
	is_cnt(j, "questions/budget/answered", 2);
	is_cnt(j, "questions/budget/met_target/count", 0);
	is_num(j, "questions/budget/met_target/pct", 0.0);
	is_num(j, "questions/budget/lines/y/median_change_pct", 2.5);
	is_num(j, "questions/budget/council_tax/median_pct", 1);
	/* Residents' budget: y +2.5% costs £125, tax 1% raises £100: saves -£25. */
	is_cnt(j, "questions/budget/residents_budget/lines/y/change_pence", 12500);
	is_cnt(j, "questions/budget/residents_budget/council_tax_income_pence", 10000);
	is_cnt(j, "questions/budget/residents_budget/savings_pence", -2500);
	is_cnt(j, "questions/budget/residents_budget/shortfall_pence", 102500);
	json_decref(j);
	results_free(r);
}

static void test_empty(const struct survey *s)
{
	struct results_opts o = {0};
	struct results *r = run(s, &o, NULL, 0);
	json_t *j = results_json(r, 0);

	is_cnt(j, "respondents/total", 0);
	is_cnt(j, "questions/transport/answered", 0);
	is_null(j, "questions/transport/options/car/pct_answered");
	is_null(j, "questions/trust/mean");
	is_null(j, "questions/people/median");
	is_null(j, "questions/visit/min");
	is_null(j, "questions/budget/residents_budget");
	is_null(j, "questions/budget/lines/x/mean_change_pct");
	is_cnt(j, "breakdowns/age/groups/young/respondents", 0);
	ok(json_is_false(jp(j, "breakdowns/age/groups/young/suppressed")),
	   "empty groups reveal nothing and are not suppressed");
	json_decref(j);
	results_free(r);
}

static void test_opts_and_public(struct survey *s)
{
	struct results_opts bad = {.by = "comment"}, none = {.by = "nothing"},
			    area = {.by = "area"};
	struct results *r;
	time_t saved_pub = s->publication;

	ok(results_new(s, &bad) == NULL, "--by a text question is refused");
	ok(results_new(s, &none) == NULL, "--by an unknown question is refused");
	r = results_new(s, &area);
	ok(r != NULL, "--by area is accepted with an area map");
	results_free(r);
	ok(results_public(s, s->opens_at), "live: public once open");
	ok(!results_public(s, s->opens_at - 1), "live: not before it opens");
	s->publication = SURVEY_PUBLISH_AFTER_CLOSE;
	ok(!results_public(s, s->closes_at), "after-close: not before the results date");
	ok(results_public(s, s->results_at), "after-close: public on the results date");
	s->publication = SURVEY_PUBLISH_MANUAL;
	ok(!results_public(s, s->results_at + 86400), "manual: never public by itself");
	s->publication = (enum survey_publication)saved_pub;
	ok(results_max_rows(s) >= 14, "max rows per response covers a full response");
}

/* Figures asked for half way (as a worker's cache does) must not change the
 * final ones: the same as feeding everything at once. */
static void test_incremental(const struct survey *s)
{
	struct results_opts o = {0};
	struct results *a = run(s, &o, main_set, 6), *b = run(s, &o, main_set, 3);
	json_t *ja, *jb, *mid;

	mid = results_json(b, 0);
	is_cnt(mid, "respondents/total", 3);
	json_decref(mid);
	for (size_t i = 3; i < 6; i++)
		feed(b, &main_set[i]);
	ja = results_json(a, 0);
	jb = results_json(b, 0);
	ok(json_equal(ja, jb), "figures after an interim look equal those computed at once");
	is_num(jb, "questions/people/median", 3);
	json_decref(ja);
	json_decref(jb);
	results_free(a);
	results_free(b);
}

/* Rows written by hand may give only some lines: the others count as no change. */
static void test_budget_partial(const struct survey *s)
{
	static const struct fixture set[] = {
	    {"en", "paper", "2025-02-01", -1, 0, {"budget.x=-20", NULL}},
	};
	struct results_opts o = {0};
	struct results *r = run(s, &o, set, 1);
	json_t *j = results_json(r, 0);

	is_cnt(j, "questions/budget/answered", 1);
	is_num(j, "questions/budget/lines/y/kept_pct", 100.0);
	is_cnt(j, "questions/budget/council_tax/distribution/0/count", 1);
	is_cnt(j, "questions/budget/met_target/cuts_only", 1);
	json_decref(j);
	results_free(r);
}

static const char *cell(struct buf *b, const char *s)
{
	buf_reset(b);
	csv_cell(b, s);
	return buf_cstr(b);
}

static void test_csv(const struct survey *s)
{
	struct buf b;
	struct results_opts o = {0};
	struct results *r = run(s, &o, main_set, 6);
	json_t *j = results_json(r, 0);

	buf_init(&b, 1 << 24);
	is_str(cell(&b, "plain"), "plain", "a plain cell is as it is");
	is_str(cell(&b, "=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"",
	       "= is neutralised and quotes doubled");
	is_str(cell(&b, "+1"), "\"'+1\"", "+ is neutralised");
	is_str(cell(&b, "-1+2"), "\"'-1+2\"", "- before a formula is neutralised");
	is_str(cell(&b, "@SUM(A1)"), "\"'@SUM(A1)\"", "@ is neutralised");
	is_str(cell(&b, "-12.5"), "-12.5", "a negative number stays a number");
	is_str(cell(&b, "a,b"), "\"a,b\"", "a comma is quoted");
	is_str(cell(&b, "Ysgolion ŵ"), "Ysgolion ŵ", "UTF-8 passes through");
	buf_reset(&b);
	csv_results(&b, j);
	ok(strncmp(buf_cstr(&b),
		   "survey_id,breakdown,group,question_id,question_type,item,measure,value\r\n",
		   72) == 0,
	   "CSV header");
	ok(strstr(buf_cstr(&b), "\r\nresults-all,,,transport,choice,car,options.count,2\r\n") !=
	       NULL,
	   "CSV: car chosen twice");
	ok(strstr(buf_cstr(&b),
		  "\r\nresults-all,,,budget,budget,x/-20,lines.distribution.count,1\r\n") != NULL,
	   "CSV: budget distribution row");
	ok(strstr(buf_cstr(&b), "\r\nresults-all,age,old,,,,suppressed,true\r\nresults-all,age,old,"
				",,,respondents,\r\nresults-all,age,_none") != NULL,
	   "CSV: a suppressed group has no figures");
	ok(strstr(buf_cstr(&b), "\r\nresults-all,age,young,trust,scale,,mean,4\r\n") != NULL,
	   "CSV: a group's figure");
	ok(strstr(buf_cstr(&b), "\r\nresults-all,,,,,cy,respondents.by_language,2\r\n") != NULL,
	   "CSV: by language");
	buf_release(&b);
	json_decref(j);
	results_free(r);
}

/*
 * The same survey with its date question marked personal="true": counted
 * as answered (3), but no figure of one person's date (no count, min,
 * median, max or mean), in the JSON or the CSV; the number question is
 * unchanged.
 */
static void test_personal(void)
{
	const char *path = YV_SRCDIR "/tests/fixtures/results/results-all.xml";
	const char *needle = "<date id=\"visit\"";
	FILE *f = fopen(path, "rb");
	char *src = NULL, *edited = NULL, *at;
	long n;
	struct survey *s = NULL;
	struct survey_diags d;
	struct results_opts o = {0};
	struct results *r;
	struct buf csv;
	json_t *j;

	survey_diags_init(&d);
	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		abort();
	src = calloc(1, (size_t)n + 1);
	edited = calloc(1, (size_t)n + 64);
	if (src == NULL || edited == NULL || fread(src, 1, (size_t)n, f) != (size_t)n)
		abort();
	fclose(f);
	at = strstr(src, needle);
	ok(at != NULL, "personal: the fixture has the date question");
	if (at == NULL)
		goto out;
	at += strlen(needle);
	snprintf(edited, (size_t)n + 64, "%.*s personal=\"true\"%s", (int)(at - src), src, at);
	if (survey_load_memory("results-all.xml", edited, strlen(edited), &s, &d) < 0) {
		survey_diags_print(&d, stdout);
		ok(0, "personal: the edited fixture loads");
		goto out;
	}
	r = run(s, &o, main_set, 6);
	j = results_json(r, 0);
	is_cnt(j, "questions/visit/answered", 3);
	is_cnt(j, "questions/visit/not_answered", 3);
	ok(jp(j, "questions/visit/count") == NULL && jp(j, "questions/visit/min") == NULL &&
	       jp(j, "questions/visit/median") == NULL && jp(j, "questions/visit/max") == NULL &&
	       jp(j, "questions/visit/mean") == NULL,
	   "personal: no figure of the personal date");
	is_num(j, "questions/people/median", 3);
	buf_init(&csv, 1 << 20);
	csv_results(&csv, j);
	ok(strstr(buf_cstr(&csv), "2025-01-10") == NULL &&
	       strstr(buf_cstr(&csv), "2025-03-01") == NULL,
	   "personal: the CSV holds no personal date");
	ok(strstr(buf_cstr(&csv), "\r\nresults-all,,,visit,date,,answered,3\r\n") != NULL,
	   "personal: but counts its answers");
	buf_release(&csv);
	json_decref(j);
	results_free(r);
	survey_free(s);
out:
	survey_diags_release(&d);
	free(src);
	free(edited);
}

/* A batch of responses and answers read with a LIMIT: which are whole. */
static void test_batch_complete(void)
{
	char *resp[] = {"10", "11", "12", "13"};
	char *ans[] = {"10", "10", "11", "12", "12", "12"};
	struct store_rows rs = {4, 1, resp, NULL}, as = {6, 1, ans, NULL};

	is_int(answers_batch_complete(&rs, &as, 7), 4,
	       "answers under the limit: every response is whole");
	is_int(answers_batch_complete(&rs, &as, 6), 2,
	       "answers at the limit: the responses before the last answer's are whole");
	as.nrows = 2;
	is_int(answers_batch_complete(&rs, &as, 2), 0,
	       "the first response may be cut: none is whole");
	as.nrows = 0;
	is_int(answers_batch_complete(&rs, &as, 6), 4,
	       "no answers at all: every response is whole");
}

/* The perturbation table and record keys (results/sdc.h, docs/privacy.md). */
static void test_sdc_table(void)
{
	int small = 0, far = 0, moved0 = 0, distinct = 0;
	unsigned char key[SDC_KEY_BYTES] = {1, 2, 3}, seen[256] = {0};
	unsigned k1;
	char id[32];

	for (unsigned k = 0; k < 256; k++) {
		moved0 |= sdc_perturb(0, k) != 0;
		for (long long c = 1; c <= 60; c++) {
			long long v = sdc_perturb(c, k);

			small |= v == 1 || v == 2;
			far |= c >= 3 && (v < c - SDC_MAX_CHANGE || v > c + SDC_MAX_CHANGE);
		}
	}
	ok(!moved0, "sdc: 0 stays 0");
	ok(!small, "sdc: no count is ever published as 1 or 2");
	ok(!far, "sdc: a count of 3 or more moves by at most %d", SDC_MAX_CHANGE);
	{
		long long sum = 0;

		for (unsigned k = 0; k < 256; k++)
			sum += sdc_perturb(20, k) - 20;
		ok(sum == 0,
		   "sdc: no bias over the cell keys for a count of 20 (sum of changes %lld)", sum);
		sum = 0;
		for (unsigned k = 0; k < 256; k++)
			sum += sdc_perturb(1, k);
		ok(sum > 240 && sum < 272, "sdc: a count of 1 is 1 on average (%lld / 256)", sum);
	}
	ok(sdc_perturb(7, 300) == sdc_perturb(7, 300 % 256), "sdc: cell keys are taken modulo 256");
	ok(sdc_record_key("42") == 0 && !sdc_has_key(), "sdc: no key, no record key");
	sdc_set_key(key);
	k1 = sdc_record_key("42");
	ok(k1 == sdc_record_key("42"), "sdc: a record key is fixed");
	for (int i = 0; i < 512; i++) {
		snprintf(id, sizeof(id), "%d", i);
		seen[sdc_record_key(id)] = 1;
	}
	for (int i = 0; i < 256; i++)
		distinct += seen[i];
	ok(distinct > 150, "sdc: record keys spread over 0..255 (%d values for 512 ids)", distinct);
	key[0] = 9;
	sdc_set_key(key);
	{
		int same = 0;

		for (int i = 0; i < 64; i++) {
			snprintf(id, sizeof(id), "%d", i);
			same += sdc_record_key(id) ==
				(sdc_set_key((unsigned char[SDC_KEY_BYTES]){1, 2, 3}),
				 k1 = sdc_record_key(id), sdc_set_key(key), k1);
		}
		ok(same < 8,
		   "sdc: another installation key gives other record keys (%d of 64 equal)", same);
	}
}

/* Published figures: perturbed counts with their cell keys, the true total. */
static void test_sdc_published(const struct survey *s)
{
	static const unsigned keys[] = {200, 17, 90, 255, 3, 128, 61, 44, 9};
	struct results_opts o = {.by = "age"};
	struct results_out out = {.perturb = 1, .breakdowns = 1};
	struct results *r = results_new(s, &o);
	json_t *j, *a, *b;

	for (size_t i = 0; i < 6; i++)
		feed_k(r, &main_set[i], keys[i]);
	j = results_json_out(r, 0, &out);
	is_cnt(j, "respondents/total", 6);
	/* car: R1 and R2 */
	is_cnt(j, "questions/transport/options/car/count", sdc_perturb(2, keys[0] + keys[1]));
	/* answered transport: R1..R4 */
	is_cnt(j, "questions/transport/answered",
	       sdc_perturb(4, keys[0] + keys[1] + keys[2] + keys[3]));
	{
		long long c = ji(j, "questions/transport/options/car/count"),
			  n = ji(j, "questions/transport/answered");

		is_num(j, "questions/transport/options/car/pct_answered",
		       round(1000.0 * c / n) / 10);
	}
	/* Welsh: R3, R4 */
	is_cnt(j, "respondents/by_language/cy", sdc_perturb(2, keys[2] + keys[3]));
	/* young: R1, R2, R5 */
	is_cnt(j, "breakdowns/age/groups/young/respondents",
	       sdc_perturb(3, keys[0] + keys[1] + keys[4]));
	ok(json_is_string(jp(j, "disclosure_control/method")),
	   "the method is named in the figures");
	a = results_json_out(r, 0, &out);
	ok(json_equal(a, j), "the same cells give the same figures twice");
	json_decref(a);
	json_decref(j);

	/* Snapshot A hides old (2) and not answered (1); three more old: old
	 * passes on its own, but stays hidden while not answered is small. */
	out.breakdowns = 1;
	a = results_json_out(r, 0, &out);
	for (size_t i = 6; i < 9; i++)
		feed_k(r, &main_set[2], keys[i]);
	out.prev = jp(a, "breakdowns");
	b = results_json_out(r, 0, &out);
	ok(json_is_true(jp(a, "breakdowns/age/groups/old/suppressed")),
	   "snapshot A hides the group of 2");
	ok(json_is_true(jp(b, "breakdowns/age/groups/old/suppressed")),
	   "snapshot B keeps it hidden though it has 5 now: the group of 1 is still hidden");
	ok(json_is_false(jp(b, "breakdowns/age/groups/young/suppressed")),
	   "and the group shown in A stays shown (the hidden pair does not move)");
	out.prev = NULL;
	json_decref(b);
	b = results_json_out(r, 0, &out);
	ok(json_is_false(jp(b, "breakdowns/age/groups/old/suppressed")) &&
	       json_is_true(jp(b, "breakdowns/age/groups/young/suppressed")),
	   "without the earlier snapshot the decision would move (the attack of issue 16)");
	json_decref(b);
	json_decref(a);
	results_free(r);

	/* Fewer respondents than the minimum group: no question figures. */
	o.min_group = 10;
	r = results_new(s, &o);
	for (size_t i = 0; i < 2; i++)
		feed_k(r, &main_set[i], keys[i]);
	j = results_json_out(r, 0, &out);
	is_cnt(j, "respondents/total", 2);
	ok(json_is_true(jp(j, "questions/transport/suppressed")) &&
	       jp(j, "questions/transport/options") == NULL,
	   "2 respondents of a minimum group of 10: the question's figures are not published");
	ok(ji(j, "respondents/by_channel/web") != 1 && ji(j, "respondents/by_channel/web") != 2,
	   "and the channel table shows no count of 1 or 2 (%lld)",
	   ji(j, "respondents/by_channel/web"));
	json_decref(j);
	j = results_json(r, 0);
	is_cnt(j, "questions/transport/options/car/count", 2);
	ok(jp(j, "disclosure_control") == NULL, "officers' figures stay exact");
	json_decref(j);
	results_free(r);
}

/*
 * Published averages come from the published (perturbed) bars, so they carry
 * the bars' noise; a number's quantiles and mean wait for the close in
 * published figures, since two live moments one response apart would give
 * that response (docs/privacy.md).
 */
static void test_sdc_averages(const struct survey *s)
{
	static const unsigned keys[] = {200, 17, 90, 255, 3, 128, 61, 44, 9};
	struct results_opts o = {.min_group = 1};
	struct results_out out = {.perturb = 1};
	struct results *r = results_new(s, &o);
	json_t *live, *closed, *d, *p;
	double sum = 0, n = 0;
	size_t i;

	for (i = 0; i < 6; i++)
		feed_k(r, &main_set[i], keys[i]);
	live = results_json_out(r, 0, &out);
	json_array_foreach(jp(live, "questions/trust/distribution"), i, p)
	{
		sum += (double)json_integer_value(json_object_get(p, "value")) *
		       (double)json_integer_value(json_object_get(p, "count"));
		n += (double)json_integer_value(json_object_get(p, "count"));
	}
	d = jp(live, "questions/trust/mean");
	ok(n == 0 ? json_is_null(d)
		  : fabs(json_number_value(d) - round(100 * sum / n) / 100) < 1e-9,
	   "a published scale mean is the mean of the published bars (%g of %g)", sum, n);
	ok(json_is_null(jp(live, "questions/people/median")) &&
	       json_is_null(jp(live, "questions/people/max")) &&
	       json_is_null(jp(live, "questions/people/mean")) &&
	       json_is_true(jp(live, "questions/people/withheld_until_close")),
	   "a live number question's median, highest and mean wait for the close");
	{
		/* No published count exceeds the respondents, published exactly:
		 * six answers online, cell keys chosen so that the web count is
		 * perturbed upwards by 2. */
		struct results *r2 = results_new(s, &o);
		json_t *pub, *ex;
		long long web;

		for (i = 0; i < 6; i++)
			feed_k(r2, &main_set[0], i == 0 ? 250 : 0);
		ex = results_json(r2, 0);
		web = ji(ex, "respondents/by_channel/web");
		pub = results_json_out(r2, 0, &out);
		ok(web == 6 && sdc_perturb(web, 250) == 8,
		   "the perturbation alone would publish 8 of 6");
		is_int(ji(pub, "respondents/by_channel/web"), 6,
		       "a published count never exceeds the respondents it is of");
		json_decref(pub);
		json_decref(ex);
		results_free(r2);
	}
	closed = results_json_out(r, (time_t)4102444800LL /* 2100-01-01, after the close */, &out);
	ok(json_is_number(jp(closed, "questions/people/median")) &&
	       jp(closed, "questions/people/withheld_until_close") == NULL,
	   "after the close they are published");
	json_decref(closed);
	closed = results_json(r, 0);
	ok(json_is_number(jp(closed, "questions/people/median")),
	   "officers see them while it is open");
	json_decref(closed);
	json_decref(live);
	results_free(r);
}

int main(void)
{
	struct survey *s = NULL;
	struct survey_diags d;

	survey_diags_init(&d);
	survey_schema_set(YV_SRCDIR "/surveys/schema/survey.rng");
	if (survey_load_file(YV_SRCDIR "/tests/fixtures/results/results-all.xml", &s, &d) < 0) {
		survey_diags_print(&d, stdout);
		printf("Bail out! cannot load the fixture\n");
		return 1;
	}
	test_main(s);
	test_secondary(s);
	test_flagged(s);
	test_ties_and_nobody(s);
	test_empty(s);
	test_opts_and_public(s);
	test_csv(s);
	test_incremental(s);
	test_budget_partial(s);
	test_personal();
	test_batch_complete();
	test_sdc_table();
	test_sdc_published(s);
	test_sdc_averages(s);
	survey_free(s);
	survey_diags_release(&d);
	return tap_done();
}
