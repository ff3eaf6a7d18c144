/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * series_csv: /t/<series>.csv, the figures of /t/<series> as rows a
 * spreadsheet reads: one per tracked question and wave (empty figures
 * where the wave has none), shares as fractions with their 95 % Wilson
 * interval. Cells through core/csv. Private to series.c's family.
 */
#include "config.h"

#include <stdio.h>

#include "core/csv.h"
#include "web/series_int.h"

static void csv_num(struct buf *b, const char *fmt, double v)
{
	char s[32];

	buf_putc(b, ',');
	snprintf(s, sizeof(s), fmt, v);
	csv_cell(b, s);
}

void series_csv(struct buf *b, const struct series *sr, enum yv_lang l)
{
	buf_puts(b, "series,question_id,question,figure,wave,survey_id,base,positive,value,"
		    "ci95_low,ci95_high\r\n");
	for (size_t k = 0; k < sr->nt; k++) {
		const struct tracked *t = &sr->t[k];

		for (size_t v = 0; v < sr->nw; v++) {
			const struct series_point *p = &t->pts[v];

			csv_cell(b, sr->id);
			buf_putc(b, ',');
			csv_cell(b, t->qid);
			buf_putc(b, ',');
			csv_cell(b, survey_text_get(&t->q->label, l));
			buf_puts(b, t->kind == SERIES_SHARE ? ",share," : ",mean,");
			csv_cell(b, sr->w[v].s->series_wave);
			buf_putc(b, ',');
			csv_cell(b, sr->w[v].s->id);
			if (p->kind == SERIES_NONE) {
				buf_puts(b, ",,,,,\r\n");
				continue;
			}
			buf_printf(b, ",%lld,", p->n);
			if (p->kind == SERIES_SHARE)
				buf_printf(b, "%lld", p->k);
			csv_num(b, "%.6f", p->value);
			if (p->kind == SERIES_SHARE || p->has_ci) {
				csv_num(b, "%.6f", p->lo);
				csv_num(b, "%.6f", p->hi);
			} else {
				buf_puts(b, ",,");
			}
			buf_puts(b, "\r\n");
		}
	}
}
