/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Unit tests of the router and the handlers that need no database, run
 * without nginx or FastCGI: each request of tests/fixtures/requests/ goes
 * through web_test_request() (what `yourvoice test-request` does) and the
 * answer is read as a browser would: status, headers, key text. The
 * database is an address nothing listens on, so /healthz shows its
 * "unavailable" answer.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "tap.h"
#include "web/testreq.h"

static struct app app;
static struct arena a;
static struct buf out;
static const char *body; /* after the blank line of the last answer */

/* Answer the request file name; its status, the answer in out. */
static int answer(const char *name)
{
	char path[512], text[8192];
	size_t len;
	FILE *f;
	int status;

	snprintf(path, sizeof(path), "%s/tests/fixtures/requests/%s", YV_SRCDIR, name);
	f = fopen(path, "rb");
	if (f == NULL) {
		printf("# cannot open %s\n", path);
		return -1;
	}
	len = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	arena_reset(&a);
	buf_reset(&out);
	status = web_test_request(&app, &a, text, len, &out);
	buf_putc(&out, '\0');
	body = out.data ? strstr(out.data, "\r\n\r\n") : NULL;
	body = body ? body + 4 : "";
	return status;
}

/* The value of header name in the last answer ("" when absent), at most 200 bytes. */
static const char *header(const char *name)
{
	static char v[200];
	size_t n = strlen(name);

	for (const char *p = out.data; p != NULL && p < body;
	     p = strstr(p, "\r\n"), p = p ? p + 2 : p) {
		if (strncmp(p, name, n) == 0 && p[n] == ':') {
			const char *e = strstr(p, "\r\n");

			snprintf(v, sizeof(v), "%.*s", (int)(e - p - n - 2), p + n + 2);
			return v;
		}
	}
	return "";
}

static int has(const char *text)
{
	return strstr(body, text) != NULL;
}

int main(void)
{
	struct survey_diags d;
	char dir[512];

	settings_defaults(&app.cfg);
	snprintf(app.cfg.surveys_dir, sizeof(app.cfg.surveys_dir), "%s/tests/fixtures/surveys",
		 YV_SRCDIR);
	snprintf(app.cfg.db_host, sizeof(app.cfg.db_host), "127.0.0.1");
	app.cfg.db_port = 1; /* nothing listens: no database */
	app.limits.max_fields = app.cfg.max_fields;
	app.limits.max_field = app.cfg.max_field;
	memset(app.key, 7, sizeof(app.key));
	snprintf(dir, sizeof(dir), "%s/locale", YV_BUILDDIR);
	i18n_init(dir);
	survey_diags_init(&d);
	if (token_init() != 0 || survey_set_load_dir(app.cfg.surveys_dir, &app.surveys, &d) != 0) {
		printf("Bail out! cannot load %s\n", app.cfg.surveys_dir);
		return 1;
	}
	survey_diags_release(&d);
	store_init(&app.store, &app.cfg);
	arena_init(&a, 16 << 20);
	buf_init(&out, RESP_MAX_HEAD + RESP_MAX_BODY + 256);

	/* not found, in the reader's language */
	is_int(answer("not-found-cy.req"), 404, "an unknown path is 404");
	ok(has("<html lang=\"cy\"") && has("Heb ddod o hyd i’r dudalen"),
	   "in Welsh when the browser asks for Welsh first");
	is_str(header("Cache-Control"), "no-store", "error pages are not cached");
	is_int(answer("unknown-survey.req"), 404, "a survey that is not loaded is 404");
	is_int(answer("results-bad-suffix.req"), 404, "results in an unknown format are 404");

	/* methods */
	is_int(answer("put-info.req"), 405, "PUT on an information page is 405");
	is_str(header("Allow"), "GET, HEAD", "Allow names the page's methods");
	is_int(answer("post-done.req"), 405, "POST to a survey's receipt page is 405");
	is_str(header("Allow"), "GET, HEAD", "Allow: GET, HEAD on the receipt page");
	is_int(answer("get-sign-in.req"), 405, "GET on the sign-in form's target is 405");
	is_str(header("Allow"), "POST", "Allow: POST on the sign-in target");
	ok(has("This page cannot do that"), "the 405 page says what went wrong");
	is_int(answer("admin-delete.req"), 405, "DELETE under /admin is 405, before any sign-in");

	/* undecodable requests: 400 before any handler, in the cookie's language */
	is_int(answer("undecodable-cy.req"), 400, "a path that does not decode is 400");
	ok(has("Mae problem gyda’ch cais"), "the 400 page is in Welsh for a Welsh reader");
	ok(has("href=\"/\""), "and links only to the home page");

	/* language choice */
	is_int(answer("lang-choice.req"), 200, "an information page with ?lang=cy");
	ok(strstr(header("Set-Cookie"), "yv_lang=cy;") != NULL,
	   "the choice is remembered in yv_lang");
	ok(has("<html lang=\"cy\""), "the page is in Welsh");
	is_int(answer("lang-cookie.req"), 200, "an information page with the yv_lang=cy cookie");
	ok(has("<html lang=\"cy\"") && strcmp(header("Set-Cookie"), "") == 0,
	   "is Welsh, and the cookie is not set again");

	/* information pages */
	is_int(answer("head-privacy.req"), 200, "HEAD on the privacy notice");
	ok(strcmp(body, "") == 0 && strtol(header("Content-Length"), NULL, 10) > 0,
	   "answers no body but the page's length");
	is_int(answer("survey-privacy.req"), 200, "a survey's privacy notice needs no database");
	ok(has("ymgynghori@broafon.example"), "it names the survey's contact");

	/* /healthz without a database */
	is_int(answer("healthz.req"), 503, "/healthz is 503 without the database");
	is_str(header("Content-Type"), "text/plain; charset=utf-8", "in plain text");
	is_str(body, "database unavailable\n", "saying what is wrong");
	ok(strcmp(header("Retry-After"), "") != 0, "with Retry-After");

	/* officers' pages, signed out */
	is_int(answer("admin-signed-out.req"), 200, "/admin signed out is the sign-in page");
	ok(has("action=\"/admin/sign-in\"") && has("name=\"csrf\"") && has("name=\"username\""),
	   "a form with its anti-forgery token");
	ok(strncmp(header("Set-Cookie"), "yv_s=", 5) == 0,
	   "and the session cookie its token is tied to");
	is_int(answer("sign-in-forged.req"), 403,
	       "a sign-in without the session's token is refused");
	ok(has("Your form has expired"), "saying the form has expired");
	is_int(answer("admin-post-signed-out.req"), 403,
	       "an officer's POST without a session is refused");
	ok(has("Your form has expired") && has("action=\"/admin/sign-in\""),
	   "with the sign-in form");

	/* a resident's form with a forged token: the journey's own refusal */
	is_int(answer("resident-forged.req"), 403,
	       "a resident's send without its token is refused");
	ok(has("Your form has expired") && has("href=\"/s/all-types\""),
	   "with the journey's page: back to the consultation, answers kept");

	buf_release(&out);
	arena_release(&a);
	store_release(&app.store);
	return tap_done();
}
