/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * exports: the batched reads of an officers' export (see exports.h). Owns
 * the column order of ST_EXPORT_RESPONSES and ST_EXPORT_ANSWERS; uses
 * store/ only.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/exports.h"

static enum store_err responses_read(struct store *st, struct arena *a, const char *survey_id,
				     long long after_id, size_t max, struct exports_batch *out)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_INT(after_id),
				   STORE_INT((long long)max)};
	struct store_rows r;
	enum store_err e = store_query(st, ST_EXPORT_RESPONSES, args, 3, a, max, &r);

	if (e != STORE_OK)
		return e;
	out->responses = arena_calloc(a, r.nrows + 1, sizeof(*out->responses));
	if (out->responses == NULL)
		return STORE_ERROR;
	for (size_t i = 0; i < r.nrows; i++) {
		struct exports_response *x = &out->responses[i];
		const char *in_area = STORE_CELL(&r, i, 6);

		x->id = strtoll(STORE_CELL(&r, i, 0), NULL, 10);
		x->submitted_at = STORE_CELL(&r, i, 1);
		x->channel = STORE_CELL(&r, i, 2);
		x->lang = STORE_CELL(&r, i, 3);
		x->country = STORE_CELL(&r, i, 4);
		x->region = STORE_CELL(&r, i, 5);
		x->in_area = in_area == NULL ? -1 : strcmp(in_area, "0") != 0;
		x->flagged = strcmp(STORE_CELL(&r, i, 7), "0") != 0;
		x->flag_reason = STORE_CELL(&r, i, 8);
	}
	out->fetched = r.nrows;
	return STORE_OK;
}

static enum store_err answers_read(struct store *st, struct arena *a, const char *survey_id,
				   long long from, long long to, size_t max,
				   struct exports_batch *out)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_INT(from), STORE_INT(to),
				   STORE_INT((long long)max)};
	struct store_rows r;
	enum store_err e = store_query(st, ST_EXPORT_ANSWERS, args, 4, a, max, &r);

	if (e != STORE_OK)
		return e;
	out->answers = arena_calloc(a, r.nrows + 1, sizeof(*out->answers));
	if (out->answers == NULL)
		return STORE_ERROR;
	for (size_t i = 0; i < r.nrows; i++) {
		out->answers[i].response_id = strtoll(STORE_CELL(&r, i, 0), NULL, 10);
		out->answers[i].question_id = STORE_CELL(&r, i, 1);
		out->answers[i].value = STORE_CELL(&r, i, 2);
		out->answers[i].hidden = strcmp(STORE_CELL(&r, i, 3), "0") != 0;
	}
	out->nanswers = r.nrows;
	return STORE_OK;
}

enum store_err exports_batch_read(struct store *st, struct arena *a, const char *survey_id,
				  long long after_id, size_t max_responses, size_t max_answers,
				  struct exports_batch *out)
{
	enum store_err e;
	long long cut;
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	e = responses_read(st, a, survey_id, after_id, max_responses, out);
	if (e != STORE_OK || out->fetched == 0)
		return e;
	e = answers_read(st, a, survey_id, out->responses[0].id,
			 out->responses[out->fetched - 1].id, max_answers, out);
	if (e != STORE_OK)
		return e;
	/* At the answers' limit, the answers of the last response read may be
	 * cut short: only the responses before it are complete. */
	if (out->nanswers < max_answers || out->nanswers == 0) {
		out->nresponses = out->fetched;
		return STORE_OK;
	}
	cut = out->answers[out->nanswers - 1].response_id;
	while (n < out->fetched && out->responses[n].id < cut)
		n++;
	out->nresponses = n;
	return STORE_OK;
}
