/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * handlers: the page handlers, one file per page family: resident.c (home,
 * survey form, submission, receipt), health.c (/healthz). Each fills the
 * response completely; route.c has already chosen the language and
 * refused undecodable requests.
 */
#ifndef YV_WEB_HANDLERS_H
#define YV_WEB_HANDLERS_H

#include "web/web.h"

void handle_health(struct app *app, struct req *rq, struct resp *rs);
void handle_home(struct app *app, struct req *rq, struct resp *rs);
void handle_survey_form(struct app *app, struct req *rq, struct resp *rs, const struct survey *s);
void handle_survey_submit(struct app *app, struct req *rq, struct resp *rs,
                          const struct survey *s);
void handle_survey_done(struct app *app, struct req *rq, struct resp *rs, const struct survey *s);
/* publish.c: /r/<id>, /r/<id>.json, /r/<id>.csv (404 unless results are public). */
void handle_results(struct app *app, struct req *rq, struct resp *rs);

#endif
