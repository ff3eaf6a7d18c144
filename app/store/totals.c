/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * totals: reads and writes of tables results_total and results_total_event
 * (see totals.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/totals.h"

#define TOTALS_MAX_ROWS 10000

enum store_err totals_read(struct store *st, const char *survey_id, int lock, size_t max_events,
			   struct arena *a, struct totals_read *out)
{
	struct store_arg q[] = {STORE_STR(survey_id)};
	struct store_rows r;
	enum store_err e;

	memset(out, 0, sizeof(*out));
	e = store_query(st, lock ? ST_TOTALS_LOCK : ST_TOTALS_GET, q, 1, a, 1, &r);
	/* The row made first when missing: locking it then waits for any
	 * other folder (an existing row is never shared-locked first, which
	 * two folders upgrading at once would deadlock on). */
	if (e == STORE_OK && lock && r.nrows == 0) {
		e = store_exec(st, ST_TOTALS_ENSURE, q, 1, NULL, NULL);
		if (e == STORE_OK)
			e = store_query(st, ST_TOTALS_LOCK, q, 1, a, 1, &r);
	}
	if (e != STORE_OK)
		return e;
	if (r.nrows == 1) {
		out->found = 1;
		out->fingerprint = store_cell_str(&r, 0, 0);
		out->cells = store_cell_str(&r, 0, 1);
		out->fcells = store_cell_str(&r, 0, 2);
	}
	{
		struct store_arg eq[] = {STORE_STR(survey_id), STORE_INT((long long)max_events)};

		e = store_query(st, ST_TOTALS_EVENTS, eq, 2, a, max_events, &r);
	}
	if (e != STORE_OK)
		return e;
	out->ev = arena_calloc(a, r.nrows + 1, sizeof(*out->ev));
	if (out->ev == NULL)
		return STORE_ERROR;
	for (size_t i = 0; i < r.nrows; i++) {
		struct totals_event *v = &out->ev[i];

		v->id = (unsigned long long)store_cell_ll(&r, i, 0);
		v->fingerprint = store_cell_str(&r, i, 1);
		v->flagged = store_cell_ll(&r, i, 2) != 0;
		v->sign = store_cell_ll(&r, i, 3) < 0 ? -1 : 1;
		v->cells = store_cell_str(&r, i, 4);
	}
	out->nev = r.nrows;
	return STORE_OK;
}

enum store_err totals_write(struct store *st, const char *survey_id, const char *fingerprint,
			    const char *cells, const char *fcells)
{
	struct store_arg q[] = {STORE_STR(fingerprint), STORE_STR(cells), STORE_STR(fcells),
				STORE_STR(survey_id)};

	return store_exec(st, ST_TOTALS_SET, q, 4, NULL, NULL);
}

enum store_err totals_event_delete(struct store *st, unsigned long long id)
{
	struct store_arg q[] = {STORE_INT((long long)id)};

	return store_exec(st, ST_TOTALS_EVENT_DELETE, q, 1, NULL, NULL);
}

enum store_err totals_queue(struct store *st, long long id, int sign,
			    const struct answers_row *rows, size_t nrows)
{
	struct store_arg q[] = {STORE_INT(id)};
	struct answers_response resp;
	char fp[TOTALS_FP_MAX + 1] = TOTALS_FP_UNKNOWN;
	const char *survey_id;
	char *cells = NULL;
	struct store_rows r;
	struct arena a;
	enum store_err e;

	if (st->totals != NULL && st->totals->off)
		return STORE_OK;
	arena_init(&a, 0);
	e = store_query(st, ST_TOTALS_RESPONSE, q, 1, &a, 1, &r);
	if (e == STORE_OK && (r.nrows != 1 || strcmp(store_cell_str(&r, 0, 2), "complete") != 0))
		e = STORE_NOT_FOUND;
	if (e != STORE_OK)
		goto out;
	memset(&resp, 0, sizeof(resp));
	resp.id_text = store_cell_str(&r, 0, 0);
	resp.id = (unsigned long long)store_cell_ll(&r, 0, 0);
	survey_id = store_cell_str(&r, 0, 1);
	resp.lang = store_cell_str(&r, 0, 3);
	resp.channel = store_cell_str(&r, 0, 4);
	resp.day = store_cell_str(&r, 0, 5);
	resp.in_area = (int)store_cell_ll(&r, 0, 6);
	resp.flagged = store_cell_ll(&r, 0, 7) != 0;
	if (rows == NULL) {
		struct store_rows as;

		e = store_query(st, ST_ANSWERS_OF_RESPONSE, q, 1, &a, TOTALS_MAX_ROWS, &as);
		if (e != STORE_OK)
			goto out;
		if (as.nrows > 0) {
			struct answers_row *v = arena_calloc(&a, as.nrows, sizeof(*v));

			if (v == NULL) {
				e = STORE_ERROR;
				goto out;
			}
			for (size_t i = 0; i < as.nrows; i++) {
				v[i].response_id = resp.id;
				v[i].qid = store_cell_str(&as, i, 0);
				v[i].value = STORE_CELL(&as, i, 2);
			}
			rows = v;
		}
		nrows = as.nrows;
	}
	if (st->totals != NULL)
		cells = st->totals->cells(st->totals->ctx, survey_id, &resp, rows, nrows, fp);
	if (cells == NULL)
		snprintf(fp, sizeof(fp), "%s", TOTALS_FP_UNKNOWN);
	{
		struct store_arg ins[] = {STORE_STR(survey_id), STORE_STR(fp),
					  STORE_INT(resp.flagged), STORE_INT(sign < 0 ? -1 : 1),
					  STORE_STR(cells ? cells : "")};

		e = store_exec(st, ST_TOTALS_EVENT_INSERT, ins, 5, NULL, NULL);
	}
	free(cells);
out:
	arena_release(&a);
	return e;
}
