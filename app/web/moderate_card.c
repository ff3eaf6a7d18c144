/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * moderate_card: one written answer's card on the answers page
 * (moderate.c lists the family): the answer redacted with its redactions
 * marked (withheld from councillors when hidden), its response's channel,
 * language, date and flag, any hiding decision, its theme, and for officers
 * the forms that hide or show it, flag the response or clear the flag, and
 * move it to another theme. Uses web/, render/ and text/redact.h.
 */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "render/html.h"
#include "text/redact.h"
#include "web/moderate_int.h"
#include "web/themereview.h"

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
	return strcmp(c, "paper") == 0		? _("Paper")
	       : strcmp(c, "phone") == 0	? _("Phone")
	       : strcmp(c, "face-to-face") == 0 ? _("Face to face")
	       : strcmp(c, "email") == 0	? _("Email")
						: _("Online");
}

/* Text with its redactions marked: "[redacted email]" becomes a styled,
 * announced <mark>. Returns -1 when the text could not be redacted (then
 * nothing is written). */
static int redacted_html(struct html *b, struct redactor *rd, const char *text)
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

static void filter_hidden(struct html *b, const char *name, const char *value)
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
static void card_form_begin(struct html *b, struct app *app, struct req *rq, const struct admin *ad,
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
	html_text(b, moderate_show_value(f));
	html_lit(b, "\">\n<input type=\"hidden\" name=\"page\" value=\"");
	html_int(b, f->page);
	html_lit(b, "\">\n");
	if (f->q != NULL) {
		html_lit(b, "<input type=\"hidden\" name=\"q\" value=\"");
		html_text(b, f->q);
		html_lit(b, "\">\n");
	}
	filter_hidden(b, "text", f->text);
	filter_hidden(b, "theme", moderate_theme_value(rq, f));
	filter_hidden(b, "area", f->area);
	filter_hidden(b, "channel", f->channel);
	filter_hidden(b, "stance", f->stance);
	if (f->response > 0)
		filter_hidden(b, "response", arena_printf(rq->a, "%lld", f->response));
}

