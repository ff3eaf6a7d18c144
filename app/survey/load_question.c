/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * load_question: builds one question of the model from its element, with
 * the checks of each type (options, scales, numbers, dates, patterns and
 * budgets).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "core/uktime.h"
#include "survey/load_int.h"

static void load_choices(struct loader *l, xmlNode *qn, struct survey_question *q, const char *what)
{
	size_t n = 0, i = 0;

	for (xmlNode *c = qn->children; c != NULL; c = c->next)
		if (load_is_el(c, "option"))
			n++;
	if (n > SURVEY_MAX_OPTIONS) {
		load_err_at(l, qn, "%s has more than %d options", what, SURVEY_MAX_OPTIONS);
		n = SURVEY_MAX_OPTIONS;
	}
	q->choices = arena_calloc(l->a, n ? n : 1, sizeof(*q->choices));
	for (xmlNode *c = qn->children; c != NULL && i < n; c = c->next) {
		struct survey_choice *ch;
		char owhat[256];

		if (!load_is_el(c, "option"))
			continue;
		ch = &q->choices[i++];
		ch->value = load_check_id(l, c, "value", "option");
		load_node_pos(l, c, &ch->line, &ch->col);
		snprintf(owhat, sizeof(owhat), "option '%s' of %s", ch->value, what);
		load_get_text(l, c, "label", &ch->label, 1, owhat);
		ch->specify = load_attr_bool(l, c, "specify", 0);
		ch->positive = load_attr_bool(l, c, "positive", 0);
		for (size_t j = 0; j + 1 < i; j++)
			if (strcmp(q->choices[j].value, ch->value) == 0) {
				load_err_at(l, c, "%s has two options with value '%s'", what,
					    ch->value);
				break;
			}
		if (ch->specify) {
			if (q->type != SQ_CHOICE && q->type != SQ_MULTI)
				load_err_at(
				    l, c,
				    "only <choice> and <multi> options can have specify=\"true\"");
			else if (q->other != NULL)
				load_err_at(l, c,
					    "%s has more than one option with specify=\"true\"",
					    what);
			else {
				long long ml =
				    load_attr_uint(l, c, "max-length", 200, SURVEY_TEXT_MAX);

				q->other = ch;
				q->other_max_length = ml < 0 ? 200 : (size_t)ml;
			}
		} else if (xmlHasProp(c, (const xmlChar *)"max-length")) {
			load_err_at(l, c,
				    "max-length on an option only applies with specify=\"true\"");
		}
	}
	q->nchoices = i;
	/* A <multi> of one option is a single box to tick (a consent); every
	 * other choice needs two options to choose between. */
	if (q->nchoices < (q->type == SQ_MULTI ? 1u : 2u))
		load_err_at(l, qn, "%s needs at least %s", what,
			    q->type == SQ_MULTI ? "one option" : "two options");
}

static int parse_double(const char *s, double *out)
{
	char *end;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	*out = strtod(s, &end);
	if (*end != '\0' || errno != 0)
		return -1;
	return 0;
}

/* The <target> of a budget: balance, or savings of an amount in pounds. */
static void budget_target(struct loader *l, const xmlNode *t, struct survey_budget *b)
{
	const char *kind = load_attr(l, t, "kind");
	long long amount = load_attr_uint(l, t, "amount", -2, 100000000000LL);

	if (kind != NULL && strcmp(kind, "balance") == 0) {
		b->target = ST_BALANCE;
		if (amount > 0)
			load_err_at(l, t,
				    "a \"balance\" target takes no amount (use kind=\"savings\")");
	} else {
		b->target = ST_SAVINGS;
		if (amount == -2)
			load_err_at(l, t, "a \"savings\" target needs amount=\"...\" in pounds");
		else if (amount == 0)
			load_err_at(l, t,
				    "a savings target of £0: use kind=\"balance\" to stay "
				    "within the total");
		else if (amount > 0)
			b->target_pence = amount * 100;
	}
}

