/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * moderation: officers' decisions on what residents wrote (tables
 * answer_moderation, response's flag columns, moderation_version) and the
 * reads of the written answers page (web/moderate.c and its family): the
 * answers searched and counted, one response's state, whether an answer
 * exists, the survey's moderation version, and an account's personal-data
 * permission. Every decision is one transaction with its audit row
 * (store/audit.h). Uses store/ only; knows nothing of HTTP.
 */
#ifndef YV_STORE_MODERATION_H
#define YV_STORE_MODERATION_H

#include <stddef.h>

#include "store/audit.h"
#include "store/store.h"

/* A written answer as the answers page shows it, with its response's flag
 * and any decision hiding it. Strings live in the arena of the read. */
struct moderation_answer {
	long long response_id;
	const char *question_id, *value;
	const char *channel;	  /* "web", "paper" or "phone" */
	const char *lang;	  /* "en" or "cy" */
	const char *submitted_at; /* "YYYY-MM-DD HH:MM", UTC */
	int flagged;
	const char *flag_reason, *flag_note, *flag_decided_by; /* NULL when none */
	const char *hidden_reason;			       /* NULL: not hidden */
	const char *hidden_by, *hidden_at;		       /* "YYYY-MM-DD HH:MM" UTC */
};

/* What the answers page searches for. NULL or 0 members ask nothing. */
struct moderation_search {
	const char *survey_id;
	const char *fields; /* the questions searched: comma-separated ids */
	int hidden_only;    /* only answers hidden from publication */
	int flagged_only;   /* only answers of flagged responses */
	const char *text;   /* contained, in either case (the column's collation),
			     * '%' and '_' taken literally; at most 1000 bytes */
	const char *channel;
	long long response; /* one response */
	const char *pairs;  /* only these answers: comma-separated "response/question";
			     * NULL for no such filter ("" then matches none) */
};

/* How many answers match q into *count. STORE_OK or the error. */
enum store_err moderation_answers_count(struct store *st, struct arena *a,
					const struct moderation_search *q, long long *count);

/* The answers matching q, newest response first, limit of them after
 * offset, into *out (arena a, *n of them). STORE_OK or the error. */
enum store_err moderation_answers_search(struct store *st, struct arena *a,
					 const struct moderation_search *q, size_t limit,
					 size_t offset, struct moderation_answer **out, size_t *n);

/* A response as a decision on it needs it. */
struct moderation_response {
	const char *survey_id;
	int complete; /* submitted and not withdrawn */
	int flagged;
	const char *flag_reason; /* what raised the flag, NULL when none */
};

/* Response id into *out (arena a): STORE_OK, STORE_NOT_FOUND when there is
 * no such response, or the error. */
enum store_err moderation_response_get(struct store *st, struct arena *a, long long id,
				       struct moderation_response *out);

/* Whether response id answered question_id of survey_id: *exists 1 or 0. */
enum store_err moderation_answer_exists(struct store *st, long long id, const char *question_id,
					const char *survey_id, int *exists);

/*
 * The decisions. Each writes its change and the audit row (action named
 * below, detail as given, cut by audit_add's rules) in one transaction;
 * a flag or its clearing also moves the survey's moderation version, as
 * it changes the figures. STORE_OK, or the error (rolled back).
 */
/* "hide-answer": hide response id's answer to question_id, with reason. */
enum store_err moderation_hide(struct store *st, const struct audit_actor *who,
			       const char *survey_id, long long id, const char *question_id,
			       const char *reason, const char *detail);
/* "unhide-answer": show it again. */
enum store_err moderation_unhide(struct store *st, const struct audit_actor *who,
				 const char *survey_id, long long id, const char *question_id,
				 const char *detail);
/* "flag-response" (flag 1) or "clear-flag" (flag 0): why (NULL for none)
 * is what raised the flag, note (NULL for none) the officer's reason. */
enum store_err moderation_flag_set(struct store *st, const struct audit_actor *who,
				   const char *survey_id, long long id, int flag, const char *why,
				   const char *note, const char *detail);

/* The survey's moderation version into *version (0 before the first decision). */
enum store_err moderation_version_get(struct store *st, const char *survey_id, long long *version);

/* Whether account user_id holds the personal-data permission: *allowed 1
 * or 0 (0 also when there is no such account). */
enum store_err moderation_personal_permission(struct store *st, long long user_id, int *allowed);

#endif
