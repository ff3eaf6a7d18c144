/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * paper: a survey as a printable paper form (paper.h), for residents who
 * do not go online: every question numbered, with boxes to tick or write
 * in, the routing of show-if conditions written as instructions, the
 * budget as a table of steps to circle, the privacy notice, the closing
 * date and the address to send it back to. The page /s/<id>/paper and
 * `yourvoice paper` both write it. May use: core, survey, render/html,
 * render/page (dates) and render/form (money and percentages).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "assets.h"
#include "core/i18n.h"
#include "render/form.h"
#include "render/page.h"
#include "render/paper.h"

#define PAPER_MAX_VALUES 16 /* values of one simple condition we spell out */
#define NUMBER_BOXES_MAX 12 /* character boxes of a number answer */

/* ---------- routing: simple show-if conditions ---------- */

/*
 * A condition in one of the common simple forms: answer('q') = 'v', or
 * several such terms on the same question joined by "or", or a single
 * answer('q') != 'v'. values[] point into the condition's source.
 */
struct simple_cond {
	char qid[64];
	const char *values[PAPER_MAX_VALUES];
	size_t lens[PAPER_MAX_VALUES];
	size_t nvalues;
	int negated;
};

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* A quoted string at p: its start and length; the byte after it, or NULL. */
static const char *quoted(const char *p, const char **start, size_t *len)
{
	char q = *p;
	const char *e;

	if (q != '\'' && q != '"')
		return NULL;
	e = strchr(p + 1, q);
	if (e == NULL)
		return NULL;
	*start = p + 1;
	*len = (size_t)(e - p - 1);
	return e + 1;
}

/* One term answer('q') = 'v' or != 'v' at p; the byte after it, or NULL. */
static const char *term(const char *p, const char **qid, size_t *qlen, const char **v, size_t *vlen,
			int *neg)
{
	p = skip_space(p);
	if (strncmp(p, "answer(", 7) != 0)
		return NULL;
	p = quoted(skip_space(p + 7), qid, qlen);
	if (p == NULL)
		return NULL;
	p = skip_space(p);
	if (*p != ')')
		return NULL;
	p = skip_space(p + 1);
	*neg = 0;
	if (p[0] == '!' && p[1] == '=') {
		*neg = 1;
		p += 2;
	} else if (p[0] == '=') {
		p++;
	} else {
		return NULL;
	}
	return quoted(skip_space(p), v, vlen);
}

/* 1 when expr is a simple condition (filled into c), else 0. */
static int simple_parse(const char *expr, struct simple_cond *c)
{
	const char *p = expr;

	memset(c, 0, sizeof(*c));
	for (;;) {
		const char *qid, *v;
		size_t qlen, vlen;
		int neg;

		p = term(p, &qid, &qlen, &v, &vlen, &neg);
		if (p == NULL || qlen == 0 || qlen >= sizeof(c->qid) ||
		    c->nvalues == PAPER_MAX_VALUES)
			return 0;
		if (c->nvalues == 0) {
			memcpy(c->qid, qid, qlen);
			c->qid[qlen] = '\0';
			c->negated = neg;
		} else if (strlen(c->qid) != qlen || memcmp(c->qid, qid, qlen) != 0 || neg ||
			   c->negated) {
			return 0;
		}
		c->values[c->nvalues] = v;
		c->lens[c->nvalues++] = vlen;
		p = skip_space(p);
		if (*p == '\0')
			return 1;
		if (strncmp(p, "or", 2) != 0 || (p[2] != ' ' && p[2] != '\t' && p[2] != '\n'))
			return 0;
		p += 2;
	}
}

/* Whether an answer of value v to c's question makes c true. */
static int simple_holds(const struct simple_cond *c, const char *v)
{
	int any = 0;

	for (size_t k = 0; k < c->nvalues; k++)
		if (strlen(v) == c->lens[k] && memcmp(v, c->values[k], c->lens[k]) == 0)
			any = 1;
	return c->negated ? !any : any;
}

/* ---------- numbering ---------- */

struct paper {
	struct html *h;
	struct arena *a;
	const struct survey *s;
	enum yv_lang lang;
	/* question number of the k-th question in survey order (from 1) */
	const struct survey_question **order;
	size_t nq;
};

static size_t number_of(const struct paper *pp, const struct survey_question *q)
{
	for (size_t k = 0; k < pp->nq; k++)
		if (pp->order[k] == q)
			return k + 1;
	return 0;
}

