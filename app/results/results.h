/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * results: structured aggregation of the responses to one survey, with no
 * SQL or HTTP inside. Responses are fed one at a time, in any order, each
 * with its stored answer rows (the same shape as table `answer`); the
 * accumulator keeps counts and the few values that quartiles need, never
 * the responses themselves, so a caller can stream a million of them.
 * results_json() then builds the one figure set that every output renders:
 * the open-data JSON as is, the CSV by flattening it (results/csv.h), and
 * the results page (web/publish.c). docs/open-data.md documents its fields.
 *
 * Methods, stated once here and in the docs:
 *  - percentages are rounded to one decimal place; "of answered" divides by
 *    the respondents who answered the question, "of respondents" by all
 *    respondents counted in the group;
 *  - medians and quartiles interpolate linearly between order statistics
 *    (R type 7, spreadsheet QUARTILE.INC); dates take the earlier of the two
 *    days when the position falls between them; a number or date question
 *    marked personal="true" (survey_question_is_personal()) gets only its
 *    answered counts, like an email question, since its lowest and highest
 *    values are one person's;
 *  - scale: "agree" is above the midpoint of min..max, "disagree" below it,
 *    shares of those who gave a number ("don't know" counted apart);
 *  - ranking: Borda count, a place r of k places earns k - r + 1 points, an
 *    unranked option none; options ordered by points, then first
 *    preferences, then survey order;
 *  - budget: lines ordered from most protected to most cut by mean change,
 *    then median change, then survey order; the residents' budget takes the
 *    median change of each line and of council tax;
 *  - groups (breakdowns) with fewer respondents than the minimum group size
 *    are suppressed, and when that leaves exactly one group of a breakdown
 *    suppressed the next smallest is suppressed too (one hidden in the
 *    previous snapshot first), so no suppressed figure can be recovered by
 *    subtraction from the total; groups hidden in the previous published
 *    snapshot stay hidden while any of them is still small;
 *  - published figures (results_json_out with perturb) put every count
 *    through cell-key perturbation (results/sdc.h, docs/privacy.md).
 *
 * Flagged responses (issue 6) are counted apart and either included in the
 * figures or, with exclude_flagged, left out.
 */
#ifndef YV_RESULTS_RESULTS_H
#define YV_RESULTS_RESULTS_H

#include <stddef.h>
#include <time.h>

#include <jansson.h>

#include "survey/survey.h"

/* One stored answer row: answer.question_id and answer.value. */
struct results_row {
	const char *qid; /* "qid", "qid.other", "qid.<option>", "qid.<service>" */
	const char *value;
};

/* One completed response and its rows. */
struct results_response {
	const char *lang;    /* "en" / "cy" */
	const char *channel; /* "web", "paper", "phone" */
	const char *day;     /* "YYYY-MM-DD" (UTC) of submission */
	int in_area;	     /* 1, 0, or -1 when not known */
	int flagged;	     /* marked suspicious (issue 6) */
	const struct results_row *rows;
	size_t nrows;
	unsigned rkey; /* record key, sdc_record_key() of its id (0..255) */
};

struct results_opts {
	unsigned min_group;  /* 0: the survey's min_group_size (10 by default) */
	int exclude_flagged; /* leave flagged responses out of the figures */
	int with_text;	     /* list the "other, please specify" texts (officers only) */
	/* Breakdowns to compute: NULL for every one the survey declares plus
	 * "in-area"; else one of a breakdown question id, "area" or "in-area". */
	const char *by;
};

struct results;

/* A fresh accumulator for s. NULL when `by` names no breakdown of s
 * (a choice question of s, "area" when s has an area map, or "in-area").
 * Out of memory aborts. s must outlive the accumulator. */
struct results *results_new(const struct survey *s, const struct results_opts *o);
/* Count one completed response. Rows of unknown questions or with values
 * the survey does not allow (an option since removed) are ignored. */
void results_add(struct results *r, const struct results_response *resp);
/* Respondents counted so far (flagged included unless excluded). */
size_t results_respondents(const struct results *r);
/* How many breakdowns the accumulator computes. */
size_t results_nbreakdowns(const struct results *r);
/* Flagged responses seen so far (counted or excluded). */
size_t results_flagged(const struct results *r);
/*
 * The figures as a JSON object (see docs/open-data.md); `now` is written as
 * generated_at. The caller owns the reference (json_decref). The
 * accumulator can take more responses afterwards (it sorts the values it
 * keeps for quartiles in place, which is why it is not const).
 */
json_t *results_json(struct results *r, time_t now);

/* How results_json_out() builds the figures. */
struct results_out {
	int perturb;	/* published: every count through sdc_perturb() with its cell key */
	int breakdowns; /* include the breakdowns (only frozen snapshots do, in public) */
	json_t *prev;	/* the "breakdowns" of the previous published snapshot, or NULL:
			 * groups hidden there stay hidden while any of them is small */
	int too_few;	/* set inside: fewer respondents than min_group, no question figures */
};
/*
 * The figures as results_json() gives them, or with out the published form:
 * perturbed counts (shares of them), the true total, no question figures
 * ("suppressed": true) when fewer than min_group responded, breakdowns only
 * when asked, and a "disclosure_control" object naming the method. out
 * NULL: exact, every breakdown (officers, `yourvoice results`).
 */
json_t *results_json_out(struct results *r, time_t now, const struct results_out *out);
void results_free(struct results *r);

/* Whether the public may see the results of s at time now: after-close
 * once closed and the results date has come, live once open, manual never
 * (until officers can publish, issue 8). */
int results_public(const struct survey *s, time_t now);

/* How many answer rows one response to s can have at most. */
size_t results_max_rows(const struct survey *s);

#endif
