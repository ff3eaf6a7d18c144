/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * svg: accessible server-rendered charts, written through the escaping
 * HTML writer (inline SVG in the page, no script). Every chart is an
 * <svg role="img"> labelled by its own <title> and <desc>; the figures are
 * also in a table beside it, which is what screen readers are pointed to.
 * May use: core, render/html.
 */
#ifndef YV_RENDER_SVG_H
#define YV_RENDER_SVG_H

#include <stddef.h>

#include "render/html.h"

struct svg_bar {
	const char *label;	/* category, shown left of the bar */
	double value;		/* length of the bar */
	const char *value_text; /* shown after the bar ("50.0%") */
};

/*
 * A horizontal bar chart. id must be unique in the page (it names the
 * title and desc elements); max is the value of a full-length bar (0: the
 * largest value). With diverging, bars grow left (negative) or right
 * (positive) of a zero line in the middle, scaled to the largest magnitude.
 */
void svg_bars(struct html *h, const char *id, const char *title, const char *desc,
	      const struct svg_bar *bars, size_t n, double max, int diverging);

/* A box plot of min, q1, median, q3 and max on a line from lo to hi. */
void svg_box(struct html *h, const char *id, const char *title, const char *desc, const double v[5],
	     double lo, double hi);

#ifdef YV_HTML_BRIDGE
/* The bridge for callers that still pass a struct buf * (see html.h). */
#define svg_bars(h, ...) (svg_bars)(HTML_OUT(h), __VA_ARGS__)
#define svg_box(h, ...) (svg_box)(HTML_OUT(h), __VA_ARGS__)
#endif

#endif
