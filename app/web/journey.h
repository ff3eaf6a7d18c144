/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * journey: the handlers of a resident's way through a survey (see
 * journey.c, and journey_int.h for the files that share the work): pages,
 * check your answers, send, receipt, save and resume, invitation codes.
 */
#ifndef YV_WEB_JOURNEY_H
#define YV_WEB_JOURNEY_H

#include "web/web.h"

/* A survey page (pg NULL: the first page shown). */
void handle_page_get(struct app *app, struct req *rq, struct resp *rs, const struct survey *s,
		     const struct survey_page *pg);
void handle_page_post(struct app *app, struct req *rq, struct resp *rs, const struct survey *s,
		      const struct survey_page *pg);
void handle_check_get(struct app *app, struct req *rq, struct resp *rs, const struct survey *s);
void handle_check_post(struct app *app, struct req *rq, struct resp *rs, const struct survey *s);
void handle_survey_done(struct app *app, struct req *rq, struct resp *rs, const struct survey *s);
void handle_save_email(struct app *app, struct req *rq, struct resp *rs, const struct survey *s);
void handle_invitation(struct app *app, struct req *rq, struct resp *rs, const struct survey *s);
/* /resume (form, or POST with the typed code) and /resume/<code>. */
void handle_resume(struct app *app, struct req *rq, struct resp *rs, const char *code);

/* An officer's preview of a page (pg NULL: the first): as residents see
 * it, posting back to the preview with the officer's token csrf; a POST is
 * checked like a resident's and nothing is stored. */
void journey_preview(struct app *app, struct req *rq, struct resp *rs, const struct survey *s,
		     const struct survey_page *pg, const char *csrf);

/*
 * Start a response that staff enter for a resident on paper or by phone
 * (channel "paper", "phone", "face-to-face" or "email"): a fresh resident
 * session whose partial save records the channel and who entered it; every
 * page of the journey then names both, offers no save for later, and the
 * send ends on the officer's page /admin/enter/<id>/done. 0, or -1 (database unavailable).
 */
int journey_start_staff_entry(struct app *app, struct req *rq, struct resp *rs,
			      const struct survey *s, const char *channel, const char *username);

/* The name of a channel staff enter responses through ("paper", "phone",
 * "face-to-face", "email"), translated, for banners and counts; "online"
 * for "web"; the code itself for anything else. */
const char *journey_channel_name(const char *channel);

#endif