static const char *choice_label(const struct paper *pp, const struct survey_question *q,
				const char *v, size_t n)
{
	for (size_t i = 0; i < q->nchoices; i++)
		if (strlen(q->choices[i].value) == n && memcmp(q->choices[i].value, v, n) == 0)
			return survey_text_get(&q->choices[i].label, pp->lang);
	if (n == 9 && memcmp(v, "dont-know", 9) == 0)
		return _("Don't know");
	return arena_strndup(pp->a, v, n);
}

/* "“Yes”" or "“Yes” or “Not sure”": the answers of c, quoted. */
static const char *answers_text(const struct paper *pp, const struct survey_question *q,
				const struct simple_cond *c)
{
	const char *out = "";

	for (size_t k = 0; k < c->nvalues; k++) {
		const char *l = choice_label(pp, q, c->values[k], c->lens[k]);

		out = k == 0 ? arena_printf(pp->a, "“%s”", l)
			     : arena_printf(pp->a, "%s %s “%s”", out, _("or"), l);
	}
	return out;
}

/*
 * The instruction for something shown only when cond holds: for_part 1 for
 * a part (page) of the form, 0 for one question. Written in a paragraph
 * of class "routing".
 */
static void routing_only_if(struct paper *pp, const struct survey_cond *cond, const char *src,
			    int for_part)
{
	struct simple_cond c;
	const struct survey_question *ref;
	const char *text;

	(void)cond;
	if (src == NULL)
		return;
	ref = simple_parse(src, &c) ? survey_find_question(pp->s, c.qid) : NULL;
	if (ref != NULL) {
		const char *ans = answers_text(pp, ref, &c);
		size_t n = number_of(pp, ref);

		if (c.negated)
			text =
			    arena_printf(pp->a,
					 for_part ? _("Answer the questions in this part only if "
						      "you did not answer %s to question %zu.")
						  : _("Answer this only if you did not answer %s "
						      "to question %zu."),
					 ans, n);
		else
			text =
			    arena_printf(pp->a,
					 for_part ? _("Answer the questions in this part only if "
						      "you answered %s to question %zu.")
						  : _("Answer this only if you answered %s to "
						      "question %zu."),
					 ans, n);
	} else {
		text = for_part ? _("Whether this part is for you depends on your earlier answers: "
				    "answer it if it applies to you, or go on to the next part.")
				: _("Whether this question is for you depends on your earlier "
				    "answers: answer it if it applies to you.");
	}
	html_lit(pp->h, "<p class=\"routing\"><strong>");
	html_text(pp->h, text);
	html_lit(pp->h, "</strong></p>\n");
}

/* Whether question k (survey order) is skipped when q is answered v: its
 * page's or its own condition is a simple one on q that v makes false. */
static int skipped_by(const struct paper *pp, size_t k, const struct survey_question *q,
		      const char *v)
{
	const struct survey_question *x = pp->order[k];
	const char *srcs[2] = {pp->s->pages[x->page_index].show_if, x->show_if};

	for (int i = 0; i < 2; i++) {
		struct simple_cond c;

		if (srcs[i] != NULL && simple_parse(srcs[i], &c) && strcmp(c.qid, q->id) == 0 &&
		    !simple_holds(&c, v))
			return 1;
	}
	return 0;
}

/*
 * After question i (survey order): for each single-choice question q up to
 * it and each answer v of q after which the next questions are skipped
 * (and question i is not), where to go next.
 */
static void routing_go_to(struct paper *pp, size_t i)
{
	int any = 0;

	if (i + 1 >= pp->nq)
		return;
	for (size_t qi = 0; qi <= i; qi++) {
		const struct survey_question *q = pp->order[qi];

		if (q->type != SQ_CHOICE)
			continue;
		for (size_t c = 0; c < q->nchoices; c++) {
			const char *v = q->choices[c].value;
			const char *label = survey_text_get(&q->choices[c].label, pp->lang);
			size_t k = i + 1; /* the next question not skipped */
			const char *text;

			if (!skipped_by(pp, k, q, v) || skipped_by(pp, i, q, v))
				continue;
			while (k < pp->nq && skipped_by(pp, k, q, v))
				k++;
			if (qi == i && k < pp->nq)
				text = arena_printf(pp->a,
						    _("If you answered “%s”, go to question %zu."),
						    label, k + 1);
			else if (qi == i)
				text = arena_printf(
				    pp->a, _("If you answered “%s”, go to the end of the form."),
				    label);
			else if (k < pp->nq)
				text = arena_printf(
				    pp->a,
				    _("If you answered “%s” to question %zu, go to question %zu."),
				    label, qi + 1, k + 1);
			else
				text = arena_printf(pp->a,
						    _("If you answered “%s” to question %zu, go to "
						      "the end of the form."),
						    label, qi + 1);
			if (!any)
				html_lit(pp->h, "<ul class=\"routing\">\n");
			any = 1;
			html_lit(pp->h, "<li><strong>");
			html_text(pp->h, text);
			html_lit(pp->h, "</strong></li>\n");
		}
	}
	if (any)
		html_lit(pp->h, "</ul>\n");
}

