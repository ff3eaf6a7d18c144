/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_answer: answer validation of every question type, the budget
 * arithmetic and the evaluation of show-if conditions, on the fixture
 * tests/fixtures/surveys/all-types.xml.
 */
#include "config.h"

#define YV_HTML_BRIDGE 1 /* pages written into plain buffers to check them */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/uktime.h"
#include "survey/answer.h"
#include "survey/survey.h"
#include "tap.h"

static const struct survey *S;

#define V(...) ((const char *const[]){__VA_ARGS__})
#define NV(...) (sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

static const struct survey_question *Q(const char *id)
{
	const struct survey_question *q = survey_find_question(S, id);

	if (q == NULL) {
		printf("Bail out! no question %s\n", id);
		exit(1);
	}
	return q;
}

/* check(question, other, expected code, description, values...) */
#define CHECK(qid, other, want, what, ...)                                                         \
	do {                                                                                       \
		struct survey_answer_detail det_;                                                  \
		enum survey_answer_err e_ =                                                        \
		    survey_answer_check(Q(qid), V(__VA_ARGS__), NV(__VA_ARGS__), other, &det_);    \
		if (!ok(e_ == (want), "%s: %s", qid, what))                                        \
			printf("#   got %s, want %s\n", survey_answer_err_name(e_),                \
			       survey_answer_err_name(want));                                      \
	} while (0)

#define CHECK0(qid, want, what)                                                                    \
	is_int(survey_answer_check(Q(qid), NULL, 0, NULL, NULL), want, "%s: %s", qid, what)

/* Each type parsed into the model with its own parts. */
static void test_parsed(void)
{
	const struct survey_question *q;

	q = Q("colour");
	ok(q->type == SQ_CHOICE && q->required && q->nchoices == 3 && q->display == SD_RADIOS,
	   "choice parsed");
	ok(q->other == &q->choices[2] && q->choices[2].specify && q->other_max_length == 20,
	   "specify option parsed");
	q = Q("services");
	ok(q->type == SQ_MULTI && q->min_select == 1 && q->max_select == 2 && q->nchoices == 4,
	   "multi parsed");
	q = Q("rank");
	ok(q->type == SQ_RANKING && q->rank_count == 2 && q->nchoices == 3 && !q->required,
	   "ranking parsed");
	q = Q("rating");
	ok(q->type == SQ_SCALE && q->scale_min == 1 && q->scale_max == 5 && q->dont_know,
	   "scale parsed");
	is_str(survey_text_get(&q->scale_max_label, LANG_EN), "Good", "scale end label");
	q = Q("people");
	ok(q->type == SQ_NUMBER && q->has_min && q->has_max && q->num_min == 0 &&
	       q->num_max == 20 && q->num_step == 1,
	   "number parsed, step 1 by default");
	is_str(survey_text_get(&q->unit, LANG_CY), "people", "unit (Welsh falls back to English)");
	q = Q("weight");
	ok(q->num_step == 0.5 && q->num_min == 0.5, "decimal step");
	q = Q("visit");
	ok(q->type == SQ_DATE && q->date_min && strcmp(q->date_min, "2024-01-01") == 0 &&
	       q->date_max && strcmp(q->date_max, "2025-12-31") == 0,
	   "date parsed");
	q = Q("name");
	ok(q->type == SQ_SHORT_TEXT && q->max_length == 10, "short text parsed");
	q = Q("story");
	ok(q->type == SQ_LONG_TEXT && q->max_length == 20, "long text parsed");
	q = Q("email");
	ok(q->type == SQ_EMAIL && q->max_length == 254, "email parsed");
	q = Q("pc");
	ok(q->type == SQ_POSTCODE, "postcode parsed");
	q = Q("ref");
	ok(q->type == SQ_PATTERN && q->pattern_code != NULL &&
	       strcmp(q->pattern, "[A-Z]{2}[0-9]{3}") == 0 && q->max_length == 200,
	   "pattern parsed and compiled");
	is_str(survey_text_get(&q->pattern_message, LANG_EN),
	       "Enter two capital letters and three digits, like AB123", "pattern message");
	q = Q("balance");
	ok(q->type == SQ_BUDGET && q->budget->target == ST_BALANCE &&
	       q->budget->target_pence == 0 && !q->budget->has_council_tax,
	   "balance budget parsed");
	q = Q("why-blue");
	ok(q->cond != NULL && q->page_index == 1, "question condition parsed");
}

