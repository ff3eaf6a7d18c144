/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * channels: /admin/channels, channel shift in figures. For each
 * consultation an account may see, the responses received by each channel
 * (online, phone, paper, face to face, email) per calendar month, what they
 * cost at the configured cost per contact (cost_online, cost_phone, ...),
 * and what the same responses would have cost had they all come face to
 * face or by phone, so a council can report the saving its online channel
 * makes without leaving offline residents out of the count. The figures
 * are officers' (exact, withdrawn responses included: the contact was
 * made); the published results keep their own counts by channel.
 * /admin/channels.csv (channels_csv.c) has the same figures as open rows.
 *
 * Uses store/responses (counts per month and channel), render/, resp.c and
 * admin.c.
 */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "render/html.h"
#include "render/page.h"
#include "store/responses.h"
#include "web/admin.h"
#include "web/channels_int.h"
#include "web/handlers.h"
#include "web/officer.h"

static const char *const ch_names[CH__COUNT] = {"web",		"phone", "paper",
						"face-to-face", "email", "other"};

const char *ch_name(int ch)
{
	return ch_names[ch];
}

int ch_cost(const struct settings *cfg, int ch)
{
	switch (ch) {
	case CH_ONLINE:
		return cfg->cost_online;
	case CH_PHONE:
		return cfg->cost_phone;
	case CH_PAPER:
		return cfg->cost_paper;
	case CH_FACE:
		return cfg->cost_face_to_face;
	case CH_EMAIL:
		return cfg->cost_email;
	default:
		return -1;
	}
}

void ch_cost_of(const struct settings *cfg, const long long n[CH__COUNT], long long *known,
		long long *uncosted)
{
	*known = 0;
	*uncosted = 0;
	for (int c = 0; c < CH__COUNT; c++) {
		int p = ch_cost(cfg, c);

		if (p < 0)
			*uncosted += n[c];
		else
			*known += n[c] * p;
	}
}

void ch_pounds_plain(char out[32], long long pence)
{
	int neg = pence < 0;

	if (neg)
		pence = -pence;
	snprintf(out, 32, "%s%lld.%02lld", neg ? "-" : "", pence / 100, pence % 100);
}

/* The channel a stored name stands for; the names "face to face" has had
 * elsewhere are read too. */
static int ch_of(const char *name)
{
	if (strcmp(name, "face_to_face") == 0 || strcmp(name, "f2f") == 0)
		return CH_FACE;
	for (int c = 0; c < CH_OTHER; c++)
		if (strcmp(name, ch_names[c]) == 0)
			return c;
	return CH_OTHER;
}

static const char *ch_label(int ch)
{
	switch (ch) {
	case CH_ONLINE:
		return _("Online");
	case CH_PHONE:
		return _("Phone");
	case CH_PAPER:
		return _("Paper");
	case CH_FACE:
		return _("Face to face");
	case CH_EMAIL:
		return _("Email");
	default:
		return _("Other");
	}
}

