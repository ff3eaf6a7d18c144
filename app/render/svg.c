/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * svg: bar charts and box plots (see svg.h). Geometry is in whole pixels of
 * a 640-wide viewBox that scales to the page; colours are attributes, not
 * inline styles, so the Content-Security-Policy holds.
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

static void open_svg(struct buf *b, const char *id, const char *title, const char *desc, int h)
{
	html_lit(b, "<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
	html_int(b, SVG_W);
	html_lit(b, " ");
	html_int(b, h);
	html_lit(b, "\" aria-labelledby=\"");
	html_text(b, id);
	html_lit(b, "-t ");
	html_text(b, id);
	html_lit(b, "-d\"><title id=\"");
	html_text(b, id);
	html_lit(b, "-t\">");
	html_text(b, title);
	html_lit(b, "</title><desc id=\"");
	html_text(b, id);
	html_lit(b, "-d\">");
	html_text(b, desc);
	html_lit(b, "</desc>\n");
}

void svg_bars(struct buf *b, const char *id, const char *title, const char *desc,
              const struct svg_bar *bars, size_t n, double max, int diverging)
{
	int area = SVG_W - LABEL_W - VALUE_W, zero = LABEL_W, h = (int)n * ROW_H + 8;

	for (size_t i = 0; i < n; i++)
		if (fabs(bars[i].value) > max)
			max = fabs(bars[i].value);
	if (diverging) {
		area /= 2;
		zero = LABEL_W + area;
	}
	open_svg(b, id, title, desc, h);
	if (diverging) {
		html_lit(b, "<line x1=\"");
		html_int(b, zero);
		html_lit(b, "\" x2=\"");
		html_int(b, zero);
		html_lit(b, "\" y1=\"0\" y2=\"");
		html_int(b, h);
		html_lit(b, "\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>\n");
	}
	for (size_t i = 0; i < n; i++) {
		int y = (int)i * ROW_H + 4;
		int w = max > 0 ? (int)lround(fabs(bars[i].value) / max * area) : 0;
		int x = diverging && bars[i].value < 0 ? zero - w : zero;
		int tx = diverging && bars[i].value < 0 ? zero + 4 : zero + w + 4;

		html_lit(b, "<text x=\"");
		html_int(b, LABEL_W - 6);
		html_lit(b, "\" y=\"");
		html_int(b, y + BAR_H - 4);
		html_lit(b, "\" text-anchor=\"end\" font-size=\"13\">");
		html_text(b, bars[i].label);
		html_lit(b, "</text><rect x=\"");
		html_int(b, x);
		html_lit(b, "\" y=\"");
		html_int(b, y);
		html_lit(b, "\" width=\"");
		html_int(b, w);
		html_lit(b, "\" height=\"");
		html_int(b, BAR_H);
		if (diverging && bars[i].value < 0)
			html_lit(b, "\" fill=\"#d4351c\"/>");
		else
			html_lit(b, "\" fill=\"#1d70b8\"/>");
		html_lit(b, "<text x=\"");
		html_int(b, tx);
		html_lit(b, "\" y=\"");
		html_int(b, y + BAR_H - 4);
		html_lit(b, "\" font-size=\"13\">");
		html_text(b, bars[i].value_text);
		html_lit(b, "</text>\n");
	}
	html_lit(b, "</svg>\n");
}

void svg_box(struct buf *b, const char *id, const char *title, const char *desc,
             const double v[5], double lo, double hi)
{
	int x[5];
	double span = hi > lo ? hi - lo : 1;

	for (int i = 0; i < 5; i++)
		x[i] = 20 + (int)lround((v[i] - lo) / span * (SVG_W - 40));
	open_svg(b, id, title, desc, 60);
	html_lit(b, "<line x1=\"");
	html_int(b, x[0]);
	html_lit(b, "\" x2=\"");
	html_int(b, x[4]);
	html_lit(b, "\" y1=\"30\" y2=\"30\" stroke=\"#0b0c0c\" stroke-width=\"2\"/><rect x=\"");
	html_int(b, x[1]);
	html_lit(b, "\" y=\"12\" width=\"");
	html_int(b, x[3] - x[1]);
	html_lit(b, "\" height=\"36\" fill=\"#1d70b8\"/><line x1=\"");
	html_int(b, x[2]);
	html_lit(b, "\" x2=\"");
	html_int(b, x[2]);
	html_lit(b, "\" y1=\"8\" y2=\"52\" stroke=\"#ffdd00\" stroke-width=\"4\"/>\n</svg>\n");
}
