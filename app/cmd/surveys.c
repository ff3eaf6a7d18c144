/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * surveys: how every command finds the surveys the service offers, with
 * the same messages on stderr when they do not load. The instances serve
 * the versions stored in MariaDB (issue 22: files imported, versions
 * published or rolled back in the browser), so the commands read those
 * too: the stored version of each survey (published or withdrawn: its
 * responses are still there to count, notify and purge), and the files of
 * the configured directory not stored yet. When the database cannot be
 * read, the directory alone, said on stderr. One place, so that the
 * commands and the service can never disagree on where surveys come from.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/arena.h"
#include "core/settings.h"
#include "store/store.h"
#include "store/surveyxml.h"
#include "survey/survey.h"

/* The bytes of file survey s (as loaded), in arena a; NULL when unreadable. */
static char *file_bytes(struct arena *a, const struct survey *s, size_t *len)
{
	FILE *f = fopen(s->path, "rb");
	char *p = f != NULL ? arena_alloc(a, SURVEYXML_MAX + 1) : NULL;

	if (p != NULL) {
		*len = fread(p, 1, SURVEYXML_MAX + 1, f);
		if (*len > SURVEYXML_MAX)
			p = NULL;
	}
	if (f != NULL)
		fclose(f);
	return p;
}

/* The stored versions with the directory's files not stored yet; NULL with
 * *down set when the database cannot be read, NULL after printing the
 * problems when the set does not load. */
static struct survey_set *stored_set(const struct settings *cfg, const struct survey_set *files,
				     const char *cmd, int *down)
{
	struct surveyxml_version *v = NULL;
	struct survey_src *src;
	struct survey_set *set = NULL;
	struct survey_diags d;
	struct store st;
	struct arena a;
	size_t n = 0, ns = 0;
	enum store_err e;

	*down = 0;
	arena_init(&a, 0);
	store_init(&st, cfg);
	e = store_connect(&st);
	if (e == STORE_OK)
		e = surveyxml_served(&st, &a, &v, &n);
	store_release(&st);
	if (e != STORE_OK) {
		*down = 1;
		arena_release(&a);
		return NULL;
	}
	src = arena_calloc(&a, n + survey_set_count(files) + 1, sizeof(*src));
	for (size_t i = 0; i < n; i++) {
		src[ns].name = arena_printf(&a, "%s.xml", v[i].survey_id);
		src[ns].bytes = v[i].xml;
		src[ns].len = v[i].size;
		ns++;
	}
	for (size_t i = 0; i < survey_set_count(files); i++) {
		const struct survey *s = survey_set_at(files, i);
		size_t k = 0;

		while (k < n && strcmp(v[k].survey_id, s->id) != 0)
			k++;
		if (k < n)
			continue; /* the stored version is the one served */
		src[ns].name = arena_printf(&a, "%s.xml", s->id);
		src[ns].bytes = file_bytes(&a, s, &src[ns].len);
		if (src[ns].bytes != NULL)
			ns++;
	}
	survey_diags_init(&d);
	if (survey_set_load_memory(src, ns, &set, &d) != 0) {
		survey_diags_print(&d, stderr);
		fprintf(stderr, "yourvoice %s: the stored surveys do not load\n", cmd);
		set = NULL;
	}
	survey_diags_release(&d);
	arena_release(&a);
	return set;
}

int cli_surveys_load(const struct settings *cfg, const char *cmd, const char *consequence,
		     struct survey_set **out)
{
	struct survey_set *files = NULL;
	struct survey_diags d;
	int down;

	*out = NULL;
	survey_diags_init(&d);
	if (survey_set_load_dir(cfg->surveys_dir, &files, &d) != 0) {
		survey_diags_print(&d, stderr);
		fprintf(stderr, "yourvoice %s: the surveys in %s do not load%s\n", cmd,
			cfg->surveys_dir, consequence ? consequence : "");
		survey_diags_release(&d);
		return 1;
	}
	survey_diags_release(&d);
	*out = stored_set(cfg, files, cmd, &down);
	if (down) {
		fprintf(stderr,
			"yourvoice %s: the stored surveys cannot be read: using the files of %s "
			"alone\n",
			cmd, cfg->surveys_dir);
		*out = files;
		return 0;
	}
	survey_set_free(files);
	if (*out == NULL) {
		if (consequence != NULL)
			fprintf(stderr, "yourvoice %s:%s\n", cmd, consequence);
		return 1;
	}
	return 0;
}

int cli_survey_load(const struct settings *cfg, const char *dir, const char *id, const char *cmd,
		    struct survey **out)
{
	struct surveyxml_version v;
	struct survey_diags d;
	struct store st;
	struct arena a;
	char path[4096];
	enum store_err e = STORE_NOT_FOUND;
	int rc = 0;

	*out = NULL;
	if (!survey_id_valid(id, strlen(id))) {
		fprintf(stderr, "yourvoice %s: '%s' is not a survey id\n", cmd, id);
		return 1;
	}
	survey_diags_init(&d);
	arena_init(&a, 0);
	if (dir == NULL) {
		/* the version the instances serve, when one is stored */
		store_init(&st, cfg);
		e = store_connect(&st);
		if (e == STORE_OK)
			e = surveyxml_get(&st, &a, id, 0, &v);
		store_release(&st);
		if (e == STORE_OK) {
			if (survey_load_memory(arena_printf(&a, "%s.xml", id), v.xml, v.size, out,
					       &d) != 0) {
				survey_diags_print(&d, stderr);
				rc = 1;
			}
		} else if (e != STORE_NOT_FOUND) {
			fprintf(stderr,
				"yourvoice %s: the stored surveys cannot be read: using the file "
				"of %s\n",
				cmd, cfg->surveys_dir);
		}
	}
	if (e != STORE_OK) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s.xml", dir ? dir : cfg->surveys_dir,
				     id) >= sizeof(path)) {
			fprintf(stderr, "yourvoice %s: the surveys directory's name is too long\n",
				cmd);
			rc = 1;
		} else if (survey_load_file(path, out, &d) != 0) {
			survey_diags_print(&d, stderr);
			rc = 1;
		}
	}
	survey_diags_release(&d);
	arena_release(&a);
	return rc;
}
