/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * audit: the audit log (table audit_log) and officers' decisions recorded
 * with it. Every change an officer makes goes through audit_decide(), so
 * the change, the move of the survey's moderation version (when figures
 * must be counted again) and the audit row commit together or not at all.
 * Uses store/ only.
 */
#ifndef YV_STORE_AUDIT_H
#define YV_STORE_AUDIT_H

#include "store/store.h"

#define AUDIT_DETAIL_MAX 1000 /* bytes; the column holds 1024 characters */

/* Who acted: an officer's account (user_id 0 when none, e.g. a failed sign-in). */
struct audit_actor {
	long long user_id;
	const char *username;
};

/* Record action (on survey_id, NULL for none) with detail (NULL for none,
 * cut to AUDIT_DETAIL_MAX bytes at a character boundary): 0, or -1 when the
 * row could not be written (logged). */
int audit_add(struct store *st, const struct audit_actor *who, const char *action,
	      const char *survey_id, const char *detail);

/*
 * For the typed store files only (it takes a statement id): run statement id
 * with its arguments, then, when recount, move survey_id's moderation
 * version (so cached figures are counted again), then the audit row, in one
 * transaction. STORE_OK, or the error (rolled back).
 */
enum store_err audit_decide(struct store *st, const struct audit_actor *who, const char *survey_id,
			    enum store_stmt id, const struct store_arg *a, size_t na, int recount,
			    const char *action, const char *detail);
/* The same for a decision on response response_id (a flag raised or
 * cleared): its cells leave the stored totals' set it was counted in and
 * enter the one it is counted in after the decision (store/totals.h), in
 * the same transaction; the moderation version always moves. */
enum store_err audit_decide_response(struct store *st, const struct audit_actor *who,
				     const char *survey_id, enum store_stmt id,
				     const struct store_arg *a, size_t na, long long response_id,
				     const char *action, const char *detail);

#endif
