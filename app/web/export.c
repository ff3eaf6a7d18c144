/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * export: officers' exports of individual responses (moderate.c lists the
 * family and who may export what): /admin/export/<id>, the page that says
 * what an export holds, and /admin/export/<id>.csv and .json, one row or
 * object per completed response, streamed. Free text is redacted unless the
 * account holds the personal-data permission and asks for it raw; personal
 * answers are left out unless it asks for them; receipt codes are never
 * read. Every export is audited before its first byte. Reads through
 * store/exports.h and store/moderation.h; uses web/, render/ and
 * text/redact.h.
 *
 * The first chunk is made by the handler (so a database error is still a
 * 503); the rest by fcgi.c through resp.stream, a chunk of at most about
 * EXPORT_CHUNK bytes per call, from batches of EXPORT_BATCH responses held
 * in the export's own arena, reset per batch.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/i18n.h"
#include "core/log.h"
#include "core/csv.h"
#include "render/html.h"
#include "render/page.h"
#include "results/results.h"
#include "store/exports.h"
#include "text/redact.h"
#include "web/handlers.h"
#include "web/moderate_int.h"

#define EXPORT_BATCH 200
#define EXPORT_MAX_ROWS 100000
#define EXPORT_CHUNK (512 * 1024)

struct export
{
	struct app *app;
	const struct survey *s;
	struct fields fs;
	int json, personal, raw;
	long long last_id;
	size_t batch, per;
	struct arena a; /* the current batch */
	int arena_live, header_done;
	struct exports_batch bt;
	size_t i, k; /* next response of the batch, next answer */
	unsigned long long sent;
};

static int column_included(const struct export *x, const struct field *f)
{
	return f->kind != F_PERSONAL || x->personal;
}

static void export_finish(struct export *x)
{
	if (x->arena_live)
		arena_release(&x->a);
	x->arena_live = 0;
}

static void export_header(struct export *x, struct buf *b)
{
	static const char *const fixed[] = {"response_id", "submitted_at",  "channel", "language",
					    "country",	   "region",	    "in_area", "flagged",
					    "flag_reason", "hidden_answers"};

	if (!x->json) {
		for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
			if (i > 0)
				buf_putc(b, ',');
			csv_cell(b, fixed[i]);
		}
		for (size_t i = 0; i < x->fs.n; i++)
			if (column_included(x, &x->fs.v[i])) {
				buf_putc(b, ',');
				csv_cell(b, x->fs.v[i].id);
			}
		buf_puts(b, "\r\n");
		return;
	}
	{
		json_t *h = json_object(), *cols = json_array();
		char gen[32], *text;
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		strftime(gen, sizeof(gen), "%Y-%m-%dT%H:%M:%SZ", &tm);
		json_object_set_new(h, "survey", json_string(x->s->id));
		json_object_set_new(h, "version", json_string(x->s->version_hash));
		json_object_set_new(h, "generated_at", json_string(gen));
		json_object_set_new(h, "free_text",
				    json_string(x->raw ? "unredacted" : "redacted"));
		json_object_set_new(h, "personal_data", json_boolean(x->personal));
		for (size_t i = 0; i < x->fs.n; i++) {
			const struct field *f = &x->fs.v[i];
			json_t *c, *label = json_object();

			if (!column_included(x, f))
				continue;
			for (int l = 0; l < LANG_N; l++) {
				const char *t = f->q->label.t[l];

				if (t != NULL)
					json_object_set_new(label,
							    survey_lang_code((enum yv_lang)l),
							    json_string(t));
			}
			c = json_pack("{s:s, s:s, s:s, s:o}", "id", f->id, "question", f->q->id,
				      "kind",
				      f->kind == F_TEXT	      ? "free-text"
				      : f->kind == F_OTHER    ? "other-text"
				      : f->kind == F_PERSONAL ? "personal"
							      : survey_qtype_name(f->q->type),
				      "label", label);
			json_array_append_new(cols, c);
		}
		json_object_set_new(h, "fields", cols);
		text = json_dumps(h, JSON_COMPACT);
		json_decref(h);
		if (text == NULL)
			log_fatal("export: out of memory");
		/* The header object, left open for the responses. */
		buf_append(b, text, strlen(text) - 1);
		buf_puts(b, ",\"responses\":[\n");
		free(text);
	}
}

