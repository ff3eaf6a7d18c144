/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_translation: listing, exporting and importing the English and Welsh
 * texts of survey files (survey/translation.h): the round trip through CSV
 * and XLIFF leaves every sample and fixture byte-identical, an edited Welsh
 * text changes exactly its element, a missing Welsh text is inserted next to
 * its English with the same indentation, and the refusals (unknown key,
 * English changed, hostile XLIFF, limits, a result failing the check).
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "survey/survey.h"
#include "survey/translation.h"
#include "tap.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b = xmalloc(2 * 1024 * 1024);

	if (f == NULL) {
		printf("Bail out! cannot open %s\n", path);
		exit(1);
	}
	*len = fread(b, 1, 2 * 1024 * 1024 - 1, f);
	b[*len] = '\0';
	fclose(f);
	return b;
}

static const struct translation_text *find(const struct translation_list *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return &l->v[i];
	return NULL;
}

/* Import text (CSV or XLIFF) into bytes; 0 or -1, the messages in d. */
static int import(const char *bytes, size_t len, const char *tr, struct translation_result *res,
		  struct survey_diags *d)
{
	struct translation_list l;
	int r;

	survey_diags_init(d);
	if (translation_extract("what-matters.xml", bytes, len, &l, d) < 0)
		return -2;
	r = translation_import(&l, "what-matters.xml", bytes, len, "t", tr, strlen(tr), res, d);
	translation_list_release(&l);
	return r;
}

static int diags_have(const struct survey_diags *d, const char *what)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].message, what) != NULL)
			return 1;
	return 0;
}

static void round_trip(const char *path)
{
	struct translation_list l;
	struct survey_diags d;
	struct buf csv, xlf;
	size_t len;
	char *bytes = slurp(path, &len);

	survey_diags_init(&d);
	if (!ok(translation_extract(path, bytes, len, &l, &d) == 0 && l.n > 0,
		"%s: %zu texts listed", path, l.n)) {
		survey_diags_print(&d, stdout);
		free(bytes);
		return;
	}
	buf_init(&csv, 64u * 1024 * 1024);
	buf_init(&xlf, 64u * 1024 * 1024);
	ok(translation_export_csv(&l, &csv) == 0 &&
	       translation_export_xliff(&l, "s.xml", &xlf) == 0,
	   "%s: exported", path);
	for (int f = 0; f < 2; f++) {
		struct translation_result res;
		struct buf *b = f ? &xlf : &csv;
		int r = translation_import(&l, path, bytes, len, "t", b->data, b->len, &res, &d);

		if (!ok(r == 0 && res.n == 0 && res.len == len &&
			    memcmp(res.bytes, bytes, len) == 0,
			"%s: %s round trip with nothing changed is byte-identical", path,
			f ? "XLIFF" : "CSV"))
			survey_diags_print(&d, stdout);
		if (r == 0)
			translation_result_release(&res);
	}
	buf_release(&csv);
	buf_release(&xlf);
	translation_list_release(&l);
	survey_diags_release(&d);
	free(bytes);
}

static void round_trips(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;

	if (dp == NULL) {
		printf("Bail out! cannot open %s\n", dir);
		exit(1);
	}
	while ((e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name);
		char path[4096];

		if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		round_trip(path);
	}
	closedir(dp);
}

