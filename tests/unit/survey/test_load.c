/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_load: the loader builds the model from the sample surveys, and
 * rejects unsafe or oversized files.
 */
#include "config.h"

#define YV_HTML_BRIDGE 1 /* pages written into plain buffers to check them */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "survey/answer.h"
#include "survey/survey.h"
#include "tap.h"

static struct survey *load(const char *path)
{
	struct survey_diags d;
	struct survey *s = NULL;
	int r;

	survey_diags_init(&d);
	r = survey_load_file(path, &s, &d);
	if (r != 0)
		survey_diags_print(&d, stdout);
	ok(r == 0 && s != NULL && d.n == 0, "%s loads with no problems", strrchr(path, '/') + 1);
	survey_diags_release(&d);
	return s;
}

static void test_what_matters(void)
{
	struct survey *s = load(YV_SRCDIR "/surveys/what-matters.xml");
	const struct survey_question *q;
	const struct survey_page *p;

	if (s == NULL)
		return;
	is_str(s->id, "what-matters", "id");
	is_int(strlen(s->version_hash), 64, "version hash is 64 hex digits");
	is_int(s->langs, (1u << LANG_EN) | (1u << LANG_CY), "offered in English and Welsh");
	is_str(survey_text_get(&s->title, LANG_EN), "What matters to you?", "English title");
	is_str(survey_text_get(&s->title, LANG_CY), "Beth sy’n bwysig i chi?", "Welsh title");
	is_str(survey_text_get(&s->summary, LANG_EN),
	       "Tell us what matters most to you about living in Bro Afon, so that the council’s "
	       "plans for the "
	       "next five years start from what residents care about.",
	       "text whitespace is tidied");
	is_str(s->contact_email, "ymgynghori@broafon.example", "contact email");
	is_str(s->contact_phone, "01632 960 123", "contact phone");
	/* 2025-01-06T09:00 is GMT: 09:00 UTC */
	is_int(s->opens_at, 1736154000, "opens at 09:00 GMT in January");
	is_str(s->privacy_url, "https://broafon.example/privacy/consultations", "privacy link");
	ok(s->privacy.t[LANG_CY] != NULL, "Welsh privacy notice");
	is_int(s->access, SURVEY_ANONYMOUS, "anonymous");
	is_int(s->retention_days, 365, "retention");
	is_int(s->once_per, SURVEY_ONCE_BROWSER, "one response per browser");
	is_int(s->rate_limit_per_hour, 20, "rate limit");
	is_int(s->publication, SURVEY_PUBLISH_AFTER_CLOSE, "results after closing");
	is_int(s->min_group_size, 10, "minimum group size");
	is_int(s->nbreakdowns, 1, "one breakdown question");
	is_str(s->nbreakdowns ? s->breakdowns[0]->id : "", "age-band", "breakdown by age band");
	ok(s->breakdown_by_area, "breakdown by area");
	is_int(s->nanalysed, 2, "two analysed questions");
	ok(s->you_said_we_did.t[LANG_EN] == NULL, "no 'you said, we did' yet");
	is_int(s->nareas, 3, "three areas");

	is_int(s->npages, 4, "four pages");
	p = &s->pages[0];
	is_str(p->id, "your-views", "first page id");
	is_int(p->nquestions, 2, "first page: two questions");
	ok(p->cond == NULL, "first page always shown");
	q = &p->questions[0];
	is_str(q->id, "priority", "first question");
	is_int(q->type, SQ_CHOICE, "single choice");
	ok(q->required, "required");
	is_int(q->display, SD_RADIOS, "radios by default");
	is_int(q->nchoices, 6, "six options");
	is_str(q->choices[5].value, "jobs", "option value");
	is_str(survey_text_get(&q->choices[5].label, LANG_CY), "Swyddi a’r economi leol",
	       "Welsh option label");
	ok(q->other == NULL, "no specify option");
	ok(q->line > 0 && q->col == 5, "position of the question: %d:%d", q->line, q->col);
	q = &p->questions[1];
	is_int(q->type, SQ_LONG_TEXT, "long text");
	is_int(q->max_length, 2000, "max-length");
	ok(q->hint.t[LANG_EN] && q->hint.t[LANG_CY], "hint in both languages");

	p = &s->pages[1];
	ok(p->cond != NULL, "second page has a condition");
	is_str(p->show_if, "answer('priority') = 'environment'", "condition source");
	q = &p->questions[0];
	is_int(q->type, SQ_MULTI, "multi");
	is_int(q->min_select, 0, "multi min");
	is_int(q->max_select, 3, "multi max");
	ok(q->other != NULL && strcmp(q->other->value, "other") == 0, "specify option");
	is_int(q->other_max_length, 200, "specify max-length");

	q = survey_find_question(s, "satisfaction");
	ok(q && q->type == SQ_SCALE && q->scale_min == 1 && q->scale_max == 5 && q->dont_know,
	   "scale 1-5 with don't know");
	ok(q && q->scale_min_label.t[LANG_CY] != NULL, "scale end labels");
	q = survey_find_question(s, "age-band");
	ok(q && q->display == SD_SELECT, "select display");
	q = survey_find_question(s, "postcode");
	ok(q && q->type == SQ_POSTCODE && q->page_index == 3, "postcode on the last page");
	ok(survey_find_question(s, "nope") == NULL, "unknown question not found");
	ok(survey_find_page(s, "about-you") == &s->pages[3], "find page");
	ok(s->pages[3].intro.t[LANG_CY] != NULL &&
	       strstr(s->pages[3].intro.t[LANG_CY], "  ") == NULL,
	   "intro without double spaces");

	is_str(survey_area_for_postcode(s, "sy16 1aa") ? survey_area_for_postcode(s, "sy16 1aa")->id
						       : "",
	       "newtown", "postcode to area by district");
	ok(survey_area_for_postcode(s, "LL11 1AA") == NULL, "postcode outside the map");
	survey_free(s);
}

