/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests for theme labels (issue 17): noun phrases from the answers'
 * own words, never verb forms or praise, unique, and Welsh labels in
 * Welsh when a theme has Welsh answers. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "text/themes.h"

#define PER 14
#define NT 3

/* Three topics; each answer carries its topic's phrase among other words
 * that vary, and praise or verb forms that must not name a theme. */
static const char *const phrase[NT] = {"waiting for an ambulance", "food on the ward",
				       "car parking"};
static const char *const extra[NT][7] = {
    {"hours", "night", "pain", "call", "crew", "father", "road"},
    {"meals", "tea", "menu", "breakfast", "portions", "diet", "supper"},
    {"charges", "spaces", "permit", "meter", "visitors", "fees", "bays"},
};
static const char *const filler[7] = {"lovely",	   "received", "really", "explained",
				      "excellent", "given",    "clearly"};
/* Welsh answers of the third topic: "parcio ceir" joins "car parking"
 * through the glossary. */
static const char *const welsh[6] = {
    "Mae parcio ceir yn y dref yn rhy ddrud",
    "Dim digon o le parcio ceir ger y siopau",
    "Mae'r parcio ceir ger yr ysbyty yn anodd",
    "Angen mwy o barcio ceir i bobl anabl",
    "Mae parcio ceir ar y stryd yn beryglus",
    "Parcio ceir am ddim ar ddydd Sul os gwelwch yn dda",
};

#define N (NT * PER + 6)
static struct themes_answer A[N];
static char text[N][200], id[N][16];

int main(void)
{
	struct themes_opts o;
	json_t *s, *themes;
	int saw[NT] = {0}, welsh_label = 0;

	for (int d = 0; d < N; d++) {
		snprintf(id[d], sizeof(id[d]), "a%d", d);
		A[d].id = id[d];
		A[d].area = NULL;
		if (d >= NT * PER) {
			snprintf(text[d], sizeof(text[d]), "%s", welsh[d - NT * PER]);
		} else {
			int g = d / PER, i = d % PER;

			snprintf(text[d], sizeof(text[d]), "The %s was %s, %s %s and %s %s",
				 phrase[g], filler[i % 7], extra[g][i % 7], extra[g][(i + 3) % 7],
				 filler[(i + 2) % 7], extra[g][(i + 5) % 7]);
		}
		A[d].text = text[d];
	}
	themes_opts_default(&o);
	o.k = 3;
	o.data_dir = YV_SRCDIR "/locale/text";
	s = themes_summarise(A, N, 0, &o);
	if (!ok(s != NULL, "summary built"))
		return tap_done();
	themes = json_object_get(s, "themes");
	is_int(json_array_size(themes), 3, "three themes");
	for (size_t i = 0; i < json_array_size(themes); i++) {
		json_t *t = json_array_get(themes, i), *labels = json_object_get(t, "labels");
		const char *en = json_string_value(json_object_get(t, "label"));
		const char *cy = json_string_value(json_object_get(labels, "cy"));
		const char *desc = json_string_value(json_object_get(t, "description"));

		for (int g = 0; g < NT; g++)
			if (en != NULL && strcmp(en, phrase[g]) == 0)
				saw[g]++;
		for (int f = 0; f < 7; f++)
			ok(en == NULL || strstr(en, filler[f]) == NULL,
			   "label '%s' has no praise word or verb form ('%s')", en ? en : "",
			   filler[f]);
		ok(desc != NULL && en != NULL && strstr(desc, en) != NULL,
		   "the description names the label");
		if (en != NULL && strcmp(en, "car parking") == 0) {
			welsh_label = cy != NULL && strcmp(cy, "parcio ceir") == 0 &&
				      json_object_get(labels, "cy_is_english") == NULL;
			ok(welsh_label, "the theme with Welsh answers has the Welsh label '%s'",
			   cy ? cy : "(null)");
		} else {
			ok(json_is_true(json_object_get(labels, "cy_is_english")),
			   "a theme without Welsh answers marks its Welsh label as English");
		}
	}
	for (int g = 0; g < NT; g++)
		is_int(saw[g], 1, "one theme is labelled '%s', the phrase its answers write",
		       phrase[g]);
	json_decref(s);
	{
		/* A Welsh answer of 80 words each ending in 'r after punctuation
		 * (a word, an article and a break each: the phrase finder's
		 * token array once overflowed on it), among answers to group. */
		static char longcy[2048];
		size_t off = 0;

		for (int i = 0; i < 80; i++)
			off += (size_t)snprintf(longcy + off, sizeof(longcy) - off, "llyfr%c'r, ",
						'a' + i % 26);
		for (int d = 0; d < N; d++)
			if (d % 4 == 0)
				A[d].text = longcy;
		s = themes_summarise(A, N, 0, &o);
		ok(s != NULL && json_array_size(json_object_get(s, "themes")) > 0,
		   "answers of 80 clitic words are grouped and labelled");
		json_decref(s);
	}
	return tap_done();
}
