/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * routes: the one route table of the service (routes.c), read by the
 * matcher in route.c.
 */
#ifndef YV_WEB_ROUTES_H
#define YV_WEB_ROUTES_H

#include "web/routedef.h"

/* In match order: the first route whose pattern matches the path is the
 * one; the routes of the same pattern that follow it at once differ by
 * method. */
extern const struct route web_routes[];
extern const size_t web_nroutes;

#endif
