/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * responses: residents' sent responses (tables response and answer), the
 * survey version each was answered against (survey_version), and the
 * invitation codes a journey checks and uses (invitation). A response is
 * stored with its answers, its invitation marked used and its partial save
 * deleted in ONE transaction, so that a receipt is shown only for what is
 * committed and nothing is half stored. Codes (receipt, submission id,
 * invitation) come in as keyed hashes only. Uses store/ only.
 */
#ifndef YV_STORE_RESPONSES_H
#define YV_STORE_RESPONSES_H

#include <stddef.h>

#include "store/store.h"

/* How many times a send is tried when the database reports a deadlock or
 * a lock wait timeout (STORE_RETRY). */
#define RESPONSES_SEND_TRIES 3

/* One row of table answer: a field name (the question id, or
 * <question id>.<part>), its order among the question's values, the value. */
struct responses_answer {
	const char *field;
	unsigned ord;
	const char *value;
};

/* A response to store. */
struct responses_new {
	const char *survey_id, *version_hash; /* the survey and the version answered */
	const char *receipt_hash, *sid_hash;  /* keyed hashes of the receipt and submission id */
	const char *lang;		      /* "en" or "cy" */
	const char *channel;		      /* "web", "paper" or "phone" */
	long long invitation_id;	      /* 0: none; else marked used with the response */
	const char *flag;		      /* why officers should look at it, or NULL */
	const char *country, *region;	      /* coarse geography; NULL or "": unknown */
	int in_area;			      /* 1, 0, or -1: unknown */
	long long partial_id;		      /* the partial save deleted with it (0: none) */
	const char *session_hash;	      /* and every other of this session (NULL: none) */
	/* A resident who asked to be told when the results are out
	 * (store/notify.h): the address, kept apart from the answers, and a
	 * random salt for the unsubscribe code; NULL: none. */
	const char *notify_email, *notify_salt;
	const struct responses_answer *answers;
	size_t nanswers;
};

/*
 * Store r in one transaction: the survey version (if new), the invitation
 * marked used, the response, its answers, and the partial save deleted;
 * tried again up to RESPONSES_SEND_TRIES times on a deadlock. STORE_OK once
 * committed; STORE_DUPLICATE when the invitation was used already or the
 * submission id (or receipt) is stored already (the caller looks it up);
 * another error otherwise. Nothing is stored unless STORE_OK.
 */
enum store_err responses_send(struct store *st, const struct responses_new *r);

/* The response stored under a submission id: its id and survey. */
struct responses_ref {
	long long id;
	const char *survey_id;
};
/* The response whose submission id hashes to sid_hash: STORE_OK,
 * STORE_NOT_FOUND, or the error. Strings live in the arena. */
enum store_err responses_by_submission(struct store *st, struct arena *a, const char *sid_hash,
				       struct responses_ref *out);

/* A response as a resident sees it with their receipt. */
struct responses_row {
	long long id;
	const char *survey_id;
	const char *lang, *channel;
	const char *status;	  /* "complete" or "withdrawn" */
	const char *submitted_at; /* UTC, ISO 8601 (2026-12-03T19:15:53Z) */
	const char *version_hash;
};
/* The response whose receipt hashes to receipt_hash: STORE_OK,
 * STORE_NOT_FOUND, or the error. Strings live in the arena. */
enum store_err responses_by_receipt(struct store *st, struct arena *a, const char *receipt_hash,
				    struct responses_row *out);

/* The answers of response id (at most 10,000), by field then order, into
 * an array in the arena. STORE_OK (perhaps none) or the error. */
enum store_err responses_answers(struct store *st, struct arena *a, long long id,
				 struct responses_answer **out, size_t *n);

/*
 * Withdraw response id of survey_id, in one transaction: its status
 * becomes withdrawn, its answers are deleted and the survey's moderation
 * version moves (workers' cached figures are counted again). *withdrawn
 * (may be NULL): 1 when this call withdrew it, 0 when it was withdrawn
 * already. STORE_OK, or the error (rolled back).
 */
enum store_err responses_withdraw(struct store *st, long long id, const char *survey_id,
				  int *withdrawn);

/* The unused invitation of survey_id whose code hashes to code_hash: its
 * id into *id. STORE_OK, STORE_NOT_FOUND (unknown or used), or the error. */
enum store_err responses_invitation_find(struct store *st, const char *survey_id,
					 const char *code_hash, long long *id);

/* The number of complete responses to survey_id, or -1 on a database error. */
long long responses_complete_count(struct store *st, struct arena *a, const char *survey_id);

/* Responses received by survey_id, per calendar month (UTC, "2026-03")
 * and channel, withdrawn ones included (the contact was made): rows in
 * month then channel order, in an array in the arena. STORE_OK (perhaps
 * none) or the error. */
#define RESPONSES_CHANNEL_MONTHS_MAX 10000 /* 800 years of every channel */
struct responses_channel_month {
	const char *month, *channel;
	long long count;
};
enum store_err responses_channel_months(struct store *st, struct arena *a, const char *survey_id,
					struct responses_channel_month **out, size_t *n);

/* How many complete responses came in by each channel ("web", "paper",
 * "phone", "face-to-face", "email"; the column's order). */
struct responses_channel_count {
	const char *channel;
	long long n;
};
#define RESPONSES_CHANNELS_MAX 8
/* Fill out[] (room for RESPONSES_CHANNELS_MAX) with the channels that have
 * complete responses to survey_id, *n of them. STORE_OK or the error. */
enum store_err responses_channel_counts(struct store *st, struct arena *a, const char *survey_id,
					struct responses_channel_count *out, size_t *n);

#endif
