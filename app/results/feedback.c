/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* feedback (results): the /feedback snapshot and its schedule (feedback.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "results/feedback.h"
#include "results/summariser.h"
#include "results/themeview.h"
#include "store/feedback.h"

void feedback_suppress_stances(const long long counts[4], unsigned min_group, unsigned char sup[4])
{
	int nsup = 0, small = -1;

	for (int i = 0; i < 4; i++) {
		sup[i] = counts[i] > 0 && counts[i] < (long long)min_group;
		nsup += sup[i];
	}
	if (nsup != 1)
		return;
	for (int i = 0; i < 4; i++)
		if (!sup[i] && counts[i] > 0 && (small < 0 || counts[i] < counts[small]))
			small = i;
	if (small >= 0)
		sup[small] = 1;
}

/* One approved theme of an officer's view, as the snapshot keeps it. */
static json_t *theme_of(json_t *t, unsigned min_group)
{
	json_t *out = json_object(), *quotes = json_array(), *q, *so;
	long long count = json_integer_value(json_object_get(t, "count"));
	size_t i;

	json_object_set(out, "id", json_object_get(t, "id"));
	json_object_set(out, "label", json_object_get(t, "label"));
	json_object_set_new(out, "label_cy_fallback",
			    json_boolean(json_is_true(json_object_get(t, "label_cy_fallback"))));
	if (count < (long long)min_group) {
		json_object_set_new(out, "count", json_null());
		json_object_set_new(out, "suppressed", json_true());
		json_object_set_new(out, "stance", json_null());
	} else {
		json_object_set_new(out, "count", json_integer((json_int_t)count));
		json_object_set_new(out, "suppressed", json_false());
		so = json_object_get(t, "stance");
		if (json_is_object(so)) {
			long long c[4];
			unsigned char sup[4];
			json_t *st = json_object();

			for (int x = 0; x < 4; x++)
				c[x] = llround(json_number_value(
						   json_object_get(so, themeview_stance_name(x))) *
					       (double)count);
			feedback_suppress_stances(c, min_group, sup);
			for (int x = 0; x < 4; x++)
				json_object_set_new(st, themeview_stance_name(x),
						    sup[x] ? json_null()
							   : json_integer((json_int_t)c[x]));
			json_object_set_new(out, "stance", st);
		} else {
			json_object_set_new(out, "stance", json_null());
		}
	}
	/* exactly the quotes /r/<id> publishes now */
	json_array_foreach(json_object_get(t, "quotes"), i, q)
	{
		json_t *e;

		if (!json_is_true(json_object_get(q, "published")))
			continue;
		e = json_pack("{s:O, s:O}", "id", json_object_get(q, "id"), "text",
			      json_object_get(q, "text"));
		if (json_is_true(json_object_get(q, "truncated")))
			json_object_set_new(e, "cut", json_true());
		json_array_append_new(quotes, e);
	}
	json_object_set_new(out, "quotes", quotes);
	return out;
}

json_t *feedback_snapshot_build(struct store *st, const struct survey *s, struct arena *a)
{
	unsigned min_group = s->min_group_size ? s->min_group_size : 10;
	json_t *views = summariser_views(st, s, a, 1), *out, *qs, *v;
	size_t i;

	if (views == NULL)
		return NULL;
	out = json_object();
	qs = json_array();
	json_object_set_new(out, "survey", json_string(s->id));
	json_object_set_new(out, "min_group_size", json_integer(min_group));
	json_array_foreach(views, i, v)
	{
		json_t *q = json_object(), *themes = json_array(), *t;
		long long awaiting = 0;
		size_t j;

		json_object_set(q, "question", json_object_get(v, "question"));
		json_object_set(q, "status", json_object_get(v, "status"));
		json_object_set_new(
		    q, "answers", json_integer(json_integer_value(json_object_get(v, "answers"))));
		json_array_foreach(json_object_get(v, "themes"), j, t)
		{
			if (!json_is_true(json_object_get(t, "approved"))) {
				awaiting += json_integer_value(json_object_get(t, "count"));
				continue;
			}
			if (json_integer_value(json_object_get(t, "count")) <= 0)
				continue;
			json_array_append_new(themes, theme_of(t, min_group));
		}
		json_object_set_new(q, "awaiting_review", json_integer((json_int_t)awaiting));
		json_object_set_new(q, "themes", themes);
		json_array_append_new(qs, q);
	}
	json_decref(views);
	json_object_set_new(out, "questions", qs);
	return out;
}

int feedback_update_due(struct store *st, const struct survey *s, struct arena *a)
{
	struct feedback_page fp;
	json_t *snap;
	char *text;
	int stored = 0, rc = feedback_page_get(st, a, s->id, &fp);

	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (!fp.enabled || !fp.due || !s->standing)
		return 0;
	snap = feedback_snapshot_build(st, s, a);
	if (snap == NULL)
		return -1;
	text = json_dumps(snap, JSON_COMPACT);
	json_decref(snap);
	if (text == NULL)
		return -1;
	if (feedback_page_snapshot(st, s->id, text, &stored) != STORE_OK) {
		free(text);
		return -1;
	}
	free(text);
	if (stored)
		log_info("feedback: %s: the page's scheduled update is stored", s->id);
	return stored;
}

int feedback_pass(struct store *st, const struct survey_set *set, struct arena *a,
		  volatile sig_atomic_t *stop)
{
	const char **ids;
	size_t n;
	int done = 0, failed = 0;

	if (feedback_page_enabled(st, a, &ids, &n) != 0)
		return -1;
	for (size_t i = 0; i < n && !*stop; i++) {
		const struct survey *s = survey_set_find(set, ids[i]);
		int rc = s != NULL ? feedback_update_due(st, s, a) : 0;

		if (rc < 0)
			failed = 1;
		else
			done += rc;
	}
	return failed ? -1 : done;
}
