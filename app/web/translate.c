/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * translate: the translation pages of a survey under /admin (translate.h).
 * The texts come from the survey's current XML (translate_source, the one
 * place that says where: the stored version served, else its file), listed by
 * survey/translation.c, which also reads uploads back. The routes are
 * officers' with the right to the survey (routes.c: RF_OFFICER | RF_MAY);
 * the POST forms carry the anti-forgery token, the upload is multipart.
 * Nothing here writes a file: the updated survey goes back to the officer
 * as a download.
 *
 * Uses survey/ (translation), core/ (buf, csv), render/ (page, html) and
 * the web files below it: resp.c, admin.c.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/i18n.h"
#include "core/log.h"
#include "render/html.h"
#include "render/page.h"
#include "store/surveyxml.h"
#include "survey/translation.h"
#include "web/admin.h"
#include "web/handlers.h"
#include "web/translate.h"

#define SOURCE_MAX (1024 * 1024) /* the survey loader's own file limit */
#define DOWNLOAD_MAX_CHANGES 300 /* three fields each within the form's field limit */

/*
 * The bytes of the survey's current XML (into the request arena) and the
 * name to use in messages: the stored version this instance serves (the
 * one whose bytes have the loaded survey's hash, issue 22), else the file
 * it was loaded from when the instance serves its folder alone. 0, or -1
 * (logged) when neither can be read.
 */
static int translate_source(struct app *app, struct req *rq, const struct survey *s, char **bytes,
			    size_t *len, const char **name)
{
	struct surveyxml_version v;
	FILE *f;
	char *b;
	size_t n;

	*name = strrchr(s->path, '/') != NULL ? strrchr(s->path, '/') + 1 : s->path;
	if (surveyxml_get(&app->store, rq->a, s->id, 0, &v) == STORE_OK &&
	    strcmp(v.sha256, s->version_hash) == 0) {
		*bytes = (char *)v.xml;
		*len = v.size;
		return 0;
	}
	f = fopen(s->path, "rb");
	if (f == NULL) {
		log_warn("translate: %s: no stored version with its hash and cannot open %s: %s",
			 s->id, s->path, strerror(errno));
		return -1;
	}
	b = arena_alloc(rq->a, SOURCE_MAX + 1);
	if (b == NULL) {
		fclose(f);
		return -1;
	}
	n = fread(b, 1, SOURCE_MAX + 1, f);
	fclose(f);
	if (n > SOURCE_MAX) {
		log_warn("translate: %s is larger than %d bytes", s->path, SOURCE_MAX);
		return -1;
	}
	b[n] = '\0';
	*bytes = b;
	*len = n;
	return 0;
}

static const char *status_words(enum translation_status st)
{
	switch (st) {
	case TRANSLATION_MISSING:
		return _("Welsh missing");
	case TRANSLATION_UNCHANGED:
		return _("Welsh the same as the English");
	case TRANSLATION_TRANSLATED:
		break;
	}
	return _("Translated");
}

static void frame(struct req *rq, struct resp *rs, struct page_ctx *p, const struct survey *s,
		  const char *title)
{
	struct html *b = html_over(&rs->body);

	resp_html(rs);
	page_begin(b, p);
	page_back_link(b, "/admin");
	page_heading(b, survey_text_get(&s->title, rq->lang), title);
}

static void counts(struct html *b, const struct translation_list *l)
{
	html_lit(b, "<ul class=\"plain tr-counts\" id=\"counts\">\n<li>");
	html_text(b, _("Texts:"));
	html_lit(b, " <strong>");
	html_int(b, (long long)l->n);
	html_lit(b, "</strong></li>\n<li>");
	html_text(b, _("Translated:"));
	html_lit(b, " <strong>");
	html_int(b, (long long)l->ntranslated);
	html_lit(b, "</strong></li>\n<li>");
	html_text(b, _("Welsh missing:"));
	html_lit(b, " <strong>");
	html_int(b, (long long)l->nmissing);
	html_lit(b, "</strong></li>\n<li>");
	html_text(b, _("Welsh the same as the English:"));
	html_lit(b, " <strong>");
	html_int(b, (long long)l->nunchanged);
	html_lit(b, "</strong></li>\n</ul>\n");
}

