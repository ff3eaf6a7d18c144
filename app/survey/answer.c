/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * answer: validation of the raw values a resident submitted for one
 * question, and the budget arithmetic. Pure functions of the model and the
 * strings: no HTTP, no SQL, no messages (the web layer words them).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "core/alloc.h"
#include "core/uktime.h"
#include "core/utf8.h"
#include "survey/answer.h"
#include "survey/survey.h"

#define NUM_MAX 64 /* bytes in a number answer */

static const char *const err_names[] = {
    [SA_OK] = "ok",
    [SA_REQUIRED] = "required",
    [SA_BAD_UTF8] = "bad-utf8",
    [SA_TOO_LONG] = "too-long",
    [SA_TOO_MANY_VALUES] = "too-many-values",
    [SA_NOT_A_CHOICE] = "not-a-choice",
    [SA_DUPLICATE_CHOICE] = "duplicate-choice",
    [SA_TOO_FEW] = "too-few",
    [SA_TOO_MANY] = "too-many",
    [SA_OTHER_MISSING] = "other-missing",
    [SA_OTHER_TOO_LONG] = "other-too-long",
    [SA_NOT_A_NUMBER] = "not-a-number",
    [SA_BELOW_MIN] = "below-min",
    [SA_ABOVE_MAX] = "above-max",
    [SA_BAD_STEP] = "bad-step",
    [SA_BAD_DATE] = "bad-date",
    [SA_DATE_TOO_EARLY] = "date-too-early",
    [SA_DATE_TOO_LATE] = "date-too-late",
    [SA_BAD_EMAIL] = "bad-email",
    [SA_BAD_POSTCODE] = "bad-postcode",
    [SA_NO_MATCH] = "no-match",
    [SA_RANKING_INCOMPLETE] = "ranking-incomplete",
    [SA_RANKING_DUPLICATE] = "ranking-duplicate",
    [SA_BUDGET_INCOMPLETE] = "budget-incomplete",
    [SA_BUDGET_TARGET_MISSED] = "budget-target-missed",
    [SA_DATE_IN_FUTURE] = "date-in-future",
    [SA_DATE_IN_PAST] = "date-in-past",
};

const char *survey_answer_err_name(enum survey_answer_err e)
{
	if ((size_t)e < sizeof(err_names) / sizeof(err_names[0]) && err_names[e] != NULL)
		return err_names[e];
	return "unknown";
}

long survey_utf8_chars(const char *s, int multiline)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;

	while (*p) {
		unsigned c = *p;
		size_t k;

		if (c < 0x80) {
			if ((c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) ||
			    c == 0x7F)
				return -1;
			p++;
			n++;
			continue;
		}
		k = utf8_decode((const char *)p, strnlen((const char *)p, 4), NULL);
		if (k == 0)
			return -1;
		p += k;
		n++;
	}
	return n;
}

/* Whether s is empty or only spaces. */
static int blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

/* Copy s without leading/trailing spaces into out; -1 if it does not fit. */
static int trimmed(const char *s, char *out, size_t outsz)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n + 1 > outsz)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

int survey_parse_hundredths(const char *s, int *out)
{
	long long v = 0;
	int neg = 0, frac = 0, nd = 0;
	const char *p = s;

	if (p == NULL)
		return -1;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v > 100000000)
			return -1;
	}
	v *= 100;
	if (*p == '.') {
		p++;
		for (; *p >= '0' && *p <= '9'; p++, nd++) {
			if (nd >= 2) {
				if (*p != '0')
					return -1;
				continue;
			}
			frac = frac * 10 + (*p - '0');
		}
		if (nd == 0)
			return -1;
		if (nd == 1)
			frac *= 10;
	}
	if (*p != '\0')
		return -1;
	v += frac;
	if (v > INT_MAX)
		return -1;
	*out = (int)(neg ? -v : v);
	return 0;
}

int survey_email_ok(const char *s)
{
	const char *at, *dot;
	size_t n;

	if (s == NULL)
		return 0;
	n = strlen(s);
	at = strchr(s, '@');
	if (n > 254 || at == NULL || at == s || strchr(at + 1, '@') != NULL || at - s > 64)
		return 0;
	for (const char *p = s; p < at; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr(".!#$%&'*+/=?^_`{|}~-", *p)))
			return 0;
	if (s[0] == '.' || at[-1] == '.' || strstr(s, "..") != NULL)
		return 0;
	dot = strrchr(at + 1, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0' || strlen(dot + 1) < 2)
		return 0;
	for (const char *p = at + 1; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'))
			return 0;
		if (*p == '.' && (p[1] == '.' || p[1] == '-' || p[-1] == '-' || p[-1] == '@'))
			return 0;
	}
	return 1;
}

