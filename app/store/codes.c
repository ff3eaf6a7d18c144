/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* codes: stored codes converted to keyed hashes (see codes.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "store/codes.h"

struct codes_table {
	enum store_stmt unkeyed, key;
	int ncodes; /* hashed columns after the id, in the order of the UPDATE */
};

static const struct codes_table tables[] = {
    {ST_CODES_RESPONSE_UNKEYED, ST_CODES_RESPONSE_KEY, 2},
    {ST_CODES_PARTIAL_UNKEYED, ST_CODES_PARTIAL_KEY, 1},
    {ST_CODES_INVITATION_UNKEYED, ST_CODES_INVITATION_KEY, 1},
};

/* One batch of one table: rows converted, or -1. */
static long rekey_batch(struct store *st, const unsigned char key[TOKEN_KEY_BYTES],
			const struct codes_table *t, struct arena *a, int *more)
{
	struct store_rows r;
	long n = 0;

	*more = 0;
	if (store_query(st, t->unkeyed, NULL, 0, a, 1000, &r) != STORE_OK)
		return -1;
	for (size_t i = 0; i < r.nrows; i++) {
		char h[2][65];
		struct store_arg arg[3];
		unsigned long long changed = 0;
		int k;

		for (k = 0; k < t->ncodes; k++) {
			const char *old = STORE_CELL(&r, i, 1 + k);

			token_code_rehash(key, old ? old : "", h[k]);
			arg[k] = STORE_STR(h[k]);
		}
		arg[k] = STORE_INT(strtoll(STORE_CELL(&r, i, 0), NULL, 10));
		if (store_exec(st, t->key, arg, (unsigned)(k + 1), &changed, NULL) != STORE_OK)
			return -1;
		n += (long)changed;
	}
	*more = r.nrows == 1000;
	return n;
}

long codes_pending(struct store *st)
{
	long total = 0;

	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		struct store_rows r;
		struct arena a;
		enum store_err e;

		arena_init(&a, 0);
		e = store_query(st, tables[t].unkeyed, NULL, 0, &a, 1000, &r);
		if (e == STORE_OK)
			total += (long)r.nrows;
		arena_release(&a);
		if (e != STORE_OK)
			return -1;
	}
	return total;
}

long codes_rekey(struct store *st, const unsigned char key[TOKEN_KEY_BYTES])
{
	long total = 0;

	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		int more = 1;

		while (more) {
			struct arena a;
			long n;

			arena_init(&a, 0);
			n = rekey_batch(st, key, &tables[t], &a, &more);
			arena_release(&a);
			if (n < 0)
				return -1;
			total += n;
		}
	}
	return total;
}
