/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* notifier: emails to residents who asked to be told (notifier.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/mail.h"
#include "results/notifier.h"
#include "results/results.h"
#include "core/uktime.h"
#include "store/audit.h"
#include "store/commitments.h"
#include "store/notify.h"
#include "store/publication.h"

#define NOTIFIER_ARENA (64u << 20)
#define NOTIFY_DRY_MAX 1000000

void notifier_unsub_code(const unsigned char key[TOKEN_KEY_BYTES], const char *salt, char out[65])
{
	char msg[80];

	snprintf(msg, sizeof(msg), "unsubscribe.%s", salt);
	token_sign(key, msg, out);
}

/* Report, without recording or sending, each event due or recorded and the
 * emails it would send (every subscriber not sent it yet). */
static enum store_err dry_run(struct store *st, struct arena *a, const struct survey *s,
			      const char *const *due, size_t ndue, const struct notifier_opts *o,
			      struct notifier_totals *t)
{
	struct notify_event *ev;
	struct notify_subscriber *v;
	size_t n, nv;
	enum store_err e = notify_events(st, a, s->id, &ev, &n);

	for (size_t k = 0; e == STORE_OK && k < ndue; k++) {
		size_t j;

		for (j = 0; j < n && strcmp(ev[j].kind, due[k]) != 0; j++)
			;
		if (j < n)
			continue;
		/* not recorded yet: every subscriber would get it */
		e = notify_pending(st, a, 0, s->id, NOTIFY_DRY_MAX, &v, &nv);
		t->pending += nv;
		if (e == STORE_OK && o->report != NULL)
			fprintf(o->report, "%s: %s (due now): %zu email(s) would go\n", s->id,
				due[k], nv);
	}
	for (size_t k = 0; e == STORE_OK && k < n; k++) {
		e = notify_pending(st, a, ev[k].id, s->id, NOTIFY_DRY_MAX, &v, &nv);
		t->pending += nv;
		if (e == STORE_OK && o->report != NULL)
			fprintf(o->report, "%s: %s%s%s: %zu email(s) would go\n", s->id, ev[k].kind,
				ev[k].ref[0] ? " " : "", ev[k].ref, nv);
	}
	return e;
}

/* A commitment's status today: planned or in progress past its due date
 * (UK date) is late, as /promises shows it (web/promises.c). */
static const char *status_now(const struct commitment *c, const char *today)
{
	int open = strcmp(c->status, "planned") == 0 || strcmp(c->status, "in-progress") == 0;

	return open && strcmp(c->due, today) < 0 ? "late" : c->status;
}

/* Each commitment of s whose status today differs from the one it was
 * made with: one "commitment" event per commitment and status
 * ("<id>:<status>"), so a resident hears of each change once. Only when
 * s's results are public (the commitments are). */
static enum store_err commitment_events(struct store *st, struct arena *a, const struct survey *s,
					time_t now, const struct notifier_opts *o,
					struct notifier_totals *t)
{
	struct commitment *c;
	struct tm tm;
	char today[40];
	size_t n;
	enum store_err e = STORE_OK;

	uktime_local(now, &tm);
	snprintf(today, sizeof(today), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday);
	if (commitments_list(st, a, s->id, &c, &n) != 0)
		return STORE_UNAVAILABLE;
	for (size_t i = 0; i < n && e == STORE_OK; i++) {
		const char *now_status = status_now(&c[i], today);
		const char *first = c[i].nupdates > 0 ? c[i].updates[0].status : c[i].status;
		const char *ref;
		int added = 0;

		if (strcmp(now_status, first) == 0)
			continue;
		ref = arena_printf(a, "%lld:%s", c[i].id, now_status);
		if (ref == NULL)
			return STORE_ERROR;
		if (o->dry_run) {
			if (o->report != NULL)
				fprintf(o->report, "%s: commitment %s (if not sent yet)\n", s->id,
					ref);
			continue;
		}
		e = notify_event_add(st, s->id, "commitment", ref, &added);
		t->events += (unsigned long long)added;
	}
	return e;
}

/* Record the events of s that are due now (with o->dry_run, only report). */
static enum store_err due_events(struct store *st, struct arena *a, const struct survey *s,
				 time_t now, const struct notifier_opts *o,
				 struct notifier_totals *t)
{
	const char *due[2];
	size_t ndue = 0;
	struct publication_row row;
	int public, added = 0, ysw;
	enum store_err e = STORE_OK;

	if (publication_get(st, a, s->id, &row) != 0)
		return STORE_UNAVAILABLE;
	public = row.decided ? row.published : results_public(s, now);
	if (!public)
		return STORE_OK;
	ysw = row.ysw_en != NULL || row.ysw_cy != NULL || s->you_said_we_did.t[LANG_EN] != NULL ||
	      s->you_said_we_did.t[LANG_CY] != NULL;
	if (now >= s->closes_at || (row.decided && row.published))
		due[ndue++] = "results";
	if (ysw)
		due[ndue++] = "ysw";
	if (o->dry_run) {
		e = dry_run(st, a, s, due, ndue, o, t);
		return e == STORE_OK ? commitment_events(st, a, s, now, o, t) : e;
	}
	for (size_t k = 0; e == STORE_OK && k < ndue; k++) {
		e = notify_event_add(st, s->id, due[k], "", &added);
		t->events += (unsigned long long)added;
	}
	return e == STORE_OK ? commitment_events(st, a, s, now, o, t) : e;
}

/* The email of event ev of s to one subscriber, in their language. */
/* A commitment's status in words, in the language in use (the same words
 * as /promises). */
static const char *status_words(const char *status)
{
	return strcmp(status, "planned") == 0	    ? _("Planned")
	       : strcmp(status, "in-progress") == 0 ? _("In progress")
	       : strcmp(status, "done") == 0	    ? _("Done")
	       : strcmp(status, "late") == 0	    ? _("Late")
						    : _("Dropped");
}

/* The email of event ev of s to one subscriber, in their language; cm is
 * the commitment of a "commitment" event (NULL otherwise). */
static int send_one(const struct settings *cfg, const unsigned char *key, struct arena *a,
		    const struct survey *s, const struct notify_event *ev,
		    const struct commitment *cm, const struct notify_subscriber *sub)
{
	int l = survey_lang_parse(sub->lang);
	enum yv_lang lang = l < 0 ? LANG_EN : (enum yv_lang)l;
	const char *title = survey_text_get(&s->title, lang), *subject, *what, *link, *unsub;
	char code[65];
	int rc;

	notifier_unsub_code(key, sub->salt, code);
	i18n_use(survey_lang_code(lang));
	link = arena_printf(a, "%s/r/%s%s", cfg->public_url, s->id,
			    strcmp(ev->kind, "ysw") == 0	  ? "#you-said-we-did"
			    : strcmp(ev->kind, "commitment") == 0 ? "#commitments"
								  : "");
	unsub = arena_printf(a, "%s/unsubscribe?n=%lld&c=%s%s", cfg->public_url, sub->id, code,
			     lang == LANG_CY ? "&lang=cy" : "");
	if (strcmp(ev->kind, "results") == 0) {
		subject = arena_printf(a, _("The results of %s are published"), title);
		what = _("You asked us to tell you when the results were published. They are "
			 "here:");
	} else if (strcmp(ev->kind, "ysw") == 0) {
		subject = arena_printf(a, _("What the council will do after %s"), title);
		what = _("You asked us to tell you about the results. The council has now said "
			 "what it will do in reply to what residents said (\"You said, we did\"):");
	} else {
		subject = arena_printf(a, _("A commitment made after %s has changed"), title);
		what =
		    _("You asked us to tell you about the results. A commitment the council made "
		      "in reply has a new status:");
		if (cm != NULL) {
			const char *st = strchr(ev->ref, ':');

			what =
			    arena_printf(a, "%s\n\n“%s”\n%s %s", what,
					 lang == LANG_CY && cm->text_cy ? cm->text_cy : cm->text_en,
					 _("Status:"), status_words(st ? st + 1 : ""));
		}
	}
	rc = subject == NULL || link == NULL || unsub == NULL
		 ? -1
		 : mail_send_unsubscribe(
		       cfg->sendmail, cfg->mail_from, sub->email, subject, unsub,
		       arena_printf(a, "%s\n\n%s\n\n%s\n\n%s\n%s\n", what, link,
				    _("Thank you for taking part."),
				    _("To stop these emails, follow this link (one click):"),
				    unsub));
	i18n_use("en");
	return rc;
}

static int run_locked(struct store *st, const struct settings *cfg, const struct survey_set *set,
		      const unsigned char key[TOKEN_KEY_BYTES], const struct notifier_opts *o,
		      struct notifier_totals *t);

/* Send what is pending of event ev of s, batch by batch. */
static enum store_err send_event(struct store *st, const struct settings *cfg,
				 const unsigned char *key, const struct survey *s,
				 const struct notify_event *ev, const struct notifier_opts *o,
				 struct notifier_totals *t, time_t *window, unsigned *in_window)
{
	for (;;) {
		struct arena a;
		struct notify_subscriber *v;
		size_t n;
		unsigned long long sent = 0, failed = 0;
		enum store_err e;

		arena_init(&a, NOTIFIER_ARENA);
		const struct commitment *cm = NULL;

		e = notify_pending(st, &a, ev->id, s->id, o->batch, &v, &n);
		if (e != STORE_OK || n == 0) {
			arena_release(&a);
			return e;
		}
		if (strcmp(ev->kind, "commitment") == 0) {
			struct commitment *c;
			size_t nc;
			long long id = strtoll(ev->ref, NULL, 10);

			if (commitments_list(st, &a, s->id, &c, &nc) != 0) {
				arena_release(&a);
				return STORE_UNAVAILABLE;
			}
			for (size_t k = 0; k < nc && cm == NULL; k++)
				if (c[k].id == id)
					cm = &c[k];
		}
		for (size_t i = 0; i < n && e == STORE_OK; i++) {
			int ok;

			if (o->per_minute > 0 && *in_window >= o->per_minute) {
				time_t wait = *window + 60 - time(NULL);

				if (wait > 0)
					sleep((unsigned)wait);
				*window = time(NULL);
				*in_window = 0;
			}
			(*in_window)++;
			ok = send_one(cfg, key, &a, s, ev, cm, &v[i]) == 0;
			e = notify_mark(st, ev->id, v[i].id, ok ? "sent" : "failed");
			if (ok)
				sent++;
			else
				failed++;
		}
		t->sent += sent;
		t->failed += failed;
		{
			struct audit_actor who = {0, "notifier"};
			const char *detail =
			    arena_printf(&a, "%s%s%s: %llu sent, %llu failed", ev->kind,
					 ev->ref[0] ? " " : "", ev->ref, sent, failed);

			audit_add(st, &who, "notify-batch", s->id, detail);
			if (o->report != NULL)
				fprintf(o->report, "%s: %s\n", s->id, detail ? detail : "");
		}
		arena_release(&a);
		if (e != STORE_OK)
			return e;
		/* every failed one waits for the next pass */
		if (sent == 0)
			return STORE_OK;
	}
}

int notifier_run(struct store *st, const struct settings *cfg, const struct survey_set *set,
		 const unsigned char key[TOKEN_KEY_BYTES], const struct notifier_opts *o,
		 struct notifier_totals *t)
{
	struct arena la;
	int got = 0, rc;

	memset(t, 0, sizeof(*t));
	arena_init(&la, 4096);
	if (notify_lock(st, &la, &got) != STORE_OK) {
		arena_release(&la);
		return -1;
	}
	if (!got) {
		if (o->report != NULL)
			fprintf(o->report, "another notifier is running: nothing done\n");
		arena_release(&la);
		return 0;
	}
	rc = run_locked(st, cfg, set, key, o, t);
	notify_unlock(st, &la);
	arena_release(&la);
	return rc;
}

static int run_locked(struct store *st, const struct settings *cfg, const struct survey_set *set,
		      const unsigned char key[TOKEN_KEY_BYTES], const struct notifier_opts *o,
		      struct notifier_totals *t)
{
	time_t now = time(NULL), window = now;
	unsigned in_window = 0;

	for (size_t i = 0; i < survey_set_count(set); i++) {
		const struct survey *s = survey_set_at(set, i);
		struct notify_event *ev;
		struct arena a;
		size_t n;
		enum store_err e;

		if (s->notify_email == NULL || (o->only != NULL && strcmp(o->only, s->id) != 0))
			continue;
		arena_init(&a, NOTIFIER_ARENA);
		e = due_events(st, &a, s, now, o, t);
		n = 0;
		if (e == STORE_OK && !o->dry_run)
			e = notify_events(st, &a, s->id, &ev, &n);
		for (size_t k = 0; e == STORE_OK && k < n; k++)
			e = send_event(st, cfg, key, s, &ev[k], o, t, &window, &in_window);
		arena_release(&a);
		if (e != STORE_OK) {
			log_error(
			    "notify: %s: the database failed; the rest waits for the next pass",
			    s->id);
			return -1;
		}
	}
	return 0;
}
