/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * form: question rendering and validation messages (see form.h). May use:
 * core, survey, render/html.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "render/form.h"
#include "render/form_budget.h"
#include "render/html.h"

/* The i-th value submitted under name, or NULL. */
static const char *value_at(const struct form_values *v, const char *name, size_t i)
{
	for (size_t k = 0; v != NULL && k < v->n; k++)
		if (strcmp(v->v[k].name, name) == 0 && i-- == 0)
			return v->v[k].value;
	return NULL;
}

static int value_has(const struct form_values *v, const char *name, const char *value)
{
	for (size_t k = 0; v != NULL && k < v->n; k++)
		if (strcmp(v->v[k].name, name) == 0 && strcmp(v->v[k].value, value) == 0)
			return 1;
	return 0;
}

/* Decimal digits of v into d (no sign), returning how many: printf is a
 * fifth of a budget page's cost, so numbers are written by hand. */
static size_t digits_of(unsigned long long v, char d[24])
{
	char tmp[24];
	size_t n = 0, k = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n > 0)
		d[k++] = tmp[--n];
	d[k] = '\0';
	return k;
}

void form_hundredths(char out[24], int bp, int plus)
{
	unsigned v = bp < 0 ? (unsigned)-(long)bp : (unsigned)bp;
	char d[24];
	size_t k = 0;

	if (bp < 0)
		out[k++] = '-';
	else if (plus)
		out[k++] = '+';
	digits_of(v / 100, d);
	for (char *p = d; *p; p++)
		out[k++] = *p;
	if (v % 100 != 0) {
		out[k++] = '.';
		out[k++] = (char)('0' + (v % 100) / 10);
		if (v % 10 != 0)
			out[k++] = (char)('0' + v % 10);
	}
	out[k] = '\0';
}

void form_money_text(char out[FORM_MONEY_MAX], long long pence)
{
	char digits[24];
	unsigned long long pounds;
	size_t n, k = 0;

	if (pence < 0) {
		out[k++] = '-';
		pence = -pence;
	}
	pounds = ((unsigned long long)pence + 50) / 100;
	n = digits_of(pounds, digits);
	memcpy(out + k, "£", 2);
	k += 2;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = digits[i];
	}
	out[k] = '\0';
}

void form_money(struct html *h, long long pence)
{
	char m[FORM_MONEY_MAX];

	form_money_text(m, pence);
	html_text(h, m);
}

/* id="q-<qid>" style identifiers: qids are [a-z0-9-] by the schema, still escaped. */
static void attr_id(struct html *h, const char *prefix, const char *qid, const char *suffix)
{
	html_text(h, prefix);
	html_text(h, qid);
	if (suffix != NULL)
		html_text(h, suffix);
}

static void describedby(struct html *h, const struct survey_question *q, const char *error)
{
	int hint = survey_text_get(&q->hint, LANG_EN)[0] != '\0';

	if (!hint && error == NULL)
		return;
	html_lit(h, " aria-describedby=\"");
	if (hint)
		attr_id(h, "hint-", q->id, NULL);
	if (error != NULL) {
		if (hint)
			html_lit(h, " ");
		attr_id(h, "error-", q->id, NULL);
	}
	html_lit(h, "\"");
}

static void hint_and_error(struct html *h, const struct survey_question *q, enum yv_lang lang,
			   const char *error)
{
	const char *hint = survey_text_get(&q->hint, lang);

	if (hint[0] != '\0') {
		html_lit(h, "<div class=\"hint\" id=\"");
		attr_id(h, "hint-", q->id, NULL);
		html_lit(h, "\">");
		/* a hint of several paragraphs keeps them (a blank line in the
		 * file); one paragraph stays bare text, as it always was */
		if (strstr(hint, "\n\n") != NULL)
			html_paragraphs(h, hint, NULL);
		else
			html_text(h, hint);
		html_lit(h, "</div>\n");
	}
	if (error != NULL) {
		html_lit(h, "<p class=\"error-message\" id=\"");
		attr_id(h, "error-", q->id, NULL);
		html_lit(h, "\"><span class=\"visually-hidden\">");
		html_text(h, _("Error:"));
		html_lit(h, "</span> ");
		html_text(h, error);
		html_lit(h, "</p>\n");
	}
}