/* min, max and step of a service: 0% must be reachable in whole steps. */
static void budget_range(struct loader *l, const xmlNode *c, struct survey_budget_line *bl,
			 const char *lwhat)
{
	char m1[64], m2[64];

	if (load_attr_pct(l, c, "min", &bl->min_bp) == 0 && bl->min_bp < -10000)
		load_err_at(l, c, "%s cannot be cut by more than 100%%", lwhat);
	load_attr_pct(l, c, "max", &bl->max_bp);
	load_attr_pct(l, c, "step", &bl->step_bp);
	if (bl->min_bp > bl->max_bp) {
		load_pct(bl->min_bp, m1, sizeof(m1));
		load_pct(bl->max_bp, m2, sizeof(m2));
		load_err_at(l, c, "%s: min (%s) is above max (%s)", lwhat, m1, m2);
	} else if (bl->step_bp <= 0) {
		load_err_at(l, c, "%s: step must be more than 0", lwhat);
	} else if (bl->min_bp > 0 || bl->max_bp < 0 || bl->min_bp % bl->step_bp != 0) {
		load_err_at(l, c,
			    "%s: no change (0%%) must be one of the allowed changes min + k * step",
			    lwhat);
	} else if ((bl->max_bp - bl->min_bp) % bl->step_bp != 0) {
		load_err_at(l, c, "%s: max is not min plus a whole number of steps", lwhat);
	}
}

/* The level of bl whose change is ch, added in order of change when new. */
static size_t budget_level_at(struct survey_budget_line *bl, int ch)
{
	size_t k;

	for (k = 0; k < bl->nlevels; k++)
		if (bl->levels[k].change_bp == ch)
			return k;
	/* keep levels ordered by change */
	k = 0;
	while (k < bl->nlevels && bl->levels[k].change_bp < ch)
		k++;
	memmove(&bl->levels[k + 1], &bl->levels[k], (bl->nlevels - k) * sizeof(*bl->levels));
	memset(&bl->levels[k], 0, sizeof(*bl->levels));
	bl->levels[k].change_bp = ch;
	bl->nlevels++;
	return k;
}

/* The <level> children of service c: what each allowed change means, in
 * every language the survey offers. */
static void budget_levels(struct loader *l, const xmlNode *c, struct survey_budget_line *bl,
			  const char *lwhat)
{
	char m1[64];
	size_t nl = 0;

	for (xmlNode *lv = c->children; lv != NULL; lv = lv->next)
		if (load_is_el(lv, "level"))
			nl++;
	bl->levels = arena_calloc(l->a, nl ? nl : 1, sizeof(*bl->levels));
	for (xmlNode *lv = c->children; lv != NULL; lv = lv->next) {
		int ch, lang;
		xmlChar *lc;
		size_t k;

		if (!load_is_el(lv, "level") || load_attr_pct(l, lv, "change", &ch) < 0)
			continue;
		if (ch < bl->min_bp || ch > bl->max_bp ||
		    (bl->step_bp > 0 && (ch - bl->min_bp) % bl->step_bp)) {
			load_pct(ch, m1, sizeof(m1));
			load_err_at(l, lv, "%s: level %s is not one of the allowed changes", lwhat,
				    m1);
			continue;
		}
		k = budget_level_at(bl, ch);
		lc = xmlNodeGetLang(lv);
		lang = lc ? survey_lang_parse((const char *)lc) : -1;
		if (lang < 0 || !(l->s->langs & (1u << lang))) {
			load_err_at(l, lv,
				    "<level> of %s is in xml:lang=\"%s\", not a language this "
				    "survey offers",
				    lwhat, lc ? (const char *)lc : "");
		} else if (bl->levels[k].meaning.t[lang] != NULL) {
			load_pct(ch, m1, sizeof(m1));
			load_err_at(l, lv, "second %s <level> for %s of %s", load_lang_name(lang),
				    m1, lwhat);
		} else {
			bl->levels[k].meaning.t[lang] = load_node_text(l, lv);
			if (bl->levels[k].meaning.t[lang][0] == '\0')
				load_err_at(l, lv, "<level> of %s is empty", lwhat);
		}
		xmlFree(lc);
	}
	for (size_t k = 0; k < bl->nlevels; k++)
		for (int lang = 0; lang < LANG_N; lang++)
			if ((l->s->langs & (1u << lang)) && bl->levels[k].meaning.t[lang] == NULL) {
				load_pct(bl->levels[k].change_bp, m1, sizeof(m1));
				load_err_at(l, c, "%s has no %s (%s) <level> for %s", lwhat,
					    load_lang_name(lang),
					    survey_lang_code((enum yv_lang)lang), m1);
			}
}