/* A reason box with its label; error (may be NULL) shown beside it. */
static void reason_input(struct html *b, const char *id, const char *label, const char *hint,
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

const char *moderate_stance_word(const char *s)
{
	return strcmp(s, "praise") == 0	      ? _("Praise")
	       : strcmp(s, "complaint") == 0  ? _("Complaint")
	       : strcmp(s, "suggestion") == 0 ? _("Suggestion")
					      : _("Neutral");
}

/* On a card of an analysed question: the answer's theme now, and for
 * officers a form to move it to another theme (and, when the list shows
 * one theme, a box to choose it for a split). */
static void theme_of_card(struct app *app, struct req *rq, struct html *b, const struct admin *ad,
			  const struct survey *s, const struct filters *f,
			  const struct theme_places *tp, const char *rid, const char *qid)
{
	json_t *q = themereview_question(tp->views, qid), *e = NULL, *t, *cur = NULL;
	const char *key, *card = arena_printf(rq->a, "%s-%s", rid, qid);
	size_t i;

	for (size_t k = 0; k < s->nanalysed; k++)
		if (strcmp(s->analysed[k]->id, qid) == 0 && tp->members != NULL)
			e = json_object_get(tp->members[k], rid);
	if (q == NULL || e == NULL)
		return;
	key = json_string_value(json_object_get(e, "theme"));
	json_array_foreach(json_object_get(q, "themes"), i,
			   t) if (key != NULL && strcmp(json_string_value(json_object_get(t, "id")),
							key) == 0) cur = t;
	html_lit(b, "<p class=\"answer-theme\">");
	html_text(b, _("Theme"));
	html_lit(b, ": ");
	if (cur != NULL)
		html_text(b, themereview_label_text(rq, cur));
	else if (json_is_true(json_object_get(e, "other")))
		html_text(b, _("Other"));
	else
		html_text(b, _("No clear theme"));
	if (json_string_value(json_object_get(e, "stance")) != NULL) {
		html_lit(b, " · ");
		html_text(b, moderate_stance_word(json_string_value(json_object_get(e, "stance"))));
	}
	html_lit(b, "</p>\n");
	if (!ad->officer)
		return;
	if (f->theme_q != NULL && strcmp(f->theme_q, qid) == 0) {
		html_lit(b,
			 "<div class=\"split-choice\"><input type=\"checkbox\" form=\"split-form\" "
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
		html_text(b, themereview_label_text(rq, t));
		html_lit(b, "</option>");
	}
	html_lit(b, "</select>\n<button type=\"submit\" class=\"button button-secondary\">");
	html_text(b, _("Move"));
	html_lit(b, "</button>\n</form>\n");
}

/* The card's heading, its response's details and the answer's text. */
static void card_text(struct app *app, struct req *rq, struct html *b, const struct admin *ad,
		      const struct fields *fs, const struct moderation_answer *x, const char *rid,
		      const char *card)
{
	const struct field *fd = moderate_field_find(fs, x->question_id);
	int cy = strcmp(x->lang, "cy") == 0;

	html_lit(b, "<li class=\"answer\" id=\"a-");
	html_text(b, card);
	html_lit(b, "\">\n<h2 class=\"answer-question\">");
	html_text(b, fd ? moderate_field_label(rq, fd) : x->question_id);
	html_lit(b, "</h2>\n<p class=\"meta\">");
	html_text(b, arena_printf(rq->a, _("Response %s"), rid));
	html_lit(b, " · ");
	html_text(b, channel_text(x->channel));
	html_lit(b, " · ");
	html_text(b, cy ? "Cymraeg" : "English");
	html_lit(b, " · <time>");
	html_text(b, x->submitted_at);
	html_lit(b, "</time> UTC</p>\n");
	if (x->hidden_reason != NULL && !ad->officer) {
		html_lit(b, "<p class=\"answer-withheld\">");
		html_text(b, _("The text of this answer is withheld."));
		html_lit(b, "</p>\n");
		return;
	}
	html_lit(b, "<blockquote class=\"answer-text\"");
	if (cy)
		html_lit(b, " lang=\"cy\"");
	html_lit(b, "><p>");
	if (redacted_html(b, moderate_redactor(app), x->value) != 0)
		html_text(b, _("This answer could not be redacted, so it is not shown."));
	html_lit(b, "</p></blockquote>\n");
}

/* Whether the answer is hidden and why, whether its response is flagged. */
static void card_states(struct req *rq, struct html *b, const struct admin *ad,
			const struct moderation_answer *x)
{
	html_lit(b, "<ul class=\"plain answer-states\">\n");
	if (x->hidden_reason != NULL && !ad->officer) {
		/* the reason often restates what was withheld: officers only */
		html_lit(b, "<li class=\"tag tag-hidden\"><strong>");
		html_text(b, _("Hidden from publication"));
		html_lit(b, "</strong></li>\n");
	} else if (x->hidden_reason != NULL) {
		html_lit(b, "<li class=\"tag tag-hidden\"><strong>");
		html_text(b, _("Hidden from publication"));
		html_lit(b, "</strong>: ");
		html_text(b, x->hidden_reason);
		html_lit(b, " (");
		html_text(b, arena_printf(rq->a, _("%s, %s UTC"), x->hidden_by, x->hidden_at));
		html_lit(b, ")</li>\n");
	}
	if (x->flagged) {
		html_lit(b, "<li class=\"tag tag-flagged\"><strong>");
		html_text(b, _("Response flagged as suspicious"));
		html_lit(b, "</strong>: ");
		html_text(b, flag_reason_text(x->flag_reason));
		if (x->flag_note != NULL) {
			html_lit(b, ". ");
			html_text(b, x->flag_note);
		}
		if (x->flag_decided_by != NULL) {
			html_lit(b, " (");
			html_text(b, x->flag_decided_by);
			html_lit(b, ")");
		}
		html_lit(b, "</li>\n");
	} else if (x->flag_decided_by != NULL) {
		html_lit(b, "<li class=\"tag\">");
		html_text(b, arena_printf(rq->a, _("Flag cleared by %s"), x->flag_decided_by));
		if (x->flag_note != NULL) {
			html_lit(b, ": ");
			html_text(b, x->flag_note);
		}
		html_lit(b, "</li>\n");
	}
	html_lit(b, "</ul>\n");
}

/* The officers' forms of a card: hide or show the answer, flag the response
 * or clear its flag; open when one of them holds err. */
static void card_forms(struct app *app, struct req *rq, struct html *b, const struct admin *ad,
		       const struct survey *s, const struct filters *f,
		       const struct moderation_answer *x, const char *rid,
		       const struct form_error *err)
{
	const char *qid = x->question_id;
	const char *act = x->hidden_reason != NULL ? "unhide" : "hide";
	const char *fact = x->flagged ? "clear-flag" : "flag";
	const char *hid = arena_printf(rq->a, "reason-%s-%s-%s", act, rid, qid);
	const char *fid = arena_printf(rq->a, "reason-%s-%s-response", fact, rid);
	const char *resp_words = arena_printf(rq->a, _("Response %s"), rid);
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
	html_text(b, resp_words);
	html_lit(b, "</span></summary>\n<div class=\"moderation-forms\">\n");
	card_form_begin(b, app, rq, ad, s, f, act, rid, qid);
	if (x->hidden_reason == NULL) {
		reason_input(
		    b, hid, _("Why hide this answer?"),
		    _("Required. For example: names a member of staff. Up to 200 characters."),
		    herr ? err->message : NULL, herr ? err->typed : NULL);
		html_lit(b, "<button type=\"submit\" class=\"button button-warning\">");
		html_text(b, _("Hide from publication"));
	} else {
		html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
		html_text(b, _("Show again"));
	}
	html_lit(b, "<span class=\"visually-hidden\"> ");
	html_text(b, resp_words);
	html_lit(b, "</span></button>\n</form>\n");
	card_form_begin(b, app, rq, ad, s, f, fact, rid, NULL);
	reason_input(
	    b, fid, x->flagged ? _("Why clear the flag? (optional)") : _("Why flag this response?"),
	    x->flagged ? NULL : _("Required. Up to 200 characters."), ferr ? err->message : NULL,
	    ferr ? err->typed : NULL);
	html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
	html_text(b, x->flagged ? _("Clear the flag") : _("Flag the response as suspicious"));
	html_lit(b, "<span class=\"visually-hidden\"> ");
	html_text(b, resp_words);
	html_lit(b, "</span></button>\n</form>\n</div>\n</details>\n");
}

void moderate_card(struct app *app, struct req *rq, struct html *b, const struct admin *ad,
		   const struct survey *s, const struct fields *fs, const struct filters *f,
		   const struct theme_places *tp, const struct moderation_answer *x,
		   const struct form_error *err)
{
	const char *rid = arena_printf(rq->a, "%lld", x->response_id);
	const char *card = arena_printf(rq->a, "%s-%s", rid, x->question_id);

	card_text(app, rq, b, ad, fs, x, rid, card);
	card_states(rq, b, ad, x);
	theme_of_card(app, rq, b, ad, s, f, tp, rid, x->question_id);
	if (ad->officer)
		card_forms(app, rq, b, ad, s, f, x, rid, err);
	html_lit(b, "</li>\n");
}
