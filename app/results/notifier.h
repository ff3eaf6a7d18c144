/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * notifier: residents told, by email in the language they answered in,
 * when what they asked to hear about happens (store/notify.h): a survey's
 * results published (public, and the survey closed or published by
 * officers), "You said, we did" added, a commitment's new status. One pass
 * records the events that are due (each once) and sends what is pending
 * through the configured sendmail, in batches of `batch`, at most
 * `per_minute` emails a minute, each failed email tried again on later
 * passes up to NOTIFY_MAX_TRIES times; each batch writes one audit row
 * ("notify-batch": event, sent, failed). Every email carries a one-click
 * unsubscribe link and List-Unsubscribe headers (RFC 8058). Run by
 * `yourvoice notify` (a timer) and by the service's background process.
 * Uses core/, survey/, store/ (typed calls) and results_public().
 */
#ifndef YV_RESULTS_NOTIFIER_H
#define YV_RESULTS_NOTIFIER_H

#include <stdio.h>

#include "core/settings.h"
#include "core/token.h"
#include "store/store.h"
#include "survey/survey.h"

struct notifier_opts {
	int dry_run;	     /* count and report what would go; send and record nothing */
	size_t batch;	     /* emails per batch (and audit row) */
	unsigned per_minute; /* most emails a minute, 0: no limit */
	const char *only;    /* one survey id, or NULL for every survey */
	FILE *report;	     /* one line per event and batch, or NULL */
};

struct notifier_totals {
	unsigned long long events, sent, failed, pending;
};

/* One pass. 0, or -1 when the database failed (what was sent stays recorded). */
int notifier_run(struct store *st, const struct settings *cfg, const struct survey_set *set,
		 const unsigned char key[TOKEN_KEY_BYTES], const struct notifier_opts *o,
		 struct notifier_totals *t);

/* The unsubscribe code of a subscriber's salt (64 hex digits and a NUL). */
void notifier_unsub_code(const unsigned char key[TOKEN_KEY_BYTES], const char *salt, char out[65]);

#endif
