/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * codecheck: what its parts share (see codecheck.c): the tokens of a C
 * file, the allow lists and the report of a violation.
 */
#ifndef YV_TESTS_LINT_CODECHECK_H
#define YV_TESTS_LINT_CODECHECK_H

#include <stddef.h>

enum tok_kind { T_IDENT, T_STR, T_CHR, T_NUM, T_PUNCT };

struct tok {
	enum tok_kind kind;
	char *text; /* identifier, punctuation, or a string's raw contents */
	int line;
	const char *func; /* the function the token is in, NULL at top level */
};

struct include {
	char *path; /* as written between the quotes */
	int line;
};

struct file {
	const char *name;
	struct tok *t;
	size_t n, cap;
	struct include *inc;
	size_t ninc, capinc;
};

struct allow {
	char *path, *name, *kind; /* kind only for html */
	const char *src;	  /* allow file, for messages */
	int line, used;
};

extern int violations;

void *xrealloc(void *p, size_t n);
/* Print `file:line: message` and count a violation. */
void report(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Is t the token s of kind k? */
int is(const struct tok *t, enum tok_kind k, const char *s);
/* Does path end with suffix at a '/' boundary ("app/render/html.c" ~ "render/html.c")? */
int path_is(const char *path, const char *suffix);
/* Is (file, name[, kind]) in an allow list? Marks the entry used. */
int allowed(const char *file, const char *name, const char *kind);

/* codecheck_layers.c */
void check_layers(struct file *files, size_t nfiles);
void layers_release(void);

#endif