/* Service c, the i-th line (b->lines[0..i-1] already read). */
static void budget_service(struct loader *l, const xmlNode *c, struct survey_budget *b, size_t i,
			   const char *what)
{
	struct survey_budget_line *bl = &b->lines[i];
	char lwhat[256];
	long long spend;

	bl->id = load_check_id(l, c, "id", "service");
	load_node_pos(l, c, &bl->line, &bl->col);
	snprintf(lwhat, sizeof(lwhat), "service '%s'", bl->id);
	if (strcmp(bl->id, "council-tax") == 0 || strcmp(bl->id, "other") == 0)
		load_err_at(l, c, "service id '%s' is reserved", bl->id);
	for (size_t j = 0; j < i; j++)
		if (strcmp(b->lines[j].id, bl->id) == 0) {
			load_err_at(l, c, "%s has two services with id '%s'", what, bl->id);
			break;
		}
	load_get_text(l, c, "label", &bl->label, 1, lwhat);
	load_get_text(l, c, "description", &bl->description, 0, lwhat);
	spend = load_attr_uint(l, c, "spend", 0, 10000000000LL);
	bl->spend_pence = spend < 0 ? 0 : spend * 100;
	budget_range(l, c, bl, lwhat);
	budget_levels(l, c, bl, lwhat);
}

/* band-d="1820.50": the yearly council tax of a Band D home now, in
 * pounds with at most two decimal places, more than 0 and under £100,000. */
static void budget_band_d(struct loader *l, const xmlNode *ct, struct survey_budget *b)
{
	const char *v = load_attr(l, ct, "band-d");
	long long pence = 0;
	int digits = -1;

	if (v == NULL)
		return;
	for (const char *p = v; *p != '\0' && pence >= 0; p++) {
		if (*p >= '0' && *p <= '9' && digits < 2 && pence < 10000000) {
			pence = pence * 10 + (*p - '0');
			if (digits >= 0)
				digits++;
		} else if (*p == '.' && digits < 0 && p != v && p[1] != '\0') {
			digits = 0;
		} else {
			pence = -1;
		}
	}
	for (int d = digits < 0 ? 0 : digits; d < 2 && pence >= 0; d++)
		pence *= 10;
	if (pence <= 0 || pence >= 10000000)
		load_err_at(l, ct,
			    "council tax: band-d=\"%s\" must be the yearly council tax of a Band D "
			    "home in pounds, more than 0 and under 100000, with at most two "
			    "decimal places (like 1820.50)",
			    v);
	else
		b->ct_band_d_pence = pence;
}

/* The <contradiction> children of a budget: read here, their question and
 * answer checked with the other references (load_refs.c) once every
 * question is known. */
