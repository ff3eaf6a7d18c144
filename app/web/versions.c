/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* versions: the stored versions of a survey and their differences (versions.h). */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "render/html.h"
#include "render/page.h"
#include "store/responses.h"
#include "store/surveyxml.h"
#include "web/admin.h"
#include "web/versions.h"

/* Cells of the line table the diff may fill (old lines x new lines of the
 * part that differs); beyond it the whole part is shown removed and added. */
#define DIFF_CELLS_MAX (4u * 1024u * 1024u)
#define DIFF_CONTEXT 3 /* unchanged lines shown around each change */

int versions_valid_number(const char *v)
{
	size_t n = strspn(v, "0123456789");

	return n > 0 && n <= 10 && v[n] == '\0' && v[0] != '0' &&
	       strtoll(v, NULL, 10) <= 1000000000;
}

static const char *state_text(const char *state)
{
	if (strcmp(state, "draft") == 0)
		return _("Draft");
	if (strcmp(state, "withdrawn") == 0)
		return _("Withdrawn");
	return _("Published");
}

static const char *origin_text(const char *origin)
{
	if (strcmp(origin, "file") == 0)
		return _("Survey file");
	if (strcmp(origin, "rollback") == 0)
		return _("Rollback");
	return _("Browser");
}

/* A select of every version, the chosen one selected. */
static void version_select(struct html *b, const char *name, const char *label,
			   const struct surveyxml_version *v, size_t n, long long chosen)
{
	html_lit(b, "<div class=\"field\"><label for=\"");
	html_text(b, name);
	html_lit(b, "\">");
	html_text(b, label);
	html_lit(b, "</label>\n<select id=\"");
	html_text(b, name);
	html_lit(b, "\" name=\"");
	html_text(b, name);
	html_lit(b, "\">\n");
	for (size_t i = 0; i < n; i++) {
		html_lit(b, "<option value=\"");
		html_int(b, v[i].version);
		html_lit(b, "\"");
		if (v[i].version == chosen)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, _("Version"));
		html_lit(b, " ");
		html_int(b, v[i].version);
		html_lit(b, "</option>\n");
	}
	html_lit(b, "</select></div>\n");
}

