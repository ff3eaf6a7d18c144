/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * journey_submit: the send and the receipt (journey_int.h). POST
 * /s/<id>/check checks every answer again, stores the response in one
 * transaction (store/responses.h: version, response, answers, invitation
 * used, partial save deleted), flags what officers should look at, and only
 * after COMMIT redirects to /s/<id>/done, which shows the receipt once. A
 * replayed send (same submission id) is answered with the first receipt.
 * It may use core/, survey/, geo/, render/, store/responses.h, web/ rate
 * limits and the journey's shared parts.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/mail.h"
#include "geo/geo.h"
#include "render/html.h"
#include "render/page.h"
#include "store/responses.h"
#include "web/handlers.h"
#include "web/findable.h"
#include "web/journey_int.h"

/* The receipt cookie lives long enough to reach the receipt page, and is
 * cleared once that page has been shown. */
#define DONE_COOKIE_SECONDS 600
#define YV_STR2(x) #x
#define YV_STR(x) YV_STR2(x)

/* ---------- send ---------- */

/* The rows to store for one answered question. */
static size_t rows_for(struct arena *a, const struct survey_question *q,
		       const struct survey_answer *ans, const char *other,
		       struct responses_answer *out, size_t max)
{
	size_t k = 0;

	if (ans->n == 0)
		return 0;
	switch (q->type) {
	case SQ_RANKING:
		for (size_t i = 0; i < ans->n && k < max; i++)
			if (ans->values[i][0] != '\0')
				out[k++] = (struct responses_answer){
				    arena_printf(a, "%s.%s", q->id, q->choices[i].value), 0,
				    ans->values[i]};
		return k;
	case SQ_BUDGET:
		for (size_t i = 0; i < ans->n && k < max; i++)
			out[k++] = (struct responses_answer){
			    arena_printf(a, "%s.%s", q->id,
					 i < q->budget->nlines ? q->budget->lines[i].id
							       : "council-tax"),
			    0, ans->values[i][0] ? ans->values[i] : "0"};
		return k;
	case SQ_DATE: {
		int d = (int)strtol(ans->values[0], NULL, 10),
		    m = (int)strtol(ans->values[1], NULL, 10),
		    y = (int)strtol(ans->values[2], NULL, 10);

		out[k++] =
		    (struct responses_answer){q->id, 0, arena_printf(a, "%04d-%02d-%02d", y, m, d)};
		return k;
	}
	default:
		for (size_t i = 0; i < ans->n && k < max; i++)
			out[k++] = (struct responses_answer){q->id, (unsigned)i, ans->values[i]};
		if (q->other != NULL && other != NULL && other[0] != '\0' && k < max)
			out[k++] =
			    (struct responses_answer){arena_printf(a, "%s.other", q->id), 0, other};
		return k;
	}
}

/*
 * The receipt already given for this submission id, if any. 1 found, 0
 * not, -1 error. Only a keyed hash of the id and of the receipt is
 * stored: the receipt is derived again from the id (token_receipt_derive).
 */
static int receipt_for_sid(struct journey *j, const char *sid, char *receipt)
{
	struct responses_ref ref;
	enum store_err e;
	char h[65];

	token_code_hash(j->app->key, sid, h);
	e = responses_by_submission(&j->app->store, j->rq->a, h, &ref);
	if (e != STORE_OK && e != STORE_NOT_FOUND)
		return -1;
	if (e == STORE_OK && strcmp(ref.survey_id, j->s->id) == 0) {
		token_receipt_derive(j->app->key, sid, receipt);
		return 1;
	}
	return 0;
}

/* 'web', or 'paper'/'phone'/'face-to-face'/'email' for a response staff
 * enter for a resident (started from /admin/enter: only the server writes
 * '_' fields). */
static const char *journey_channel(struct journey *j)
{
	const char *c = http_param_get(&j->saved, "_channel");

	return c != NULL && (strcmp(c, "paper") == 0 || strcmp(c, "phone") == 0 ||
			     strcmp(c, "face-to-face") == 0 || strcmp(c, "email") == 0)
		   ? c
		   : "web";
}

/*
 * Coarse geography of a response: country and region of the client address
 * (never the address itself), and whether it is in the survey's area, from
 * the postcode the resident gave (when the survey has an area map and a
 * postcode question). in_area is -1 when unknown.
 */
struct coarse_geo {
	struct geo_result where;
	int in_area;
};

