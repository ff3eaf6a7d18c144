/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * channels_int.h: what the page of /admin/channels (channels.c) and its
 * CSV (channels_csv.c) share: the figures of one consultation, per month
 * and channel, with each channel's cost per contact from the configuration.
 * Private to those two files.
 */
#ifndef YV_WEB_CHANNELS_INT_H
#define YV_WEB_CHANNELS_INT_H

#include "core/buf.h"
#include "web/web.h"

/* The channels in the order they are shown: online first, face to face last
 * but one; a channel the database holds that is not listed is shown under
 * its own name, with no cost. */
enum { CH_ONLINE, CH_PHONE, CH_PAPER, CH_FACE, CH_EMAIL, CH_OTHER, CH__COUNT };

struct ch_month {
	const char *month;	/* "2026-03" (UTC) */
	long long n[CH__COUNT]; /* responses received by each channel */
};

struct ch_survey {
	const struct survey *s;
	struct ch_month *months;
	size_t nmonths;
	long long n[CH__COUNT]; /* the months added up */
};

/* A channel's cost per contact in pence, -1 when the configuration sets none. */
int ch_cost(const struct settings *cfg, int ch);
/* The channel's stored name ("web", "phone", ...) for the CSV. */
const char *ch_name(int ch);

/* Cost of the counts n: *known the pence of the channels that have a cost,
 * *uncosted the number of responses by channels that have none. */
void ch_cost_of(const struct settings *cfg, const long long n[CH__COUNT], long long *known,
		long long *uncosted);

/* "1234.56": pence as pounds with two decimals, for the CSV. */
void ch_pounds_plain(char out[32], long long pence);

/* The CSV of /admin/channels.csv: one row per consultation, month and
 * channel. */
void channels_csv(struct buf *b, const struct settings *cfg, const struct ch_survey *v, size_t n,
		  enum yv_lang lang);

#endif
