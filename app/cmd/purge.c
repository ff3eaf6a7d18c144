/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * purge: the `yourvoice purge` command, the retention rules of UK GDPR put
 * into practice. Deletes unfinished responses whose partial save has
 * expired, rate-limit records whose window is over (when the rate_limit
 * table exists), and, per survey, the personal answers of its responses
 * once the survey's retention period after its closing date has passed.
 * Personal answers are those of <email>, <postcode> and <pattern>
 * questions (addresses, postcodes, reference numbers) and of any question
 * the officer marked personal="true" (a name asked in a <short-text>, a
 * date of birth): survey_question_is_personal() decides, and they are
 * deleted; the coarse area a postcode gave (response.in_area) stays, so
 * results by area still add up. Other free text (<short-text>,
 * <long-text>) is what the results and themes are made of, so it stays,
 * but rewritten in its redacted form (text/redact.h: emails, phone
 * numbers, postcodes, names after titles…), so no personal data in it
 * outlives the retention period. A bare name is beyond the redactor: that
 * is what personal="true" is for.
 * --dry-run counts what would go and deletes nothing. Meant to run daily
 * from cron or a systemd timer.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/arena.h"
#include "core/settings.h"
#include "store/notify.h"
#include "store/purge.h"
#include "store/store.h"
#include "store/users.h"
#include "text/redact.h"
#include "survey/survey.h"

#define TEXT_BATCH 500

struct purge {
	struct store st;
	struct arena a;
	struct redactor red;
	int dry_run;
	int failed;
	const struct settings *cfg;
};

static const char *err_text(enum store_err e)
{
	return e == STORE_UNAVAILABLE ? "the database is unavailable"
				      : "database error (see the log)";
}

/* A step's count, or -1 after saying what failed. */
static long long checked(struct purge *p, long long n, const struct purge_fail *f)
{
	if (n < 0) {
		fprintf(stderr, "yourvoice purge: %s: %s\n", f->step, err_text(f->e));
		p->failed = 1;
	}
	return n;
}

static void report(const struct purge *p, const char *what, long long n)
{
	if (n >= 0)
		printf("%s%s: %lld\n", p->dry_run ? "would delete " : "deleted ", what, n);
}

/* Free text kept past retention in redacted form: a personal one is deleted instead. */
static int is_free_text(const struct survey_question *q)
{
	return (q->type == SQ_SHORT_TEXT || q->type == SQ_LONG_TEXT) &&
	       !survey_question_is_personal(q);
}

/*
 * Rewrite one stored field's answers past retention (a free-text question,
 * or a choice's "other, please specify" text, stored as "<id>.other") in
 * their redacted form, a batch at a time; count them only with --dry-run.
 * Returns how many answers changed (or would), -1 on error (reported).
 */
static long long redact_field(struct purge *p, const struct survey *s, const char *field,
			      const char *when)
{
	unsigned long long last_resp = 0;
	long long last_ord = -1, changed = 0;
	struct buf out;

	buf_init(&out, 256 * 1024);
	for (;;) {
		struct purge_text *r;
		struct purge_fail f;
		size_t nrows;

		if (checked(p,
			    purge_text_batch(&p->st, &p->a, s->id, field, when, last_resp, last_ord,
					     TEXT_BATCH, &r, &nrows, &f),
			    &f) < 0) {
			changed = -1;
			break;
		}
		for (size_t i = 0; i < nrows; i++) {
			const char *v = r[i].value;
			int n;

			last_resp = r[i].response;
			last_ord = r[i].ord;
			buf_reset(&out);
			n = redact_text(&p->red, v, strlen(v), &out);
			if (n < 0) {
				fprintf(
				    stderr,
				    "yourvoice purge: %s/%s: response %llu could not be redacted\n",
				    s->id, field, last_resp);
				changed = -1;
				break;
			}
			if (n == 0 || strcmp(buf_cstr(&out), v) == 0)
				continue;
			changed++;
			if (!p->dry_run &&
			    checked(p,
				    purge_text_update(&p->st, last_resp, field, last_ord, out.data,
						      out.len, &f),
				    &f) < 0) {
				changed = -1;
				break;
			}
		}
		arena_reset(&p->a);
		if (changed < 0 || nrows < TEXT_BATCH)
			break;
	}
	buf_release(&out);
	if (changed < 0)
		p->failed = 1;
	return changed;
}