static void test_choice(void)
{
	CHECK0("colour", SA_REQUIRED, "required and not answered");
	CHECK("colour", NULL, SA_REQUIRED, "empty string is not an answer", "");
	CHECK("colour", NULL, SA_OK, "an option", "red");
	CHECK("colour", NULL, SA_NOT_A_CHOICE, "not an option", "green");
	CHECK("colour", NULL, SA_NOT_A_CHOICE, "case matters", "Red");
	CHECK("colour", NULL, SA_TOO_MANY_VALUES, "two values for a single choice", "red", "blue");
	CHECK("colour", NULL, SA_OTHER_MISSING, "specify chosen, no text", "other");
	CHECK("colour", "  ", SA_OTHER_MISSING, "specify chosen, blank text", "other");
	CHECK("colour", "teal", SA_OK, "specify with text", "other");
	CHECK("colour", "a very long colour name indeed", SA_OTHER_TOO_LONG,
	      "specify text too long", "other");
	CHECK("colour", "ignored when not chosen", SA_OK,
	      "text without the specify option is ignored", "blue");
	CHECK("colour", NULL, SA_BAD_UTF8, "invalid UTF-8", "\xff");
}

static void test_multi(void)
{
	CHECK0("services", SA_REQUIRED, "required");
	CHECK("services", NULL, SA_OK, "one", "a");
	CHECK("services", NULL, SA_OK, "two", "a", "c");
	CHECK("services", NULL, SA_TOO_MANY, "three is over max 2", "a", "b", "c");
	CHECK("services", NULL, SA_DUPLICATE_CHOICE, "the same twice", "a", "a");
	CHECK("services", NULL, SA_NOT_A_CHOICE, "unknown value", "a", "e");
	{
		struct survey_answer_detail det;

		survey_answer_check(Q("services"), V("a", "b", "c"), 3, NULL, &det);
		is_int(det.limit, 2, "services: the limit is given");
		survey_answer_check(Q("services"), V("a", "zz"), 2, NULL, &det);
		is_int(det.index, 1, "services: the bad value's index is given");
	}
}

static void test_ranking(void)
{
	CHECK0("rank", SA_OK, "optional and not answered");
	CHECK("rank", NULL, SA_OK, "all blank is not answered", "", "", "");
	CHECK("rank", NULL, SA_OK, "top two ranked", "2", "", "1");
	CHECK("rank", NULL, SA_RANKING_INCOMPLETE, "only one ranked", "1", "", "");
	CHECK("rank", NULL, SA_RANKING_DUPLICATE, "two firsts", "1", "1", "");
	CHECK("rank", NULL, SA_ABOVE_MAX, "rank 3 when two are ranked", "1", "2", "3");
	CHECK("rank", NULL, SA_BELOW_MIN, "rank 0", "0", "1", "");
	CHECK("rank", NULL, SA_NOT_A_NUMBER, "not a number", "first", "2", "");
	CHECK("rank", NULL, SA_TOO_MANY_VALUES, "values must match the options", "1", "2");
}

