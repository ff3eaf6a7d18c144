/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * web: the process-lifetime application state, the request and response
 * every handler works on, and the entry point that routes one request.
 * A request is complete before a handler runs: the body is read and
 * decoded within the configured limits, the language is chosen, and all
 * its memory lives in the request arena.
 */
#ifndef YV_WEB_WEB_H
#define YV_WEB_WEB_H

#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/settings.h"
#include "core/token.h"
#include "store/store.h"
#include "store/totals.h"
#include "survey/survey.h"
#include "web/http.h"

#define RESP_MAX_BODY (4 * 1024 * 1024)
#define RESP_MAX_HEAD (16 * 1024)

/* Built at start-up, shared read-only after fork except for the store. */
struct geo;
struct redactor;
struct themereview_cache;

/* ratelimit.c: a worker's in-memory count of one network's requests. */
#define APP_REQUEST_SLOTS 1024
struct app_request_slot {
	char key[65];
	long long start;
	unsigned known, pending;
};

struct app {
	struct settings cfg;
	struct geo *geo; /* opened databases, shared read-only after fork */
	struct survey_set *surveys;
	struct store store; /* this worker's connection */
	unsigned char key[TOKEN_KEY_BYTES];
	struct http_limits limits;
	long master_pid; /* `yourvoice serve`'s master, for a reload; 0 elsewhere */

	/*
	 * Per-worker caches: each worker's own copy after fork, never shared.
	 * One block per file, named after it; other files add theirs after
	 * these, at the end, each with a comment naming its file.
	 */
	/* health.c: when this worker last read the installation's key record, and what it said */
	long long key_checked;
	int key_other; /* another host's key was adopted since this one started */
	/* ratelimit.c: per-network counts not yet written to the database */
	struct app_request_slot request_slots[APP_REQUEST_SLOTS];
	/* web/publish.c: this worker's results accumulators, one per survey
	 * (process memory, never the arena) */
	struct results_cache *results_cache;
	size_t nresults_cache;
	/* web/moderate.c and web/themereview_load.c: this worker's caches,
	 * built on first use and kept for its lifetime (process memory) */
	struct redactor *redactor;	       /* the redaction patterns, once compiled */
	int redactor_state;		       /* 0 not tried, 1 ready, -1 failed */
	struct themereview_cache *theme_cache; /* parsed theme summaries by survey and question */
	size_t ntheme_cache;
	/* web/publish.c: how this process counts a change into the stored
	 * results totals (app->store.totals points here) */
	struct totals_hook totals_hook;
};

enum req_method { M_GET, M_HEAD, M_POST, M_OTHER };

struct req {
	struct arena *a;
	enum req_method method;
	const char *method_name;
	const char *path;  /* decoded path without the query */
	const char *query; /* raw query string, "" if none */
	const char *content_type;
	const char *body;
	size_t body_len;
	int https;
	const char *remote_addr;   /* never stored or logged */
	const char *forwarded_for; /* X-Forwarded-For, trusted only from a trusted proxy */
	struct http_params query_params, form, cookies;
	enum http_err decode_err; /* first decoding error, HTTP_OK if none */
	enum yv_lang lang;
	const char *route;	  /* route pattern, for the log */
	struct store *read_store; /* readstore.c: where this request reads results, once chosen */
};

struct resp {
	int status;
	const char *content_type;
	struct buf head; /* extra header lines, each ending in \r\n */
	struct buf body;
	/*
	 * A body too large to hold at once (officers' exports). When set on a
	 * 200 answer, the headers go without Content-Length, then the body so
	 * far, then stream(ctx, &body) is called again and again, each call
	 * refilling the emptied body, until it returns 0 (done) or -1 (failed:
	 * logged, the answer is cut short). stream(ctx, NULL) tells it to stop
	 * and free what it holds (client gone, HEAD, or never started).
	 */
	int (*stream)(void *ctx, struct buf *body);
	void *stream_ctx;
};

