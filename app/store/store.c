/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store: MariaDB connection, statement preparation, parameter binding and
 * transactions (see store.h). Every error is mapped once, here, to a
 * store_err; connection-level errors close the connection so that the
 * next call reconnects.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <errmsg.h>
#include <mysqld_error.h>

#include "core/log.h"
#include "store/store.h"

#define STORE_MAX_ARGS 32

void store_init(struct store *st, const struct settings *cfg)
{
	memset(st, 0, sizeof(*st));
	st->cfg = cfg;
}

void store_disconnect(struct store *st)
{
	for (int i = 0; i < ST__COUNT; i++) {
		if (st->stmt[i] != NULL)
			mysql_stmt_close(st->stmt[i]);
		st->stmt[i] = NULL;
	}
	if (st->db != NULL)
		mysql_close(st->db);
	st->db = NULL;
	st->in_tx = 0;
}

void store_release(struct store *st)
{
	store_disconnect(st);
}

static int is_connection_error(unsigned err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST || err == CR_CONNECTION_ERROR ||
	       err == CR_CONN_HOST_ERROR || err == CR_UNKNOWN_HOST ||
	       err == CR_COMMANDS_OUT_OF_SYNC || err == ER_CONNECTION_KILLED ||
	       err == ER_SERVER_SHUTDOWN || err == CR_SERVER_LOST_EXTENDED ||
	       err == ER_QUERY_INTERRUPTED || err == 0;
}

/* Map an error number to a store_err, dropping the connection if it is gone. */
static enum store_err map_error(struct store *st, unsigned err, const char *what, const char *msg)
{
	switch (err) {
	case ER_DUP_ENTRY:
		return STORE_DUPLICATE;
	case ER_LOCK_DEADLOCK:
	case ER_LOCK_WAIT_TIMEOUT:
		log_warn("store: %s: %s (will retry)", what, msg);
		return STORE_RETRY;
	default:
		break;
	}
	if (is_connection_error(err) || err >= 2000) {
		log_warn("store: %s: database unavailable: %s", what, msg);
		store_disconnect(st);
		return STORE_UNAVAILABLE;
	}
	log_error("store: %s: error %u: %s", what, err, msg);
	return STORE_ERROR;
}

static enum store_err stmt_error(struct store *st, MYSQL_STMT *s, enum store_stmt id)
{
	return map_error(st, mysql_stmt_errno(s), store_stmt_name(id), mysql_stmt_error(s));
}

enum store_err store_connect(struct store *st)
{
	const struct settings *c = st->cfg;
	unsigned int timeout = 3, rw_timeout = 15;
	MYSQL *db;

