/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* snapshots: publication snapshots in results_snapshot (see snapshots.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/snapshots.h"

enum store_err snapshots_latest(struct store *st, const char *survey_id, struct arena *a,
				struct snapshot *out, int *found)
{
	struct store_arg qa[] = {STORE_STR(survey_id)};
	struct store_rows rs;
	enum store_err e;

	*found = 0;
	memset(out, 0, sizeof(*out));
	e = store_query(st, ST_SNAPSHOT_LATEST, qa, 1, a, 1, &rs);
	if (e != STORE_OK || rs.nrows != 1)
		return e;
	out->id = STORE_CELL(&rs, 0, 0) ? strtoull(STORE_CELL(&rs, 0, 0), NULL, 10) : 0;
	out->reason = STORE_CELL(&rs, 0, 1) ? STORE_CELL(&rs, 0, 1) : "";
	out->taken_at = strtoll(STORE_CELL(&rs, 0, 2) ? STORE_CELL(&rs, 0, 2) : "0", NULL, 10);
	out->respondents = strtoll(STORE_CELL(&rs, 0, 3) ? STORE_CELL(&rs, 0, 3) : "0", NULL, 10);
	out->figures = STORE_CELL(&rs, 0, 4) ? STORE_CELL(&rs, 0, 4) : "";
	*found = 1;
	return STORE_OK;
}

enum store_err snapshots_insert(struct store *st, const char *survey_id, const char *reason,
				time_t taken_at, long long respondents, const char *figures,
				unsigned long long *id)
{
	struct store_arg ia[] = {STORE_STR(survey_id), STORE_STR(reason),
				 STORE_INT((long long)taken_at), STORE_INT(respondents),
				 STORE_STR(figures)};

	return store_exec(st, ST_SNAPSHOT_INSERT, ia, 5, NULL, id);
}
