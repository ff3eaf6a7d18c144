/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * moderate: officers' decisions on what residents wrote, and officers'
 * exports of individual responses (issue 8). Routed from officer.c, which
 * has signed the account in and refused forged forms.
 *
 *   GET  /admin/answers/<id>             free-text answers (short and long
 *        ?q=FIELD&show=all|hidden|flagged&page=N   text, "other" boxes),
 *        &text=&theme=Q:KEY&area=&channel=&stance=&response=N
 *                                        searched (text contained, at most
 *                                        SEARCH_MAX bytes) and filtered
 *                                        (theme, area and stance from the
 *                                        theme summaries, themes.h); cards
 *                                        of analysed questions show their
 *                                        theme, with move and split forms
 *                                        that post to /admin/themes/<id>
 *                                        newest first, redacted, with the
 *                                        response's channel, language,
 *                                        date, flag and any hiding decision
 *   POST /admin/answers/<id>/hide        hide one answer from publication
 *        /admin/answers/<id>/unhide      (table answer_moderation; reason
 *        /admin/answers/<id>/flag        required), flag a response as
 *        /admin/answers/<id>/clear-flag  suspicious or clear its flag
 *   GET  /admin/export/<id>              what an export holds, and links
 *   GET  /admin/export/<id>.csv|.json    one row/object per completed
 *        ?personal=1&raw=1               response, streamed in batches
 *
 * Who may do what: officers with access to the survey see and moderate the
 * answers and export; councillors read the answers page (no forms; the text
 * of hidden answers withheld) and cannot moderate (403) or export (403:
 * individual responses are for the officers who run the consultation; the
 * results pages give councillors every aggregate). Personal answers (email,
 * postcode and pattern questions, and any marked personal="true": not on
 * the answers page at all) and unredacted free text (?personal=1,
 * ?raw=1) need the account's personal-data permission (`yourvoice user
 * personal-data NAME yes`); asking without it is refused and audited.
 * Every decision and every export goes to the audit log, in the same
 * transaction as the decision, and bumps the survey's moderation version so
 * cached results (publish.c) notice it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/i18n.h"
#include "core/log.h"
#include "render/csv.h"
#include "render/html.h"
#include "render/page.h"
#include "results/feed.h"
#include "results/results.h"
#include "text/redact.h"
#include "results/themeview.h"
#include "web/admin.h"
#include "web/handlers.h"
#include "web/themes.h"

#define ANSWERS_PER_PAGE 20
#define SEARCH_MAX 200     /* bytes of the text searched for */
#define SEARCH_SCAN 5000   /* rows a text search redacts and checks */
#define PAIRS_MAX 100000   /* answers a theme, area or stance filter names */
#define ANSWERS_MAX_PAGE 100000
#define REASON_MAX_CHARS 200
#define TEXT_MAX_BYTES (256 * 1024) /* one answer after redaction */
#define EXPORT_BATCH 200
#define EXPORT_MAX_ROWS 100000
#define EXPORT_CHUNK (512 * 1024)

/* What a stored field is, for moderation and export. */
enum field_kind {
	F_PLAIN,    /* a choice, number, date, scale, ranking place or budget line */
	F_TEXT,     /* free text: short or long text */
	F_OTHER,    /* free text typed in "other, please specify" */
	F_PERSONAL, /* survey_question_is_personal(): email, postcode, pattern, personal="true" */
};

/* One column of an export: a stored answer.question_id. */
struct field {
	const char *id;
	const struct survey_question *q;
	enum field_kind kind;
	int multi; /* several values (ord 0, 1, ...) */
};

struct fields {
	struct field *v;
	size_t n;
};

/* The answers page's filters, from the query (GET) or the form (POST). */
struct filters {
	const char *q; /* a free-text field, or NULL for all */
	int hidden_only, flagged_only;
	long page;
	/* search: text contained (at most SEARCH_MAX bytes; too_long when
	 * more), theme (an analysed question and a theme key), area, channel,
	 * stance, one response; NULL or 0 when not asked */
	const char *text, *theme_q, *theme_key, *area, *channel, *stance;
	long long response;
	int too_long;
};

/* Redaction patterns: compiled once per worker, on first use. */
static struct redactor redactor;
static int redactor_state; /* 0 not tried, 1 ready, -1 failed */

static struct redactor *get_redactor(void)
{
	if (redactor_state == 0)
		redactor_state = redact_init(&redactor) == 0 ? 1 : -1;
	if (redactor_state < 0)
		log_error("moderate: the redaction patterns did not compile");
	return redactor_state > 0 ? &redactor : NULL;
}

/* Every stored field of s, in survey order (arena memory). */
static int fields_of(struct arena *a, const struct survey *s, struct fields *out)
{
	size_t cap = 0, n = 0;

	for (size_t p = 0; p < s->npages; p++)
		for (size_t i = 0; i < s->pages[p].nquestions; i++) {
			const struct survey_question *q = &s->pages[p].questions[i];

			cap += 2 + q->nchoices + (q->budget ? q->budget->nlines + 1 : 0);
		}
	out->v = arena_calloc(a, cap + 1, sizeof(*out->v));
	if (out->v == NULL)
		return -1;
	for (size_t p = 0; p < s->npages; p++)
		for (size_t i = 0; i < s->pages[p].nquestions; i++) {
			const struct survey_question *q = &s->pages[p].questions[i];
			struct field f = {q->id, q, F_PLAIN, 0};

			/* Personal by type or marked personal="true": one column,
			 * withheld without the permission, never on the answers page. */
			if (survey_question_is_personal(q)) {
				f.kind = F_PERSONAL;
				out->v[n++] = f;
				continue;
			}
			switch (q->type) {
			case SQ_SHORT_TEXT:
			case SQ_LONG_TEXT:
				f.kind = F_TEXT;
				out->v[n++] = f;
				break;
			case SQ_RANKING:
				for (size_t c = 0; c < q->nchoices; c++) {
					f.id = arena_printf(a, "%s.%s", q->id, q->choices[c].value);
					out->v[n++] = f;
				}
				break;
			case SQ_BUDGET:
				for (size_t l = 0; q->budget && l < q->budget->nlines; l++) {
					f.id = arena_printf(a, "%s.%s", q->id, q->budget->lines[l].id);
					out->v[n++] = f;
				}
				if (q->budget && q->budget->has_council_tax) {
					f.id = arena_printf(a, "%s.council-tax", q->id);
					out->v[n++] = f;
				}
				break;
			default:
				f.multi = q->type == SQ_MULTI;
				out->v[n++] = f;
				if ((q->type == SQ_CHOICE || q->type == SQ_MULTI) && q->other != NULL) {
					f.id = arena_printf(a, "%s.other", q->id);
					f.kind = F_OTHER;
					f.multi = 0;
					out->v[n++] = f;
				}
				break;
			}
			for (size_t k = 0; k < n; k++)
				if (out->v[k].id == NULL)
					return -1;
		}
	out->n = n;
	return 0;
}

static const struct field *field_find(const struct fields *fs, const char *id)
{
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].id, id) == 0)
			return &fs->v[i];
	return NULL;
}

static int is_free_text(const struct field *f)
{
	return f != NULL && (f->kind == F_TEXT || f->kind == F_OTHER);
}

/* The label of a field in the reader's language ("…: other answer"). */
static const char *field_label(struct req *rq, const struct field *f)
{
	const char *l = survey_text_get(&f->q->label, rq->lang);

	return f->kind == F_OTHER ? arena_printf(rq->a, "%s (%s)", l, _("other answer")) : l;
}

/* Code points in a UTF-8 string. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* A reason as typed: NULL when empty or only spaces. */
static const char *trimmed(struct arena *a, const char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return n == 0 ? NULL : arena_strndup(a, s, n);
}

/* A positive id of at most 19 digits; 0 when malformed. */
static long long parse_id(const char *s)
{
	long long v = 0;
	size_t n = 0;

	if (s == NULL)
		return 0;
	for (; s[n]; n++) {
		if (s[n] < '0' || s[n] > '9' || n >= 18)
			return 0;
		v = v * 10 + (s[n] - '0');
	}
	return v;
}

/* Why a response is flagged, in words. */
static const char *flag_reason_text(const char *reason)
{
	if (reason == NULL)
		return _("Flagged");
	if (strcmp(reason, "honeypot") == 0)
		return _("a field that people never see was filled in (likely a robot)");
	if (strcmp(reason, "too-fast") == 0)
		return _("answered faster than a person could");
	if (strcmp(reason, "many-from-network") == 0)
		return _("one of many responses from one network within an hour");
	if (strcmp(reason, "many-from-provider") == 0)
		return _("one of many responses from one internet provider within an hour");
	if (strcmp(reason, "officer") == 0)
		return _("flagged by an officer");
	return reason;
}

static const char *channel_text(const char *c)
{
	return strcmp(c, "paper") == 0 ? _("Paper") : strcmp(c, "phone") == 0 ? _("Phone") : _("Online");
}

static int is_analysed(const struct survey *s, const char *qid)
{
	for (size_t i = 0; qid != NULL && i < s->nanalysed; i++)
		if (strcmp(s->analysed[i]->id, qid) == 0)
			return 1;
	return 0;
}

/* Whether hay contains needle, ASCII letters matched in either case. */
static int contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		size_t k = 0;

		while (k < n && hay[k] != '\0' &&
		       (hay[k] == needle[k] ||
		        ((unsigned char)hay[k] < 128 && (unsigned char)needle[k] < 128 &&
		         (hay[k] | 0x20) == (needle[k] | 0x20) && ((hay[k] | 0x20) >= 'a' && (hay[k] | 0x20) <= 'z'))))
			k++;
		if (k == n)
			return 1;
	}
	return n == 0;
}

static const char *nonempty(const char *v)
{
	return v != NULL && v[0] != '\0' ? v : NULL;
}

/* The filters of the answers page, from its query or a form's fields;
 * values that are not one of the survey's are ignored. */
static void filters_read(struct arena *a, const struct http_params *p, const struct survey *s,
                         const struct fields *fs, struct filters *f)
{
	const char *q = http_param_get(p, "q");
	const char *show = http_param_get(p, "show");
	const char *page = http_param_get(p, "page");
	const char *text = nonempty(http_param_get(p, "text"));
	const char *theme = nonempty(http_param_get(p, "theme"));
	const char *area = nonempty(http_param_get(p, "area"));
	const char *channel = nonempty(http_param_get(p, "channel"));
	const char *stance = nonempty(http_param_get(p, "stance"));
	long long n = parse_id(page);

	memset(f, 0, sizeof(*f));
	f->q = q != NULL && is_free_text(field_find(fs, q)) ? field_find(fs, q)->id : NULL;
	f->hidden_only = show != NULL && strcmp(show, "hidden") == 0;
	f->flagged_only = show != NULL && strcmp(show, "flagged") == 0;
	f->page = n >= 1 && n <= ANSWERS_MAX_PAGE ? (long)n : 1;
	f->too_long = text != NULL && strlen(text) > SEARCH_MAX;
	f->text = f->too_long ? NULL : text;
	if (theme != NULL) {
		const char *colon = strrchr(theme, ':');

		if (colon != NULL && themeview_key_valid(colon + 1)) {
			char *qid = arena_strndup(a, theme, (size_t)(colon - theme));

			if (qid != NULL && is_analysed(s, qid)) {
				f->theme_q = qid;
				f->theme_key = colon + 1;
			}
		}
	}
	for (size_t i = 0; area != NULL && i < s->nareas; i++)
		if (strcmp(s->areas[i].id, area) == 0)
			f->area = s->areas[i].id;
	if (channel != NULL && (strcmp(channel, "web") == 0 || strcmp(channel, "paper") == 0 ||
	                        strcmp(channel, "phone") == 0))
		f->channel = channel;
	if (stance != NULL && themeview_stance_valid(stance))
		f->stance = stance;
	f->response = parse_id(http_param_get(p, "response"));
}

static const char *show_value(const struct filters *f)
{
	return f->hidden_only ? "hidden" : f->flagged_only ? "flagged" : "all";
}

/* "/admin/answers/<id>?q=…&show=…&page=N" (URL-encoded, arena). */
static const char *answers_url(struct req *rq, const struct survey *s, const struct filters *f,
                               long page, const char *extra)
{
	struct buf u;
	const char *out;

	buf_init(&u, 4096);
	buf_puts(&u, "/admin/answers/");
	html_urlpart(&u, s->id);
	buf_puts(&u, "?show=");
	buf_puts(&u, show_value(f));
	if (f->q != NULL) {
		buf_puts(&u, "&q=");
		html_urlpart(&u, f->q);
	}
	if (f->text != NULL) {
		buf_puts(&u, "&text=");
		html_urlpart(&u, f->text);
	}
	if (f->theme_q != NULL) {
		buf_puts(&u, "&theme=");
		html_urlpart(&u, arena_printf(rq->a, "%s:%s", f->theme_q, f->theme_key));
	}
	if (f->area != NULL) {
		buf_puts(&u, "&area=");
		html_urlpart(&u, f->area);
	}
	if (f->channel != NULL)
		buf_printf(&u, "&channel=%s", f->channel);
	if (f->stance != NULL)
		buf_printf(&u, "&stance=%s", f->stance);
	if (f->response > 0)
		buf_printf(&u, "&response=%lld", f->response);
	buf_printf(&u, "&page=%ld", page);
	if (extra != NULL)
		buf_puts(&u, extra);
	out = arena_strdup(rq->a, buf_cstr(&u));
	buf_release(&u);
	return out;
}

/* Text with its redactions marked: "[redacted email]" becomes a styled,
 * announced <mark>. Returns -1 when the text could not be redacted (then
 * nothing is written). */
static int redacted_html(struct buf *b, struct redactor *rd, const char *text)
{
	struct buf red;
	const char *p, *end;

	buf_init(&red, TEXT_MAX_BYTES);
	if (redact_text(rd, text, strlen(text), &red) < 0 || red.overflow) {
		buf_release(&red);
		return -1;
	}
	p = buf_cstr(&red);
	end = p + red.len;
	while (p < end) {
		const char *open = memchr(p, '[', (size_t)(end - p));
		size_t plen = 0;

		if (open == NULL) {
			html_textn(b, p, (size_t)(end - p));
			break;
		}
		for (int k = 0; k < REDACT_NKINDS; k++) {
			const char *ph = redact_placeholder((enum redact_kind)k);
			size_t n = strlen(ph);

			if ((size_t)(end - open) >= n && memcmp(open, ph, n) == 0) {
				plen = n;
				break;
			}
		}
		html_textn(b, p, (size_t)(open - p) + (plen ? 0 : 1));
		if (plen > 0) {
			html_lit(b, "<mark class=\"redacted\">");
			html_textn(b, open, plen);
			html_lit(b, "</mark>");
		}
		p = open + (plen ? plen : 1);
	}
	buf_release(&red);
	return 0;
}

static void filter_hidden(struct buf *b, const char *name, const char *value)
{
	if (value == NULL)
		return;
	html_lit(b, "<input type=\"hidden\" name=\"");
	html_text(b, name);
	html_lit(b, "\" value=\"");
	html_text(b, value);
	html_lit(b, "\">\n");
}

/* A POST form of one answer's card: hidden fields that say which answer,
 * and where to come back. */
static void card_form_begin(struct buf *b, struct app *app, struct req *rq, const struct admin *ad,
                            const struct survey *s, const struct filters *f, const char *action,
                            const char *rid, const char *field)
{
	html_lit(b, "<form method=\"post\" class=\"moderation-form\" action=\"/admin/answers/");
	html_urlpart(b, s->id);
	html_lit(b, "/");
	html_text(b, action);
	html_lit(b, "\" novalidate>\n<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, admin_form_token(app, rq, ad));
	html_lit(b, "\">\n<input type=\"hidden\" name=\"lang\" value=\"");
	html_text(b, survey_lang_code(rq->lang));
	html_lit(b, "\">\n<input type=\"hidden\" name=\"response\" value=\"");
	html_text(b, rid);
	html_lit(b, "\">\n");
	if (field != NULL) {
		html_lit(b, "<input type=\"hidden\" name=\"question\" value=\"");
		html_text(b, field);
		html_lit(b, "\">\n");
	}
	html_lit(b, "<input type=\"hidden\" name=\"show\" value=\"");
	html_text(b, show_value(f));
	html_lit(b, "\">\n<input type=\"hidden\" name=\"page\" value=\"");
	html_int(b, f->page);
	html_lit(b, "\">\n");
	if (f->q != NULL) {
		html_lit(b, "<input type=\"hidden\" name=\"q\" value=\"");
		html_text(b, f->q);
		html_lit(b, "\">\n");
	}
	filter_hidden(b, "text", f->text);
	filter_hidden(b, "theme", f->theme_q ? arena_printf(rq->a, "%s:%s", f->theme_q, f->theme_key) : NULL);
	filter_hidden(b, "area", f->area);
	filter_hidden(b, "channel", f->channel);
	filter_hidden(b, "stance", f->stance);
	if (f->response > 0)
		filter_hidden(b, "response", arena_printf(rq->a, "%lld", f->response));
}

/* A reason box with its label; error (may be NULL) shown beside it. */
static void reason_input(struct buf *b, const char *id, const char *label, const char *hint,
                         const char *error, const char *typed)
{
	html_lit(b, "<div class=\"question");
	if (error != NULL)
		html_lit(b, " question-error");
	html_lit(b, "\"><label class=\"question-label\" for=\"");
	html_text(b, id);
	html_lit(b, "\">");
	html_text(b, label);
	html_lit(b, "</label>\n");
	if (hint != NULL) {
		html_lit(b, "<div class=\"hint\" id=\"");
		html_text(b, id);
		html_lit(b, "-hint\">");
		html_text(b, hint);
		html_lit(b, "</div>\n");
	}
	if (error != NULL) {
		html_lit(b, "<p class=\"error-message\" id=\"");
		html_text(b, id);
		html_lit(b, "-error\"><span class=\"visually-hidden\">");
		html_text(b, _("Error:"));
		html_lit(b, "</span> ");
		html_text(b, error);
		html_lit(b, "</p>\n");
	}
	html_lit(b, "<input type=\"text\" name=\"reason\" maxlength=\"200\" id=\"");
	html_text(b, id);
	html_lit(b, "\" value=\"");
	html_text(b, typed ? typed : "");
	html_lit(b, "\"");
	if (hint != NULL || error != NULL) {
		html_lit(b, " aria-describedby=\"");
		if (hint != NULL) {
			html_text(b, id);
			html_lit(b, "-hint");
		}
		if (error != NULL) {
			if (hint != NULL)
				html_lit(b, " ");
			html_text(b, id);
			html_lit(b, "-error");
		}
		html_lit(b, "\"");
	}
	html_lit(b, "></div>\n");
}

/* One <select> of the filters: values and their words, the current one selected. */
static void filter_select(struct buf *b, const char *name, const char *label, const char *any,
                          const char *const *values, const char *const *words, size_t n,
                          const char *cur)
{
	html_lit(b, "<div class=\"question\"><label class=\"question-label\" for=\"f-");
	html_text(b, name);
	html_lit(b, "\">");
	html_text(b, label);
	html_lit(b, "</label>\n<select name=\"");
	html_text(b, name);
	html_lit(b, "\" id=\"f-");
	html_text(b, name);
	html_lit(b, "\"><option value=\"\">");
	html_text(b, any);
	html_lit(b, "</option>");
	for (size_t i = 0; i < n; i++) {
		html_lit(b, "<option value=\"");
		html_text(b, values[i]);
		html_lit(b, "\"");
		if (cur != NULL && strcmp(cur, values[i]) == 0)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, words[i]);
		html_lit(b, "</option>");
	}
	html_lit(b, "</select></div>\n");
}

static const char *stance_word(const char *s)
{
	return strcmp(s, "praise") == 0       ? _("Praise")
	       : strcmp(s, "complaint") == 0  ? _("Complaint")
	       : strcmp(s, "suggestion") == 0 ? _("Suggestion")
	                                      : _("Neutral");
}

/* The search fields of the filter form: text, theme, area, channel, stance. */
static void search_fields(struct req *rq, struct buf *b, const struct survey *s, const struct filters *f,
                          json_t *views)
{
	static const char *const channels[] = {"web", "paper", "phone"}; /* response.channel */
	const char *cw[] = {_("Online"), _("Paper"), _("Phone")};
	const char *sv[THEMEVIEW_NSTANCES], *sw[THEMEVIEW_NSTANCES];
	const char **av = arena_calloc(rq->a, s->nareas + 1, sizeof(*av));
	const char **aw = arena_calloc(rq->a, s->nareas + 1, sizeof(*aw));
	size_t i, k;
	json_t *q, *t;

	html_lit(b, "<div class=\"question\"><label class=\"question-label\" for=\"f-text\">");
	html_text(b, _("Answers containing"));
	html_lit(b, "</label>\n<input type=\"search\" class=\"input\" name=\"text\" id=\"f-text\" "
	            "maxlength=\"200\" value=\"");
	html_text(b, f->text ? f->text : "");
	html_lit(b, "\"></div>\n");
	if (json_array_size(views) > 0) {
		const char *cur = f->theme_q ? arena_printf(rq->a, "%s:%s", f->theme_q, f->theme_key) : NULL;

		html_lit(b, "<div class=\"question\"><label class=\"question-label\" for=\"f-theme\">");
		html_text(b, _("Theme"));
		html_lit(b, "</label>\n<select name=\"theme\" id=\"f-theme\"><option value=\"\">");
		html_text(b, _("Any theme"));
		html_lit(b, "</option>");
		json_array_foreach(views, i, q)
		{
			const char *qid = json_string_value(json_object_get(q, "question"));
			const struct survey_question *sq = survey_find_question(s, qid);

			if (json_array_size(json_object_get(q, "themes")) == 0)
				continue;
			html_lit(b, "<optgroup label=\"");
			html_text(b, sq ? survey_text_get(&sq->label, rq->lang) : qid);
			html_lit(b, "\">");
			json_array_foreach(json_object_get(q, "themes"), k, t)
			{
				const char *v = arena_printf(rq->a, "%s:%s", qid,
				                             json_string_value(json_object_get(t, "id")));

				html_lit(b, "<option value=\"");
				html_text(b, v);
				html_lit(b, "\"");
				if (cur != NULL && strcmp(cur, v) == 0)
					html_lit(b, " selected");
				html_lit(b, ">");
				html_text(b, themes_label_text(rq, t));
				html_lit(b, "</option>");
			}
			html_lit(b, "</optgroup>");
		}
		html_lit(b, "</select></div>\n");
	}
	if (av != NULL && aw != NULL && s->nareas > 0) {
		for (i = 0; i < s->nareas; i++) {
			av[i] = s->areas[i].id;
			aw[i] = survey_text_get(&s->areas[i].name, rq->lang);
		}
		filter_select(b, "area", _("Area"), _("Any area"), av, aw, s->nareas, f->area);
	}
	filter_select(b, "channel", _("Channel"), _("Any channel"), channels, cw, 3, f->channel);
	for (int x = 0; x < THEMEVIEW_NSTANCES; x++) {
		sv[x] = themeview_stance_name(x);
		sw[x] = stance_word(sv[x]);
	}
	filter_select(b, "stance", _("Praise, complaint or suggestion"), _("Any"), sv, sw,
	              THEMEVIEW_NSTANCES, f->stance);
	if (f->response > 0) {
		html_lit(b, "<input type=\"hidden\" name=\"response\" value=\"");
		html_int(b, f->response);
		html_lit(b, "\">\n");
	}
}

/* On a card of an analysed question: the answer's theme now, and for
 * officers a form to move it to another theme (and, when the list shows
 * one theme, a box to choose it for a split). */
static void theme_of_card(struct app *app, struct req *rq, struct buf *b, const struct admin *ad,
                          const struct survey *s, const struct filters *f, json_t *views, json_t **members,
                          const char *rid, const char *qid)
{
	json_t *q = themes_question(views, qid), *e = NULL, *t, *cur = NULL;
	const char *key, *card = arena_printf(rq->a, "%s-%s", rid, qid);
	size_t i;

	for (size_t k = 0; k < s->nanalysed; k++)
		if (strcmp(s->analysed[k]->id, qid) == 0 && members != NULL)
			e = json_object_get(members[k], rid);
	if (q == NULL || e == NULL)
		return;
	key = json_string_value(json_object_get(e, "theme"));
	json_array_foreach(json_object_get(q, "themes"), i, t) if (
	    key != NULL && strcmp(json_string_value(json_object_get(t, "id")), key) == 0) cur = t;
	html_lit(b, "<p class=\"answer-theme\">");
	html_text(b, _("Theme"));
	html_lit(b, ": ");
	if (cur != NULL)
		html_text(b, themes_label_text(rq, cur));
	else if (json_is_true(json_object_get(e, "other")))
		html_text(b, _("Other"));
	else
		html_text(b, _("No clear theme"));
	if (json_string_value(json_object_get(e, "stance")) != NULL) {
		html_lit(b, " · ");
		html_text(b, stance_word(json_string_value(json_object_get(e, "stance"))));
	}
	html_lit(b, "</p>\n");
	if (!ad->officer)
		return;
	if (f->theme_q != NULL && strcmp(f->theme_q, qid) == 0) {
		html_lit(b, "<div class=\"split-choice\"><input type=\"checkbox\" form=\"split-form\" "
		            "name=\"response\" value=\"");
		html_text(b, rid);
		html_lit(b, "\" id=\"split-");
		html_text(b, card);
		html_lit(b, "\"> <label for=\"split-");
		html_text(b, card);
		html_lit(b, "\">");
		html_text(b, arena_printf(rq->a, _("Choose response %s for a new theme"), rid));
		html_lit(b, "</label></div>\n");
	}
	if (json_array_size(json_object_get(q, "themes")) == 0)
		return;
	html_lit(b, "<form method=\"post\" class=\"moderation-form\" action=\"/admin/themes/");
	html_urlpart(b, s->id);
	html_lit(b, "\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, admin_form_token(app, rq, ad));
	html_lit(b, "\">\n<input type=\"hidden\" name=\"action\" value=\"move\">\n"
	            "<input type=\"hidden\" name=\"question\" value=\"");
	html_text(b, qid);
	html_lit(b, "\">\n<input type=\"hidden\" name=\"response\" value=\"");
	html_text(b, rid);
	html_lit(b, "\">\n<label for=\"move-");
	html_text(b, card);
	html_lit(b, "\">");
	html_text(b, arena_printf(rq->a, _("Move response %s to the theme"), rid));
	html_lit(b, "</label>\n<select name=\"theme\" id=\"move-");
	html_text(b, card);
	html_lit(b, "\">");
	json_array_foreach(json_object_get(q, "themes"), i, t)
	{
		const char *tk = json_string_value(json_object_get(t, "id"));

		if (key != NULL && strcmp(tk, key) == 0)
			continue;
		html_lit(b, "<option value=\"");
		html_text(b, tk);
		html_lit(b, "\">");
		html_text(b, themes_label_text(rq, t));
		html_lit(b, "</option>");
	}
	html_lit(b, "</select>\n<button type=\"submit\" class=\"button button-secondary\">");
	html_text(b, _("Move"));
	html_lit(b, "</button>\n</form>\n");
}

/* An error to show on the page after a refused POST. */
struct form_error {
	const char *rid, *field, *action, *message, *typed;
};

static void answers_page(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
                         const struct survey *s, const struct fields *fs, const struct filters *f,
                         const struct form_error *err)
{
	const char *path = arena_printf(rq->a, "/admin/answers/%s", s->id);
	struct page_ctx p = {rq->lang, path, _("Written answers")};
	struct buf *b = &rs->body;
	struct redactor *rd = get_redactor();
	const char *done = http_param_get(&rq->query_params, "done");
	struct buf list, pairs;
	struct store_rows r, c;
	long long total;
	long pages;
	json_t *views = NULL, **members = NULL;
	size_t npairs = 0, nshow = 0, *show = NULL;
	int by_summary, scan_capped = 0;

	if (rd == NULL) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (f->too_long) {
		web_error(app, rq, rs, 400);
		return;
	}
	/* where each answer of the analysed questions is now (theme, area,
	 * stance), and the themes' names, for the filters and the cards */
	if (s->nanalysed > 0) {
		views = themes_load(app, rq, s, 1);
		members = arena_calloc(rq->a, s->nanalysed, sizeof(*members));
		if (views == NULL || members == NULL) {
			json_decref(views);
			web_error(app, rq, rs, 503);
			return;
		}
		for (size_t k = 0; k < s->nanalysed; k++) {
			int dberr = 0;

			members[k] = themes_members(app, rq, s, s->analysed[k]->id, &dberr);
			if (dberr) {
				for (size_t x = 0; x <= k; x++)
					json_decref(members[x]);
				json_decref(views);
				web_error(app, rq, rs, 503);
				return;
			}
		}
	}
	by_summary = f->theme_q != NULL || f->area != NULL || f->stance != NULL;
	buf_init(&list, 8192);
	for (size_t i = 0; i < fs->n; i++)
		if (is_free_text(&fs->v[i]) && (f->q == NULL || strcmp(f->q, fs->v[i].id) == 0) &&
		    (!by_summary || is_analysed(s, fs->v[i].id)) &&
		    (f->theme_q == NULL || strcmp(f->theme_q, fs->v[i].id) == 0)) {
			if (list.len > 0)
				buf_putc(&list, ',');
			buf_puts(&list, fs->v[i].id);
		}
	/* theme, area and stance come from the summaries: the answers that
	 * match, as "response/question" pairs */
	buf_init(&pairs, 4u << 20);
	if (by_summary) {
		for (size_t k = 0; k < s->nanalysed && npairs < PAIRS_MAX; k++) {
			const char *qid = s->analysed[k]->id, *rid;
			json_t *e;

			if ((f->q != NULL && strcmp(f->q, qid) != 0) ||
			    (f->theme_q != NULL && strcmp(f->theme_q, qid) != 0))
				continue;
			json_object_foreach(members[k], rid, e)
			{
				if (f->theme_key != NULL &&
				    strcmp(json_string_value(json_object_get(e, "theme"))
				               ? json_string_value(json_object_get(e, "theme"))
				               : "",
				           f->theme_key) != 0)
					continue;
				if (f->area != NULL &&
				    (json_string_value(json_object_get(e, "area")) == NULL ||
				     strcmp(json_string_value(json_object_get(e, "area")), f->area) != 0))
					continue;
				if (f->stance != NULL &&
				    (json_string_value(json_object_get(e, "stance")) == NULL ||
				     strcmp(json_string_value(json_object_get(e, "stance")), f->stance) != 0))
					continue;
				if (npairs >= PAIRS_MAX)
					break;
				buf_printf(&pairs, "%s%s/%s", npairs ? "," : "", rid, qid);
				npairs++;
			}
		}
	}
	{
		const char *fl = arena_strdup(rq->a, buf_cstr(&list));
		const char *pl = arena_strdup(rq->a, buf_cstr(&pairs));
		const char *like = "";
		struct store_arg *a;

		if (f->text != NULL) {
			struct buf lk;

			/* contained, case-insensitively (the column's collation), with
			 * the LIKE wildcards of the text taken literally */
			buf_init(&lk, 4 * SEARCH_MAX + 8);
			buf_putc(&lk, '%');
			for (const char *ch = f->text; *ch; ch++) {
				if (*ch == '%' || *ch == '_' || *ch == '!')
					buf_putc(&lk, '!');
				buf_putc(&lk, *ch);
			}
			buf_putc(&lk, '%');
			like = arena_strdup(rq->a, buf_cstr(&lk));
			buf_release(&lk);
		}
		a = arena_calloc(rq->a, 14, sizeof(*a));
		if (a == NULL || fl == NULL || pl == NULL || like == NULL) {
			buf_release(&list);
			buf_release(&pairs);
			web_error(app, rq, rs, 503);
			goto out;
		}
		a[0] = STORE_STR(s->id);
		a[1] = STORE_STR(fl);
		a[2] = STORE_INT(f->hidden_only);
		a[3] = STORE_INT(f->flagged_only);
		a[4] = STORE_STR(f->text ? f->text : "");
		a[5] = STORE_STR(like);
		a[6] = STORE_STR(f->channel ? f->channel : "");
		a[7] = STORE_STR(f->channel ? f->channel : "");
		a[8] = STORE_INT(f->response > 0);
		a[9] = STORE_INT(f->response);
		a[10] = STORE_INT(by_summary);
		a[11] = STORE_STR(pl);
		a[12] = STORE_INT(ANSWERS_PER_PAGE);
		a[13] = STORE_INT((long long)(f->page - 1) * ANSWERS_PER_PAGE);
		buf_release(&list);
		buf_release(&pairs);
		if (f->text == NULL) {
			if (store_query(&app->store, ST_MOD_ANSWERS_SEARCH_COUNT, a, 12, rq->a, 1, &c) != STORE_OK ||
			    store_query(&app->store, ST_MOD_ANSWERS_SEARCH, a, 14, rq->a, ANSWERS_PER_PAGE, &r) !=
			            STORE_OK) {
				web_error(app, rq, rs, 503);
				goto out;
			}
			total = c.nrows == 1 ? strtoll(STORE_CELL(&c, 0, 0), NULL, 10) : 0;
			nshow = r.nrows;
			show = arena_calloc(rq->a, nshow + 1, sizeof(*show));
			for (size_t i = 0; show != NULL && i < nshow; i++)
				show[i] = i;
		} else {
			/* The text is searched in what the reader sees: the answer
			 * as redacted (so a search cannot tell whether someone wrote
			 * a given email address or phone number), and for
			 * councillors never a hidden one. The database narrows the
			 * rows first (the raw text contains it); the newest
			 * SEARCH_SCAN of those are checked. */
			struct buf red;
			size_t kept = 0, from = (size_t)(f->page - 1) * ANSWERS_PER_PAGE;

			a[12] = STORE_INT(SEARCH_SCAN);
			a[13] = STORE_INT(0);
			if (store_query(&app->store, ST_MOD_ANSWERS_SEARCH, a, 14, rq->a, SEARCH_SCAN, &r) != STORE_OK) {
				web_error(app, rq, rs, 503);
				goto out;
			}
			scan_capped = r.nrows >= SEARCH_SCAN;
			show = arena_calloc(rq->a, ANSWERS_PER_PAGE + 1, sizeof(*show));
			buf_init(&red, TEXT_MAX_BYTES);
			for (size_t i = 0; show != NULL && i < r.nrows; i++) {
				const char *v = STORE_CELL(&r, i, 2);

				if (!ad->officer && STORE_CELL(&r, i, 10) != NULL)
					continue;
				buf_reset(&red);
				if (v == NULL || redact_text(rd, v, strlen(v), &red) < 0 || red.overflow ||
				    !contains_nocase(buf_cstr(&red), f->text))
					continue;
				if (kept >= from && nshow < ANSWERS_PER_PAGE)
					show[nshow++] = i;
				kept++;
			}
			buf_release(&red);
			total = (long long)kept;
		}
		if (show == NULL) {
			web_error(app, rq, rs, 503);
			goto out;
		}
	}
	pages = (long)((total + ANSWERS_PER_PAGE - 1) / ANSWERS_PER_PAGE);
	if (err != NULL) {
		rs->status = 422;
		p.title = arena_printf(rq->a, "%s: %s", _("Error"), _("Written answers"));
	}
	resp_html(rs);
	page_begin(b, &p);
	page_back_link(b, "/admin");
	if (err != NULL) {
		page_errors_begin(b);
		page_error_item(b, arena_printf(rq->a, "#reason-%s-%s-%s", err->action, err->rid,
		                                err->field ? err->field : "response"),
		                NULL, err->message);
		page_errors_end(b);
	} else if (done != NULL) {
		const char *msg = strcmp(done, "hidden") == 0    ? _("The answer is hidden from publication.")
		                  : strcmp(done, "shown") == 0   ? _("The answer is no longer hidden.")
		                  : strcmp(done, "flagged") == 0 ? _("The response is flagged as suspicious. It is counted apart in the results.")
		                  : strcmp(done, "cleared") == 0 ? _("The flag is cleared.")
		                  : strcmp(done, "moved") == 0   ? _("The answer is moved to the theme you chose.")
		                  : strcmp(done, "split") == 0   ? _("The new theme is made of the answers you chose.")
		                                                 : NULL;

		page_status(b, msg);
	}
	page_heading(b, survey_text_get(&s->title, rq->lang), _("Written answers"));
	html_lit(b, "<p>");
	html_text(b, _("Personal details such as email addresses, phone numbers and postcodes are redacted and marked. An answer hidden from publication is never quoted in published results or open data."));
	html_lit(b, "</p>\n");
	if (!ad->officer) {
		html_lit(b, "<p>");
		html_text(b, _("You can read these answers. Only officers can hide answers or flag responses."));
		html_lit(b, "</p>\n");
	}
	/* Filters: a plain GET form, so it works without JavaScript. */
	html_lit(b, "<form method=\"get\" action=\"");
	html_text(b, path);
	html_lit(b, "\" class=\"filters\">\n<div class=\"question\"><label class=\"question-label\" for=\"f-q\">");
	html_text(b, _("Question"));
	html_lit(b, "</label>\n<select name=\"q\" id=\"f-q\"><option value=\"\">");
	html_text(b, _("All written answers"));
	html_lit(b, "</option>");
	for (size_t i = 0; i < fs->n; i++) {
		if (!is_free_text(&fs->v[i]))
			continue;
		html_lit(b, "<option value=\"");
		html_text(b, fs->v[i].id);
		html_lit(b, "\"");
		if (f->q != NULL && strcmp(f->q, fs->v[i].id) == 0)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, field_label(rq, &fs->v[i]));
		html_lit(b, "</option>");
	}
	html_lit(b, "</select></div>\n<div class=\"question\"><label class=\"question-label\" for=\"f-show\">");
	html_text(b, _("Show"));
	html_lit(b, "</label>\n<select name=\"show\" id=\"f-show\">");
	{
		static const char *const v[] = {"all", "hidden", "flagged"};
		const char *l[] = {_("Every answer"), _("Hidden from publication"),
		                   _("From responses flagged as suspicious")};

		for (int i = 0; i < 3; i++) {
			html_lit(b, "<option value=\"");
			html_text(b, v[i]);
			html_lit(b, "\"");
			if (strcmp(show_value(f), v[i]) == 0)
				html_lit(b, " selected");
			html_lit(b, ">");
			html_text(b, l[i]);
			html_lit(b, "</option>");
		}
	}
	html_lit(b, "</select></div>\n");
	search_fields(rq, b, s, f, views);
	html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
	html_text(b, _("Filter"));
	html_lit(b, "</button>\n</form>\n<p class=\"meta\" id=\"answer-count\">");
	html_text(b, arena_printf(rq->a, ngettext_("%lld answer", "%lld answers", total), total));
	if (pages > 1) {
		html_lit(b, " · ");
		html_text(b, arena_printf(rq->a, _("page %ld of %ld"), f->page, pages));
	}
	if (scan_capped) {
		html_lit(b, " · ");
		html_text(b, _("only the newest 5,000 answers containing the text are searched"));
	}
	if (npairs >= PAIRS_MAX) {
		html_lit(b, " · ");
		html_text(b, _("only the first 100,000 answers of the theme, area or stance are searched"));
	}
	if (f->response > 0) {
		html_lit(b, " · ");
		html_text(b, arena_printf(rq->a, _("Response %lld only."), f->response));
		html_lit(b, " <a href=\"");
		html_text(b, path);
		html_lit(b, "\">");
		html_text(b, _("Show every answer"));
		html_lit(b, "</a>");
	}
	html_lit(b, "</p>\n<ol class=\"answers\">\n");
	for (size_t n = 0; n < nshow; n++) {
		size_t i = show[n];
		const char *rid = STORE_CELL(&r, i, 0), *qid = STORE_CELL(&r, i, 1),
		           *value = STORE_CELL(&r, i, 2);
		int flagged = strcmp(STORE_CELL(&r, i, 6), "0") != 0;
		const char *hidden_reason = STORE_CELL(&r, i, 10);
		const struct field *fd = field_find(fs, qid);
		const char *card = arena_printf(rq->a, "%s-%s", rid, qid);

		html_lit(b, "<li class=\"answer\" id=\"a-");
		html_text(b, card);
		html_lit(b, "\">\n<h2 class=\"answer-question\">");
		html_text(b, fd ? field_label(rq, fd) : qid);
		html_lit(b, "</h2>\n<p class=\"meta\">");
		html_text(b, arena_printf(rq->a, _("Response %s"), rid));
		html_lit(b, " · ");
		html_text(b, channel_text(STORE_CELL(&r, i, 3)));
		html_lit(b, " · ");
		html_text(b, strcmp(STORE_CELL(&r, i, 4), "cy") == 0 ? "Cymraeg" : "English");
		html_lit(b, " · <time>");
		html_text(b, STORE_CELL(&r, i, 5));
		html_lit(b, "</time> UTC</p>\n");
		if (hidden_reason != NULL && !ad->officer) {
			html_lit(b, "<p class=\"answer-withheld\">");
			html_text(b, _("The text of this answer is withheld."));
			html_lit(b, "</p>\n");
		} else {
			html_lit(b, "<blockquote class=\"answer-text\"");
			if (strcmp(STORE_CELL(&r, i, 4), "cy") == 0)
				html_lit(b, " lang=\"cy\"");
			html_lit(b, "><p>");
			if (redacted_html(b, rd, value) != 0)
				html_text(b, _("This answer could not be redacted, so it is not shown."));
			html_lit(b, "</p></blockquote>\n");
		}
		html_lit(b, "<ul class=\"plain answer-states\">\n");
		if (hidden_reason != NULL && !ad->officer) {
			/* the reason often restates what was withheld: officers only */
			html_lit(b, "<li class=\"tag tag-hidden\"><strong>");
			html_text(b, _("Hidden from publication"));
			html_lit(b, "</strong></li>\n");
		} else if (hidden_reason != NULL) {
			html_lit(b, "<li class=\"tag tag-hidden\"><strong>");
			html_text(b, _("Hidden from publication"));
			html_lit(b, "</strong>: ");
			html_text(b, hidden_reason);
			html_lit(b, " (");
			html_text(b, arena_printf(rq->a, _("%s, %s UTC"), STORE_CELL(&r, i, 11),
			                          STORE_CELL(&r, i, 12)));
			html_lit(b, ")</li>\n");
		}
		if (flagged) {
			html_lit(b, "<li class=\"tag tag-flagged\"><strong>");
			html_text(b, _("Response flagged as suspicious"));
			html_lit(b, "</strong>: ");
			html_text(b, flag_reason_text(STORE_CELL(&r, i, 7)));
			if (STORE_CELL(&r, i, 8) != NULL) {
				html_lit(b, ". ");
				html_text(b, STORE_CELL(&r, i, 8));
			}
			if (STORE_CELL(&r, i, 9) != NULL) {
				html_lit(b, " (");
				html_text(b, STORE_CELL(&r, i, 9));
				html_lit(b, ")");
			}
			html_lit(b, "</li>\n");
		} else if (STORE_CELL(&r, i, 9) != NULL) {
			html_lit(b, "<li class=\"tag\">");
			html_text(b, arena_printf(rq->a, _("Flag cleared by %s"), STORE_CELL(&r, i, 9)));
			if (STORE_CELL(&r, i, 8) != NULL) {
				html_lit(b, ": ");
				html_text(b, STORE_CELL(&r, i, 8));
			}
			html_lit(b, "</li>\n");
		}
		html_lit(b, "</ul>\n");
		theme_of_card(app, rq, b, ad, s, f, views, members, rid, qid);
		if (ad->officer) {
			const char *act = hidden_reason != NULL ? "unhide" : "hide";
			const char *fact = flagged ? "clear-flag" : "flag";
			const char *hid = arena_printf(rq->a, "reason-%s-%s-%s", act, rid, qid);
			const char *fid = arena_printf(rq->a, "reason-%s-%s-response", fact, rid);
			int herr = err != NULL && strcmp(err->rid, rid) == 0 && err->field != NULL &&
			           strcmp(err->field, qid) == 0 && strcmp(err->action, act) == 0;
			int ferr = err != NULL && strcmp(err->rid, rid) == 0 && err->field == NULL &&
			           strcmp(err->action, fact) == 0;

			/* Closed unless it holds an error: the list stays readable. */
			html_lit(b, "<details class=\"moderation\"");
			if (herr || ferr)
				html_lit(b, " open");
			html_lit(b, "><summary>");
			html_text(b, _("Decide on this answer"));
			html_lit(b, "<span class=\"visually-hidden\"> ");
			html_text(b, arena_printf(rq->a, _("Response %s"), rid));
			html_lit(b, "</span></summary>\n<div class=\"moderation-forms\">\n");
			card_form_begin(b, app, rq, ad, s, f, act, rid, qid);
			if (hidden_reason == NULL) {
				reason_input(b, hid, _("Why hide this answer?"),
				             _("Required. For example: names a member of staff. Up to 200 characters."),
				             herr ? err->message : NULL, herr ? err->typed : NULL);
				html_lit(b, "<button type=\"submit\" class=\"button button-warning\">");
				html_text(b, _("Hide from publication"));
			} else {
				html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
				html_text(b, _("Show again"));
			}
			html_lit(b, "<span class=\"visually-hidden\"> ");
			html_text(b, arena_printf(rq->a, _("Response %s"), rid));
			html_lit(b, "</span></button>\n</form>\n");
			card_form_begin(b, app, rq, ad, s, f, fact, rid, NULL);
			reason_input(b, fid, flagged ? _("Why clear the flag? (optional)") : _("Why flag this response?"),
			             flagged ? NULL : _("Required. Up to 200 characters."),
			             ferr ? err->message : NULL, ferr ? err->typed : NULL);
			html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
			html_text(b, flagged ? _("Clear the flag") : _("Flag the response as suspicious"));
			html_lit(b, "<span class=\"visually-hidden\"> ");
			html_text(b, arena_printf(rq->a, _("Response %s"), rid));
			html_lit(b, "</span></button>\n</form>\n</div>\n</details>\n");
		}
		html_lit(b, "</li>\n");
	}
	html_lit(b, "</ol>\n");
	if (ad->officer && f->theme_q != NULL && nshow > 0) {
		/* the chosen answers (boxes on the cards, form="split-form") make a new theme */
		html_lit(b, "<form method=\"post\" id=\"split-form\" action=\"/admin/themes/");
		html_urlpart(b, s->id);
		html_lit(b, "\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
		html_text(b, admin_form_token(app, rq, ad));
		html_lit(b, "\">\n<input type=\"hidden\" name=\"action\" value=\"split\">\n"
		            "<input type=\"hidden\" name=\"question\" value=\"");
		html_text(b, f->theme_q);
		html_lit(b, "\">\n<input type=\"hidden\" name=\"theme\" value=\"");
		html_text(b, f->theme_key);
		html_lit(b, "\">\n<fieldset><legend>");
		html_text(b, _("Split the chosen answers into a new theme"));
		html_lit(b, "</legend>\n<div class=\"question\"><label for=\"split-en\">");
		html_text(b, _("Label in English"));
		html_lit(b, "</label>\n<input type=\"text\" class=\"input\" name=\"label_en\" id=\"split-en\" "
		            "maxlength=\"120\" required></div>\n<div class=\"question\"><label for=\"split-cy\">");
		html_text(b, _("Label in Welsh"));
		html_lit(b, "</label>\n<input type=\"text\" class=\"input\" name=\"label_cy\" id=\"split-cy\" "
		            "maxlength=\"120\" lang=\"cy\"></div>\n<button type=\"submit\" class=\"button\">");
		html_text(b, _("Make a new theme of the chosen answers"));
		html_lit(b, "</button>\n</fieldset>\n</form>\n");
	}
	if (nshow == 0) {
		html_lit(b, "<p>");
		html_text(b, _("No written answers match."));
		html_lit(b, "</p>\n");
	}
	if (pages > 1) {
		html_lit(b, "<nav class=\"pagination\" aria-label=\"");
		html_text(b, _("Pages of answers"));
		html_lit(b, "\"><ul class=\"plain\">\n");
		if (f->page > 1) {
			html_lit(b, "<li><a rel=\"prev\" href=\"");
			html_text(b, answers_url(rq, s, f, f->page - 1, NULL));
			html_lit(b, "\">");
			html_text(b, _("Newer answers"));
			html_lit(b, "</a></li>\n");
		}
		if (f->page < pages) {
			html_lit(b, "<li><a rel=\"next\" href=\"");
			html_text(b, answers_url(rq, s, f, f->page + 1, NULL));
			html_lit(b, "\">");
			html_text(b, _("Older answers"));
			html_lit(b, "</a></li>\n");
		}
		html_lit(b, "</ul></nav>\n");
	}
	page_end(b, &p);
out:
	for (size_t k = 0; members != NULL && k < s->nanalysed; k++)
		json_decref(members[k]);
	json_decref(views);
}

/* The POSTs of the answers page. */
static void answers_post(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
                         const struct survey *s, const struct fields *fs, const char *action)
{
	const char *rid_s = http_param_get(&rq->form, "response");
	const char *qid = http_param_get(&rq->form, "question");
	const char *typed = http_param_get(&rq->form, "reason");
	const char *reason = trimmed(rq->a, typed);
	long long rid = parse_id(rid_s);
	int hide = strcmp(action, "hide") == 0, unhide = strcmp(action, "unhide") == 0;
	int flag = strcmp(action, "flag") == 0, clear = strcmp(action, "clear-flag") == 0;
	const struct field *fd = NULL;
	struct filters f;
	struct store_rows r;
	const char *detail, *done;

	if (!hide && !unhide && !flag && !clear) {
		web_error(app, rq, rs, 404);
		return;
	}
	if (!ad->officer) {
		admin_audit(app, ad, "refused-moderation", s->id, action);
		admin_forbidden(app, rq, rs);
		return;
	}
	filters_read(rq->a, &rq->form, s, fs, &f);
	if (rid <= 0 || (typed != NULL && strlen(typed) > 4 * REASON_MAX_CHARS)) {
		web_error(app, rq, rs, 400);
		return;
	}
	if (hide || unhide) {
		fd = qid ? field_find(fs, qid) : NULL;
		if (!is_free_text(fd)) {
			web_error(app, rq, rs, 400);
			return;
		}
	}
	{
		struct store_arg a[] = {STORE_INT(rid)};

		if (store_query(&app->store, ST_MOD_RESPONSE_GET, a, 1, rq->a, 1, &r) != STORE_OK) {
			web_error(app, rq, rs, 503);
			return;
		}
	}
	/* A response of another survey (or none, or withdrawn) is not this
	 * page's to decide on, whatever the account may see elsewhere. */
	if (r.nrows != 1 || strcmp(STORE_CELL(&r, 0, 0), s->id) != 0 ||
	    strcmp(STORE_CELL(&r, 0, 1), "complete") != 0) {
		admin_audit(app, ad, "refused-moderation", s->id,
		            arena_printf(rq->a, "%s response=%lld: not a response of this survey", action, rid));
		web_error(app, rq, rs, 404);
		return;
	}
	if (fd != NULL) {
		struct store_rows x;
		struct store_arg a[] = {STORE_INT(rid), STORE_STR(fd->id), STORE_STR(s->id)};

		if (store_query(&app->store, ST_MOD_ANSWER_EXISTS, a, 3, rq->a, 1, &x) != STORE_OK) {
			web_error(app, rq, rs, 503);
			return;
		}
		if (x.nrows != 1 || strcmp(STORE_CELL(&x, 0, 0), "0") == 0) {
			web_error(app, rq, rs, 404);
			return;
		}
	}
	if ((hide || flag) && reason == NULL) {
		struct form_error e = {rid_s, fd ? fd->id : NULL, action,
		                       hide ? _("Say why the answer is hidden") : _("Say why the response is flagged"),
		                       typed};

		answers_page(app, rq, rs, ad, s, fs, &f, &e);
		return;
	}
	if (reason != NULL && utf8_chars(reason) > REASON_MAX_CHARS) {
		struct form_error e = {rid_s, fd ? fd->id : NULL, action,
		                       _("The reason must be 200 characters or fewer"), typed};

		answers_page(app, rq, rs, ad, s, fs, &f, &e);
		return;
	}
	if (hide) {
		struct store_arg a[] = {STORE_INT(rid), STORE_STR(fd->id), STORE_STR(s->id), STORE_STR(reason),
		                        STORE_STR(ad->username)};

		detail = arena_printf(rq->a, "response=%lld question=%s reason=%s", rid, fd->id, reason);
		if (admin_decide(app, ad, s, ST_MOD_HIDE, a, 5, 0, "hide-answer", detail) != STORE_OK)
			goto unavailable;
		done = "hidden";
	} else if (unhide) {
		struct store_arg a[] = {STORE_INT(rid), STORE_STR(fd->id), STORE_STR(s->id)};

		detail = arena_printf(rq->a, "response=%lld question=%s%s%s", rid, fd->id,
		                      reason ? " reason=" : "", reason ? reason : "");
		if (admin_decide(app, ad, s, ST_MOD_UNHIDE, a, 3, 0, "unhide-answer", detail) != STORE_OK)
			goto unavailable;
		done = "shown";
	} else {
		const char *was = STORE_CELL(&r, 0, 3);
		int was_flagged = strcmp(STORE_CELL(&r, 0, 2), "0") != 0;
		/* What raised the flag stays: "officer" only when an officer raised it. */
		const char *why = flag && !was_flagged ? "officer" : was;
		struct store_arg a[] = {STORE_INT(flag), why ? STORE_STR(why) : STORE_NULL,
		                        reason ? STORE_STR(reason) : STORE_NULL, STORE_STR(ad->username),
		                        STORE_INT(rid), STORE_STR(s->id)};

		detail = arena_printf(rq->a, "response=%lld was=%s%s%s", rid,
		                      was_flagged ? (was ? was : "flagged") : "unflagged",
		                      reason ? " reason=" : "", reason ? reason : "");
		if (admin_decide(app, ad, s, ST_MOD_FLAG_SET, a, 6, 1, flag ? "flag-response" : "clear-flag",
		                 detail) != STORE_OK)
			goto unavailable;
		done = flag ? "flagged" : "cleared";
	}
	rs->status = 303;
	resp_header(rs, "Location",
	            arena_printf(rq->a, "%s#a-%s-%s",
	                         answers_url(rq, s, &f, f.page, arena_printf(rq->a, "&done=%s", done)),
	                         rid_s, fd ? fd->id : "list"));
	return;
unavailable:
	web_error(app, rq, rs, 503);
}

/*
 * Exports. The first chunk is made by the handler (so a database error is
 * still a 503); the rest by fcgi.c through resp.stream, a chunk of at most
 * about EXPORT_CHUNK bytes per call, from batches of EXPORT_BATCH responses
 * held in the export's own arena, reset per batch.
 */
struct export {
	struct app *app;
	const struct survey *s;
	struct fields fs;
	int json, personal, raw;
	unsigned long long last_id;
	size_t batch, per;
	struct arena a; /* the current batch */
	int arena_live, header_done;
	struct store_rows rs, as;
	size_t fetched; /* responses read for this batch; rs.nrows keeps those with every answer */
	size_t i, k;    /* next response of rs, next answer of as */
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
	static const char *const fixed[] = {"response_id", "submitted_at", "channel", "language",
	                                    "country",     "region",       "in_area", "flagged",
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
		json_object_set_new(h, "free_text", json_string(x->raw ? "unredacted" : "redacted"));
		json_object_set_new(h, "personal_data", json_boolean(x->personal));
		for (size_t i = 0; i < x->fs.n; i++) {
			const struct field *f = &x->fs.v[i];
			json_t *c, *label = json_object();

			if (!column_included(x, f))
				continue;
			for (int l = 0; l < LANG_N; l++) {
				const char *t = f->q->label.t[l];

				if (t != NULL)
					json_object_set_new(label, survey_lang_code((enum yv_lang)l), json_string(t));
			}
			c = json_pack("{s:s, s:s, s:s, s:o}", "id", f->id, "question", f->q->id, "kind",
			              f->kind == F_TEXT       ? "free-text"
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
	rd = get_redactor();
	if (rd == NULL)
		return "[withheld]";
	buf_init(&red, TEXT_MAX_BYTES);
	out = redact_text(rd, value, strlen(value), &red) < 0 || red.overflow
	              ? "[withheld]"
	              : arena_strdup(&x->a, buf_cstr(&red));
	buf_release(&red);
	return out ? out : "[withheld]";
}

/* One response (row i of the batch, with answers from k on) into b. */
static void export_response(struct export *x, struct buf *b, size_t i)
{
	const struct store_rows *rs = &x->rs, *as = &x->as;
	unsigned long long id = strtoull(STORE_CELL(rs, i, 0), NULL, 10);
	size_t from, to;
	struct buf hidden;
	const char *in_area = STORE_CELL(rs, i, 6);
	int flagged = strcmp(STORE_CELL(rs, i, 7), "0") != 0;

	while (x->k < as->nrows && strtoull(STORE_CELL(as, x->k, 0), NULL, 10) < id)
		x->k++;
	from = x->k;
	while (x->k < as->nrows && strtoull(STORE_CELL(as, x->k, 0), NULL, 10) == id)
		x->k++;
	to = x->k;
	buf_init(&hidden, 16384);
	for (size_t k = from; k < to; k++)
		if (strcmp(STORE_CELL(as, k, 3), "0") != 0) {
			const struct field *f = field_find(&x->fs, STORE_CELL(as, k, 1));

			if (f == NULL || !column_included(x, f))
				continue;
			if (hidden.len > 0)
				buf_putc(&hidden, ' ');
			buf_puts(&hidden, f->id);
		}
	if (x->json) {
		json_t *o = json_object(), *ans = json_object(), *hid = json_array();
		char *text;

		json_object_set_new(o, "response_id", json_integer((json_int_t)id));
		json_object_set_new(o, "submitted_at", json_string(STORE_CELL(rs, i, 1)));
		json_object_set_new(o, "channel", json_string(STORE_CELL(rs, i, 2)));
		json_object_set_new(o, "language", json_string(STORE_CELL(rs, i, 3)));
		json_object_set_new(o, "country", STORE_CELL(rs, i, 4) ? json_string(STORE_CELL(rs, i, 4)) : json_null());
		json_object_set_new(o, "region", STORE_CELL(rs, i, 5) ? json_string(STORE_CELL(rs, i, 5)) : json_null());
		json_object_set_new(o, "in_area", in_area == NULL ? json_null() : json_boolean(strcmp(in_area, "0") != 0));
		json_object_set_new(o, "flagged", json_boolean(flagged));
		json_object_set_new(o, "flag_reason", flagged && STORE_CELL(rs, i, 8) ? json_string(STORE_CELL(rs, i, 8)) : json_null());
		for (size_t k = from; k < to; k++) {
			const struct field *f = field_find(&x->fs, STORE_CELL(as, k, 1));
			const char *v = STORE_CELL(as, k, 2);
			int is_hidden = strcmp(STORE_CELL(as, k, 3), "0") != 0;
			json_t *val;

			if (f == NULL || !column_included(x, f))
				continue;
			if (is_hidden && is_free_text(f) && json_object_get(ans, f->id) == NULL)
				json_array_append_new(hid, json_string(f->id));
			if (is_free_text(f))
				val = is_hidden && !x->raw ? json_null() : json_string(export_text(x, v));
			else
				val = json_string(v);
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
	} else {
		const char *fixed[] = {STORE_CELL(rs, i, 0), STORE_CELL(rs, i, 1), STORE_CELL(rs, i, 2),
		                       STORE_CELL(rs, i, 3), STORE_CELL(rs, i, 4), STORE_CELL(rs, i, 5),
		                       in_area == NULL ? "" : strcmp(in_area, "0") != 0 ? "yes" : "no",
		                       flagged ? "yes" : "no",
		                       flagged && STORE_CELL(rs, i, 8) ? STORE_CELL(rs, i, 8) : "",
		                       buf_cstr(&hidden)};

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
				const char *v = STORE_CELL(as, k, 2);
				int is_hidden = strcmp(STORE_CELL(as, k, 3), "0") != 0;

				if (strcmp(STORE_CELL(as, k, 1), f->id) != 0)
					continue;
				if (any++)
					buf_puts(&cell, "; ");
				if (is_free_text(f))
					buf_puts(&cell, is_hidden && !x->raw ? "[hidden]" : export_text(x, v));
				else
					buf_puts(&cell, v);
			}
			csv_cell(b, cell.overflow ? "[withheld]" : buf_cstr(&cell));
			buf_release(&cell);
		}
		buf_puts(b, "\r\n");
	}
	buf_release(&hidden);
	x->sent++;
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
		if (!x->arena_live || x->i >= x->rs.nrows) {
			struct store_arg qa[] = {STORE_STR(x->s->id), STORE_INT((long long)x->last_id),
			                         STORE_INT((long long)x->batch)};

			if (x->arena_live && x->fetched < x->batch && x->rs.nrows == x->fetched) {
				/* The last batch was short: nothing more. */
				if (x->json)
					buf_puts(b, "\n]}\n");
				export_finish(x);
				return 0;
			}
			if (!x->arena_live)
				arena_init(&x->a, 0);
			x->arena_live = 1;
			arena_reset(&x->a);
			x->i = x->k = 0;
			if (store_query(&x->app->store, ST_EXPORT_RESPONSES, qa, 3, &x->a, x->batch, &x->rs) !=
			    STORE_OK)
				goto fail;
			if (x->rs.nrows == 0) {
				if (x->json)
					buf_puts(b, "\n]}\n");
				export_finish(x);
				return 0;
			}
			{
				struct store_arg aa[] = {
				    STORE_STR(x->s->id), STORE_INT(strtoll(STORE_CELL(&x->rs, 0, 0), NULL, 10)),
				    STORE_INT(strtoll(STORE_CELL(&x->rs, x->rs.nrows - 1, 0), NULL, 10)),
				    STORE_INT((long long)(x->batch * x->per))};

				if (store_query(&x->app->store, ST_EXPORT_ANSWERS, aa, 4, &x->a, x->batch * x->per,
				                &x->as) != STORE_OK)
					goto fail;
			}
			/* Responses past the answers' limit come again in the next batch. */
			x->fetched = x->rs.nrows;
			x->rs.nrows = results_batch_complete(&x->rs, &x->as, x->batch * x->per);
			if (x->rs.nrows == 0) {
				log_error("export: %s: response %s has more than %zu answers", x->s->id,
				          STORE_CELL(&x->rs, 0, 0), x->batch * x->per);
				goto fail;
			}
			x->last_id = strtoull(STORE_CELL(&x->rs, x->rs.nrows - 1, 0), NULL, 10);
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
		buf_puts(b, "\"");
		buf_puts(b, _("EXPORT INCOMPLETE: the export stopped before the end. Download the file again; if it stops again, tell the system administrator."));
		buf_puts(b, "\"\r\n");
	}
	export_finish(x);
	return -1;
}

static int personal_permission(struct app *app, struct req *rq, const struct admin *ad)
{
	struct store_rows r;
	struct store_arg a[] = {STORE_INT(ad->user_id)};

	if (store_query(&app->store, ST_USER_PERSONAL_DATA_GET, a, 1, rq->a, 1, &r) != STORE_OK)
		return -1;
	return r.nrows == 1 && STORE_CELL(&r, 0, 0) != NULL && strcmp(STORE_CELL(&r, 0, 0), "0") != 0;
}

static void export_page(struct req *rq, struct resp *rs, const struct survey *s, int allowed)
{
	const char *path = arena_printf(rq->a, "/admin/export/%s", s->id);
	struct page_ctx p = {rq->lang, path, _("Export responses")};
	struct buf *b = &rs->body;

	resp_html(rs);
	page_begin(b, &p);
	page_back_link(b, "/admin");
	page_heading(b, survey_text_get(&s->title, rq->lang), _("Export responses"));
	html_lit(b, "<p>");
	html_text(b, _("One row for each completed response: when it was sent, how, in which language, the area it came from, whether it is flagged as suspicious, and each answer. Receipt codes are never exported."));
	html_lit(b, "</p>\n<p>");
	html_text(b, _("Written answers are redacted, and the text of answers hidden from publication is withheld. Answers to email, postcode and reference questions, and to questions marked personal, are left out unless your account may see personal data. Every export is recorded."));
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
		html_text(b, _("Your account may see personal data. Only include it when you need it, and keep the file safe."));
		html_lit(b, "</p>\n<form method=\"get\" action=\"");
		html_text(b, path);
		html_lit(b, ".csv\">\n<div class=\"question\"><fieldset><legend>");
		html_text(b, _("Include"));
		html_lit(b, "</legend>\n<div class=\"option\"><input type=\"checkbox\" name=\"personal\" value=\"1\" id=\"x-personal\"> <label for=\"x-personal\">");
		html_text(b, _("Answers to email, postcode and reference questions, and to questions marked personal"));
		html_lit(b, "</label></div>\n<div class=\"option\"><input type=\"checkbox\" name=\"raw\" value=\"1\" id=\"x-raw\"> <label for=\"x-raw\">");
		html_text(b, _("Written answers without redaction, hidden ones included"));
		html_lit(b, "</label></div>\n</fieldset></div>\n<button type=\"submit\" class=\"button button-secondary\">");
		html_text(b, _("Download as CSV (spreadsheet)"));
		html_lit(b, "</button>\n</form>\n");
	}
	page_end(b, &p);
}

static void export_serve(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
                         const struct survey *s, int json)
{
	const char *pq = http_param_get(&rq->query_params, "personal");
	const char *rq_raw = http_param_get(&rq->query_params, "raw");
	int personal = pq != NULL && strcmp(pq, "1") == 0, raw = rq_raw != NULL && strcmp(rq_raw, "1") == 0;
	const char *detail = arena_printf(rq->a, "format=%s personal=%s raw=%s", json ? "json" : "csv",
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
	if (x == NULL || fields_of(rq->a, s, &x->fs) != 0 || (!raw && get_redactor() == NULL)) {
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
	rs->content_type = json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8; header=present";
	resp_header(rs, "Cache-Control", "no-store");
	resp_header(rs, "Content-Disposition",
	            arena_printf(rq->a, "attachment; filename=\"%s-responses%s.%s\"", s->id,
	                         personal || raw ? "-personal" : "", json ? "json" : "csv"));
	if (more > 0) {
		rs->stream = export_stream;
		rs->stream_ctx = x;
	}
}

int moderation_version(struct app *app, const struct survey *s, long long *out)
{
	struct store_arg a[] = {STORE_STR(s->id)};
	struct store_rows r;
	struct arena ar;
	enum store_err e;

	arena_init(&ar, 0);
	e = store_query(&app->store, ST_MOD_VERSION_GET, a, 1, &ar, 1, &r);
	*out = e == STORE_OK && r.nrows == 1 ? strtoll(STORE_CELL(&r, 0, 0), NULL, 10) : 0;
	arena_release(&ar);
	return e == STORE_OK ? 0 : -1;
}

/* Routes (routes.c): /admin/answers/<survey> and /admin/answers/<survey>/<action>,
 * signed in, forged POSTs already refused, the survey resolved and the
 * account allowed to see it. */
void moderate_answers_route(struct app *app, struct req *rq, struct resp *rs,
                            const struct route_parts *rp)
{
	const struct admin *ad = rp->admin;
	const struct survey *s = rp->survey;
	const char *action = rp->rest;
	struct fields fs;

	if (!admin_may(ad, s->id)) {
		admin_forbidden(app, rq, rs);
		return;
	}
	if (fields_of(rq->a, s, &fs) != 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (rq->method == M_POST && action[0] != '\0') {
		answers_post(app, rq, rs, ad, s, &fs, action);
	} else if (rq->method == M_POST || action[0] != '\0') {
		web_error(app, rq, rs, action[0] != '\0' ? 404 : 405);
	} else {
		struct filters f;

		filters_read(rq->a, &rq->query_params, s, &fs, &f);
		answers_page(app, rq, rs, ad, s, &fs, &f, NULL);
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
		admin_audit(app, ad, "export-refused", s->id, ad->officer ? "no access to the survey" : "councillor");
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
