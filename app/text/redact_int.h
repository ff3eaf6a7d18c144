/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * redact_int: what the two halves of redaction share (private to
 * app/text/redact*.c): redact.c runs the patterned passes and calls the
 * name pass of redact_names.c.
 */
#ifndef YV_TEXT_REDACT_INT_H
#define YV_TEXT_REDACT_INT_H

#include <stddef.h>

#include "core/buf.h"
#include "text/redact.h"

/*
 * The name pass: find names by their context on the words of s, then
 * write s to out with each run of name words replaced. Returns the number
 * of names replaced, or -1 when out is full.
 */
int redact_name_pass(struct redactor *r, const char *s, size_t n, struct buf *out);
/* Whether every word list the name pass searches is sorted (logged if not). */
int redact_name_lists_sorted(void);
/* The name pass's word table for one redactor (freed with free()). */
void *redact_words_new(void);

#endif
