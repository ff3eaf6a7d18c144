/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests of results/series: the figure of a tracked question in a
 * wave, the Wilson interval and the test of a change between two waves,
 * against figures computed by hand (and checked with a second tool). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "results/series.h"
#include "tap.h"

static int near(double a, double b)
{
	return fabs(a - b) < 1e-4;
}

int main(void)
{
	struct survey_choice opts[3] = {{.value = "a-lot", .positive = 1},
					{.value = "a-little", .positive = 1},
					{.value = "not-at-all"}};
	struct survey_question scale = {
	    .id = "trust", .type = SQ_SCALE, .scale_min = 1, .scale_max = 5};
	struct survey_question choice = {
	    .id = "informed", .type = SQ_CHOICE, .choices = opts, .nchoices = 3};
	struct survey_question plain = {
	    .id = "plain", .type = SQ_CHOICE, .choices = opts + 2, .nchoices = 1};
	struct survey_question number = {.id = "visits", .type = SQ_NUMBER};
	struct series_point pt;
	double lo, hi;
	json_t *j;

	series_wilson(40, 100, &lo, &hi);
	ok(near(lo, 0.30940) && near(hi, 0.49800),
	   "40 of 100: 95%% interval 30.9%%..49.8%% (%f..%f)", lo, hi);
	series_wilson(0, 10, &lo, &hi);
	ok(lo == 0 && near(hi, 0.27753), "0 of 10: the interval starts at 0 and reaches 27.8%%");
	series_wilson(10, 10, &lo, &hi);
	ok(near(lo, 0.72247) && hi <= 1, "10 of 10: 72.2%%..100%%");
	series_wilson(0, 0, &lo, &hi);
	ok(lo == 0 && hi == 0, "no answers: no interval");

	ok(near(series_z(40, 100, 55, 100), 2.12398), "40/100 then 55/100: z = 2.124 (p < 0.05)");
	ok(near(series_z(55, 100, 40, 100), -2.12398), "a fall has a negative z");
	ok(fabs(series_z(40, 100, 45, 100)) < 1.96, "40/100 then 45/100 is within chance");
	ok(series_z(0, 10, 0, 10) == 0 && series_z(1, 0, 1, 2) == 0, "undefined tests give 0");

	is_int(series_kind_of(&scale), SERIES_SHARE, "a scale is tracked as a share");
	is_int(series_kind_of(&choice), SERIES_SHARE, "a choice with positive options too");
	is_int(series_kind_of(&plain), SERIES_NONE, "a choice with none is not tracked");
	is_int(series_kind_of(&number), SERIES_MEAN, "a number by its mean");

	j = json_loads("{\"questions\":[{\"id\":\"trust\",\"type\":\"scale\",\"rated\":20,"
		       "\"distribution\":[{\"value\":1,\"count\":3},{\"value\":2,\"count\":4},"
		       "{\"value\":3,\"count\":5},{\"value\":4,\"count\":5},{\"value\":5,\"count\":"
		       "3}]},{\"id\":\"informed\",\"type\":\"choice\",\"answered\":30,\"options\":"
		       "[{\"value\":\"a-lot\",\"count\":6},{\"value\":\"a-little\",\"count\":9},"
		       "{\"value\":\"not-at-all\",\"count\":15}]},{\"id\":\"visits\",\"type\":"
		       "\"number\",\"count\":12,\"mean\":null,\"withheld_until_close\":true},"
		       "{\"id\":\"gone\",\"suppressed\":true}]}",
		       0, NULL);
	ok(j != NULL, "the fixture parses");
	pt = series_point_of(&scale, series_question_json(j, "trust"));
	ok(pt.kind == SERIES_SHARE && pt.k == 8 && pt.n == 20 && near(pt.value, 0.4),
	   "scale 1..5: 4s and 5s (8) of the 20 who rated, the midpoint 3 left out");
	pt = series_point_of(&choice, series_question_json(j, "informed"));
	ok(pt.kind == SERIES_SHARE && pt.k == 15 && pt.n == 30 && near(pt.value, 0.5),
	   "choice: the positive options (6 + 9) of the 30 who answered");
	series_wilson(15, 30, &lo, &hi);
	ok(near(pt.lo, lo) && near(pt.hi, hi), "with its Wilson interval");
	pt = series_point_of(&number, series_question_json(j, "visits"));
	is_int(pt.kind, SERIES_NONE, "a number whose mean is withheld until close has no figure");
	ok(series_question_json(j, "nothing") == NULL, "an unknown question is not found");
	pt = series_point_of(&scale, series_question_json(j, "gone"));
	is_int(pt.kind, SERIES_NONE, "a suppressed question has no figure");
	json_decref(j);

	j = json_loads("{\"id\":\"visits\",\"type\":\"number\",\"count\":12,\"mean\":3.25}", 0,
		       NULL);
	pt = series_point_of(&number, j);
	ok(pt.kind == SERIES_MEAN && near(pt.value, 3.25) && pt.n == 12,
	   "a published number: its mean of 12 answers");
	json_decref(j);
	ok(!pt.has_ci, "without a published spread, no interval");
	/* Student t quantiles from the tables (0.975): df 4, 5, 10, 30, 100 */
	ok(fabs(series_t975(4) - 2.776445) < 1e-5 && fabs(series_t975(5) - 2.570582) < 1e-5 &&
	       fabs(series_t975(8) - 2.306004) < 1e-4 && fabs(series_t975(9) - 2.262157) < 1e-4 &&
	       fabs(series_t975(10) - 2.228139) < 1e-4 && fabs(series_t975(30) - 2.042272) < 1e-4 &&
	       fabs(series_t975(100) - 1.983972) < 1e-4 && fabs(series_t975(2) - 4.302653) < 1e-6,
	   "t(0.975, df) agrees with the tables");
	ok(series_t975(4.5) < series_t975(4) && series_t975(4.5) > series_t975(5) &&
	       series_t975(7.5) < series_t975(7) && series_t975(7.5) > series_t975(8),
	   "a df between whole numbers falls between their quantiles");
	j = json_loads("{\"id\":\"visits\",\"type\":\"number\",\"count\":11,\"mean\":4,"
		       "\"sd\":2}",
		       0, NULL);
	pt = series_point_of(&number, j);
	/* by hand: 4 +/- 2.228139 * 2 / sqrt(11) = 4 +/- 1.343620 */
	ok(pt.has_ci && fabs(pt.lo - 2.656380) < 1e-4 && fabs(pt.hi - 5.343620) < 1e-4,
	   "a mean of 11 answers with sd 2: 95%% t interval 2.66 to 5.34, as by hand");
	json_decref(j);
	{
		double df, t = series_welch(3, 1, 10, 4, 2, 20, &df);

		/* by hand: se^2 = 0.1 + 0.2 = 0.3, t = 1 / sqrt(0.3) = 1.825742;
		 * df = 0.09 / (0.01 / 9 + 0.04 / 19) = 27.9818 */
		ok(fabs(t - 1.825742) < 1e-5 && fabs(df - 27.9818) < 1e-3,
		   "Welch's t and its degrees of freedom, as by hand");
	}
	j = json_loads(
	    "{\"id\":\"trust\",\"rated\":3,\"distribution\":[{\"value\":5,\"count\":5}]}", 0, NULL);
	pt = series_point_of(&scale, j);
	ok(pt.k == 3 && pt.n == 3, "a perturbed count above its total is capped at the total");
	json_decref(j);
	return tap_done();
}
