/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * set: the surveys of a directory, loaded with one parse of the schema and
 * kept sorted by id for lookup.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "survey/load_int.h"

struct survey_set {
	struct survey **v;
	size_t n;
};

static int cmp_survey(const void *a, const void *b)
{
	const struct survey *x = *(const struct survey *const *)a,
			    *y = *(const struct survey *const *)b;

	return strcmp(x->id, y->id);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Two surveys that claim the same wave of a series: 1 after naming each
 * pair (a series' figures would mix two consultations under one wave). */
static int series_clash(const struct survey_set *set, struct survey_diags *d)
{
	int clash = 0;

	for (size_t i = 0; i < set->n; i++)
		for (size_t j = 0; j < i; j++) {
			const struct survey *a = set->v[j], *b = set->v[i];

			if (a->series_id == NULL || b->series_id == NULL ||
			    strcmp(a->series_id, b->series_id) != 0 ||
			    strcmp(a->series_wave, b->series_wave) != 0)
				continue;
			survey_diags_add(d, b->path, b->series_line, b->series_col,
					 "series '%s' wave '%s' is also the wave of %s (%s): each "
					 "wave of a series is one survey",
					 b->series_id, b->series_wave, a->id, a->path);
			clash = 1;
		}
	return clash;
}

int survey_set_load_dir(const char *dir, struct survey_set **out, struct survey_diags *d)
{
	DIR *dh = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t nn = 0, cap = 0;
	struct survey_set *set;
	xmlRelaxNGPtr rng;
	int bad = 0;

	*out = NULL;
	if (dh == NULL) {
		survey_diags_add(d, dir, 0, 0, "cannot open directory: %s", strerror(errno));
		return -1;
	}
	while ((e = readdir(dh)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0 || e->d_name[0] == '.')
			continue;
		if (nn == cap) {
			char **v;

			cap = cap ? cap * 2 : 16;
			v = xreallocarray(names, cap, sizeof(*names));
			names = v;
		}
		names[nn++] = xstrdup(e->d_name);
	}
	closedir(dh);
	qsort(names, nn, sizeof(*names), cmp_str);
	set = xcalloc(1, sizeof(*set));
	if (nn)
		set->v = xcalloc(nn, sizeof(*set->v));
	rng = load_schema(d);
	if (rng == NULL)
		bad = 1;
	for (size_t i = 0; i < nn && rng != NULL; i++) {
		size_t plen = strlen(dir) + 1 + strlen(names[i]) + 1;
		char *path = xmalloc(plen);
		struct survey *s;

		snprintf(path, plen, "%s/%s", dir, names[i]);
		if (load_with(path, rng, &s, d) < 0)
			bad = 1;
		else
			set->v[set->n++] = s;
		free(path);
	}
	if (rng != NULL)
		xmlRelaxNGFree(rng);
	for (size_t i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	qsort(set->v, set->n, sizeof(*set->v), cmp_survey);
	if (series_clash(set, d))
		bad = 1;
	if (bad) {
		survey_set_free(set);
		return -1;
	}
	*out = set;
	return 0;
}

int survey_set_load_memory(const struct survey_src *v, size_t n, struct survey_set **out,
			   struct survey_diags *d)
{
	struct survey_set *set = xcalloc(1, sizeof(*set));
	xmlRelaxNGPtr rng = load_schema(d);
	int bad = rng == NULL;

	*out = NULL;
	if (n)
		set->v = xcalloc(n, sizeof(*set->v));
	for (size_t i = 0; i < n && rng != NULL; i++) {
		struct survey *s;

		if (load_bytes(v[i].name, v[i].bytes, v[i].len, rng, &s, d) < 0)
			bad = 1;
		else
			set->v[set->n++] = s;
	}
	if (rng != NULL)
		xmlRelaxNGFree(rng);
	qsort(set->v, set->n, sizeof(*set->v), cmp_survey);
	if (series_clash(set, d))
		bad = 1;
	if (bad) {
		survey_set_free(set);
		return -1;
	}
	*out = set;
	return 0;
}

size_t survey_set_count(const struct survey_set *set)
{
	return set ? set->n : 0;
}

const struct survey *survey_set_at(const struct survey_set *set, size_t i)
{
	return set && i < set->n ? set->v[i] : NULL;
}

const struct survey *survey_set_find(const struct survey_set *set, const char *id)
{
	size_t lo = 0, hi = set ? set->n : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, set->v[mid]->id);

		if (c == 0)
			return set->v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

void survey_set_free(struct survey_set *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->n; i++)
		survey_free(set->v[i]);
	free(set->v);
	free(set);
}
