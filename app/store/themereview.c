/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themereview: the stored theme summaries as the officers' review reads
 * them, and the review's decisions (see themereview.h). Owns the column
 * order of its statements; uses core/ and store/ only.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "store/themereview.h"
#include "store/themeviews.h"

#define IDS_MAX 100000 /* responses one move or split may name */

static struct store_arg str_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? STORE_STR(s) : STORE_NULL;
}

enum store_err themereview_summary_stamp(struct store *st, struct arena *a, const char *survey_id,
					 const char *question_id, const char **stamp)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_STR(question_id)};
	struct store_rows r;
	enum store_err e = store_query(st, ST_THEMES_SUMMARY_STAMP, args, 2, a, 1, &r);

	*stamp = e == STORE_OK && r.nrows == 1 ? STORE_CELL(&r, 0, 0) : NULL;
	return e;
}

enum store_err themereview_summary_get(struct store *st, struct arena *a, const char *survey_id,
				       const char *question_id, const char **json, time_t *at)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_STR(question_id)};
	struct store_rows r;
	enum store_err e = store_query(st, ST_THEMES_SUMMARY_GET, args, 2, a, 1, &r);

	*json = NULL;
	*at = 0;
	if (e != STORE_OK || r.nrows != 1 || STORE_CELL(&r, 0, 0) == NULL)
		return e;
	*json = STORE_CELL(&r, 0, 0);
	*at = (time_t)strtoll(STORE_CELL(&r, 0, 2) ? STORE_CELL(&r, 0, 2) : "0", NULL, 10);
	return STORE_OK;
}

enum store_err themereview_rename(struct store *st, const struct audit_actor *who,
				  const char *survey_id, const char *question_id, const char *key,
				  const char *label_en, const char *label_cy, const char *detail)
{
	struct store_arg args[] = {STORE_STR(survey_id),  STORE_STR(question_id),
				   STORE_STR(key),	  str_or_null(label_en),
				   str_or_null(label_cy), STORE_STR(who->username)};

	return audit_decide(st, who, survey_id, ST_THEMES_RENAME, args, 6, 0, "theme-rename",
			    detail);
}

enum store_err themereview_merge(struct store *st, const struct audit_actor *who,
				 const char *survey_id, const char *question_id, const char *key,
				 const char *into, const char *detail)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_STR(question_id), STORE_STR(key),
				   into ? STORE_STR(into) : STORE_NULL, STORE_STR(who->username)};

	return audit_decide(st, who, survey_id, ST_THEMES_MERGE, args, 5, 0,
			    into ? "theme-merge" : "theme-unmerge", detail);
}

enum store_err themereview_approve(struct store *st, const struct audit_actor *who,
				   const char *survey_id, const char *question_id, const char *key,
				   int yes, const char *detail)
{
	struct store_arg args[] = {STORE_STR(survey_id),     STORE_STR(question_id),
				   STORE_STR(key),	     STORE_INT(yes != 0),
				   STORE_STR(who->username), STORE_STR(who->username)};

	return audit_decide(st, who, survey_id, ST_THEMES_APPROVE, args, 6, 0,
			    yes ? "theme-approve" : "theme-unapprove", detail);
}

/* The ids as ST_THEMES_MOVE takes them: a comma-separated list (FIND_IN_SET)
 * in ids_list, released by the caller. -1 when none or too many. */
static int id_list(const long long *ids, size_t n, struct buf *ids_list)
{
	buf_init(ids_list, IDS_MAX * 21);
	if (n == 0 || n > IDS_MAX)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(ids_list, ',');
		buf_int(ids_list, ids[i]);
	}
	return ids_list->overflow ? -1 : 0;
}

/* The arguments of ST_THEMES_MOVE into m. */
static void move_args_set(struct store_arg m[5], const struct audit_actor *who,
			  const char *survey_id, const char *question_id, const char *key,
			  const struct buf *ids_list)
{
	m[0] = STORE_STR(key);
	m[1] = STORE_STR(who->username);
	m[2] = STORE_STR(survey_id);
	m[3] = STORE_STR(question_id);
	m[4] = STORE_STR(buf_cstr(ids_list));
}

enum store_err themereview_create(struct store *st, const struct audit_actor *who,
				  const char *survey_id, const char *question_id, const char *key,
				  const char *label_en, const char *label_cy, const long long *ids,
				  size_t n, const char *detail)
{
	struct store_arg c[] = {STORE_STR(survey_id),  STORE_STR(question_id),
				STORE_STR(key),	       STORE_STR(label_en),
				str_or_null(label_cy), STORE_STR(who->username)};
	struct store_arg m[5];
	struct buf l;
	enum store_err e = STORE_OK;

	if (ids != NULL && id_list(ids, n, &l) != 0)
		e = STORE_ERROR;
	if (e == STORE_OK)
		e = store_begin(st);
	if (e == STORE_OK)
		e = store_exec(st, ST_THEMES_CREATE, c, 6, NULL, NULL);
	if (e == STORE_OK && ids != NULL) {
		move_args_set(m, who, survey_id, question_id, key, &l);
		e = store_exec(st, ST_THEMES_MOVE, m, 5, NULL, NULL);
	}
	if (e == STORE_OK)
		e = themeviews_bump(st, survey_id);
	if (e == STORE_OK && audit_add(st, who, ids != NULL ? "theme-split" : "theme-create",
				       survey_id, detail) != 0)
		e = STORE_ERROR;
	if (e == STORE_OK)
		e = store_commit(st);
	if (e != STORE_OK)
		store_rollback(st);
	if (ids != NULL)
		buf_release(&l);
	return e;
}

enum store_err themereview_move(struct store *st, const struct audit_actor *who,
				const char *survey_id, const char *question_id, const char *key,
				const long long *ids, size_t n, const char *detail)
{
	struct store_arg m[5];
	struct buf l;
	enum store_err e = STORE_ERROR;

	if (id_list(ids, n, &l) == 0) {
		move_args_set(m, who, survey_id, question_id, key, &l);
		e = audit_decide(st, who, survey_id, ST_THEMES_MOVE, m, 5, 0, "theme-move", detail);
	}
	buf_release(&l);
	return e;
}

enum store_err themereview_quote_hide(struct store *st, const struct audit_actor *who,
				      const char *survey_id, long long id, const char *question_id,
				      const char *reason, const char *detail)
{
	struct store_arg args[] = {STORE_INT(id), STORE_STR(question_id), STORE_STR(survey_id),
				   STORE_STR(reason), STORE_STR(who->username)};

	return audit_decide(st, who, survey_id, ST_THEMES_QUOTE_HIDE, args, 5, 0, "quote-hide",
			    detail);
}

enum store_err themereview_quote_unhide(struct store *st, const struct audit_actor *who,
					const char *survey_id, long long id,
					const char *question_id, const char *detail)
{
	struct store_arg args[] = {STORE_INT(id), STORE_STR(question_id), STORE_STR(survey_id)};

	return audit_decide(st, who, survey_id, ST_THEMES_QUOTE_UNHIDE, args, 3, 0, "quote-unhide",
			    detail);
}