/* ---------- answer spaces ---------- */

static void box(struct html *h)
{
	html_lit(h, "<span class=\"paper-box\" aria-hidden=\"true\"></span>");
}

static void char_boxes(struct html *h, size_t n)
{
	html_lit(h, "<span class=\"paper-chars\" aria-hidden=\"true\">");
	for (size_t i = 0; i < n; i++)
		html_lit(h, "<span class=\"paper-box\"></span>");
	html_lit(h, "</span>");
}

static void lines(struct html *h, size_t n)
{
	html_lit(h, "<div class=\"paper-lines\" aria-hidden=\"true\">");
	for (size_t i = 0; i < n; i++)
		html_lit(h, "<div class=\"paper-line\"></div>");
	html_lit(h, "</div>\n");
}

static void instruction(struct html *h, const char *text)
{
	html_lit(h, "<p class=\"paper-instruction\">");
	html_text(h, text);
	html_lit(h, "</p>\n");
}

static void tick_list(struct paper *pp, const struct survey_question *q)
{
	struct html *h = pp->h;

	html_lit(h, "<ul class=\"paper-options\">\n");
	for (size_t i = 0; i < q->nchoices; i++) {
		html_lit(h, "<li>");
		box(h);
		html_lit(h, " ");
		html_text(h, survey_text_get(&q->choices[i].label, pp->lang));
		if (q->choices[i].specify) {
			html_lit(h, " <span class=\"paper-specify\">(");
			html_text(h, _("Please specify"));
			html_lit(h, ")</span>");
			lines(h, 1);
		}
		html_lit(h, "</li>\n");
	}
	html_lit(h, "</ul>\n");
}

static void scale_row(struct paper *pp, const struct survey_question *q)
{
	struct html *h = pp->h;

	instruction(h, _("Tick one box."));
	html_lit(h, "<div class=\"paper-scale\">\n<span class=\"paper-scale-end\">");
	html_text(h, survey_text_get(&q->scale_min_label, pp->lang));
	html_lit(h, "</span>\n<ul class=\"paper-scale-points\">");
	for (int v = q->scale_min; v <= q->scale_max; v++) {
		html_lit(h, "<li>");
		html_int(h, v);
		html_lit(h, " ");
		box(h);
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul>\n<span class=\"paper-scale-end\">");
	html_text(h, survey_text_get(&q->scale_max_label, pp->lang));
	html_lit(h, "</span>\n</div>\n");
	if (q->dont_know) {
		html_lit(h, "<p>");
		box(h);
		html_lit(h, " ");
		html_text(h, _("Don't know"));
		html_lit(h, "</p>\n");
	}
}

static void ranking(struct paper *pp, const struct survey_question *q)
{
	struct html *h = pp->h;
	size_t n = q->rank_count ? q->rank_count : q->nchoices;

	instruction(h, arena_printf(pp->a,
				    _("Write a number in the box next to the options, 1 for the "
				      "most important: number up to %zu."),
				    n));
	html_lit(h, "<ul class=\"paper-options\">\n");
	for (size_t i = 0; i < q->nchoices; i++) {
		html_lit(h, "<li>");
		char_boxes(h, n >= 10 ? 2 : 1);
		html_lit(h, " ");
		html_text(h, survey_text_get(&q->choices[i].label, pp->lang));
		html_lit(h, "</li>\n");
	}
	html_lit(h, "</ul>\n");
}