static void label_text(struct html *h, const struct survey_question *q, enum yv_lang lang)
{
	html_text(h, survey_text_get(&q->label, lang));
	if (!q->required) {
		html_lit(h, " <span class=\"optional\">(");
		html_text(h, _("optional"));
		html_lit(h, ")</span>");
	}
}

static void group_begin(struct html *h, const struct survey_question *q, enum yv_lang lang,
			const char *error)
{
	html_lit(h, "<div class=\"question");
	if (error != NULL)
		html_lit(h, " question-error");
	html_lit(h, "\" id=\"");
	attr_id(h, "q-", q->id, NULL);
	html_lit(h, "\">\n<fieldset");
	describedby(h, q, error);
	html_lit(h, ">\n<legend>");
	label_text(h, q, lang);
	html_lit(h, "</legend>\n");
	hint_and_error(h, q, lang, error);
}

static void group_end(struct html *h)
{
	html_lit(h, "</fieldset>\n</div>\n");
}

static void option_input(struct html *h, const char *type, const char *name, const char *id,
			 const char *value, const char *label, int checked)
{
	html_lit(h, "<div class=\"option\"><input type=\"");
	html_text(h, type);
	html_lit(h, "\" name=\"");
	html_text(h, name);
	html_lit(h, "\" id=\"");
	html_text(h, id);
	html_lit(h, "\" value=\"");
	html_text(h, value);
	html_lit(h, "\"");
	if (checked)
		html_lit(h, " checked");
	html_lit(h, "> <label for=\"");
	html_text(h, id);
	html_lit(h, "\">");
	html_text(h, label);
	html_lit(h, "</label></div>\n");
}

static void other_box(struct html *h, struct arena *a, const struct survey_question *q,
		      enum yv_lang lang, const struct form_values *values)
{
	const char *name = arena_printf(a, "%s.other", q->id);
	const char *v = value_at(values, name, 0);

	html_lit(h, "<div class=\"other\"><label for=\"");
	attr_id(h, "f-", q->id, ".other");
	html_lit(h, "\">");
	html_text(h, _("Please specify"));
	html_lit(h, "</label> <input type=\"text\" name=\"");
	html_text(h, name);
	html_lit(h, "\" id=\"");
	attr_id(h, "f-", q->id, ".other");
	html_lit(h, "\" value=\"");
	html_text(h, v ? v : "");
	html_lit(h, "\"");
	if (q->other_max_length > 0) {
		html_lit(h, " maxlength=\"");
		html_int(h, (long long)q->other_max_length);
		html_lit(h, "\"");
	}
	html_lit(h, "></div>\n");
	(void)lang;
}

static void choice_question(struct html *h, struct arena *a, const struct survey_question *q,
			    enum yv_lang lang, const struct form_values *values, const char *error)
{
	const char *type = q->type == SQ_MULTI ? "checkbox" : "radio";

	if (q->type == SQ_CHOICE && q->display == SD_SELECT) {
		const char *cur = value_at(values, q->id, 0);

		html_lit(h, "<div class=\"question");
		if (error != NULL)
			html_lit(h, " question-error");
		html_lit(h, "\" id=\"");
		attr_id(h, "q-", q->id, NULL);
		html_lit(h, "\">\n<label class=\"question-label\" for=\"");
		attr_id(h, "f-", q->id, NULL);
		html_lit(h, "\">");
		label_text(h, q, lang);
		html_lit(h, "</label>\n");
		hint_and_error(h, q, lang, error);
		html_lit(h, "<select name=\"");
		html_text(h, q->id);
		html_lit(h, "\" id=\"");
		attr_id(h, "f-", q->id, NULL);
		html_lit(h, "\"");
		describedby(h, q, error);
		html_lit(h, ">\n<option value=\"\">");
		html_text(h, _("Choose an answer"));
		html_lit(h, "</option>\n");
		for (size_t i = 0; i < q->nchoices; i++) {
			html_lit(h, "<option value=\"");
			html_text(h, q->choices[i].value);
			html_lit(h, "\"");
			if (cur != NULL && strcmp(cur, q->choices[i].value) == 0)
				html_lit(h, " selected");
			html_lit(h, ">");
			html_text(h, survey_text_get(&q->choices[i].label, lang));
			html_lit(h, "</option>\n");
		}
		html_lit(h, "</select>\n");
		if (q->other != NULL)
			other_box(h, a, q, lang, values);
		html_lit(h, "</div>\n");
		return;
	}
	group_begin(h, q, lang, error);
	for (size_t i = 0; i < q->nchoices; i++) {
		const struct survey_choice *c = &q->choices[i];
		const char *id = arena_printf(a, "f-%s-%zu", q->id, i);

		option_input(h, type, q->id, id ? id : "", c->value,
			     survey_text_get(&c->label, lang), value_has(values, q->id, c->value));
	}
	if (q->other != NULL)
		other_box(h, a, q, lang, values);
	group_end(h);
}

