/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * diags: the list of FILE:LINE:COL messages every survey check writes
 * into (survey.h); sorted by position so a reader meets them in file order.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "survey/load_int.h"

void survey_diags_init(struct survey_diags *d)
{
	d->v = NULL;
	d->n = d->cap = 0;
}

void survey_diags_release(struct survey_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].message);
	}
	free(d->v);
	survey_diags_init(d);
}

void survey_diags_add(struct survey_diags *d, const char *file, int line, int col, const char *fmt,
		      ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct survey_diag *v = xreallocarray(d->v, cap, sizeof(*v));

		d->v = v;
		d->cap = cap;
	}
	d->v[d->n].file = xstrdup(file);
	d->v[d->n].line = line;
	d->v[d->n].col = col;
	d->v[d->n].message = xstrdup(msg);
	d->n++;
}

void survey_diags_print(const struct survey_diags *d, FILE *out)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(out, "%s:%d:%d: %s\n", d->v[i].file, d->v[i].line, d->v[i].col,
			d->v[i].message);
}

void survey_diags_sort(struct survey_diags *d, size_t from)
{
	for (size_t i = from + 1; i < d->n; i++) {
		struct survey_diag x = d->v[i];
		size_t j = i;

		while (j > from && (d->v[j - 1].line > x.line ||
				    (d->v[j - 1].line == x.line && d->v[j - 1].col > x.col))) {
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = x;
	}
}
