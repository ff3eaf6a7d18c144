/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * findable: whether, and how, the public may see a survey's results, and
 * the links and notes that make them findable wherever the survey is
 * shown: the home page (resident.c), a survey's own pages (journey*.c),
 * the confirmation page, and the list of every consultation with public
 * results, /results (this file). One answer for all of them, so a page
 * never links to results that /r/<id> would refuse, nor leaves out results
 * it would show. The results page itself is publish*.c; it may use
 * findable_status() too. Uses handlers.h (publication_load), results/
 * (the survey file's rule, the count of responses), render/.
 */
#ifndef YV_WEB_FINDABLE_H
#define YV_WEB_FINDABLE_H

#include <time.h>

#include "render/html.h"
#include "web/handlers.h"
#include "web/routedef.h"

enum findable_kind {
	FINDABLE_NONE = 0,  /* not public (yet) */
	FINDABLE_LIVE,	    /* public while the survey is open: they change with each response */
	FINDABLE_PUBLISHED, /* the survey has closed; officers published them */
	FINDABLE_FINAL	    /* the survey has closed; public by the survey file's rule */
};

struct findable {
	enum findable_kind kind;
	/* not public, closed, and the results date has passed: they are late */
	int late;
	/* not public and the results date is still to come */
	int due;
	/* the officers' decision (publication_load); when the database could
	 * not say, the survey file's rule decided and pub is all zero */
	struct publication pub;
	int db_failed;
};

/*
 * How the public may see s's results at now: the officers' decision
 * (table survey_publication) wins over the survey file's rule; when the
 * database cannot say, the file's rule decides (a link that /r/<id> then
 * answers with 503 until the database is back, never a wrong 404 link).
 * Never fails.
 */
void findable_status(struct app *app, struct req *rq, const struct survey *s, time_t now,
		     struct findable *f);

/* <a href="/r/<id>">...</a>: "See the results so far" while live, else
 * "Read the results". Nothing when the results are not public. */
void findable_link(struct html *b, struct req *rq, const struct survey *s,
		   const struct findable *f);

/*
 * When results are not public: "Results due on <date>", "Results were due
 * on <date> and are late", or, for a standing survey with manual
 * publication, that the council will publish them; as a sentence ending
 * with ".", no markup around it. Nothing when they are public.
 */
void findable_note(struct html *b, struct req *rq, const struct survey *s,
		   const struct findable *f);

/* The short line saying what kind of results these are (live, published,
 * final), for lists. */
const char *findable_kind_text(enum findable_kind k);

/* /results: every consultation with public results, newest first. */
route_fn handle_results_index;

#endif
