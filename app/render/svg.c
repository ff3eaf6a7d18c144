/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * svg: bar charts and box plots (see svg.h). Geometry is in whole pixels of
 * a 640-wide viewBox that scales to the page; colours are attributes, not
 * inline styles, so the Content-Security-Policy holds. May use: core,
 * render/html.
 */
#include "config.h"

#include <math.h>
#include "render/html.h"
#include "render/svg.h"

#define SVG_W 640
#define LABEL_W 220
#define VALUE_W 70
#define ROW_H 28
#define BAR_H 18

static void open_svg(struct html *h, const char *id, const char *title, const char *desc,
		     int height)
{
	html_lit(h, "<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" "
		    "viewBox=\"0 0 ");
	html_int(h, SVG_W);
	html_lit(h, " ");
	html_int(h, height);
	html_lit(h, "\" aria-labelledby=\"");
	html_text(h, id);
	html_lit(h, "-t ");
	html_text(h, id);
	html_lit(h, "-d\"><title id=\"");
	html_text(h, id);
	html_lit(h, "-t\">");
	html_text(h, title);
	html_lit(h, "</title><desc id=\"");
	html_text(h, id);
	html_lit(h, "-d\">");
	html_text(h, desc);
	html_lit(h, "</desc>\n");
}

void svg_bars(struct html *h, const char *id, const char *title, const char *desc,
	      const struct svg_bar *bars, size_t n, double max, int diverging)
{
	int area = SVG_W - LABEL_W - VALUE_W, zero = LABEL_W, height = (int)n * ROW_H + 8;

	for (size_t i = 0; i < n; i++)
		if (fabs(bars[i].value) > max)
			max = fabs(bars[i].value);
	if (diverging) {
		area /= 2;
		zero = LABEL_W + area;
	}
	open_svg(h, id, title, desc, height);
	if (diverging) {
		html_lit(h, "<line x1=\"");
		html_int(h, zero);
		html_lit(h, "\" x2=\"");
		html_int(h, zero);
		html_lit(h, "\" y1=\"0\" y2=\"");
		html_int(h, height);
		html_lit(h, "\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>\n");
	}
	for (size_t i = 0; i < n; i++) {
		int y = (int)i * ROW_H + 4;
		int w = max > 0 ? (int)lround(fabs(bars[i].value) / max * area) : 0;
		int x = diverging && bars[i].value < 0 ? zero - w : zero;
		int tx = diverging && bars[i].value < 0 ? zero + 4 : zero + w + 4;

		html_lit(h, "<text x=\"");
		html_int(h, LABEL_W - 6);
		html_lit(h, "\" y=\"");
		html_int(h, y + BAR_H - 4);
		html_lit(h, "\" text-anchor=\"end\" font-size=\"13\">");
		html_text(h, bars[i].label);
		html_lit(h, "</text><rect x=\"");
		html_int(h, x);
		html_lit(h, "\" y=\"");
		html_int(h, y);
		html_lit(h, "\" width=\"");
		html_int(h, w);
		html_lit(h, "\" height=\"");
		html_int(h, BAR_H);
		if (diverging && bars[i].value < 0)
			html_lit(h, "\" fill=\"#d4351c\"/>");
		else
			html_lit(h, "\" fill=\"#1d70b8\"/>");
		html_lit(h, "<text x=\"");
		html_int(h, tx);
		html_lit(h, "\" y=\"");
		html_int(h, y + BAR_H - 4);
		html_lit(h, "\" font-size=\"13\">");
		html_text(h, bars[i].value_text);
		html_lit(h, "</text>\n");
	}
	html_lit(h, "</svg>\n");
}

void svg_box(struct html *h, const char *id, const char *title, const char *desc, const double v[5],
	     double lo, double hi)
{
	int x[5];
	double span = hi > lo ? hi - lo : 1;

	for (int i = 0; i < 5; i++)
		x[i] = 20 + (int)lround((v[i] - lo) / span * (SVG_W - 40));
	open_svg(h, id, title, desc, 60);
	html_lit(h, "<line x1=\"");
	html_int(h, x[0]);
	html_lit(h, "\" x2=\"");
	html_int(h, x[4]);
	html_lit(h, "\" y1=\"30\" y2=\"30\" stroke=\"#0b0c0c\" stroke-width=\"2\"/><rect x=\"");
	html_int(h, x[1]);
	html_lit(h, "\" y=\"12\" width=\"");
	html_int(h, x[3] - x[1]);
	html_lit(h, "\" height=\"36\" fill=\"#1d70b8\"/><line x1=\"");
	html_int(h, x[2]);
	html_lit(h, "\" x2=\"");
	html_int(h, x[2]);
	html_lit(h, "\" y1=\"8\" y2=\"52\" stroke=\"#ffdd00\" stroke-width=\"4\"/>\n</svg>\n");
}
