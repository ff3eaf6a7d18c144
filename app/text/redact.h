/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * redact: removes personal data from free text before it is quoted or
 * exported. Each kind has a pattern (PCRE2) and, where a pattern alone
 * cannot tell, a check in C (digit counts of phone numbers, the list of UK
 * postcode areas, words that cannot be names):
 *   email, url, ni (National Insurance, format only), card (13–19 digits in
 *   card groupings), phone (UK: 0…, +44…, 0044…, any spacing, dashes,
 *   brackets, dots, digits spaced one by one), postcode (full only: a
 *   district alone, "SA1", "CF10", is not personal), name, and:
 *   handle (@name), address (house number + street: "14 High Street",
 *   "Flat 4, 23 Heol y Frenhines"), dob (a date after "born", "DOB",
 *   "date of birth", "ganwyd", "dyddiad geni"), vehicle (registrations).
 * Emails are also found written out: "john dot smith at gmail dot com",
 * "bob(at)example(dot)com", "jo [at] cyngor [dot] cymru".
 * Names (English and Welsh) are found by context, never by a list alone:
 * after a title (Mr, Mrs, Ms, Miss, Mx, Dr, Cllr, Councillor, Y Cynghorydd,
 * Parch, Prof, Rev; and Nurse, Sister, Doctor, Sir, Dame when a listed name
 * follows), after "my neighbour/son/wife…", "fy nghymydog/mab…", "my name
 * is", "o'r enw", after "thanks to", "diolch i", "spoke to", "ask for"… when
 * a listed name follows, a listed first name + listed surname anywhere, and
 * names listed with one of those ("Thanks to John, Sarah and Mike").
 * Surnames may have several parts (ap, ab, de, la, van, O', Mc, hyphens).
 * Lists: redact_names.h (docs/redaction.md cites the sources).
 * Each becomes "[redacted KIND]"; a title stays ("Dr [redacted name]").
 * Left alone: road numbers (A470, M4 J33), bus routes (T2, X5), CO2, HS2,
 * S4C, postcode districts alone, years, prices, times, Welsh counties after
 * "Sir"/"Cyngor Sir" (Sir Gâr, Sir Fynwy), product names ("Mr Men",
 * "Dr Martens", "Mr Kipling", "Doctor Who").
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
	REDACT_HANDLE,
	REDACT_ADDRESS,
	REDACT_DOB,
	REDACT_VEHICLE,
	REDACT_NKINDS
};

struct redactor {
	void *re[REDACT_NKINDS]; /* pcre2_code_8; NULL for name (done in C) */
	void *md;		 /* pcre2_match_data_8 */
	void *words;		 /* the name pass's word table (redact_names.c) */
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
