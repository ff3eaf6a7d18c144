/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * users: officer and councillor accounts (table app_user), password
 * hashing with Argon2id, and the account changes behind `yourvoice user`
 * (its options, password prompt and messages are app/cmd/user.c).
 */
#ifndef YV_STORE_USERS_H
#define YV_STORE_USERS_H

#include <stddef.h>

#include "store/store.h"

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

/* A new account: name and display name, role "officer" or "councillor",
 * the Argon2id hash of its password, the surveys it is limited to (none:
 * all) and whether it holds the personal-data permission. */
struct users_new {
	const char *name, *display, *role, *hash;
	const char *const *surveys;
	size_t nsurveys;
	int personal;
};
/* Add the account in one transaction: STORE_OK, STORE_DUPLICATE when the
 * name is taken, another error when the database failed. */
enum store_err users_add(struct store *st, const struct users_new *u);
/* One account as `yourvoice user list` shows it. */
struct users_row {
	const char *name, *role, *display;
	const char *surveys; /* the survey ids it is limited to, space-separated; "" for all */
	int disabled;
	int personal; /* holds the personal-data permission */
};
/* Every account, by name (at most 10,000): *rows (n of them) live in a. */
enum store_err users_list(struct store *st, struct arena *a, struct users_row **rows, size_t *n);

enum users_change { USERS_DISABLE, USERS_ENABLE, USERS_PASSWD };
/* Disable, enable, or set a new password hash (USERS_PASSWD) for name.
 * Disabling and a new password end every session the account has open; a
 * new password does not enable a disabled account. 1 done, 0 no such
 * account, -1 database error. */
int users_change(struct store *st, const char *name, enum users_change what, const char *hash);
/* The role of name into role; 0, or -1 when there is no such account or the
 * database failed. */
int users_role(struct store *st, const char *name, char *role, size_t rolesz);
/* Grant (on) or withdraw the personal-data permission. */
enum store_err users_personal_set(struct store *st, const char *name, int on);

/* Sign-in's lookup of an account. */
struct user_login {
	long long id;
	const char *hash; /* Argon2id string */
	const char *role;
	int disabled;
};
/* The account named name: 1 found (strings in a), 0 none, -1 database error. */
int users_login_get(struct store *st, struct arena *a, const char *name, struct user_login *out);

#endif