	if (st->db != NULL)
		return STORE_OK;
	db = mysql_init(NULL);
	if (db == NULL)
		log_fatal("out of memory (mysql_init)");
	mysql_optionsv(db, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_optionsv(db, MYSQL_OPT_READ_TIMEOUT, &rw_timeout);
	mysql_optionsv(db, MYSQL_OPT_WRITE_TIMEOUT, &rw_timeout);
	mysql_optionsv(db, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* Strict mode and UTC for every session, whatever the server default. */
	mysql_optionsv(db, MYSQL_INIT_COMMAND,
		       "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
		       "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', time_zone = '+00:00'");
	mysql_optionsv(db, MYSQL_INIT_COMMAND,
		       "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
	if (mysql_real_connect(db, c->db_host[0] ? c->db_host : NULL, c->db_user,
			       c->db_password[0] ? c->db_password : NULL, c->db_name,
			       (unsigned)c->db_port, c->db_socket[0] ? c->db_socket : NULL,
			       0) == NULL) {
		log_warn("store: cannot connect to the database: %s", mysql_error(db));
		mysql_close(db);
		return STORE_UNAVAILABLE;
	}
	st->db = db;
	st->in_tx = 0;
	return STORE_OK;
}

enum store_err store_ping(struct store *st)
{
	enum store_err e = store_connect(st);

	if (e != STORE_OK)
		return e;
	if (mysql_ping(st->db) != 0)
		return map_error(st, mysql_errno(st->db), "ping", mysql_error(st->db));
	return STORE_OK;
}

static MYSQL_STMT *prepare(struct store *st, enum store_stmt id, enum store_err *err)
{
	MYSQL_STMT *s;
	const char *sql;

	*err = store_connect(st);
	if (*err != STORE_OK)
		return NULL;
	if (st->stmt[id] != NULL)
		return st->stmt[id];
	s = mysql_stmt_init(st->db);
	if (s == NULL)
		log_fatal("out of memory (mysql_stmt_init)");
	sql = store_stmt_sql(id);
	if (mysql_stmt_prepare(s, sql, strlen(sql)) != 0) {
		*err = stmt_error(st, s, id);
		mysql_stmt_close(s);
		return NULL;
	}
	st->stmt[id] = s;
	return s;
}

static enum store_err bind_args(struct store *st, MYSQL_STMT *s, enum store_stmt id,
				const struct store_arg *args, size_t nargs, MYSQL_BIND *b,
				unsigned long *lens)
{
	if (nargs != mysql_stmt_param_count(s) || nargs > STORE_MAX_ARGS) {
		log_error("store: %s takes %lu parameters, given %zu", store_stmt_name(id),
			  mysql_stmt_param_count(s), nargs);
		return STORE_ERROR;
	}
	memset(b, 0, sizeof(*b) * nargs);
	for (size_t i = 0; i < nargs; i++) {
		switch (args[i].kind) {
		case SA_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case SA_STR:
			lens[i] = (unsigned long)args[i].len;
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)args[i].s;
			b[i].buffer_length = lens[i];
			b[i].length = &lens[i];
			break;
		case SA_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&args[i].i;
			break;
		}
	}
	if (nargs > 0 && mysql_stmt_bind_param(s, b) != 0)
		return stmt_error(st, s, id);
	return STORE_OK;
}

static enum store_err exec_once(struct store *st, enum store_stmt id, const struct store_arg *args,
				size_t nargs, unsigned long long *affected,
				unsigned long long *insert_id)
{
	MYSQL_BIND b[STORE_MAX_ARGS];
	unsigned long lens[STORE_MAX_ARGS];
	enum store_err e;
	MYSQL_STMT *s = prepare(st, id, &e);

	if (s == NULL)
		return e;
	e = bind_args(st, s, id, args, nargs, b, lens);
	if (e != STORE_OK)
		return e;
	if (mysql_stmt_execute(s) != 0)
		return stmt_error(st, s, id);
	if (affected != NULL)
		*affected = mysql_stmt_affected_rows(s);
	if (insert_id != NULL)
		*insert_id = mysql_stmt_insert_id(s);
	return STORE_OK;
}

static enum store_err query_once(struct store *st, enum store_stmt id, const struct store_arg *args,
				 size_t nargs, struct arena *a, size_t max_rows,
				 struct store_rows *out)
{
	MYSQL_BIND b[STORE_MAX_ARGS], *rb = NULL;
	unsigned long lens[STORE_MAX_ARGS], *rlens = NULL;
	my_bool *nulls = NULL;
	MYSQL_RES *meta = NULL;
	MYSQL_FIELD *fields;
	my_bool update_max = 1;
	enum store_err e;
	size_t ncols, nrows, row = 0;
	MYSQL_STMT *s = prepare(st, id, &e);

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return e;
	e = bind_args(st, s, id, args, nargs, b, lens);
	if (e != STORE_OK)
		return e;
	mysql_stmt_attr_set(s, STMT_ATTR_UPDATE_MAX_LENGTH, &update_max);
	if (mysql_stmt_execute(s) != 0 || mysql_stmt_store_result(s) != 0)
		return stmt_error(st, s, id);
	nrows = (size_t)mysql_stmt_num_rows(s);
	if (nrows > max_rows) {
		log_error("store: %s returned %zu rows, more than %zu", store_stmt_name(id), nrows,
			  max_rows);
		e = STORE_ERROR;
		goto out;
	}
	meta = mysql_stmt_result_metadata(s);
	if (meta == NULL) {
		e = stmt_error(st, s, id);
		goto out;
	}
	ncols = mysql_num_fields(meta);
	fields = mysql_fetch_fields(meta);
	rb = arena_calloc(a, ncols, sizeof(*rb));
	rlens = arena_calloc(a, ncols, sizeof(*rlens));
	nulls = arena_calloc(a, ncols, sizeof(*nulls));
	out->cells = arena_calloc(a, nrows * ncols + 1, sizeof(char *));
	out->names = arena_calloc(a, ncols + 1, sizeof(char *));
	if (rb == NULL || rlens == NULL || nulls == NULL || out->cells == NULL ||
	    out->names == NULL) {
		e = STORE_ERROR;
		goto out;
	}
	for (size_t c = 0; c < ncols; c++) {
		size_t cap = fields[c].max_length + 1;

		rb[c].buffer_type = MYSQL_TYPE_STRING;
		rb[c].buffer = arena_alloc(a, cap);
		rb[c].buffer_length = cap;
		rb[c].length = &rlens[c];
		rb[c].is_null = &nulls[c];
		out->names[c] = arena_strdup(a, fields[c].name ? fields[c].name : "");
		if (rb[c].buffer == NULL || out->names[c] == NULL) {
			e = STORE_ERROR;
			goto out;
		}
	}
	if (mysql_stmt_bind_result(s, rb) != 0) {
		e = stmt_error(st, s, id);
		goto out;
	}
	out->ncols = ncols;
	while (row < nrows) {
		int rc = mysql_stmt_fetch(s);

		if (rc == MYSQL_NO_DATA)
			break;
		if (rc == 1) {
			e = stmt_error(st, s, id);
			goto out;
		}
		for (size_t c = 0; c < ncols; c++)
			STORE_CELL(out, row, c) =
			    nulls[c] ? NULL : arena_strndup(a, rb[c].buffer, rlens[c]);
		row++;
	}
	out->nrows = row;
	e = STORE_OK;
out:
	if (meta != NULL)
		mysql_free_result(meta);
	if (st->db != NULL && st->stmt[id] == s)
		mysql_stmt_free_result(s);
	return e;
}

/*
 * A connection that went stale while the worker was idle (the database was
 * restarted) fails on first use: outside a transaction, reconnect and try
 * once more, so the resident does not see the outage that is already over.
 */
enum store_err store_exec(struct store *st, enum store_stmt id, const struct store_arg *args,
			  size_t nargs, unsigned long long *affected, unsigned long long *insert_id)
{
	int had = st->db != NULL && !st->in_tx;
	enum store_err e = exec_once(st, id, args, nargs, affected, insert_id);

	if (e == STORE_UNAVAILABLE && had)
		e = exec_once(st, id, args, nargs, affected, insert_id);
	return e;
}

enum store_err store_query(struct store *st, enum store_stmt id, const struct store_arg *args,
			   size_t nargs, struct arena *a, size_t max_rows, struct store_rows *out)
{
	int had = st->db != NULL && !st->in_tx;
	enum store_err e = query_once(st, id, args, nargs, a, max_rows, out);

	if (e == STORE_UNAVAILABLE && had)
		e = query_once(st, id, args, nargs, a, max_rows, out);
	return e;
}

enum store_err store_begin(struct store *st)
{
	enum store_err e = store_connect(st);

	if (e != STORE_OK)
		return e;
	if (mysql_autocommit(st->db, 0) != 0)
		return map_error(st, mysql_errno(st->db), "begin", mysql_error(st->db));
	st->in_tx = 1;
	return STORE_OK;
}

enum store_err store_commit(struct store *st)
{
	enum store_err e;

	if (st->db == NULL)
		return STORE_UNAVAILABLE;
	if (mysql_commit(st->db) != 0) {
		e = map_error(st, mysql_errno(st->db), "commit", mysql_error(st->db));
		store_rollback(st);
		return e;
	}
	mysql_autocommit(st->db, 1);
	st->in_tx = 0;
	return STORE_OK;
}

void store_rollback(struct store *st)
{
	if (st->db == NULL || !st->in_tx)
		return;
	if (mysql_rollback(st->db) != 0 || mysql_autocommit(st->db, 1) != 0)
		store_disconnect(st);
	st->in_tx = 0;
}

enum store_err store_prepare_all(struct store *st, char *err, size_t errlen)
{
	for (int i = 0; i < ST__COUNT; i++) {
		enum store_err e;

		if (prepare(st, (enum store_stmt)i, &e) == NULL) {
			snprintf(err, errlen, "%s: %s", store_stmt_name((enum store_stmt)i),
				 st->db ? mysql_error(st->db) : "no connection");
			return e;
		}
	}
	return STORE_OK;
}