static void test_budget_sample(void)
{
	struct survey *s = load(YV_SRCDIR "/surveys/budget-2026.xml");
	const struct survey_question *q;
	const struct survey_budget *b;
	const char *vals[12];
	struct survey_answer_detail det;

	if (s == NULL)
		return;
	q = survey_find_question(s, "budget");
	ok(q && q->type == SQ_BUDGET && q->budget, "budget question");
	if (!q || !q->budget)
		goto out;
	b = q->budget;
	is_int(b->nlines, 11, "eleven service lines");
	is_str(b->lines[0].id, "schools", "first line");
	is_int(b->lines[0].spend_pence, 11860000000LL, "schools spend £118.6m");
	is_int(b->lines[1].step_bp, 250, "adult care in 2.5%% steps");
	is_int(b->target, ST_SAVINGS, "a savings target");
	is_int(b->target_pence, 1250000000LL, "£12.5m");
	ok(b->has_council_tax && b->ct_max_bp == 950 && b->ct_step_bp == 50,
	   "council tax 0 to 9.5%% in 0.5%% steps");
	is_int(b->ct_income_per_step_pence, 52000000, "£520,000 a step");
	is_str(survey_text_get(&b->lines[5].label, LANG_CY), "Llyfrgelloedd", "Welsh line label");
	is_int(b->lines[5].nlevels, 2, "libraries: two level meanings");
	is_int(b->lines[5].levels[0].change_bp, -3000, "levels ordered by change");
	is_str(survey_text_get(survey_budget_level_find(&b->lines[5], -1000), LANG_EN),
	       "Shorter opening hours at every library.", "level meaning found by change");
	ok(survey_budget_level_find(&b->lines[5], -500) == NULL, "no meaning written for -5%%");
	/* Council tax alone (+9.5%) raises 19 x £520,000 = £9.88m: £2.62m short. */
	for (size_t i = 0; i < 11; i++)
		vals[i] = "0";
	vals[11] = "9.5";
	is_int(survey_answer_check(q, vals, 12, NULL, &det), SA_BUDGET_TARGET_MISSED,
	       "tax alone misses");
	is_int(det.budget.council_tax_pence, 988000000LL, "£9.88m from council tax");
	is_int(det.budget.shortfall_pence, 262000000LL, "£2.62m short");
	/* add -5% on adult care (£4.21m): met */
	vals[1] = "-5";
	is_int(survey_answer_check(q, vals, 12, NULL, &det), SA_OK,
	       "with a 5%% cut to adult care it is met");
	is_int(det.budget.savings_pence, 1409000000LL, "£14.09m saved");
	/* The simulator's figures (survey/budget.c). */
	is_int(b->ct_band_d_pence, 225600, "band-d=\"2256.00\" is £2,256.00");
	is_int(survey_budget_band_d_cost(b, 400), 9024, "a 4%% rise costs Band D £90.24 a year");
	is_int(survey_budget_per_week(9024), 174, "£90.24 a year is £1.74 a week (/52, rounded)");
	is_int(survey_budget_band_d_cost(b, 950), 21432, "9.5%%: £214.32 a year");
	is_int(survey_budget_per_week(21432), 412, "£214.32 a year is £4.12 a week");
	is_int(survey_budget_steps(b->lines[1].min_bp, b->lines[1].max_bp, b->lines[1].step_bp), 7,
	       "adult care: -10 to 5 in 2.5 steps is 7 steps");
	is_int(survey_budget_step(b->lines[1].min_bp, b->lines[1].step_bp, 3), -250,
	       "the fourth step is -2.5%%");
	ok(survey_budget_level_applying(&b->lines[5], 0) == NULL, "no change: no meaning applies");
	ok(survey_budget_level_applying(&b->lines[5], -500) == NULL,
	   "a 5%% cut: the 10%% meaning does not apply");
	ok(survey_budget_level_applying(&b->lines[5], -2000) == &b->lines[5].levels[1],
	   "a 20%% cut: at least the 10%% meaning applies");
	ok(survey_budget_level_applying(&b->lines[5], -3000) == &b->lines[5].levels[0],
	   "a 30%% cut: its own meaning");
	is_int(b->ncontradictions, 2, "two declared contradictions");
	is_str(b->contradictions[0].qid, "tax-view", "paired with tax-view");
	is_int(b->contradictions[0].line, 11, "on the council-tax line");
	{
		int ch[11] = {0};

		ok(survey_budget_contradicts(b, &b->contradictions[0], ch, 50),
		   "a rise contradicts 'no-rise'");
		ok(!survey_budget_contradicts(b, &b->contradictions[0], ch, 0), "no rise does not");
		ok(survey_budget_contradicts(b, &b->contradictions[1], ch, 0),
		   "no rise contradicts 'protect'");
		ok(!survey_budget_contradicts(b, &b->contradictions[1], ch, 50), "a rise does not");
	}
	q = survey_find_question(s, "protect");
	ok(q && q->type == SQ_RANKING && q->rank_count == 3 && q->nchoices == 6,
	   "rank three of six");
	ok(survey_find_page(s, "no-rise") && survey_find_page(s, "no-rise")->cond,
	   "conditional page");
out:
	survey_free(s);
}

