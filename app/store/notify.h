/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * notify: residents told when results are out (tables notify_subscriber,
 * notify_event, notify_sent, migration 070). A subscriber is an address,
 * the language answered in and a random salt (the unsubscribe code is made
 * from it with the installation key, results/notifier.c), kept apart from
 * the answers: the journey stores it in the send's own transaction
 * (responses_send, store/responses.h), so it exists exactly when the
 * response does. Each event (results published, "You said, we did"
 * added, a commitment's new status) is recorded once; each email sent is
 * recorded per event and subscriber, so each resident gets each event
 * once. Uses store/ only.
 */
#ifndef YV_STORE_NOTIFY_H
#define YV_STORE_NOTIFY_H

#include <stddef.h>

#include "store/store.h"

#define NOTIFY_MAX_TRIES 5 /* a failed email is tried again this many times in all */

/* Record event kind ("results", "ysw", "commitment") of survey_id with ref
 * ("" or the commitment and its status) once: *added 1 when new, 0 when
 * recorded already. STORE_OK or the error. */
enum store_err notify_event_add(struct store *st, const char *survey_id, const char *kind,
				const char *ref, int *added);

struct notify_event {
	long long id;
	const char *kind, *ref;
};
/* survey_id's events, oldest first (at most 1000), into an arena array. */
enum store_err notify_events(struct store *st, struct arena *a, const char *survey_id,
			     struct notify_event **out, size_t *n);

struct notify_subscriber {
	long long id;
	const char *survey_id, *email, *lang, *salt;
	const char *created_at; /* UTC, "YYYY-MM-DD HH:MM:SS.mmm" (notify_pending only) */
};
/* Up to max subscribers of survey_id who have not had event_id yet (or
 * whose earlier try failed fewer than NOTIFY_MAX_TRIES times), by id. */
enum store_err notify_pending(struct store *st, struct arena *a, long long event_id,
			      const char *survey_id, size_t max, struct notify_subscriber **out,
			      size_t *n);
/* Record the outcome of sending event_id to subscriber_id: "sent" or "failed". */
enum store_err notify_mark(struct store *st, long long event_id, long long subscriber_id,
			   const char *state);
/* The subscriber id: STORE_OK, STORE_NOT_FOUND or the error. */
enum store_err notify_subscriber_get(struct store *st, struct arena *a, long long id,
				     struct notify_subscriber *out);
/* Delete subscriber id and what was sent to them, in one transaction. */
enum store_err notify_unsubscribe(struct store *st, long long id);
/* Delete the subscribers of survey_id who subscribed before `before` (UTC,
 * "YYYY-MM-DD HH:MM:SS": the retention cut-off), in one transaction;
 * *deleted (may be NULL) how many. */
enum store_err notify_purge(struct store *st, const char *survey_id, const char *before,
			    unsigned long long *deleted);

/* Take the database's notifier lock without waiting: *got 1 when this
 * connection holds it now, 0 when another notifier does. */
enum store_err notify_lock(struct store *st, struct arena *a, int *got);
enum store_err notify_unlock(struct store *st, struct arena *a);

#endif
