/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * csv: the flattening of the results JSON into one row per figure (see
 * csv.h and docs/open-data.md); the cells are core/csv.h's. The flattening is generic:
 * a scalar member becomes a row whose measure is its name (prefixed by the
 * names of the objects and arrays it sits in, joined by "."); an element
 * of an array of objects adds its identifier (value, id, day or
 * change_pct) to the item column, joined by "/". Labels are left out:
 * they are in the JSON, and the CSV stays one language-neutral table.
 */
#include "config.h"

#include <string.h>

#include "core/csv.h"
#include "results/csv.h"

static const char *const header[] = {"survey_id",     "breakdown", "group",   "question_id",
				     "question_type", "item",	   "measure", "value"};

struct row_ctx {
	struct buf *b;
	const char *survey, *breakdown, *group, *qid, *qtype;
};

static void row(const struct row_ctx *c, const char *item, const char *measure, json_t *v)
{
	char num[64];
	const char *cells[8];

	switch (json_typeof(v)) {
	case JSON_STRING:
		cells[7] = json_string_value(v);
		break;
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		cells[7] = num;
		break;
	case JSON_REAL:
		snprintf(num, sizeof(num), "%.10g", json_real_value(v));
		cells[7] = num;
		break;
	case JSON_TRUE:
		cells[7] = "true";
		break;
	case JSON_FALSE:
		cells[7] = "false";
		break;
	default:
		cells[7] = "";
		break;
	}
	cells[0] = c->survey;
	cells[1] = c->breakdown;
	cells[2] = c->group;
	cells[3] = c->qid;
	cells[4] = c->qtype;
	cells[5] = item;
	cells[6] = measure;
	for (int i = 0; i < 8; i++) {
		if (i > 0)
			buf_putc(c->b, ',');
		csv_cell(c->b, cells[i]);
	}
	buf_puts(c->b, "\r\n");
}

static const char *ident_of(json_t *e, const char **key, char *tmp, size_t tmplen)
{
	static const char *const keys[] = {"value", "id", "day", "change_pct"};

	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		json_t *v = json_object_get(e, keys[k]);

		if (v == NULL)
			continue;
		*key = keys[k];
		if (json_is_string(v))
			return json_string_value(v);
		if (json_is_integer(v)) {
			snprintf(tmp, tmplen, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
			return tmp;
		}
		if (json_is_real(v)) {
			snprintf(tmp, tmplen, "%.10g", json_real_value(v));
			return tmp;
		}
	}
	*key = NULL;
	return "";
}

static void flatten(const struct row_ctx *c, json_t *o, const char *item, const char *prefix,
		    const char *skip)
{
	const char *key;
	json_t *v;

	json_object_foreach(o, key, v)
	{
		char measure[256];

		if (strcmp(key, "label") == 0 || (skip != NULL && strcmp(key, skip) == 0))
			continue;
		snprintf(measure, sizeof(measure), "%s%s", prefix, key);
		if (json_is_object(v)) {
			char p2[260];

			snprintf(p2, sizeof(p2), "%s.", measure);
			flatten(c, v, item, p2, NULL);
		} else if (json_is_array(v)) {
			size_t i;
			json_t *e;

			json_array_foreach(v, i, e)
			{
				char it[256], p2[260], tmp[64];

				if (json_is_object(e)) {
					const char *ikey,
					    *id = ident_of(e, &ikey, tmp, sizeof(tmp));

					snprintf(it, sizeof(it), "%s%s%s", item, item[0] ? "/" : "",
						 id);
					snprintf(p2, sizeof(p2), "%s.", measure);
					flatten(c, e, it, p2, ikey);
				} else {
					snprintf(it, sizeof(it), "%s%s%zu", item,
						 item[0] ? "/" : "", i + 1);
					row(c, it, measure, e);
				}
			}
		} else {
			row(c, item, measure, v);
		}
	}
}

static void questions(struct row_ctx *c, json_t *qs)
{
	size_t i;
	json_t *q;

	json_array_foreach(qs, i, q)
	{
		c->qid = json_string_value(json_object_get(q, "id"));
		c->qtype = json_string_value(json_object_get(q, "type"));
		if (c->qid == NULL || c->qtype == NULL)
			continue;
		json_t *copy = json_copy(q);

		json_object_del(copy, "id");
		json_object_del(copy, "type");
		flatten(c, copy, "", "", NULL);
		json_decref(copy);
	}
	c->qid = "";
	c->qtype = "";
}

void csv_results(struct buf *b, json_t *res)
{
	struct row_ctx c = {b, "", "", "", "", ""};
	json_t *resp = json_object_get(res, "respondents"), *br, *d, *g;
	size_t i, k;

	c.survey = json_string_value(json_object_get(json_object_get(res, "survey"), "id"));
	if (c.survey == NULL)
		c.survey = "";
	for (i = 0; i < 8; i++) {
		if (i > 0)
			buf_putc(b, ',');
		buf_puts(b, header[i]);
	}
	buf_puts(b, "\r\n");
	row(&c, "", "min_group_size", json_object_get(res, "min_group_size"));
	row(&c, "", "flagged_excluded", json_object_get(res, "flagged_excluded"));
	/* the method and the snapshot the breakdowns come from (public figures) */
	if (json_is_object(json_object_get(res, "disclosure_control")))
		flatten(&c, json_object_get(res, "disclosure_control"), "", "disclosure_control.",
			NULL);
	if (json_is_object(json_object_get(res, "breakdowns_as_of")))
		flatten(&c, json_object_get(res, "breakdowns_as_of"), "", "breakdowns_as_of.",
			NULL);
	if (resp != NULL) {
		static const char *const maps[] = {"by_channel", "by_language"};
		json_t *copy = json_copy(resp);

		/* Counts keyed by channel or language: the key goes in item. */
		for (i = 0; i < 2; i++) {
			const char *key;
			json_t *v;
			char measure[64];

			snprintf(measure, sizeof(measure), "respondents.%s", maps[i]);
			json_object_foreach(json_object_get(resp, maps[i]), key, v)
			    row(&c, key, measure, v);
			json_object_del(copy, maps[i]);
		}
		flatten(&c, copy, "", "respondents.", NULL);
		json_decref(copy);
	}
	questions(&c, json_object_get(res, "questions"));
	br = json_object_get(res, "breakdowns");
	json_array_foreach(br, i, d)
	{
		c.breakdown = json_string_value(json_object_get(d, "by"));
		json_array_foreach(json_object_get(d, "groups"), k, g)
		{
			c.group = json_string_value(json_object_get(g, "id"));
			row(&c, "", "suppressed", json_object_get(g, "suppressed"));
			row(&c, "", "respondents", json_object_get(g, "respondents"));
			questions(&c, json_object_get(g, "questions"));
		}
		c.breakdown = "";
		c.group = "";
	}
}
