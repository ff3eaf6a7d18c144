/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* html: the escaping writer (see html.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "render/html.h"

void html_escape_into(struct buf *b, const char *s, size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		const char *rep;

		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		buf_append(b, s + run, i - run);
		buf_puts(b, rep);
		run = i + 1;
	}
	buf_append(b, s + run, n - run);
}

void html_text(struct buf *b, const char *s)
{
	if (s != NULL)
		html_escape_into(b, s, strlen(s));
}

void html_textn(struct buf *b, const char *s, size_t n)
{
	html_escape_into(b, s, n);
}

void html_urlpart(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			buf_putc(b, (char)c);
		} else {
			char enc[3] = {'%', hex[c >> 4], hex[c & 15]};

			buf_append(b, enc, 3);
		}
	}
}

void html_urlpath(struct buf *b, const char *path)
{
	const char *s = path;

	if (s == NULL || s[0] != '/' || s[1] == '/')
		s = "/";
	for (const char *t = s; *t != '\0'; t++) {
		if (*t == '\\' || (unsigned char)*t < 0x20 || *t == 0x7f) {
			s = "/";
			break;
		}
	}
	buf_putc(b, '/');
	for (s++; *s != '\0'; s++) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		char seg[256];

		/* Segments are short (survey ids, page ids); a longer one is
		 * encoded in pieces, which gives the same bytes. */
		while (n > 0) {
			size_t k = n < sizeof(seg) - 1 ? n : sizeof(seg) - 1;

			memcpy(seg, s, k);
			seg[k] = '\0';
			html_urlpart(b, seg);
			s += k;
			n -= k;
		}
		if (*s == '\0')
			break;
		buf_putc(b, '/');
	}
}

void html_int(struct buf *b, long long v)
{
	buf_int(b, v);
}

void html_raw_literal_(struct buf *b, const char *lit, size_t n)
{
	buf_append(b, lit, n);
}
