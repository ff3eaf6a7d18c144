/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* instkey: the installation's secret key id (see instkey.h); 'yourvoice key' is app/cmd/key.c. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "store/instkey.h"

void instkey_id(const unsigned char key[TOKEN_KEY_BYTES], char out[INSTKEY_ID_LEN + 1])
{
	char tag[65];

	token_sign(key, "yourvoice key id", tag);
	memcpy(out, tag, INSTKEY_ID_LEN);
	out[INSTKEY_ID_LEN] = '\0';
}

enum instkey_state instkey_check(struct store *st, const unsigned char key[TOKEN_KEY_BYTES],
				 int claim, struct arena *a, const char **theirs,
				 const char **since)
{
	char id[INSTKEY_ID_LEN + 1];
	struct store_rows r;

	*theirs = *since = NULL;
	instkey_id(key, id);
	if (store_query(st, ST_KEY_GET, NULL, 0, a, 1, &r) != STORE_OK)
		return INSTKEY_ERROR;
	if (r.nrows == 0 && claim) {
		/* the first to claim wins; read again to see whose key that was */
		struct store_arg arg[] = {STORE_STR(id)};

		if (store_exec(st, ST_KEY_CLAIM, arg, 1, NULL, NULL) != STORE_OK ||
		    store_query(st, ST_KEY_GET, NULL, 0, a, 1, &r) != STORE_OK)
			return INSTKEY_ERROR;
	}
	if (r.nrows == 0)
		return INSTKEY_NONE;
	if (strcmp(STORE_CELL(&r, 0, 0), id) == 0)
		return INSTKEY_SAME;
	*theirs = STORE_CELL(&r, 0, 0);
	*since = STORE_CELL(&r, 0, 1);
	return INSTKEY_OTHER;
}

int instkey_adopt(struct store *st, const unsigned char key[TOKEN_KEY_BYTES], const char *by)
{
	char id[INSTKEY_ID_LEN + 1];
	unsigned long long changed = 0;
	enum store_err e;

	instkey_id(key, id);
	struct store_arg arg[] = {STORE_STR(id)};
	struct store_arg au[] = {STORE_NULL, STORE_STR(by), STORE_STR("key-adopt"), STORE_NULL,
				 STORE_STR(id)};

	e = store_begin(st);
	if (e == STORE_OK)
		e = store_exec(st, ST_KEY_ADOPT, arg, 1, &changed, NULL);
	if (e == STORE_OK && changed > 0)
		e = store_exec(st, ST_AUDIT_INSERT, au, 5, NULL, NULL);
	if (e == STORE_OK)
		e = store_commit(st);
	else
		store_rollback(st);
	return e != STORE_OK ? -1 : changed > 0;
}