/* GET /admin/versions/<survey> */
void versions_page(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	const struct survey *s = rp->survey;
	const char *path = arena_printf(rq->a, "/admin/versions/%s", s->id);
	const char *title = _("Versions");
	struct html *b = html_over(&rs->body);
	struct surveyxml_version *v;
	size_t n;

	if (path == NULL || surveyxml_history(&app->store, rq->a, s->id, &v, &n) != STORE_OK) {
		web_error(app, rq, rs, 503);
		return;
	}
	resp_page_begin(rq, rs, path, title);
	page_back_link(b, "/admin");
	page_heading(b, survey_text_get(&s->title, rq->lang), title);
	if (route_value(rp, "done") != NULL)
		page_status(b, _("The version is published as the newest version: the service is "
				 "loading it."));
	html_lit(b, "<p>");
	html_text(b, _("Every version of this survey kept by the service, newest first. Residents "
		       "are shown the newest published version."));
	html_lit(b, "</p>\n<p><a href=\"/admin/edit/");
	html_urlpart(b, s->id);
	html_lit(b, "\">");
	html_text(b, _("Edit this survey"));
	html_lit(b, "</a></p>\n");
	if (n == 0) {
		html_lit(b, "<p>");
		html_text(b, _("No version of this survey is stored yet."));
		html_lit(b, "</p>\n");
		resp_page_end(rq, rs, path, title);
		return;
	}
	page_table_region(b, title);
	html_text(b, title);
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Version"));
	page_th(b, _("State"));
	page_th(b, _("Stored (UTC)"));
	page_th(b, _("From"));
	page_th(b, _("By"));
	page_th(b, _("Reason"));
	page_th(b, _("Size (bytes)"));
	page_th(b, _("SHA-256"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		html_lit(b, "<tr><td>");
		html_int(b, v[i].version);
		html_lit(b, "</td><td>");
		html_text(b, state_text(v[i].state));
		html_lit(b, "</td><td>");
		html_text(b, v[i].created_at);
		html_lit(b, "</td><td>");
		html_text(b, origin_text(v[i].origin));
		html_lit(b, "</td><td>");
		html_text(b, v[i].author);
		html_lit(b, "</td><td>");
		html_text(b, v[i].reason);
		html_lit(b, "</td><td>");
		html_int(b, (long long)v[i].size);
		html_lit(b, "</td><td><code>");
		html_textn(b, v[i].sha256, strlen(v[i].sha256) > 12 ? 12 : strlen(v[i].sha256));
		html_lit(b, "</code></td></tr>\n");
	}
	html_lit(b, "</tbody>\n</table>\n</div>\n");
	if (n > 1) {
		html_lit(b, "<h2>");
		html_text(b, _("Roll back"));
		html_lit(b, "</h2>\n<p>");
		html_text(
		    b, _("Publish an earlier version again, as a new version. It is checked first, "
			 "as the service checks every survey."));
		html_lit(b, "</p>\n<form method=\"post\" action=\"/admin/rollback/");
		html_urlpart(b, s->id);
		html_lit(b, "\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
		html_text(b, admin_form_token(app, rq, rp->admin));
		html_lit(b, "\">\n");
		version_select(b, "version", _("Version to publish again"), v, n, v[1].version);
		html_lit(b, "<div class=\"field\"><label for=\"reason\">");
		html_text(b, _("Reason (kept in the history)"));
		html_lit(b, "</label>\n<input type=\"text\" id=\"reason\" name=\"reason\" "
			    "maxlength=\"500\" class=\"input\"></div>\n"
			    "<button type=\"submit\" class=\"button\">");
		html_text(b, _("Roll back to this version"));
		html_lit(b, "</button>\n</form>\n");
		html_lit(b, "<h2>");
		html_text(b, _("Compare two versions"));
		html_lit(b, "</h2>\n<form method=\"get\" action=\"/admin/diff/");
		html_urlpart(b, s->id);
		html_lit(b, "\">\n");
		version_select(b, "from", _("Older version"), v, n, v[1].version);
		version_select(b, "to", _("Newer version"), v, n, v[0].version);
		html_lit(b, "<button type=\"submit\" class=\"button\">");
		html_text(b, _("Compare"));
		html_lit(b, "</button>\n</form>\n");
	}
	resp_page_end(rq, rs, path, title);
}

/* The lines of a text: pointers into it and their lengths. */
struct lines {
	const char **p;
	size_t *len;
	size_t n;
};

static int split(struct arena *a, const char *t, struct lines *l)
{
	size_t cap = 1;

	for (const char *c = t; *c; c++)
		cap += *c == '\n';
	l->p = arena_alloc(a, cap * sizeof(*l->p));
	l->len = arena_alloc(a, cap * sizeof(*l->len));
	l->n = 0;
	if (l->p == NULL || l->len == NULL)
		return -1;
	while (*t != '\0') {
		const char *nl = strchr(t, '\n');
		size_t len = nl ? (size_t)(nl - t) : strlen(t);

		l->p[l->n] = t;
		l->len[l->n++] = len;
		t += len + (nl != NULL);
	}
	return 0;
}

static int same(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->len[i] == b->len[j] && memcmp(a->p[i], b->p[j], a->len[i]) == 0;
}

/* One line of the diff: kind ' ', '-' or '+', old and new numbers (0: none). */
struct dline {
	char kind;
	size_t o, n;
};

/* The edit script from a to b: common prefix and suffix, and between them
 * the longest common subsequence when the table fits, else all removed
 * then all added. Into *out (count *nout). */
static int script(struct arena *ar, const struct lines *a, const struct lines *b,
		  struct dline **out, size_t *nout)
{
	size_t pre = 0, suf = 0, k = 0;
	struct dline *d = arena_alloc(ar, (a->n + b->n + 1) * sizeof(*d));

	if (d == NULL)
		return -1;
	while (pre < a->n && pre < b->n && same(a, pre, b, pre))
		pre++;
	while (suf < a->n - pre && suf < b->n - pre && same(a, a->n - 1 - suf, b, b->n - 1 - suf))
		suf++;
	for (size_t i = 0; i < pre; i++)
		d[k++] = (struct dline){' ', i + 1, i + 1};
	{
		size_t na = a->n - pre - suf, nb = b->n - pre - suf;
		unsigned *t = NULL;

		if (na > 0 && nb > 0 && (na + 1) * (nb + 1) <= DIFF_CELLS_MAX)
			t = arena_calloc(ar, (na + 1) * (nb + 1), sizeof(*t));
		if (t != NULL) {
			size_t i = 0, j = 0;

			/* t[i][j]: the LCS length of a[pre+i..] and b[pre+j..] */
			for (size_t x = na; x-- > 0;)
				for (size_t y = nb; y-- > 0;) {
					unsigned *c = &t[x * (nb + 1) + y];

					if (same(a, pre + x, b, pre + y))
						*c = t[(x + 1) * (nb + 1) + y + 1] + 1;
					else {
						unsigned r = t[(x + 1) * (nb + 1) + y],
							 dn = t[x * (nb + 1) + y + 1];

						*c = r > dn ? r : dn;
					}
				}
			while (i < na || j < nb) {
				if (i < na && j < nb && same(a, pre + i, b, pre + j)) {
					d[k++] = (struct dline){' ', pre + i + 1, pre + j + 1};
					i++, j++;
				} else if (j < nb && (i == na || t[i * (nb + 1) + j + 1] >=
								     t[(i + 1) * (nb + 1) + j])) {
					d[k++] = (struct dline){'+', 0, pre + j + 1};
					j++;
				} else {
					d[k++] = (struct dline){'-', pre + i + 1, 0};
					i++;
				}
			}
		} else {
			for (size_t i = 0; i < na; i++)
				d[k++] = (struct dline){'-', pre + i + 1, 0};
			for (size_t j = 0; j < nb; j++)
				d[k++] = (struct dline){'+', 0, pre + j + 1};
		}
	}
	for (size_t i = 0; i < suf; i++)
		d[k++] = (struct dline){' ', a->n - suf + i + 1, b->n - suf + i + 1};
	*out = d;
	*nout = k;
	return 0;
}

/* Whether line i of the script is within DIFF_CONTEXT of a change. */
static int near_change(const struct dline *d, size_t n, size_t i)
{
	size_t lo = i >= DIFF_CONTEXT ? i - DIFF_CONTEXT : 0, hi = i + DIFF_CONTEXT;

	for (size_t k = lo; k <= hi && k < n; k++)
		if (d[k].kind != ' ')
			return 1;
	return 0;
}

static void number_cell(struct html *b, size_t n)
{
	html_lit(b, "<td class=\"diff-num\">");
	if (n > 0)
		html_int(b, (long long)n);
	html_lit(b, "</td>");
}

/* GET /admin/diff/<survey>?from=N&to=M */
void versions_diff(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	const struct survey *s = rp->survey;
	const char *from = route_value(rp, "from"), *to = route_value(rp, "to");
	const char *path = arena_printf(rq->a, "/admin/diff/%s", s->id);
	const char *back = arena_printf(rq->a, "/admin/versions/%s", s->id);
	const char *title = _("Differences between two versions");
	struct html *b = html_over(&rs->body);
	struct surveyxml_version va, vb;
	struct lines la, lb;
	struct dline *d;
	size_t nd, changes = 0, shown = 0;
	enum store_err e1, e2;

	if (from == NULL || to == NULL) {
		web_error(app, rq, rs, 400);
		return;
	}
	e1 = surveyxml_get(&app->store, rq->a, s->id, strtoll(from, NULL, 10), &va);
	e2 = surveyxml_get(&app->store, rq->a, s->id, strtoll(to, NULL, 10), &vb);
	if (e1 == STORE_NOT_FOUND || e2 == STORE_NOT_FOUND) {
		web_error(app, rq, rs, 404);
		return;
	}
	if (path == NULL || back == NULL || e1 != STORE_OK || e2 != STORE_OK ||
	    split(rq->a, va.xml, &la) != 0 || split(rq->a, vb.xml, &lb) != 0 ||
	    script(rq->a, &la, &lb, &d, &nd) != 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	for (size_t i = 0; i < nd; i++)
		changes += d[i].kind != ' ';
	resp_page_begin(rq, rs, path, title);
	page_back_link(b, back);
	page_heading(b, survey_text_get(&s->title, rq->lang), title);
	html_lit(b, "<p>");
	html_text(b, _("Version"));
	html_lit(b, " ");
	html_int(b, va.version);
	html_lit(b, " (");
	html_text(b, state_text(va.state));
	html_lit(b, ", ");
	html_text(b, va.created_at);
	html_lit(b, ") → ");
	html_text(b, _("Version"));
	html_lit(b, " ");
	html_int(b, vb.version);
	html_lit(b, " (");
	html_text(b, state_text(vb.state));
	html_lit(b, ", ");
	html_text(b, vb.created_at);
	html_lit(b, ")</p>\n<p>");
	if (changes == 0) {
		html_text(b, _("The two versions are identical."));
		html_lit(b, "</p>\n");
		resp_page_end(rq, rs, path, title);
		return;
	}
	html_text(b, _("Lines changed:"));
	html_lit(b, " ");
	html_int(b, (long long)changes);
	html_lit(b, ". ");
	html_text(b, _("Removed lines are marked with a minus sign, added lines with a plus sign; "
		       "three unchanged lines are shown around each change."));
	html_lit(b, "</p>\n");
	page_table_region(b, title);
	html_text(b, title);
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Old line"));
	page_th(b, _("New line"));
	page_th(b, _("Change"));
	page_th(b, _("Text"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < nd; i++) {
		if (!near_change(d, nd, i)) {
			if (shown == i && i > 0 && near_change(d, nd, i - 1))
				html_lit(b, "<tr><td colspan=\"4\">…</td></tr>\n");
			shown = i + 1;
			continue;
		}
		shown = i + 1;
		if (d[i].kind == '-')
			html_lit(b, "<tr class=\"diff-del\">");
		else if (d[i].kind == '+')
			html_lit(b, "<tr class=\"diff-add\">");
		else
			html_lit(b, "<tr>");
		number_cell(b, d[i].o);
		number_cell(b, d[i].n);
		html_lit(b, "<td>");
		if (d[i].kind == '-')
			html_text(b, _("− removed"));
		else if (d[i].kind == '+')
			html_text(b, _("+ added"));
		html_lit(b, "</td><td><code class=\"diff-text\">");
		if (d[i].kind == '+')
			html_textn(b, lb.p[d[i].n - 1], lb.len[d[i].n - 1]);
		else
			html_textn(b, la.p[d[i].o - 1], la.len[d[i].o - 1]);
		html_lit(b, "</code></td></tr>\n");
	}
	html_lit(b, "</tbody>\n</table>\n</div>\n");
	resp_page_end(rq, rs, path, title);
}

/* The problems of a version, as `yourvoice check` prints them. */
static void diag_list(struct html *b, const struct survey_diags *d)
{
	html_lit(b, "<ul class=\"plain check-errors\">\n");
	for (size_t k = 0; k < d->n && k < 200; k++) {
		html_lit(b, "<li><code>");
		html_text(b, d->v[k].file);
		html_lit(b, ":");
		html_int(b, d->v[k].line);
		html_lit(b, ":");
		html_int(b, d->v[k].col);
		html_lit(b, ": ");
		html_text(b, d->v[k].message);
		html_lit(b, "</code></li>\n");
	}
	html_lit(b, "</ul>\n");
}

/* POST /admin/rollback/<survey>: publish version's bytes again as a new
 * version, when they pass the check; for a survey with responses, the
 * changes that alter what the answers mean are shown first and must be
 * confirmed. */
void versions_rollback(struct app *app, struct req *rq, struct resp *rs,
		       const struct route_parts *rp)
{
	const struct survey *s = rp->survey;
	const char *ver = route_value(rp, "version"), *reason = route_value(rp, "reason");
	const char *back = arena_printf(rq->a, "/admin/versions/%s", s->id);
	const char *path = arena_printf(rq->a, "/admin/rollback/%s", s->id);
	const char *name = arena_printf(rq->a, "%s.xml", s->id);
	struct audit_actor who = {rp->admin->user_id, rp->admin->username};
	struct html *b = html_over(&rs->body);
	struct surveyxml_version v;
	struct surveyxml_new nv = {0};
	struct survey_diags d;
	struct survey *fresh = NULL;
	long long version, answers;
	enum store_err e;

	if (ver == NULL) {
		web_error(app, rq, rs, 400);
		return;
	}
	e = surveyxml_get(&app->store, rq->a, s->id, strtoll(ver, NULL, 10), &v);
	if (e == STORE_NOT_FOUND) {
		web_error(app, rq, rs, 404);
		return;
	}
	if (e != STORE_OK || back == NULL || path == NULL || name == NULL) {
		web_error(app, rq, rs, 503);
		return;
	}
	survey_diags_init(&d);
	if (survey_load_memory(name, v.xml, v.size, &fresh, &d) != 0) {
		const char *title = _("This version cannot be published");

		admin_audit(app, rp->admin, "survey-rollback-refused", s->id, ver);
		rs->status = 422;
		resp_page_begin(rq, rs, path, title);
		page_back_link(b, back);
		page_heading(b, survey_text_get(&s->title, rq->lang), title);
		html_lit(b, "<p>");
		html_text(b, _("It fails the check, with these messages (as yourvoice check prints "
			       "them). Nothing was published."));
		html_lit(b, "</p>\n");
		diag_list(b, &d);
		resp_page_end(rq, rs, path, title);
		survey_diags_release(&d);
		return;
	}
	answers = responses_complete_count(&app->store, rq->a, s->id);
	if (answers < 0) {
		survey_free(fresh);
		survey_diags_release(&d);
		web_error(app, rq, rs, 503);
		return;
	}
	if (answers > 0 && route_value(rp, "confirm") == NULL && survey_compare(s, fresh, &d) > 0) {
		const char *title = _("Confirm the rollback");

		resp_page_begin(rq, rs, path, title);
		page_back_link(b, back);
		page_heading(b, survey_text_get(&s->title, rq->lang), title);
		html_lit(b, "<p>");
		html_text(b, _("This survey already has responses. Publishing this version changes "
			       "what some of their answers mean:"));
		html_lit(b, "</p>\n");
		diag_list(b, &d);
		html_lit(b, "<form method=\"post\" action=\"");
		html_text(b, path);
		html_lit(b, "\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
		html_text(b, admin_form_token(app, rq, rp->admin));
		html_lit(b, "\">\n<input type=\"hidden\" name=\"version\" value=\"");
		html_text(b, ver);
		html_lit(b, "\">\n<input type=\"hidden\" name=\"reason\" value=\"");
		html_text(b, reason ? reason : "");
		html_lit(b, "\">\n<input type=\"hidden\" name=\"confirm\" value=\"1\">\n"
			    "<button type=\"submit\" class=\"button\">");
		html_text(b, _("Publish this version anyway"));
		html_lit(b, "</button>\n</form>\n<p><a href=\"");
		html_text(b, back);
		html_lit(b, "\">");
		html_text(b, _("Cancel: keep the version published now"));
		html_lit(b, "</a></p>\n");
		resp_page_end(rq, rs, path, title);
		survey_free(fresh);
		survey_diags_release(&d);
		return;
	}
	survey_free(fresh);
	survey_diags_release(&d);
	nv.survey_id = s->id;
	nv.xml = v.xml;
	nv.size = v.size;
	nv.origin = SURVEYXML_ROLLBACK;
	nv.author = rp->admin->username;
	nv.reason = reason != NULL && reason[0] != '\0'
			? arena_printf(rq->a, "rollback to version %s: %s", ver, reason)
			: arena_printf(rq->a, "rollback to version %s", ver);
	nv.state = SURVEYXML_PUBLISHED;
	if (nv.reason == NULL ||
	    surveyxml_add(&app->store, &who, "survey-rollback", &nv, &version) != STORE_OK) {
		web_error(app, rq, rs, 503);
		return;
	}
	/* at once here; the other instances notice within seconds */
	if (app->master_pid > 0 && (long)getppid() == app->master_pid)
		kill((pid_t)app->master_pid, SIGHUP);
	rs->status = 303;
	resp_header(rs, "Location", arena_printf(rq->a, "%s?done=%lld", back, version));
}
