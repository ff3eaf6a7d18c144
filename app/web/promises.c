/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * promises: the commitments' status for today and their history, the
 * public page /promises, the "What we will do" section of /r/<id> and the
 * dashboard's list of late commitments (web/promises.h). The open data is
 * promises_data.c's, the officers' pages promises_admin.c's.
 *
 * "Late" is never stored by a job: a commitment planned or in progress
 * whose due date is before today's UK date shows as late, and its history
 * gains a line "Late: the due date passed" dated the day after its due
 * date (or the day it was recorded, when that was later), placed among
 * the officers' updates by date. So it shows the morning after the due
 * date with no officer action, and goes when an officer records it done
 * or dropped (the automatic line stays in the history).
 *
 * Uses store/ (commitments, publication), results/ (the survey file's
 * publication rule), render/ and web/admin.c (who may see which survey).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/log.h"
#include "core/uktime.h"
#include "render/html.h"
#include "render/page.h"
#include "results/results.h"
#include "store/publication.h"
#include "web/admin.h"
#include "web/promises_int.h"

/* ---- dates and statuses ---- */

void promise_today(char out[PROMISE_DATE_LEN + 1])
{
	struct tm tm;

	uktime_local(time(NULL), &tm);
	/* bounded: a struct tm from the clock has a 4-digit year for centuries yet */
	snprintf(out, PROMISE_DATE_LEN + 1, "%04u-%02u-%02u",
		 (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)(tm.tm_mon + 1) % 100u,
		 (unsigned)tm.tm_mday % 100u);
}

static int parse_date(const char *v, int *y, int *m, int *d)
{
	if (v == NULL || strlen(v) != PROMISE_DATE_LEN || v[4] != '-' || v[7] != '-')
		return -1;
	for (int i = 0; i < PROMISE_DATE_LEN; i++)
		if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9'))
			return -1;
	*y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
	*m = (v[5] - '0') * 10 + (v[6] - '0');
	*d = (v[8] - '0') * 10 + (v[9] - '0');
	return 0;
}

int promise_date_valid(const char *v)
{
	int y, m, d;

	return parse_date(v, &y, &m, &d) == 0 && y >= 2000 && y < 2200 && m >= 1 && m <= 12 &&
	       d >= 1 && d <= date_days_in_month(y, m);
}

/* The day after date (YYYY-MM-DD) into out. */
static void next_day(const char *date, char out[PROMISE_DATE_LEN + 1])
{
	int y, m, d;
	long long yy;
	unsigned mm, dd;

	if (parse_date(date, &y, &m, &d) != 0) {
		snprintf(out, PROMISE_DATE_LEN + 1, "%s", "9999-12-31");
		return;
	}
	date_civil_from_days(date_days_from_civil(y, (unsigned)m, (unsigned)d) + 1, &yy, &mm, &dd);
	snprintf(out, PROMISE_DATE_LEN + 1, "%04u-%02u-%02u", (unsigned)(yy % 10000), mm % 100u,
		 dd % 100u);
}

static const char *const statuses[] = {"planned", "in-progress", "done", "late", "dropped"};

int promise_status_valid(const char *v)
{
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (strcmp(v, statuses[i]) == 0)
			return 1;
	return 0;
}

int promise_filter_valid(const char *v)
{
	return v[0] == '\0' || promise_status_valid(v);
}

static int open_status(const char *s)
{
	return strcmp(s, "planned") == 0 || strcmp(s, "in-progress") == 0;
}

const char *promise_status_now(const struct commitment *c, const char *today)
{
	if (open_status(c->status) && strcmp(c->due, today) < 0)
		return "late";
	return c->status;
}

const char *promise_status_text(const char *status)
{
	if (strcmp(status, "planned") == 0)
		return _("Planned");
	if (strcmp(status, "in-progress") == 0)
		return _("In progress");
	if (strcmp(status, "done") == 0)
		return _("Done");
	if (strcmp(status, "late") == 0)
		return _("Late");
	return _("Dropped");
}

int promise_kept_on_time(const struct commitment *c)
{
	const char *done = NULL;

	for (size_t i = 0; i < c->nupdates; i++)
		if (strcmp(c->updates[i].status, "done") == 0 && done == NULL)
			done = c->updates[i].date;
		else if (strcmp(c->updates[i].status, "done") != 0)
			done = NULL;
	return done != NULL && strcmp(done, c->due) <= 0;
}