/* ---------------------------------------------------------------------- */
/* Budget arithmetic */

/* x * num / den rounded to nearest, halves away from zero (den > 0). */
static long long mul_div_round(long long x, long long num, long long den)
{
	long long p = x * num;

	return p >= 0 ? (p + den / 2) / den : -((-p + den / 2) / den);
}

long long survey_budget_line_change(const struct survey_budget_line *l, int change_bp)
{
	return mul_div_round(l->spend_pence, change_bp, 10000);
}

long long survey_budget_ct_income(const struct survey_budget *b, int ct_bp)
{
	if (!b->has_council_tax || b->ct_step_bp <= 0)
		return 0;
	return mul_div_round(b->ct_income_per_step_pence, ct_bp, b->ct_step_bp);
}

void survey_budget_sum(const struct survey_budget *b, const int *changes, int ct_bp,
		       struct survey_budget_sums *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < b->nlines; i++)
		out->change_pence += survey_budget_line_change(&b->lines[i], changes[i]);
	out->council_tax_pence = survey_budget_ct_income(b, ct_bp);
	out->savings_pence = -out->change_pence + out->council_tax_pence;
	out->target_pence = b->target == ST_SAVINGS ? b->target_pence : 0;
	out->met = out->savings_pence >= out->target_pence;
	out->shortfall_pence = out->met ? 0 : out->target_pence - out->savings_pence;
}

long long survey_budget_max_savings(const struct survey_budget *b)
{
	long long s = 0;

	for (size_t i = 0; i < b->nlines; i++)
		s -= survey_budget_line_change(&b->lines[i], b->lines[i].min_bp);
	if (b->has_council_tax)
		s += survey_budget_ct_income(b, b->ct_max_bp);
	return s;
}

/* ---------------------------------------------------------------------- */
/* Validation per type */

static enum survey_answer_err fail(struct survey_answer_detail *det, enum survey_answer_err e,
				   size_t index, size_t limit)
{
	if (det != NULL) {
		det->index = index;
		det->limit = limit;
	}
	return e;
}

#define NONE ((size_t)-1)

static const struct survey_choice *find_choice(const struct survey_question *q, const char *v)
{
	for (size_t i = 0; i < q->nchoices; i++)
		if (strcmp(q->choices[i].value, v) == 0)
			return &q->choices[i];
	return NULL;
}

static enum survey_answer_err check_other(const struct survey_question *q, const char *other,
					  struct survey_answer_detail *det)
{
	long n;

	if (blank(other))
		return fail(det, SA_OTHER_MISSING, NONE, 0);
	n = survey_utf8_chars(other, 0);
	if (n < 0)
		return fail(det, SA_BAD_UTF8, NONE, 0);
	if ((size_t)n > q->other_max_length)
		return fail(det, SA_OTHER_TOO_LONG, NONE, q->other_max_length);
	return SA_OK;
}

static enum survey_answer_err check_choices(const struct survey_question *q,
					    const char *const *values, size_t n, const char *other,
					    struct survey_answer_detail *det)
{
	size_t chosen = 0;
	int other_chosen = 0;

	if (q->type == SQ_CHOICE && n > 1)
		return fail(det, SA_TOO_MANY_VALUES, NONE, 1);
	for (size_t i = 0; i < n; i++) {
		const struct survey_choice *c;

		if (blank(values[i]))
			continue;
		c = find_choice(q, values[i]);
		if (c == NULL)
			return fail(det, SA_NOT_A_CHOICE, i, 0);
		for (size_t j = 0; j < i; j++)
			if (values[j] != NULL && strcmp(values[j], values[i]) == 0)
				return fail(det, SA_DUPLICATE_CHOICE, i, 0);
		if (c == q->other)
			other_chosen = 1;
		chosen++;
	}
	if (chosen == 0)
		return q->required ? fail(det, SA_REQUIRED, NONE, 0) : SA_OK;
	if (q->type == SQ_MULTI) {
		if (chosen < q->min_select)
			return fail(det, SA_TOO_FEW, NONE, q->min_select);
		if (q->max_select > 0 && chosen > q->max_select)
			return fail(det, SA_TOO_MANY, NONE, q->max_select);
	}
	if (other_chosen)
		return check_other(q, other, det);
	return SA_OK;
}

