/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * channels_csv: /admin/channels.csv, the figures of /admin/channels as
 * rows a spreadsheet reads: one row per consultation, month and channel
 * with any response, its count, the cost per contact and the cost, and
 * what the same responses would have cost face to face and by phone
 * (amounts in pounds with two decimals; empty when the configuration sets
 * no cost). Cells through core/csv. Private to channels.c's family.
 */
#include "config.h"

#include "core/csv.h"
#include "web/channels_int.h"

static void money_cell(struct buf *b, int has, long long pence)
{
	char m[32];

	buf_putc(b, ',');
	if (!has)
		return;
	ch_pounds_plain(m, pence);
	csv_cell(b, m);
}

void channels_csv(struct buf *b, const struct settings *cfg, const struct ch_survey *v, size_t n,
		  enum yv_lang lang)
{
	buf_puts(b, "survey_id,survey_title,month,channel,responses,cost_per_contact,cost,"
		    "cost_if_face_to_face,cost_if_phone\r\n");
	for (size_t i = 0; i < n; i++)
		for (size_t m = 0; m < v[i].nmonths; m++)
			for (int c = 0; c < CH__COUNT; c++) {
				long long k = v[i].months[m].n[c];
				int p = ch_cost(cfg, c);

				if (k == 0)
					continue;
				csv_cell(b, v[i].s->id);
				buf_putc(b, ',');
				csv_cell(b, survey_text_get(&v[i].s->title, lang));
				buf_putc(b, ',');
				csv_cell(b, v[i].months[m].month);
				buf_putc(b, ',');
				csv_cell(b, ch_name(c));
				buf_printf(b, ",%lld", k);
				money_cell(b, p >= 0, p);
				money_cell(b, p >= 0, k * p);
				money_cell(b, cfg->cost_face_to_face >= 0,
					   k * cfg->cost_face_to_face);
				money_cell(b, cfg->cost_phone >= 0, k * cfg->cost_phone);
				buf_puts(b, "\r\n");
			}
}