static void budget_contradictions(struct loader *l, const xmlNode *qn, struct survey_budget *b,
				  const char *what)
{
	size_t n = 0;

	for (xmlNode *c = qn->children; c != NULL; c = c->next)
		n += load_is_el(c, "contradiction");
	b->contradictions = arena_calloc(l->a, n ? n : 1, sizeof(*b->contradictions));
	for (xmlNode *c = qn->children; c != NULL; c = c->next) {
		struct survey_budget_contradiction *x = &b->contradictions[b->ncontradictions];
		const char *when;
		size_t i;

		if (!load_is_el(c, "contradiction"))
			continue;
		b->ncontradictions++;
		load_node_pos(l, c, &x->line_no, &x->col);
		x->qid = load_attr(l, c, "question");
		x->value = load_attr(l, c, "answer");
		x->service = load_attr(l, c, "service");
		when = load_attr(l, c, "when");
		if (x->qid == NULL)
			x->qid = "";
		if (x->value == NULL)
			x->value = "";
		if (x->service == NULL)
			x->service = "";
		x->when = when != NULL && strcmp(when, "cut") == 0	   ? SBW_CUT
			  : when != NULL && strcmp(when, "no-change") == 0 ? SBW_NO_CHANGE
									   : SBW_RISE;
		for (i = 0; i < b->nlines; i++)
			if (strcmp(b->lines[i].id, x->service) == 0)
				break;
		x->line = i;
		if (i == b->nlines &&
		    !(strcmp(x->service, "council-tax") == 0 && b->has_council_tax))
			load_err_at(l, c, "<contradiction> of %s names unknown service '%s'", what,
				    x->service);
		load_get_text(l, c, "message", &x->message, 1, "the <contradiction>");
	}
}

/* The optional <council-tax> line. */
static void budget_council_tax(struct loader *l, const xmlNode *ct, struct survey_budget *b)
{
	long long inc = load_attr_uint(l, ct, "income-per-step", 0, 10000000000LL);
	char m1[64], m2[64];

	b->has_council_tax = 1;
	load_get_text(l, ct, "label", &b->ct_label, 1, "the council tax line");
	load_get_text(l, ct, "description", &b->ct_description, 0, "the council tax line");
	load_attr_pct(l, ct, "min", &b->ct_min_bp);
	load_attr_pct(l, ct, "max", &b->ct_max_bp);
	load_attr_pct(l, ct, "step", &b->ct_step_bp);
	b->ct_income_per_step_pence = inc < 0 ? 0 : inc * 100;
	budget_band_d(l, ct, b);
	if (b->ct_min_bp > b->ct_max_bp) {
		load_pct(b->ct_min_bp, m1, sizeof(m1));
		load_pct(b->ct_max_bp, m2, sizeof(m2));
		load_err_at(l, ct, "council tax: min (%s) is above max (%s)", m1, m2);
	} else if (b->ct_step_bp <= 0) {
		load_err_at(l, ct, "council tax: step must be more than 0");
	} else if (b->ct_min_bp % b->ct_step_bp != 0 ||
		   (b->ct_max_bp - b->ct_min_bp) % b->ct_step_bp != 0) {
		load_err_at(l, ct, "council tax: min and max must be whole numbers of steps");
	}
}

/* Whether the target t can be met by the allowed changes at all. */
static void budget_feasible(struct loader *l, const xmlNode *t, const struct survey_budget *b)
{
	long long best = survey_budget_max_savings(b);
	char m1[64], m2[64];

	if (best < b->target_pence) {
		load_money(b->target_pence, m1, sizeof(m1));
		load_money(best, m2, sizeof(m2));
		load_err_at(l, t,
			    "the target of %s savings cannot be met: the allowed changes save "
			    "at most %s",
			    m1, m2);
	} else if (best < 0) {
		load_money(-best, m2, sizeof(m2));
		load_err_at(l, t,
			    "the budget cannot stay within the total: the smallest allowed "
			    "changes still add %s",
			    m2);
	}
}