/* Keys, lines and marks on the sample. */
static void test_list(void)
{
	size_t len;
	char *b = slurp(YV_SRCDIR "/surveys/what-matters.xml", &len);
	struct translation_list l;
	struct survey_diags d;
	const struct translation_text *t;

	survey_diags_init(&d);
	is_int(translation_extract("wm.xml", b, len, &l, &d), 0, "what-matters listed");
	t = l.n > 0 ? &l.v[0] : NULL;
	ok(t != NULL && strcmp(t->key, "title") == 0 &&
	       strcmp(t->en, "What matters to you?") == 0 &&
	       strcmp(t->cy, "Beth sy’n bwysig i chi?") == 0 && t->line == 10 &&
	       t->status == TRANSLATION_TRANSLATED,
	   "the first text is the title, line 10, translated");
	t = find(&l, "areas/area/llanidloes/name");
	ok(t != NULL && t->status == TRANSLATION_UNCHANGED,
	   "Llanidloes is the same in both languages: marked unchanged");
	t = find(&l, "summary");
	ok(t != NULL && strstr(t->en, "living in Bro Afon, so that the council") != NULL,
	   "texts are normalised (line breaks one space)");
	ok(find(&l, "contact/name") == NULL, "the contact's name is not a text to translate");
	ok(l.ntranslated + l.nmissing + l.nunchanged == l.n && l.nunchanged >= 1, "counts add up");
	{
		int qopt = 0;

		for (size_t i = 0; i < l.n; i++)
			if (strncmp(l.v[i].key, "q/", 2) == 0 && strstr(l.v[i].key, "/option/"))
				qopt = 1;
		ok(qopt, "option labels keyed q/<question>/option/<value>/label");
	}
	for (size_t i = 1; i < l.n; i++)
		if (l.v[i].line < l.v[i - 1].line) {
			ok(0, "document order");
			break;
		}
	translation_list_release(&l);
	survey_diags_release(&d);
	free(b);

	b = slurp(YV_SRCDIR "/surveys/budget-2026.xml", &len);
	survey_diags_init(&d);
	translation_extract("b.xml", b, len, &l, &d);
	ok(find(&l, "q/budget/service/schools/level[change=-5]") != NULL ||
	       (l.n > 0 && strstr(b, "level change") != NULL),
	   "budget levels keyed by their change");
	{
		int lev = 0;

		for (size_t i = 0; i < l.n; i++)
			if (strstr(l.v[i].key, "/service/schools/level[change=-5]") != NULL)
				lev = 1;
		ok(lev, "a level of the schools line is listed with its change");
	}
	translation_list_release(&l);
	survey_diags_release(&d);
	free(b);
}

/* A CSV edit changes exactly the Welsh text edited. */
static void test_edit(void)
{
	size_t len;
	char *b = slurp(YV_SRCDIR "/surveys/what-matters.xml", &len);
	struct translation_result res;
	struct survey_diags d;
	const char *old = "<title xml:lang=\"cy\">Beth sy’n bwysig i chi?</title>";
	const char *neu = "<title xml:lang=\"cy\">Beth sy’n bwysig i chi &amp; eich teulu?</title>";
	struct buf want;
	char *at = strstr(b, old);

	buf_init(&want, 4u * 1024 * 1024);
	buf_append(&want, b, (size_t)(at - b));
	buf_puts(&want, neu);
	buf_puts(&want, at + strlen(old));
	is_int(import(b, len,
		      "key,English,Welsh,status,note\r\n"
		      "title,What matters to you?,Beth sy’n bwysig i chi & eich teulu?,,\r\n",
		      &res, &d),
	       0, "an edited CSV imports");
	ok(res.n == 1 && strcmp(res.v[0].old_cy, "Beth sy’n bwysig i chi?") == 0 &&
	       strcmp(res.v[0].new_cy, "Beth sy’n bwysig i chi & eich teulu?") == 0,
	   "one change, old and new Welsh");
	ok(res.len == want.len && memcmp(res.bytes, want.data, want.len) == 0,
	   "only the Welsh title changed, escaped, the rest byte-identical");
	translation_result_release(&res);
	survey_diags_release(&d);

	/* XLIFF: the same edit, with xml:space and a note, in a group */
	is_int(import(b, len,
		      "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" "
		      "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"x\" "
		      "source-language=\"en-GB\" target-language=\"cy-GB\" datatype=\"xml\"><body>"
		      "<group><trans-unit id=\"title\"><source>What matters to you?</source>"
		      "<target state=\"translated\">Beth sy’n bwysig i chi &amp; eich "
		      "teulu?</target></trans-unit></group></body></file></xliff>\n",
		      &res, &d),
	       0, "an edited XLIFF imports");
	ok(res.n == 1 && res.len == want.len && memcmp(res.bytes, want.data, want.len) == 0,
	   "XLIFF: only the Welsh title changed");
	translation_result_release(&res);
	survey_diags_release(&d);

	/* an empty Welsh cell changes nothing */
	is_int(import(b, len, "key,English,Welsh\ntitle,What matters to you?,\n", &res, &d), 0,
	       "an empty Welsh cell imports");
	ok(res.n == 0 && res.len == len && memcmp(res.bytes, b, len) == 0,
	   "an empty Welsh cell changes nothing");
	translation_result_release(&res);
	survey_diags_release(&d);
	buf_release(&want);
	free(b);
}