static void test_scale_number(void)
{
	CHECK0("rating", SA_OK, "optional");
	CHECK("rating", NULL, SA_OK, "3", "3");
	CHECK("rating", NULL, SA_OK, "don't know", "dont-know");
	CHECK("rating", NULL, SA_ABOVE_MAX, "6", "6");
	CHECK("rating", NULL, SA_BELOW_MIN, "0", "0");
	CHECK("rating", NULL, SA_NOT_A_NUMBER, "2.5", "2.5");
	CHECK("rating", NULL, SA_NOT_A_NUMBER, "words", "good");

	CHECK("people", NULL, SA_OK, "whole number", "4");
	CHECK("people", NULL, SA_OK, "with spaces", " 4 ");
	CHECK("people", NULL, SA_OK, "zero", "0");
	CHECK("people", NULL, SA_BAD_STEP, "not whole (step 1 by default)", "2.5");
	CHECK("people", NULL, SA_ABOVE_MAX, "above max", "21");
	CHECK("people", NULL, SA_BELOW_MIN, "below min", "-1");
	CHECK("people", NULL, SA_NOT_A_NUMBER, "letters", "four");
	CHECK("people", NULL, SA_NOT_A_NUMBER, "exponent", "1e1");
	CHECK("people", NULL, SA_NOT_A_NUMBER, "two points", "1.2.3");
	CHECK("weight", NULL, SA_OK, "half step", "2.5");
	CHECK("people", NULL, SA_ABOVE_MAX, "a thousands comma is read as a number", "1,000");
	CHECK("weight", NULL, SA_BAD_STEP, "off step", "2.3");
	CHECK("weight", NULL, SA_BELOW_MIN, "below 0.5", "0");
}

static void test_date(void)
{
	CHECK0("visit", SA_OK, "optional");
	CHECK("visit", NULL, SA_OK, "ISO date", "2025-02-28");
	CHECK("visit", NULL, SA_OK, "day, month, year", "28", "2", "2025");
	CHECK("visit", NULL, SA_OK, "all three blank is not answered", "", "", "");
	CHECK("visit", NULL, SA_BAD_DATE, "29 February 2025", "2025-02-29");
	CHECK("visit", NULL, SA_OK, "29 February 2024", "29", "2", "2024");
	CHECK("visit", NULL, SA_BAD_DATE, "month 13", "1", "13", "2025");
	CHECK("visit", NULL, SA_BAD_DATE, "day missing", "", "3", "2025");
	CHECK("visit", NULL, SA_BAD_DATE, "not a date", "yesterday");
	CHECK("visit", NULL, SA_DATE_TOO_EARLY, "before min", "2023-12-31");
	CHECK("visit", NULL, SA_DATE_TOO_LATE, "after max", "2026-01-01");
	CHECK("visit", NULL, SA_TOO_MANY_VALUES, "two values", "1", "2");
	{
		/* not-after / not-before="today" on a copy without min and max */
		struct survey_question q = *Q("visit");
		char today[32], future[32], past[32];
		struct tm tm;
		time_t now = time(NULL);

		q.date_min = q.date_max = NULL;
		uktime_local(now, &tm);
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
		uktime_local(now + 3 * 86400, &tm);
		strftime(future, sizeof(future), "%Y-%m-%d", &tm);
		uktime_local(now - 3 * 86400, &tm);
		strftime(past, sizeof(past), "%Y-%m-%d", &tm);
		q.date_not_after_today = 1;
		is_int(survey_answer_check(&q, V(today), 1, NULL, NULL), SA_OK,
		       "not-after=today: today is allowed");
		is_int(survey_answer_check(&q, V(past), 1, NULL, NULL), SA_OK,
		       "not-after=today: the past is allowed");
		is_int(survey_answer_check(&q, V(future), 1, NULL, NULL), SA_DATE_IN_FUTURE,
		       "not-after=today: three days ahead is refused");
		q.date_not_after_today = 0;
		q.date_not_before_today = 1;
		is_int(survey_answer_check(&q, V(today), 1, NULL, NULL), SA_OK,
		       "not-before=today: today is allowed");
		is_int(survey_answer_check(&q, V(past), 1, NULL, NULL), SA_DATE_IN_PAST,
		       "not-before=today: three days ago is refused");
		is_str(survey_answer_err_name(SA_DATE_IN_FUTURE), "date-in-future", "its name");
	}
}

