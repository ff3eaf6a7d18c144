/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * alloc: the out-of-memory-fatal allocators, written once for every module.
 * A worker that cannot get memory logs and aborts (log_fatal): there is no
 * sensible partial page to send. Uses only the C library and core/log.
 * A size of 0 is taken as 1, so a NULL return never means "empty".
 */
#ifndef YV_CORE_ALLOC_H
#define YV_CORE_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
/* Zeroed n * size bytes; aborts also when n * size overflows. */
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc of n * size bytes; aborts also when n * size overflows. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
