/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themereview: officers' review of the free-text themes (tables
 * theme_summary, read; theme_decision, theme_move and answer_moderation,
 * written): the stored summary of a question and its stamp, and the
 * decisions of /admin/themes/<id> (web/themereview.c): rename, merge and
 * undo, approve and withdraw, make a theme (and split answers into it),
 * move answers, hide a quote and show it again. Every decision is one
 * transaction with its audit row (store/audit.h). Uses store/ only.
 */
#ifndef YV_STORE_THEMEREVIEW_H
#define YV_STORE_THEMEREVIEW_H

#include <stddef.h>
#include <time.h>

#include "store/audit.h"
#include "store/store.h"

/* The stamp of the summary stored for (survey_id, question_id): a short
 * string that changes whenever the summary does, into *stamp (arena a),
 * NULL when there is none. STORE_OK or the error. */
enum store_err themereview_summary_stamp(struct store *st, struct arena *a, const char *survey_id,
					 const char *question_id, const char **stamp);

/* The summary stored for (survey_id, question_id) as JSON text, into *json
 * (arena a; NULL when there is none) and when it was computed into *at.
 * STORE_OK or the error. */
enum store_err themereview_summary_get(struct store *st, struct arena *a, const char *survey_id,
				       const char *question_id, const char **json, time_t *at);

/*
 * The decisions, on the theme keyed `key` of question_id of survey_id (keys
 * are stable across recomputation, results/themeview.h). Each writes its
 * change and the audit row (action named below, detail as given) in one
 * transaction; none moves the moderation version (themes are applied when
 * a page is drawn). STORE_OK, or the error (rolled back).
 */
/* "theme-rename": the labels; NULL keeps the automatic one. */
enum store_err themereview_rename(struct store *st, const struct audit_actor *who,
				  const char *survey_id, const char *question_id, const char *key,
				  const char *label_en, const char *label_cy, const char *detail);
/* "theme-merge" into `into`, or "theme-unmerge" when into is NULL. */
enum store_err themereview_merge(struct store *st, const struct audit_actor *who,
				 const char *survey_id, const char *question_id, const char *key,
				 const char *into, const char *detail);
/* "theme-approve" (yes 1) or "theme-unapprove" (yes 0). */
enum store_err themereview_approve(struct store *st, const struct audit_actor *who,
				   const char *survey_id, const char *question_id, const char *key,
				   int yes, const char *detail);
/* "theme-create" (ids NULL), or "theme-split": make the theme keyed `key`
 * with its English label (required) and Welsh one (NULL for none), and move
 * the answers of the n responses ids into it. */
enum store_err themereview_create(struct store *st, const struct audit_actor *who,
				  const char *survey_id, const char *question_id, const char *key,
				  const char *label_en, const char *label_cy, const long long *ids,
				  size_t n, const char *detail);
/* "theme-move": the answers of the n responses ids to theme `key` (ids of
 * responses without an answer to the question are skipped). */
enum store_err themereview_move(struct store *st, const struct audit_actor *who,
				const char *survey_id, const char *question_id, const char *key,
				const long long *ids, size_t n, const char *detail);
/* "quote-hide": hide response id's answer to question_id from
 * publication, with reason (shared with the answers page's hiding). */
enum store_err themereview_quote_hide(struct store *st, const struct audit_actor *who,
				      const char *survey_id, long long id, const char *question_id,
				      const char *reason, const char *detail);
/* "quote-unhide": show it again. */
enum store_err themereview_quote_unhide(struct store *st, const struct audit_actor *who,
					const char *survey_id, long long id,
					const char *question_id, const char *detail);

#endif