/* The addresses of the residents who asked to be told about s's results
 * (store/notify.h), once its retention has run out. */
static void purge_notify(struct purge *p, const struct survey *s, const char *before)
{
	unsigned long long n = 0;
	enum store_err e;
	char what[160];

	if (p->dry_run) {
		struct notify_subscriber *v;
		size_t nv = 0;

		e = notify_pending(&p->st, &p->a, 0, s->id, 1000000, &v, &nv);
		n = 0;
		for (size_t i = 0; i < nv; i++)
			n += strcmp(v[i].created_at, before) < 0;
	} else {
		e = notify_purge(&p->st, s->id, before, &n);
	}
	arena_reset(&p->a);
	if (e != STORE_OK) {
		fprintf(stderr, "yourvoice purge: addresses to tell about results: %s\n",
			err_text(e));
		p->failed = 1;
		return;
	}
	snprintf(what, sizeof(what), "addresses to tell about the results of %s", s->id);
	report(p, what, (long long)n);
}

/* The personal answers of one survey, once its retention has run out. */
static void purge_survey(struct purge *p, const struct survey *s, time_t now)
{
	/* A standing survey never closes: each response's personal answers go
	 * retention_days after it was sent. */
	time_t cutoff = s->standing ? now - (time_t)s->retention_days * 86400
				    : s->closes_at + (time_t)s->retention_days * 86400;
	char when[32], what[256];
	struct tm tm;
	long long total = 0;
	int any = 0;

	if (gmtime_r(&cutoff, &tm) == NULL ||
	    strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm) == 0)
		return;
	if (now < cutoff) {
		for (size_t pi = 0; pi < s->npages && !any; pi++)
			for (size_t qi = 0; qi < s->pages[pi].nquestions; qi++)
				any |= survey_question_is_personal(&s->pages[pi].questions[qi]) ||
				       is_free_text(&s->pages[pi].questions[qi]);
		if (any)
			printf("kept: personal answers of %s until %s UTC\n", s->id, when);
		return;
	}
	for (size_t pi = 0; pi < s->npages; pi++) {
		for (size_t qi = 0; qi < s->pages[pi].nquestions; qi++) {
			const struct survey_question *q = &s->pages[pi].questions[qi];
			struct purge_fail f;
			long long n;

			if (!survey_question_is_personal(q))
				continue;
			any = 1;
			n = checked(
			    p, purge_answers(&p->st, &p->a, p->dry_run, s->id, q->id, when, &f),
			    &f);
			if (n < 0)
				return;
			total += n;
			arena_reset(&p->a);
		}
	}
	if (any) {
		if (s->standing)
			snprintf(what, sizeof(what),
				 "personal answers of %s sent before %s UTC (retention %u days)",
				 s->id, when, s->retention_days);
		else
			snprintf(what, sizeof(what),
				 "personal answers of %s (retention %u days after %s UTC)", s->id,
				 s->retention_days, when);
		report(p, what, total);
	}
	/* Personal answers gone (a postcode, a number) change the figures: the
	 * stored results totals of the survey are counted afresh. */
	if (total > 0 && !p->dry_run && cli_totals_build(p->cfg, &p->st, NULL, s, "purge") != 0) {
		p->failed = 1;
		return;
	}
	if (s->notify_email != NULL)
		purge_notify(p, s, s->standing ? when : "9999-12-31 23:59:59");
	total = 0;
	any = 0;
	for (size_t pi = 0; pi < s->npages; pi++) {
		for (size_t qi = 0; qi < s->pages[pi].nquestions; qi++) {
			const struct survey_question *q = &s->pages[pi].questions[qi];
			long long n;

			if (q->other != NULL) {
				char other[200]; /* not in p->a: each batch resets it */

				snprintf(other, sizeof(other), "%s.other", q->id);
				any = 1;
				n = redact_field(p, s, other, when);
				if (n < 0)
					return;
				total += n;
			}
			if (!is_free_text(q))
				continue;
			any = 1;
			n = redact_field(p, s, q->id, when);
			if (n < 0)
				return;
			total += n;
		}
	}
	if (any)
		printf("%s personal data in free-text answers of %s: %lld\n",
		       p->dry_run ? "would redact" : "redacted", s->id, total);
}