static void load_budget(struct loader *l, xmlNode *qn, struct survey_question *q, const char *what)
{
	struct survey_budget *b = arena_calloc(l->a, 1, sizeof(*b));
	xmlNode *t = load_first_el(qn, "target"), *ct = load_first_el(qn, "council-tax");
	size_t n = 0, i = 0, nerr0 = l->nerr;

	q->budget = b;
	if (t != NULL)
		budget_target(l, t, b);
	for (xmlNode *c = qn->children; c != NULL; c = c->next)
		if (load_is_el(c, "service"))
			n++;
	if (n > SURVEY_MAX_SERVICES) {
		load_err_at(l, qn, "%s has more than %d services", what, SURVEY_MAX_SERVICES);
		n = SURVEY_MAX_SERVICES;
	}
	b->lines = arena_calloc(l->a, n ? n : 1, sizeof(*b->lines));
	for (xmlNode *c = qn->children; c != NULL && i < n; c = c->next) {
		if (!load_is_el(c, "service"))
			continue;
		budget_service(l, c, b, i, what);
		i++;
	}
	b->nlines = i;
	if (ct != NULL)
		budget_council_tax(l, ct, b);
	budget_contradictions(l, qn, b, what);
	if (l->nerr == nerr0 && t != NULL)
		budget_feasible(l, t, b);
}

static const char *const qtype_names[] = {
    [SQ_CHOICE] = "choice",	    [SQ_MULTI] = "multi",	  [SQ_SCALE] = "scale",
    [SQ_RANKING] = "ranking",	    [SQ_NUMBER] = "number",	  [SQ_DATE] = "date",
    [SQ_SHORT_TEXT] = "short-text", [SQ_LONG_TEXT] = "long-text", [SQ_EMAIL] = "email",
    [SQ_POSTCODE] = "postcode",	    [SQ_PATTERN] = "pattern",	  [SQ_BUDGET] = "budget",
};

const char *survey_qtype_name(enum survey_qtype t)
{
	return (size_t)t < sizeof(qtype_names) / sizeof(qtype_names[0]) ? qtype_names[t] : "?";
}

int load_qtype_of(const xmlNode *n)
{
	for (size_t i = 0; i < sizeof(qtype_names) / sizeof(qtype_names[0]); i++)
		if (load_is_el(n, qtype_names[i]))
			return (int)i;
	return -1;
}

static void check_date_attr(struct loader *l, const xmlNode *n, const char *name, const char **out)
{
	const char *v = load_attr(l, n, name);
	time_t t;

	*out = v;
	if (v != NULL && (strlen(v) != 10 || survey_london_time(v, &t) < 0))
		load_err_at(l, n, "%s=\"%s\" must be a date YYYY-MM-DD", name, v);
}

/* not-after="today" / not-before="today": the only value is "today" (the
 * schema says so too); a bound that contradicts a fixed min or max today
 * leaves no date a resident could give. */
static void question_date_today(struct loader *l, xmlNode *qn, struct survey_question *q,
				const char *what)
{
	const char *na = load_attr(l, qn, "not-after"), *nb = load_attr(l, qn, "not-before");
	char today[48];
	time_t now = time(NULL);
	struct tm tm;

	if (na != NULL && strcmp(na, "today") != 0)
		load_err_at(l, qn, "%s: not-after=\"%s\" must be \"today\"", what, na);
	if (nb != NULL && strcmp(nb, "today") != 0)
		load_err_at(l, qn, "%s: not-before=\"%s\" must be \"today\"", what, nb);
	q->date_not_after_today = na != NULL && strcmp(na, "today") == 0;
	q->date_not_before_today = nb != NULL && strcmp(nb, "today") == 0;
	uktime_local(now, &tm);
	snprintf(today, sizeof(today), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday);
	if (q->date_not_after_today && q->date_min != NULL && strcmp(q->date_min, today) > 0)
		load_err_at(l, qn,
			    "%s: not-after=\"today\" with min (%s) in the future leaves no date "
			    "that can be given today",
			    what, q->date_min);
	if (q->date_not_before_today && q->date_max != NULL && strcmp(q->date_max, today) < 0)
		load_err_at(l, qn,
			    "%s: not-before=\"today\" with max (%s) in the past leaves no date "
			    "that can be given today",
			    what, q->date_max);
}

