/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * budget: the helpers of the budget question that every reader of the
 * model shares (see survey.h): the allowed steps of a line, the meaning
 * that applies to a chosen change, what a council-tax rise costs a Band D
 * household, and the contradictions an officer declared. Pure functions of
 * the model; the sums themselves are in answer.c.
 */
#include "config.h"

#include <stddef.h>

#include "survey/survey.h"

size_t survey_budget_steps(int min_bp, int max_bp, int step_bp)
{
	if (step_bp <= 0 || max_bp < min_bp)
		return 1;
	return (size_t)((max_bp - min_bp) / step_bp) + 1;
}

int survey_budget_step(int min_bp, int step_bp, size_t i)
{
	return min_bp + (int)i * (step_bp > 0 ? step_bp : 0);
}

const struct survey_budget_level *survey_budget_level_applying(const struct survey_budget_line *l,
							       int change_bp)
{
	const struct survey_budget_level *best = NULL;

	if (change_bp == 0)
		return NULL;
	for (size_t k = 0; k < l->nlevels; k++) {
		int c = l->levels[k].change_bp;

		if (c == change_bp)
			return &l->levels[k];
		/* between 0 and the change, on the same side: the nearest to it */
		if (change_bp < 0 && c < 0 && c > change_bp &&
		    (best == NULL || c < best->change_bp))
			best = &l->levels[k];
		if (change_bp > 0 && c > 0 && c < change_bp &&
		    (best == NULL || c > best->change_bp))
			best = &l->levels[k];
	}
	return best;
}

/* x * num / den rounded to nearest, halves away from zero (den > 0). */
static long long round_div(long long x, long long den)
{
	return x >= 0 ? (x + den / 2) / den : -((-x + den / 2) / den);
}

long long survey_budget_band_d_cost(const struct survey_budget *b, int ct_bp)
{
	if (!b->has_council_tax || b->ct_band_d_pence <= 0)
		return 0;
	return round_div(b->ct_band_d_pence * ct_bp, 10000);
}

long long survey_budget_per_week(long long per_year_pence)
{
	return round_div(per_year_pence, 52);
}

int survey_budget_contradicts(const struct survey_budget *b,
			      const struct survey_budget_contradiction *c, const int *changes,
			      int ct_bp)
{
	int v;

	if (c->line < b->nlines)
		v = changes[c->line];
	else if (c->line == b->nlines && b->has_council_tax)
		v = ct_bp;
	else
		return 0;
	switch (c->when) {
	case SBW_RISE:
		return v > 0;
	case SBW_CUT:
		return v < 0;
	case SBW_NO_CHANGE:
		return v == 0;
	}
	return 0;
}
