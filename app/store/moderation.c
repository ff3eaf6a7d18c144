/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * moderation: officers' decisions on written answers and responses, and the
 * reads of the written answers page (see moderation.h). Owns the column
 * order of its statements; uses store/ only.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/moderation.h"

#define SEARCH_TEXT_MAX 1000 /* bytes of the text searched for */

/* "%text%" with LIKE's wildcards and its escape character '!' escaped by
 * '!' (the statements say ESCAPE '!'), so the text is taken literally;
 * "" when there is no text. NULL when the arena is full. */
static const char *like_pattern(struct arena *a, const char *text)
{
	size_t n, k = 0;
	char *p;

	if (text == NULL)
		return "";
	n = strnlen(text, SEARCH_TEXT_MAX + 1);
	if (n > SEARCH_TEXT_MAX)
		return NULL;
	p = arena_alloc(a, 2 * n + 3);
	if (p == NULL)
		return NULL;
	p[k++] = '%';
	for (size_t i = 0; i < n; i++) {
		if (text[i] == '%' || text[i] == '_' || text[i] == '!')
			p[k++] = '!';
		p[k++] = text[i];
	}
	p[k++] = '%';
	p[k] = '\0';
	return p;
}

/* The arguments of ST_MOD_ANSWERS_SEARCH (14) and its count (the first 12)
 * into args; -1 when the search text is too long or the arena is full. */
static int search_args(struct arena *a, const struct moderation_search *q, size_t limit,
		       size_t offset, struct store_arg args[14])
{
	const char *like = like_pattern(a, q->text);
	const char *channel = q->channel ? q->channel : "";

	if (like == NULL)
		return -1;
	args[0] = STORE_STR(q->survey_id);
	args[1] = STORE_STR(q->fields);
	args[2] = STORE_INT(q->hidden_only != 0);
	args[3] = STORE_INT(q->flagged_only != 0);
	args[4] = STORE_STR(q->text ? q->text : "");
	args[5] = STORE_STR(like);
	args[6] = STORE_STR(channel);
	args[7] = STORE_STR(channel);
	args[8] = STORE_INT(q->response > 0);
	args[9] = STORE_INT(q->response);
	args[10] = STORE_INT(q->pairs != NULL);
	args[11] = STORE_STR(q->pairs ? q->pairs : "");
	args[12] = STORE_INT((long long)limit);
	args[13] = STORE_INT((long long)offset);
	return 0;
}

enum store_err moderation_answers_count(struct store *st, struct arena *a,
					const struct moderation_search *q, long long *count)
{
	struct store_arg args[14];
	struct store_rows r;
	enum store_err e;

	*count = 0;
	if (search_args(a, q, 0, 0, args) != 0)
		return STORE_ERROR;
	e = store_query(st, ST_MOD_ANSWERS_SEARCH_COUNT, args, 12, a, 1, &r);
	if (e == STORE_OK && r.nrows == 1 && STORE_CELL(&r, 0, 0) != NULL)
		*count = strtoll(STORE_CELL(&r, 0, 0), NULL, 10);
	return e;
}

enum store_err moderation_answers_search(struct store *st, struct arena *a,
					 const struct moderation_search *q, size_t limit,
					 size_t offset, struct moderation_answer **out, size_t *n)
{
	struct store_arg args[14];
	struct store_rows r;
	struct moderation_answer *v;
	enum store_err e;

	*out = NULL;
	*n = 0;
	if (search_args(a, q, limit, offset, args) != 0)
		return STORE_ERROR;
	e = store_query(st, ST_MOD_ANSWERS_SEARCH, args, 14, a, limit, &r);
	if (e != STORE_OK)
		return e;
	v = arena_calloc(a, r.nrows + 1, sizeof(*v));
	if (v == NULL)
		return STORE_ERROR;
	for (size_t i = 0; i < r.nrows; i++) {
		const char *flagged = STORE_CELL(&r, i, 6);

		v[i].response_id = strtoll(STORE_CELL(&r, i, 0), NULL, 10);
		v[i].question_id = STORE_CELL(&r, i, 1);
		v[i].value = STORE_CELL(&r, i, 2);
		v[i].channel = STORE_CELL(&r, i, 3);
		v[i].lang = STORE_CELL(&r, i, 4);
		v[i].submitted_at = STORE_CELL(&r, i, 5);
		v[i].flagged = flagged != NULL && strcmp(flagged, "0") != 0;
		v[i].flag_reason = STORE_CELL(&r, i, 7);
		v[i].flag_note = STORE_CELL(&r, i, 8);
		v[i].flag_decided_by = STORE_CELL(&r, i, 9);
		v[i].hidden_reason = STORE_CELL(&r, i, 10);
		v[i].hidden_by = STORE_CELL(&r, i, 11);
		v[i].hidden_at = STORE_CELL(&r, i, 12);
	}
	*out = v;
	*n = r.nrows;
	return STORE_OK;
}