/* The text of one free-text answer as exported: redacted unless raw. */
static const char *export_text(struct export *x, const char *value)
{
	struct redactor *rd;
	struct buf red;
	const char *out;

	if (x->raw)
		return value;
	rd = moderate_redactor(x->app);
	if (rd == NULL)
		return "[withheld]";
	buf_init(&red, TEXT_MAX_BYTES);
	out = redact_text(rd, value, strlen(value), &red) < 0 || red.overflow
		  ? "[withheld]"
		  : arena_strdup(&x->a, buf_cstr(&red));
	buf_release(&red);
	return out ? out : "[withheld]";
}

/* The answers of response id: answers[*from..*to) of the batch (those
 * before it, of responses withdrawn meanwhile, are skipped). */
static void answers_of(struct export *x, long long id, size_t *from, size_t *to)
{
	const struct exports_batch *bt = &x->bt;

	while (x->k < bt->nanswers && bt->answers[x->k].response_id < id)
		x->k++;
	*from = x->k;
	while (x->k < bt->nanswers && bt->answers[x->k].response_id == id)
		x->k++;
	*to = x->k;
}

/* The fields of the answers hidden from publication, space-separated, into hidden. */
static void hidden_list(struct export *x, size_t from, size_t to, struct buf *hidden)
{
	for (size_t k = from; k < to; k++)
		if (x->bt.answers[k].hidden) {
			const struct field *f =
			    moderate_field_find(&x->fs, x->bt.answers[k].question_id);

			if (f == NULL || !column_included(x, f))
				continue;
			if (hidden->len > 0)
				buf_putc(hidden, ' ');
			buf_puts(hidden, f->id);
		}
}

/* The answers of one response as a JSON object, and the fields hidden. */
static json_t *answers_json(struct export *x, size_t from, size_t to, json_t *hid)
{
	json_t *ans = json_object();

	for (size_t k = from; k < to; k++) {
		const struct exports_answer *a = &x->bt.answers[k];
		const struct field *f = moderate_field_find(&x->fs, a->question_id);
		json_t *val;

		if (f == NULL || !column_included(x, f))
			continue;
		if (a->hidden && moderate_is_free_text(f) && json_object_get(ans, f->id) == NULL)
			json_array_append_new(hid, json_string(f->id));
		if (moderate_is_free_text(f))
			val = a->hidden && !x->raw ? json_null()
						   : json_string(export_text(x, a->value));
		else
			val = json_string(a->value);
		if (f->multi) {
			json_t *arr = json_object_get(ans, f->id);

			if (arr == NULL) {
				arr = json_array();
				json_object_set_new(ans, f->id, arr);
			}
			json_array_append_new(arr, val);
		} else {
			json_object_set_new(ans, f->id, val);
		}
	}
	return ans;
}

static void response_json(struct export *x, struct buf *b, const struct exports_response *r,
			  size_t from, size_t to)
{
	json_t *o = json_object(), *hid = json_array(), *ans;
	char *text;

	json_object_set_new(o, "response_id", json_integer((json_int_t)r->id));
	json_object_set_new(o, "submitted_at", json_string(r->submitted_at));
	json_object_set_new(o, "channel", json_string(r->channel));
	json_object_set_new(o, "language", json_string(r->lang));
	json_object_set_new(o, "country", r->country ? json_string(r->country) : json_null());
	json_object_set_new(o, "region", r->region ? json_string(r->region) : json_null());
	json_object_set_new(o, "in_area", r->in_area < 0 ? json_null() : json_boolean(r->in_area));
	json_object_set_new(o, "flagged", json_boolean(r->flagged));
	json_object_set_new(o, "flag_reason",
			    r->flagged && r->flag_reason ? json_string(r->flag_reason)
							 : json_null());
	ans = answers_json(x, from, to, hid);
	json_object_set_new(o, "hidden_answers", hid);
	json_object_set_new(o, "answers", ans);
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (text == NULL)
		log_fatal("export: out of memory");
	if (x->sent > 0)
		buf_puts(b, ",\n");
	buf_puts(b, text);
	free(text);
}