/* resp.c: the response helpers, language choice and error pages. */
void resp_init(struct resp *rs);
void resp_release(struct resp *rs);
void resp_reset(struct resp *rs);
/* An HTML response that no cache keeps (every page here is personal or live). */
void resp_html(struct resp *rs);
/* Such a response's page frame (render/page.h) for a page at path titled
 * title, in the request's language: its start, then its end. */
void resp_page_begin(const struct req *rq, struct resp *rs, const char *path, const char *title);
void resp_page_end(const struct req *rq, struct resp *rs, const char *path, const char *title);

/* Add a header; names and values with CR or LF are refused (header injection). */
int resp_header(struct resp *rs, const char *name, const char *value);
/* 1 when rs already carries a header called name (any case). */
int resp_has_header(const struct resp *rs, const char *name);

/* route.c: route one request through the table of routes.c and fill rs. */
void web_handle(struct app *app, struct req *rq, struct resp *rs);

/* The declared limit of field name on the route of path (the largest of
 * the routes sharing its pattern), for the body decoder (http_limits'
 * field_max; ctx a struct web_field_ctx): 0 when it declares none. */
struct web_field_ctx {
	struct arena *a;
	const char *path;
};
size_t web_route_field_max(const void *ctx, const char *name);

/* Choose the language: ?lang=, then a form's lang field, then the yv_lang cookie, then
 * Accept-Language. */
enum yv_lang web_choose_lang(const struct req *rq, const char *accept_language);

/*
 * Count one hit of this client's network in bucket; 1 when the hits in the
 * current window of window_s seconds pass limit (answer 429), 0 when not,
 * -1 when the database cannot say (callers let the request through or
 * answer 503, as fits). Sets Retry-After on rs (if not NULL) when limited.
 */
int web_rate_limit(struct app *app, struct req *rq, struct resp *rs, const char *bucket,
		   unsigned limit, unsigned window_s);

/*
 * The per-network request limit of every page (rate_limit_per_minute), as
 * web_rate_limit() but cheaper: while a network is well under its limit a
 * worker counts its hits in memory and adds them to the shared counter a
 * few at a time; near the limit every hit goes to the database at once.
 */
int web_request_limit(struct app *app, struct req *rq, struct resp *rs);

/*
 * 0 when the installation records another secret key than this
 * instance's (one was adopted since it started: its forms would be refused
 * elsewhere, and theirs here), checked at most every few seconds per
 * worker; 1 otherwise, also when the database cannot say (health.c).
 */
int web_key_current(struct app *app, struct arena *a);

/* The keyed hash of the client's network, the key web_rate_limit() counts under. */
void web_network_key(struct app *app, const struct req *rq, char out[65]);

/* The same counter for any key (64 hex digits: a keyed hash, never raw data). */
int web_count_hit(struct app *app, struct resp *rs, const char *key, const char *bucket,
		  unsigned limit, unsigned window_s);

/*
 * web_count_hit() for a counter that only flags (a hit is never refused nor
 * refunded, so the count of a window only grows): once this worker has
 * seen it pass limit in the current window, later hits of that window are
 * over without a write (1). Spares the database a durable write per send
 * from a network already over its hourly limit.
 */
int web_count_flag_hit(struct app *app, const char *key, const char *bucket, unsigned limit,
		       unsigned window_s);

/* Take back one hit of the current window (an attempt counted before it
 * was known to succeed). Best effort: a failure leaves the count higher. */
void web_count_refund(struct app *app, const char *key, const char *bucket, unsigned window_s);

/* The client's address (a trusted proxy's forwarded one where configured). */
void web_client_address(struct app *app, const struct req *rq, char *out, size_t outlen);

/* Error page with status, in the request's language. */
void web_error(struct app *app, struct req *rq, struct resp *rs, int status);

/* web/publish.c: give app->store the hook that counts sends, withdrawals and
 * flag decisions into the stored results totals (results/totals.h), and
 * set the record keys' secret (results/sdc.h) for it. Once per process. */
void publish_attach_totals(struct app *app);

#endif
