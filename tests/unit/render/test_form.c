/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests of the number writers the forms use for money and percentages. */
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