static void response_csv(struct export *x, struct buf *b, const struct exports_response *r,
			 size_t from, size_t to, const char *hidden)
{
	const char *fixed[] = {arena_printf(&x->a, "%lld", r->id),
			       r->submitted_at,
			       r->channel,
			       r->lang,
			       r->country,
			       r->region,
			       r->in_area < 0 ? ""
			       : r->in_area   ? "yes"
					      : "no",
			       r->flagged ? "yes" : "no",
			       r->flagged && r->flag_reason ? r->flag_reason : "",
			       hidden};

	for (size_t c = 0; c < sizeof(fixed) / sizeof(fixed[0]); c++) {
		if (c > 0)
			buf_putc(b, ',');
		csv_cell(b, fixed[c] ? fixed[c] : "");
	}
	for (size_t c = 0; c < x->fs.n; c++) {
		const struct field *f = &x->fs.v[c];
		struct buf cell;
		int any = 0;

		if (!column_included(x, f))
			continue;
		buf_putc(b, ',');
		buf_init(&cell, TEXT_MAX_BYTES * 2);
		for (size_t k = from; k < to; k++) {
			const struct exports_answer *a = &x->bt.answers[k];

			if (strcmp(a->question_id, f->id) != 0)
				continue;
			if (any++)
				buf_puts(&cell, "; ");
			if (moderate_is_free_text(f))
				buf_puts(&cell, a->hidden && !x->raw ? "[hidden]"
								     : export_text(x, a->value));
			else
				buf_puts(&cell, a->value);
		}
		csv_cell(b, cell.overflow ? "[withheld]" : buf_cstr(&cell));
		buf_release(&cell);
	}
	buf_puts(b, "\r\n");
}

/* One response (i of the batch, with answers from k on) into b. */
static void export_response(struct export *x, struct buf *b, size_t i)
{
	const struct exports_response *r = &x->bt.responses[i];
	size_t from, to;
	struct buf hidden;

	answers_of(x, r->id, &from, &to);
	buf_init(&hidden, 16384);
	hidden_list(x, from, to, &hidden);
	if (x->json)
		response_json(x, b, r, from, to);
	else
		response_csv(x, b, r, from, to, buf_cstr(&hidden));
	buf_release(&hidden);
	x->sent++;
}

/* The next batch into x->bt: 1 read, 0 nothing more, -1 failed (logged). */
static int next_batch(struct export *x)
{
	const struct exports_batch *bt = &x->bt;

	/* The last batch was short: nothing more. */
	if (x->arena_live && bt->fetched < x->batch && bt->nresponses == bt->fetched)
		return 0;
	if (!x->arena_live)
		arena_init(&x->a, 0);
	x->arena_live = 1;
	arena_reset(&x->a);
	x->i = x->k = 0;
	if (exports_batch_read(&x->app->store, &x->a, x->s->id, x->last_id, x->batch,
			       x->batch * x->per, &x->bt) != STORE_OK)
		return -1;
	if (bt->fetched == 0)
		return 0;
	/* Responses past the answers' limit come again in the next batch. */
	if (bt->nresponses == 0) {
		log_error("export: %s: response %lld has more than %zu answers", x->s->id,
			  bt->responses[0].id, x->batch * x->per);
		return -1;
	}
	x->last_id = bt->responses[bt->nresponses - 1].id;
	return 1;
}

