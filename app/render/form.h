/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * form: HTML for the questions of a survey, one function per question
 * type, following the UK public-service form patterns: a fieldset and
 * legend for every group of inputs, a label tied to every input, hint and
 * error text linked with aria-describedby, and what the resident typed put
 * back after an error. Field names follow survey/answer.h. May use: core,
 * survey, render/html; what was submitted comes as a struct form_values,
 * so this file knows nothing of HTTP.
 */
#ifndef YV_RENDER_FORM_H
#define YV_RENDER_FORM_H

#include <stddef.h>

#include "core/arena.h"
#include "render/html.h"
#include "survey/answer.h"
#include "survey/survey.h"

/* What a resident submitted: name/value pairs in the order they came, a
 * name repeated for each value of a multiple choice. */
struct form_value {
	const char *name;
	const char *value; /* NUL-terminated */
};

struct form_values {
	const struct form_value *v;
	size_t n;
};

/* One question: `values` holds what was submitted (may be NULL or empty), `error` a message or
 * NULL. */
void form_question(struct html *h, struct arena *a, const struct survey_question *q,
		   enum yv_lang lang, const struct form_values *values, const char *error);

/* The resident's message for a validation error, in the current gettext language. */
const char *form_error_message(struct arena *a, const struct survey_question *q,
			       enum survey_answer_err e, const struct survey_answer_detail *det,
			       enum yv_lang lang);

/* The id of the input an error summary's link for error e of q goes to:
 * the first input of the question ("f-<qid>", "f-<qid>-0", "f-<qid>.day",
 * the ranked option at fault...), as form_question() writes it. */
const char *form_error_target(struct arena *a, const struct survey_question *q,
			      enum survey_answer_err e, const struct survey_answer_detail *det);

/* The date YYYY-MM-DD as "27 March 2026" in lang ("27 Mawrth 2026"), as
 * written when malformed; in the arena. */
const char *form_date_text(struct arena *a, const char *iso, enum yv_lang lang);

/* Hundredths of a percent as "-2.5" ("+2.5" with plus), as answers carry them. */
void form_hundredths(char out[24], int bp, int plus);

/* Money in pence as "£1,234,567" (or "-£…"): as text into out, or as HTML. */
#define FORM_MONEY_MAX 32
void form_money_text(char out[FORM_MONEY_MAX], long long pence);
void form_money(struct html *h, long long pence);

/*
 * The pairs of p, a struct with an array `v` of `n` structs of the given
 * size, each with a `const char *` name and value at the given offsets,
 * copied into the arena as form values; NULL when p is NULL or the arena is
 * full. For the bridge below only.
 */
const struct form_values *form_values_copy_(struct arena *a, const void *p, size_t v_off,
					    size_t n_off, size_t size, size_t name_off,
					    size_t value_off);

#ifdef YV_HTML_BRIDGE
/*
 * The bridge (see html.h): callers still pass a struct buf * and the web
 * layer's decoded pairs (struct http_params, whose elements have name and
 * value members); both are turned into what the functions take.
 */
#define FORM_VALUES_OF_(a, p)                                                                      \
	_Generic((p), const struct form_values *: (p), struct form_values *: (p),                  \
	         default: form_values_copy_((a), (const void *)(p), offsetof(__typeof__(*(p)), v),  \
	                                    offsetof(__typeof__(*(p)), n), sizeof(*(p)->v),          \
	                                    offsetof(__typeof__(*(p)->v), name),                     \
	                                    offsetof(__typeof__(*(p)->v), value)))
#define form_question(h, a, q, lang, values, error)                                                \
	(form_question)(HTML_OUT(h), (a), (q), (lang), FORM_VALUES_OF_((a), (values)), (error))
#define form_money(h, pence) (form_money)(HTML_OUT(h), (pence))
#endif

#endif
