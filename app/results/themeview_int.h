/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themeview_int: helpers that themeview.c defines for themeview_view.c
 * (private to the two files).
 */
#ifndef YV_RESULTS_THEMEVIEW_INT_H
#define YV_RESULTS_THEMEVIEW_INT_H

#include <jansson.h>

#define PHRASES_MAX 8

/* v rounded to a multiple of unit. */
double themeview_round_to(double v, double unit);
/* s, or "" when NULL. */
const char *themeview_str_or(const char *s);
/* The index of a stance name in THEMEVIEW_NSTANCES, or -1. */
int themeview_stance_index(const char *s);
/* Index of the theme with key k in a themes array, or -1. */
long themeview_theme_index(json_t *themes, const char *k);
/* The officers' decision on theme key (borrowed), or NULL. */
json_t *themeview_decision_of(json_t *decisions, const char *key);

#endif
