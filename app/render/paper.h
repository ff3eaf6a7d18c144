/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * paper: a survey as a printable paper form, for residents who do not go
 * online (render/paper.c). The page /s/<id>/paper wraps it in the page
 * frame with the print stylesheet; `yourvoice paper` prints it as it is.
 */
#ifndef YV_RENDER_PAPER_H
#define YV_RENDER_PAPER_H

#include "core/arena.h"
#include "render/html.h"
#include "survey/survey.h"

/*
 * Write the paper form of s in lang (the current gettext language must be
 * lang too): what goes inside the page's <main>, from <div class="paper">
 * to its end. Memory from a. 0, or -1 when out of memory.
 */
int paper_form(struct html *h, struct arena *a, const struct survey *s, enum yv_lang lang);

#endif
