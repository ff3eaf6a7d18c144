/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sessions: see sessions.h. The only place that knows the columns of the
 * admin_session statements and of the sign-in lookups.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/sessions.h"
#include "store/stmt.h"

int sessions_get(struct store *st, struct arena *a, const char *id_hash, long idle_s, long max_s,
		 struct session_account *out)
{
	struct store_arg q[] = {STORE_STR(id_hash), STORE_INT(idle_s), STORE_INT(max_s)};
	struct store_rows r, sv;

	memset(out, 0, sizeof(*out));
	if (store_query(st, ST_ADMIN_SESSION_GET, q, 3, a, 1, &r) != STORE_OK)
		return -1;
	if (r.nrows != 1)
		return 0;
	out->user_id = strtoll(STORE_CELL(&r, 0, 0), NULL, 10);
	out->username = STORE_CELL(&r, 0, 1);
	out->role = STORE_CELL(&r, 0, 2);
	out->display = STORE_CELL(&r, 0, 3);
	{
		struct store_arg u[] = {STORE_INT(out->user_id)};
		struct store_arg t[] = {STORE_STR(id_hash)};

		if (store_query(st, ST_USER_SURVEYS, u, 1, a, 1000, &sv) != STORE_OK ||
		    store_exec(st, ST_ADMIN_SESSION_TOUCH, t, 1, NULL, NULL) != STORE_OK)
			return -1;
	}
	if (sv.nrows > 0) {
		out->surveys = arena_calloc(a, sv.nrows, sizeof(char *));
		if (out->surveys == NULL)
			return -1;
		for (size_t i = 0; i < sv.nrows; i++)
			out->surveys[i] = STORE_CELL(&sv, i, 0);
		out->nsurveys = sv.nrows;
	}
	return 1;
}

enum store_err sessions_add(struct store *st, const char *id_hash, long long user_id)
{
	struct store_arg a[] = {STORE_STR(id_hash), STORE_INT(user_id)};

	return store_exec(st, ST_ADMIN_SESSION_INSERT, a, 2, NULL, NULL);
}

enum store_err sessions_end(struct store *st, const char *id_hash)
{
	struct store_arg a[] = {STORE_STR(id_hash)};

	return store_exec(st, ST_ADMIN_SESSION_DELETE, a, 1, NULL, NULL);
}