static const char *write_tmp(const char *name, const char *text, size_t len)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", name);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(text, 1, len, f) != len)
		abort();
	fclose(f);
	return path;
}

/* personal="true" and the personal types, through the one predicate. */
static void test_personal(void)
{
	struct survey *s = load(YV_SRCDIR "/surveys/customer-care.xml");
	const struct survey_question *q;
	struct survey_diags d;
	static const char analysed[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<survey xmlns=\"urn:yourvoice:survey:1\" id=\"p\" languages=\"en\" xml:lang=\"en\">\n"
	    "<title>T</title><summary>S</summary><organisation>O</organisation>\n"
	    "<contact><name>N</name><email>a@broafon.example</email><phone>01632 960 "
	    "123</phone></contact>\n"
	    "<dates opens=\"2025-01-06T09:00\" closes=\"2099-12-31T23:59\" "
	    "results=\"2100-01-31\"/>\n"
	    "<privacy href=\"https://broafon.example/privacy\"/><access mode=\"anonymous\"/>\n"
	    "<retention days=\"30\"/>\n"
	    "<themes><analyse question=\"who\"/></themes>\n"
	    "<page id=\"a\"><heading>H</heading>\n"
	    "<short-text id=\"who\" personal=\"true\"><label>Name</label></short-text>\n"
	    "<date id=\"born\" personal=\"true\"><label>Born</label></date>\n"
	    "<number id=\"n\"><label>N</label></number>\n"
	    "</page></survey>\n";

	if (s != NULL) {
		q = survey_find_question(s, "reply-name");
		ok(q != NULL && q->personal && survey_question_is_personal(q),
		   "customer-care: reply-name is marked personal");
		q = survey_find_question(s, "staff-name");
		ok(q != NULL && survey_question_is_personal(q),
		   "customer-care: staff-name is personal");
		q = survey_find_question(s, "reply-email");
		ok(q != NULL && q->personal && survey_question_is_personal(q),
		   "an email question is personal by type");
		q = survey_find_question(s, "reply-phone");
		ok(q != NULL && survey_question_is_personal(q),
		   "a pattern question is personal by type");
		q = survey_find_question(s, "complaint-details");
		ok(q != NULL && !q->personal && !survey_question_is_personal(q),
		   "unmarked free text is not personal");
		survey_free(s);
	}

	s = NULL;
	survey_diags_init(&d);
	is_int(survey_load_memory("p.xml", analysed, sizeof(analysed) - 1, &s, &d), -1,
	       "analysing a personal question is refused");
	is_int(d.n, 1, "one problem");
	if (d.n > 0) {
		is_int(d.v[0].line, 8, "at the <analyse> line");
		is_int(d.v[0].col, 9, "and column");
		is_str(
		    d.v[0].message,
		    "analysed question 'who' is personal data (personal=\"true\"): its answers may "
		    "not be summarised into themes",
		    "message");
	}
	ok(s == NULL, "and no model");
	survey_diags_release(&d);
}

static void test_refusals(void)
{
	struct survey_diags d;
	struct survey *s = NULL;
	const char *path;
	char *big;
	size_t n = 1024 * 1024 + 10;

	/* an oversized file is refused before parsing */
	big = malloc(n);
	if (big == NULL)
		abort();
	memset(big, ' ', n);
	memcpy(big, "<?xml version=\"1.0\"?><x>", 24);
	path = write_tmp("yv-test-big.xml", big, n);
	free(big);
	survey_diags_init(&d);
	is_int(survey_load_file(path, &s, &d), -1, "a file over 1 MiB is refused");
	ok(d.n == 1 && strstr(d.v[0].message, "larger than") != NULL, "with a message: %s",
	   d.n ? d.v[0].message : "");
	ok(s == NULL, "and no model");
	unlink(path);
	survey_diags_release(&d);

	survey_diags_init(&d);
	is_int(survey_load_file("/nonexistent/x.xml", &s, &d), -1, "a missing file is an error");
	is_int(d.n, 1, "one message");
	survey_diags_release(&d);
}

static void test_set(void)
{
	struct survey_diags d;
	struct survey_set *set = NULL;

	survey_diags_init(&d);
	is_int(survey_set_load_dir(YV_SRCDIR "/tests/fixtures/surveys", &set, &d), 0,
	       "fixture directory loads");
	is_int(survey_set_count(set), 3, "three surveys");
	is_str(survey_set_at(set, 0) ? survey_set_at(set, 0)->id : "", "all-types",
	       "ordered by id");
	ok(survey_set_find(set, "not-yet-open") == survey_set_at(set, 2), "find by id");
	ok(survey_set_find(set, "nope") == NULL, "unknown id");
	survey_set_free(set);
	survey_diags_release(&d);

	survey_diags_init(&d);
	set = NULL;
	is_int(survey_set_load_dir(YV_SRCDIR "/tests/fixtures/broken", &set, &d), -1,
	       "a directory with a bad file fails");
	ok(set == NULL, "and gives no set");
	ok(d.n > 10, "problems of every file reported (%zu)", d.n);
	survey_diags_release(&d);
}

static void test_states(void)
{
	struct survey_diags d;
	struct survey_set *set = NULL;
	const struct survey *closed, *later, *all;
	time_t now = 1782903600; /* 2026-07-01 */

	survey_diags_init(&d);
	if (survey_set_load_dir(YV_SRCDIR "/tests/fixtures/surveys", &set, &d) < 0) {
		ok(0, "fixtures load");
		survey_diags_release(&d);
		return;
	}
	closed = survey_set_find(set, "closed");
	later = survey_set_find(set, "not-yet-open");
	all = survey_set_find(set, "all-types");
	is_int(survey_state_at(closed, now), SURVEY_CLOSED, "closed survey is closed");
	is_int(survey_state_at(later, now), SURVEY_NOT_YET_OPEN, "future survey is not open");
	is_int(survey_state_at(all, now), SURVEY_OPEN, "all-types is open");
	is_int(survey_state_at(closed, closed->closes_at - 1), SURVEY_OPEN,
	       "open until the closing second");
	is_int(survey_state_at(closed, closed->closes_at), SURVEY_CLOSED,
	       "closed from the closing time");
	ok(survey_results_public(closed, now, 0), "after-close: public once closed and due");
	ok(!survey_results_public(closed, closed->closes_at, 0),
	   "after-close: not before the results date");
	ok(!survey_results_public(later, now, 1), "after-close: never before closing");
	ok(!survey_results_public(all, now, 0) && survey_results_public(all, now, 1),
	   "manual: only when published");
	survey_set_free(set);
	survey_diags_release(&d);
}

static void test_london_time(void)
{
	time_t t;

	is_int(survey_london_time("2026-01-15T12:00", &t), 0, "winter time parses");
	is_int(t, 1768478400, "winter: local = UTC");
	is_int(survey_london_time("2026-07-01T12:00", &t), 0, "summer time parses");
	is_int(t, 1782903600, "summer: BST is UTC+1");
	/* 2026: BST from 29 March 01:00 UTC to 25 October 01:00 UTC */
	is_int(survey_london_time("2026-03-29T00:59", &t), 0, "just before the change");
	is_int(t, 1774745940, "00:59 GMT");
	is_int(survey_london_time("2026-03-29T01:30", &t), -1, "the skipped hour does not exist");
	is_int(survey_london_time("2026-03-29T02:00", &t), 0, "02:00 BST exists");
	is_int(t, 1774746000, "02:00 BST is 01:00 UTC");
	is_int(survey_london_time("2026-10-25T01:30", &t), 0, "the repeated hour");
	is_int(t, 1792888200, "taken as the first (BST): 00:30 UTC");
	is_int(survey_london_time("2026-10-25T02:00", &t), 0, "after the change");
	is_int(t, 1792893600, "02:00 GMT");
	is_int(survey_london_time("2028-02-29", &t), 0, "leap day, date only");
	is_int(t, 1835395200, "midnight GMT");
	is_int(survey_london_time("2027-02-29", &t), -1, "no leap day in 2027");
	is_int(survey_london_time("2026-13-01T00:00", &t), -1, "month 13");
	is_int(survey_london_time("2026-01-01T24:00", &t), -1, "hour 24");
	is_int(survey_london_time("2026-01-01 09:00", &t), -1, "a space instead of T");
	is_int(survey_london_time("2026-01-01T09:00:30", &t), 0, "seconds allowed");
	is_int(t, 1767258030, "with seconds");
}

static void test_postcodes(void)
{
	char pc[16];

	is_int(survey_postcode_normalise(" sy16 1aa ", pc, sizeof(pc)), 0,
	       "lower case with spaces");
	is_str(pc, "SY16 1AA", "normalised");
	is_int(survey_postcode_normalise("EC1A1BB", pc, sizeof(pc)), 0,
	       "no space, A9A outward code");
	is_str(pc, "EC1A 1BB", "space put back");
	is_int(survey_postcode_normalise("W1A 0AX", pc, sizeof(pc)), 0, "W1A 0AX");
	is_int(survey_postcode_normalise("M1 1AE", pc, sizeof(pc)), 0, "M1 1AE");
	is_int(survey_postcode_normalise("SY16", pc, sizeof(pc)), -1,
	       "district alone is not a postcode");
	is_int(survey_postcode_normalise("123 4AB", pc, sizeof(pc)), -1, "digits first");
	is_int(survey_postcode_normalise("SY16 1A1", pc, sizeof(pc)), -1, "bad inward code");
	is_int(survey_postcode_normalise("SY16-1AA", pc, sizeof(pc)), -1, "punctuation");
}

/* The one id syntax ([a-z0-9][a-z0-9-]{0,62}) that the loader, the
 * /s/<id>/ routes and the publication pages all check with. */
static void test_id_valid(void)
{
	char max[64], over[65];

	memset(max, 'a', 63);
	max[63] = '\0';
	memset(over, 'a', 64);
	over[64] = '\0';
	ok(survey_id_valid("what-matters", 12), "a sample's id is valid");
	ok(survey_id_valid("2026-budget", 11), "an id may start with a digit");
	ok(survey_id_valid("a", 1), "one character is enough");
	ok(survey_id_valid(max, 63), "63 characters are allowed");
	ok(!survey_id_valid(over, 64), "64 characters are not");
	ok(!survey_id_valid("", 0), "the empty id is not");
	ok(!survey_id_valid(NULL, 0), "NULL is not");
	ok(!survey_id_valid("-budget", 7), "an id cannot start with '-'");
	ok(!survey_id_valid("Budget", 6), "upper case is refused");
	ok(!survey_id_valid("what_matters", 12), "'_' is refused");
	ok(!survey_id_valid("a.xml", 5), "'.' is refused");
	ok(!survey_id_valid("caf\xc3\xa9", 5), "non-ASCII letters are refused");
	ok(!survey_id_valid("ab\0c", 4), "a NUL inside the length is refused");
	ok(survey_id_valid("ab/cd", 2), "only the n bytes given are checked");
	ok(!survey_id_valid("ab/cd", 5), "a '/' inside the length is refused");
}

/* The language codes of core/lang.h under their survey names. */
static void test_lang(void)
{
	is_int(survey_lang_parse("en"), LANG_EN, "en is English");
	is_int(survey_lang_parse("cy"), LANG_CY, "cy is Welsh");
	is_int(survey_lang_parse("CY"), -1, "codes are exact (lower case)");
	is_int(survey_lang_parse("cy-GB"), -1, "no region suffix");
	is_int(survey_lang_parse(NULL), -1, "NULL is no language");
	is_str(survey_lang_code(LANG_CY), "cy", "Welsh is cy");
	is_str(survey_lang_code(LANG_EN), "en", "English is en");
	ok(survey_lang_code(LANG_N) == NULL, "no code past the last language");
}

/* A survey file with the given <dates> and <publication> lines. */
static int load_dates(const char *dates, const char *publication, struct survey **s,
		      struct survey_diags *d)
{
	char xml[2048];
	int n = snprintf(
	    xml, sizeof(xml),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<survey xmlns=\"urn:yourvoice:survey:1\" id=\"d\" languages=\"en\" xml:lang=\"en\">\n"
	    "<title>T</title><summary>S</summary><organisation>O</organisation>\n"
	    "<contact><name>N</name><email>a@broafon.example</email><phone>01632 960 "
	    "123</phone></contact>\n%s\n"
	    "<privacy href=\"https://broafon.example/privacy\"/><access mode=\"anonymous\"/>\n"
	    "<retention days=\"30\"/>\n%s\n"
	    "<page id=\"a\"><heading>H</heading>\n"
	    "<intro>One.\n\n  Two.</intro>\n"
	    "<number id=\"n\"><label>N</label></number>\n"
	    "</page></survey>\n",
	    dates, publication);

	*s = NULL;
	return survey_load_memory("d.xml", xml, (size_t)n, s, d);
}

/* Standing surveys and dates given without a time (issue 19). */
static void test_dates(void)
{
	struct survey *s = load(YV_SRCDIR "/surveys/customer-care.xml"), *t;
	struct survey_diags d;
	time_t midnight;

	if (s != NULL) {
		ok(s->standing, "customer-care is a standing survey");
		is_int(s->publication, SURVEY_PUBLISH_LIVE, "with live results");
		ok(s->closes_at == SURVEY_NEVER && s->results_at == SURVEY_NEVER,
		   "that never close");
		ok(s->date_only == SURVEY_DATE_OPENS, "its opening date has no time");
		is_int(survey_results_public(s, s->opens_at + 86400 * 400, 0), 1,
		       "its results are public long after opening");
		survey_free(s);
	}
	survey_diags_init(&d);
	is_int(load_dates("<dates opens=\"2026-01-06\" closes=\"2026-03-31\" "
			  "results=\"2026-05-01\"/>",
			  "", &t, &d),
	       0, "dates without times load");
	if (t != NULL) {
		ok(t->date_only == (SURVEY_DATE_OPENS | SURVEY_DATE_CLOSES | SURVEY_DATE_RESULTS),
		   "each is marked as a date alone");
		survey_london_time("2026-04-01", &midnight);
		ok(t->closes_at == midnight, "a closing date alone closes at the end of that day");
		is_str(t->pages[0].intro.t[LANG_EN], "One.\n\nTwo.",
		       "a blank line in a text is kept as a paragraph break");
		survey_free(t);
	}
	is_int(load_dates("<dates opens=\"2026-03-01\" closes=\"2026-03-28\" "
			  "results=\"2026-03-28\"/>",
			  "", &t, &d),
	       0, "results on the closing day are not before it");
	survey_free(t);
	is_int(load_dates("<dates opens=\"2026-03-01\" closes=\"2026-10-25\" "
			  "results=\"2026-11-01\"/>",
			  "", &t, &d),
	       0, "a closing date on the day the clocks go back");
	if (t != NULL) {
		survey_london_time("2026-10-26", &midnight);
		ok(t->closes_at == midnight, "closes at the next local midnight");
		survey_free(t);
	}
	is_int(load_dates("<dates opens=\"2025-04-01\" standing=\"true\"/>",
			  "<publication results=\"after-close\"/>", &t, &d),
	       -1, "a standing survey with after-close results is refused");
	is_int(load_dates("<dates opens=\"2025-04-01\" standing=\"true\" closes=\"2026-01-01\" "
			  "results=\"2026-02-01\"/>",
			  "<publication results=\"live\"/>", &t, &d),
	       -1, "a standing survey with a closing date is refused");
	is_int(
	    load_dates("<dates opens=\"2025-04-01\"/>", "<publication results=\"live\"/>", &t, &d),
	    -1, "no closing date without standing=\"true\" is refused");
	is_int(load_dates("<dates opens=\"2025-04-01\" standing=\"true\"/>",
			  "<publication results=\"manual\"/>", &t, &d),
	       0, "a standing survey with manual results loads");
	survey_free(t);
	survey_diags_release(&d);
}

int main(void)
{
	survey_schema_set(YV_SRCDIR "/surveys/schema/survey.rng");
	test_what_matters();
	test_budget_sample();
	survey_free(load(YV_SRCDIR "/surveys/customer-care.xml"));
	test_personal();
	test_refusals();
	test_set();
	test_states();
	test_london_time();
	test_postcodes();
	test_id_valid();
	test_lang();
	test_dates();
	return tap_done();
}
