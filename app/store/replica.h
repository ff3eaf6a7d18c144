/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * replica: what the application needs to read results from a MariaDB
 * replica without ever showing older figures than it could have shown
 * before (docs/scaling.md). Three questions, each one statement of the
 * table: how far behind is the replica (SHOW SLAVE STATUS), up to where
 * has the primary committed (its binary log's GTID position), and has the
 * replica applied that position (MASTER_GTID_WAIT, bounded). The decision
 * from a replica's status is pure and unit-tested; web/readstore.c owns the
 * per-worker state built on it.
 */
#ifndef YV_STORE_REPLICA_H
#define YV_STORE_REPLICA_H

#include <stddef.h>

#include "core/arena.h"
#include "core/settings.h"
#include "store/store.h"

/* What SHOW SLAVE STATUS said. */
struct replica_status {
	int is_replica;	 /* a row came back: replication is configured */
	int io_running;	 /* Slave_IO_Running = Yes (not No, not Connecting) */
	int sql_running; /* Slave_SQL_Running = Yes */
	long long lag;	 /* Seconds_Behind_Master, -1 when NULL (a thread stopped) */
};

enum replica_state {
	REPLICA_OK = 0,	     /* replicating, at most replica_max_lag seconds behind */
	REPLICA_LAGGING,     /* replicating, further behind than that */
	REPLICA_STOPPED,     /* a replication thread is not running: lag unknown */
	REPLICA_NOT_REPLICA, /* the server is not replicating from anywhere */
	REPLICA_UNREACHABLE, /* no connection or the status query failed */
};

/* 1 when the configuration names a replica (db_replica_host or db_replica_socket). */
int replica_configured(const struct settings *cfg);

/*
 * The settings of the replica connection: a copy of cfg whose db_host,
 * db_port, db_socket, db_user and db_password are the replica's (an empty
 * replica user or password keeps the primary's).
 */
void replica_settings(const struct settings *cfg, struct settings *out);

/* Read a SHOW SLAVE STATUS result (columns found by name). Pure. */
void replica_status_parse(const struct store_rows *r, struct replica_status *out);

/* Whether the replica may be read, given its status and the bound. Pure. */
enum replica_state replica_decide(const struct replica_status *st, int max_lag);

/* "ok", "lagging", "stopped", "not replicating", "unreachable". */
const char *replica_state_name(enum replica_state s);

/* Query the replica's status (SHOW SLAVE STATUS) into out. */
enum store_err replica_status_read(struct store *replica, struct arena *a,
				   struct replica_status *out);

/*
 * The primary's binary-log GTID position into pos (outlen bytes; "" when
 * the primary has no binary log, and then no replica can be proven current).
 */
enum store_err replica_primary_position(struct store *primary, struct arena *a, char *pos,
					size_t outlen);

/*
 * Wait at most wait_ms for the replica to have applied GTID position pos;
 * *reached is 1 when it has, 0 when the wait ran out.
 */
enum store_err replica_wait_for(struct store *replica, const char *pos, int wait_ms,
				struct arena *a, int *reached);

#endif