/* Digits needed to write any whole number between the bounds. */
static size_t number_width(const struct survey_question *q)
{
	char m[64];
	double big = 0;
	size_t w;
	int len;

	if (!q->has_max && !q->has_min)
		return 6;
	if (q->has_max)
		big = q->num_max < 0 ? -q->num_max : q->num_max;
	if (q->has_min && (q->num_min < 0 ? -q->num_min : q->num_min) > big)
		big = q->num_min < 0 ? -q->num_min : q->num_min;
	len = snprintf(m, sizeof(m), "%.0f", big);
	w = len > 0 ? (size_t)len : 6;
	if (q->has_min && q->num_min < 0)
		w++;
	if (q->num_step > 0 && q->num_step < 1)
		w += 3; /* a decimal point and two places */
	return w > NUMBER_BOXES_MAX ? NUMBER_BOXES_MAX : w;
}

static void number(struct paper *pp, const struct survey_question *q)
{
	struct html *h = pp->h;
	const char *unit = survey_text_get(&q->unit, pp->lang);

	if (q->has_min && q->has_max)
		instruction(h, arena_printf(pp->a, _("Write a number from %g to %g."), q->num_min,
					    q->num_max));
	else
		instruction(h, _("Write a number."));
	html_lit(h, "<p>");
	char_boxes(h, number_width(q));
	if (unit[0] != '\0') {
		html_lit(h, " ");
		html_text(h, unit);
	}
	html_lit(h, "</p>\n");
}

static void date(struct paper *pp)
{
	struct html *h = pp->h;

	instruction(h, _("Write the date as day, month and year, for example 27 03 2026."));
	html_lit(h, "<p class=\"paper-date\"><span>");
	html_text(h, _("Day"));
	html_lit(h, " ");
	char_boxes(h, 2);
	html_lit(h, "</span> <span>");
	html_text(h, _("Month"));
	html_lit(h, " ");
	char_boxes(h, 2);
	html_lit(h, "</span> <span>");
	html_text(h, _("Year"));
	html_lit(h, " ");
	char_boxes(h, 4);
	html_lit(h, "</span></p>\n");
}

/* Lines enough for max characters (about 70 to a line), 1 to 12. */
static void text_space(struct paper *pp, const struct survey_question *q, int long_text)
{
	size_t n = 1;

	if (long_text) {
		n = (q->max_length ? q->max_length : 2000) / 70 + 1;
		if (n < 4)
			n = 4;
		if (n > 12)
			n = 12;
		if (q->max_length)
			instruction(pp->h,
				    arena_printf(pp->a, _("Up to %zu characters."), q->max_length));
	}
	lines(pp->h, n);
}

static void budget(struct paper *pp, const struct survey_question *q)
{
	struct html *h = pp->h;
	const struct survey_budget *bu = q->budget;
	char m[FORM_MONEY_MAX], pc[24];

	if (bu == NULL)
		return;
	if (bu->target == ST_SAVINGS) {
		form_money_text(m, bu->target_pence);
		html_lit(h, "<p class=\"paper-target\"><strong>");
		html_text(h, _("Savings to find:"));
		html_lit(h, " ");
		html_text(h, m);
		html_lit(h, "</strong></p>\n");
	} else {
		html_lit(h, "<p class=\"paper-target\"><strong>");
		html_text(h, _("Your choices must stay within the current total budget."));
		html_lit(h, "</strong></p>\n");
	}
	instruction(h, _("For each line, circle one change (in per cent). 0 keeps it as it is."));
	html_lit(h, "<table class=\"paper-budget\">\n<thead><tr><th scope=\"col\">");
	html_text(h, _("Service"));
	html_lit(h, "</th><th scope=\"col\">");
	html_text(h, _("Current spend:"));
	html_lit(h, "</th><th scope=\"col\">");
	html_text(h, _("Change to circle (%)"));
	html_lit(h, "</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < bu->nlines; i++) {
		const struct survey_budget_line *l = &bu->lines[i];
		int step = l->step_bp > 0 ? l->step_bp : 100;

		html_lit(h, "<tr><th scope=\"row\">");
		html_text(h, survey_text_get(&l->label, pp->lang));
		html_lit(h, "</th><td>");
		form_money_text(m, l->spend_pence);
		html_text(h, m);
		html_lit(h, "</td><td class=\"paper-steps\">");
		for (int bp = l->min_bp; bp <= l->max_bp; bp += step) {
			form_hundredths(pc, bp, 1);
			html_lit(h, "<span class=\"paper-step\">");
			html_text(h, bp == 0 ? "0" : pc);
			html_lit(h, "</span> ");
		}
		html_lit(h, "</td></tr>\n");
	}
	if (bu->has_council_tax) {
		int step = bu->ct_step_bp > 0 ? bu->ct_step_bp : 100;

		html_lit(h, "<tr><th scope=\"row\">");
		html_text(h, survey_text_get(&bu->ct_label, pp->lang));
		html_lit(h, "</th><td>");
		form_money_text(m, bu->ct_income_per_step_pence);
		form_hundredths(pc, step, 0);
		html_text(h, arena_printf(pp->a, _("each %s%% raises %s"), pc, m));
		html_lit(h, "</td><td class=\"paper-steps\">");
		for (int bp = bu->ct_min_bp; bp <= bu->ct_max_bp; bp += step) {
			form_hundredths(pc, bp, 1);
			html_lit(h, "<span class=\"paper-step\">");
			html_text(h, bp == 0 ? "0" : pc);
			html_lit(h, "</span> ");
		}
		html_lit(h, "</td></tr>\n");
	}
	html_lit(h, "</tbody>\n</table>\n");
}

