/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * readstore: the replica connection of this worker and the choice between
 * it and the primary (see readstore.h). A replica is read only when
 *   1. its last status (at most a second old) says both replication
 *      threads run and it is at most replica_max_lag seconds behind, and
 *   2. it has applied the primary's binary-log GTID position read at the
 *      start of this request, waiting at most replica_wait_ms for it.
 * The second makes the guarantee: whatever any instance served before
 * this request began was read from a state that the replica now holds.
 * The first spares requests the wait on a replica known to be behind.
 * A replica that cannot be reached is left alone for 2 s, then 4, 8, ...
 * up to 60, so a dead host costs a worker one connect timeout per period.
 */
#include "config.h"

#include <time.h>

#include "core/log.h"
#include "store/replica.h"
#include "web/readstore.h"

#define CHECK_EVERY 1.0
#define BACKOFF_MIN 2.0
#define BACKOFF_MAX 60.0

static struct {
	int ready;
	struct settings cfg; /* the replica's connection settings */
	struct store st;
	struct replica_status status;
	enum replica_state state;
	double checked_at, retry_at, backoff;
	unsigned long long from_replica, from_primary; /* this worker's choices, for /healthz */
} R;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void ensure(struct app *app)
{
	if (R.ready)
		return;
	replica_settings(&app->cfg, &R.cfg);
	store_init(&R.st, &R.cfg);
	R.state = REPLICA_UNREACHABLE;
	R.ready = 1;
}

static void set_state(enum replica_state s)
{
	if (s != R.state) {
		if (s == REPLICA_OK)
			log_info("replica: %s, %lld s behind: results read from it",
				 replica_state_name(s), R.status.lag);
		else
			log_warn("replica: %s: results read from the primary",
				 replica_state_name(s));
	}
	R.state = s;
}

static void mark_down(double now)
{
	store_disconnect(&R.st);
	R.backoff = R.backoff < BACKOFF_MIN ? BACKOFF_MIN : R.backoff * 2;
	if (R.backoff > BACKOFF_MAX)
		R.backoff = BACKOFF_MAX;
	R.retry_at = now + R.backoff;
	R.checked_at = now;
	set_state(REPLICA_UNREACHABLE);
}

/* Refresh the status if it is older than CHECK_EVERY (or force); honours the back-off. */
static void refresh(struct app *app, struct arena *a, int force)
{
	double now = now_s();

	if (now < R.retry_at)
		return;
	if (!force && R.checked_at > 0 && now - R.checked_at < CHECK_EVERY)
		return;
	if (replica_status_read(&R.st, a, &R.status) != STORE_OK) {
		mark_down(now);
		return;
	}
	R.backoff = 0;
	R.checked_at = now;
	set_state(replica_decide(&R.status, app->cfg.replica_max_lag));
}

static struct store *choose(struct app *app, struct arena *a)
{
	char pos[4096];
	int reached = 0;

	if (!replica_configured(&app->cfg))
		return &app->store;
	ensure(app);
	refresh(app, a, 0);
	R.from_primary++; /* undone below when the replica is chosen */
	if (R.state != REPLICA_OK)
		return &app->store;
	if (replica_primary_position(&app->store, a, pos, sizeof(pos)) != STORE_OK)
		return &app->store; /* the primary's own trouble: the caller meets it there */
	if (pos[0] == '\0')
		return &app->store; /* no binary log on the primary: nothing proves the replica
				       current */
	if (replica_wait_for(&R.st, pos, app->cfg.replica_wait_ms, a, &reached) != STORE_OK) {
		mark_down(now_s());
		return &app->store;
	}
	if (!reached)
		return &app->store;
	R.from_primary--;
	R.from_replica++;
	return &R.st;
}

struct store *app_read_store(struct app *app, struct req *rq)
{
	if (rq->read_store == NULL)
		rq->read_store = choose(app, rq->a);
	return rq->read_store;
}

void app_read_store_failed(struct app *app, struct req *rq, struct store *st)
{
	if (R.ready && st == &R.st)
		mark_down(now_s());
	rq->read_store = &app->store;
}

void app_read_store_health(struct app *app, struct arena *a, struct buf *out)
{
	if (!replica_configured(&app->cfg))
		return;
	ensure(app);
	refresh(app, a, 1);
	switch (R.state) {
	case REPLICA_OK:
	case REPLICA_LAGGING:
		buf_printf(out, "replica: %s, %lld s behind (max %d s)\n",
			   replica_state_name(R.state), R.status.lag, app->cfg.replica_max_lag);
		break;
	case REPLICA_UNREACHABLE:
		buf_printf(out, "replica: unreachable (next try in %.0f s)\n",
			   R.retry_at > now_s() ? R.retry_at - now_s() : 0.0);
		break;
	default:
		buf_printf(out, "replica: %s (io %s, sql %s)\n", replica_state_name(R.state),
			   R.status.io_running ? "running" : "stopped",
			   R.status.sql_running ? "running" : "stopped");
		break;
	}
	buf_printf(out, "results read from: %s\n", R.state == REPLICA_OK ? "replica" : "primary");
	buf_printf(out,
		   "results reads by this worker: %llu from the replica, %llu from the primary\n",
		   R.from_replica, R.from_primary);
}
