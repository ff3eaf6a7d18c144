/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * form_budget: the budget question as a simulator that works without
 * JavaScript (form_budget.c). A balance bar that stays in view says how
 * much is still to find, or by how much the target is passed; each service
 * has a select over its allowed steps (turned into a − / + stepper by the
 * script), the consequence of the chosen level (a live region) and the
 * others in a details element; the council-tax line says what the rise
 * costs a Band D home a year and a week; the contradictions the officer
 * declared are prompted. An "Update my total" button (action=recalculate)
 * re-renders the page with the totals when the script is off. May use:
 * core, survey, render/html and render/form.
 */
#ifndef YV_RENDER_FORM_BUDGET_H
#define YV_RENDER_FORM_BUDGET_H

#include "core/arena.h"
#include "render/form.h"
#include "render/html.h"
#include "survey/answer.h"
#include "survey/survey.h"

/* The budget question q (type SQ_BUDGET) with the values submitted or
 * saved (every page's, so contradictions can be seen) and error (NULL:
 * none). */
void form_budget_question(struct html *h, struct arena *a, const struct survey_question *q,
			  enum yv_lang lang, const struct form_values *values, const char *error);

/*
 * The prompts of budget question q that hold for the answers a (the whole
 * response so far): a notice with each declared contradiction's message
 * and a link to change the budget (change_href, NULL: no link). Writes
 * nothing when none holds; returns how many were written.
 */
size_t form_budget_prompts(struct html *h, struct arena *a, const struct survey_question *q,
			   enum yv_lang lang, const struct survey_answers *answers,
			   const char *change_href);

#endif
