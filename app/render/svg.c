/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * svg: bar charts and box plots (see svg.h). A box plot's geometry is in
 * whole pixels of a 640-wide viewBox that scales to the page; bar charts are
 * HTML rows with one small SVG bar each; colours are attributes, not
 * inline styles, so the Content-Security-Policy holds. May use: core,
 * render/html.
 */
#include "config.h"

#include <math.h>
#include "render/html.h"
#include "render/svg.h"

#define SVG_W 640

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

/*
 * The bars are HTML rows: the label and the figure are page text (so they
 * keep the reader's font size on a phone, never scaled down with a
 * viewBox), and only the bar itself is a small SVG drawn to its length in
 * percent of the track, so the Content-Security-Policy (no inline styles)
 * holds. The whole chart is one image to assistive technology, named by
 * its title and description; the table beside it has the same figures.
 */
void svg_bars(struct html *h, const char *id, const char *title, const char *desc,
	      const struct svg_bar *bars, size_t n, double max, int diverging)
{
	int track = diverging ? 200 : 100, zero = diverging ? 100 : 0;

	for (size_t i = 0; i < n; i++)
		if (fabs(bars[i].value) > max)
			max = fabs(bars[i].value);
	html_lit(h, "<div class=\"chart bar-chart");
	if (diverging)
		html_lit(h, " bar-chart-diverging");
	html_lit(h, "\" id=\"");
	html_text(h, id);
	html_lit(h, "\" role=\"img\" aria-labelledby=\"");
	html_text(h, id);
	html_lit(h, "-t\" aria-describedby=\"");
	html_text(h, id);
	html_lit(h, "-d\">\n<p class=\"bar-chart-title\" id=\"");
	html_text(h, id);
	html_lit(h, "-t\">");
	html_text(h, title);
	html_lit(h, "</p>\n<p class=\"visually-hidden\" id=\"");
	html_text(h, id);
	html_lit(h, "-d\">");
	html_text(h, desc);
	html_lit(h, "</p>\n");
	for (size_t i = 0; i < n; i++) {
		int w = max > 0 ? (int)lround(fabs(bars[i].value) / max * 100) : 0;
		int x = diverging && bars[i].value < 0 ? zero - w : zero;

		html_lit(h, "<div class=\"bar-row\"><span class=\"bar-label\">");
		html_text(h, bars[i].label);
		html_lit(h, "</span><span class=\"bar-track\"><svg class=\"bar\" "
			    "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
		html_int(h, track);
		html_lit(h, " 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\" "
			    "focusable=\"false\"><rect x=\"");
		html_int(h, x);
		html_lit(h, "\" y=\"0\" width=\"");
		html_int(h, w);
		html_lit(h, "\" height=\"10\"");
		if (diverging && bars[i].value < 0)
			html_lit(h, " fill=\"#d4351c\"/>");
		else
			html_lit(h, " fill=\"#1d70b8\"/>");
		if (diverging)
			html_lit(h, "<line x1=\"100\" x2=\"100\" y1=\"0\" y2=\"10\" "
				    "stroke=\"#0b0c0c\" stroke-width=\"1\" "
				    "vector-effect=\"non-scaling-stroke\"/>");
		html_lit(h, "</svg></span><span class=\"bar-value\">");
		html_text(h, bars[i].value_text);
		html_lit(h, "</span></div>\n");
	}
	html_lit(h, "</div>\n");
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