/* resp.stream: the next chunk. 1 more to come, 0 done, -1 failed. */
static int export_stream(void *ctx, struct buf *b)
{
	struct export *x = ctx;

	if (b == NULL) {
		export_finish(x);
		return 0;
	}
	if (!x->header_done) {
		export_header(x, b);
		x->header_done = 1;
	}
	while (b->len < EXPORT_CHUNK) {
		if (!x->arena_live || x->i >= x->bt.nresponses) {
			int got = next_batch(x);

			if (got < 0)
				goto fail;
			if (got == 0) {
				if (x->json)
					buf_puts(b, "\n]}\n");
				export_finish(x);
				return 0;
			}
		}
		{
			size_t mark = b->len;

			export_response(x, b, x->i++);
			if (b->overflow) {
				/* One response too large for a chunk: drop its part
				 * row, so the file can say where it stops. */
				log_error("export: %s: response too large for one chunk", x->s->id);
				b->len = mark;
				b->data[mark] = '\0';
				b->overflow = 0;
				goto fail;
			}
		}
	}
	return 1;
fail:
	/* nginx ends the chunked reply normally whatever happens here, so a
	 * CSV says in its last row that it is incomplete (a JSON document is
	 * left unclosed and does not parse). */
	if (!x->json && !b->overflow) {
		csv_cell(b, _("EXPORT INCOMPLETE: the export stopped before the end. Download the "
			      "file again; if it stops again, tell the system administrator."));
		buf_puts(b, "\r\n");
	}
	export_finish(x);
	return -1;
}

int personal_permission(struct app *app, struct req *rq, const struct admin *ad)
{
	int allowed = 0;

	(void)rq;
	if (moderation_personal_permission(&app->store, ad->user_id, &allowed) != STORE_OK)
		return -1;
	return allowed;
}

void export_page(struct req *rq, struct resp *rs, const struct survey *s, int allowed)
{
	const char *path = arena_printf(rq->a, "/admin/export/%s", s->id);
	struct page_ctx p = {rq->lang, path, _("Export responses")};
	struct html *b = html_over(&rs->body);

	resp_html(rs);
	page_begin(b, &p);
	page_back_link(b, "/admin");
	page_heading(b, survey_text_get(&s->title, rq->lang), _("Export responses"));
	html_lit(b, "<p>");
	html_text(b, _("One row for each completed response: when it was sent, how, in which "
		       "language, the area it came from, whether it is flagged as suspicious, and "
		       "each answer. Receipt codes are never exported."));
	html_lit(b, "</p>\n<p>");
	html_text(b, _("Written answers are redacted, and the text of answers hidden from "
		       "publication is withheld. Answers to email, postcode and reference "
		       "questions, and to questions marked personal, are left out unless your "
		       "account may see personal data. Every export is recorded."));
	html_lit(b, "</p>\n<ul>\n<li><a href=\"");
	html_text(b, path);
	html_lit(b, ".csv\" download>");
	html_text(b, _("Download as CSV (spreadsheet)"));
	html_lit(b, "</a></li>\n<li><a href=\"");
	html_text(b, path);
	html_lit(b, ".json\" download>");
	html_text(b, _("Download as JSON"));
	html_lit(b, "</a></li>\n</ul>\n");
	if (allowed) {
		html_lit(b, "<h2>");
		html_text(b, _("With personal data"));
		html_lit(b, "</h2>\n<p>");
		html_text(b, _("Your account may see personal data. Only include it when you need "
			       "it, and keep the file safe."));
		html_lit(b, "</p>\n<form method=\"get\" action=\"");
		html_text(b, path);
		html_lit(b, ".csv\">\n<div class=\"question\"><fieldset><legend>");
		html_text(b, _("Include"));
		html_lit(
		    b,
		    "</legend>\n<div class=\"option\"><input type=\"checkbox\" name=\"personal\" "
		    "value=\"1\" id=\"x-personal\"> <label for=\"x-personal\">");
		html_text(b, _("Answers to email, postcode and reference questions, and to "
			       "questions marked personal"));
		html_lit(b, "</label></div>\n<div class=\"option\"><input type=\"checkbox\" "
			    "name=\"raw\" value=\"1\" id=\"x-raw\"> <label for=\"x-raw\">");
		html_text(b, _("Written answers without redaction, hidden ones included"));
		html_lit(b, "</label></div>\n</fieldset></div>\n<button type=\"submit\" "
			    "class=\"button button-secondary\">");
		html_text(b, _("Download as CSV (spreadsheet)"));
		html_lit(b, "</button>\n</form>\n");
	}
	page_end(b, &p);
}

