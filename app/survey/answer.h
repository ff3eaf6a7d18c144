/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * answer: what the service does with a resident's answers to a loaded
 * survey, with no HTTP or SQL inside. It says which pages and questions are
 * shown given the answers so far (show-if conditions: XPath 1.0 compiled at
 * load), validates the raw submitted strings of one question and returns an
 * error code (the web layer words the message in English or Welsh), and does
 * the budget arithmetic.
 *
 * How submitted values are passed to survey_answer_check(), per type (the
 * form field names are a suggestion for the web layer; the array is what
 * counts):
 *   choice                 n = 0 or 1: the option value (field <qid>)
 *   multi                  n >= 0: the chosen option values (repeated field <qid>)
 *   choice/multi + specify `other`: the text typed in the "please specify"
 *                          box (field <qid>.other), NULL or "" when none
 *   scale                  n = 0 or 1: "3", or "dont-know" when offered
 *   ranking                n = 0, or n = nchoices: values[i] is the rank
 *                          ("1" = first) given to choices[i], "" if unranked
 *                          (fields <qid>.<option value>)
 *   number                 n = 0 or 1: "12", "-3.5", "1,250" (commas ignored)
 *   date                   n = 1: "YYYY-MM-DD", or n = 3: day, month, year
 *                          (fields <qid>.day, <qid>.month, <qid>.year)
 *   short/long text, email, postcode, pattern: n = 0 or 1
 *   budget                 n = 0 (unanswered), or n = nlines (+1 when there
 *                          is a council-tax line): values[i] is the change in
 *                          percent chosen for lines[i] ("-10", "0", "2.5");
 *                          the last is the council-tax rise in percent
 *                          (fields <qid>.<service id>, <qid>.council-tax)
 * Empty strings (and strings of spaces) count as not given.
 */
#ifndef YV_SURVEY_ANSWER_H
#define YV_SURVEY_ANSWER_H

#include <stddef.h>

#include "survey/survey.h"

/* The answer to one question: its id and its values (see above). */
struct survey_answer {
	const char *qid;
	const char *const *values;
	size_t n;
};

/* The answers so far, in any order; a question absent or with n = 0 is
 * unanswered. */
struct survey_answers {
	const struct survey_answer *v;
	size_t n;
};

/*
 * Conditions. show-if is an XPath 1.0 expression over the answers, where
 * answer('qid') is the node-set of the values given to question qid (empty
 * when unanswered). Examples:
 *   answer('uses-library') = 'yes'
 *   answer('services-used') = 'parks'            (one of several chosen)
 *   not(answer('uses-library') = 'yes')
 *   count(answer('services-used')) >= 2
 *   number(answer('age')) >= 18 and answer('area') != 'outside'
 *   answer('satisfaction') <= 2                   (scales compare as numbers)
 * The result is taken as a boolean.
 */
/* 1 when c holds for a (or c is NULL), 0 when it does not. An expression
 * that fails to evaluate counts as true, so nothing is hidden by mistake. */
int survey_cond_eval(const struct survey_cond *c, const struct survey_answers *a);
int survey_page_shown(const struct survey_page *p, const struct survey_answers *a);
/* Whether q is shown: its page is shown and its own condition holds. */
int survey_question_shown(const struct survey *s, const struct survey_question *q,
			  const struct survey_answers *a);
/*
 * Decide which answers count: page by page in order, a page or question is
 * shown when its condition holds on the answers kept so far, and only the
 * answers to shown questions are kept (answers to unknown questions are
 * dropped too). keep[i] is set to 1 or 0 for each a->v[i]; returns how many
 * are kept. Use it before storing or validating a whole response.
 */
size_t survey_answers_filter(const struct survey *s, const struct survey_answers *a,
			     unsigned char *keep);

/* The index of the first shown page at or after `from` given the answers
 * (filtered as above), or s->npages when none is left. */
size_t survey_next_page(const struct survey *s, size_t from, const struct survey_answers *a);

/*
 * Whether page i can still be shown to a resident who is on page `from`
 * with answers a: 1 when it is shown on a as they stand (or has no
 * condition), 2 when it is hidden now but its condition names a question
 * on page `from` or later (still to be answered, so it may open), 0 when
 * it is hidden by answers already given. For a step count that never
 * grows: count the 1s and 2s.
 */
int survey_page_may_show(const struct survey *s, size_t i, size_t from,
			 const struct survey_answers *a);

/* The source text of a condition. */
const char *survey_cond_source(const struct survey_cond *c);