size_t promise_history(struct arena *a, const struct commitment *c, const char *today,
		       struct promise_event **out)
{
	struct promise_event *v = arena_alloc(a, (c->nupdates + 1) * sizeof(*v));
	char late_on[PROMISE_DATE_LEN + 1];
	const char *before = NULL; /* the status just before late_on */
	size_t n = 0, at = 0;
	int late = 0;

	*out = v;
	if (v == NULL)
		return 0;
	next_day(c->due, late_on);
	if (c->nupdates > 0 && strcmp(c->updates[0].date, late_on) > 0)
		snprintf(late_on, sizeof(late_on), "%s", c->updates[0].date);
	for (size_t i = 0; i < c->nupdates; i++)
		if (strcmp(c->updates[i].date, late_on) < 0) {
			before = c->updates[i].status;
			at = i + 1;
		}
	if (before == NULL) { /* recorded on or after the day it became late */
		before = c->nupdates > 0 ? c->updates[0].status : c->status;
		at = c->nupdates > 0 ? 1 : 0;
	}
	late = strcmp(late_on, today) <= 0 && open_status(before);
	for (size_t i = 0; i <= c->nupdates; i++) {
		if (late && i == at) {
			v[n].date = arena_strdup(a, late_on);
			v[n].status = "late";
			v[n].note_en = v[n].note_cy = NULL;
			v[n].officer = NULL;
			v[n].due_from = v[n].due_to = NULL;
			n++;
		}
		if (i == c->nupdates)
			break;
		v[n].date = c->updates[i].date;
		v[n].status = c->updates[i].status;
		v[n].note_en = c->updates[i].note_en;
		v[n].note_cy = c->updates[i].note_cy;
		v[n].officer = c->updates[i].officer;
		v[n].due_from = c->updates[i].due_from;
		v[n].due_to = c->updates[i].due_to;
		n++;
	}
	return n;
}

const char *promise_answers_text(const struct survey *s, const struct commitment *c,
				 enum yv_lang lang)
{
	/* a question still in the survey: its label as the file says now */
	if (s != NULL && c->answers != NULL && strncmp(c->answers, "q:", 2) == 0) {
		const struct survey_question *q = survey_find_question(s, c->answers + 2);

		if (q != NULL)
			return survey_text_get(&q->label, lang);
	}
	if (lang == LANG_CY && c->answers_cy != NULL)
		return c->answers_cy;
	return c->answers_en;
}

int promise_survey_public(struct app *app, struct req *rq, const struct survey *s)
{
	struct publication_row row;

	/* as /r/<id> decides (publish.c): the officers' decision, else the file's rule */
	if (publication_get(&app->store, rq->a, s->id, &row) != 0)
		return -1;
	return row.decided ? row.published : results_public(s, time(NULL));
}

/* ---- writing ---- */

/* A date YYYY-MM-DD as "31 March 2027" in a <time> element. */
static void date_html(struct html *b, const char *date, enum yv_lang lang)
{
	static const char *const months_en[] = {"January",   "February", "March",    "April",
						"May",	     "June",	 "July",     "August",
						"September", "October",	 "November", "December"};
	static const char *const months_cy[] = {"Ionawr", "Chwefror", "Mawrth",	    "Ebrill",
						"Mai",	  "Mehefin",  "Gorffennaf", "Awst",
						"Medi",	  "Hydref",   "Tachwedd",   "Rhagfyr"};
	int y, m, d;

	if (parse_date(date, &y, &m, &d) != 0 || m < 1 || m > 12) {
		html_text(b, date);
		return;
	}
	html_lit(b, "<time datetime=\"");
	html_text(b, date);
	html_lit(b, "\">");
	html_int(b, d);
	html_lit(b, " ");
	html_text(b, (lang == LANG_CY ? months_cy : months_en)[m - 1]);
	html_lit(b, " ");
	html_int(b, y);
	html_lit(b, "</time>");
}

static void status_tag(struct html *b, const char *status)
{
	html_lit(b, "<strong class=\"promise-status promise-");
	html_text(b, status);
	html_lit(b, "\">");
	html_text(b, promise_status_text(status));
	html_lit(b, "</strong>");
}

static const char *in_lang(enum yv_lang lang, const char *en, const char *cy)
{
	return lang == LANG_CY && cy != NULL && cy[0] != '\0' ? cy : en;
}

