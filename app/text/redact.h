/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * redact: removes personal data from free text before it is quoted or
 * exported. Each kind has a pattern (PCRE2) and, where a pattern alone
 * cannot tell, a check in C (digit counts of phone numbers, the list of UK
 * postcode areas, words that cannot be names):
 *   email, url, ni (National Insurance, format only), card (13–19 digits in
 *   card groupings), phone (UK: 0…, +44…, 0044…, any spacing, dashes,
 *   brackets), postcode (full, and partial outward codes written in
 *   capitals with a two-letter area), name (capitalised words after a title)
 * Each becomes "[redacted KIND]"; a title stays ("Dr [redacted name]").
 * Road numbers (A470, M4, B5445), years, prices and times are left alone.
 */
#ifndef YV_TEXT_REDACT_H
#define YV_TEXT_REDACT_H

#include <stddef.h>

#include "core/buf.h"

enum redact_kind {
	REDACT_EMAIL,
	REDACT_URL,
	REDACT_NI,
	REDACT_CARD,
	REDACT_PHONE,
	REDACT_POSTCODE,
	REDACT_NAME,
	REDACT_NKINDS
};

struct redactor {
	void *re[REDACT_NKINDS]; /* pcre2_code_8 */
	void *md;		 /* pcre2_match_data_8 */
};

/* Compile the patterns once (process lifetime). 0 or -1. */
int redact_init(struct redactor *r);
void redact_release(struct redactor *r);

/*
 * Append to `out` the n bytes of UTF-8 at s with personal data replaced.
 * Returns the number of replacements, or -1 when `out` is full or a match
 * fails (out is then incomplete and must not be shown).
 */
int redact_text(struct redactor *r, const char *s, size_t n, struct buf *out);

/* The placeholder for a kind: "[redacted email]" and so on. */
const char *redact_placeholder(enum redact_kind k);

#endif
