/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * svg_line: a line chart of one figure over time (the waves of a tracked
 * series), with each point's 95 % interval as a vertical bar, as inline
 * SVG through the escaping HTML writer. Like the charts of svg.h it is an
 * <svg role="img"> named by its <title> and <desc>, with the figures in a
 * table beside it. Drawn in a 320-unit-wide box with text of 16 units, so
 * that at the narrowest phone (about 288 px for the chart) no text renders
 * under 14 px. May use: core, render/html.
 */
#ifndef YV_RENDER_SVG_LINE_H
#define YV_RENDER_SVG_LINE_H

#include <stddef.h>

#include "render/html.h"

struct svg_point {
	const char *label;    /* on the horizontal axis ("2026-q1") */
	int has;	      /* 0: no figure at this point (a gap in the line) */
	double value, lo, hi; /* lo == hi: no interval drawn */
};

/*
 * The chart of n points on a vertical axis from ymin to ymax, labelled at
 * its ends with ymin_text and ymax_text. id must be unique in the page.
 */
void svg_line(struct html *h, const char *id, const char *title, const char *desc,
	      const struct svg_point *p, size_t n, double ymin, double ymax, const char *ymin_text,
	      const char *ymax_text);

#endif
