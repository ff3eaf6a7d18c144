/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * users: officer and councillor accounts. Passwords are hashed with
 * Argon2id (libsodium's crypto_pwhash_str, interactive limits). An account
 * may be limited to named surveys, and an officer may hold the
 * personal-data permission: exports with the answers to email, postcode
 * and pattern questions, and unredacted free text. The `yourvoice user`
 * command that drives these functions is app/cmd/user.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store/store.h"
#include "store/users.h"

int users_hash_password(const char *password, char out[USERS_HASH_MAX])
{
	return crypto_pwhash_str(out, password, strlen(password),
				 crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

int users_check_password(const char *hash, const char *password)
{
	return hash != NULL && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int users_name_valid(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 64)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		      *p == '-' || *p == '_'))
			return 0;
	return 1;
}

enum store_err users_add(struct store *st, const struct users_new *u)
{
	struct store_arg a[] = {STORE_STR(u->name), STORE_STR(u->display), STORE_STR(u->role),
				STORE_STR(u->hash)};
	unsigned long long id = 0;
	enum store_err e;

	e = store_begin(st);
	if (e != STORE_OK)
		return e;
	e = store_exec(st, ST_USER_INSERT, a, 4, NULL, &id);
	for (size_t i = 0; e == STORE_OK && i < u->nsurveys; i++) {
		struct store_arg b[] = {STORE_INT((long long)id), STORE_STR(u->surveys[i])};

		e = store_exec(st, ST_USER_SURVEY_ADD, b, 2, NULL, NULL);
	}
	if (e == STORE_OK && u->personal) {
		struct store_arg b[] = {STORE_INT(1), STORE_STR(u->name)};

		e = store_exec(st, ST_USER_PERSONAL_DATA_SET, b, 2, NULL, NULL);
	}
	if (e == STORE_OK)
		e = store_commit(st);
	else
		store_rollback(st);
	return e;
}

enum store_err users_list(struct store *st, struct arena *a, struct users_row **rows, size_t *n)
{
	struct store_rows r;
	enum store_err e = store_query(st, ST_USER_LIST, NULL, 0, a, 10000, &r);
	struct users_row *v;

	*rows = NULL;
	*n = 0;
	if (e != STORE_OK)
		return e;
	v = arena_calloc(a, r.nrows ? r.nrows : 1, sizeof(*v));
	if (v == NULL)
		return STORE_ERROR;
	for (size_t i = 0; i < r.nrows; i++) {
		v[i].name = STORE_CELL(&r, i, 0);
		v[i].role = STORE_CELL(&r, i, 1);
		v[i].disabled = strcmp(STORE_CELL(&r, i, 2), "0") != 0;
		v[i].display = STORE_CELL(&r, i, 3);
		v[i].surveys = STORE_CELL(&r, i, 4);
		v[i].personal = strcmp(STORE_CELL(&r, i, 5), "0") != 0;
	}
	*rows = v;
	*n = r.nrows;
	return STORE_OK;
}

int users_change(struct store *st, const char *name, enum users_change what, const char *hash)
{
	unsigned long long n = 0;
	struct store_arg q[] = {STORE_STR(name)};
	enum store_err e;

	e = store_begin(st);
	if (e == STORE_OK && what == USERS_PASSWD) {
		struct store_arg a[] = {STORE_STR(hash), STORE_STR(name)};

		e = store_exec(st, ST_USER_PASSWD, a, 2, &n, NULL);
	} else if (e == STORE_OK) {
		struct store_arg a[] = {STORE_INT(what == USERS_DISABLE), STORE_STR(name)};

		e = store_exec(st, ST_USER_DISABLE, a, 2, &n, NULL);
	}
	if (e == STORE_OK && what != USERS_ENABLE)
		e = store_exec(st, ST_USER_SESSIONS_END, q, 1, NULL, NULL);
	if (e == STORE_OK)
		e = store_commit(st);
	else
		store_rollback(st);
	if (e != STORE_OK)
		return -1;
	if (n == 0) {
		/* MariaDB counts changed rows: a second disable changes none. */
		struct arena ar;
		struct store_rows r;

		arena_init(&ar, 0);
		e = store_query(st, ST_USER_BY_NAME, q, 1, &ar, 1, &r);
		arena_release(&ar);
		if (e != STORE_OK || r.nrows == 0)
			return 0;
	}
	return 1;
}

int users_role(struct store *st, const char *name, char *role, size_t rolesz)
{
	struct store_arg q[] = {STORE_STR(name)};
	struct arena ar;
	struct store_rows r;
	enum store_err e;

	arena_init(&ar, 0);
	e = store_query(st, ST_USER_BY_NAME, q, 1, &ar, 1, &r);
	if (e != STORE_OK || r.nrows == 0) {
		arena_release(&ar);
		return -1;
	}
	snprintf(role, rolesz, "%s", STORE_CELL(&r, 0, 2));
	arena_release(&ar);
	return 0;
}

enum store_err users_personal_set(struct store *st, const char *name, int on)
{
	struct store_arg a[] = {STORE_INT(on), STORE_STR(name)};

	return store_exec(st, ST_USER_PERSONAL_DATA_SET, a, 2, NULL, NULL);
}

int users_login_get(struct store *st, struct arena *a, const char *name, struct user_login *out)
{
	struct store_arg q[] = {STORE_STR(name)};
	struct store_rows r;

	memset(out, 0, sizeof(*out));
	if (store_query(st, ST_USER_BY_NAME, q, 1, a, 1, &r) != STORE_OK)
		return -1;
	if (r.nrows != 1)
		return 0;
	out->id = strtoll(STORE_CELL(&r, 0, 0), NULL, 10);
	out->hash = STORE_CELL(&r, 0, 1);
	out->role = STORE_CELL(&r, 0, 2);
	out->disabled = strcmp(STORE_CELL(&r, 0, 3), "0") != 0;
	return 1;
}
