/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * promises: commitments ("we will") made in reply to consultations
 * (issue 21), from store/commitments.h. Public: /promises with counts of
 * promises kept on time, late and dropped and a filter by status
 * (?status=late), its open data /promises.json and /promises.csv
 * (docs/open-data.md), and the "What we will do" section of each /r/<id>
 * with every commitment's history. Officers: /admin/promises/<id> to list,
 * add and edit a survey's commitments and record dated updates (changes
 * of status). Councillors see the late ones on their dashboard.
 * A commitment not done by its due date shows as late from the next day
 * (UK date), worked out when a page is drawn; that change appears in its
 * history dated that day. Only commitments of surveys whose results are
 * public are shown to the public.
 */
#ifndef YV_WEB_PROMISES_H
#define YV_WEB_PROMISES_H

#include "render/html.h"
#include "web/routedef.h"
#include "web/web.h"

struct admin;
struct promises_of;

/* GET /promises (kind 0), /promises.json (1), /promises.csv (2). */
route_fn promises_public;
/* /admin/promises/<survey> and /admin/promises/<survey>/<rest> (GET and POST). */
route_fn promises_admin, promises_admin_post, promises_admin_item, promises_admin_item_post;

/* Validators of the routes' fields: 1 when v is a real date YYYY-MM-DD
 * (2000 to 2199); 1 when v is a status (planned, in-progress, done, late,
 * dropped); 1 when v is a status or empty (the public filter). */
int promise_date_valid(const char *v);
int promise_status_valid(const char *v);
int promise_filter_valid(const char *v);

/* The commitments of s (arena of rq), for promises_section(); NULL on a
 * database error (logged; the section is then left out). */
const struct promises_of *promises_load(struct app *app, struct req *rq, const struct survey *s);
/* The section "What we will do" of a results page; nothing when p is NULL
 * or has no commitment. */
void promises_section(struct req *rq, struct html *b, const struct survey *s,
		      const struct promises_of *p);
/* The dashboard's list of late commitments of the surveys ad may see,
 * with links; nothing when none (or the database cannot say). */
void promises_dashboard(struct app *app, struct req *rq, struct html *b, const struct admin *ad);

#endif
