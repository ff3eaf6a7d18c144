/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * answers_read: what the results feed reads of tables response and answer
 * (results/feed.c): the completed responses of one survey in id order, a
 * batch at a time after the last id seen, each with its answer rows, and
 * the count of responses up to an id that tells a cached accumulator
 * whether it still holds. Reads only; the writes of a resident's journey
 * are store/responses.h.
 */
#ifndef YV_STORE_ANSWERS_READ_H
#define YV_STORE_ANSWERS_READ_H

#include <stddef.h>

#include "core/arena.h"
#include "store/store.h"

/* One completed response. Strings live in the batch's arena. */
struct answers_response {
	unsigned long long id;
	const char *id_text; /* the id in decimal, as stored */
	const char *lang;    /* "en" / "cy" */
	const char *channel;
	const char *day; /* submission day, YYYY-MM-DD (UTC) */
	int in_area;	 /* 1 inside the council's area, 0 outside, -1 unknown */
	int flagged;
};

/* One answer row: answer.question_id and answer.value. */
struct answers_row {
	unsigned long long response_id;
	const char *qid;
	const char *value;
};

/*
 * A batch: responses in ascending id order, and the answer rows of those
 * responses in ascending response id order (rows of responses not in the
 * batch, withdrawn meanwhile, may appear and are to be skipped).
 */
struct answers_batch {
	struct answers_response *resp;
	size_t nresp;
	struct answers_row *rows;
	size_t nrows;
	size_t fetched; /* responses read, of which nresp came with all their rows */
	int cut;	/* the first response had more than max_rows rows: counted in part */
};

/*
 * Read up to `batch` completed responses of survey_id with an id above
 * `after`, and their answer rows (at most max_rows), into the arena a.
 * Only the responses whose rows all came are kept (nresp <= fetched), so
 * the next batch starts after the last of them; when even the first is
 * cut, it is kept with the rows that came and `cut` is set. nresp 0: no
 * more responses. STORE_OK or the store error.
 */
enum store_err answers_read_batch(struct store *st, const char *survey_id, unsigned long long after,
				  size_t batch, size_t max_rows, struct arena *a,
				  struct answers_batch *out);

/* How many completed responses of survey_id have an id up to last_id, and
 * how many of those are flagged. */
enum store_err answers_count_upto(struct store *st, const char *survey_id,
				  unsigned long long last_id, long long *count, long long *flagged);

/*
 * For the store files that read responses and answers in batches (this
 * one, and officers' exports): responses (ids in column 0 of rs,
 * ascending) and their answers (response id in column 0 of as, ascending)
 * read with LIMIT limit: how many leading responses have all their answers
 * in as. All of them when as is not full; else those before the last
 * answer's response, which may be cut (answers of responses to an
 * earlier, longer version of the survey can fill the limit). 0 when even
 * the first may be cut.
 */
size_t answers_batch_complete(const struct store_rows *rs, const struct store_rows *as,
			      size_t limit);

#endif
