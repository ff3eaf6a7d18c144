/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * html: the escaping writer (see html.h). The one file that turns a
 * struct html * back into the buffer it was made from. May use: core/buf.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include "render/html.h"

/* The buffer behind h (html_over() made h from it). */
static struct buf *out(struct html *h)
{
	return (struct buf *)(void *)h;
}

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

void html_text(struct html *h, const char *s)
{
	if (s != NULL)
		html_escape_into(out(h), s, strlen(s));
}

void html_textn(struct html *h, const char *s, size_t n)
{
	html_escape_into(out(h), s, n);
}

/* Whether s[i] starts a line break followed by a blank line: a newline,
 * then only spaces, tabs or carriage returns, then another newline. */
static int blank_line_at(const char *s, size_t i)
{
	if (s[i] != '\n')
		return 0;
	for (i++; s[i] == ' ' || s[i] == '\t' || s[i] == '\r'; i++)
		;
	return s[i] == '\n';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

void html_paragraphs(struct html *h, const char *s, const char *cls)
{
	size_t i = 0;

	if (s == NULL)
		return;
	while (s[i] != '\0') {
		int open = 0, space = 0;

		while (is_space(s[i]))
			i++;
		for (; s[i] != '\0' && !blank_line_at(s, i); i++) {
			if (is_space(s[i])) {
				space = open;
				continue;
			}
			if (!open) {
				html_lit(h, "<p");
				if (cls != NULL) {
					html_lit(h, " class=\"");
					html_text(h, cls);
					html_lit(h, "\"");
				}
				html_lit(h, ">");
				open = 1;
			} else if (space) {
				html_lit(h, " ");
			}
			space = 0;
			html_textn(h, s + i, 1);
		}
		if (open)
			html_lit(h, "</p>");
	}
}

void html_urlpart(struct html *h, const char *s)
{
	struct buf *b = out(h);
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

void html_urlpath(struct html *h, const char *path)
{
	struct buf *b = out(h);
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
			html_urlpart(h, seg);
			s += k;
			n -= k;
		}
		if (*s == '\0')
			break;
		buf_putc(b, '/');
	}
}

void html_int(struct html *h, long long v)
{
	buf_int(out(h), v);
}

void html_int_pad(struct html *h, long long v, int width)
{
	char d[24];
	size_t k = sizeof(d);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do {
		d[--k] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	while (k > 1 && (int)(sizeof(d) - k) < width)
		d[--k] = '0';
	if (v < 0)
		d[--k] = '-';
	buf_append(out(h), d + k, sizeof(d) - k);
}

void html_raw_literal_(struct html *h, const char *lit, size_t n)
{
	buf_append(out(h), lit, n);
}
