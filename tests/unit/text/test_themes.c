/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests for the theme stages: corpus, NMF (+ refinement), GSDMM,
 * labels, quotes and areas, on a small corpus with three clear topics. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "text/themes.h"
#include "text/themes_int.h"

#define PER 12
#define N (3 * PER + 1)

static const char *const topic[3][6] = {
    {"bus", "late", "timetable", "route", "driver", "stop"},
    {"library", "books", "opening", "hours", "reading", "loans"},
    {"parking", "car", "spaces", "charges", "permit", "meter"},
};

static struct themes_answer A[N];
static char text[N][200], id[N][16];

static void build(void)
{
	for (int d = 0; d < N; d++) {
		snprintf(id[d], sizeof(id[d]), "r%d", d);
		A[d].id = id[d];
		A[d].area = d % 2 ? "North" : "South";
		if (d == N - 1) {
			snprintf(text[d], sizeof(text[d]), "the and of");
			A[d].area = "Tiny";
		} else {
			const char *const *w = topic[d / PER];
			int i = d % PER;

			snprintf(text[d], sizeof(text[d]),
				 "The %s is %s and the %s %s, email me at someone%d@example.com",
				 w[i % 6], w[(i + 1) % 6], w[(i + 2) % 6], w[(i + 3) % 6], d);
		}
		A[d].text = text[d];
	}
}

/* Each topic in one theme, and three different themes. */
static int grouped_by_topic(const int *z)
{
	for (int g = 0; g < 3; g++)
		for (int i = 0; i < PER; i++)
			if (z[g * PER + i] != z[g * PER] || z[g * PER] < 0)
				return 0;
	return z[0] != z[PER] && z[0] != z[2 * PER] && z[PER] != z[2 * PER];
}

