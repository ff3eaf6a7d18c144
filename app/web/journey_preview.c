/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * journey_preview: officers' ways into a resident's journey (journey.h,
 * called from officer.c): the preview of a page, checked like a
 * resident's and never stored, and the start of a response that staff
 * enter for a resident on paper or by phone. It may use core/, survey/
 * and the journey's shared parts.
 */
#include "config.h"

#include <string.h>

#include "core/token.h"
#include "web/handlers.h"
#include "web/journey_int.h"

/* ---------- officers' preview ---------- */

void journey_preview(struct app *app, struct req *rq, struct resp *rs, const struct survey *s,
		     const struct survey_page *pg, const char *csrf)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs, .s = s, .preview_csrf = csrf};
	struct all_answers all;
	size_t idx = pg ? journey_page_index(s, pg) : 0;
	const char **errors;
	size_t nerr = 0;

	if (rq->method != M_POST) {
		journey_render_page(&j, idx, &j.saved, NULL);
		return;
	}
	/* "Update my total": the page again with the totals, unchecked. */
	{
		const char *action = http_param_get(&rq->form, "action");

		if (action != NULL && strcmp(action, "recalculate") == 0) {
			journey_render_page(&j, idx, &rq->form, NULL);
			return;
		}
	}
	/* Check the page as a resident's would be, and store nothing. */
	if (journey_collect_all(rq->a, s, &rq->form, &all) != 0 ||
	    (errors = arena_calloc(rq->a, s->pages[idx].nquestions + 1, sizeof(*errors))) == NULL) {
		web_error(app, rq, rs, 413);
		return;
	}
	nerr = journey_check_page(rq, s, idx, &all, errors, 0);
	if (nerr > 0) {
		journey_render_page(&j, idx, &rq->form, errors);
		rs->status = 422;
		return;
	}
	journey_redirect(rs, journey_page_path(&j, idx + 1 < s->npages ? idx + 1 : s->npages));
}

/* ---------- responses staff enter for residents ---------- */

int journey_start_staff_entry(struct app *app, struct req *rq, struct resp *rs,
			      const struct survey *s, const char *channel, const char *username)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs, .s = s};

	/* A fresh resident session for this entry, whatever the browser had. */
	token_hex(j.sess.id, SESSION_HEX / 2);
	token_sha256(j.sess.id, j.sess.hash);
	resp_header(rs, "Set-Cookie",
		    arena_printf(rq->a, "yv_s=%s; Path=/; HttpOnly; SameSite=Lax%s", j.sess.id,
				 rq->https ? "; Secure" : ""));
	if (http_params_add(rq->a, &j.saved, PARTIAL_MAX_FIELDS, "_channel", channel) != HTTP_OK ||
	    http_params_add(rq->a, &j.saved, PARTIAL_MAX_FIELDS, "_entered_by", username) !=
		HTTP_OK)
		return -1;
	/* Stored, not in a cookie: the officer's browser may hold a sealed
	 * state of an earlier session for this survey, which must go. */
	j.force_store = 1;
	journey_cookie_clear(&j);
	return journey_partial_store(&j) == STORE_OK ? 0 : -1;
}
