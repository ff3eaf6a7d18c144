/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sessions: officers' sign-in sessions (table admin_session) and the
 * account lookups that sign-in and each signed-in request make (table
 * app_user, app_user_survey). Only the SHA-256 of a session id is ever
 * stored or looked up. Uses store/ and core/ only.
 */
#ifndef YV_STORE_SESSIONS_H
#define YV_STORE_SESSIONS_H

#include <stddef.h>

#include "core/arena.h"
#include "store/store.h"

/* The account of a live session, its strings in the caller's arena. */
struct session_account {
	long long user_id;
	const char *username, *role, *display;
	const char **surveys; /* the surveys it is limited to; NULL: every survey */
	size_t nsurveys;
};

/* The account whose session has the hash id_hash and has been used within
 * idle_s seconds and begun within max_s seconds, with its survey limits;
 * marks the session used. 1 found, 0 none (or ended), -1 database error. */
int sessions_get(struct store *st, struct arena *a, const char *id_hash, long idle_s, long max_s,
		 struct session_account *out);
/* A new session of user_id under id_hash. */
enum store_err sessions_add(struct store *st, const char *id_hash, long long user_id);
/* End the session with id_hash (sign-out). */
enum store_err sessions_end(struct store *st, const char *id_hash);

#endif
