/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * form: HTML for the questions of a survey, one function per question
 * type, following the UK public-service form patterns: a fieldset and
 * legend for every group of inputs, a label tied to every input, hint and
 * error text linked with aria-describedby, and what the resident typed put
 * back after an error. Field names follow survey/answer.h.
 */
#ifndef YV_RENDER_FORM_H
#define YV_RENDER_FORM_H

#include "core/arena.h"
#include "core/buf.h"
#include "survey/answer.h"
#include "survey/survey.h"
#include "web/http.h"

/* One question: `values` holds what was submitted (may be empty), `error` a message or NULL. */
void form_question(struct buf *b, struct arena *a, const struct survey_question *q,
                   enum yv_lang lang, const struct http_params *values, const char *error);

/* The resident's message for a validation error, in the current gettext language. */
const char *form_error_message(struct arena *a, const struct survey_question *q,
                               enum survey_answer_err e, const struct survey_answer_detail *det,
                               enum yv_lang lang);

/* Hundredths of a percent as "-2.5" ("+2.5" with plus), as answers carry them. */
void form_hundredths(char out[24], int bp, int plus);

/* Money in pence as "£1,234,567" (or "-£…"). */
void form_money(struct buf *b, long long pence);

#endif
