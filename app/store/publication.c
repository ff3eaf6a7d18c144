/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * publication: see publication.h. The only place that knows the columns
 * of survey_publication's statements.
 */
#include "config.h"

#include <string.h>

#include "store/publication.h"
#include "store/stmt.h"

int publication_get(struct store *st, struct arena *a, const char *survey_id,
		    struct publication_row *out)
{
	struct store_arg q[] = {STORE_STR(survey_id)};
	struct store_rows r;

	memset(out, 0, sizeof(*out));
	if (store_query(st, ST_PUBLICATION_GET, q, 1, a, 1, &r) != STORE_OK)
		return -1;
	if (r.nrows != 1)
		return 0;
	out->exists = 1;
	/* NULL: the officers wrote texts but follow the survey file's rule. */
	out->decided = STORE_CELL(&r, 0, 0) != NULL;
	out->published = out->decided && strcmp(STORE_CELL(&r, 0, 0), "0") != 0;
	out->ysw_en = STORE_CELL(&r, 0, 1) && STORE_CELL(&r, 0, 1)[0] ? STORE_CELL(&r, 0, 1) : NULL;
	out->ysw_cy = STORE_CELL(&r, 0, 2) && STORE_CELL(&r, 0, 2)[0] ? STORE_CELL(&r, 0, 2) : NULL;
	out->exclude_flagged =
	    STORE_CELL(&r, 0, 3) != NULL && strcmp(STORE_CELL(&r, 0, 3), "0") != 0;
	return 0;
}

enum store_err publication_set(struct store *st, const struct audit_actor *who,
			       const char *survey_id, const struct publication_set *p,
			       const char *action, const char *detail)
{
	struct store_arg a[] = {STORE_STR(survey_id),
				p->published < 0 ? STORE_NULL : STORE_INT(p->published),
				p->ysw_en && p->ysw_en[0] ? STORE_STR(p->ysw_en) : STORE_NULL,
				p->ysw_cy && p->ysw_cy[0] ? STORE_STR(p->ysw_cy) : STORE_NULL,
				STORE_INT(p->exclude_flagged),
				STORE_STR(who->username)};

	/* the figures' cache is keyed by exclude_flagged too: no recount needed */
	return audit_decide(st, who, survey_id, ST_PUBLICATION_SET, a, 6, 0, action, detail);
}
