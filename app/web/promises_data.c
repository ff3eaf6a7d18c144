/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * promises_data: the open data of the commitments, /promises.json and
 * /promises.csv (fields in docs/open-data.md): the same commitments as
 * /promises (of surveys whose results are public), with the status shown
 * today and, in JSON, each one's history. No officer's name is published.
 * Writes JSON through jansson and CSV cells through core/csv.h; no HTML.
 */
#include "config.h"

#include <string.h>

#include <jansson.h>

#include "core/csv.h"
#include "results/feed.h"
#include "web/promises_int.h"

static json_t *str_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

static json_t *pair(const char *en, const char *cy)
{
	return json_pack("{s:o, s:o}", "en", str_or_null(en), "cy", str_or_null(cy));
}

/* "q:<question>[…]" or "t:<question>:<theme>": the question's id. */
static const char *question_of(struct arena *a, const char *answers)
{
	const char *e;

	if (answers == NULL || strlen(answers) < 3 || answers[1] != ':')
		return NULL;
	e = strchr(answers + 2, ':');
	return e != NULL ? arena_strndup(a, answers + 2, (size_t)(e - answers - 2))
			 : arena_strdup(a, answers + 2);
}

static json_t *one(struct app *app, struct req *rq, const struct commitment *c, const char *today)
{
	const struct survey *s = survey_set_find(app->surveys, c->survey_id);
	const char *now = promise_status_now(c, today);
	struct promise_event *ev;
	size_t n = promise_history(rq->a, c, today, &ev);
	json_t *h = json_array(), *ans = json_null();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    h,
		    json_pack("{s:s, s:s, s:o, s:b, s:o}", "date", ev[i].date, "status",
			      ev[i].status, "note", pair(ev[i].note_en, ev[i].note_cy), "automatic",
			      ev[i].officer == NULL, "due_changed",
			      ev[i].due_to != NULL ? json_pack("{s:s, s:s}", "from", ev[i].due_from,
							       "to", ev[i].due_to)
						   : json_null()));
	if (c->answers != NULL)
		ans = json_pack("{s:s, s:o, s:o, s:o}", "kind",
				c->answers[0] == 't' ? "theme" : "question", "question",
				str_or_null(question_of(rq->a, c->answers)), "en",
				str_or_null(promise_answers_text(s, c, LANG_EN)), "cy",
				str_or_null(promise_answers_text(s, c, LANG_CY)));
	return json_pack(
	    "{s:I, s:s, s:o, s:s, s:o, s:o, s:s, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)c->id,
	    "survey", c->survey_id, "survey_title",
	    s ? pair(survey_text_get(&s->title, LANG_EN), survey_text_get(&s->title, LANG_CY))
	      : json_null(),
	    "results_url", arena_printf(rq->a, "/r/%s#commitment-%lld", c->survey_id, c->id),
	    "text", pair(c->text_en, c->text_cy), "answers", ans, "owner", c->owner, "due", c->due,
	    "status", now, "recorded_status", c->status, "kept_on_time",
	    strcmp(now, "done") == 0 ? json_boolean(promise_kept_on_time(c)) : json_null(),
	    "history", h);
}

void promises_json(struct app *app, struct req *rq, struct resp *rs, const struct commitment *v,
		   size_t n, const char *today)
{
	json_t *list = json_array(), *out;
	long long on_time = 0, done_late = 0, late = 0, open = 0, dropped = 0;

	for (size_t i = 0; i < n; i++) {
		const char *st = promise_status_now(&v[i], today);

		if (strcmp(st, "done") == 0)
			*(promise_kept_on_time(&v[i]) ? &on_time : &done_late) += 1;
		else if (strcmp(st, "late") == 0)
			late++;
		else if (strcmp(st, "dropped") == 0)
			dropped++;
		else
			open++;
		json_array_append_new(list, one(app, rq, &v[i], today));
	}
	out = json_pack("{s:s, s:{s:I, s:I, s:I, s:I, s:I, s:I}, s:o}", "date", today, "counts",
			"total", (json_int_t)n, "kept_on_time", (json_int_t)on_time, "done_late",
			(json_int_t)done_late, "late", (json_int_t)late, "planned_or_in_progress",
			(json_int_t)open, "dropped", (json_int_t)dropped, "commitments", list);
	rs->content_type = "application/json; charset=utf-8";
	resp_header(rs, "Access-Control-Allow-Origin", "*");
	resp_header(rs, "Cache-Control", "no-cache");
	results_dump_json(&rs->body, out, 1);
	json_decref(out);
}

static void cell(struct buf *b, const char *s, int last)
{
	csv_cell(b, s != NULL ? s : "");
	buf_puts(b, last ? "\r\n" : ",");
}

void promises_csv(struct app *app, struct req *rq, struct resp *rs, const struct commitment *v,
		  size_t n, const char *today)
{
	static const char *const head[] = {
	    "id",	   "survey",	   "survey_title_en",  "survey_title_cy", "text_en",
	    "text_cy",	   "answers_kind", "answers_question", "answers_en",	  "answers_cy",
	    "owner",	   "due",	   "status",	       "recorded_status", "kept_on_time",
	    "last_update", "last_note_en", "last_note_cy",     "results_url"};
	const size_t nh = sizeof(head) / sizeof(head[0]);
	struct buf *b = &rs->body;

	rs->content_type = "text/csv; charset=utf-8; header=present";
	resp_header(rs, "Access-Control-Allow-Origin", "*");
	resp_header(rs, "Cache-Control", "no-cache");
	resp_header(rs, "Content-Disposition", "inline; filename=\"promises.csv\"");
	for (size_t i = 0; i < nh; i++)
		cell(b, head[i], i + 1 == nh);
	for (size_t i = 0; i < n; i++) {
		const struct commitment *c = &v[i];
		const struct survey *s = survey_set_find(app->surveys, c->survey_id);
		const char *now = promise_status_now(c, today);
		struct promise_event *ev;
		size_t ne = promise_history(rq->a, c, today, &ev);
		const struct promise_event *last = ne > 0 ? &ev[ne - 1] : NULL;

		cell(b, arena_printf(rq->a, "%lld", c->id), 0);
		cell(b, c->survey_id, 0);
		cell(b, s ? survey_text_get(&s->title, LANG_EN) : NULL, 0);
		cell(b, s ? survey_text_get(&s->title, LANG_CY) : NULL, 0);
		cell(b, c->text_en, 0);
		cell(b, c->text_cy, 0);
		cell(b, c->answers == NULL ? NULL : c->answers[0] == 't' ? "theme" : "question", 0);
		cell(b, question_of(rq->a, c->answers), 0);
		cell(b, promise_answers_text(s, c, LANG_EN), 0);
		cell(b, promise_answers_text(s, c, LANG_CY), 0);
		cell(b, c->owner, 0);
		cell(b, c->due, 0);
		cell(b, now, 0);
		cell(b, c->status, 0);
		cell(b,
		     strcmp(now, "done") != 0  ? NULL
		     : promise_kept_on_time(c) ? "yes"
					       : "no",
		     0);
		cell(b, last ? last->date : NULL, 0);
		cell(b, last ? last->note_en : NULL, 0);
		cell(b, last ? last->note_cy : NULL, 0);
		cell(b, arena_printf(rq->a, "/r/%s#commitment-%lld", c->survey_id, c->id), 1);
	}
}