static void scale_question(struct html *h, struct arena *a, const struct survey_question *q,
			   enum yv_lang lang, const struct form_values *values, const char *error)
{
	group_begin(h, q, lang, error);
	html_lit(h, "<div class=\"scale\">\n");
	for (int v = q->scale_min; v <= q->scale_max; v++) {
		const char *val = arena_printf(a, "%d", v);
		const char *id = arena_printf(a, "f-%s-%d", q->id, v);
		const char *label = val;

		if (v == q->scale_min && survey_text_get(&q->scale_min_label, lang)[0] != '\0')
			label = arena_printf(a, "%d – %s", v,
					     survey_text_get(&q->scale_min_label, lang));
		else if (v == q->scale_max && survey_text_get(&q->scale_max_label, lang)[0] != '\0')
			label = arena_printf(a, "%d – %s", v,
					     survey_text_get(&q->scale_max_label, lang));
		option_input(h, "radio", q->id, id ? id : "", val ? val : "", label ? label : "",
			     val != NULL && value_has(values, q->id, val));
	}
	if (q->dont_know)
		option_input(h, "radio", q->id, arena_printf(a, "f-%s-dk", q->id), "dont-know",
			     _("Don't know"), value_has(values, q->id, "dont-know"));
	html_lit(h, "</div>\n");
	group_end(h);
}

/* A ranking: a select per option offering the ranks 1..rank_count only
 * (no JavaScript needed); yourvoice.js adds a running count and frees a
 * rank taken by another option. */
static void ranking_question(struct html *h, struct arena *a, const struct survey_question *q,
			     enum yv_lang lang, const struct form_values *values, const char *error)
{
	size_t ranks = q->rank_count > 0 ? q->rank_count : q->nchoices;

	group_begin(h, q, lang, error);
	html_lit(h, "<div class=\"hint rank-hint\" id=\"");
	attr_id(h, "rank-", q->id, NULL);
	html_lit(h, "\">");
	if (ranks < q->nchoices)
		html_text(h, arena_printf(a,
					  _("Choose up to %zu: give 1 to your first choice, 2 to "
					    "your second, up to %zu. Leave the others blank."),
					  ranks, ranks));
	else
		html_text(h, arena_printf(a,
					  _("Number all %zu options in order: 1 for your first "
					    "choice, %zu for your last."),
					  ranks, ranks));
	html_lit(h, "</div>\n<div class=\"ranking\" data-rank=\"");
	html_int(h, (long long)ranks);
	html_lit(h, "\">\n");
	for (size_t i = 0; i < q->nchoices; i++) {
		const struct survey_choice *c = &q->choices[i];
		const char *name = arena_printf(a, "%s.%s", q->id, c->value);
		const char *cur = value_at(values, name, 0);

		html_lit(h, "<div class=\"rank\"><select name=\"");
		html_text(h, name);
		html_lit(h, "\" id=\"");
		attr_id(h, "f-", name, NULL);
		html_lit(h, "\" aria-describedby=\"");
		attr_id(h, "rank-", q->id, NULL);
		html_lit(h, "\"><option value=\"\">");
		html_text(h, _("Not ranked"));
		html_lit(h, "</option>");
		for (size_t r = 1; r <= ranks; r++) {
			const char *rv = arena_printf(a, "%zu", r);

			html_lit(h, "<option value=\"");
			html_text(h, rv);
			html_lit(h, "\"");
			if (cur != NULL && rv != NULL && strcmp(cur, rv) == 0)
				html_lit(h, " selected");
			html_lit(h, ">");
			html_text(h, rv);
			html_lit(h, "</option>");
		}
		html_lit(h, "</select> <label for=\"");
		attr_id(h, "f-", name, NULL);
		html_lit(h, "\">");
		html_text(h, survey_text_get(&c->label, lang));
		html_lit(h, "</label></div>\n");
	}
	html_lit(h, "</div>\n");
	group_end(h);
}

