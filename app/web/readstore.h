/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * readstore: which database a results read goes to. Writes, sign-in,
 * partial saves, receipts and publication decisions always use the
 * primary (app->store); results pages, open data and summaries call
 * app_read_store() and get the replica when, and only when, it has
 * applied everything the primary had committed when the read began
 * (docs/scaling.md: the figures never go backwards), else the primary.
 * The replica's connection and status live in this worker (process
 * memory), checked at most once a second.
 */
#ifndef YV_WEB_READSTORE_H
#define YV_WEB_READSTORE_H

#include "core/arena.h"
#include "core/buf.h"
#include "web/web.h"

/* The store to read results from for this request; never NULL. Chosen
 * at the first call and kept for the request (rq->read_store), so the
 * figures and the themes of one page come from one database. */
struct store *app_read_store(struct app *app, struct req *rq);

/*
 * A read on st failed: if st is the replica, stop using it for a while,
 * and for the rest of this request (the caller then reads from the
 * primary). Harmless for the primary.
 */
void app_read_store_failed(struct app *app, struct req *rq, struct store *st);

/* /healthz lines about the replica ("replica: ..."); nothing when none is configured. */
void app_read_store_health(struct app *app, struct arena *a, struct buf *out);

#endif
