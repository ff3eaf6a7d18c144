/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * users: officer and councillor accounts (table app_user), password
 * hashing with Argon2id, and the `yourvoice user` command (users.c).
 */
#ifndef YV_STORE_USERS_H
#define YV_STORE_USERS_H

#define USERS_HASH_MAX 128 /* crypto_pwhash_STRBYTES */
/* An officer's sign-in session ends after this long without use, and in
 * any case this long after sign-in; `yourvoice purge` deletes it later. */
#define USERS_SESSION_IDLE_SECONDS 1800
#define USERS_SESSION_MAX_SECONDS (12 * 3600)

/* Argon2id string of password into out; 0 or -1 (out of memory). */
int users_hash_password(const char *password, char out[USERS_HASH_MAX]);
/* 1 when password matches the stored hash. */
int users_check_password(const char *hash, const char *password);
/* 1 when name is a valid user name: 1 to 64 of a-z 0-9 . - _ */
int users_name_valid(const char *name);

#endif