/* The facts of one commitment: status, due date, owner, what it answers. */
static void facts(struct req *rq, struct html *b, const struct survey *s,
		  const struct commitment *c, const char *today, int with_survey)
{
	const char *ans = promise_answers_text(s, c, rq->lang);

	html_lit(b, "<dl class=\"promise-facts\">\n<div><dt>");
	html_text(b, _("Status"));
	html_lit(b, "</dt><dd>");
	status_tag(b, promise_status_now(c, today));
	html_lit(b, "</dd></div>\n<div><dt>");
	html_text(b, _("Due"));
	html_lit(b, "</dt><dd>");
	date_html(b, c->due, rq->lang);
	html_lit(b, "</dd></div>\n<div><dt>");
	html_text(b, _("Who is responsible"));
	html_lit(b, "</dt><dd>");
	html_text(b, c->owner);
	html_lit(b, "</dd></div>\n");
	if (ans != NULL) {
		html_lit(b, "<div><dt>");
		html_text(b, _("In reply to"));
		html_lit(b, "</dt><dd>");
		html_text(b, ans);
		html_lit(b, "</dd></div>\n");
	}
	if (with_survey && s != NULL) {
		html_lit(b, "<div><dt>");
		html_text(b, _("Consultation"));
		html_lit(b, "</dt><dd><a href=\"/r/");
		html_urlpart(b, s->id);
		html_lit(b, "#commitment-");
		html_int(b, c->id);
		html_lit(b, "\">");
		html_text(b, survey_text_get(&s->title, rq->lang));
		html_lit(b, "</a></dd></div>\n");
	}
	html_lit(b, "</dl>\n");
}

/* The history list of c. */
static void history(struct req *rq, struct html *b, const struct commitment *c, const char *today)
{
	struct promise_event *ev;
	size_t n = promise_history(rq->a, c, today, &ev);

	if (n == 0)
		return;
	html_lit(b, "<h4 class=\"promise-history-title\">");
	html_text(b, _("History"));
	html_lit(b, "</h4>\n<ol class=\"promise-history\">\n");
	for (size_t i = 0; i < n; i++) {
		const char *note = in_lang(rq->lang, ev[i].note_en, ev[i].note_cy);

		html_lit(b, "<li>");
		date_html(b, ev[i].date, rq->lang);
		html_lit(b, ": ");
		status_tag(b, ev[i].status);
		if (ev[i].officer == NULL) {
			html_lit(b, " <span class=\"promise-note\">");
			html_text(b, _("The due date passed without it being done."));
			html_lit(b, "</span>");
		} else if (ev[i].due_to != NULL) {
			html_lit(b, " <span class=\"promise-note\">");
			html_text(b, _("Due date changed from"));
			html_lit(b, " ");
			date_html(b, ev[i].due_from, rq->lang);
			html_lit(b, " ");
			html_text(b, _("to"));
			html_lit(b, " ");
			date_html(b, ev[i].due_to, rq->lang);
			html_lit(b, ".</span>");
		} else if (note != NULL && note[0] != '\0') {
			html_lit(b, " <span class=\"promise-note\">");
			html_text(b, note);
			html_lit(b, "</span>");
		} else if (i == 0) {
			html_lit(b, " <span class=\"promise-note\">");
			html_text(b, _("Commitment made."));
			html_lit(b, "</span>");
		}
		html_lit(b, "</li>\n");
	}
	html_lit(b, "</ol>\n");
}

/* ---- the results page's section ---- */

const struct promises_of *promises_load(struct app *app, struct req *rq, const struct survey *s)
{
	struct promises_of *p = arena_alloc(rq->a, sizeof(*p));

	if (p == NULL)
		return NULL;
	if (commitments_list(&app->store, rq->a, s->id, &p->v, &p->n) != 0) {
		log_error("promises: cannot read the commitments of %s", s->id);
		return NULL;
	}
	return p;
}

