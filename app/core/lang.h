/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * lang: the languages the service speaks (DESIGN.md §6), known to every
 * layer: a survey's texts, the page a resident reads, stored answers and
 * results all say which language they are in with enum yv_lang. The codes
 * are the ISO 639-1 ones used in URLs (/cy/...), xml:lang and the database.
 *
 * Header only (two tiny functions), so core needs no other file for it;
 * survey.h includes it, and survey_lang_code/_parse remain as the names
 * the rest of the code uses.
 */
#ifndef YV_CORE_LANG_H
#define YV_CORE_LANG_H

#include <string.h>

enum yv_lang { LANG_EN = 0, LANG_CY = 1, LANG_N = 2 };

/* "en" / "cy"; NULL for anything else. */
static inline const char *yv_lang_code(enum yv_lang l)
{
	return l == LANG_EN ? "en" : l == LANG_CY ? "cy" : NULL;
}

/* LANG_EN / LANG_CY for "en" / "cy" (exact, NULL allowed), -1 otherwise. */
static inline int yv_lang_parse(const char *code)
{
	if (code == NULL)
		return -1;
	if (strcmp(code, "en") == 0)
		return LANG_EN;
	if (strcmp(code, "cy") == 0)
		return LANG_CY;
	return -1;
}

#endif
