/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests of store/replica.c's pure parts: reading SHOW SLAVE STATUS
 * and deciding whether a replica may be read. No database. */
#include "config.h"

#include <string.h>

#include "core/settings.h"
#include "store/replica.h"
#include "tap.h"

/* One SHOW SLAVE STATUS row with the three columns that matter among others. */
static void row(struct store_rows *r, char **names, char **cells, const char *io, const char *sql,
		const char *lag)
{
	names[0] = "Slave_IO_State";
	names[1] = "Slave_IO_Running";
	names[2] = "Slave_SQL_Running";
	names[3] = "Last_Error";
	names[4] = "Seconds_Behind_Master";
	cells[0] = "Waiting for master to send event";
	cells[1] = (char *)io;
	cells[2] = (char *)sql;
	cells[3] = "";
	cells[4] = (char *)lag;
	r->nrows = 1;
	r->ncols = 5;
	r->names = names;
	r->cells = cells;
}

int main(void)
{
	struct store_rows r;
	struct replica_status st;
	struct settings cfg, rc;
	char *names[5], *cells[5];

	memset(&r, 0, sizeof(r));
	replica_status_parse(&r, &st);
	is_int(st.is_replica, 0, "no row: not a replica");
	is_int(replica_decide(&st, 5), REPLICA_NOT_REPLICA,
	       "a server that replicates from nowhere is not read");

	row(&r, names, cells, "Yes", "Yes", "0");
	replica_status_parse(&r, &st);
	is_int(st.is_replica && st.io_running && st.sql_running, 1, "both threads running");
	is_int((int)st.lag, 0, "lag read by column name");
	is_int(replica_decide(&st, 5), REPLICA_OK, "running and caught up: read");

	row(&r, names, cells, "Yes", "Yes", "5");
	replica_status_parse(&r, &st);
	is_int(replica_decide(&st, 5), REPLICA_OK, "exactly at the bound: read");
	row(&r, names, cells, "Yes", "Yes", "6");
	replica_status_parse(&r, &st);
	is_int(replica_decide(&st, 5), REPLICA_LAGGING, "past the bound: not read");
	is_int(replica_decide(&st, 0), REPLICA_LAGGING,
	       "a bound of 0 takes only a replica 0 s behind");

	row(&r, names, cells, "Yes", "No", NULL);
	replica_status_parse(&r, &st);
	is_int((int)st.lag, -1, "NULL lag is unknown");
	is_int(replica_decide(&st, 5), REPLICA_STOPPED, "SQL thread stopped: not read");
	row(&r, names, cells, "Connecting", "Yes", NULL);
	replica_status_parse(&r, &st);
	is_int(replica_decide(&st, 5), REPLICA_STOPPED,
	       "IO thread connecting: lag unknown, not read");
	row(&r, names, cells, "No", "Yes", "0");
	replica_status_parse(&r, &st);
	is_int(replica_decide(&st, 86400), REPLICA_STOPPED,
	       "IO thread stopped with a stale 0: not read");
	row(&r, names, cells, "Yes", "Yes", "junk");
	replica_status_parse(&r, &st);
	is_int(replica_decide(&st, 5), REPLICA_STOPPED, "an unreadable lag is unknown");
	row(&r, names, cells, "Yes", "Yes", "-3");
	replica_status_parse(&r, &st);
	is_int(replica_decide(&st, 5), REPLICA_STOPPED, "a negative lag is unknown");

	/* A server version that names the columns differently: nothing found, nothing trusted. */
	row(&r, names, cells, "Yes", "Yes", "0");
	names[1] = "Replica_IO_Running";
	replica_status_parse(&r, &st);
	is_int(replica_decide(&st, 5), REPLICA_STOPPED, "an unknown column layout is not trusted");

	is_str(replica_state_name(REPLICA_OK), "ok", "state names");
	is_str(replica_state_name(REPLICA_UNREACHABLE), "unreachable", "state names (unreachable)");

	settings_defaults(&cfg);
	is_int(replica_configured(&cfg), 0, "no replica by default");
	is_int(cfg.replica_max_lag, 5, "default bound 5 s");
	snprintf(cfg.db_socket, sizeof(cfg.db_socket), "/run/primary.sock");
	snprintf(cfg.db_password, sizeof(cfg.db_password), "pw");
	snprintf(cfg.db_replica_host, sizeof(cfg.db_replica_host), "10.0.0.2");
	cfg.db_replica_port = 3306;
	is_int(replica_configured(&cfg), 1, "a replica host configures one");
	replica_settings(&cfg, &rc);
	is_str(rc.db_host, "10.0.0.2", "replica connection: its host");
	is_str(rc.db_socket, "", "replica connection: not the primary's socket");
	is_str(rc.db_user, "yourvoice", "replica connection: the primary's user when none given");
	is_str(rc.db_password, "pw", "replica connection: the primary's password when none given");
	snprintf(cfg.db_replica_user, sizeof(cfg.db_replica_user), "reader");
	replica_settings(&cfg, &rc);
	is_str(rc.db_user, "reader", "replica connection: its own user when given");
	return tap_done();
}
