/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * health: /healthz for nginx and monitoring. 200 when this worker's
 * database connection (the primary) answers a query, 503 otherwise; plain
 * text, never cached. The first line is "ok" or "database unavailable";
 * then, when instance_name is set, the instance's name and a short id of
 * its secret key (every instance must have the same), and, with a replica, its
 * state and lag and where results are read from (a replica that is down
 * or behind does not make the instance unhealthy: the primary answers).
 */
#include "config.h"

#include "render/html.h"
#include "web/handlers.h"
#include "web/readstore.h"

void handle_health(struct app *app, struct req *rq, struct resp *rs)
{
	struct store_rows rows;
	enum store_err e;

	e = store_query(&app->store, ST_PING, NULL, 0, rq->a, 1, &rows);
	rs->content_type = "text/plain; charset=utf-8";
	resp_header(rs, "Cache-Control", "no-store");
	if (e == STORE_OK) {
		rs->status = 200;
		buf_printf(&rs->body, "ok\nsurveys: %zu\n", survey_set_count(app->surveys));
	} else {
		rs->status = 503;
		resp_header(rs, "Retry-After", "10");
		buf_puts(&rs->body, "database unavailable\n");
	}
	if (app->cfg.instance_name[0] != '\0') {
		/* Several instances must share one secret key: a short, one-way id of
		 * it lets operators compare hosts without revealing anything of it. */
		char id[65];

		token_sign(app->key, "yourvoice key id", id);
		buf_printf(&rs->body, "instance: %s\nkey id: %.8s\n", app->cfg.instance_name, id);
	}
	app_read_store_health(app, rq->a, &rs->body);
}