static void upload_form(struct app *app, struct req *rq, struct html *b, const struct admin *ad,
			const struct survey *s, int invalid)
{
	html_lit(b, "<h2>");
	html_text(b, _("Bring translations back"));
	html_lit(b, "</h2>\n<form method=\"post\" enctype=\"multipart/form-data\" "
		    "action=\"/admin/translate/");
	html_urlpart(b, s->id);
	html_lit(b, "\" novalidate>\n<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, admin_form_token(app, rq, ad));
	html_lit(b, "\">\n<div class=\"question");
	if (invalid)
		html_lit(b, " question-error");
	html_lit(b, "\"><label class=\"question-label\" for=\"translations\">");
	html_text(b, _("CSV or XLIFF file from the translator"));
	html_lit(b, "</label>\n<p class=\"hint\" id=\"translations-hint\">");
	html_text(b, _("The file downloaded from this page with the Welsh column (or the XLIFF "
		       "targets) filled in. You will see every change and the check result "
		       "before anything is made; nothing is changed on the server."));
	html_lit(b, "</p>\n<input type=\"file\" name=\"translations\" id=\"translations\" "
		    "accept=\".csv,.xlf,.xliff,text/csv,application/xliff+xml\" "
		    "aria-describedby=\"translations-hint\" required>\n</div>\n"
		    "<button type=\"submit\" class=\"button\">");
	html_text(b, _("Check the translations"));
	html_lit(b, "</button>\n</form>\n");
}

/* GET /admin/translate/<survey> and its .csv and .xlf. */
void translate_page(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	const struct survey *s = rp->survey;
	struct translation_list l;
	struct survey_diags d;
	const char *name, *path;
	char *bytes;
	size_t len;
	struct html *b;
	struct page_ctx p;

	if (translate_source(app, rq, s, &bytes, &len, &name) < 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	survey_diags_init(&d);
	if (translation_extract(name, bytes, len, &l, &d) < 0) {
		/* a file that no longer parses: the survey files page says why */
		survey_diags_release(&d);
		web_error(app, rq, rs, 503);
		return;
	}
	survey_diags_release(&d);
	if (rp->route->kind != 0) {
		const char *fn = arena_printf(rq->a, "attachment; filename=\"%s-translation.%s\"",
					      s->id, rp->route->kind == 1 ? "csv" : "xlf");

		buf_reset(&rs->body);
		if (rp->route->kind == 1) {
			translation_export_csv(&l, &rs->body);
			rs->content_type = "text/csv; charset=utf-8; header=present";
		} else {
			translation_export_xliff(&l, name, &rs->body);
			rs->content_type = "application/xliff+xml; charset=utf-8";
		}
		resp_header(rs, "Cache-Control", "no-store");
		resp_header(rs, "Content-Disposition", fn);
		translation_list_release(&l);
		return;
	}
	path = arena_printf(rq->a, "/admin/translate/%s", s->id);
	p = (struct page_ctx){rq->lang, path, _("Translation")};
	b = html_over(&rs->body);
	frame(rq, rs, &p, s, _("Translation"));
	html_lit(b, "<p>");
	html_text(b, _("Every text residents see, in English and in Welsh, from the survey file "));
	html_lit(b, "<code>");
	html_text(b, name);
	html_lit(b, "</code>. ");
	html_text(b, _("Texts with no Welsh, or with Welsh word for word the same as the English, "
		       "are marked so in the Status column."));
	html_lit(b, "</p>\n");
	counts(b, &l);
	html_lit(b, "<h2>");
	html_text(b, _("Send to a translator"));
	html_lit(b, "</h2>\n<ul class=\"plain\">\n<li><a href=\"/admin/translate/");
	html_urlpart(b, s->id);
	html_lit(b, ".csv\" download>");
	html_text(b, _("Download as CSV (for a spreadsheet)"));
	html_lit(b, "</a></li>\n<li><a href=\"/admin/translate/");
	html_urlpart(b, s->id);
	html_lit(b, ".xlf\" download>");
	html_text(b, _("Download as XLIFF 1.2 (for translation tools)"));
	html_lit(b, "</a></li>\n</ul>\n");
	upload_form(app, rq, b, rp->admin, s, 0);
	html_lit(b, "<h2>");
	html_text(b, _("All texts"));
	html_lit(b, "</h2>\n");
	page_table_region(b, _("English and Welsh texts"));
	html_text(b, _("English and Welsh texts"));
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Text"));
	page_th(b, _("English"));
	page_th(b, _("Welsh"));
	page_th(b, _("Status"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct translation_text *t = &l.v[i];

		html_lit(b, "<tr");
		if (t->status == TRANSLATION_MISSING)
			html_lit(b, " class=\"tr-missing\"");
		else if (t->status == TRANSLATION_UNCHANGED)
			html_lit(b, " class=\"tr-unchanged\"");
		html_lit(b, "><td><code>");
		html_text(b, t->key);
		html_lit(b, "</code><br><span class=\"hint\">");
		html_text(b, _("line"));
		html_lit(b, " ");
		html_int(b, t->line);
		html_lit(b, "</span></td><td lang=\"en\">");
		html_paragraphs(b, t->en, NULL);
		html_lit(b, "</td><td lang=\"cy\">");
		html_paragraphs(b, t->cy, NULL);
		html_lit(b, "</td><td>");
		if (t->status != TRANSLATION_TRANSLATED)
			html_lit(b, "<strong>");
		html_text(b, status_words(t->status));
		if (t->status != TRANSLATION_TRANSLATED)
			html_lit(b, "</strong>");
		html_lit(b, "</td></tr>\n");
	}
	html_lit(b, "</tbody>\n</table>\n</div>\n");
	page_end(b, &p);
	translation_list_release(&l);
}

/* The problems of an import as an error summary linked to the file field. */
static void problems(struct html *b, const struct survey_diags *d)
{
	page_errors_begin(b);
	for (size_t i = 0; i < d->n && i < 100; i++) {
		struct buf m;

		buf_init(&m, 2048);
		if (d->v[i].line > 0)
			buf_printf(&m, "%s:%d: %s", d->v[i].file, d->v[i].line, d->v[i].message);
		else
			buf_printf(&m, "%s: %s", d->v[i].file, d->v[i].message);
		page_error_item(b, "#translations", NULL, buf_cstr(&m));
		buf_release(&m);
	}
	page_errors_end(b);
}

/* Import tbytes into the survey's current file: the page of what would
 * change (download 0), or the updated file as an attachment (download 1). */
static void import_and_answer(struct app *app, struct req *rq, struct resp *rs,
			      const struct route_parts *rp, const char *tname, const char *tbytes,
			      size_t tlen, int download)
{
	const struct survey *s = rp->survey;
	struct translation_list l;
	struct translation_result res;
	struct survey_diags d;
	const char *name, *path;
	char *bytes;
	size_t len;
	struct html *b;
	struct page_ctx p;
	int r;

	if (translate_source(app, rq, s, &bytes, &len, &name) < 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	survey_diags_init(&d);
	if (translation_extract(name, bytes, len, &l, &d) < 0) {
		survey_diags_release(&d);
		web_error(app, rq, rs, 503);
		return;
	}
	r = tname == NULL ? -1
			  : translation_import(&l, name, bytes, len, tname, tbytes, tlen, &res, &d);
	{
		/* audited: who checked or took which translations of the survey */
		const char *detail = r < 0 ? arena_printf(rq->a, "refused: %zu problems", d.n)
					   : arena_printf(rq->a, "%zu Welsh texts", res.n);

		admin_audit(app, rp->admin, download ? "translation-download" : "translation-check",
			    s->id, detail);
	}
	if (r == 0 && download) {
		buf_reset(&rs->body);
		buf_append(&rs->body, res.bytes, res.len);
		rs->content_type = "application/xml; charset=utf-8";
		resp_header(rs, "Cache-Control", "no-store");
		resp_header(rs, "Content-Disposition",
			    arena_printf(rq->a, "attachment; filename=\"%s\"", name));
		translation_result_release(&res);
		translation_list_release(&l);
		survey_diags_release(&d);
		return;
	}
	path = arena_printf(rq->a, "/admin/translate/%s", s->id);
	p = (struct page_ctx){rq->lang, path, _("Check translations")};
	b = html_over(&rs->body);
	frame(rq, rs, &p, s, _("Check translations"));
	if (r < 0) {
		rs->status = 422;
		if (tname == NULL)
			survey_diags_add(&d, _("the upload"), 0, 0, "%s",
					 _("Choose a CSV or XLIFF file that is UTF-8 text."));
		problems(b, &d);
		html_lit(b, "<p id=\"result\">");
		html_text(b, _("Nothing was imported. Correct the file and try again."));
		html_lit(b, "</p>\n");
		upload_form(app, rq, b, rp->admin, s, 1);
	} else if (res.n == 0) {
		page_status(b, _("No Welsh text would change: the file brings nothing new."));
		html_lit(b, "<p><a href=\"");
		html_text(b, path);
		html_lit(b, "\">");
		html_text(b, _("Back to the translation"));
		html_lit(b, "</a></p>\n");
	} else {
		html_lit(b, "<p id=\"result\" role=\"status\">");
		html_text(b, _("Welsh texts that would change:"));
		html_lit(b, " <strong>");
		html_int(b, (long long)res.n);
		html_lit(b, "</strong>. ");
		html_text(b, _("With them the survey file passes the check."));
		html_lit(b, "</p>\n");
		page_table_region(b, _("Changes to the Welsh"));
		html_text(b, _("Changes to the Welsh"));
		html_lit(b, "</caption>\n<thead><tr>");
		page_th(b, _("Text"));
		page_th(b, _("English"));
		page_th(b, _("Welsh now"));
		page_th(b, _("New Welsh"));
		html_lit(b, "</tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < res.n; i++) {
			const struct translation_text *t = &l.v[res.v[i].index];

			html_lit(b, "<tr><td><code>");
			html_text(b, t->key);
			html_lit(b, "</code></td><td lang=\"en\">");
			html_paragraphs(b, t->en, NULL);
			html_lit(b, "</td><td lang=\"cy\">");
			if (res.v[i].old_cy[0] == '\0') {
				html_lit(b, "<strong>");
				html_text(b, _("Welsh missing"));
				html_lit(b, "</strong>");
			} else {
				html_paragraphs(b, res.v[i].old_cy, NULL);
			}
			html_lit(b, "</td><td lang=\"cy\">");
			html_paragraphs(b, res.v[i].new_cy, NULL);
			html_lit(b, "</td></tr>\n");
		}
		html_lit(b, "</tbody>\n</table>\n</div>\n");
		if (res.n > DOWNLOAD_MAX_CHANGES) {
			html_lit(b, "<p>");
			html_text(b,
				  _("That is too many changes to download from this page: use "
				    "the command yourvoice translate import with the same file."));
			html_lit(b, "</p>\n");
		} else {
			html_lit(b, "<form method=\"post\" action=\"/admin/translate/");
			html_urlpart(b, s->id);
			html_lit(b, ".xml\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
			html_text(b, admin_form_token(app, rq, rp->admin));
			html_lit(b, "\">\n");
			for (size_t i = 0; i < res.n; i++) {
				const struct translation_text *t = &l.v[res.v[i].index];

				html_lit(b, "<input type=\"hidden\" name=\"key\" value=\"");
				html_text(b, t->key);
				html_lit(b, "\">\n<input type=\"hidden\" name=\"en\" value=\"");
				html_text(b, t->en);
				html_lit(b, "\">\n<input type=\"hidden\" name=\"cy\" value=\"");
				html_text(b, res.v[i].new_cy);
				html_lit(b, "\">\n");
			}
			html_lit(b, "<p class=\"hint\">");
			html_text(b,
				  _("Nothing has been changed on the server. Download the updated "
				    "survey file, then put it in place of the old one as you do "
				    "for any change to a survey, and reload."));
			html_lit(b, "</p>\n<button type=\"submit\" class=\"button\">");
			html_text(b, _("Download the updated survey file"));
			html_lit(b, "</button>\n</form>\n");
		}
		translation_result_release(&res);
	}
	page_end(b, &p);
	translation_list_release(&l);
	survey_diags_release(&d);
}

/* POST /admin/translate/<survey>: the uploaded file, checked and shown. */
void translate_upload(struct app *app, struct req *rq, struct resp *rs,
		      const struct route_parts *rp)
{
	const char *t = http_param_get(&rq->form, "translations");
	const char *fn = http_param_get(&rq->form, "translations:filename");

	if (t == NULL || t[0] == '\0' || http_param_get(&rq->form, "translations:binary") != NULL) {
		import_and_answer(app, rq, rs, rp, NULL, NULL, 0, 0);
		return;
	}
	import_and_answer(app, rq, rs, rp, fn != NULL && fn[0] != '\0' ? fn : "upload", t,
			  strlen(t), 0);
}

/* POST /admin/translate/<survey>.xml: the changes reviewed on the page
 * (key, en, cy in turn) applied again to the file as it is now. */
void translate_download(struct app *app, struct req *rq, struct resp *rs,
			const struct route_parts *rp)
{
	struct buf csv;
	const char *k = NULL, *en = NULL;

	buf_init(&csv, (size_t)8 * 1024 * 1024);
	buf_puts(&csv, "key,English,Welsh\r\n");
	for (size_t i = 0; i < rq->form.n; i++) {
		const struct http_param *f = &rq->form.v[i];

		if (strcmp(f->name, "key") == 0) {
			k = f->value;
			en = NULL;
		} else if (strcmp(f->name, "en") == 0) {
			en = f->value;
		} else if (strcmp(f->name, "cy") == 0 && k != NULL && en != NULL) {
			csv_cell(&csv, k);
			buf_putc(&csv, ',');
			csv_cell(&csv, en);
			buf_putc(&csv, ',');
			csv_cell(&csv, f->value);
			buf_puts(&csv, "\r\n");
			k = en = NULL;
		}
	}
	if (csv.overflow) {
		buf_release(&csv);
		web_error(app, rq, rs, 413);
		return;
	}
	import_and_answer(app, rq, rs, rp, _("the reviewed changes"), buf_cstr(&csv), csv.len, 1);
	buf_release(&csv);
}
