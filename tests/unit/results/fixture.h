/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The data set of the results unit tests (test_results.c, test_totals.c),
 * for the fixture survey tests/fixtures/results/results-all.xml: one
 * description of the six responses, so that the recount and the stored
 * totals are tested on exactly the same answers.
 */
#ifndef YV_TESTS_RESULTS_FIXTURE_H
#define YV_TESTS_RESULTS_FIXTURE_H

#include <stddef.h>

#include "results/results.h"

/* A response written as "qid=value" strings, NULL-terminated. */
struct fixture {
	const char *lang, *channel, *day;
	int in_area, flagged;
	const char *rows[16];
};

#define FIXTURE_MAIN_N 6

/*
 * R1 car; library+parks; trust 5; a first, b second; 2 people; 2025-01-10;
 *    young; SY16 (north); budget x -10 y 0 tax 0 -> saves £1000: met, cuts only
 * R2 car; parks; trust 4; b, a; 4 people; 2025-01-20; young; SY17 (south);
 *    x -5 y -10 tax 1 -> £500 + £500 + £100: met, cuts and tax
 * R3 bus; don't know; a, c; 1 person; old; SY16 (north); x 0 y 0 tax 2 -> £200: not met
 * R4 other "bike"; trust 2; c, b; 10 people; 2025-03-01; old; no postcode;
 *    x -20 y +10 tax 0 -> £2000 - £500: met, cuts only
 * R5 trust 3; 3 people; young; x +5 y -5 tax 0 -> -£500 + £250: not met
 * R6 nothing answered
 */
extern const struct fixture main_set[FIXTURE_MAIN_N];

/* Fixture f as the accumulator takes it: its rows in rows[] (names kept in
 * names[]), with record key rkey. */
void fixture_response(const struct fixture *f, unsigned rkey, struct results_response *resp,
		      struct results_row rows[16], char names[16][64]);

#endif
