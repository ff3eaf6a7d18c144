/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themeview_csv: the themes views as rows of the open-data CSV (see
 * themeview.h). The only caller of the CSV cell escaper in results/, in
 * csv_row(): the include below is the one to change when it moves to
 * core/. Uses core/ (the CSV cell escaper is core/csv.h); no SQL.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/csv.h"
#include "results/themeview.h"
#include "results/themeview_int.h"

/* ---- CSV ------------------------------------------------------------------- */

static void csv_row(struct buf *b, const char *survey, const char *breakdown, const char *group,
		    const char *qid, const char *item, const char *measure, const char *value)
{
	const char *cells[8] = {survey, breakdown, group, qid, "themes", item, measure, value};

	for (int i = 0; i < 8; i++) {
		if (i > 0)
			buf_putc(b, ',');
		csv_cell(b, cells[i] ? cells[i] : "");
	}
	buf_puts(b, "\r\n");
}

static const char *num(char *tmp, size_t n, json_t *v)
{
	if (json_is_integer(v))
		snprintf(tmp, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		snprintf(tmp, n, "%.10g", json_real_value(v));
	else if (json_is_true(v))
		return "true";
	else if (json_is_string(v))
		return json_string_value(v);
	else
		tmp[0] = '\0';
	return tmp;
}

/* The rows of one theme t of question qid. */
static void theme_rows(struct buf *b, const char *sid, const char *qid, json_t *t)
{
	const char *id = json_string_value(json_object_get(t, "id"));
	json_t *p;
	struct buf phr;
	size_t j;
	char tmp[64];

	csv_row(b, sid, "", "", qid, id, "label.en",
		json_string_value(json_object_get(json_object_get(t, "label"), "en")));
	csv_row(b, sid, "", "", qid, id, "label.cy",
		json_string_value(json_object_get(json_object_get(t, "label"), "cy")));
	if (json_is_true(json_object_get(t, "label_cy_fallback")))
		csv_row(b, sid, "", "", qid, id, "label.cy_is_english", "true");
	if (json_is_object(json_object_get(t, "description"))) {
		json_t *d = json_object_get(t, "description");

		csv_row(b, sid, "", "", qid, id, "description.en",
			json_string_value(json_object_get(d, "en")));
		csv_row(b, sid, "", "", qid, id, "description.cy",
			json_string_value(json_object_get(d, "cy")));
	}
	csv_row(b, sid, "", "", qid, id, "count",
		num(tmp, sizeof(tmp), json_object_get(t, "count")));
	csv_row(b, sid, "", "", qid, id, "share",
		num(tmp, sizeof(tmp), json_object_get(t, "share")));
	for (int x = 0; x < THEMEVIEW_NSTANCES; x++) {
		json_t *v = json_object_get(json_object_get(t, "stance"), themeview_stance_name(x));
		char measure[32];

		if (v == NULL)
			continue;
		snprintf(measure, sizeof(measure), "stance.%s", themeview_stance_name(x));
		csv_row(b, sid, "", "", qid, id, measure, num(tmp, sizeof(tmp), v));
	}
	buf_init(&phr, 4096);
	json_array_foreach(json_object_get(t, "phrases"), j, p) buf_printf(
	    &phr, "%s%s", j ? "; " : "", json_string_value(p) ? json_string_value(p) : "");
	csv_row(b, sid, "", "", qid, id, "phrases", buf_cstr(&phr));
	buf_release(&phr);
	json_array_foreach(json_object_get(t, "quotes"), j, p)
	{
		char item[64];

		if (json_is_true(json_object_get(p, "hidden")))
			continue;
		snprintf(item, sizeof(item), "%s/%zu", id, j + 1);
		csv_row(b, sid, "", "", qid, item, "quote",
			json_string_value(json_object_get(p, "text")));
	}
}

void themeview_csv(struct buf *b, const char *sid, json_t *themes)
{
	size_t i, k, j;
	json_t *q, *t, *ar, *e;
	char tmp[64];

	json_array_foreach(themes, i, q)
	{
		const char *qid = json_string_value(json_object_get(q, "question"));

		csv_row(b, sid, "", "", qid, "", "status",
			json_string_value(json_object_get(q, "status")));
		if (json_object_get(q, "answers"))
			csv_row(b, sid, "", "", qid, "", "answers",
				num(tmp, sizeof(tmp), json_object_get(q, "answers")));
		if (json_object_get(q, "computed_at"))
			csv_row(b, sid, "", "", qid, "", "computed_at",
				json_string_value(json_object_get(q, "computed_at")));
		if (json_object_get(q, "unthemed"))
			csv_row(b, sid, "", "", qid, "", "unthemed",
				num(tmp, sizeof(tmp), json_object_get(q, "unthemed")));
		if (json_object_get(q, "other")) {
			json_t *o = json_object_get(q, "other");

			csv_row(b, sid, "", "", qid, "other", "count",
				num(tmp, sizeof(tmp), json_object_get(o, "count")));
			csv_row(b, sid, "", "", qid, "other", "share",
				num(tmp, sizeof(tmp), json_object_get(o, "share")));
			json_array_foreach(json_object_get(o, "quotes"), j, e)
			{
				char item[32];

				if (json_is_true(json_object_get(e, "hidden")))
					continue;
				snprintf(item, sizeof(item), "other/%zu", j + 1);
				csv_row(b, sid, "", "", qid, item, "quote",
					json_string_value(json_object_get(e, "text")));
			}
		}
		if (json_object_get(q, "awaiting_review")) {
			json_t *o = json_object_get(q, "awaiting_review");

			csv_row(b, sid, "", "", qid, "", "awaiting_review.themes",
				num(tmp, sizeof(tmp), json_object_get(o, "themes")));
			csv_row(b, sid, "", "", qid, "", "awaiting_review.count",
				num(tmp, sizeof(tmp), json_object_get(o, "count")));
			csv_row(b, sid, "", "", qid, "", "awaiting_review.share",
				num(tmp, sizeof(tmp), json_object_get(o, "share")));
			csv_row(b, sid, "", "", qid, "", "reviewed",
				json_is_true(json_object_get(q, "reviewed")) ? "true" : "false");
		}
		json_array_foreach(json_object_get(q, "themes"), k, t) theme_rows(b, sid, qid, t);
		json_array_foreach(json_object_get(q, "by_area"), k, ar)
		{
			const char *area = json_string_value(json_object_get(ar, "area"));

			if (json_is_true(json_object_get(ar, "suppressed"))) {
				csv_row(b, sid, "area", area, qid, "", "suppressed", "true");
				continue;
			}
			csv_row(b, sid, "area", area, qid, "", "answers",
				num(tmp, sizeof(tmp), json_object_get(ar, "responses")));
			json_array_foreach(json_object_get(ar, "themes"), j, e)
			{
				const char *id = json_string_value(json_object_get(e, "id"));

				csv_row(b, sid, "area", area, qid, id, "count",
					num(tmp, sizeof(tmp), json_object_get(e, "count")));
				csv_row(b, sid, "area", area, qid, id, "share",
					num(tmp, sizeof(tmp), json_object_get(e, "share")));
			}
		}
	}
}
