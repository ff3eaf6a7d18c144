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
 *                                        theme summaries, themereview.h); cards
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
 *
 * This file holds what the family shares (moderate_int.h lists its files):
 * the survey's stored fields, the worker's redaction patterns and the
 * moderation version; and, at its end, the dispatch of the routes above.
 * Uses store/moderation.h for the database, web/admin.h for who may do what.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/log.h"
#include "text/redact.h"
#include "web/handlers.h"
#include "web/moderate_int.h"

int fields_of(struct arena *a, const struct survey *s, struct fields *out)
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
					f.id =
					    arena_printf(a, "%s.%s", q->id, q->budget->lines[l].id);
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
				if ((q->type == SQ_CHOICE || q->type == SQ_MULTI) &&
				    q->other != NULL) {
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

const struct field *moderate_field_find(const struct fields *fs, const char *id)
{
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].id, id) == 0)
			return &fs->v[i];
	return NULL;
}

int moderate_is_free_text(const struct field *f)
{
	return f != NULL && (f->kind == F_TEXT || f->kind == F_OTHER);
}

const char *moderate_field_label(struct req *rq, const struct field *f)
{
	const char *l = survey_text_get(&f->q->label, rq->lang);

	return f->kind == F_OTHER ? arena_printf(rq->a, "%s (%s)", l, _("other answer")) : l;
}

int moderate_is_analysed(const struct survey *s, const char *qid)
{
	for (size_t i = 0; qid != NULL && i < s->nanalysed; i++)
		if (strcmp(s->analysed[i]->id, qid) == 0)
			return 1;
	return 0;
}

long long moderate_parse_id(const char *s)
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

struct redactor *moderate_redactor(struct app *app)
{
	if (app->redactor_state == 0) {
		app->redactor = calloc(1, sizeof(*app->redactor));
		if (app->redactor == NULL)
			log_fatal("moderate: out of memory");
		app->redactor_state = redact_init(app->redactor) == 0 ? 1 : -1;
	}
	if (app->redactor_state < 0)
		log_error("moderate: the redaction patterns did not compile");
	return app->redactor_state > 0 ? app->redactor : NULL;
}

int moderation_version(struct app *app, const struct survey *s, long long *out)
{
	return moderation_version_get(&app->store, s->id, out) == STORE_OK ? 0 : -1;
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
		answers_post(app, rq, rs, ad, s, &fs, action, rp);
	} else if (rq->method == M_POST || action[0] != '\0') {
		web_error(app, rq, rs, action[0] != '\0' ? 404 : 405);
	} else {
		struct filters f;

		filters_read(rq->a, &rq->query_params, s, &fs, &f);
		answers_page(app, rq, rs, ad, s, &fs, &f, NULL);
	}
}