void promises_section(struct req *rq, struct html *b, const struct survey *s,
		      const struct promises_of *p)
{
	char today[PROMISE_DATE_LEN + 1];

	if (p == NULL || p->n == 0)
		return;
	promise_today(today);
	html_lit(b, "<section class=\"promises\" id=\"commitments\">\n<h2>");
	html_text(b, _("What we will do"));
	html_lit(b, "</h2>\n<p>");
	html_text(b, _("What the council has committed to do in reply to this consultation, and "
		       "how each commitment is going."));
	html_lit(b, " <a href=\"/promises\">");
	html_text(b, _("All our commitments"));
	html_lit(b, "</a></p>\n<ul class=\"promise-list\">\n");
	for (size_t i = 0; i < p->n; i++) {
		const struct commitment *c = &p->v[i];

		html_lit(b, "<li class=\"promise\" id=\"commitment-");
		html_int(b, c->id);
		html_lit(b, "\">\n<h3 class=\"promise-text\">");
		html_text(b, in_lang(rq->lang, c->text_en, c->text_cy));
		html_lit(b, "</h3>\n");
		facts(rq, b, s, c, today, 0);
		history(rq, b, c, today);
		html_lit(b, "</li>\n");
	}
	html_lit(b, "</ul>\n</section>\n");
}

/* ---- /promises ---- */

/* The commitments the public may see: of loaded surveys whose results are
 * public; into *out (arena). 0, or -1 on a database error. */
static int visible(struct app *app, struct req *rq, struct commitment **out, size_t *n)
{
	size_t ns = survey_set_count(app->surveys), na, k = 0;
	signed char *pub = arena_alloc(rq->a, ns + 1); /* per survey: -1 not asked yet */
	struct commitment *all;

	if (pub == NULL || commitments_list(&app->store, rq->a, NULL, &all, &na) != 0)
		return -1;
	memset(pub, -1, ns + 1);
	for (size_t i = 0; i < na; i++) {
		size_t x;

		for (x = 0; x < ns; x++)
			if (strcmp(survey_set_at(app->surveys, x)->id, all[i].survey_id) == 0)
				break;
		if (x == ns)
			continue; /* not a loaded survey */
		if (pub[x] < 0) {
			int p = promise_survey_public(app, rq, survey_set_at(app->surveys, x));

			if (p < 0)
				return -1;
			pub[x] = (signed char)(p != 0);
		}
		if (pub[x])
			all[k++] = all[i];
	}
	*out = all;
	*n = k;
	return 0;
}

static void count_item(struct req *rq, struct html *b, const char *id, const char *label, size_t n)
{
	(void)rq;
	html_lit(b, "<li id=\"count-");
	html_text(b, id);
	html_lit(b, "\"><span class=\"promise-count\">");
	html_int(b, (long long)n);
	html_lit(b, "</span> ");
	html_text(b, label);
	html_lit(b, "</li>\n");
}