static void question_multi(struct loader *l, xmlNode *qn, struct survey_question *q,
			   const char *what)
{
	long long mn = load_attr_uint(l, qn, "min", 0, 1000);
	long long mx = load_attr_uint(l, qn, "max", 0, 1000);

	load_choices(l, qn, q, what);
	q->min_select = mn < 0 ? 0 : (size_t)mn;
	q->max_select = mx < 0 ? 0 : (size_t)mx;
	if (q->max_select != 0 && q->min_select > q->max_select)
		load_err_at(l, qn, "%s: min (%zu) is above max (%zu)", what, q->min_select,
			    q->max_select);
	else if (q->max_select > q->nchoices || q->min_select > q->nchoices)
		load_err_at(l, qn, "%s: min and max cannot be more than the %zu options", what,
			    q->nchoices);
	if (q->max_select == 0)
		q->max_select = q->nchoices;
	if (q->min_select > 0 && !q->required)
		load_err_at(l, qn,
			    "%s: min=\"%zu\" needs required=\"true\" (an optional question can "
			    "be left empty)",
			    what, q->min_select);
}

static void question_scale(struct loader *l, xmlNode *qn, struct survey_question *q,
			   const char *what)
{
	const char *mn = load_attr(l, qn, "min"), *mx = load_attr(l, qn, "max");
	char *e1 = NULL, *e2 = NULL;
	long a = mn ? strtol(mn, &e1, 10) : 0, b = mx ? strtol(mx, &e2, 10) : 0;

	if (mn == NULL || mx == NULL || *e1 || *e2 || a < -100 || b > 100) {
		load_err_at(l, qn, "%s: min and max must be whole numbers from -100 to 100", what);
		return;
	}
	q->scale_min = (int)a;
	q->scale_max = (int)b;
	if (a >= b)
		load_err_at(l, qn, "%s: min (%ld) must be below max (%ld)", what, a, b);
	else if (b - a > 10)
		load_err_at(l, qn, "%s: a scale has at most 11 points", what);
	q->dont_know = load_attr_bool(l, qn, "dont-know", 0);
	load_get_text(l, qn, "min-label", &q->scale_min_label, 0, what);
	load_get_text(l, qn, "max-label", &q->scale_max_label, 0, what);
}

static void question_number(struct loader *l, xmlNode *qn, struct survey_question *q,
			    const char *what)
{
	const char *mn = load_attr(l, qn, "min"), *mx = load_attr(l, qn, "max"),
		   *st = load_attr(l, qn, "step");

	q->num_step = 1;
	if (mn != NULL && parse_double(mn, &q->num_min) == 0)
		q->has_min = 1;
	else if (mn != NULL)
		load_err_at(l, qn, "%s: min=\"%s\" is not a number", what, mn);
	if (mx != NULL && parse_double(mx, &q->num_max) == 0)
		q->has_max = 1;
	else if (mx != NULL)
		load_err_at(l, qn, "%s: max=\"%s\" is not a number", what, mx);
	if (st != NULL && (parse_double(st, &q->num_step) < 0 || !(q->num_step > 0)))
		load_err_at(l, qn, "%s: step=\"%s\" must be a number above 0", what, st);
	if (q->has_min && q->has_max && q->num_min > q->num_max)
		load_err_at(l, qn, "%s: min (%s) is above max (%s)", what, mn, mx);
	load_get_text(l, qn, "unit", &q->unit, 0, what);
}

/* short-text, long-text and pattern: a length limit, and for a pattern a
 * regular expression that must compile. */