static void question(struct paper *pp, const struct survey_question *q, size_t n)
{
	struct html *h = pp->h;
	const char *hint = survey_text_get(&q->hint, pp->lang);

	html_lit(h, "<section class=\"paper-question\" id=\"pq-");
	html_text(h, q->id);
	html_lit(h, "\">\n<h3><span class=\"paper-number\">");
	html_int(h, (long long)n);
	html_lit(h, ".</span> ");
	html_text(h, survey_text_get(&q->label, pp->lang));
	if (!q->required) {
		html_lit(h, " <span class=\"paper-optional\">(");
		html_text(h, _("optional"));
		html_lit(h, ")</span>");
	}
	html_lit(h, "</h3>\n");
	if (q->cond != NULL)
		routing_only_if(pp, q->cond, q->show_if, 0);
	if (hint[0] != '\0')
		html_paragraphs(h, hint, "hint");
	switch (q->type) {
	case SQ_CHOICE:
		instruction(h, _("Tick one box."));
		tick_list(pp, q);
		break;
	case SQ_MULTI:
		if (q->max_select > 0 && q->max_select < q->nchoices)
			instruction(h,
				    arena_printf(pp->a, _("Tick up to %zu boxes."), q->max_select));
		else
			instruction(h, _("Tick all that apply."));
		tick_list(pp, q);
		break;
	case SQ_SCALE:
		scale_row(pp, q);
		break;
	case SQ_RANKING:
		ranking(pp, q);
		break;
	case SQ_NUMBER:
		number(pp, q);
		break;
	case SQ_DATE:
		date(pp);
		break;
	case SQ_POSTCODE:
		html_lit(h, "<p>");
		char_boxes(h, 8);
		html_lit(h, "</p>\n");
		break;
	case SQ_LONG_TEXT:
		text_space(pp, q, 1);
		break;
	case SQ_BUDGET:
		budget(pp, q);
		break;
	default:
		text_space(pp, q, 0);
		break;
	}
	routing_go_to(pp, n - 1);
	html_lit(h, "</section>\n");
}

static void return_details(struct paper *pp)
{
	struct html *h = pp->h;
	const struct survey *s = pp->s;

	html_lit(h, "<section class=\"paper-return\">\n<h2>");
	html_text(h, _("Sending your form back"));
	html_lit(h, "</h2>\n<p>");
	if (s->standing) {
		html_text(h, _("You can send this form back at any time"));
	} else {
		html_text(h, _("Please send this form back by"));
		html_lit(h, " <strong>");
		page_survey_date(h, s, SURVEY_DATE_CLOSES, pp->lang);
		html_lit(h, "</strong>");
	}
	if (s->ncontact_address > 0) {
		html_lit(h, " ");
		html_text(h, _("to:"));
		html_lit(h, "</p>\n<address class=\"paper-address\">");
		for (size_t i = 0; i < s->ncontact_address; i++) {
			if (i > 0)
				html_lit(h, "<br>");
			html_text(h, s->contact_address[i]);
		}
		html_lit(h, "</address>\n");
	} else {
		html_lit(h, " ");
		html_text(h, _("to"));
		html_lit(h, " ");
		html_text(h, survey_text_get(&s->organisation, pp->lang));
		html_lit(h, ".</p>\n");
	}
	html_lit(h, "<p>");
	html_text(h, _("Questions about this consultation:"));
	html_lit(h, " ");
	html_text(h, s->contact_name);
	html_lit(h, ", ");
	html_text(h, s->contact_phone);
	html_lit(h, ", ");
	html_text(h, s->contact_email);
	html_lit(h, "</p>\n</section>\n");
}