/* "£1,234.56" */
static void money(struct html *b, long long pence)
{
	char plain[32], out[48];
	const char *p = plain;
	size_t k = 0, intlen;

	ch_pounds_plain(plain, pence);
	if (*p == '-') {
		out[k++] = '-';
		p++;
	}
	memcpy(out + k, "£", 2);
	k += 2;
	intlen = strcspn(p, ".");
	for (size_t i = 0; p[i] != '\0'; i++) {
		if (i > 0 && i < intlen && (intlen - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = p[i];
	}
	out[k] = '\0';
	html_text(b, out);
}

/* Each consultation ad may see, with its months, into an arena array.
 * 0, or -1 when the database cannot say. */
static int gather(struct app *app, struct req *rq, const struct admin *ad, struct ch_survey **out,
		  size_t *nout)
{
	size_t ns = survey_set_count(app->surveys), n = 0;
	struct ch_survey *v = arena_calloc(rq->a, ns ? ns : 1, sizeof(*v));

	if (v == NULL)
		return -1;
	for (size_t i = 0; i < ns; i++) {
		const struct survey *s = survey_set_at(app->surveys, i);
		struct responses_channel_month *rows;
		size_t nrows;
		struct ch_survey *cs;

		if (!admin_may(ad, s->id))
			continue;
		if (responses_channel_months(&app->store, rq->a, s->id, &rows, &nrows) != STORE_OK)
			return -1;
		cs = &v[n++];
		cs->s = s;
		cs->months = arena_calloc(rq->a, nrows ? nrows : 1, sizeof(*cs->months));
		if (cs->months == NULL)
			return -1;
		for (size_t r = 0; r < nrows; r++) {
			int c = ch_of(rows[r].channel);

			if (cs->nmonths == 0 ||
			    strcmp(cs->months[cs->nmonths - 1].month, rows[r].month) != 0)
				cs->months[cs->nmonths++].month = rows[r].month;
			cs->months[cs->nmonths - 1].n[c] += rows[r].count;
			cs->n[c] += rows[r].count;
		}
	}
	*out = v;
	*nout = n;
	return 0;
}

static long long total_of(const long long n[CH__COUNT])
{
	long long t = 0;

	for (int c = 0; c < CH__COUNT; c++)
		t += n[c];
	return t;
}

/* Which channels have any response in v (always online, phone and paper,
 * so the table keeps its shape). */
static void shown_channels(const struct ch_survey *v, size_t n, int shown[CH__COUNT])
{
	for (int c = 0; c < CH__COUNT; c++)
		shown[c] = c <= CH_PAPER;
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < CH__COUNT; c++)
			if (v[i].n[c] > 0)
				shown[c] = 1;
}

static void th_col(struct html *b, const char *text)
{
	html_lit(b, "<th scope=\"col\">");
	html_text(b, text);
	html_lit(b, "</th>");
}

/* The figure cells of one row: responses per shown channel, total, cost,
 * and the costs face to face and by phone with the saving. */
static void figure_cells(struct html *b, struct arena *a, const struct settings *cfg,
			 const long long n[CH__COUNT], const int shown[CH__COUNT])
{
	long long total = total_of(n), known, uncosted, costed;

	for (int c = 0; c < CH__COUNT; c++) {
		if (!shown[c])
			continue;
		html_lit(b, "<td class=\"count\">");
		html_int(b, n[c]);
		html_lit(b, "</td>");
	}
	html_lit(b, "<td class=\"count\">");
	html_int(b, total);
	html_lit(b, "</td><td class=\"count\">");
	ch_cost_of(cfg, n, &known, &uncosted);
	money(b, known);
	if (uncosted > 0) {
		html_lit(b, "<br><span class=\"caption\">");
		html_text(b,
			  arena_printf(a,
				       ngettext_("plus %lld response by a channel with no cost set",
						 "plus %lld responses by channels with no cost set",
						 uncosted),
				       uncosted));
		html_lit(b, "</span>");
	}
	costed = total - uncosted;
	html_lit(b, "</td><td class=\"count\">");
	if (cfg->cost_face_to_face >= 0)
		money(b, total * cfg->cost_face_to_face);
	html_lit(b, "</td><td class=\"count\">");
	if (cfg->cost_phone >= 0)
		money(b, total * cfg->cost_phone);
	html_lit(b, "</td><td class=\"count\">");
	if (cfg->cost_face_to_face >= 0)
		money(b, costed * cfg->cost_face_to_face - known);
	html_lit(b, "</td>");
}

/* A table in its own scrolling region, named by its caption (so every
 * region of the page has its own name). */
static void table_open(struct html *b, const char *caption)
{
	html_lit(b, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_text(b, caption);
	html_lit(b, "\">\n<table class=\"results-table\"><caption>");
	html_text(b, caption);
	html_lit(b, "</caption>\n");
}

/* The head of a figures table: its first column's heading, then the
 * channels shown and the costs. */
static void table_head(struct html *b, const char *first, const int shown[CH__COUNT])
{
	html_lit(b, "<thead><tr>");
	th_col(b, first);
	for (int c = 0; c < CH__COUNT; c++)
		if (shown[c])
			th_col(b, ch_label(c));
	th_col(b, _("All channels"));
	th_col(b, _("Cost"));
	th_col(b, _("Cost if all face to face"));
	th_col(b, _("Cost if all by phone"));
	th_col(b, _("Saved against face to face"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
}

/* The costs per contact the figures use, as the configuration sets them. */
static void cost_list(struct html *b, const struct settings *cfg)
{
	html_lit(b, "<h2>");
	html_text(b, _("Cost of one contact"));
	html_lit(b, "</h2>\n<dl class=\"summary-list\">\n");
	for (int c = 0; c < CH_OTHER; c++) {
		int p = ch_cost(cfg, c);

		html_lit(b, "<div><dt>");
		html_text(b, ch_label(c));
		html_lit(b, "</dt><dd>");
		if (p >= 0)
			money(b, p);
		else
			html_text(b, _("not set: responses are counted but not costed"));
		html_lit(b, "</dd></div>\n");
	}
	html_lit(b, "</dl>\n<p>");
	html_text(b, _("These are the figures in the service's configuration (cost_online, "
		       "cost_phone, cost_paper, cost_face_to_face, cost_email). Every response "
		       "received is counted, withdrawn ones too: the contact was made. Months "
		       "are calendar months in UTC."));
	html_lit(b, "</p>\n");
}

static void page(struct app *app, struct req *rq, struct resp *rs, const struct ch_survey *v,
		 size_t n)
{
	const char *title = _("Responses and their cost by channel");
	struct page_ctx p = {rq->lang, "/admin/channels", title};
	struct html *b = html_over(&rs->body);
	long long all[CH__COUNT] = {0};
	int shown[CH__COUNT];

	shown_channels(v, n, shown);
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < CH__COUNT; c++)
			all[c] += v[i].n[c];
	resp_html(rs);
	page_begin(b, &p);
	page_back_link(b, "/admin");
	html_lit(b, "<h1>");
	html_text(b, title);
	html_lit(b, "</h1>\n<p>");
	html_text(b, _("How responses reached the council, what they cost, and what the same "
		       "responses would have cost face to face or by phone."));
	html_lit(b, " <a href=\"/admin/channels.csv\" download>");
	html_text(b, _("Download these figures (CSV)"));
	html_lit(b, "</a></p>\n");
	cost_list(b, &app->cfg);

	html_lit(b, "<h2>");
	html_text(b, _("All consultations"));
	html_lit(b, "</h2>\n");
	table_open(b, _("Responses and their cost by channel, per consultation"));
	table_head(b, _("Consultation"), shown);
	for (size_t i = 0; i < n; i++) {
		html_lit(b, "<tr><th scope=\"row\"><a href=\"#ch-");
		html_text(b, v[i].s->id);
		html_lit(b, "\">");
		html_text(b, survey_text_get(&v[i].s->title, rq->lang));
		html_lit(b, "</a></th>");
		figure_cells(b, rq->a, &app->cfg, v[i].n, shown);
		html_lit(b, "</tr>\n");
	}
	html_lit(b, "</tbody>\n<tfoot><tr><th scope=\"row\">");
	html_text(b, _("Total"));
	html_lit(b, "</th>");
	figure_cells(b, rq->a, &app->cfg, all, shown);
	html_lit(b, "</tr></tfoot>\n</table>\n</div>\n");

	for (size_t i = 0; i < n; i++) {
		const char *name = survey_text_get(&v[i].s->title, rq->lang);

		/* two consultations of one title are told apart by their ids */
		for (size_t k = 0; k < n; k++)
			if (k != i &&
			    strcmp(name, survey_text_get(&v[k].s->title, rq->lang)) == 0) {
				name = arena_printf(rq->a, "%s (%s)", name, v[i].s->id);
				break;
			}
		html_lit(b, "<h2 id=\"ch-");
		html_text(b, v[i].s->id);
		html_lit(b, "\">");
		html_text(b, name);
		html_lit(b, "</h2>\n");
		if (v[i].nmonths == 0) {
			html_lit(b, "<p>");
			html_text(b, _("No responses yet."));
			html_lit(b, "</p>\n");
			continue;
		}
		table_open(b, arena_printf(rq->a, _("%s: responses by channel per month"), name));
		table_head(b, _("Month"), shown);
		for (size_t m = 0; m < v[i].nmonths; m++) {
			html_lit(b, "<tr><th scope=\"row\">");
			html_text(b, v[i].months[m].month);
			html_lit(b, "</th>");
			figure_cells(b, rq->a, &app->cfg, v[i].months[m].n, shown);
			html_lit(b, "</tr>\n");
		}
		html_lit(b, "</tbody>\n</table>\n</div>\n");
	}
	page_end(b, &p);
}

/* Routes: /admin/channels (kind 0, the page) and /admin/channels.csv (1),
 * for officers and councillors, each seeing the consultations they may. */
void officer_channels(struct app *app, struct req *rq, struct resp *rs,
		      const struct route_parts *rp)
{
	struct ch_survey *v;
	size_t n;

	if (gather(app, rq, rp->admin, &v, &n) != 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (rp->route->kind == 1) {
		channels_csv(&rs->body, &app->cfg, v, n, rq->lang);
		rs->content_type = "text/csv; charset=utf-8; header=present";
		resp_header(rs, "Cache-Control", "no-store");
		resp_header(rs, "Content-Disposition", "attachment; filename=\"channels.csv\"");
		return;
	}
	page(app, rq, rs, v, n);
}
