/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* svg_line: a line chart over time with intervals (svg_line.h). */
#include "config.h"

#include <stdio.h>

#include "render/svg_line.h"

#define W 320.0
#define H 200.0
#define LEFT 56.0  /* room for the axis labels */
#define RIGHT 16.0 /* half a label past the last point */
#define TOP 16.0
#define BOTTOM 40.0 /* room for the wave labels */

static void num(struct html *h, double v)
{
	char s[32];

	snprintf(s, sizeof(s), "%.1f", v);
	html_text(h, s);
}

static double x_of(size_t i, size_t n)
{
	return n < 2 ? LEFT + (W - LEFT - RIGHT) / 2
		     : LEFT + (W - LEFT - RIGHT) * (double)i / (double)(n - 1);
}

static double y_of(double v, double ymin, double ymax)
{
	double f = ymax > ymin ? (v - ymin) / (ymax - ymin) : 0;

	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	return TOP + (H - TOP - BOTTOM) * (1 - f);
}

static void text_at(struct html *h, double x, double y, const char *anchor, const char *s)
{
	html_lit(h, "<text x=\"");
	num(h, x);
	html_lit(h, "\" y=\"");
	num(h, y);
	html_lit(h, "\" text-anchor=\"");
	html_text(h, anchor);
	html_lit(h, "\" font-size=\"16\">");
	html_text(h, s);
	html_lit(h, "</text>");
}

void svg_line(struct html *h, const char *id, const char *title, const char *desc,
	      const struct svg_point *p, size_t n, double ymin, double ymax, const char *ymin_text,
	      const char *ymax_text)
{
	int pen = 0;

	html_lit(h, "<svg class=\"chart chart-line\" viewBox=\"0 0 320 200\" role=\"img\" "
		    "aria-labelledby=\"");
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
	html_lit(h, "</desc>");
	/* axes and their end labels */
	html_lit(h, "<path class=\"axis\" d=\"M56 16V160H304\" fill=\"none\"/>");
	text_at(h, LEFT - 6, y_of(ymax, ymin, ymax) + 6, "end", ymax_text);
	text_at(h, LEFT - 6, y_of(ymin, ymin, ymax), "end", ymin_text);
	/* wave labels: every one up to four points, else the first and the last */
	for (size_t i = 0; i < n; i++)
		if (n <= 4 || i == 0 || i + 1 == n)
			text_at(h, x_of(i, n), H - 12,
				n == 1	     ? "middle"
				: i == 0     ? "start"
				: i + 1 == n ? "end"
					     : "middle",
				p[i].label);
	/* intervals */
	for (size_t i = 0; i < n; i++) {
		if (!p[i].has || p[i].lo >= p[i].hi)
			continue;
		html_lit(h, "<path class=\"interval\" d=\"M");
		num(h, x_of(i, n));
		html_lit(h, " ");
		num(h, y_of(p[i].lo, ymin, ymax));
		html_lit(h, "V");
		num(h, y_of(p[i].hi, ymin, ymax));
		html_lit(h, "\"/>");
	}
	/* the line, broken where a wave has no figure */
	html_lit(h, "<path class=\"line\" fill=\"none\" d=\"");
	for (size_t i = 0; i < n; i++) {
		if (!p[i].has) {
			pen = 0;
			continue;
		}
		if (pen)
			html_lit(h, "L");
		else
			html_lit(h, "M");
		num(h, x_of(i, n));
		html_lit(h, " ");
		num(h, y_of(p[i].value, ymin, ymax));
		pen = 1;
	}
	html_lit(h, "\"/>");
	for (size_t i = 0; i < n; i++) {
		if (!p[i].has)
			continue;
		html_lit(h, "<circle class=\"point\" r=\"5\" cx=\"");
		num(h, x_of(i, n));
		html_lit(h, "\" cy=\"");
		num(h, y_of(p[i].value, ymin, ymax));
		html_lit(h, "\"/>");
	}
	html_lit(h, "</svg>\n");
}
