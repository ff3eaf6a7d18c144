/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Unit tests of app/results/totals.c: every stored aggregate, built the
 * way the stored totals are (each response's cells added, withdrawals
 * taken out, flagged responses in their own set), must give the same
 * accumulator, so the same figures byte for byte, as a recount of the
 * responses that remain: exact and published, with and without flagged
 * responses, ties, empty questions, withdrawals to zero and medians of an
 * even count. The fixture is tests/fixtures/results/results-all.xml and
 * the data set of fixture.c (shared with test_results.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "results/results.h"
#include "results/sdc.h"
#include "results/totals.h"
#include "tap.h"
#include "results/fixture.h" /* tests/unit/results */

/* Two responses more: a tie with R1's number of people and a flagged one. */
static const struct fixture extra_set[] = {
    {"en",
     "paper",
     "2025-02-04",
     0,
     0,
     {"transport=car", "people=2", "visit=2025-01-10", "trust=5", "protect.a=1", "age=old",
      "pc=SY17 9ZZ", "budget.x=-10", "budget.y=0", "budget.council-tax=0", NULL}},
    {"cy",
     "web",
     "2025-02-05",
     1,
     1,
     {"transport=bus", "services=library", "people=7", "trust=1", "protect.b=1", "age=young",
      "budget.x=-20", "budget.y=-10", "budget.council-tax=2", NULL}},
};

#define NRESP 8

static struct fixture all[NRESP];

static unsigned rkey_of(size_t i)
{
	char id[16];

	snprintf(id, sizeof(id), "%zu", i + 1);
	return sdc_record_key(id);
}

/* Response i of all[] as the accumulator takes it (rows in the caller's
 * arrays). */
static void response(size_t i, struct results_response *resp, struct results_row rows[16],
		     char names[16][64])
{
	fixture_response(&all[i], rkey_of(i), resp, rows, names);
}
/* A recount of the responses whose bit is set in mask (flags: which of them
 * are flagged, instead of the fixture's). */
static struct results *recount(const struct survey *s, const struct results_opts *o, unsigned mask,
			       unsigned flags)
{
	struct results *r = results_new(s, o);

	for (size_t i = 0; i < NRESP; i++) {
		struct results_response resp;
		struct results_row rows[16];
		char names[16][64];

		if (!(mask & (1u << i)))
			continue;
		response(i, &resp, rows, names);
		resp.flagged = (flags >> i) & 1;
		results_add(r, &resp);
	}
	return r;
}

static char *cells_of(const struct survey *s, size_t i)
{
	struct results_response resp;
	struct results_row rows[16];
	char names[16][64];

	response(i, &resp, rows, names);
	return results_response_cells(s, &resp);
}

/*
 * The stored way: every response in `sent` added (to the flagged set when
 * its bit of flags_then is set), then the ones in `gone` taken out of the
 * set they were in, and those in `moved` taken out of the counted set and
 * put in the flagged one (a flag decision).
 */
static struct results *stored(const struct survey *s, const struct results_opts *o, unsigned sent,
			      unsigned flags_then, unsigned gone, unsigned moved)
{
	struct results *r = results_new(s, o);
	int bad = 0;

	for (size_t i = 0; i < NRESP; i++)
		if (sent & (1u << i)) {
			char *c = cells_of(s, i);

			bad |= results_cells_add(r, c, 1, (flags_then >> i) & 1);
			free(c);
		}
	for (size_t i = 0; i < NRESP; i++) {
		char *c;

		if (!((gone | moved) & (1u << i)))
			continue;
		c = cells_of(s, i);
		if (gone & (1u << i))
			bad |= results_cells_add(r, c, -1, (flags_then >> i) & 1);
		else {
			bad |= results_cells_add(r, c, -1, 0);
			bad |= results_cells_add(r, c, 1, 1);
		}
		free(c);
	}
	results_cells_done(r);
	ok(bad == 0, "every cell line is taken");
	return r;
}

static char *dump(struct results *r, const struct results_out *out)
{
	json_t *j = results_json_out(r, 1767225600, out); /* 2026-01-01: the survey has closed */
	char *t = json_dumps(j, JSON_REAL_PRECISION(10) | JSON_INDENT(2));

	json_decref(j);
	return t;
}

/* The figures of a and b, exact and published (with breakdowns), equal. */
static void same(struct results *a, struct results *b, const char *what)
{
	struct results_out pub = {.perturb = 1, .breakdowns = 1};
	char *x = dump(a, NULL), *y = dump(b, NULL);

	if (!ok(strcmp(x, y) == 0, "%s: exact figures byte for byte", what))
		printf("# stored:\n%s\n# recount:\n%s\n", x, y);
	free(x);
	free(y);
	x = dump(a, &pub);
	y = dump(b, &pub);
	ok(strcmp(x, y) == 0, "%s: published figures (perturbed, breakdowns) byte for byte", what);
	free(x);
	free(y);
	is_int(results_flagged(a), results_flagged(b), "%s: flagged count", what);
}

static void check(const struct survey *s, unsigned sent, unsigned flags, unsigned gone,
		  unsigned moved, const char *what)
{
	unsigned left = sent & ~gone, now_flagged = (flags | moved) & left;
	struct results_opts inc = {0}, exc = {.exclude_flagged = 1};
	struct results *a, *b;
	char name[160];

	a = stored(s, &inc, sent, flags, gone, moved);
	b = recount(s, &inc, left, now_flagged);
	same(a, b, what);
	results_free(a);
	results_free(b);
	a = stored(s, &exc, sent, flags, gone, moved);
	b = recount(s, &exc, left, now_flagged);
	snprintf(name, sizeof(name), "%s, flagged left out", what);
	same(a, b, name);
	results_free(a);
	results_free(b);
}

/* The cells of the stored accumulator equal those of the recount. */
static void test_cells_text(const struct survey *s)
{
	struct results_opts o = {0};
	struct results *a = stored(s, &o, 0xff, 0, 0x02, 0), *b = recount(s, &o, 0xfd, 0);
	struct buf x, y;

	buf_init(&x, 1 << 20);
	buf_init(&y, 1 << 20);
	results_cells_text(a, &x);
	results_cells_text(b, &y);
	/* days, channels, languages are first met in the order sent */
	ok(x.len == y.len && x.len > 0, "stored and recounted cells are as long (%zu, %zu)", x.len,
	   y.len);
	ok(strstr(buf_cstr(&x), "* R 7 ") != NULL, "seven respondents in the stored cells");
	ok(strstr(buf_cstr(&x), "~ d2025-02-01 1 ") != NULL,
	   "R2 withdrawn: one response left on its day");
	buf_release(&x);
	buf_release(&y);
	results_free(a);
	results_free(b);
}

static void test_by(const struct survey *s)
{
	struct results_opts by = {.by = "age"}, area = {.by = "area"};
	struct results *r = results_new(s, &by), *t;

	ok(results_totals_cover(r), "a declared breakdown is in the stored totals");
	results_free(r);
	r = results_new(s, &area);
	if (r != NULL) {
		ok(1, "area breakdown exists");
		results_free(r);
	}
	/* --by a declared breakdown from the stored cells equals its recount */
	r = stored(s, &by, 0xff, 0x80, 0x04, 0);
	t = recount(s, &by, 0xfb, 0x80);
	same(r, t, "by age");
	results_free(r);
	results_free(t);
}

static void test_rejects(const struct survey *s)
{
	struct results_opts o = {0};
	struct results *r = results_new(s, &o);

	ok(results_cells_add(r, "nonsense\n", 1, 0) != 0, "a line without count refused");
	ok(results_cells_add(r, "* q999A 1 0\n", 1, 0) != 0, "a question the survey lacks refused");
	ok(results_cells_add(r, "=nowhere/0 R 1 0\n", 1, 0) == 0,
	   "a breakdown not computed is skipped");
	ok(results_cells_add(r, "=age/99 R 1 0\n", 1, 0) != 0, "a group out of range refused");
	{
		/* people is a number question: taking out a value never added */
		char line[64];
		size_t qi = 0;

		for (size_t p = 0, k = 0; p < s->npages; p++)
			for (size_t i = 0; i < s->pages[p].nquestions; i++, k++)
				if (strcmp(s->pages[p].questions[i].id, "people") == 0)
					qi = k;
		snprintf(line, sizeof(line), "* q%zuN42 1 0\n", qi);
		ok(results_cells_add(r, line, -1, 0) != 0,
		   "taking out a number never counted refused");
	}
	results_free(r);
}

static void test_fingerprint(const struct survey *s)
{
	char a[TOTALS_FP_MAX + 1], b[TOTALS_FP_MAX + 1];

	results_totals_fingerprint(s, a);
	sdc_set_key((unsigned char[SDC_KEY_BYTES]){9, 9, 9});
	results_totals_fingerprint(s, b);
	ok(strcmp(a, b) != 0, "another installation key, another fingerprint");
	ok(strstr(a, s->version_hash) == NULL && strncmp(a + 3, s->version_hash, 40) == 0,
	   "the fingerprint names the survey file");
	sdc_set_key((unsigned char[SDC_KEY_BYTES]){1, 2, 3});
}

int main(void)
{
	struct survey *s = NULL;
	struct survey_diags d;

	survey_diags_init(&d);
	survey_schema_set(YV_SRCDIR "/surveys/schema/survey.rng");
	if (survey_load_file(YV_SRCDIR "/tests/fixtures/results/results-all.xml", &s, &d) < 0) {
		survey_diags_print(&d, stdout);
		printf("Bail out! cannot load the fixture\n");
		return 1;
	}
	sdc_set_key((unsigned char[SDC_KEY_BYTES]){1, 2, 3});
	memcpy(all, main_set, sizeof(main_set));
	memcpy(all + 6, extra_set, sizeof(extra_set));
	check(s, 0x3f, 0, 0, 0, "the six of the main set");
	check(s, 0xff, 0x80, 0, 0, "all eight, one flagged (a tie of numbers)");
	check(s, 0xff, 0x80, 0x01, 0, "R1 withdrawn (people: an even count)");
	check(s, 0xff, 0x80, 0x80, 0, "the flagged one withdrawn");
	check(s, 0xff, 0x80, 0x24, 0x01, "two withdrawn, R1 flagged by an officer");
	check(s, 0xff, 0x80, 0xff, 0, "every response withdrawn (to zero)");
	check(s, 0x20, 0, 0, 0, "one response that answered nothing");
	check(s, 0, 0, 0, 0, "no response");
	check(s, 0xff, 0, 0x7e, 0, "only R1 and the tie left");
	test_cells_text(s);
	test_by(s);
	test_rejects(s);
	test_fingerprint(s);
	survey_free(s);
	survey_diags_release(&d);
	return tap_done();
}
