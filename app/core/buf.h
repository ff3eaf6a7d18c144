/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * buf: a growable byte string with a stated maximum. Appending past the
 * maximum fails (returns -1), sets `overflow` and leaves the content as it
 * was, so callers can check once at the end. The data is always
 * NUL-terminated (the NUL is not counted in len).
 */
#ifndef YV_CORE_BUF_H
#define YV_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* NULL until the first append */
	size_t len;
	size_t cap;
	size_t max;   /* most bytes len may reach */
	int overflow; /* set when an append was refused */
};

void buf_init(struct buf *b, size_t max);
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
/* A whole number in decimal, without printf. */
int buf_int(struct buf *b, long long v);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* The content as a C string; "" for an empty buffer. */
const char *buf_cstr(const struct buf *b);
/* Empty the buffer, keeping its memory; clears overflow. */
void buf_reset(struct buf *b);
void buf_release(struct buf *b);

#endif