/* Parse a number answer: optional sign, digits with optional thousands
 * commas, optional decimals. */
static int parse_number(const char *s, double *out)
{
	char buf[NUM_MAX], clean[NUM_MAX];
	size_t o = 0;
	char *end;
	int digits = 0, dot = 0;

	if (trimmed(s, buf, sizeof(buf)) < 0)
		return -1;
	for (size_t i = 0; buf[i]; i++) {
		char c = buf[i];

		if (c == ',') {
			if (dot || digits == 0)
				return -1;
			continue;
		}
		if (c == '-' || c == '+') {
			if (i != 0)
				return -1;
		} else if (c == '.') {
			if (dot++)
				return -1;
		} else if (c >= '0' && c <= '9') {
			digits++;
		} else {
			return -1;
		}
		clean[o++] = c;
	}
	clean[o] = '\0';
	if (digits == 0)
		return -1;
	errno = 0;
	*out = strtod(clean, &end);
	if (*end != '\0' || errno != 0 || !isfinite(*out))
		return -1;
	return 0;
}

static enum survey_answer_err check_number(const struct survey_question *q, const char *v,
					   struct survey_answer_detail *det)
{
	double x, k;

	if (parse_number(v, &x) < 0)
		return fail(det, SA_NOT_A_NUMBER, 0, 0);
	if (q->has_min && x < q->num_min)
		return fail(det, SA_BELOW_MIN, 0, 0);
	if (q->has_max && x > q->num_max)
		return fail(det, SA_ABOVE_MAX, 0, 0);
	if (q->num_step > 0) {
		k = (x - (q->has_min ? q->num_min : 0)) / q->num_step;
		if (fabs(k - round(k)) > 1e-9 * (fabs(k) > 1 ? fabs(k) : 1))
			return fail(det, SA_BAD_STEP, 0, 0);
	}
	return SA_OK;
}

static enum survey_answer_err check_scale(const struct survey_question *q, const char *v,
					  struct survey_answer_detail *det)
{
	char buf[16];
	char *end;
	long x;

	if (trimmed(v, buf, sizeof(buf)) < 0)
		return fail(det, SA_NOT_A_NUMBER, 0, 0);
	if (q->dont_know && strcmp(buf, "dont-know") == 0)
		return SA_OK;
	errno = 0;
	x = strtol(buf, &end, 10);
	if (*end != '\0' || end == buf || errno != 0)
		return fail(det, SA_NOT_A_NUMBER, 0, 0);
	if (x < q->scale_min)
		return fail(det, SA_BELOW_MIN, 0, 0);
	if (x > q->scale_max)
		return fail(det, SA_ABOVE_MAX, 0, 0);
	return SA_OK;
}

