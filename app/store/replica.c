/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* replica: replica status, the primary's position and the bounded wait (see replica.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/replica.h"

int replica_configured(const struct settings *cfg)
{
	return cfg->db_replica_host[0] != '\0' || cfg->db_replica_socket[0] != '\0';
}

void replica_settings(const struct settings *cfg, struct settings *out)
{
	*out = *cfg;
	snprintf(out->db_host, sizeof(out->db_host), "%s", cfg->db_replica_host);
	out->db_port = cfg->db_replica_port;
	snprintf(out->db_socket, sizeof(out->db_socket), "%s", cfg->db_replica_socket);
	if (cfg->db_replica_user[0] != '\0')
		snprintf(out->db_user, sizeof(out->db_user), "%s", cfg->db_replica_user);
	if (cfg->db_replica_password[0] != '\0')
		snprintf(out->db_password, sizeof(out->db_password), "%s",
			 cfg->db_replica_password);
}

static const char *column(const struct store_rows *r, const char *name)
{
	if (r->nrows < 1 || r->names == NULL)
		return NULL;
	for (size_t c = 0; c < r->ncols; c++)
		if (r->names[c] != NULL && strcmp(r->names[c], name) == 0)
			return STORE_CELL(r, 0, c);
	return NULL;
}

void replica_status_parse(const struct store_rows *r, struct replica_status *out)
{
	const char *io, *sql, *lag;
	char *end;

	memset(out, 0, sizeof(*out));
	out->lag = -1;
	if (r->nrows < 1)
		return;
	out->is_replica = 1;
	io = column(r, "Slave_IO_Running");
	sql = column(r, "Slave_SQL_Running");
	lag = column(r, "Seconds_Behind_Master");
	out->io_running = io != NULL && strcmp(io, "Yes") == 0;
	out->sql_running = sql != NULL && strcmp(sql, "Yes") == 0;
	if (lag != NULL && lag[0] != '\0') {
		long long v = strtoll(lag, &end, 10);

		if (*end == '\0' && v >= 0)
			out->lag = v;
	}
}

enum replica_state replica_decide(const struct replica_status *st, int max_lag)
{
	if (!st->is_replica)
		return REPLICA_NOT_REPLICA;
	/* With a thread stopped the server cannot say how far behind it is:
	 * every minute it stays so, it falls further behind unseen. */
	if (!st->io_running || !st->sql_running || st->lag < 0)
		return REPLICA_STOPPED;
	if (st->lag > (long long)max_lag)
		return REPLICA_LAGGING;
	return REPLICA_OK;
}

const char *replica_state_name(enum replica_state s)
{
	switch (s) {
	case REPLICA_OK:
		return "ok";
	case REPLICA_LAGGING:
		return "lagging";
	case REPLICA_STOPPED:
		return "stopped";
	case REPLICA_NOT_REPLICA:
		return "not replicating";
	case REPLICA_UNREACHABLE:
		break;
	}
	return "unreachable";
}

enum store_err replica_status_read(struct store *replica, struct arena *a,
				   struct replica_status *out)
{
	struct store_rows r;
	enum store_err e = store_query(replica, ST_REPLICA_STATUS, NULL, 0, a, 1, &r);

	if (e != STORE_OK)
		return e;
	replica_status_parse(&r, out);
	return STORE_OK;
}

enum store_err replica_primary_position(struct store *primary, struct arena *a, char *pos,
					size_t outlen)
{
	struct store_rows r;
	enum store_err e = store_query(primary, ST_GTID_BINLOG_POS, NULL, 0, a, 1, &r);

	pos[0] = '\0';
	if (e != STORE_OK)
		return e;
	if (r.nrows == 1 && STORE_CELL(&r, 0, 0) != NULL) {
		if (strlen(STORE_CELL(&r, 0, 0)) >= outlen)
			return STORE_ERROR;
		snprintf(pos, outlen, "%s", STORE_CELL(&r, 0, 0));
	}
	return STORE_OK;
}

enum store_err replica_wait_for(struct store *replica, const char *pos, int wait_ms,
				struct arena *a, int *reached)
{
	struct store_arg args[] = {STORE_STR(pos), STORE_INT(wait_ms)};
	struct store_rows r;
	enum store_err e = store_query(replica, ST_GTID_WAIT, args, 2, a, 1, &r);

	*reached = 0;
	if (e != STORE_OK)
		return e;
	/* 0: applied; -1: timed out; NULL: an error such as a malformed position. */
	*reached =
	    r.nrows == 1 && STORE_CELL(&r, 0, 0) != NULL && strcmp(STORE_CELL(&r, 0, 0), "0") == 0;
	return STORE_OK;
}
