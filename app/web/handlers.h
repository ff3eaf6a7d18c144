/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * handlers: what the page families share and the handlers whose files
 * have no header of their own yet: results and publication (publish.c),
 * the moderation version and the written answers' routes (moderate.c),
 * the themes route (themes.c), /my-response (myresponse.c). The routes of
 * officer.c are in officer.h, those of health.c, resident.c and info.c in
 * pages.h, the journey's in journey.h. Each handler fills the response
 * completely; the router (route.c, with the table of routes.c) has
 * already chosen the language, refused undecodable requests and checked
 * what the route declares.
 */
#ifndef YV_WEB_HANDLERS_H
#define YV_WEB_HANDLERS_H

#include <time.h>

#include <jansson.h>

#include "web/routedef.h"
#include "web/web.h"

struct promises_of;

/* The officers' decision on a survey's results (table survey_publication). */
struct publication {
	int decided; /* a row exists: it overrides the survey file */
	int published;
	int is_public;		 /* the outcome: the row, else the survey's rule */
	const char *ysw[LANG_N]; /* officers' "You said, we did", NULL if none */
	int exclude_flagged;	 /* leave responses flagged as suspicious out of the figures */
	const struct promises_of *promises; /* the page's commitments (web/promises.h), or NULL */
};
/* Load it; 0, or -1 when the database cannot say. */
int publication_load(struct app *app, struct req *rq, const struct survey *s, time_t now,
		     struct publication *pub);
/* Results as a page (kind 0), JSON or CSV; officer_view marks and never caches them. */
void publish_serve(struct app *app, struct req *rq, struct resp *rs, const struct survey *s,
		   int kind, const struct publication *pub, int officer_view);
/* The public figures of s exactly as /r/<id>.json publishes them (perturbed,
 * breakdowns from snapshots) into *out, for pages built on them (the
 * series of /t/<series>). 0 (the caller owns *out), 1 while a large survey
 * is still being counted, -1 on a database error. The caller has checked
 * that they are public (pub->is_public). */
int publish_public_figures(struct app *app, struct req *rq, const struct survey *s,
			   const struct publication *pub, json_t **out);
/* Freeze the published breakdowns of s now (docs/privacy.md): when officers
 * publish (reason "publish") and at close ("close"). 0, 1 while a large
 * survey is still being counted (no snapshot yet), -1 on a database error. */
int publish_snapshot(struct app *app, struct req *rq, const struct survey *s, const char *reason);

/* The survey's moderation version (moderate.c): bumped by every officer's
 * flag, clear, hide and unhide; 0 before the first. 0, or -1 on a database error. */
int moderation_version(struct app *app, const struct survey *s, long long *out);

/* moderate.c: /admin/answers/<survey>[/<action>] and /admin/export/<survey>[.csv|.json]. */
route_fn moderate_answers_route, moderate_export_route;
/* themes.c: /admin/themes/<survey>: the themes of a survey's analysed
 * questions and officers' renames, merges and hidden quotes. */
route_fn themes_admin;

/* /my-response: see, download or withdraw a response by its receipt code. */
void handle_my_response(struct app *app, struct req *rq, struct resp *rs);

#endif