static void coarse_geo(struct journey *j, const struct responses_answer *rows, size_t nrows,
		       struct coarse_geo *out)
{
	char ip[64];

	web_client_address(j->app, j->rq, ip, sizeof(ip));
	/* A response staff enter comes from the council's office, not the resident. */
	if (strcmp(journey_channel(j), "web") == 0)
		geo_lookup(j->app->geo, ip, &out->where);
	else
		memset(&out->where, 0, sizeof(out->where));
	out->in_area = -1;
	if (j->s->nareas == 0)
		return;
	for (size_t i = 0; i < nrows; i++) {
		const struct survey_question *q = survey_find_question(j->s, rows[i].field);

		if (q != NULL && q->type == SQ_POSTCODE) {
			out->in_area = survey_area_for_postcode(j->s, rows[i].value) != NULL;
			return;
		}
	}
}

/*
 * A resident who asked to be told when the results are out (<notify> of
 * the survey): the address of its email question, when given and (if the
 * survey has one) the consent box is ticked, else NULL. The address is
 * taken out of rows either way: it is kept apart from the answers, in the
 * notification list only (store/notify.h), and not at all without consent.
 */
static const char *notify_take(const struct survey *s, struct responses_answer *rows, size_t *nrows)
{
	const char *email = NULL;
	int consent = s->notify_consent == NULL;
	size_t k = 0;

	if (s->notify_email == NULL)
		return NULL;
	for (size_t i = 0; i < *nrows; i++) {
		if (strcmp(rows[i].field, s->notify_email->id) == 0) {
			email = rows[i].value;
			continue;
		}
		if (s->notify_consent != NULL && strcmp(rows[i].field, s->notify_consent->id) == 0)
			consent = 1;
		rows[k++] = rows[i];
	}
	*nrows = k;
	return consent && email != NULL && email[0] != '\0' ? email : NULL;
}

/* Store the response in one transaction (store/responses.h): version,
 * response, answers, invitation used, partial save deleted, and the
 * resident's address on the notification list when notify_email is not
 * NULL. receipt gets the code to show. STORE_DUPLICATE: the invitation was
 * used already. */
static enum store_err store_response(struct journey *j, const char *sid,
				     const struct responses_answer *rows, size_t nrows,
				     const char *flag, const char *notify_email, char *receipt)
{
	char salt[65];
	struct coarse_geo g;
	char receipt_hash[65], sid_hash[65];
	struct responses_new r = {.survey_id = j->s->id,
				  .version_hash = j->s->version_hash,
				  .receipt_hash = receipt_hash,
				  .sid_hash = sid_hash,
				  .lang = survey_lang_code(j->rq->lang),
				  .channel = journey_channel(j),
				  .invitation_id = j->invitation_id,
				  .flag = flag,
				  .partial_id = j->partial_id,
				  .session_hash = j->sess.hash,
				  .answers = rows,
				  .nanswers = nrows,
				  .notify_email = notify_email,
				  .notify_salt = salt};
	enum store_err e;
	int found;

	token_hex(salt, 32);
	coarse_geo(j, rows, nrows, &g);
	r.country = g.where.country;
	r.region = g.where.region;
	r.in_area = g.in_area;
	/* The receipt follows from the submission id under the key, so a
	 * replayed send gets it again though neither is stored in the clear. */
	token_receipt_derive(j->app->key, sid, receipt);
	token_code_hash(j->app->key, receipt, receipt_hash);
	token_code_hash(j->app->key, sid, sid_hash);
	e = responses_send(&j->app->store, &r);
	if (e != STORE_DUPLICATE)
		return e;
	/* The same submission id stored meanwhile: answer with its receipt.
	 * Otherwise the invitation was used, or two submission ids gave one
	 * receipt (60 bits: as good as never). */
	found = receipt_for_sid(j, sid, receipt);
	if (found != 0)
		return found > 0 ? STORE_OK : STORE_UNAVAILABLE;
	return STORE_DUPLICATE;
}

