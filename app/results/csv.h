/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * csv: the results as CSV, with the safe cells of core/csv.h.
 * csv_results() flattens the results JSON (results/results.h) into the
 * long table documented in docs/open-data.md: one figure per row.
 */
#ifndef YV_RESULTS_CSV_H
#define YV_RESULTS_CSV_H

#include <jansson.h>

#include "core/buf.h"

/* The header row and every figure of a results JSON object. */
void csv_results(struct buf *b, json_t *results);

#endif