static void date_question(struct html *h, struct arena *a, const struct survey_question *q,
			  enum yv_lang lang, const struct form_values *values, const char *error)
{
	static const char *const parts[] = {"day", "month", "year"};
	const char *labels[] = {_("Day"), _("Month"), _("Year")};

	group_begin(h, q, lang, error);
	html_lit(h, "<div class=\"date-input\">\n");
	for (int i = 0; i < 3; i++) {
		const char *name = arena_printf(a, "%s.%s", q->id, parts[i]);
		const char *cur = value_at(values, name, 0);

		html_lit(h, "<div class=\"date-part\"><label for=\"");
		attr_id(h, "f-", name, NULL);
		html_lit(h, "\">");
		html_text(h, labels[i]);
		html_lit(h, "</label> <input type=\"text\" inputmode=\"numeric\" name=\"");
		html_text(h, name);
		html_lit(h, "\" id=\"");
		attr_id(h, "f-", name, NULL);
		html_lit(h, "\" value=\"");
		html_text(h, cur ? cur : "");
		if (i == 2)
			html_lit(h, "\" size=\"4\" maxlength=\"4\"></div>\n");
		else
			html_lit(h, "\" size=\"2\" maxlength=\"2\"></div>\n");
	}
	html_lit(h, "</div>\n");
	group_end(h);
}

static void text_question(struct html *h, const struct survey_question *q, enum yv_lang lang,
			  const struct form_values *values, const char *error)
{
	const char *cur = value_at(values, q->id, 0);
	const char *type = "text";

	html_lit(h, "<div class=\"question");
	if (error != NULL)
		html_lit(h, " question-error");
	html_lit(h, "\" id=\"");
	attr_id(h, "q-", q->id, NULL);
	html_lit(h, "\">\n<label class=\"question-label\" for=\"");
	attr_id(h, "f-", q->id, NULL);
	html_lit(h, "\">");
	label_text(h, q, lang);
	if (q->type == SQ_NUMBER && survey_text_get(&q->unit, lang)[0] != '\0') {
		html_lit(h, " (");
		html_text(h, survey_text_get(&q->unit, lang));
		html_lit(h, ")");
	}
	html_lit(h, "</label>\n");
	hint_and_error(h, q, lang, error);
	if (q->type == SQ_LONG_TEXT) {
		html_lit(h, "<textarea rows=\"6\" name=\"");
		html_text(h, q->id);
		html_lit(h, "\" id=\"");
		attr_id(h, "f-", q->id, NULL);
		html_lit(h, "\"");
		if (q->max_length > 0) {
			html_lit(h, " data-maxlength=\"");
			html_int(h, (long long)q->max_length);
			html_lit(h, "\"");
		}
		describedby(h, q, error);
		html_lit(h, ">");
		html_text(h, cur ? cur : "");
		html_lit(h, "</textarea>\n</div>\n");
		return;
	}
	if (q->type == SQ_EMAIL)
		type = "email";
	html_lit(h, "<input type=\"");
	html_text(h, type);
	html_lit(h, "\" name=\"");
	html_text(h, q->id);
	html_lit(h, "\" id=\"");
	attr_id(h, "f-", q->id, NULL);
	html_lit(h, "\" value=\"");
	html_text(h, cur ? cur : "");
	html_lit(h, "\"");
	switch (q->type) {
	case SQ_EMAIL:
		html_lit(h, " autocomplete=\"email\" spellcheck=\"false\"");
		break;
	case SQ_POSTCODE:
		html_lit(h, " autocomplete=\"postal-code\" size=\"10\"");
		break;
	case SQ_NUMBER:
		html_lit(h, " inputmode=\"decimal\" size=\"12\"");
		break;
	default:
		break;
	}
	if (q->max_length > 0 && q->type != SQ_NUMBER) {
		html_lit(h, " maxlength=\"");
		html_int(h, (long long)q->max_length);
		html_lit(h, "\"");
	}
	describedby(h, q, error);
	html_lit(h, ">\n</div>\n");
}

