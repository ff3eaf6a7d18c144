/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests of the paper form (render/paper.h): numbering, the answer
 * spaces of each question type, and routing written from show-if
 * conditions (simple ones as instructions, others as a plain sentence). */
#include "config.h"

#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "render/paper.h"
#include "tap.h"

static struct survey *load(const char *path)
{
	struct survey *s = NULL;
	struct survey_diags d;

	survey_diags_init(&d);
	if (survey_load_file(path, &s, &d) != 0)
		survey_diags_print(&d, stderr);
	survey_diags_release(&d);
	return s;
}

/* The paper form of the survey at path, in English, as a string in a. */
static const char *paper(struct arena *a, const char *path)
{
	struct survey *s = load(path);
	struct buf b;
	const char *out;

	if (s == NULL)
		return "";
	buf_init(&b, (size_t)4 << 20);
	if (paper_form(html_over(&b), a, s, LANG_EN) != 0 || b.overflow)
		out = "";
	else
		out = arena_strdup(a, buf_cstr(&b));
	buf_release(&b);
	survey_free(s);
	return out;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	return n;
}

int main(void)
{
	struct arena ar;
	const char *h;

	arena_init(&ar, (size_t)32 << 20);

	h = paper(&ar, YV_SRCDIR "/surveys/customer-care.xml");
	ok(strstr(h, "<link rel=\"stylesheet\" href=\"/static/css/paper.") == h,
	   "the form starts with its print stylesheet");
	ok(strstr(h, "<span class=\"paper-number\">1.</span>") != NULL, "questions are numbered");
	ok(strstr(h, "Answer the questions in this part only if you answered “A compliment” to "
		     "question 1.") != NULL,
	   "a part shown on one answer says so");
	ok(strstr(h, "If you answered “A complaint” to question 1, go to question 7.") != NULL,
	   "the question before skipped ones says where to go");
	ok(strstr(h, "If you answered “No” to question 10, go to question 15.") != NULL ||
	       strstr(h, "If you answered “No”, go to question") != NULL,
	   "a yes/no question sends a No past its follow-ups");
	ok(strstr(h, "Freepost BRO AFON CUSTOMER CARE") != NULL, "the return address is printed");
	ok(strstr(h, "You can send this form back at any time.") != NULL &&
	       strstr(h, "Please send this form back by") == NULL,
	   "a standing survey's form has no closing date, and says it may be sent at any time");

	h = paper(&ar, YV_SRCDIR "/tests/fixtures/surveys/all-types.xml");
	ok(strstr(h, "Whether this question is for you depends on your earlier answers") != NULL,
	   "a complex condition gets the plain sentence");
	ok(strstr(h, "Tick up to 2 boxes.") != NULL, "a multi with a maximum says how many");
	ok(strstr(h, "number up to 2.") != NULL, "a ranking says how many to number");
	ok(strstr(h, "Write a number from 0 to 20.") != NULL, "a number gives its range");
	ok(strstr(h,
		  "<span>Day <span class=\"paper-chars\" aria-hidden=\"true\"><span "
		  "class=\"paper-box\"></span><span class=\"paper-box\"></span></span></span>") !=
	       NULL,
	   "a date has two boxes for the day");
	ok(strstr(h, "Up to 20 characters.") != NULL, "a long text says its limit");
	ok(count(h, "class=\"paper-line\"") >= 4, "and has lines to write on");
	ok(strstr(h, "Don&#39;t know") != NULL, "a scale offers don't know");
	ok(strstr(h, "id=\"pq-invitation\"") != NULL, "an invitation survey asks for the code");
	ok(strstr(h, "to Bro Afon County Council.") != NULL || strstr(h, "Council") != NULL,
	   "without an address the organisation is named");

	h = paper(&ar, YV_SRCDIR "/surveys/budget-2026.xml");
	ok(strstr(h, "class=\"paper-budget\"") != NULL, "the budget is a table");
	ok(strstr(h, "Savings to find: £12,500,000") != NULL, "with its savings target");
	ok(strstr(h, "<span class=\"paper-step\">0</span>") != NULL &&
	       strstr(h, "<span class=\"paper-step\">-") != NULL,
	   "and the steps to circle");
	arena_release(&ar);
	return tap_done();
}