/* A missing Welsh text is inserted after its English, indented alike. */
static void test_insert(void)
{
	size_t len;
	char *b = slurp(YV_SRCDIR "/surveys/what-matters.xml", &len);
	const char *line = "\n  <title xml:lang=\"cy\">Beth sy’n bwysig i chi?</title>";
	char *at = strstr(b, line);
	char *cut = xmalloc(len + 1);
	size_t clen = len - strlen(line);
	struct translation_list l;
	struct translation_result res;
	struct survey_diags d;
	struct survey *s = NULL;

	memcpy(cut, b, (size_t)(at - b));
	memcpy(cut + (at - b), at + strlen(line), len - (size_t)(at - b) - strlen(line));
	survey_diags_init(&d);
	ok(survey_load_memory("what-matters.xml", cut, clen, &s, &d) < 0,
	   "without its Welsh title the file fails the check");
	survey_diags_release(&d);
	survey_diags_init(&d);
	is_int(translation_extract("cut.xml", cut, clen, &l, &d), 0,
	       "a file missing a Welsh text is still listed");
	ok(l.n > 0 && l.v[0].status == TRANSLATION_MISSING && l.v[0].cy[0] == '\0' &&
	       l.nmissing == 1,
	   "the title is marked missing");
	translation_list_release(&l);
	survey_diags_release(&d);
	is_int(import(cut, clen,
		      "key,English,Welsh\ntitle,What matters to you?,Beth sy’n bwysig i chi?\n",
		      &res, &d),
	       0, "the Welsh title imports");
	ok(res.n == 1 && res.len == len && memcmp(res.bytes, b, len) == 0,
	   "inserted after the English with the same indentation: the original file again");
	translation_result_release(&res);
	survey_diags_release(&d);
	free(cut);
	free(b);
}

static void refused(const char *bytes, size_t len, const char *tr, const char *msg,
		    const char *what)
{
	struct translation_result res;
	struct survey_diags d;
	int r = import(bytes, len, tr, &res, &d);

	if (!ok(r == -1 && res.bytes == NULL && diags_have(&d, msg), "refused: %s", what)) {
		printf("#   got %d\n", r);
		survey_diags_print(&d, stdout);
	}
	survey_diags_release(&d);
}

