/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback (web): the public page /feedback (and /feedback.json) of a
 * standing feedback survey (issue 21): the themes of compliments,
 * complaints and suggestions that officers approved, their stance split
 * with small cells suppressed, redacted quotes, and the commitments made
 * in reply, as of the last scheduled update (results/feedback.h builds
 * it, store/feedback.h keeps it). It exists only for a standing survey an
 * officer opted in on its publication page /admin/publish/<survey>, where
 * the schedule is set (POST /admin/publish/<survey>/feedback, audited);
 * otherwise /feedback is 404.
 */
#ifndef YV_WEB_FEEDBACK_H
#define YV_WEB_FEEDBACK_H

#include "render/html.h"
#include "web/routedef.h"
#include "web/web.h"

struct admin;

/* GET /feedback (kind 0) and /feedback.json (kind 1). */
route_fn feedback_public;
/* POST /admin/publish/<survey>/feedback: enable (field "enabled" = 1) or
 * disable the page, and its schedule (field "every"). */
route_fn feedback_settings_post;

/* The section of the publication page that sets the page up: nothing for
 * a survey that is not standing. */
void feedback_publish_section(struct app *app, struct req *rq, struct html *b,
			      const struct admin *ad, const struct survey *s);

#endif
