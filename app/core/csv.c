/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * csv: the spreadsheet-safe CSV cell (see csv.h). Uses core/buf only.
 */
#include "config.h"

#include <string.h>

#include "core/csv.h"

/* Whether s is a plain decimal number: -?digits(.digits)? */
static int plain_number(const char *s)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

void csv_cell(struct buf *b, const char *s)
{
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	int neutral = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0' && !plain_number(s);

	if (quote || neutral)
		buf_putc(b, '"');
	if (neutral)
		buf_putc(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	if (quote || neutral)
		buf_putc(b, '"');
}
