/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * answers_read: the results feed's reads of response and answer (see
 * answers_read.h). Each batch is two range queries: the responses after
 * the last id, then the answers of that id range ordered by response id.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/answers_read.h"

static unsigned long long parse_id(const char *s)
{
	return s ? strtoull(s, NULL, 10) : 0;
}

size_t answers_batch_complete(const struct store_rows *rs, const struct store_rows *as,
			      size_t limit)
{
	unsigned long long cut;
	size_t n = 0;

	if (as->nrows < limit || as->nrows == 0)
		return rs->nrows;
	cut = parse_id(STORE_CELL(as, as->nrows - 1, 0));
	while (n < rs->nrows && parse_id(STORE_CELL(rs, n, 0)) < cut)
		n++;
	return n;
}

/* The rows of ST_RESULTS_RESPONSES and ST_RESULTS_ANSWERS as structs. */
static int fill(struct arena *a, const struct store_rows *rs, size_t nresp,
		const struct store_rows *as, struct answers_batch *out)
{
	out->resp = arena_calloc(a, nresp + 1, sizeof(*out->resp));
	out->rows = arena_calloc(a, as->nrows + 1, sizeof(*out->rows));
	if (out->resp == NULL || out->rows == NULL)
		return -1;
	for (size_t i = 0; i < nresp; i++) {
		struct answers_response *r = &out->resp[i];
		const char *in_area = STORE_CELL(rs, i, 4), *flagged = STORE_CELL(rs, i, 5);

		r->id_text = STORE_CELL(rs, i, 0);
		r->id = parse_id(r->id_text);
		r->lang = STORE_CELL(rs, i, 1);
		r->channel = STORE_CELL(rs, i, 2);
		r->day = STORE_CELL(rs, i, 3);
		r->in_area = (int)strtol(in_area ? in_area : "-1", NULL, 10);
		r->flagged = flagged != NULL && strcmp(flagged, "0") != 0;
	}
	for (size_t k = 0; k < as->nrows; k++) {
		out->rows[k].response_id = parse_id(STORE_CELL(as, k, 0));
		out->rows[k].qid = STORE_CELL(as, k, 1);
		out->rows[k].value = STORE_CELL(as, k, 2);
	}
	out->nresp = nresp;
	out->nrows = as->nrows;
	return 0;
}

enum store_err answers_read_batch(struct store *st, const char *survey_id, unsigned long long after,
				  size_t batch, size_t max_rows, struct arena *a,
				  struct answers_batch *out)
{
	struct store_arg qa[] = {STORE_STR(survey_id), STORE_INT((long long)after),
				 STORE_INT((long long)batch)};
	struct store_rows rs, as;
	enum store_err e;
	size_t complete;

	memset(out, 0, sizeof(*out));
	e = store_query(st, ST_RESULTS_RESPONSES, qa, 3, a, batch, &rs);
	if (e != STORE_OK || rs.nrows == 0)
		return e;
	{
		struct store_arg aa[] = {
		    STORE_STR(survey_id), STORE_INT((long long)parse_id(STORE_CELL(&rs, 0, 0))),
		    STORE_INT((long long)parse_id(STORE_CELL(&rs, rs.nrows - 1, 0))),
		    STORE_INT((long long)max_rows)};

		e = store_query(st, ST_RESULTS_ANSWERS, aa, 4, a, max_rows, &as);
		if (e != STORE_OK)
			return e;
	}
	complete = answers_batch_complete(&rs, &as, max_rows);
	if (complete == 0) {
		complete = 1;
		out->cut = 1;
	}
	if (fill(a, &rs, complete, &as, out) != 0) {
		log_error("store: %s: a batch of %zu responses does not fit in memory", survey_id,
			  rs.nrows);
		return STORE_ERROR;
	}
	out->fetched = rs.nrows;
	return STORE_OK;
}

enum store_err answers_count_upto(struct store *st, const char *survey_id,
				  unsigned long long last_id, long long *count, long long *flagged)
{
	struct store_arg qa[] = {STORE_STR(survey_id), STORE_INT((long long)last_id)};
	struct store_rows rs;
	struct arena a;
	enum store_err e;

	arena_init(&a, 0);
	e = store_query(st, ST_RESULTS_COUNT_UPTO, qa, 2, &a, 1, &rs);
	if (e == STORE_OK && rs.nrows == 1) {
		*count = strtoll(STORE_CELL(&rs, 0, 0) ? STORE_CELL(&rs, 0, 0) : "0", NULL, 10);
		*flagged = strtoll(STORE_CELL(&rs, 0, 1) ? STORE_CELL(&rs, 0, 1) : "0", NULL, 10);
	} else if (e == STORE_OK) {
		e = STORE_ERROR;
	}
	arena_release(&a);
	return e;
}
