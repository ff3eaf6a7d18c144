/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * exports: what an officers' export of individual responses reads (tables
 * response, answer and answer_moderation), a batch at a time so that a
 * survey of any size streams in bounded memory (web/export.c). No receipt
 * codes. Uses store/ only; knows nothing of HTTP or of the file formats.
 */
#ifndef YV_STORE_EXPORTS_H
#define YV_STORE_EXPORTS_H

#include <stddef.h>

#include "store/store.h"

/* A completed response as exported. Strings live in the batch's arena. */
struct exports_response {
	long long id;
	const char *submitted_at; /* "YYYY-MM-DDTHH:MM:SSZ" */
	const char *channel, *lang;
	const char *country, *region; /* NULL when not known */
	int in_area;		      /* 1 yes, 0 no, -1 not known */
	int flagged;
	const char *flag_reason; /* NULL when none */
};

/* One stored answer (a value of a field; several for a multiple choice). */
struct exports_answer {
	long long response_id;
	const char *question_id, *value;
	int hidden; /* hidden from publication by an officer */
};

/*
 * One batch: the completed responses of a survey after a response id, in id
 * order, and their answers, in (response, question, ord) order. When the
 * answers of the last responses read did not all fit under the answers'
 * limit, those responses are left out of nresponses (read again in the next
 * batch); nresponses is 0 while fetched is not when even the first
 * response has more answers than the limit.
 */
struct exports_batch {
	struct exports_response *responses;
	size_t nresponses; /* complete with every answer */
	size_t fetched;	   /* responses read (responses[] holds them all) */
	struct exports_answer *answers;
	size_t nanswers;
};

/* Read the batch after response after_id of survey_id: at most max_responses
 * responses and max_answers answers, into out (arena a, reset by the caller
 * between batches). STORE_OK (fetched 0: nothing more) or the error. */
enum store_err exports_batch_read(struct store *st, struct arena *a, const char *survey_id,
				  long long after_id, size_t max_responses, size_t max_answers,
				  struct exports_batch *out);

#endif