/* Say which surveys have stored responses but no file: their retention is unknown. */
static void orphans(struct purge *p, const struct survey_set *set)
{
	struct purge_fail f;
	const char **ids;
	size_t n;

	if (checked(p, purge_survey_ids(&p->st, &p->a, &ids, &n, &f), &f) < 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (survey_set_find(set, ids[i]) == NULL)
			fprintf(stderr,
				"yourvoice purge: warning: responses to '%s' are stored but its "
				"survey file is"
				" gone: its personal answers were not purged\n",
				ids[i]);
	arena_reset(&p->a);
}

int cmd_purge(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"dry-run", no_argument, NULL, 'n'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *config = NULL;
	struct purge p;
	struct settings cfg;
	struct survey_set *set = NULL;
	char err[1024];
	struct purge_fail f;
	long long n;
	time_t now = time(NULL);
	int c;

	memset(&p, 0, sizeof(p));
	while ((c = getopt_long(argc, argv, "c:nh", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'n':
			p.dry_run = 1;
			break;
		case 'h':
			printf("usage: yourvoice purge [--dry-run] [--config FILE]\n"
			       "Delete expired partial saves and rate-limit records, and the "
			       "personal\n"
			       "answers (email, postcode, pattern questions and those marked\n"
			       "personal=\"true\") of each survey whose retention period after "
			       "closing\n"
			       "has passed, and rewrite its other free-text answers with personal "
			       "data\n"
			       "redacted. --dry-run only counts.\n");
			return 0;
		default:
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "usage: yourvoice purge [--dry-run] [--config FILE]\n");
		return 2;
	}
	if (settings_load_for_cli(&cfg, config, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice purge: %s\n", err);
		return 1;
	}
	/* Without every survey's retention rule nothing per survey can be decided. */
	if (cli_surveys_load(&cfg, "purge", ": nothing purged", &set) != 0)
		return 1;
	store_init(&p.st, &cfg);
	p.cfg = &cfg;
	arena_init(&p.a, 0);
	if (redact_init(&p.red) != 0) {
		fprintf(stderr, "yourvoice purge: the redaction patterns do not compile\n");
		p.failed = 1;
		goto out;
	}
	if (store_connect(&p.st) != STORE_OK) {
		fprintf(stderr, "yourvoice purge: cannot connect to the database\n");
		p.failed = 1;
		goto out;
	}
	report(&p, "expired partial saves",
	       checked(&p, purge_partial_saves(&p.st, &p.a, p.dry_run, &f), &f));
	arena_reset(&p.a);
	n = checked(&p, purge_table_exists(&p.st, &p.a, "rate_limit", &f), &f);
	if (n > 0)
		report(&p, "expired rate-limit records",
		       checked(&p, purge_rate_limits(&p.st, &p.a, p.dry_run, &f), &f));
	else if (n == 0)
		printf("no rate-limit table: nothing to purge there\n");
	arena_reset(&p.a);
	/* Officers' sessions past their idle or absolute limit (already refused). */
	if (checked(&p, purge_table_exists(&p.st, &p.a, "admin_session", &f), &f) > 0)
		report(&p, "ended sign-in sessions",
		       checked(&p,
			       purge_sessions(&p.st, &p.a, p.dry_run, USERS_SESSION_IDLE_SECONDS,
					      USERS_SESSION_MAX_SECONDS, &f),
			       &f));
	arena_reset(&p.a);
	for (size_t i = 0; i < survey_set_count(set) && !p.failed; i++)
		purge_survey(&p, survey_set_at(set, i), now);

	if (!p.failed)
		orphans(&p, set);
out:
	redact_release(&p.red);
	arena_release(&p.a);
	store_release(&p.st);
	survey_set_free(set);
	return p.failed ? 1 : 0;
}
