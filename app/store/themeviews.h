/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themeviews: the themes views as pages show them, stored ready (theme_view,
 * migration 110), and the version that every change they depend on moves
 * (theme_view_version). results/summariser.h builds a view's source from
 * the version and the stored summary's stamp; a stored view is used only
 * when its source is the current one. Strings returned live in the arena.
 */
#ifndef YV_STORE_THEMEVIEWS_H
#define YV_STORE_THEMEVIEWS_H

#include "core/arena.h"
#include "store/store.h"

/* Move the survey's version forward: call it in the transaction of the
 * change. A version is never one seen before (at least the clock in
 * microseconds), even after an older database is restored, since workers
 * keep the views they read by it. */
enum store_err themeviews_bump(struct store *st, const char *survey_id);
/* The survey's version into *version (0 when it never moved). */
enum store_err themeviews_version(struct store *st, struct arena *a, const char *survey_id,
				  long long *version);
/* The stored view of (survey, question, audience): *source and *view, both
 * NULL when there is none. */
enum store_err themeviews_get(struct store *st, struct arena *a, const char *survey_id,
			      const char *qid, int officer, const char **source, const char **view);
/* Store (or replace) the view built from source. */
enum store_err themeviews_put(struct store *st, const char *survey_id, const char *qid, int officer,
			      const char *source, const char *view);

#endif
