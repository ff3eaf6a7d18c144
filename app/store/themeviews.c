/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* themeviews: stored themes views and their version (see themeviews.h). */
#include "config.h"

#include <string.h>

#include "store/themeviews.h"

enum store_err themeviews_bump(struct store *st, const char *survey_id)
{
	struct store_arg a[] = {STORE_STR(survey_id)};

	return store_exec(st, ST_THEMEVIEW_BUMP, a, 1, NULL, NULL);
}

enum store_err themeviews_version(struct store *st, struct arena *a, const char *survey_id,
				  long long *version)
{
	struct store_arg args[] = {STORE_STR(survey_id)};
	struct store_rows r;
	enum store_err e = store_query(st, ST_THEMEVIEW_VERSION, args, 1, a, 1, &r);

	*version = 0;
	if (e == STORE_OK && r.nrows == 1)
		*version = store_cell_ll(&r, 0, 0);
	return e;
}

enum store_err themeviews_get(struct store *st, struct arena *a, const char *survey_id,
			      const char *qid, int officer, const char **source, const char **view)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_STR(qid),
				   STORE_INT(officer ? 1 : 0)};
	struct store_rows r;
	enum store_err e = store_query(st, ST_THEMEVIEW_GET, args, 3, a, 1, &r);

	*source = *view = NULL;
	if (e == STORE_OK && r.nrows == 1 && STORE_CELL(&r, 0, 0) != NULL &&
	    STORE_CELL(&r, 0, 1) != NULL) {
		*source = STORE_CELL(&r, 0, 0);
		*view = STORE_CELL(&r, 0, 1);
	}
	return e;
}

enum store_err themeviews_put(struct store *st, const char *survey_id, const char *qid, int officer,
			      const char *source, const char *view)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_STR(qid), STORE_INT(officer ? 1 : 0),
				   STORE_STR(source), STORE_STR(view)};

	return store_exec(st, ST_THEMEVIEW_PUT, args, 5, NULL, NULL);
}