static void test_refusals(void)
{
	size_t len;
	char *b = slurp(YV_SRCDIR "/surveys/what-matters.xml", &len);
	const char *x0 = "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
			 "<file target-language=\"cy\"><body>";
	struct buf big;

	refused(b, len, "key,English,Welsh\nno/such/text,Hello,Helo\n",
		"row 2: unknown key 'no/such/text'", "an unknown key, named with its row");
	refused(b, len, "key,English,Welsh\ntitle,What matters to you now?,Beth\n",
		"row 2: the English of 'title' has changed", "English changed since the export");
	refused(
	    b, len,
	    "key,English,Welsh\ntitle,What matters to you?,Beth\ntitle,What matters to you?,Beth\n",
	    "row 3: key 'title' is given twice", "a key given twice");
	refused(b, len, "key,English\ntitle,What\n", "key, English and Welsh", "no Welsh column");
	refused(b, len, "key,English,Welsh\ntitle,\"What matters,Beth\n", "never closed",
		"an unclosed quote");
	refused(b, len, "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e \"boo\">]>\n<xliff/>",
		"DOCTYPE declarations are not allowed", "XLIFF with a DOCTYPE and an entity");
	refused(b, len,
		"<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" "
		"xmlns:xi=\"http://www.w3.org/2001/XInclude\"><file><body><trans-unit id=\"title\">"
		"<source>What matters to you?</source><target><xi:include href=\"/etc/passwd\" "
		"parse=\"text\"/></target></trans-unit></body></file></xliff>",
		"only plain text can be imported", "XLIFF with XInclude");
	refused(b, len,
		"<xliff><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a>"
		"</a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></xliff>",
		"nested more than", "XLIFF nested too deep");
	refused(b, len, "<html/>", "not an XLIFF 1.2 file", "not XLIFF");
	{
		struct buf t;

		buf_init(&t, 8192);
		buf_puts(&t, x0);
		buf_puts(
		    &t,
		    "<trans-unit id=\"title\"><source>What matters to you?</source>"
		    "<target>Beth</target></trans-unit><trans-unit id=\"nope\"><source>x</source>"
		    "</trans-unit></body></file></xliff>");
		refused(b, len, buf_cstr(&t), "unknown key 'nope'", "XLIFF: an unknown key");
		buf_release(&t);
		buf_init(&t, 8192);
		buf_printf(
		    &t, "%s</body></file><file target-language=\"fr\"><body/></file></xliff>", x0);
		refused(b, len, buf_cstr(&t), "only Welsh (cy)", "XLIFF into another language");
		buf_release(&t);
	}
	buf_init(&big, 8u * 1024 * 1024);
	buf_puts(&big, "key,English,Welsh\n");
	while (big.len <= TRANSLATION_MAX_IMPORT)
		buf_puts(&big, "title,What matters to you?,Beth sy'n bwysig i chi?\n");
	refused(b, len, buf_cstr(&big), "larger than", "a translations file over the limit");
	buf_release(&big);
	{
		char *bad = xstrdup("key,English,Welsh\ntitle,What matters to you?,Caf\xe9\n");

		refused(b, len, bad, "not UTF-8", "not UTF-8 (a spreadsheet's old encoding)");
		free(bad);
	}
	free(b);

	/* a result that fails the check: two Welsh texts missing, one given */
	b = slurp(YV_SRCDIR "/surveys/what-matters.xml", &len);
	{
		const char *l1 = "\n  <title xml:lang=\"cy\">Beth sy’n bwysig i chi?</title>";
		const char *l2 =
		    "\n  <organisation xml:lang=\"cy\">Cyngor Sir Bro Afon</organisation>";
		struct buf c;
		char *p1 = strstr(b, l1), *p2 = strstr(b, l2);

		buf_init(&c, 4u * 1024 * 1024);
		buf_append(&c, b, (size_t)(p1 - b));
		buf_append(&c, p1 + strlen(l1), (size_t)(p2 - p1 - (ptrdiff_t)strlen(l1)));
		buf_puts(&c, p2 + strlen(l2));
		refused(c.data, c.len, "key,English,Welsh\ntitle,What matters to you?,Beth?\n",
			"does not pass the check", "a result that fails the survey check");
		buf_release(&c);
	}
	free(b);
}

/* CSV cells written against spreadsheet formulas read back as they were. */
static void test_formula_cells(void)
{
	size_t len;
	char *b = slurp(YV_SRCDIR "/surveys/what-matters.xml", &len);
	const char *from = "<title xml:lang=\"en\">What matters to you?</title>";
	const char *to = "<title xml:lang=\"en\">=What matters to you?</title>";
	struct buf c, csv;
	struct translation_list l;
	struct translation_result res;
	struct survey_diags d;
	char *p = strstr(b, from);

	buf_init(&c, 4u * 1024 * 1024);
	buf_append(&c, b, (size_t)(p - b));
	buf_puts(&c, to);
	buf_puts(&c, p + strlen(from));
	survey_diags_init(&d);
	translation_extract("what-matters.xml", c.data, c.len, &l, &d);
	buf_init(&csv, 4u * 1024 * 1024);
	translation_export_csv(&l, &csv);
	ok(strstr(buf_cstr(&csv), "title,\"'=What matters to you?\",") != NULL,
	   "a text starting with = is written with an apostrophe");
	is_int(translation_import(&l, "what-matters.xml", c.data, c.len, "t", csv.data, csv.len,
				  &res, &d),
	       0, "and reads back as the same English");
	translation_result_release(&res);
	translation_list_release(&l);
	survey_diags_release(&d);
	buf_release(&csv);
	buf_release(&c);
	free(b);
}

int main(void)
{
	survey_schema_set(YV_SRCDIR "/surveys/schema/survey.rng");
	test_list();
	test_edit();
	test_insert();
	test_refusals();
	test_formula_cells();
	round_trips(YV_SRCDIR "/surveys");
	round_trips(YV_SRCDIR "/tests/fixtures/surveys");
	return tap_done();
}