const struct form_values *form_values_copy_(struct arena *a, const void *p, size_t v_off,
					    size_t n_off, size_t size, size_t name_off,
					    size_t value_off)
{
	struct form_values *fv;
	struct form_value *v = NULL;
	const char *base;
	size_t n;

	if (p == NULL)
		return NULL;
	memcpy(&base, (const char *)p + v_off, sizeof(base));
	memcpy(&n, (const char *)p + n_off, sizeof(n));
	fv = arena_calloc(a, 1, sizeof(*fv));
	if (n > 0)
		v = arena_calloc(a, n, sizeof(*v));
	if (fv == NULL || (n > 0 && v == NULL))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const char *e = base + i * size;

		memcpy(&v[i].name, e + name_off, sizeof(v[i].name));
		memcpy(&v[i].value, e + value_off, sizeof(v[i].value));
	}
	fv->v = v;
	fv->n = n;
	return fv;
}

void form_question(struct html *h, struct arena *a, const struct survey_question *q,
		   enum yv_lang lang, const struct form_values *values, const char *error)
{
	switch (q->type) {
	case SQ_CHOICE:
	case SQ_MULTI:
		choice_question(h, a, q, lang, values, error);
		break;
	case SQ_SCALE:
		scale_question(h, a, q, lang, values, error);
		break;
	case SQ_RANKING:
		ranking_question(h, a, q, lang, values, error);
		break;
	case SQ_DATE:
		date_question(h, a, q, lang, values, error);
		break;
	case SQ_BUDGET:
		form_budget_question(h, a, q, lang, values, error);
		break;
	default:
		text_question(h, q, lang, values, error);
		break;
	}
}

const char *form_date_text(struct arena *a, const char *iso, enum yv_lang lang)
{
	static const char *const months_en[] = {"January",   "February", "March",    "April",
						"May",	     "June",	 "July",     "August",
						"September", "October",	 "November", "December"};
	static const char *const months_cy[] = {"Ionawr", "Chwefror", "Mawrth",	    "Ebrill",
						"Mai",	  "Mehefin",  "Gorffennaf", "Awst",
						"Medi",	  "Hydref",   "Tachwedd",   "Rhagfyr"};
	char *end;
	long y, m, d;

	if (iso == NULL || strlen(iso) != 10)
		return iso ? iso : "";
	y = strtol(iso, &end, 10);
	m = *end == '-' ? strtol(end + 1, &end, 10) : 0;
	d = *end == '-' ? strtol(end + 1, &end, 10) : 0;
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return iso;
	return arena_printf(a, "%ld %s %ld", d, (lang == LANG_CY ? months_cy : months_en)[m - 1],
			    y);
}

/* The officer's <error> text in lang, or NULL when none was written. */
static const char *author_error(const struct survey_question *q, enum yv_lang lang)
{
	const char *m = survey_text_get(&q->error, lang);

	return m[0] != '\0' ? m : NULL;
}

/* What a resident must do to answer q at all, built from its type and
 * label: so that two questions never share one message. */
static const char *required_message(struct arena *a, const struct survey_question *q,
				    const char *label)
{
	switch (q->type) {
	case SQ_CHOICE:
		/* TRANSLATORS: %s is the question, e.g. "How do you travel?" */
		return arena_printf(a, _("Select an answer for ‘%s’"), label);
	case SQ_MULTI:
		if (q->min_select > 1)
			return arena_printf(a, _("Select at least %zu answers for ‘%s’"),
					    q->min_select, label);
		return arena_printf(a, _("Select at least one answer for ‘%s’"), label);
	case SQ_SCALE:
		return arena_printf(a, _("Select a number from %d to %d for ‘%s’"), q->scale_min,
				    q->scale_max, label);
	case SQ_RANKING:
		if (q->rank_count < q->nchoices)
			return arena_printf(a,
					    _("Rank your top %zu for ‘%s’, using the numbers 1 "
					      "to %zu"),
					    q->rank_count, label, q->rank_count);
		return arena_printf(a,
				    _("Rank all %zu options for ‘%s’, using the numbers 1 to %zu"),
				    q->rank_count, label, q->rank_count);
	case SQ_NUMBER:
		return arena_printf(a, _("Enter a number for ‘%s’"), label);
	case SQ_DATE:
		return arena_printf(a, _("Enter a date for ‘%s’"), label);
	case SQ_EMAIL:
		return arena_printf(a, _("Enter an email address for ‘%s’, like name@example.com"),
				    label);
	case SQ_POSTCODE:
		return arena_printf(a, _("Enter a postcode for ‘%s’, like SY16 1AA"), label);
	case SQ_BUDGET:
		return _("Choose a change for every service");
	default:
		return arena_printf(a, _("Enter your answer to ‘%s’"), label);
	}
}

