/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * csv: RFC 4180 cells (comma separated, CRLF line ends, UTF-8, quoted when
 * they hold a comma, quote or line break) that are safe to open in a
 * spreadsheet: a text cell starting with = + - @, a tab or a carriage
 * return gets a leading apostrophe, so it is never run as a formula. Cells
 * that are plain numbers ("-12.5") are written as they are.
 * Every CSV the program writes (open data, exports) uses this one cell
 * writer. Uses core/buf only.
 */
#ifndef YV_CORE_CSV_H
#define YV_CORE_CSV_H

#include "core/buf.h"

/* One cell (no separator): quoted and neutralised as above. */
void csv_cell(struct buf *b, const char *s);

#endif
