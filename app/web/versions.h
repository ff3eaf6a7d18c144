/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * versions: the stored versions of a survey for officers who may see it
 * (versions.c): GET /admin/versions/<survey> lists every version (number,
 * state, when, origin, who, why, size, SHA-256) with a form to compare any
 * two; GET /admin/diff/<survey>?from=N&to=M shows the line differences
 * between two versions, escaped, with their line numbers; POST
 * /admin/rollback/<survey> publishes an earlier version's bytes again as
 * a new version (checked as the service checks; for a survey with
 * responses, the changes that alter their meaning are confirmed first),
 * audited, and the service reloads.
 */
#ifndef YV_WEB_VERSIONS_H
#define YV_WEB_VERSIONS_H

#include "web/routedef.h"

route_fn versions_page, versions_diff, versions_rollback;

/* The validator of a version number field (1..1000000000). */
int versions_valid_number(const char *v);

#endif