static void test_texts(void)
{
	CHECK0("name", SA_OK, "optional");
	CHECK("name", NULL, SA_OK, "ten characters", "abcdefghij");
	CHECK("name", NULL, SA_OK, "ten characters, some not ASCII", "Siân Ŵyn ŷ");
	CHECK("name", NULL, SA_TOO_LONG, "eleven", "abcdefghijk");
	CHECK("name", NULL, SA_BAD_UTF8, "a newline in a short text", "a\nb");
	CHECK("story", NULL, SA_OK, "newlines allowed in a long text", "line one\nline two");
	CHECK("story", NULL, SA_TOO_LONG, "over 20", "this story is far too long");
	CHECK("story", NULL, SA_BAD_UTF8, "truncated UTF-8", "caf\xc3");
	CHECK("story", NULL, SA_BAD_UTF8, "overlong encoding", "\xc0\xaf");
	CHECK("email", NULL, SA_OK, "an address", "sian@example.com");
	CHECK("email", NULL, SA_BAD_EMAIL, "no @", "sian.example.com");
	CHECK("email", NULL, SA_BAD_EMAIL, "no dot in the domain", "sian@localhost");
	CHECK("email", NULL, SA_BAD_EMAIL, "two @", "a@b@example.com");
	CHECK("email", NULL, SA_BAD_EMAIL, "space inside", "si an@example.com");
	CHECK("pc", NULL, SA_OK, "postcode", "sy16 1aa");
	CHECK("pc", NULL, SA_OK, "postcode with spaces around", "   SY16 1AA   ");
	CHECK("email", NULL, SA_OK, "email with spaces around", "  sian@example.com ");
	CHECK("pc", NULL, SA_BAD_POSTCODE, "a long string", "SY16 1AA SY16 1AA SY16 1AA");
	CHECK("pc", NULL, SA_BAD_POSTCODE, "not a postcode", "SY16");
	CHECK("ref", NULL, SA_OK, "matches", "AB123");
	CHECK("ref", NULL, SA_NO_MATCH, "whole answer must match", "AB1234");
	CHECK("ref", NULL, SA_NO_MATCH, "prefix junk", "xAB123");
	CHECK("ref", NULL, SA_NO_MATCH, "lower case", "ab123");
}

static void test_budget(void)
{
	struct survey_answer_detail det;
	const struct survey_question *q = Q("budget");
	const struct survey_budget *b = q->budget;
	enum survey_answer_err e;

	is_int(b->nlines, 2, "budget: two lines");
	is_int(b->lines[0].spend_pence, 1000000, "budget: spend in pence");
	is_int(b->lines[1].step_bp, 250, "budget: step 2.5%% in hundredths");
	is_int(b->lines[0].nlevels, 2, "budget: two level meanings");
	is_str(survey_text_get(&b->lines[0].levels[0].meaning, LANG_EN), "A closes on Mondays",
	       "budget: level text");
	ok(b->has_council_tax && b->ct_income_per_step_pence == 30000, "budget: council tax line");
	is_int(b->target_pence, 100000, "budget: target £1,000");
	is_int(survey_budget_max_savings(b), 340000, "budget: most savings £3,400");

	CHECK0("budget", SA_REQUIRED, "required");
	CHECK("budget", NULL, SA_REQUIRED, "all blank", "", "", "");
	CHECK("budget", NULL, SA_OK, "-10% on A meets £1,000", "-10", "0", "0");
	e = survey_answer_check(q, V("-5", "-2.5", "1"), 3, NULL, &det);
	is_int(e, SA_BUDGET_TARGET_MISSED, "budget: -5 %%, -2.5 %%, +1 %% tax misses");
	is_int(det.budget.change_pence, -62500, "budget: change -£625");
	is_int(det.budget.council_tax_pence, 30000, "budget: council tax £300");
	is_int(det.budget.savings_pence, 92500, "budget: savings £925");
	is_int(det.budget.shortfall_pence, 7500, "budget: shortfall £75");
	e = survey_answer_check(q, V("10", "-10", "3"), 3, NULL, &det);
	is_int(e, SA_BUDGET_TARGET_MISSED, "budget: growth on A misses");
	is_int(det.budget.shortfall_pence, 60000, "budget: shortfall £600");
	e = survey_answer_check(q, V("-20", "-10", "3"), 3, NULL, &det);
	is_int(e, SA_OK, "budget: everything cut meets the target");
	is_int(det.budget.savings_pence, 340000, "budget: savings £3,400");
	ok(det.budget.met && det.budget.shortfall_pence == 0, "budget: met, no shortfall");
	CHECK("budget", NULL, SA_BAD_STEP, "-7% is not a step of 5", "-7", "0", "0");
	CHECK("budget", NULL, SA_BELOW_MIN, "-25% below min", "-25", "0", "0");
	CHECK("budget", NULL, SA_ABOVE_MAX, "council tax 4% above max", "-10", "0", "4");
	CHECK("budget", NULL, SA_NOT_A_NUMBER, "words", "less", "0", "0");
	CHECK("budget", NULL, SA_NOT_A_NUMBER, "three decimals", "-2.125", "0", "0");
	CHECK("budget", NULL, SA_BUDGET_INCOMPLETE, "one line missing", "-10", "", "0");
	CHECK("budget", NULL, SA_TOO_MANY_VALUES, "wrong number of values", "-10", "0");
	survey_answer_check(q, V("-10", "-3", "0"), 3, NULL, &det);
	is_int(det.index, 1, "budget: the line at fault is given");

	CHECK0("balance", SA_OK, "optional");
	CHECK("balance", NULL, SA_OK, "no change stays within the total", "0", "0");
	CHECK("balance", NULL, SA_OK, "a rise paid for by a cut", "10", "-10");
	CHECK("balance", NULL, SA_BUDGET_TARGET_MISSED, "a rise alone overspends", "10", "0");

	{
		struct survey_budget_line l = {0};

		l.spend_pence = 33333;
		is_int(survey_budget_line_change(&l, -250), -833,
		       "line change rounds to the penny");
		l.spend_pence = 1;
		is_int(survey_budget_line_change(&l, 5000), 1, "half a penny rounds up");
		is_int(survey_budget_line_change(&l, -5000), -1,
		       "and away from zero when negative");
	}
}

