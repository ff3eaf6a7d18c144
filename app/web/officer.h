/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * officer: the routes of /admin's own pages (officer.c); routes.c says
 * which roles each needs. Included by officer.c and routes.c only.
 */
#ifndef YV_WEB_OFFICER_H
#define YV_WEB_OFFICER_H

#include "web/routedef.h"

route_fn officer_dashboard, officer_surveys, officer_reload, officer_enter;
route_fn officer_entered;
route_fn officer_results;
/* channels.c: /admin/channels and its CSV */
route_fn officer_channels;
route_fn officer_publication, officer_publication_save, officer_preview;

#endif
