/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * csv: RFC 4180 cells (comma separated, CRLF line ends, UTF-8, quoted when
 * they hold a comma, quote or line break) that are safe to open in a
 * spreadsheet: a text cell starting with = + - @, a tab or a carriage
 * return gets a leading apostrophe, so it is never run as a formula. Cells
 * that are plain numbers ("-12.5") are written as they are.
 *
 * csv_results() flattens the results JSON (results/results.h) into the
 * long table documented in docs/open-data.md: one figure per row.
 */
#ifndef YV_RENDER_CSV_H
#define YV_RENDER_CSV_H

#include <jansson.h>

#include "core/buf.h"

/* One cell (no separator): quoted and neutralised as above. */
void csv_cell(struct buf *b, const char *s);
/* The header row and every figure of a results JSON object. */
void csv_results(struct buf *b, json_t *results);

#endif
