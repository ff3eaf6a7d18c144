/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store: one MariaDB connection per worker, the statement table and the
 * transactions built on it. Statements are prepared once per connection,
 * on first use. A lost connection is closed and reopened on the next call,
 * so a worker recovers by itself when the database comes back. Knows
 * nothing of HTTP: callers map store_err to statuses.
 */
#ifndef YV_STORE_STORE_H
#define YV_STORE_STORE_H

#include <stddef.h>
#include <stdlib.h>

#include <mysql.h>

#include "core/arena.h"
#include "core/settings.h"
#include "store/stmt.h"

enum store_err {
	STORE_OK = 0,
	STORE_UNAVAILABLE, /* cannot reach the database (answer 503) */
	STORE_RETRY,	   /* deadlock or lock wait timeout: the transaction may be retried */
	STORE_DUPLICATE,   /* a unique key already holds this value */
	STORE_NOT_FOUND,   /* no row matched */
	STORE_ERROR,	   /* anything else: logged where it happened */
};

struct totals_hook;

struct store {
	const struct settings *cfg;
	MYSQL *db;		     /* NULL when not connected */
	MYSQL_STMT *stmt[ST__COUNT]; /* prepared on first use */
	int in_tx;
	/* How this process counts a response into the stored results totals
	 * (store/totals.h); NULL: changes are queued as unknown, and the
	 * totals are rebuilt before they are read again. */
	const struct totals_hook *totals;
};

/* A parameter for a statement. */
enum store_arg_kind { SA_NULL, SA_STR, SA_INT };
struct store_arg {
	enum store_arg_kind kind;
	const char *s;
	size_t len;
	long long i;
};
#define STORE_STR(x) ((struct store_arg){.kind = SA_STR, .s = (x), .len = strlen(x)})
#define STORE_STRN(x, n) ((struct store_arg){.kind = SA_STR, .s = (x), .len = (n)})
#define STORE_INT(x) ((struct store_arg){.kind = SA_INT, .i = (x)})
#define STORE_NULL ((struct store_arg){.kind = SA_NULL})

/* Rows of a SELECT, every column as a string (NULL for SQL NULL), in an arena. */
struct store_rows {
	size_t nrows, ncols;
	char **cells; /* nrows * ncols */
	char **names; /* ncols column names (for SHOW statements, whose columns vary by server
			 version) */
};
#define STORE_CELL(r, row, col) ((r)->cells[(row) * (r)->ncols + (col)])
/* A number cell (0 for SQL NULL) and a text cell ("" for SQL NULL). */
static inline long long store_cell_ll(const struct store_rows *r, size_t row, size_t col)
{
	const char *c = STORE_CELL(r, row, col);

	return c != NULL ? strtoll(c, NULL, 10) : 0;
}
static inline const char *store_cell_str(const struct store_rows *r, size_t row, size_t col)
{
	const char *c = STORE_CELL(r, row, col);

	return c != NULL ? c : "";
}

void store_init(struct store *st, const struct settings *cfg);
/* Connect unless connected. STORE_OK or STORE_UNAVAILABLE. */
enum store_err store_connect(struct store *st);
/* Round trip to the database, reconnecting if needed. */
enum store_err store_ping(struct store *st);
void store_disconnect(struct store *st);
void store_release(struct store *st);

enum store_err store_begin(struct store *st);
enum store_err store_commit(struct store *st);
/* Roll back if a transaction is open; never fails visibly. */
void store_rollback(struct store *st);

/*
 * Run a statement that returns no rows. affected and insert_id may be NULL.
 */
enum store_err store_exec(struct store *st, enum store_stmt id, const struct store_arg *args,
			  size_t nargs, unsigned long long *affected,
			  unsigned long long *insert_id);

/*
 * Run a SELECT and copy at most max_rows rows into the arena (more rows
 * than that is STORE_ERROR: statements carry their own LIMIT).
 */
enum store_err store_query(struct store *st, enum store_stmt id, const struct store_arg *args,
			   size_t nargs, struct arena *a, size_t max_rows, struct store_rows *out);

/* Prepare every statement of the table; for the test that checks them. */
enum store_err store_prepare_all(struct store *st, char *err, size_t errlen);

#endif