static void test_conditions(void)
{
	const struct survey_page *money = survey_find_page(S, "money");
	const struct survey_question *why = Q("why-blue");
	struct survey_answer a[3];
	struct survey_answers as = {a, 0};

	ok(money && money->cond, "money page has a condition");
	is_int(survey_page_shown(money, &as), 0, "no answers: hidden");
	a[0] = (struct survey_answer){"colour", V("red"), 1};
	as.n = 1;
	is_int(survey_page_shown(money, &as), 1, "red: shown");
	a[0] = (struct survey_answer){"colour", V("blue"), 1};
	is_int(survey_page_shown(money, &as), 0, "blue: hidden");
	a[1] = (struct survey_answer){"rating", V("2"), 1};
	as.n = 2;
	is_int(survey_page_shown(money, &as), 1, "rating 2 compares as a number: shown");
	a[1] = (struct survey_answer){"rating", V("dont-know"), 1};
	is_int(survey_page_shown(money, &as), 0, "don't know is not a number: hidden");
	ok(survey_question_shown(S, Q("budget"), &as) == 0,
	   "a question on a hidden page is hidden");

	as.n = 1;
	is_int(survey_question_shown(S, why, &as), 0, "blue with no services: hidden");
	a[1] = (struct survey_answer){"services", V("a", "b"), 2};
	as.n = 2;
	is_int(survey_question_shown(S, why, &as), 1, "blue and two services: shown");
	a[1] = (struct survey_answer){"services", V("a", ""), 2};
	is_int(survey_question_shown(S, why, &as), 0, "empty values do not count");
	ok(survey_question_shown(S, Q("colour"), &as), "a question without a condition is shown");
	is_str(survey_cond_source(money->cond),
	       "answer('colour') = 'red' or number(answer('rating')) <= 2",
	       "condition source kept");
}