static void question_text(struct loader *l, xmlNode *qn, struct survey_question *q,
			  const char *what)
{
	long long v = load_attr_uint(l, qn, "max-length", q->type == SQ_LONG_TEXT ? 5000 : 200,
				     SURVEY_TEXT_MAX);
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *code;

	q->max_length = v < 0 ? 200 : (size_t)v;
	if (q->type != SQ_PATTERN)
		return;
	q->pattern = load_attr(l, qn, "regex");
	load_get_text(l, qn, "message", &q->pattern_message, 1, what);
	if (q->pattern == NULL)
		return;
	code = pcre2_compile((PCRE2_SPTR)q->pattern, PCRE2_ZERO_TERMINATED,
			     PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED | PCRE2_ENDANCHORED, &ec, &eo,
			     NULL);
	if (code == NULL) {
		PCRE2_UCHAR buf[256];

		pcre2_get_error_message(ec, buf, sizeof(buf));
		load_err_at(l, qn, "%s: the pattern does not compile: %s (at character %zu)", what,
			    (const char *)buf, (size_t)eo + 1);
	} else {
		q->pattern_code = code;
	}
}

void load_question(struct loader *l, xmlNode *qn, struct survey_question *q, size_t page_index)
{
	char what[128];
	long long v;

	q->type = (enum survey_qtype)load_qtype_of(qn);
	q->page_index = page_index;
	q->id = load_check_id(l, qn, "id", "question");
	load_node_pos(l, qn, &q->line, &q->col);
	snprintf(what, sizeof(what), "question '%s'", q->id);
	q->required = load_attr_bool(l, qn, "required", 0);
	q->personal = load_attr_bool(l, qn, "personal", 0);
	q->personal = survey_question_is_personal(q);
	q->show_if = load_attr(l, qn, "show-if");
	load_get_text(l, qn, "label", &q->label, 1, what);
	load_get_text(l, qn, "hint", &q->hint, 0, what);
	load_get_text(l, qn, "error", &q->error, 0, what);

	switch (q->type) {
	case SQ_CHOICE: {
		const char *disp = load_attr(l, qn, "display");

		q->display = disp != NULL && strcmp(disp, "select") == 0 ? SD_SELECT : SD_RADIOS;
		load_choices(l, qn, q, what);
		if (q->display == SD_SELECT && q->other != NULL)
			load_err_at(l, qn, "%s: a select cannot have a specify option (use radios)",
				    what);
		break;
	}
	case SQ_MULTI:
		question_multi(l, qn, q, what);
		break;
	case SQ_SCALE:
		question_scale(l, qn, q, what);
		break;
	case SQ_RANKING:
		load_choices(l, qn, q, what);
		v = load_attr_uint(l, qn, "rank", (long long)q->nchoices, 1000);
		q->rank_count = v < 0 ? q->nchoices : (size_t)v;
		if (q->rank_count > q->nchoices)
			load_err_at(l, qn, "%s: rank=\"%zu\" is more than the %zu options", what,
				    q->rank_count, q->nchoices);
		break;
	case SQ_NUMBER:
		question_number(l, qn, q, what);
		break;
	case SQ_DATE:
		check_date_attr(l, qn, "min", &q->date_min);
		check_date_attr(l, qn, "max", &q->date_max);
		if (q->date_min != NULL && q->date_max != NULL &&
		    strcmp(q->date_min, q->date_max) > 0)
			load_err_at(l, qn, "%s: min (%s) is after max (%s)", what, q->date_min,
				    q->date_max);
		question_date_today(l, qn, q, what);
		break;
	case SQ_SHORT_TEXT:
	case SQ_LONG_TEXT:
	case SQ_PATTERN:
		question_text(l, qn, q, what);
		break;
	case SQ_EMAIL:
		q->max_length = 254;
		break;
	case SQ_POSTCODE:
		q->max_length = 10;
		break;
	case SQ_BUDGET:
		load_budget(l, qn, q, what);
		break;
	}
}