static void done_redirect(struct journey *j, const char *receipt)
{
	const char *msg = arena_printf(j->rq->a, "%s.%s", j->s->id, receipt);
	char tag[65];

	/* Sent: the answers in progress go with the sealed cookie. */
	journey_cookie_clear(j);
	/* A response staff entered ends on the officer's page, which shows
	 * the receipt to pass on and offers the next entry. */
	if (strcmp(journey_channel(j), "web") != 0) {
		const char *m = arena_printf(j->rq->a, "entered:%s.%s", j->s->id, receipt);

		token_sign(j->app->key, m ? m : "", tag);
		resp_header(j->rs, "Set-Cookie",
			    arena_printf(j->rq->a,
					 "yv_entered=%s.%s.%s; Path=/admin/enter/%s/done; "
					 "Max-Age=" YV_STR(DONE_COOKIE_SECONDS) "; HttpOnly; "
										"SameSite=Lax%s",
					 j->s->id, receipt, tag, j->s->id,
					 j->rq->https ? "; Secure" : ""));
		journey_redirect(j->rs, arena_printf(j->rq->a, "/admin/enter/%s/done?channel=%s",
						     j->s->id, journey_channel(j)));
		buf_puts(&j->rs->body, receipt);
		buf_puts(&j->rs->body, "\n");
		return;
	}

	token_sign(j->app->key, msg ? msg : "", tag);
	resp_header(j->rs, "Set-Cookie",
		    arena_printf(j->rq->a,
				 "yv_done=%s.%s; Path=/s/%s/done; Max-Age=" YV_STR(
				     DONE_COOKIE_SECONDS) "; HttpOnly; SameSite=Lax%s",
				 msg, tag, j->s->id, j->rq->https ? "; Secure" : ""));
	if (j->s->once_per == SURVEY_ONCE_BROWSER && strcmp(journey_channel(j), "web") == 0)
		resp_header(
		    j->rs, "Set-Cookie",
		    arena_printf(j->rq->a,
				 "%s=1; Path=/s/%s; Max-Age=31536000; HttpOnly; SameSite=Lax%s",
				 journey_sent_cookie(j), j->s->id, j->rq->https ? "; Secure" : ""));
	journey_redirect(j->rs, arena_printf(j->rq->a, "/s/%s/done", j->s->id));
	buf_puts(&j->rs->body, receipt);
	buf_puts(&j->rs->body, "\n");
}

/*
 * Why this response should be looked at by an officer, or NULL: the
 * honeypot was filled, an anonymous survey was answered faster than a
 * person could, or many responses came from one network within the hour.
 * Flagged responses are stored and counted apart, never refused.
 */
static const char *response_flag(struct journey *j)
{
	const char *hp = http_param_get(&j->saved, "_flag");
	unsigned per_hour = j->s->rate_limit_per_hour ? j->s->rate_limit_per_hour
						      : (unsigned)j->app->cfg.submit_per_hour;
	const char *bucket = arena_printf(j->rq->a, "submit:%s", j->s->id);

	if (hp != NULL)
		return hp;
	/* Staff entering paper or phone responses are neither robots nor a burst. */
	if (strcmp(journey_channel(j), "web") != 0)
		return NULL;
	if (j->s->access == SURVEY_ANONYMOUS && j->app->cfg.min_fill_seconds > 0 &&
	    (long long)time(NULL) - j->started < j->app->cfg.min_fill_seconds)
		return "too-fast";
	if (bucket != NULL) {
		char net[65];

		web_network_key(j->app, j->rq, net);
		if (web_count_flag_hit(j->app, net, bucket, per_hour, 3600) > 0)
			return "many-from-network";
	}
	/* The same for the client's provider (ASN), with a limit fit for a
	 * provider that serves much of the area. */
	{
		char ip[64], key[65];
		struct geo_result g;

		web_client_address(j->app, j->rq, ip, sizeof(ip));
		geo_lookup(j->app->geo, ip, &g);
		if (g.asn != 0 && bucket != NULL) {
			token_sign(j->app->key, arena_printf(j->rq->a, "asn:%lu", g.asn), key);
			if (web_count_flag_hit(j->app, key, bucket,
					       (unsigned)j->app->cfg.submit_per_hour_asn, 3600) > 0)
				return "many-from-provider";
		}
	}
	return NULL;
}