static void test_filter(void)
{
	struct survey_answer a[5];
	struct survey_answers as = {a, 5};
	unsigned char keep[5];

	a[0] = (struct survey_answer){"colour", V("blue"), 1};
	a[1] = (struct survey_answer){"services", V("a"), 1};
	a[2] = (struct survey_answer){"why-blue", V("because"), 1};
	a[3] = (struct survey_answer){"budget", V("-10", "0", "0"), 3};
	a[4] = (struct survey_answer){"nonsense", V("x"), 1};
	is_int(survey_answers_filter(S, &as, keep), 2, "filter: two answers count");
	ok(keep[0] && keep[1] && !keep[2] && !keep[3] && !keep[4],
	   "filter: hidden question, hidden page and unknown question dropped");
	a[1] = (struct survey_answer){"services", V("a", "b"), 2};
	is_int(survey_answers_filter(S, &as, keep), 3, "filter: with two services why-blue counts");
	ok(keep[2], "filter: why-blue kept");
	is_int(survey_next_page(S, 3, &as), 4, "next page: the money page is skipped for blue");
	is_int(survey_next_page(S, 1, &as), 1, "next page: an unconditional page is next");
	a[0] = (struct survey_answer){"colour", V("red"), 1};
	is_int(survey_next_page(S, 3, &as), 3, "next page: the money page is shown for red");
	is_int(survey_answers_filter(S, &as, keep), 3,
	       "filter: red, budget counts, why-blue does not");
	ok(keep[3] && !keep[2], "filter: budget kept");
}

static void test_helpers(void)
{
	int v;

	is_int(survey_parse_hundredths("-2.5", &v), 0, "parse -2.5");
	is_int(v, -250, "-2.5 is -250 hundredths");
	is_int(survey_parse_hundredths("4.99", &v), 0, "parse 4.99");
	is_int(v, 499, "4.99 is 499");
	is_int(survey_parse_hundredths("10.", &v), -1, "a trailing point is refused");
	is_int(survey_parse_hundredths("1.234", &v), -1, "three decimals refused");
	is_int(survey_parse_hundredths("1.230", &v), 0, "a zero third decimal is fine");
	is_int(survey_utf8_chars("Siân", 0), 4, "characters, not bytes");
	is_int(survey_utf8_chars("\xed\xa0\x80", 0), -1, "surrogates refused");
	ok(survey_email_ok("a.b+c@sub.example.org"), "plus and dots in an address");
	ok(!survey_email_ok("a..b@example.org"), "two dots");
	is_str(survey_answer_err_name(SA_BUDGET_TARGET_MISSED), "budget-target-missed",
	       "error names");
	is_str(survey_qtype_name(SQ_LONG_TEXT), "long-text", "type names");
}

int main(void)
{
	struct survey_diags d;
	struct survey *s = NULL;

	survey_schema_set(YV_SRCDIR "/surveys/schema/survey.rng");
	survey_diags_init(&d);
	if (survey_load_file(YV_SRCDIR "/tests/fixtures/surveys/all-types.xml", &s, &d) < 0) {
		survey_diags_print(&d, stdout);
		printf("Bail out! all-types.xml does not load\n");
		return 1;
	}
	survey_diags_release(&d);
	S = s;
	ok(s->access == SURVEY_INVITATION && s->once_per == SURVEY_ONCE_INVITATION,
	   "invitation only");
	ok(s->publication == SURVEY_PUBLISH_MANUAL && s->min_group_size == 5,
	   "publication and group size");
	ok(s->you_said_we_did.t[LANG_EN] != NULL, "you said, we did");
	ok(s->privacy_url == NULL && s->privacy.t[LANG_EN] != NULL, "privacy notice as text");
	is_str(survey_area_for_postcode(s, "SY17 5AB") ? survey_area_for_postcode(s, "SY17 5AB")->id
						       : "",
	       "north", "sector before district");
	is_str(survey_area_for_postcode(s, "SY17 6AB") ? survey_area_for_postcode(s, "SY17 6AB")->id
						       : "",
	       "south", "district when no sector matches");
	test_parsed();
	test_choice();
	test_multi();
	test_ranking();
	test_scale_number();
	test_date();
	test_texts();
	test_budget();
	test_conditions();
	test_filter();
	test_helpers();
	survey_free(s);
	return tap_done();
}