/* "%g" of a bound, as the resident reads it ("1250", "2.5"). */
static const char *num_text(struct arena *a, double v)
{
	return arena_printf(a, "%g", v);
}

const char *form_error_message(struct arena *a, const struct survey_question *q,
			       enum survey_answer_err e, const struct survey_answer_detail *det,
			       enum yv_lang lang)
{
	const char *label = survey_text_get(&q->label, lang);
	const char *own = author_error(q, lang);

	switch (e) {
	case SA_OK:
		return NULL;
	case SA_REQUIRED:
		return own ? own : required_message(a, q, label);
	case SA_BAD_UTF8:
		return arena_printf(a, _("Remove the unusual characters from your answer to ‘%s’"),
				    label);
	case SA_TOO_LONG:
		return arena_printf(a, _("Your answer to ‘%s’ must be %zu characters or fewer"),
				    label, det->limit);
	case SA_TOO_MANY_VALUES:
	case SA_NOT_A_CHOICE:
	case SA_DUPLICATE_CHOICE:
		if (q->type == SQ_RANKING)
			return required_message(a, q, label);
		if (q->type == SQ_BUDGET)
			return _("Choose one of the answers shown");
		return arena_printf(a, _("Select one of the answers shown for ‘%s’"), label);
	case SA_TOO_FEW:
		return arena_printf(a, _("Select at least %zu answers for ‘%s’"), det->limit,
				    label);
	case SA_TOO_MANY:
		return arena_printf(a, _("Select no more than %zu answers for ‘%s’"), det->limit,
				    label);
	case SA_OTHER_MISSING:
		return arena_printf(a, _("Say what your other answer to ‘%s’ is"), label);
	case SA_OTHER_TOO_LONG:
		return arena_printf(a,
				    _("Your other answer to ‘%s’ must be %zu characters or fewer"),
				    label, det->limit);
	case SA_NOT_A_NUMBER:
		if (q->type == SQ_SCALE || q->type == SQ_RANKING)
			return required_message(a, q, label);
		if (q->type == SQ_BUDGET)
			return _("Enter a number");
		return own ? own
			   : arena_printf(a, _("Your answer to ‘%s’ must be a number, like 12"),
					  label);
	case SA_BELOW_MIN:
	case SA_ABOVE_MAX:
		if (q->type == SQ_SCALE)
			return required_message(a, q, label);
		if (q->type == SQ_RANKING) {
			if (q->rank_count < q->nchoices)
				return arena_printf(a,
						    _("Rank only your top %zu for ‘%s’: use the "
						      "numbers 1 to %zu"),
						    q->rank_count, label, q->rank_count);
			return required_message(a, q, label);
		}
		if (q->type == SQ_NUMBER && q->has_min && q->has_max)
			return arena_printf(a, _("Your answer to ‘%s’ must be between %s and %s"),
					    label, num_text(a, q->num_min),
					    num_text(a, q->num_max));
		if (q->type == SQ_NUMBER && e == SA_BELOW_MIN)
			return arena_printf(a, _("Your answer to ‘%s’ must be %s or more"), label,
					    num_text(a, q->num_min));
		if (q->type == SQ_NUMBER)
			return arena_printf(a, _("Your answer to ‘%s’ must be %s or less"), label,
					    num_text(a, q->num_max));
		return _("Choose one of the answers shown");
	case SA_BAD_STEP:
		if (q->type == SQ_BUDGET)
			return _("Choose one of the answers shown");
		return arena_printf(a, _("Your answer to ‘%s’ must be in steps of %s"), label,
				    num_text(a, q->num_step));
	case SA_BAD_DATE:
		return own ? own
			   : arena_printf(
				 a, _("The date for ‘%s’ must be a real date, like 27 3 2026"),
				 label);
	case SA_DATE_TOO_EARLY:
		return arena_printf(a, _("The date for ‘%s’ must be on or after %s"), label,
				    form_date_text(a, q->date_min, lang));
	case SA_DATE_TOO_LATE:
		return arena_printf(a, _("The date for ‘%s’ must be on or before %s"), label,
				    form_date_text(a, q->date_max, lang));
	case SA_DATE_IN_FUTURE:
		return arena_printf(a, _("The date for ‘%s’ must be today or in the past"), label);
	case SA_DATE_IN_PAST:
		return arena_printf(a, _("The date for ‘%s’ must be today or in the future"),
				    label);
	case SA_BAD_EMAIL:
		return own ? own
			   : arena_printf(
				 a,
				 _("Enter an email address in the correct format for ‘%s’, "
				   "like name@example.com"),
				 label);
	case SA_BAD_POSTCODE:
		return own ? own
			   : arena_printf(a, _("Enter a full UK postcode for ‘%s’, like SY16 1AA"),
					  label);
	case SA_NO_MATCH: {
		const char *m = survey_text_get(&q->pattern_message, lang);

		if (m[0] != '\0')
			return m;
		return own ? own
			   : arena_printf(a, _("Check the format of your answer to ‘%s’"), label);
	}
	case SA_RANKING_INCOMPLETE:
		return required_message(a, q, label);
	case SA_RANKING_DUPLICATE:
		return arena_printf(a, _("Give each option a different number for ‘%s’"), label);
	case SA_BUDGET_INCOMPLETE:
		return _("Choose a change for every service");
	case SA_BUDGET_TARGET_MISSED: {
		char m[FORM_MONEY_MAX];

		form_money_text(m, det->budget.shortfall_pence);
		/* TRANSLATORS: %s is an amount of money, e.g. "£1,200,000". */
		return arena_printf(
		    a, _("Your choices do not meet the target: find another %s of savings"), m);
	}
	}
	return _("Check your answer");
}

