/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Unit tests of the commitments' rules (web/promises_int.h): the status
 * shown today ("late" by itself the day after the due date), the history
 * with its automatic line, kept on time, and the checks of dates and
 * statuses the routes use.
 */
#include "config.h"

#include <string.h>

#include "core/arena.h"
#include "tap.h"
#include "web/promises_int.h"

static struct arena a;

static struct commitment make(const char *due, const char *status, struct commitment_update *u,
			      size_t n)
{
	struct commitment c;

	memset(&c, 0, sizeof(c));
	c.id = 1;
	c.survey_id = "s";
	c.text_en = c.text_cy = c.owner = "x";
	c.due = due;
	c.status = status;
	c.updates = u;
	c.nupdates = n;
	return c;
}

static const char *joined(const struct commitment *c, const char *today)
{
	struct promise_event *ev;
	size_t n = promise_history(&a, c, today, &ev);
	static char out[512];

	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(out);

		snprintf(out + l, sizeof(out) - l, "%s%s %s%s", i ? "," : "", ev[i].date,
			 ev[i].status, ev[i].officer == NULL ? "*" : "");
	}
	return out;
}

int main(void)
{
	struct commitment_update u1[] = {{1, "2026-11-01", "planned", "", "", "o", NULL, NULL}};
	struct commitment_update u2[] = {
	    {1, "2026-11-01", "planned", "", "", "o", NULL, NULL},
	    {2, "2026-11-20", "in-progress", "n", "n", "o", NULL, NULL},
	    {3, "2026-12-10", "done", "n", "n", "o", NULL, NULL},
	};
	struct commitment_update u3[] = {{1, "2026-12-05", "planned", "", "", "o", NULL, NULL}};
	struct commitment_update u4[] = {
	    {1, "2026-11-01", "planned", "", "", "o", NULL, NULL},
	    {2, "2026-11-30", "done", "n", "n", "o", NULL, NULL},
	};
	struct commitment c;

	arena_init(&a, 1 << 20);

	c = make("2026-12-03", "planned", u1, 1);
	is_str(promise_status_now(&c, "2026-12-03"), "planned", "planned on its due date");
	is_str(promise_status_now(&c, "2026-12-04"), "late", "late the day after, by itself");
	is_str(joined(&c, "2026-12-03"), "2026-11-01 planned", "no late line on the due date");
	is_str(joined(&c, "2026-12-04"), "2026-11-01 planned,2026-12-04 late*",
	       "the automatic late line is dated the day after the due date");
	c = make("2026-12-31", "in-progress", u1, 1);
	is_str(promise_status_now(&c, "2027-01-01"), "late", "across a year end");
	is_str(joined(&c, "2027-01-01"), "2026-11-01 planned,2027-01-01 late*",
	       "the day after 31 December is 1 January");

	c = make("2026-12-03", "done", u2, 3);
	is_str(promise_status_now(&c, "2026-12-20"), "done", "done stays done");
	is_str(joined(&c, "2026-12-20"),
	       "2026-11-01 planned,2026-11-20 in-progress,2026-12-04 late*,2026-12-10 done",
	       "the late line stays in the history, in date order, when done later");
	ok(!promise_kept_on_time(&c), "done after its due date is not kept on time");

	c = make("2026-12-03", "done", u4, 2);
	ok(promise_kept_on_time(&c), "done before its due date is kept on time");
	is_str(joined(&c, "2026-12-20"), "2026-11-01 planned,2026-11-30 done",
	       "no late line for one done in time");

	c = make("2026-12-03", "planned", u3, 1);
	is_str(joined(&c, "2026-12-06"), "2026-12-05 planned,2026-12-05 late*",
	       "recorded after its due date: late from the day it was recorded");

	c = make("2026-12-03", "dropped", u1, 1);
	is_str(promise_status_now(&c, "2026-12-20"), "dropped", "dropped is never late");

	ok(promise_date_valid("2024-02-29"), "a leap day is a date");
	ok(!promise_date_valid("2026-02-29"), "29 February 2026 is not");
	ok(!promise_date_valid("2026-13-01") && !promise_date_valid("2026-1-01") &&
	       !promise_date_valid("31-12-2026") && !promise_date_valid(""),
	   "malformed dates are refused");
	ok(promise_status_valid("in-progress") && !promise_status_valid("finished") &&
	       !promise_status_valid(""),
	   "statuses are the five");
	ok(promise_filter_valid("") && promise_filter_valid("late") &&
	       !promise_filter_valid("LATE"),
	   "the public filter takes a status or nothing");

	arena_release(&a);
	return tap_done();
}
