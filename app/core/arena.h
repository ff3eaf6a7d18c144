/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * arena: per-request memory. Allocations come from large blocks and are
 * freed all at once by arena_reset() when the response has been sent, so
 * handlers never call free(). An arena has a hard limit on the bytes it
 * hands out; past it, allocation returns NULL and the caller answers the
 * client with 413/400 instead of growing without bound.
 */
#ifndef YV_CORE_ARENA_H
#define YV_CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head; /* newest block first */
	size_t used;		  /* bytes handed out since the last reset */
	size_t limit;		  /* 0: no limit */
};

/* Prepare an empty arena that hands out at most `limit` bytes (0: no limit). */
void arena_init(struct arena *a, size_t limit);

/*
 * Allocate n bytes aligned for any type. Returns NULL only when the limit
 * would be passed; running out of system memory aborts the process (the
 * master restarts a worker).
 */
void *arena_alloc(struct arena *a, size_t n);

/* Zero-filled arena_alloc of n * size bytes, NULL on overflow or limit. */
void *arena_calloc(struct arena *a, size_t n, size_t size);

/* Copy n bytes of s and add a NUL. NULL when over the limit. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);

/* Formatted string in the arena, NULL when over the limit. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Forget every allocation, keeping the first block for reuse. */
void arena_reset(struct arena *a);

/* Give every block back to the system. The arena may be initialised again. */
void arena_release(struct arena *a);

#endif
