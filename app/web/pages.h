/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * pages: the routes of the pages that stand alone: /healthz (health.c),
 * the list of consultations (resident.c), the information pages and a
 * survey's privacy notice (info.c), a tracked series (series.c), a survey's
 * paper form (paper.c). None calls another; included by those files and
 * routes.c only.
 */
#ifndef YV_WEB_PAGES_H
#define YV_WEB_PAGES_H

#include "web/routedef.h"

route_fn handle_health, handle_home;
route_fn handle_info, handle_survey_privacy;
/* series.c: /t/<series>[.json|.csv], a tracked series over its waves */
route_fn series_route;
/* unsubscribe.c: /unsubscribe?n=&c=, the link in residents' emails */
route_fn unsubscribe_route;
route_fn handle_survey_paper;

#endif