int main(void)
{
	struct themes_corpus c;
	struct themes_opts o;
	int z[N], second[N], k;
	json_t *s, *themes;
	size_t total = 0;
	char *dump1, *dump2;

	build();
	if (!ok(themes_corpus_build(&c, A, N, -1, 2, 1, YV_SRCDIR "/locale/text") == 0,
		"corpus builds"))
		return tap_done();
	is_int(c.ndocs, N, "one row per answer");
	ok(c.row[N] == c.row[N - 1], "an answer of stop words has no terms");
	{
		int found_bus = 0, found_pair = 0;

		for (size_t t = 0; t < c.nterms; t++) {
			if (strcmp(c.surface[t], "bus") == 0)
				found_bus = c.df[t] >= 2;
			if (c.pair[t])
				found_pair = 1;
		}
		ok(found_bus, "'bus' is a term with its document frequency");
		ok(found_pair, "adjacent word pairs are terms too");
	}
	ok(c.mean_words > 3 && c.mean_words < 12, "mean content words per answer: %.2f",
	   c.mean_words);

	k = themes_nmf(&c, 3, 0, 1, 1, z, second);
	is_int(k, 3, "NMF with refinement: three themes");
	ok(grouped_by_topic(z), "NMF with refinement: each topic is one theme");
	is_int(z[N - 1], -1, "an answer without terms has no theme");
	k = themes_nmf(&c, 3, 0, 0, 1, z, second);
	ok(grouped_by_topic(z), "NMF without refinement: each topic is one theme");
	k = themes_gsdmm(&c, 3, 0, 1, z);
	ok(k >= 2 && k <= 3, "GSDMM: at most the themes asked for (%d)", k);
	{
		/* Several chains and their consensus (a small set): the same
		 * seed gives the same themes, and the topics come out. */
		int z2[N];

		themes_gsdmm(&c, 3, 0, 1, z2);
		ok(memcmp(z, z2, sizeof(z)) == 0, "GSDMM consensus: same seed, same themes");
		/* GSDMM may join two of these topics (it prefers few themes),
		 * but the consensus must not scatter one. */
		{
			int whole = 1;

			for (int g = 0; g < 3; g++)
				for (int i = 0; i < PER; i++)
					if (z[g * PER + i] != z[g * PER] || z[g * PER] < 0)
						whole = 0;
			ok(whole, "GSDMM consensus: each topic stays in one theme");
		}
	}
	{
		/* Consensus of three groupings, two alike up to their numbering
		 * and one with an answer astray: the majority wins. */
		int r0[6] = {0, 0, 1, 1, 2, 2}, r1[6] = {2, 2, 0, 0, 1, 1};
		int r2[6] = {1, 1, 2, 0, 0, 0}, out[6];
		int *zr[3] = {r2, r0, r1};

		themes_consensus(6, 3, 3, zr, out);
		ok(out[0] == out[1] && out[2] == out[3] && out[4] == out[5] && out[0] != out[2] &&
		       out[2] != out[4] && out[0] != out[4],
		   "consensus: the grouping most runs agree on (%d%d%d%d%d%d)", out[0], out[1],
		   out[2], out[3], out[4], out[5]);
	}
	k = themes_nmf(&c, 0, 1, 1, 1, z, second);
	ok(k >= 3 && k <= 15, "k chosen from the data: %d", k);
	{
		/* The fit that picks the method: grouping by topic fits the
		 * answers better than a grouping across topics. */
		int zt[N], zx[N];
		double big_t, big_x, fit_t, fit_x;

		for (int d = 0; d < N; d++) {
			zt[d] = d == N - 1 ? -1 : d / PER;
			zx[d] = d == N - 1 ? -1 : d % 3;
		}
		fit_t = themes_cohesion(&c, zt, 3, &big_t);
		fit_x = themes_cohesion(&c, zx, 3, &big_x);
		ok(fit_t > fit_x + 0.1, "cohesion: by topic %.3f beats across topics %.3f", fit_t,
		   fit_x);
		ok(fabs(big_t - 1.0 / 3) < 1e-9, "cohesion: largest share of a third (%.3f)",
		   big_t);
		for (int d = 0; d < N - 1; d++)
			zx[d] = 0;
		fit_x = themes_cohesion(&c, zx, 3, &big_x);
		ok(big_x == 1.0, "cohesion: one catch-all theme has the whole share");
	}
	themes_corpus_release(&c);

	themes_opts_default(&o);
	o.k = 3;
	o.min_group = 5; /* area cells of 6 answers are shown, the 1-answer area is not */
	o.data_dir = YV_SRCDIR "/locale/text";
	s = themes_summarise(A, N, 2, &o);
	if (!ok(s != NULL, "summary built"))
		return tap_done();
	is_int(json_integer_value(json_object_get(s, "responses")), N, "responses counted");
	is_int(json_integer_value(json_object_get(s, "skipped")), 2, "skipped passed through");
	is_int(json_integer_value(json_object_get(s, "unthemed")), 1, "one unthemed answer");
	is_str(json_string_value(json_object_get(s, "language")), "en", "language is English");
	themes = json_object_get(s, "themes");
	is_int(json_array_size(themes), 3, "three themes");
	for (size_t i = 0; i < json_array_size(themes); i++) {
		json_t *t = json_array_get(themes, i), *q = json_object_get(t, "quotes");
		json_int_t cnt = json_integer_value(json_object_get(t, "count"));
		const char *label = json_string_value(json_object_get(t, "label"));
		int topical = 0;

		total += (size_t)cnt;
		is_int(cnt, PER, "theme %zu holds one topic's answers", i + 1);
		ok(json_real_value(json_object_get(t, "share")) > 0.3243 &&
		       json_real_value(json_object_get(t, "share")) < 0.3244,
		   "share = count / responses (12/37)");
		for (int g = 0; g < 3; g++)
			for (int w = 0; w < 6; w++)
				if (label != NULL && strstr(label, topic[g][w]) != NULL)
					topical = 1;
		ok(topical, "label '%s' names the topic", label ? label : "(null)");
		is_int(json_array_size(q), 3, "three quotes");
		for (size_t j = 0; j < json_array_size(q); j++)
			ok(strstr(json_string_value(json_object_get(json_array_get(q, j), "text")),
				  "[redacted email]") != NULL &&
			       strstr(
				   json_string_value(json_object_get(json_array_get(q, j), "text")),
				   "@") == NULL,
			   "quote %zu is redacted", j + 1);
	}
	is_int(total, 3 * PER, "counts add up to the themed answers");
	{
		json_t *areas = json_object_get(s, "by_area");

		is_int(json_array_size(areas), 3, "three areas");
		is_str(json_string_value(json_object_get(json_array_get(areas, 0), "area")),
		       "North", "areas sorted by name");
		ok(json_is_true(json_object_get(json_array_get(areas, 2), "suppressed")),
		   "an area under --min-group is suppressed");
		ok(json_object_get(json_array_get(areas, 2), "themes") == NULL,
		   "and shows no themes");
		{
			json_t *cells = json_object_get(json_array_get(areas, 0), "themes"),
			       *t0 = NULL;
			size_t ci;

			/* the first cell not suppressed (cells under --min-group are) */
			for (ci = 0; ci < json_array_size(cells); ci++)
				if (!json_is_true(
					json_object_get(json_array_get(cells, ci), "suppressed"))) {
					t0 = json_array_get(cells, ci);
					break;
				}
			double share = json_real_value(json_object_get(t0, "share"));
			double lift = json_real_value(json_object_get(t0, "lift"));
			double overall =
			    json_real_value(json_object_get(json_array_get(themes, ci), "share"));

			ok(share > 0 && lift > 0 && lift - share / overall < 0.01 &&
			       share / overall - lift < 0.01,
			   "lift = area share / overall share (%.3f, %.3f)", lift, share / overall);
		}
	}
	dump1 = json_dumps(s, JSON_PRESERVE_ORDER);
	json_decref(s);
	s = themes_summarise(A, N, 2, &o);
	dump2 = json_dumps(s, JSON_PRESERVE_ORDER);
	is_str(dump1, dump2, "same input and seed: same summary");
	free(dump1);
	free(dump2);
	json_decref(s);
	{
		/* One Welsh answer: too few to group; it is listed, redacted. */
		struct themes_answer cy = {
		    "w1", "Mae\xe2\x80\x99r gath yn y dref, ffoniwch 07700 900123", NULL};
		json_t *oq;

		o.k = 1;
		s = themes_summarise(&cy, 1, 0, &o);
		oq = json_object_get(s, "other_quotes");
		is_str(json_string_value(json_object_get(s, "language")), "cy",
		       "a Welsh answer is Welsh");
		is_int(json_array_size(json_object_get(s, "themes")), 0,
		       "under 20 answers: no themes");
		ok(json_string_value(json_object_get(s, "note")) != NULL, "and a note says so");
		is_int(json_integer_value(json_object_get(s, "other")), 1,
		       "the answer counts as other");
		ok(json_array_size(oq) == 1 &&
		       strstr(json_string_value(json_object_get(json_array_get(oq, 0), "text")),
			      "07700") == NULL,
		   "and is listed, redacted");
		json_decref(s);
	}
	{
		/* Issue 16: personal data planted in 30 answers of one topic (and
		 * 30 of another) never reaches any field of the summary. */
		static const char *const pii[] = {
		    "cllr pritchard",	     "Pritchard",    "LL57 2DG", "ll57 2dg",
		    "jo.bloggs@example.com", "07700 900123", "bloggs"};
		struct themes_answer B[60];
		char texts[60][200], ids[60][8];
		char *dump;
		int leaked = 0;

		for (int d = 0; d < 60; d++) {
			snprintf(ids[d], sizeof(ids[d]), "p%d", d);
			if (d < 30)
				snprintf(texts[d], sizeof(texts[d]),
					 d % 3 == 0 ? "Cllr Pritchard ignored the potholes on our "
						      "road near LL57 2DG"
					 : d % 3 == 1 ? "Potholes on the road again, email "
							"jo.bloggs@example.com or ring 07700 900123"
						      : "The road potholes are dangerous, Cllr "
							"Pritchard knows, LL57 2DG");
			else
				snprintf(
				    texts[d], sizeof(texts[d]),
				    d % 2 ? "Bins not collected this week, recycling left on the "
					    "street"
					  : "The recycling bins were missed again on our street");
			B[d].id = ids[d];
			B[d].text = texts[d];
			B[d].area = NULL;
		}
		themes_opts_default(&o);
		o.data_dir = YV_SRCDIR "/locale/text";
		s = themes_summarise(B, 60, 0, &o);
		dump = json_dumps(s, JSON_PRESERVE_ORDER);
		for (size_t i = 0; i < sizeof(pii) / sizeof(pii[0]); i++)
			if (dump != NULL && strcasestr(dump, pii[i]) != NULL) {
				printf("# leaked: %s\n", pii[i]);
				leaked = 1;
			}
		ok(dump != NULL && !leaked, "no name, postcode, email or phone in any field");
		ok(dump != NULL && strstr(dump, "redacted") != NULL &&
		       strstr(dump, "\"label\": \"redacted") == NULL,
		   "quotes show placeholders; no label is built from one");
		{
			json_t *th = json_object_get(s, "themes");
			int bad = 0;

			for (size_t i = 0; i < json_array_size(th); i++) {
				json_t *ph = json_object_get(json_array_get(th, i), "phrases");
				const char *l = json_string_value(
				    json_object_get(json_array_get(th, i), "label"));

				if (strstr(l, "redact") || strstr(l, "name") ||
				    strstr(l, "postcode"))
					bad = 1;
				for (size_t j = 0; j < json_array_size(ph); j++)
					if (strstr(json_string_value(json_array_get(ph, j)),
						   "redact"))
						bad = 1;
			}
			ok(!bad, "placeholders never become labels or phrases");
			json_int_t sum = json_integer_value(json_object_get(s, "other")) +
					 json_integer_value(json_object_get(s, "unthemed"));

			for (size_t i = 0; i < json_array_size(th); i++)
				sum += json_integer_value(
				    json_object_get(json_array_get(th, i), "count"));
			is_int(sum, 60, "theme counts + other + unthemed = answers");
		}
		free(dump);
		json_decref(s);
	}
	{
		/* Accounting: three topics of 12, a fourth of 4 answers (under
		 * the minimum theme size of 5), 8 ways of saying "nothing". */
		static const char *const topics[3] = {
		    "Potholes on the road damaged my car wheel %d",
		    "The library opening hours are too short on day %d",
		    "Bins collection missed again in week %d"};
		static const char *const nothing[8] = {"Nothing",
						       "n/a",
						       "No",
						       "None",
						       "Nothing to add",
						       "Dim byd",
						       "can't think of anything",
						       "Nothing, all good"};
		struct themes_answer C[48];
		char texts[48][120], ids[48][8];
		json_t *th;
		json_int_t sum = 0, nothing_count = -1;
		double shares = 0;
		int nothing_groups = 0, small = 0;

		for (int d = 0; d < 48; d++) {
			snprintf(ids[d], sizeof(ids[d]), "c%d", d);
			if (d < 36)
				snprintf(texts[d], sizeof(texts[d]), topics[d / 12], d);
			else if (d < 40)
				snprintf(
				    texts[d], sizeof(texts[d]),
				    "Swimming pool lanes crowded, swimming lessons cancelled %d",
				    d);
			else
				snprintf(texts[d], sizeof(texts[d]), "%s", nothing[d - 40]);
			C[d].id = ids[d];
			C[d].text = texts[d];
			C[d].area = NULL;
		}
		themes_opts_default(&o);
		o.k = 4;
		o.data_dir = YV_SRCDIR "/locale/text";
		s = themes_summarise(C, 48, 0, &o);
		th = json_object_get(s, "themes");
		for (size_t i = 0; i < json_array_size(th); i++) {
			json_t *t = json_array_get(th, i);
			json_int_t cnt = json_integer_value(json_object_get(t, "count"));

			sum += cnt;
			shares += json_real_value(json_object_get(t, "share"));
			if (json_is_string(json_object_get(t, "kind"))) {
				nothing_groups++;
				nothing_count = cnt;
			} else if (cnt < 5) {
				small++;
			}
		}
		shares += (double)(json_integer_value(json_object_get(s, "other")) +
				   json_integer_value(json_object_get(s, "unthemed"))) /
			  48.0;
		is_int(nothing_groups, 1, "the 'nothing to add' answers form one group");
		is_int(nothing_count, 8, "holding all 8 of them");
		is_int(small, 0, "no theme under the minimum size (5)");
		ok(json_integer_value(json_object_get(s, "other")) >= 4,
		   "the 4 answers of a too-small topic are in Other (%lld)",
		   (long long)json_integer_value(json_object_get(s, "other")));
		is_int(sum + json_integer_value(json_object_get(s, "other")) +
			   json_integer_value(json_object_get(s, "unthemed")),
		       48, "each answer counted once: themes + other + unthemed = answers");
		ok(shares > 0.999 && shares < 1.001, "shares add up to 100%% (%.4f)", shares);
		json_decref(s);
	}
	{
		/* A very long answer is quoted cut at a word, 300 characters at
		 * most, marked; under 20 answers every answer is listed. */
		static char big[20000];
		struct themes_answer L1[2] = {{"long", big, NULL}, {"short", "Bins missed", NULL}};
		json_t *oq, *q = NULL;
		const char *txt;
		size_t chars = 0;

		for (size_t i2 = 0; i2 + 8 < sizeof(big); i2 += 8)
			memcpy(big + i2, "pothole ", 8);
		big[sizeof(big) - 9] = '\0';
		themes_opts_default(&o);
		o.data_dir = YV_SRCDIR "/locale/text";
		s = themes_summarise(L1, 2, 0, &o);
		oq = json_object_get(s, "other_quotes");
		is_int(json_array_size(oq), 2, "under 20 answers: both listed");
		for (size_t j = 0; j < json_array_size(oq); j++)
			if (strcmp(json_string_value(json_object_get(json_array_get(oq, j), "id")),
				   "long") == 0)
				q = json_array_get(oq, j);
		txt = q ? json_string_value(json_object_get(q, "text")) : "";
		for (const char *p2 = txt; *p2; p2++)
			chars += ((unsigned char)*p2 & 0xC0) != 0x80;
		ok(chars <= 300 && chars > 250, "the long answer's quote is cut to %zu characters",
		   chars);
		ok(strlen(txt) > 3 && strcmp(txt + strlen(txt) - 3, "\xE2\x80\xA6") == 0 &&
		       txt[strlen(txt) - 4] == 'e',
		   "at a word boundary, ending in an ellipsis");
		ok(json_is_true(json_object_get(q, "cut")), "and marked as cut");
		json_decref(s);
	}
	{
		/* A theme of English and Welsh answers: its English phrases (the
		 * description's "they often mention ...") are words written in
		 * English answers, never a Welsh word the glossary does not map
		 * ("meddai", "cymdogion": said, neighbours), however often. */
		static char mix[16][48] = {"Flooding by the river",
					   "The river flooded the lane",
					   "Flooding every winter",
					   "River flooding near houses",
					   "Meddai cymdogion: llifogydd eto",
					   "Llifogydd, meddai cymdogion",
					   "Meddai cymdogion fod yr afon yn codi",
					   "Afon, meddai cymdogion",
					   "Bins collected late",
					   "Bins left out all week",
					   "Recycling bins overflowing",
					   "Bins missed again",
					   "Meddai cymdogion: biniau",
					   "Biniau, meddai cymdogion",
					   "Bins and recycling late",
					   "Recycling missed"};
		struct themes_answer M[16];
		struct themes_corpus mc;
		struct cand top[2 * LABEL_CANDS];
		int mz[16], ntop[2];
		json_t *ph[2] = {NULL, NULL};

		for (int d = 0; d < 16; d++) {
			M[d].id = "m";
			M[d].area = NULL;
			M[d].text = mix[d];
			mz[d] = d < 8 ? 0 : 1;
		}
		if (ok(themes_corpus_build(&mc, M, 16, -1, 2, 1, YV_SRCDIR "/locale/text") == 0,
		       "mixed corpus builds")) {
			int welsh = 0, any = 0;

			themes_label_cands(&mc, mz, 2, top, ntop, ph);
			for (int t = 0; t < 2; t++)
				for (size_t i = 0; i < json_array_size(ph[t]); i++) {
					const char *p = json_string_value(json_array_get(ph[t], i));

					any++;
					if (p != NULL && (strstr(p, "meddai") != NULL ||
							  strstr(p, "cymdogion") != NULL))
						welsh++;
					printf("# theme %d phrase '%s'\n", t, p ? p : "");
				}
			ok(any > 0, "the mixed themes have phrases (%d)", any);
			is_int(welsh, 0, "no English phrase is a Welsh-only word");
			json_decref(ph[0]);
			json_decref(ph[1]);
			themes_corpus_release(&mc);
		}
	}
	return tap_done();
}