void handle_check_post(struct app *app, struct req *rq, struct resp *rs, const struct survey *s)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs, .s = s};
	const char *sid = http_param_get(&rq->form, "sid");
	char receipt[TOKEN_RECEIPT_LEN + 1];
	struct all_answers all;
	const char **errors;
	unsigned char *keep;
	struct responses_answer *rows;
	size_t nrows = 0, maxrows = 0;
	const char *notify;
	enum store_err e;
	int found;

	if (journey_gate(&j) != 0)
		return;
	if (!journey_csrf_ok(&j)) {
		journey_expired_form(&j);
		return;
	}
	if (!session_hex_valid(sid, SID_HEX)) {
		web_error(app, rq, rs, 400);
		return;
	}
	/* The send too, not only the pages, refuses a second response from a
	 * browser that sent one (answers in progress put back after the send);
	 * the same send again (a retry) still gets its first receipt. */
	if (s->once_per == SURVEY_ONCE_BROWSER &&
	    http_param_get(&rq->cookies, journey_sent_cookie(&j)) != NULL) {
		found = receipt_for_sid(&j, sid, receipt);
		if (found > 0)
			done_redirect(&j, receipt);
		else if (found < 0)
			journey_unavailable(&j);
		else
			journey_already_sent(&j);
		return;
	}
	if (journey_partial_load(&j) != STORE_OK) {
		journey_unavailable(&j);
		return;
	}
	if (j.cookie_refused) {
		journey_cookie_refused(&j);
		return;
	}
	if (!j.have_partial) {
		/* A replayed send (double click, retry) after the answers went:
		 * the first receipt. A replay that still carries them meets the
		 * stored submission id in the send's transaction instead
		 * (store_response), so a first send reads nothing before it. */
		found = receipt_for_sid(&j, sid, receipt);
		if (found < 0) {
			journey_unavailable(&j);
			return;
		}
		if (found > 0) {
			done_redirect(&j, receipt);
			return;
		}
		journey_redirect(rs, arena_printf(rq->a, "/s/%s", s->id));
		return;
	}
	if (s->access == SURVEY_INVITATION && j.invitation_id == 0) {
		journey_invitation_form(&j, NULL, NULL);
		return;
	}
	if (journey_collect_all(rq->a, s, &j.saved, &all) != 0 ||
	    (errors = arena_calloc(rq->a, all.nq + 1, sizeof(*errors))) == NULL ||
	    (keep = arena_calloc(rq->a, all.nq + 1, 1)) == NULL) {
		web_error(app, rq, rs, 413);
		return;
	}
	if (journey_check_all(&j, &all, errors) > 0) {
		journey_render_check(&j, &all, errors);
		rs->status = 422;
		return;
	}
	survey_answers_filter(s, &all.set, keep);
	for (size_t i = 0; i < all.nq; i++)
		maxrows += all.v[i].n + 1;
	rows = arena_calloc(rq->a, maxrows + 1, sizeof(*rows));
	if (rows == NULL) {
		web_error(app, rq, rs, 413);
		return;
	}
	for (size_t i = 0; i < all.nq; i++)
		if (keep[i])
			nrows += rows_for(rq->a, all.q[i], &all.v[i], all.other[i], rows + nrows,
					  maxrows - nrows);
	notify = notify_take(s, rows, &nrows);
	e = store_response(&j, sid, rows, nrows, response_flag(&j), notify, receipt);
	if (e == STORE_DUPLICATE) {
		journey_message(&j, 409, _("This invitation code has already been used"),
				_("Each invitation code can send one response. If you did not send "
				  "one, contact the council."),
				"/", _("Go to the list of consultations"));
		return;
	}
	if (e != STORE_OK) {
		/* Nothing is lost: the answers stay saved; the resident can press again. */
		journey_render_check(&j, &all, NULL);
		rs->status = 503;
		resp_header(rs, "Retry-After", "30");
		return;
	}
	if (j.email != NULL && app->cfg.sendmail[0] != '\0') {
		const char *subject = arena_printf(rq->a, "%s: %s", _("Your receipt"),
						   survey_text_get(&s->title, rq->lang));
		const char *body = arena_printf(rq->a, "%s\n\n%s %s\n",
						_("Thank you: your response has been recorded."),
						_("Your receipt code is"), receipt);

		if (subject != NULL && body != NULL)
			mail_send(app->cfg.sendmail, app->cfg.mail_from, j.email, subject, body);
	}
	done_redirect(&j, receipt);
}

/* ---------- the receipt page ---------- */