enum survey_answer_err {
	SA_OK = 0,
	SA_REQUIRED,	     /* a required question left unanswered */
	SA_BAD_UTF8,	     /* not valid UTF-8, or control characters */
	SA_TOO_LONG,	     /* more than max_length characters (detail.limit) */
	SA_TOO_MANY_VALUES,  /* more values than the type takes */
	SA_NOT_A_CHOICE,     /* a value that is not an option (detail.index) */
	SA_DUPLICATE_CHOICE, /* the same option twice */
	SA_TOO_FEW,	     /* multi: fewer than min_select (detail.limit) */
	SA_TOO_MANY,	     /* multi: more than max_select (detail.limit) */
	SA_OTHER_MISSING,    /* the specify option chosen with no text */
	SA_OTHER_TOO_LONG,   /* the specify text over other_max_length (detail.limit) */
	SA_NOT_A_NUMBER,     /* number, scale, budget (detail.index for budget) */
	SA_BELOW_MIN,
	SA_ABOVE_MAX,
	SA_BAD_STEP,	   /* not one of min + k * step */
	SA_BAD_DATE,	   /* not a real date */
	SA_DATE_TOO_EARLY, /* before date_min */
	SA_DATE_TOO_LATE,  /* after date_max */
	SA_DATE_IN_FUTURE, /* after today where not-after="today" */
	SA_DATE_IN_PAST,   /* before today where not-before="today" */
	SA_BAD_EMAIL,
	SA_BAD_POSTCODE,
	SA_NO_MATCH,		/* pattern: the answer does not match (pattern_message) */
	SA_RANKING_INCOMPLETE,	/* fewer than rank_count options ranked */
	SA_RANKING_DUPLICATE,	/* two options given the same rank */
	SA_BUDGET_INCOMPLETE,	/* budget: some lines given, not all (detail.index) */
	SA_BUDGET_TARGET_MISSED /* detail.budget.shortfall_pence says by how much */
};

/* A short stable name for an error code ("required", "too-long", ...). */
const char *survey_answer_err_name(enum survey_answer_err e);

/* The budget sums for one set of choices. Money in pence. */
struct survey_budget_sums {
	long long change_pence;	     /* sum of line changes: negative is a saving */
	long long council_tax_pence; /* extra income from the council-tax rise */
	long long savings_pence;     /* -change_pence + council_tax_pence */
	long long target_pence;	     /* savings needed (0 for "stay within the total") */
	long long shortfall_pence;   /* target - savings when positive, else 0 */
	int met;		     /* savings >= target */
};

struct survey_answer_detail {
	size_t index; /* value, option or budget line at fault; (size_t)-1 if none */
	size_t limit; /* the limit broken (characters, selections) */
	struct survey_budget_sums budget; /* budget questions: filled whenever the values parsed */
};

/*
 * Check the raw values submitted for q (see the table above). Returns SA_OK
 * or the first problem found; det (may be NULL) says where. An unanswered
 * question is SA_OK unless it is required. Conditions are not applied here:
 * call it only for questions that are shown.
 */
enum survey_answer_err survey_answer_check(const struct survey_question *q,
					   const char *const *values, size_t n, const char *other,
					   struct survey_answer_detail *det);

/* Money for one line at a change of change_bp hundredths of a percent,
 * rounded to the nearest penny (halves away from zero). */
long long survey_budget_line_change(const struct survey_budget_line *l, int change_bp);
/* Income from a council-tax rise of ct_bp hundredths of a percent. */
long long survey_budget_ct_income(const struct survey_budget *b, int ct_bp);
/* Sums for changes[i] (hundredths of a percent) on lines[i] and a council-tax
 * rise ct_bp (ignored without a council-tax line). */
void survey_budget_sum(const struct survey_budget *b, const int *changes, int ct_bp,
		       struct survey_budget_sums *out);
/* The most savings the allowed changes can find (every line at its minimum,
 * council tax at its maximum). */
long long survey_budget_max_savings(const struct survey_budget *b);

/* Parse a decimal with at most two decimal places into hundredths
 * ("-2.5" -> -250). Returns 0, or -1 when malformed or out of int range. */
int survey_parse_hundredths(const char *s, int *out);

/* Email address check used for answers and the contact address: one @, a
 * local part and a dotted domain of sensible characters, at most 254 bytes. */
int survey_email_ok(const char *s);

/* Characters (code points) in valid UTF-8 s; -1 if s is not valid UTF-8 or
 * holds control characters (newlines and tabs allowed when multiline). */
long survey_utf8_chars(const char *s, int multiline);

#endif
