/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * health: /healthz for nginx and monitoring. 200 when this worker's
 * database connection (the primary) answers a query, 503 otherwise; plain
 * text, never cached. The first line is "ok", "database unavailable", or
 * "wrong secret key" (503 too: another key was adopted, see instkey.h);
 * then, when instance_name is set, the instance's name and a short id of
 * its secret key (every instance must have the same), and, with a replica, its
 * state and lag and where results are read from (a replica that is down
 * or behind does not make the instance unhealthy: the primary answers).
 */
#include "config.h"

#include <time.h>

#include "core/log.h"
#include "store/instkey.h"
#include "web/handlers.h"
#include "web/pages.h"
#include "web/readstore.h"

#define KEY_CHECK_EVERY 5 /* seconds between a worker's checks of the key record */

void handle_health(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	char id[INSTKEY_ID_LEN + 1];
	const char *theirs = NULL, *since = NULL;
	enum instkey_state key;

	(void)rp;

	/* claims the record when none is: an instance that started while the
	 * database was down records its key here */
	key = instkey_check(&app->store, app->key, 1, rq->a, &theirs, &since);
	rs->content_type = "text/plain; charset=utf-8";
	resp_header(rs, "Cache-Control", "no-store");
	if (key == INSTKEY_ERROR) {
		rs->status = 503;
		resp_header(rs, "Retry-After", "10");
		buf_puts(&rs->body, "database unavailable\n");
	} else if (key == INSTKEY_OTHER) {
		/* another host's key was adopted since this one started: the
		 * forms it serves would be refused elsewhere, and theirs here */
		rs->status = 503;
		buf_printf(&rs->body,
			   "wrong secret key: the installation uses key id %.8s since %s "
			   "(see 'yourvoice key')\n",
			   theirs, since);
	} else {
		rs->status = 200;
		buf_printf(&rs->body, "ok\nsurveys: %zu\n", survey_set_count(app->surveys));
	}
	if (app->cfg.instance_name[0] != '\0') {
		/* Several instances must share one secret key: a short, one-way id of
		 * it lets operators compare hosts without revealing anything of it. */
		instkey_id(app->key, id);
		buf_printf(&rs->body, "instance: %s\nkey id: %.8s\n", app->cfg.instance_name, id);
	}
	app_read_store_health(app, rq->a, &rs->body);
}

int web_key_current(struct app *app, struct arena *a)
{
	time_t now = time(NULL);

	if (app->key_checked == 0 || now - app->key_checked >= KEY_CHECK_EVERY) {
		const char *theirs, *since;
		enum instkey_state k = instkey_check(&app->store, app->key, 0, a, &theirs, &since);

		app->key_checked = (long long)now;
		if (k != INSTKEY_ERROR) {
			if (k == INSTKEY_OTHER && !app->key_other)
				log_error(
				    "the installation now uses another secret key (key id %.8s, "
				    "since %s): "
				    "this instance answers 503 until it is restarted with that key",
				    theirs, since);
			app->key_other = k == INSTKEY_OTHER;
		}
	}
	return !app->key_other;
}
