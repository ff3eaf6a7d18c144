/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* invites: invitation codes made and listed (see invites.h). */
#include "config.h"

#include <string.h>

#include "store/invites.h"

#define INVITES_TRIES 5 /* fresh codes tried when one's hash is taken */

enum store_err invites_create(struct store *st, const unsigned char key[TOKEN_KEY_BYTES],
			      const char *survey_id, long n, char *codes)
{
	enum store_err e = store_begin(st);

	for (long i = 0; e == STORE_OK && i < n; i++) {
		char *code = codes + i * (TOKEN_RECEIPT_LEN + 1);
		char hash[65];

		for (int t = 0; t < INVITES_TRIES; t++) {
			token_receipt(code);
			token_code_hash(key, code, hash);
			/* the hash is read here (its length), after it is made */
			struct store_arg a[] = {STORE_STR(survey_id), STORE_STR(hash)};

			e = store_exec(st, ST_INVITATION_INSERT, a, 2, NULL, NULL);
			if (e != STORE_DUPLICATE)
				break;
		}
	}
	if (e == STORE_OK)
		e = store_commit(st);
	else
		store_rollback(st);
	return e;
}

enum store_err invites_list(struct store *st, struct arena *a, const char *survey_id,
			    struct invites_row **rows, size_t *n)
{
	struct store_arg arg[] = {STORE_STR(survey_id)};
	struct store_rows r;
	struct invites_row *v;
	enum store_err e = store_query(st, ST_INVITATION_LIST, arg, 1, a, 1000000, &r);

	*rows = NULL;
	*n = 0;
	if (e != STORE_OK)
		return e;
	v = arena_calloc(a, r.nrows ? r.nrows : 1, sizeof(*v));
	if (v == NULL)
		return STORE_ERROR;
	for (size_t i = 0; i < r.nrows; i++) {
		v[i].hash_prefix = STORE_CELL(&r, i, 0);
		v[i].created_at = STORE_CELL(&r, i, 1);
		v[i].used = strcmp(STORE_CELL(&r, i, 2), "1") == 0;
	}
	*rows = v;
	*n = r.nrows;
	return STORE_OK;
}