static void public_page(struct req *rq, struct resp *rs, struct app *app,
			const struct commitment *v, size_t n, const char *today, const char *filter)
{
	struct page_ctx p = {rq->lang, "/promises", _("Our commitments")};
	struct html *b = html_over(&rs->body);
	size_t on_time = 0, done_late = 0, late = 0, open = 0, dropped = 0, shown = 0;

	for (size_t i = 0; i < n; i++) {
		const char *st = promise_status_now(&v[i], today);

		if (strcmp(st, "done") == 0) {
			if (promise_kept_on_time(&v[i]))
				on_time++;
			else
				done_late++;
		} else if (strcmp(st, "late") == 0)
			late++;
		else if (strcmp(st, "dropped") == 0)
			dropped++;
		else
			open++;
	}
	resp_html(rs);
	page_begin(b, &p);
	html_lit(b, "<h1>");
	html_text(b, _("Our commitments"));
	html_lit(b, "</h1>\n<p class=\"lead\">");
	html_text(b, _("What the council said it would do in reply to consultations, who is "
		       "responsible, when it is due and how it is going."));
	html_lit(b, "</p>\n<h2>");
	html_text(b, _("How we are doing"));
	html_lit(b, "</h2>\n<ul class=\"promise-counts\">\n");
	count_item(rq, b, "total", _("commitments in all"), n);
	count_item(rq, b, "kept", _("kept on time"), on_time);
	count_item(rq, b, "done-late", _("done, but late"), done_late);
	count_item(rq, b, "late", _("late"), late);
	count_item(rq, b, "open", _("planned or in progress"), open);
	count_item(rq, b, "dropped", _("dropped"), dropped);
	html_lit(b,
		 "</ul>\n<form method=\"get\" action=\"/promises\" class=\"filters inline-form\">\n"
		 "<label for=\"status-filter\">");
	html_text(b, _("Show"));
	html_lit(b, "</label>\n<select name=\"status\" id=\"status-filter\">\n<option value=\"\">");
	html_text(b, _("All commitments"));
	html_lit(b, "</option>\n");
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		html_lit(b, "<option value=\"");
		html_text(b, statuses[i]);
		html_lit(b, "\"");
		if (filter != NULL && strcmp(filter, statuses[i]) == 0)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, promise_status_text(statuses[i]));
		html_lit(b, "</option>\n");
	}
	html_lit(b, "</select>\n");
	if (rq->lang == LANG_CY)
		html_lit(b, "<input type=\"hidden\" name=\"lang\" value=\"cy\">\n");
	html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
	html_text(b, _("Filter"));
	html_lit(b, "</button>\n</form>\n<p class=\"meta\">");
	html_text(b, _("Open data:"));
	html_lit(b,
		 " <a href=\"/promises.json\">JSON</a>, <a href=\"/promises.csv\">CSV</a>.</p>\n");
	html_lit(b, "<ul class=\"promise-list\" id=\"promises\">\n");
	for (size_t i = 0; i < n; i++) {
		const struct commitment *c = &v[i];
		const struct survey *s = survey_set_find(app->surveys, c->survey_id);

		if (filter != NULL && strcmp(promise_status_now(c, today), filter) != 0)
			continue;
		shown++;
		html_lit(b, "<li class=\"promise\" id=\"commitment-");
		html_int(b, c->id);
		html_lit(b, "\">\n<h2 class=\"promise-text\">");
		html_text(b, in_lang(rq->lang, c->text_en, c->text_cy));
		html_lit(b, "</h2>\n");
		facts(rq, b, s, c, today, 1);
		html_lit(b, "</li>\n");
	}
	html_lit(b, "</ul>\n");
	if (shown == 0) {
		html_lit(b, "<p id=\"no-promises\">");
		html_text(b, filter != NULL ? _("No commitment has this status.")
					    : _("There are no commitments yet."));
		html_lit(b, "</p>\n");
	}
	page_end(b, &p);
}

void promises_public(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	char today[PROMISE_DATE_LEN + 1];
	struct commitment *v;
	size_t n;

	promise_today(today);
	if (visible(app, rq, &v, &n) != 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	switch (rp->route->kind) {
	case 1:
		promises_json(app, rq, rs, v, n, today);
		break;
	case 2:
		promises_csv(app, rq, rs, v, n, today);
		break;
	default: {
		const char *f = route_value(rp, "status");

		public_page(rq, rs, app, v, n, today, f != NULL && f[0] != '\0' ? f : NULL);
		break;
	}
	}
}

/* ---- the dashboard ---- */

void promises_dashboard(struct app *app, struct req *rq, struct html *b, const struct admin *ad)
{
	char today[PROMISE_DATE_LEN + 1];
	struct commitment *v;
	size_t n, shown = 0;

	promise_today(today);
	if (commitments_list(&app->store, rq->a, NULL, &v, &n) != 0)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct commitment *c = &v[i];
		const struct survey *s = survey_set_find(app->surveys, c->survey_id);

		if (s == NULL || !admin_may(ad, s->id) ||
		    strcmp(promise_status_now(c, today), "late") != 0)
			continue;
		if (shown++ == 0) {
			html_lit(b,
				 "<section class=\"promises-late\" id=\"late-commitments\">\n<h2>");
			html_text(b, _("Late commitments"));
			html_lit(b, "</h2>\n<ul>\n");
		}
		if (shown > 20)
			continue;
		html_lit(b, "<li><a href=\"/admin/promises/");
		html_urlpart(b, s->id);
		html_lit(b, "/");
		html_int(b, c->id);
		html_lit(b, "\">");
		html_text(b, in_lang(rq->lang, c->text_en, c->text_cy));
		html_lit(b, "</a> (");
		html_text(b, survey_text_get(&s->title, rq->lang));
		html_lit(b, "; ");
		html_text(b, _("due"));
		html_lit(b, " ");
		date_html(b, c->due, rq->lang);
		html_lit(b, ")</li>\n");
	}
	if (shown > 0) {
		html_lit(b, "</ul>\n");
		if (shown > 20) {
			html_lit(b, "<p>");
			html_text(b, _("Only the first 20 are listed: see each consultation's "
				       "commitments for the rest."));
			html_lit(b, "</p>\n");
		}
		html_lit(b, "</section>\n");
	}
}