static void privacy(struct paper *pp)
{
	struct html *h = pp->h;
	const char *t = survey_text_get(&pp->s->privacy, pp->lang);

	html_lit(h, "<section class=\"paper-privacy\">\n<h2>");
	html_text(h, _("How we use your answers"));
	html_lit(h, "</h2>\n");
	html_paragraphs(h, t, NULL);
	if (pp->s->privacy_url != NULL && pp->s->privacy_url[0] != '\0') {
		html_lit(h, "<p>");
		html_text(h, _("The full privacy notice:"));
		html_lit(h, " ");
		html_text(h, pp->s->privacy_url);
		html_lit(h, "</p>\n");
	}
	html_lit(h, "</section>\n");
}

int paper_form(struct html *h, struct arena *a, const struct survey *s, enum yv_lang lang)
{
	struct paper pp = {.h = h, .a = a, .s = s, .lang = lang};
	size_t total = 0, k = 0;

	for (size_t i = 0; i < s->npages; i++)
		total += s->pages[i].nquestions;
	pp.order = arena_calloc(a, total + 1, sizeof(*pp.order));
	if (pp.order == NULL)
		return -1;
	for (size_t i = 0; i < s->npages; i++)
		for (size_t j = 0; j < s->pages[i].nquestions; j++)
			pp.order[k++] = &s->pages[i].questions[j];
	pp.nq = k;

	html_lit(h, "<link rel=\"stylesheet\" href=\"" YV_PAPER_CSS_HREF "\">\n"
		    "<div class=\"paper\">\n<p class=\"caption\">");
	html_text(h, survey_text_get(&s->organisation, lang));
	html_lit(h, "</p>\n<h1>");
	html_text(h, survey_text_get(&s->title, lang));
	html_lit(h, "</h1>\n");
	html_paragraphs(h, survey_text_get(&s->summary, lang), "lead");
	html_lit(h, "<div class=\"paper-how\">\n<h2>");
	html_text(h, _("How to fill in this form"));
	html_lit(h, "</h2>\n<p>");
	html_text(h, _("Use black or blue ink. Tick boxes like this: ✓. Write inside the boxes "
		       "and on the lines. Questions marked optional may be left blank."));
	html_lit(h, "</p>\n<p>");
	if (s->standing) {
		html_text(h, _("You can send this form back at any time."));
		html_lit(h, "</p>\n</div>\n");
	} else {
		html_text(h, _("Please send this form back by"));
		html_lit(h, " <strong>");
		page_survey_date(h, s, SURVEY_DATE_CLOSES, lang);
		html_lit(h, "</strong>.</p>\n</div>\n");
	}
	if (s->access == SURVEY_INVITATION) {
		/* the code of the letter we sent, so the response can be matched to it */
		html_lit(h, "<section class=\"paper-question\" id=\"pq-invitation\">\n<h2>");
		html_text(h, _("Invitation code"));
		html_lit(h, "</h2>\n");
		instruction(
		    h, _("It is on the letter or email we sent you, for example ABCD-EFGH-JKMN."));
		html_lit(h, "<p>");
		char_boxes(h, 4);
		html_lit(h, " – ");
		char_boxes(h, 4);
		html_lit(h, " – ");
		char_boxes(h, 4);
		html_lit(h, "</p>\n</section>\n");
	}
	privacy(&pp);
	k = 0;
	for (size_t i = 0; i < s->npages; i++) {
		const struct survey_page *pg = &s->pages[i];
		const char *heading = survey_text_get(&pg->heading, lang);
		const char *intro = survey_text_get(&pg->intro, lang);

		html_lit(h, "<section class=\"paper-part\">\n<h2>");
		html_text(h, heading[0] ? heading : survey_text_get(&s->title, lang));
		html_lit(h, "</h2>\n");
		if (pg->cond != NULL)
			routing_only_if(&pp, pg->cond, pg->show_if, 1);
		html_paragraphs(h, intro, NULL);
		for (size_t j = 0; j < pg->nquestions; j++) {
			k++;
			question(&pp, &pg->questions[j], k);
		}
		html_lit(h, "</section>\n");
	}
	return_details(&pp);
	html_lit(h, "<p class=\"paper-thanks\"><strong>");
	html_text(h, _("Thank you for taking part."));
	html_lit(h, "</strong></p>\n</div>\n");
	return 0;
}