enum store_err moderation_response_get(struct store *st, struct arena *a, long long id,
				       struct moderation_response *out)
{
	struct store_arg args[] = {STORE_INT(id)};
	struct store_rows r;
	enum store_err e = store_query(st, ST_MOD_RESPONSE_GET, args, 1, a, 1, &r);

	memset(out, 0, sizeof(*out));
	if (e != STORE_OK)
		return e;
	if (r.nrows != 1)
		return STORE_NOT_FOUND;
	out->survey_id = STORE_CELL(&r, 0, 0);
	out->complete = strcmp(STORE_CELL(&r, 0, 1), "complete") == 0;
	out->flagged = strcmp(STORE_CELL(&r, 0, 2), "0") != 0;
	out->flag_reason = STORE_CELL(&r, 0, 3);
	return STORE_OK;
}

enum store_err moderation_answer_exists(struct store *st, long long id, const char *question_id,
					const char *survey_id, int *exists)
{
	struct store_arg args[] = {STORE_INT(id), STORE_STR(question_id), STORE_STR(survey_id)};
	struct store_rows r;
	struct arena a;
	enum store_err e;

	arena_init(&a, 0);
	e = store_query(st, ST_MOD_ANSWER_EXISTS, args, 3, &a, 1, &r);
	*exists = e == STORE_OK && r.nrows == 1 && strcmp(STORE_CELL(&r, 0, 0), "0") != 0;
	arena_release(&a);
	return e;
}

enum store_err moderation_hide(struct store *st, const struct audit_actor *who,
			       const char *survey_id, long long id, const char *question_id,
			       const char *reason, const char *detail)
{
	struct store_arg args[] = {STORE_INT(id), STORE_STR(question_id), STORE_STR(survey_id),
				   STORE_STR(reason), STORE_STR(who->username)};

	return audit_decide(st, who, survey_id, ST_MOD_HIDE, args, 5, 0, "hide-answer", detail);
}

enum store_err moderation_unhide(struct store *st, const struct audit_actor *who,
				 const char *survey_id, long long id, const char *question_id,
				 const char *detail)
{
	struct store_arg args[] = {STORE_INT(id), STORE_STR(question_id), STORE_STR(survey_id)};

	return audit_decide(st, who, survey_id, ST_MOD_UNHIDE, args, 3, 0, "unhide-answer", detail);
}

enum store_err moderation_flag_set(struct store *st, const struct audit_actor *who,
				   const char *survey_id, long long id, int flag, const char *why,
				   const char *note, const char *detail)
{
	struct store_arg args[] = {STORE_INT(flag != 0),
				   why ? STORE_STR(why) : STORE_NULL,
				   note ? STORE_STR(note) : STORE_NULL,
				   STORE_STR(who->username),
				   STORE_INT(id),
				   STORE_STR(survey_id)};

	return audit_decide_response(st, who, survey_id, ST_MOD_FLAG_SET, args, 6, id,
				     flag ? "flag-response" : "clear-flag", detail);
}

enum store_err moderation_version_get(struct store *st, const char *survey_id, long long *version)
{
	struct store_arg args[] = {STORE_STR(survey_id)};
	struct store_rows r;
	struct arena a;
	enum store_err e;

	arena_init(&a, 0);
	e = store_query(st, ST_MOD_VERSION_GET, args, 1, &a, 1, &r);
	*version = e == STORE_OK && r.nrows == 1 ? strtoll(STORE_CELL(&r, 0, 0), NULL, 10) : 0;
	arena_release(&a);
	return e;
}

enum store_err moderation_personal_permission(struct store *st, long long user_id, int *allowed)
{
	struct store_arg args[] = {STORE_INT(user_id)};
	struct store_rows r;
	struct arena a;
	enum store_err e;

	arena_init(&a, 0);
	e = store_query(st, ST_USER_PERSONAL_DATA_GET, args, 1, &a, 1, &r);
	*allowed = e == STORE_OK && r.nrows == 1 && STORE_CELL(&r, 0, 0) != NULL &&
		   strcmp(STORE_CELL(&r, 0, 0), "0") != 0;
	arena_release(&a);
	return e;
}
