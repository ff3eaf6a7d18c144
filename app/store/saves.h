/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * saves: residents' partial saves (table partial), the answers of a journey
 * not yet sent. A save belongs to a survey and to a browser session (the
 * hash of its session cookie), expires some days after it was last
 * written, and may hold the keyed hash of a resume code, the invitation it
 * was opened with and an email address the resident typed. Codes and
 * session ids come in already hashed: this file never sees them in the
 * clear. Uses store/ only; a save is deleted when its response is sent,
 * in the send's transaction (store/responses.h).
 */
#ifndef YV_STORE_SAVES_H
#define YV_STORE_SAVES_H

#include <stddef.h>

#include "store/store.h"

/* A save as a journey reads it. Strings live in the arena passed. */
struct saves_row {
	long long id;
	const char *answers;	 /* the JSON object of the saved fields */
	size_t page_index;	 /* the furthest page reached */
	const char *lang;	 /* "en" or "cy" */
	long long invitation_id; /* 0: none */
	const char *email;	 /* NULL: none typed */
	long long created;	 /* Unix time the save was made */
};

/* The live (unexpired) save of session_hash for survey_id: STORE_OK,
 * STORE_NOT_FOUND when there is none, or the error. */
enum store_err saves_get(struct store *st, struct arena *a, const char *survey_id,
			 const char *session_hash, struct saves_row *out);

/* A new save. resume_hash: the hash of a code (one nobody knows until the
 * resident asks for a code); invitation_id 0 for none; kept for days. */
struct saves_new {
	const char *survey_id, *session_hash, *resume_hash, *lang, *answers;
	size_t page_index;
	long long invitation_id;
	int days;
};
/* Insert it; its id into *id. STORE_OK or the error. */
enum store_err saves_insert(struct store *st, const struct saves_new *n, long long *id);

/* Replace the answers, furthest page and language of save id, and keep it
 * days from now. */
enum store_err saves_update(struct store *st, long long id, const char *answers, size_t page_index,
			    const char *lang, int days);

/* Give save id the resume code whose hash is resume_hash. */
enum store_err saves_set_resume(struct store *st, long long id, const char *resume_hash);
/* Keep email (typed by the resident for the link to the save, and their receipt). */
enum store_err saves_set_email(struct store *st, long long id, const char *email);
/* Attach the invitation the resident gave to save id. */
enum store_err saves_set_invitation(struct store *st, long long id, long long invitation_id);

/* The save a resume code opens, expired or not. Strings live in the arena. */
struct saves_resume {
	long long id;
	const char *survey_id;
	size_t page_index;
	int live; /* 0: expired */
	const char *email, *lang;
};
/* The save whose resume code hashes to resume_hash: STORE_OK,
 * STORE_NOT_FOUND, or the error. */
enum store_err saves_by_resume(struct store *st, struct arena *a, const char *resume_hash,
			       struct saves_resume *out);

/*
 * Use a resume code, in one transaction: delete session_hash's other saves
 * of survey_id (the browser chose to give them up), then move save id to
 * session_hash with fresh_hash as its new code and no email, but only if
 * its code is still old_hash and it has not expired. *used: 1 when done
 * (committed), 0 when somebody used the code meanwhile (nothing changed).
 * STORE_OK, or the error (rolled back).
 */
enum store_err saves_resume_swap(struct store *st, const char *survey_id, const char *session_hash,
				 long long id, const char *old_hash, const char *fresh_hash,
				 int *used);

#endif