static int parse_int_field(const char *s, int maxdigits, int *out)
{
	char buf[16];
	int v = 0, n = 0;

	if (trimmed(s, buf, sizeof(buf)) < 0 || buf[0] == '\0')
		return -1;
	for (const char *p = buf; *p; p++, n++) {
		if (*p < '0' || *p > '9' || n >= maxdigits)
			return -1;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return 0;
}

static enum survey_answer_err check_date(const struct survey_question *q, const char *const *values,
					 size_t n, struct survey_answer_detail *det)
{
	char iso[32];
	int y, m, d;

	if (n == 1) {
		char buf[16];

		if (trimmed(values[0], buf, sizeof(buf)) < 0 || strlen(buf) != 10 ||
		    buf[4] != '-' || buf[7] != '-')
			return fail(det, SA_BAD_DATE, 0, 0);
		buf[4] = buf[7] = '\0';
		if (parse_int_field(buf, 4, &y) < 0 || parse_int_field(buf + 5, 2, &m) < 0 ||
		    parse_int_field(buf + 8, 2, &d) < 0)
			return fail(det, SA_BAD_DATE, 0, 0);
	} else {
		if (parse_int_field(values[0], 2, &d) < 0 ||
		    parse_int_field(values[1], 2, &m) < 0 || parse_int_field(values[2], 4, &y) < 0)
			return fail(det, SA_BAD_DATE, NONE, 0);
	}
	if (y < 1000 || m < 1 || m > 12 || d < 1)
		return fail(det, SA_BAD_DATE, NONE, 0);
	if (d > date_days_in_month(y, m))
		return fail(det, SA_BAD_DATE, NONE, 0);
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
	if (q->date_min != NULL && strcmp(iso, q->date_min) < 0)
		return fail(det, SA_DATE_TOO_EARLY, NONE, 0);
	if (q->date_max != NULL && strcmp(iso, q->date_max) > 0)
		return fail(det, SA_DATE_TOO_LATE, NONE, 0);
	if (q->date_not_after_today || q->date_not_before_today) {
		char today[48];
		struct tm tm;

		uktime_local(time(NULL), &tm);
		snprintf(today, sizeof(today), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
			 tm.tm_mday);
		if (q->date_not_after_today && strcmp(iso, today) > 0)
			return fail(det, SA_DATE_IN_FUTURE, NONE, 0);
		if (q->date_not_before_today && strcmp(iso, today) < 0)
			return fail(det, SA_DATE_IN_PAST, NONE, 0);
	}
	return SA_OK;
}

static enum survey_answer_err check_ranking(const struct survey_question *q,
					    const char *const *values, size_t n,
					    struct survey_answer_detail *det)
{
	unsigned char used[1001];
	size_t ranked = 0;

	if (n != q->nchoices)
		return fail(det, SA_TOO_MANY_VALUES, NONE, q->nchoices);
	memset(used, 0, sizeof(used));
	for (size_t i = 0; i < n; i++) {
		int r;

		if (blank(values[i]))
			continue;
		if (parse_int_field(values[i], 4, &r) < 0)
			return fail(det, SA_NOT_A_NUMBER, i, 0);
		if (r < 1)
			return fail(det, SA_BELOW_MIN, i, 0);
		if ((size_t)r > q->rank_count || r > 1000)
			return fail(det, SA_ABOVE_MAX, i, q->rank_count);
		if (used[r])
			return fail(det, SA_RANKING_DUPLICATE, i, 0);
		used[r] = 1;
		ranked++;
	}
	if (ranked == 0)
		return q->required ? fail(det, SA_REQUIRED, NONE, 0) : SA_OK;
	if (ranked < q->rank_count)
		return fail(det, SA_RANKING_INCOMPLETE, NONE, q->rank_count);
	return SA_OK;
}

static enum survey_answer_err check_budget(const struct survey_question *q,
					   const char *const *values, size_t n,
					   struct survey_answer_detail *det)
{
	const struct survey_budget *b = q->budget;
	size_t want = b->nlines + (b->has_council_tax ? 1 : 0), given = 0;
	int *changes;
	int ct = 0;
	enum survey_answer_err e = SA_OK;

	if (n != want)
		return fail(det, SA_TOO_MANY_VALUES, NONE, want);
	for (size_t i = 0; i < n; i++)
		given += !blank(values[i]);
	if (given == 0)
		return q->required ? fail(det, SA_REQUIRED, NONE, 0) : SA_OK;
	for (size_t i = 0; i < n; i++)
		if (blank(values[i]))
			return fail(det, SA_BUDGET_INCOMPLETE, i, 0);
	changes = xcalloc(b->nlines, sizeof(*changes));
	for (size_t i = 0; i < n && e == SA_OK; i++) {
		char buf[32];
		int v, mn, mx, st;

		if (trimmed(values[i], buf, sizeof(buf)) < 0 ||
		    survey_parse_hundredths(buf, &v) < 0) {
			e = fail(det, SA_NOT_A_NUMBER, i, 0);
			break;
		}
		if (i < b->nlines) {
			mn = b->lines[i].min_bp, mx = b->lines[i].max_bp, st = b->lines[i].step_bp;
			changes[i] = v;
		} else {
			mn = b->ct_min_bp, mx = b->ct_max_bp, st = b->ct_step_bp;
			ct = v;
		}
		if (v < mn)
			e = fail(det, SA_BELOW_MIN, i, 0);
		else if (v > mx)
			e = fail(det, SA_ABOVE_MAX, i, 0);
		else if (st > 0 && (v - mn) % st != 0)
			e = fail(det, SA_BAD_STEP, i, 0);
	}
	if (e == SA_OK) {
		struct survey_budget_sums sums;

		survey_budget_sum(b, changes, ct, &sums);
		if (det != NULL)
			det->budget = sums;
		if (!sums.met)
			e = fail(det, SA_BUDGET_TARGET_MISSED, NONE, 0);
	}
	free(changes);
	return e;
}

enum survey_answer_err survey_answer_check(const struct survey_question *q,
					   const char *const *values, size_t n, const char *other,
					   struct survey_answer_detail *det)
{
	const char *v;
	long chars;

	if (det != NULL) {
		memset(det, 0, sizeof(*det));
		det->index = NONE;
	}
	for (size_t i = 0; i < n; i++)
		if (values[i] != NULL && survey_utf8_chars(values[i], q->type == SQ_LONG_TEXT) < 0)
			return fail(det, SA_BAD_UTF8, i, 0);
	switch (q->type) {
	case SQ_CHOICE:
	case SQ_MULTI:
		return check_choices(q, values, n, other, det);
	case SQ_RANKING:
		if (n == 0)
			return q->required ? fail(det, SA_REQUIRED, NONE, 0) : SA_OK;
		return check_ranking(q, values, n, det);
	case SQ_BUDGET:
		if (n == 0)
			return q->required ? fail(det, SA_REQUIRED, NONE, 0) : SA_OK;
		return check_budget(q, values, n, det);
	case SQ_DATE:
		if (n == 0 || (n == 1 && blank(values[0])) ||
		    (n == 3 && blank(values[0]) && blank(values[1]) && blank(values[2])))
			return q->required ? fail(det, SA_REQUIRED, NONE, 0) : SA_OK;
		if (n != 1 && n != 3)
			return fail(det, SA_TOO_MANY_VALUES, NONE, 1);
		return check_date(q, values, n, det);
	default:
		break;
	}
	/* the single-value types */
	if (n > 1)
		return fail(det, SA_TOO_MANY_VALUES, NONE, 1);
	if (n == 0 || blank(values[0]))
		return q->required ? fail(det, SA_REQUIRED, NONE, 0) : SA_OK;
	v = values[0];
	switch (q->type) {
	case SQ_SCALE:
		return check_scale(q, v, det);
	case SQ_NUMBER:
		return check_number(q, v, det);
	case SQ_SHORT_TEXT:
	case SQ_LONG_TEXT:
	case SQ_PATTERN:
	case SQ_EMAIL:
	case SQ_POSTCODE:
		break;
	default:
		return fail(det, SA_NOT_A_CHOICE, 0, 0);
	}
	chars = survey_utf8_chars(v, q->type == SQ_LONG_TEXT);
	/* email and postcode: their format checks bound the length, after the
	 * spaces a resident may type around them */
	if (q->type != SQ_EMAIL && q->type != SQ_POSTCODE && q->max_length > 0 &&
	    (size_t)chars > q->max_length)
		return fail(det, SA_TOO_LONG, 0, q->max_length);
	if (q->type == SQ_EMAIL) {
		char buf[256];

		if (trimmed(v, buf, sizeof(buf)) < 0 || !survey_email_ok(buf))
			return fail(det, SA_BAD_EMAIL, 0, 0);
	} else if (q->type == SQ_POSTCODE) {
		char pc[16];

		if (survey_postcode_normalise(v, pc, sizeof(pc)) < 0)
			return fail(det, SA_BAD_POSTCODE, 0, 0);
	} else if (q->type == SQ_PATTERN) {
		pcre2_match_data *md;
		pcre2_match_context *mc;
		int rc;

		if (q->pattern_code == NULL)
			return fail(det, SA_NO_MATCH, 0, 0);
		md = pcre2_match_data_create_from_pattern(q->pattern_code, NULL);
		mc = pcre2_match_context_create(NULL);
		if (md == NULL || mc == NULL)
			abort();
		/* bound the work an officer's pattern can do on a hostile answer */
		pcre2_set_match_limit(mc, 100000);
		pcre2_set_depth_limit(mc, 1000);
		rc = pcre2_match(q->pattern_code, (PCRE2_SPTR)v, strlen(v), 0, 0, md, mc);
		pcre2_match_data_free(md);
		pcre2_match_context_free(mc);
		if (rc < 0)
			return fail(det, SA_NO_MATCH, 0, 0);
	}
	return SA_OK;
}