void export_serve(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
		  const struct survey *s, int json)
{
	const char *pq = http_param_get(&rq->query_params, "personal");
	const char *rq_raw = http_param_get(&rq->query_params, "raw");
	int personal = pq != NULL && strcmp(pq, "1") == 0,
	    raw = rq_raw != NULL && strcmp(rq_raw, "1") == 0;
	const char *detail =
	    arena_printf(rq->a, "format=%s personal=%s raw=%s", json ? "json" : "csv",
			 personal ? "yes" : "no", raw ? "yes" : "no");
	struct export *x;
	int more;

	if (personal || raw) {
		int ok = personal_permission(app, rq, ad);

		if (ok < 0) {
			web_error(app, rq, rs, 503);
			return;
		}
		if (!ok) {
			admin_audit(app, ad, "export-refused", s->id, detail);
			admin_forbidden(app, rq, rs);
			return;
		}
	}
	x = arena_calloc(rq->a, 1, sizeof(*x));
	if (x == NULL || fields_of(rq->a, s, &x->fs) != 0 ||
	    (!raw && moderate_redactor(app) == NULL)) {
		web_error(app, rq, rs, 503);
		return;
	}
	x->app = app;
	x->s = s;
	x->json = json;
	x->personal = personal;
	x->raw = raw;
	x->per = results_max_rows(s);
	if (x->per == 0)
		x->per = 1;
	x->batch = EXPORT_BATCH;
	if (x->batch * x->per > EXPORT_MAX_ROWS)
		x->batch = EXPORT_MAX_ROWS / x->per ? EXPORT_MAX_ROWS / x->per : 1;
	/* No export without its audit row; a HEAD request exports nothing. */
	if (rq->method != M_HEAD && admin_audit(app, ad, "export", s->id, detail) != 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	more = export_stream(x, &rs->body);
	if (more < 0) {
		resp_reset(rs);
		web_error(app, rq, rs, 503);
		return;
	}
	rs->content_type =
	    json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8; header=present";
	resp_header(rs, "Cache-Control", "no-store");
	resp_header(rs, "Content-Disposition",
		    arena_printf(rq->a, "attachment; filename=\"%s-responses%s.%s\"", s->id,
				 personal || raw ? "-personal" : "", json ? "json" : "csv"));
	if (more > 0) {
		rs->stream = export_stream;
		rs->stream_ctx = x;
	}
}

/* Routes: /admin/export/<survey> (kind 0: the page), .csv (1) and .json (2).
 * Refusals are audited here, so the route declares no role. */
void moderate_export_route(struct app *app, struct req *rq, struct resp *rs,
			   const struct route_parts *rp)
{
	const struct admin *ad = rp->admin;
	const struct survey *s = rp->survey;

	if (!ad->officer || !admin_may(ad, s->id)) {
		admin_audit(app, ad, "export-refused", s->id,
			    ad->officer ? "no access to the survey" : "councillor");
		admin_forbidden(app, rq, rs);
		return;
	}
	if (rq->method == M_POST) {
		web_error(app, rq, rs, 405);
		return;
	}
	if (rp->route->kind == 0) {
		int ok = personal_permission(app, rq, ad);

		if (ok < 0)
			web_error(app, rq, rs, 503);
		else
			export_page(rq, rs, s, ok);
		return;
	}
	export_serve(app, rq, rs, ad, s, rp->route->kind == 2);
}
