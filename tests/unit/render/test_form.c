/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests of the number writers the forms use for money and percentages,
 * and of the budget simulator's words and figures (form_budget.c). */
#include "config.h"

#define YV_HTML_BRIDGE 1 /* pages written into plain buffers to check them */

#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "render/form.h"
#include "tap.h"

static const char *money(struct buf *b, long long pence)
{
	buf_reset(b);
	form_money(b, pence);
	return buf_cstr(b);
}

int main(void)
{
	char v[24];
	struct buf b;

	buf_init(&b, 256);
	form_hundredths(v, 0, 0);
	is_str(v, "0", "zero");
	form_hundredths(v, 0, 1);
	is_str(v, "+0", "zero with a sign");
	form_hundredths(v, -2500, 0);
	is_str(v, "-25", "whole negative percent");
	form_hundredths(v, 950, 1);
	is_str(v, "+9.5", "one decimal, trailing zero dropped");
	form_hundredths(v, -5, 0);
	is_str(v, "-0.05", "hundredths below one");
	form_hundredths(v, 1234, 0);
	is_str(v, "12.34", "two decimals");
	is_str(money(&b, 0), "£0", "no money");
	is_str(money(&b, 11860000000LL), "£118,600,000", "thousands separated");
	is_str(money(&b, -370000000LL), "-£3,700,000", "a saving is negative");
	is_str(money(&b, 149), "£1", "pence round to the nearest pound");
	is_str(money(&b, 99999), "£1,000", "rounding carries into a new group");
	{
		char m[FORM_MONEY_MAX];

		form_money_text(m, -999999999999999999LL);
		is_str(m, "-£10,000,000,000,000,000", "the largest amounts fit FORM_MONEY_MAX");
	}
	{
		/* The render-level form values: what was typed is put back, escaped. */
		static const struct form_value pairs[] = {{"name", "<b>Ann</b>"}, {"other", "x"}};
		const struct form_values fv = {pairs, 2};
		struct survey_question q = {0};
		struct arena ar, *a = &ar;

		arena_init(a, 1 << 16);
		q.id = "name";
		q.type = SQ_SHORT_TEXT;
		q.required = 1;
		buf_reset(&b);
		form_question(html_over(&b), a, &q, LANG_EN, &fv, NULL);
		ok(strstr(buf_cstr(&b), "value=\"&lt;b&gt;Ann&lt;/b&gt;\"") != NULL,
		   "a submitted value comes back escaped in its input");
		ok(strstr(buf_cstr(&b), "<b>") == NULL, "no markup from the value");
		buf_reset(&b);
		form_question(&b, a, &q, LANG_EN, (const struct form_values *)NULL, "Answer this");
		ok(strstr(buf_cstr(&b), "value=\"\"") != NULL, "no values: an empty input");
		ok(strstr(buf_cstr(&b), "error-message") != NULL, "the error is shown");
		arena_release(a);
	}
	{
		/* The budget simulator's words for each state of the balance, and
		 * the Band D cost: one service of £10,000 (-10%..+10% in 5% steps),
		 * council tax 0..2% in 1% steps of £500, Band D £1,500. */
		static const struct form_value cut[] = {{"b.x", "-10"}};
		static const struct form_value none[] = {{"b.x", "0"}};
		static const struct form_value rise[] = {{"b.x", "10"}};
		static const struct form_value both[] = {{"b.x", "-10"}, {"b.council-tax", "2"}};
		static const struct form_value spare[] = {{"b.x", "-5"}};
		static const struct form_value odd[] = {{"b.x", "-7"}, {"b.council-tax", "9"}};
		struct survey_budget_line line = {0};
		struct survey_budget bg = {0};
		struct survey_question q = {0};
		struct arena ar, *a = &ar;
		struct buf bb;
		struct {
			const struct form_value *v;
			size_t n;
			enum survey_target_kind kind;
			const char *want;
		} cases[] = {
		    {none, 1, ST_SAVINGS, "You have found £0: £1,000 still to find"},
		    {cut, 1, ST_SAVINGS, "You have found the £1,000 needed"},
		    {rise, 1, ST_SAVINGS,
		     "Your choices add £1,000 to spending: £2,000 still to find"},
		    {both, 2, ST_SAVINGS,
		     "You have found £2,000: £1,000 more than the £1,000 needed"},
		    {odd, 2, ST_SAVINGS, "You have found £0: £1,000 still to find"},
		    {spare, 1, ST_BALANCE,
		     "Your choices stay within the budget, with £500 to spare"},
		    {none, 1, ST_BALANCE, "Your choices balance the budget exactly"},
		    {rise, 1, ST_BALANCE, "Your choices overspend the budget by £1,000"},
		};

		arena_init(a, 1 << 20);
		buf_init(&bb, 1 << 20);
		line.id = "x";
		line.label.t[LANG_EN] = "Parks";
		line.spend_pence = 1000000;
		line.min_bp = -1000;
		line.max_bp = 1000;
		line.step_bp = 500;
		bg.lines = &line;
		bg.nlines = 1;
		bg.target_pence = 100000;
		bg.has_council_tax = 1;
		bg.ct_min_bp = 0;
		bg.ct_max_bp = 200;
		bg.ct_step_bp = 100;
		bg.ct_income_per_step_pence = 50000;
		bg.ct_band_d_pence = 150000;
		bg.ct_label.t[LANG_EN] = "Council tax";
		q.id = "b";
		q.type = SQ_BUDGET;
		q.required = 1;
		q.budget = &bg;
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			const struct form_values fv = {cases[i].v, cases[i].n};
			const char *want =
			    arena_printf(a, "aria-atomic=\"true\">%s</p>", cases[i].want);

			bg.target = cases[i].kind;
			bg.target_pence = cases[i].kind == ST_SAVINGS ? 100000 : 0;
			buf_reset(&bb);
			form_question(html_over(&bb), a, &q, LANG_EN, &fv, NULL);
			ok(strstr(buf_cstr(&bb), want) != NULL, "budget balance: %s",
			   cases[i].want);
		}
		/* 2% of £1,500 is £30.00 a year; £30 / 52 = £0.5769 -> £0.58 a week. */
		ok(strstr(buf_cstr(&bb),
			  "id=\"c-b.council-tax\" aria-live=\"polite\">No rise: a Band D "
			  "home pays the same as now.</p>") != NULL,
		   "no rise: no cost to a Band D home");
		{
			const struct form_values fv = {both, 2};

			buf_reset(&bb);
			form_question(html_over(&bb), a, &q, LANG_EN, &fv, NULL);
			ok(strstr(
			       buf_cstr(&bb),
			       "Raises £1,000 a year. A Band D home would pay £30.00 more a year "
			       "(£0.58 a week).</p>") != NULL,
			   "a 2%% rise: £30.00 a year, £0.58 a week for Band D");
			ok(strstr(buf_cstr(&bb), "value=\"-10\" selected") != NULL &&
			       strstr(buf_cstr(&bb), "value=\"2\" selected") != NULL,
			   "the choices are selected");
		}
		arena_release(a);
		buf_release(&bb);
	}
	{
		/* Messages name their question; summary links name an input id. */
		struct survey_choice ch[4] = {
		    {.value = "a"}, {.value = "b"}, {.value = "c"}, {.value = "d"}};
		struct survey_question q = {0};
		struct survey_answer_detail det = {0};
		struct arena ar, *a = &ar;
		const char *m;

		arena_init(a, 1 << 16);
		q.id = "top";
		q.type = SQ_RANKING;
		q.label.t[LANG_EN] = "Your priorities";
		q.choices = ch;
		q.nchoices = 4;
		q.rank_count = 2;
		m = form_error_message(a, &q, SA_REQUIRED, &det, LANG_EN);
		ok(m != NULL && strstr(m, "Your priorities") != NULL && strstr(m, "top 2") != NULL,
		   "ranking: the message names the question and how many to rank");
		det.index = 3;
		m = form_error_message(a, &q, SA_ABOVE_MAX, &det, LANG_EN);
		ok(m != NULL && strstr(m, "0 or less") == NULL && strstr(m, "1 to 2") != NULL,
		   "ranking: a place beyond rank says which numbers to use");
		is_str(form_error_target(a, &q, SA_ABOVE_MAX, &det), "f-top.d",
		       "ranking: the link goes to the option at fault");
		is_str(form_error_target(a, &q, SA_REQUIRED, NULL), "f-top.a",
		       "ranking: unanswered links to the first option");
		{
			struct buf big;

			buf_init(&big, 1 << 16);
			form_question(html_over(&big), a, &q, LANG_EN,
				      (const struct form_values *)NULL, NULL);
			ok(strstr(buf_cstr(&big), "<option value=\"2\">") != NULL &&
			       strstr(buf_cstr(&big), "<option value=\"3\">") == NULL,
			   "ranking: only the places 1..rank are offered");
			buf_release(&big);
		}
		q.type = SQ_DATE;
		is_str(form_error_target(a, &q, SA_BAD_DATE, NULL), "f-top.day",
		       "date: the link goes to the day");
		q.type = SQ_CHOICE;
		is_str(form_error_target(a, &q, SA_REQUIRED, NULL), "f-top-0",
		       "choice: the link goes to the first radio");
		is_str(form_error_target(a, &q, SA_OTHER_MISSING, NULL), "f-top.other",
		       "choice: a missing 'other' goes to its box");
		q.type = SQ_POSTCODE;
		is_str(form_error_target(a, &q, SA_BAD_POSTCODE, NULL), "f-top",
		       "postcode: its box");
		q.error.t[LANG_EN] = "Enter your postcode, like SY16 1AA";
		is_str(form_error_message(a, &q, SA_BAD_POSTCODE, &det, LANG_EN),
		       "Enter your postcode, like SY16 1AA", "the officer's <error> is used");
		q.type = SQ_SHORT_TEXT;
		det.limit = 5;
		m = form_error_message(a, &q, SA_TOO_LONG, &det, LANG_EN);
		ok(m != NULL && strstr(m, "5 characters") != NULL,
		   "a limit keeps the built message, which states it");
		arena_release(a);
	}
	buf_release(&b);
	return tap_done();
}
