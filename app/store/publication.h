/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * publication: officers' decision on a survey's results (table
 * survey_publication): published or not, "You said, we did" in each
 * language, and whether flagged responses are left out of the figures.
 * Uses store/ and core/ only.
 */
#ifndef YV_STORE_PUBLICATION_H
#define YV_STORE_PUBLICATION_H

#include "core/arena.h"
#include "store/audit.h"
#include "store/store.h"

/* What the row says; every field 0/NULL when there is no row. */
struct publication_row {
	int exists;
	int decided; /* published is set: it overrides the survey file */
	int published;
	const char *ysw_en; /* "You said, we did", NULL when empty */
	const char *ysw_cy;
	int exclude_flagged; /* leave responses flagged as suspicious out of the figures */
};

/* Read survey_id's row (strings in a): 0, or -1 on a database error. */
int publication_get(struct store *st, struct arena *a, const char *survey_id,
		    struct publication_row *out);

/* The officers' new decision: published -1 (as the survey file says), 0
 * or 1; the texts (NULL or "" for none); exclude_flagged 0/1. */
struct publication_set {
	int published;
	const char *ysw_en, *ysw_cy;
	int exclude_flagged;
};
/* Record it with its audit row (action, detail) in one transaction, as
 * who. STORE_OK, or the error (rolled back). */
enum store_err publication_set(struct store *st, const struct audit_actor *who,
			       const char *survey_id, const struct publication_set *p,
			       const char *action, const char *detail);

#endif
