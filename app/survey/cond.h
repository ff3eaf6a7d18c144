/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cond: show-if conditions, internal to the survey module. The loader
 * compiles each condition once (libxml2 XPath) and checks the questions it
 * names; answer.c evaluates it against an answers document built from the
 * resident's answers:
 *   <answers><a q="qid"><v>value</v>...</a>...</answers>
 * with answer('qid') registered as an XPath function returning the <v>
 * nodes of that question.
 */
#ifndef YV_SURVEY_COND_H
#define YV_SURVEY_COND_H

#include <stddef.h>

struct survey_answers;

struct survey_cond {
	void *comp; /* xmlXPathCompExprPtr */
	char *src;
};

/* Compile expr. NULL on error, with a one-line reason in err. */
struct survey_cond *survey_cond_compile(const char *expr, char *err, size_t errsz);
void survey_cond_free(struct survey_cond *c);

/* One answer('qid') in a condition, and the literal it is compared with
 * when written answer('qid') = 'value' or != 'value' (else value NULL). */
struct survey_cond_ref {
	const char *qid;
	size_t qid_len;
	const char *value; /* not NUL-terminated */
	size_t value_len;
};

/*
 * Call fn for every answer('qid') / answer("qid") in expr. Returns 0, or -1
 * when answer( is followed by anything but one quoted string and a closing
 * parenthesis. Stops early when fn returns non-zero (and returns that).
 */
int survey_cond_refs(const char *expr, int (*fn)(void *ctx, const struct survey_cond_ref *ref),
		     void *ctx);

/* Evaluate c: 1 true, 0 false, -1 when evaluation fails (reason in err,
 * which may be NULL). */
int survey_cond_eval_err(const struct survey_cond *c, const struct survey_answers *a, char *err,
			 size_t errsz);

#endif
