/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * routedef: what a route of the table (routes.c) declares and what the
 * matcher (route.c) hands its handler. A route is the allowed methods, a
 * path pattern, the handler, flags (anti-forgery token on POST, signed
 * in, officer role) and the fixed fields it reads, each with a validator
 * and a length limit (kcgi's kvalid model): the router checks them before
 * the handler runs and the handler reads only the checked values.
 *
 * Patterns are literal segments and placeholders:
 *   <survey>   a loaded survey's id (404 when none), also "<survey>.json"
 *   <page>     a page of that survey (404 when none)
 *   <rest>     any one segment; <rest...> any rest of the path, even none
 * Types only (no file implements this header), so that every page family
 * may include it without a loop: the table is routes.h, the matcher is
 * web_handle() in route.c.
 */
#ifndef YV_WEB_ROUTEDEF_H
#define YV_WEB_ROUTEDEF_H

#include <stddef.h>
#include <string.h>

#include "web/web.h"

struct admin;

/* Methods a route allows (HEAD goes with GET wherever GET is allowed). */
#define RM_GET 1u
#define RM_POST 2u
#define RM_OTHER 4u    /* any other method (only /healthz takes them) */
#define RM_READ RM_GET /* GET and HEAD */
#define RM_ALL (RM_GET | RM_POST)
#define RM_ANY (RM_GET | RM_POST | RM_OTHER)

/* Flags. */
#define RF_CSRF 1u	/* a POST needs the anti-forgery token of its session */
#define RF_SIGNED_IN 2u /* an officer or councillor must be signed in (/admin) */
#define RF_OFFICER 4u	/* officers only (councillors: 403) */
#define RF_MAY 8u	/* the account must be allowed to see <survey> (403) */
#define RF_EARLY 16u	/* answered before the key, decoding and rate-limit checks (/healthz) */

/* A fixed field: where it comes from, its limit, its check. */
enum route_src { RS_FORM, RS_QUERY };
#define RFF_REQUIRED 1u /* absent or failing: 400 before the handler runs */
#define RFF_STRICT 2u	/* sent but failing: 400 (absent is fine) */
struct route_field {
	const char *name;
	enum route_src src;
	size_t max;		     /* bytes */
	int (*valid)(const char *v); /* NULL: any text within max */
	unsigned flags;
};

struct route;

/* What the router resolved, handed to the handler. */
struct route_parts {
	const struct route *route;	/* the matched route */
	const struct survey *survey;	/* <survey>, else NULL */
	const struct survey_page *page; /* <page>, else NULL */
	const char *rest;		/* <rest> or <rest...>, else "" */
	const struct admin *admin;	/* the signed-in account on RF_SIGNED_IN routes */
	const char **value;		/* the route's fields in order: checked value, or NULL */
	const unsigned char *bad;	/* 1 where a field was sent but failed its check */
	const char **sent;		/* what was sent, checked or not (to refill a form) */
};

typedef void route_fn(struct app *app, struct req *rq, struct resp *rs,
		      const struct route_parts *rp);

struct route {
	unsigned methods;
	const char *pattern;
	route_fn *fn;
	unsigned flags;
	const struct route_field *fields;
	size_t nfields;
	/* RF_CSRF routes: the answer to a forged or expired form, when it is
	 * not the generic one (the handler's own page saying so). */
	route_fn *refused;
	int kind; /* a constant the handler reads (e.g. which of .json or .csv) */
};

/* A field's checked value by name: NULL when absent, failing its check,
 * or not declared by the route. */
static inline const char *route_value(const struct route_parts *rp, const char *name)
{
	for (size_t i = 0; i < rp->route->nfields; i++)
		if (strcmp(rp->route->fields[i].name, name) == 0)
			return rp->value[i];
	return NULL;
}

/* What was sent for the field, even when it failed its check: only to
 * show back to its sender (escaped), never to act on. */
static inline const char *route_sent(const struct route_parts *rp, const char *name)
{
	for (size_t i = 0; i < rp->route->nfields; i++)
		if (strcmp(rp->route->fields[i].name, name) == 0)
			return rp->sent[i];
	return NULL;
}

/* 1 when the field was sent but failed its check. */
static inline int route_bad(const struct route_parts *rp, const char *name)
{
	for (size_t i = 0; i < rp->route->nfields; i++)
		if (strcmp(rp->route->fields[i].name, name) == 0)
			return rp->bad[i];
	return 0;
}

#endif