void handle_survey_done(struct app *app, struct req *rq, struct resp *rs, const struct survey *s)
{
	const char *c = http_param_get(&rq->cookies, "yv_done");
	const char *path = arena_printf(rq->a, "/s/%s/done", s->id);
	struct page_ctx p = {rq->lang, path ? path : "/", _("Response recorded")};
	struct html *b = html_over(&rs->body);
	char receipt[TOKEN_RECEIPT_LEN + 1];
	struct findable f;
	int have = 0;

	/* yv_done = <survey id>.<receipt>.<tag> */
	if (c != NULL) {
		const char *dot2 = strrchr(c, '.');
		size_t idlen = strlen(s->id);

		if (dot2 != NULL && strncmp(c, s->id, idlen) == 0 && c[idlen] == '.' &&
		    (size_t)(dot2 - c) == idlen + 1 + TOKEN_RECEIPT_LEN) {
			const char *msg = arena_strndup(rq->a, c, (size_t)(dot2 - c));

			if (msg != NULL && token_verify(app->key, msg, dot2 + 1)) {
				memcpy(receipt, c + idlen + 1, TOKEN_RECEIPT_LEN);
				receipt[TOKEN_RECEIPT_LEN] = '\0';
				have = 1;
			}
		}
	}
	resp_html(rs);
	page_begin(b, &p);
	if (!have) {
		html_lit(b, "<h1>");
		html_text(b, survey_text_get(&s->title, rq->lang));
		html_lit(b, "</h1>\n<p>");
		html_text(b, _("There is no response to show here. If you submitted a response, "
			       "keep the receipt code you were shown."));
		html_lit(b, "</p>\n<p><a href=\"/s/");
		html_urlpart(b, s->id);
		html_lit(b, "\">");
		html_text(b, _("Go to the consultation"));
		html_lit(b, "</a></p>\n");
		page_end(b, &p);
		return;
	}
	/* Shown once: a later visit (or the next person at a shared
	 * computer) finds no receipt here. */
	resp_header(rs, "Set-Cookie",
		    arena_printf(rq->a,
				 "yv_done=; Path=/s/%s/done; Max-Age=0; HttpOnly; SameSite=Lax%s",
				 s->id, rq->https ? "; Secure" : ""));
	html_lit(b, "<div class=\"panel-confirmation\">\n<h1>");
	html_text(b, _("Response recorded"));
	html_lit(b, "</h1>\n<p>");
	html_text(b, _("Your receipt code is"));
	html_lit(b, "<br><strong class=\"receipt\" id=\"receipt\">");
	html_text(b, receipt);
	html_lit(b, "</strong></p>\n</div>\n<p>");
	{
		/* No full stop after a title that already ends a sentence
		 * ("What matters to you?"). */
		const char *title = survey_text_get(&s->title, rq->lang);
		size_t tl = strlen(title);
		int ends = tl > 0 && strchr("?!.", title[tl - 1]) != NULL;

		html_text(b, arena_printf(rq->a,
					  ends ? _("Thank you for taking part in %s")
					       : _("Thank you for taking part in %s."),
					  title));
	}
	html_lit(b, "</p>\n<h2>");
	html_text(b, _("What happens next"));
	html_lit(b, "</h2>\n<p>");
	if (s->standing) {
		html_text(b, _("This consultation stays open all year round: you can tell us again "
			       "at any time."));
	} else {
		html_text(b, _("The consultation closes on"));
		html_lit(b, " ");
		page_survey_date(b, s, SURVEY_DATE_CLOSES, rq->lang);
		html_lit(b, ".");
	}
	html_lit(b, " ");
	findable_status(app, rq, s, time(NULL), &f);
	if (f.kind != FINDABLE_NONE) {
		html_text(b, f.kind == FINDABLE_LIVE
				 ? _("The results so far are public, and change as people respond:")
				 : _("The results are public:"));
		html_lit(b, " ");
		findable_link(b, rq, s, &f);
		html_lit(b, ".");
	} else if (f.due) {
		html_text(b, _("We will publish what residents told us on"));
		html_lit(b, " ");
		page_survey_date(b, s, SURVEY_DATE_RESULTS, rq->lang);
		html_lit(b, ".");
	} else {
		findable_note(b, rq, s, &f);
	}
	html_lit(b, "</p>\n<p>");
	html_text(b, _("Keep your receipt code: it proves your response was recorded."));
	html_lit(b, "</p>\n<p>");
	html_text(b, _("With your receipt code you can see, download or withdraw your response "
		       "while the consultation is open."));
	html_lit(b, "</p>\n<ul class=\"next-links\">\n<li><a href=\"/my-response\">");
	html_text(b, _("See, download or withdraw your response"));
	html_lit(b, "</a></li>\n<li><a href=\"/\">");
	html_text(b, _("See other consultations"));
	html_lit(b, "</a></li>\n</ul>\n");
	page_end(b, &p);
}