const char *form_error_target(struct arena *a, const struct survey_question *q,
			      enum survey_answer_err e, const struct survey_answer_detail *det)
{
	size_t i = det != NULL && det->index != (size_t)-1 ? det->index : 0;

	switch (q->type) {
	case SQ_CHOICE:
		if (e == SA_OTHER_MISSING || e == SA_OTHER_TOO_LONG)
			return arena_printf(a, "f-%s.other", q->id);
		if (q->display == SD_SELECT)
			return arena_printf(a, "f-%s", q->id);
		return arena_printf(a, "f-%s-0", q->id);
	case SQ_MULTI:
		if (e == SA_OTHER_MISSING || e == SA_OTHER_TOO_LONG)
			return arena_printf(a, "f-%s.other", q->id);
		return arena_printf(a, "f-%s-0", q->id);
	case SQ_SCALE:
		return arena_printf(a, "f-%s-%d", q->id, q->scale_min);
	case SQ_RANKING:
		if (q->nchoices == 0)
			break;
		if (i >= q->nchoices || (e != SA_NOT_A_NUMBER && e != SA_BELOW_MIN &&
					 e != SA_ABOVE_MAX && e != SA_RANKING_DUPLICATE))
			i = 0;
		return arena_printf(a, "f-%s.%s", q->id, q->choices[i].value);
	case SQ_DATE:
		return arena_printf(a, "f-%s.day", q->id);
	case SQ_BUDGET:
		if (q->budget == NULL || q->budget->nlines == 0)
			break;
		if (i > q->budget->nlines ||
		    (i == q->budget->nlines && !q->budget->has_council_tax))
			i = 0;
		return arena_printf(a, "f-%s.%s", q->id,
				    i < q->budget->nlines ? q->budget->lines[i].id : "council-tax");
	default:
		return arena_printf(a, "f-%s", q->id);
	}
	return arena_printf(a, "q-%s", q->id);
}
