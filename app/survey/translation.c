/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * translation: list, export and import the English and Welsh texts of a
 * survey file (translation.h). The file is parsed with the loader's safe
 * parser (no DTD, no entities, no network, depth and size limits), which
 * also records where each element starts in the bytes; the Welsh texts an
 * import changes are spliced into the original bytes at those positions, so
 * the rest of the file is never re-serialised.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlsave.h>

#include "core/alloc.h"
#include "core/csv.h"
#include "core/utf8.h"
#include "survey/load_int.h"
#include "survey/translation.h"

#define XLIFF_NS "urn:oasis:names:tc:xliff:document:1.2"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

/* Elements holding a resident-visible text (the schema's "text" define). */
static const char *const text_elements[] = {
    "title",	 "summary",   "organisation", "notice",	 "name",  "you-said-we-did",
    "heading",	 "intro",     "label",	      "hint",	 "error", "description",
    "min-label", "max-label", "unit",	      "message", "level",
};

/* The extraction's working state. */
struct walk {
	struct loader *l;
	struct translation_list *out;
	size_t cap;
};

const char *translation_status_name(enum translation_status s)
{
	switch (s) {
	case TRANSLATION_MISSING:
		return "missing";
	case TRANSLATION_UNCHANGED:
		return "unchanged";
	case TRANSLATION_TRANSLATED:
		break;
	}
	return "translated";
}

/* ---------------------------------------------------------------------- */
/* Texts */

/* The text as residents see it (load_node_text's rule): runs of white
 * space one space, a blank line a paragraph break "\n\n", trimmed. */
static char *normalise(const char *raw, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;
	int space = 0, para = 0;

	for (size_t i = 0; i < n; i++) {
		char c = raw[i];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			if (c == '\n') {
				size_t j = i + 1;

				while (j < n && (raw[j] == ' ' || raw[j] == '\t' || raw[j] == '\r'))
					j++;
				if (j < n && raw[j] == '\n')
					para = 1;
			}
			space = 1;
			continue;
		}
		if (o != out && para) {
			*o++ = '\n';
			*o++ = '\n';
		} else if (o != out && space) {
			*o++ = ' ';
		}
		space = para = 0;
		*o++ = c;
	}
	*o = '\0';
	return out;
}

static char *node_text(const xmlNode *n)
{
	xmlChar *raw = xmlNodeGetContent(n);
	char *t;

	if (raw == NULL)
		return xstrdup("");
	t = normalise((const char *)raw, strlen((const char *)raw));
	xmlFree(raw);
	return t;
}

static int is_text_element(const xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE || n->ns == NULL ||
	    strcmp((const char *)n->ns->href, SURVEY_NS) != 0)
		return 0;
	if (n->parent != NULL && n->parent->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->parent->name, "contact") == 0)
		return 0;
	for (const xmlNode *c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 0;
	for (size_t i = 0; i < sizeof(text_elements) / sizeof(text_elements[0]); i++)
		if (strcmp((const char *)n->name, text_elements[i]) == 0)
			return 1;
	return 0;
}

/* The language of n (its own xml:lang or inherited): LANG_EN, LANG_CY, -1. */
static int node_lang(const xmlNode *n)
{
	xmlChar *v = xmlNodeGetLang(n);
	int lang;

	if (v == NULL)
		return -1;
	lang = survey_lang_parse((const char *)v);
	xmlFree(v);
	return lang;
}

/* The attributes of n other than xml:lang, as "[a=v,b=w]" for the key
 * (sig) and as ` a="v" b="w"` to copy onto a new element (raw). */
static void other_attrs(const xmlNode *n, struct buf *sig, struct buf *raw)
{
	int first = 1;

	for (const xmlAttr *a = n->properties; a != NULL; a = a->next) {
		xmlChar *v;

		if (a->ns != NULL && strcmp((const char *)a->ns->href, XML_NS) == 0)
			continue;
		v = xmlNodeListGetString(n->doc, a->children, 1);
		buf_puts(sig, first ? "[" : ",");
		buf_printf(sig, "%s=%s", (const char *)a->name, v ? (const char *)v : "");
		first = 0;
		if (raw != NULL) {
			buf_printf(raw, " %s=\"", (const char *)a->name);
			for (const char *p = v ? (const char *)v : ""; *p; p++) {
				if (*p == '&')
					buf_puts(raw, "&amp;");
				else if (*p == '<')
					buf_puts(raw, "&lt;");
				else if (*p == '"')
					buf_puts(raw, "&quot;");
				else
					buf_putc(raw, *p);
			}
			buf_putc(raw, '"');
		}
		xmlFree(v);
	}
	if (!first)
		buf_putc(sig, ']');
}

/* ---------------------------------------------------------------------- */
/* Positions in the bytes */

static size_t start_of(const xmlNode *n)
{
	return (size_t)(uintptr_t)n->_private - 1;
}

/* From the '<' at off, the offset just past the start tag's '>'; *selfclose
 * when it ends "/>". len when it never ends. */
static size_t tag_end(const unsigned char *b, size_t len, size_t off, int *selfclose)
{
	char quote = 0;

	*selfclose = 0;
	for (size_t i = off + 1; i < len; i++) {
		if (quote) {
			if (b[i] == quote)
				quote = 0;
		} else if (b[i] == '"' || b[i] == '\'') {
			quote = (char)b[i];
		} else if (b[i] == '>') {
			*selfclose = b[i - 1] == '/';
			return i + 1;
		}
	}
	return len;
}

static size_t find_str(const unsigned char *b, size_t len, size_t from, const char *s)
{
	size_t n = strlen(s);

	for (size_t i = from; i + n <= len; i++)
		if (memcmp(b + i, s, n) == 0)
			return i;
	return len;
}

/* The end of the content of a text element whose content starts at off:
 * the '<' of its end tag (comments, CDATA and processing instructions
 * inside are skipped). */
static size_t content_end(const unsigned char *b, size_t len, size_t off)
{
	size_t i = off;

	while (i < len) {
		if (b[i] != '<') {
			i++;
			continue;
		}
		if (i + 1 < len && b[i + 1] == '/')
			return i;
		if (i + 3 < len && memcmp(b + i, "<!--", 4) == 0)
			i = find_str(b, len, i + 4, "-->") + 3;
		else if (i + 8 < len && memcmp(b + i, "<![CDATA[", 9) == 0)
			i = find_str(b, len, i + 9, "]]>") + 3;
		else if (i + 1 < len && b[i + 1] == '?')
			i = find_str(b, len, i + 2, "?>") + 2;
		else
			i++;
	}
	return len;
}

/* Just past the element starting at off (its end tag's '>'). */
static size_t element_end(const unsigned char *b, size_t len, size_t off)
{
	int sc;
	size_t c = tag_end(b, len, off, &sc);

	if (sc)
		return c;
	c = content_end(b, len, c);
	while (c < len && b[c] != '>')
		c++;
	return c < len ? c + 1 : len;
}

/* ---------------------------------------------------------------------- */
/* Extraction */

static struct translation_text *add_text(struct walk *w)
{
	struct translation_list *o = w->out;

	if (o->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		o->v = xreallocarray(o->v, w->cap, sizeof(*o->v));
	}
	memset(&o->v[o->n], 0, sizeof(o->v[0]));
	return &o->v[o->n++];
}

static void one_text(struct walk *w, const xmlNode *en, const char *prefix)
{
	struct loader *l = w->l;
	struct buf sig, sig2, raw;
	const xmlNode *cy = NULL;
	struct translation_text *t;
	size_t off = start_of(en), ls;
	int col;

	buf_init(&sig, 4096);
	buf_init(&raw, 4096);
	other_attrs(en, &sig, &raw);
	for (const xmlNode *c = en->parent->children; c != NULL && cy == NULL; c = c->next) {
		if (c == en || c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, en->name) ||
		    !is_text_element(c) || node_lang(c) != LANG_CY)
			continue;
		buf_init(&sig2, 4096);
		other_attrs(c, &sig2, NULL);
		if (strcmp(buf_cstr(&sig), buf_cstr(&sig2)) == 0)
			cy = c;
		buf_release(&sig2);
	}
	t = add_text(w);
	{
		struct buf k;

		buf_init(&k, 8192);
		buf_printf(&k, "%s%s%s", prefix, (const char *)en->name, buf_cstr(&sig));
		t->key = xstrdup(buf_cstr(&k));
		buf_release(&k);
	}
	t->en = node_text(en);
	load_offset_pos(l, off, &t->line, &col);
	t->name = xstrdup((const char *)en->name);
	t->attrs = xstrdup(buf_cstr(&raw));
	t->en_end = element_end(l->bytes, l->len, off);
	ls = off;
	while (ls > 0 && l->bytes[ls - 1] != '\n')
		ls--;
	{
		size_t i = ls;

		while (i < off && (l->bytes[i] == ' ' || l->bytes[i] == '\t'))
			i++;
		t->indent =
		    i == off ? xstrndup((const char *)l->bytes + ls, off - ls) : xstrdup("");
	}
	if (cy != NULL) {
		size_t co = start_of(cy);

		t->has_cy = 1;
		t->cy_start = tag_end(l->bytes, l->len, co, &t->cy_selfclose);
		if (t->cy_selfclose) {
			t->cy_start -= 2;
			t->cy_end = t->cy_start + 2;
		} else {
			t->cy_end = content_end(l->bytes, l->len, t->cy_start);
		}
		t->cy = node_text(cy);
	} else {
		t->cy = xstrdup("");
	}
	if (t->cy[0] == '\0')
		t->status = TRANSLATION_MISSING;
	else if (strcmp(t->cy, t->en) == 0)
		t->status = TRANSLATION_UNCHANGED;
	else
		t->status = TRANSLATION_TRANSLATED;
	buf_release(&sig);
	buf_release(&raw);
}

static int is_question(const xmlNode *n)
{
	return n->parent != NULL && n->parent->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->parent->name, "page") == 0 && load_qtype_of(n) >= 0;
}

static void walk_el(struct walk *w, const xmlNode *p, const char *prefix)
{
	for (const xmlNode *c = p->children; c != NULL; c = c->next) {
		struct buf seg;
		xmlChar *id, *value;

		if (c->type != XML_ELEMENT_NODE || c->_private == NULL)
			continue;
		if (is_text_element(c)) {
			if (node_lang(c) == LANG_EN)
				one_text(w, c, prefix);
			continue;
		}
		buf_init(&seg, 8192);
		id = xmlGetNoNsProp(c, (const xmlChar *)"id");
		value = xmlGetNoNsProp(c, (const xmlChar *)"value");
		if (is_question(c) && id != NULL) {
			buf_printf(&seg, "q/%s/", (const char *)id);
		} else if (id != NULL || value != NULL) {
			buf_printf(&seg, "%s%s/%s/", prefix, (const char *)c->name,
				   (const char *)(id != NULL ? id : value));
		} else {
			/* no id: its name, and its attributes only when siblings of
			 * the same name need telling apart (a budget's contradictions) */
			struct buf sig;
			size_t same = 0;

			buf_init(&sig, 4096);
			for (const xmlNode *o = p->children; o != NULL; o = o->next)
				if (o->type == XML_ELEMENT_NODE && xmlStrEqual(o->name, c->name))
					same++;
			if (same > 1)
				other_attrs(c, &sig, NULL);
			buf_printf(&seg, "%s%s%s/", prefix, (const char *)c->name, buf_cstr(&sig));
			buf_release(&sig);
		}
		xmlFree(id);
		xmlFree(value);
		if (!seg.overflow)
			walk_el(w, c, buf_cstr(&seg));
		buf_release(&seg);
	}
}

static int cmp_index_key(const void *a, const void *b, void *ctx)
{
	const struct translation_list *l = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(l->v[x].key, l->v[y].key);

	if (c != 0)
		return c;
	return x < y ? -1 : x > y;
}

/* Indices of l sorted by key (then document order). */
static size_t *sorted_index(const struct translation_list *l)
{
	size_t *ix = xreallocarray(NULL, l->n ? l->n : 1, sizeof(*ix));

	for (size_t i = 0; i < l->n; i++)
		ix[i] = i;
	qsort_r(ix, l->n, sizeof(*ix), cmp_index_key, (void *)l);
	return ix;
}

/* A key met again (two English texts with nothing to tell them apart)
 * becomes key#2, key#3 in document order: ids never hold a '#'. */
static void unique_keys(struct translation_list *l)
{
	size_t *ix = sorted_index(l);
	const char *prev = l->n ? l->v[ix[0]].key : NULL;

	for (size_t i = 1, run = 1; i < l->n; i++) {
		struct translation_text *t = &l->v[ix[i]];
		struct buf k;

		if (strcmp(t->key, prev) != 0) {
			prev = t->key;
			run = 1;
			continue;
		}
		run++;
		buf_init(&k, 8192);
		buf_printf(&k, "%s#%zu", t->key, run);
		t->key = xstrdup(buf_cstr(&k));
		buf_release(&k);
	}
	free(ix);
}

int translation_extract(const char *name, const void *bytes, size_t len,
			struct translation_list *out, struct survey_diags *d)
{
	struct loader l;
	struct walk w;
	xmlDocPtr doc;
	xmlNode *root;
	size_t nerr0 = d->n;
	char **orig = NULL;

	memset(out, 0, sizeof(*out));
	memset(&l, 0, sizeof(l));
	l.path = name;
	l.bytes = bytes;
	l.len = len;
	l.d = d;
	if (len > SURVEY_MAX_FILE) {
		survey_diags_add(d, name, 1, 1, "the file is larger than %d bytes",
				 SURVEY_MAX_FILE);
		return -1;
	}
	load_index_lines(&l);
	if (load_check_utf8(&l) < 0) {
		free(l.lines);
		return -1;
	}
	doc = load_parse(&l);
	if (doc == NULL) {
		free(l.lines);
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || root->ns == NULL ||
	    !xmlStrEqual(root->name, (const xmlChar *)"survey") ||
	    strcmp((const char *)root->ns->href, SURVEY_NS) != 0) {
		survey_diags_add(d, name, 1, 1, "not a survey file (no <survey> in %s)", SURVEY_NS);
		xmlFreeDoc(doc);
		free(l.lines);
		return -1;
	}
	w.l = &l;
	w.out = out;
	w.cap = 0;
	walk_el(&w, root, "");
	/* keep the original keys alive while renaming: unique_keys replaces
	 * pointers, the originals are freed afterwards */
	orig = xreallocarray(NULL, out->n ? out->n : 1, sizeof(*orig));
	for (size_t i = 0; i < out->n; i++)
		orig[i] = out->v[i].key;
	unique_keys(out);
	for (size_t i = 0; i < out->n; i++) {
		if (out->v[i].key != orig[i])
			free(orig[i]);
		if (out->v[i].status == TRANSLATION_MISSING)
			out->nmissing++;
		else if (out->v[i].status == TRANSLATION_UNCHANGED)
			out->nunchanged++;
		else
			out->ntranslated++;
	}
	free(orig);
	xmlFreeDoc(doc);
	free(l.lines);
	return d->n > nerr0 ? -1 : 0;
}

void translation_list_release(struct translation_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].en);
		free(l->v[i].cy);
		free(l->v[i].indent);
		free(l->v[i].name);
		free(l->v[i].attrs);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ---------------------------------------------------------------------- */
/* Export */

int translation_export_csv(const struct translation_list *l, struct buf *b)
{
	buf_puts(b, "key,English,Welsh,status,note\r\n");
	for (size_t i = 0; i < l->n; i++) {
		const struct translation_text *t = &l->v[i];

		csv_cell(b, t->key);
		buf_putc(b, ',');
		csv_cell(b, t->en);
		buf_putc(b, ',');
		csv_cell(b, t->cy);
		buf_putc(b, ',');
		csv_cell(b, translation_status_name(t->status));
		buf_printf(b, ",line %d\r\n", t->line);
	}
	return b->overflow ? -1 : 0;
}

int translation_export_xliff(const struct translation_list *l, const char *original, struct buf *b)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root, file, body;
	xmlNsPtr ns;
	xmlChar *mem = NULL;
	int size = 0;

	root = xmlNewNode(NULL, (const xmlChar *)"xliff");
	ns = xmlNewNs(root, (const xmlChar *)XLIFF_NS, NULL);
	xmlSetNs(root, ns);
	xmlNewProp(root, (const xmlChar *)"version", (const xmlChar *)"1.2");
	xmlDocSetRootElement(doc, root);
	file = xmlNewChild(root, ns, (const xmlChar *)"file", NULL);
	xmlNewProp(file, (const xmlChar *)"original", (const xmlChar *)original);
	xmlNewProp(file, (const xmlChar *)"datatype", (const xmlChar *)"xml");
	xmlNewProp(file, (const xmlChar *)"source-language", (const xmlChar *)"en-GB");
	xmlNewProp(file, (const xmlChar *)"target-language", (const xmlChar *)"cy-GB");
	body = xmlNewChild(file, ns, (const xmlChar *)"body", NULL);
	for (size_t i = 0; i < l->n; i++) {
		const struct translation_text *t = &l->v[i];
		xmlNodePtr tu = xmlNewChild(body, ns, (const xmlChar *)"trans-unit", NULL), tg;
		char note[64];

		xmlNewProp(tu, (const xmlChar *)"id", (const xmlChar *)t->key);
		xmlNewProp(tu, (const xmlChar *)"resname", (const xmlChar *)t->key);
		/* paragraphs are separated by a blank line: keep the line breaks */
		xmlNodeSetSpacePreserve(tu, 1);
		xmlNewTextChild(tu, ns, (const xmlChar *)"source", (const xmlChar *)t->en);
		tg = xmlNewTextChild(tu, ns, (const xmlChar *)"target", (const xmlChar *)t->cy);
		xmlNewProp(tg, (const xmlChar *)"state",
			   (const xmlChar *)(t->status == TRANSLATION_TRANSLATED ? "translated"
					     : t->status == TRANSLATION_UNCHANGED
						 ? "needs-review-translation"
						 : "needs-translation"));
		snprintf(note, sizeof(note), "line %d; %s", t->line,
			 translation_status_name(t->status));
		xmlNewTextChild(tu, ns, (const xmlChar *)"note", (const xmlChar *)note);
	}
	xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
	if (mem != NULL && size > 0)
		buf_append(b, mem, (size_t)size);
	xmlFree(mem);
	xmlFreeDoc(doc);
	return b->overflow ? -1 : 0;
}

/* ---------------------------------------------------------------------- */
/* Import */

/* One row read from a CSV or XLIFF file. */
struct row {
	char *key, *en, *cy;
	int line;  /* in the translations file */
	int recno; /* CSV: the spreadsheet row; XLIFF: 0 */
};

struct rows {
	struct row *v;
	size_t n, cap;
};

static void rows_release(struct rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].key);
		free(r->v[i].en);
		free(r->v[i].cy);
	}
	free(r->v);
}

static struct row *rows_add(struct rows *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = xreallocarray(r->v, r->cap, sizeof(*r->v));
	}
	memset(&r->v[r->n], 0, sizeof(r->v[0]));
	return &r->v[r->n++];
}

/* A cell as written by csv_cell: its leading apostrophe (added so that a
 * spreadsheet never runs it as a formula) removed. */
static char *csv_unneutralise(const char *s, size_t n)
{
	if (n >= 2 && s[0] == '\'' && strchr("=+-@\t\r", s[1]) != NULL)
		return normalise(s + 1, n - 1);
	return normalise(s, n);
}

enum translation_format translation_sniff(const void *bytes, size_t len)
{
	const unsigned char *b = bytes;
	size_t i = 0;

	if (len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	return i < len && b[i] == '<' ? TRANSLATION_XLIFF : TRANSLATION_CSV;
}

/* RFC 4180 (CRLF or LF; quoted cells may hold commas, quotes and line
 * breaks). The header names the columns key, English and Welsh (in any
 * order, other columns ignored). */
static int read_csv(const char *name, const char *s, size_t len, struct rows *out,
		    struct survey_diags *d)
{
	size_t i = 0, recno = 0;
	int line = 1, kcol = -1, ecol = -1, wcol = -1, bad = 0;

	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && !bad) {
		struct buf cell;
		char *cells[3] = {NULL, NULL, NULL};
		int col = 0, rowline = line, ended = 0;

		recno++;
		buf_init(&cell, TRANSLATION_MAX_TEXT);
		while (!ended) {
			int quoted = 0;

			buf_reset(&cell);
			if (i < len && s[i] == '"') {
				quoted = 1;
				i++;
				for (;;) {
					if (i >= len) {
						survey_diags_add(
						    d, name, rowline, 1,
						    "row %zu: a quoted cell is never closed",
						    recno);
						bad = 1;
						break;
					}
					if (s[i] == '"' && i + 1 < len && s[i + 1] == '"') {
						buf_putc(&cell, '"');
						i += 2;
					} else if (s[i] == '"') {
						i++;
						break;
					} else {
						if (s[i] == '\n')
							line++;
						buf_putc(&cell, s[i++]);
					}
				}
			}
			while (!bad && i < len && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
				if (quoted) {
					survey_diags_add(d, name, rowline, 1,
							 "row %zu: text after a quoted cell",
							 recno);
					bad = 1;
					break;
				}
				buf_putc(&cell, s[i++]);
			}
			if (bad)
				break;
			if (cell.overflow) {
				survey_diags_add(d, name, rowline, 1,
						 "row %zu: a cell is longer than %d bytes", recno,
						 TRANSLATION_MAX_TEXT);
				bad = 1;
				break;
			}
			if (recno == 1) {
				const char *h = buf_cstr(&cell);

				if (strcasecmp(h, "key") == 0)
					kcol = col;
				else if (strcasecmp(h, "English") == 0)
					ecol = col;
				else if (strcasecmp(h, "Welsh") == 0)
					wcol = col;
			} else if (col == kcol || col == ecol || col == wcol) {
				int k = col == kcol ? 0 : col == ecol ? 1 : 2;

				free(cells[k]);
				cells[k] = csv_unneutralise(cell.data ? cell.data : "", cell.len);
			}
			col++;
			if (i < len && s[i] == ',') {
				i++;
				continue;
			}
			if (i < len && s[i] == '\r')
				i++;
			if (i < len && s[i] == '\n') {
				i++;
				line++;
			}
			ended = 1;
		}
		buf_release(&cell);
		if (!bad && recno == 1 && (kcol < 0 || ecol < 0 || wcol < 0)) {
			survey_diags_add(d, name, 1, 1,
					 "row 1 must name the columns key, English and Welsh");
			bad = 1;
		}
		if (!bad && recno > 1 && !(col == 1 && cells[0] != NULL && cells[0][0] == '\0')) {
			struct row *r;

			if (out->n >= TRANSLATION_MAX_ROWS) {
				survey_diags_add(d, name, rowline, 1, "more than %d rows",
						 TRANSLATION_MAX_ROWS);
				bad = 1;
			} else {
				r = rows_add(out);
				r->key = cells[0] ? cells[0] : xstrdup("");
				r->en = cells[1] ? cells[1] : xstrdup("");
				r->cy = cells[2] ? cells[2] : xstrdup("");
				r->line = rowline;
				r->recno = (int)recno;
				cells[0] = cells[1] = cells[2] = NULL;
			}
		}
		for (int k = 0; k < 3; k++)
			free(cells[k]);
	}
	return bad ? -1 : 0;
}

static int is_xliff_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	       strcmp((const char *)n->ns->href, XLIFF_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The text of a <source> or <target>; -1 when it holds markup. */
static int xliff_text(struct loader *l, const xmlNode *n, char **out)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			load_err_at(l, c,
				    "<%s> inside <%s>: only plain text can be imported (survey "
				    "texts have no markup)",
				    (const char *)c->name, (const char *)n->name);
			return -1;
		}
	*out = node_text(n);
	if (strlen(*out) > TRANSLATION_MAX_TEXT) {
		load_err_at(l, n, "a text longer than %d bytes", TRANSLATION_MAX_TEXT);
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static void xliff_units(struct loader *l, const xmlNode *p, struct rows *out)
{
	for (const xmlNode *c = p->children; c != NULL; c = c->next) {
		xmlChar *id;
		char *src = NULL, *tgt = NULL;
		int line, col, ok = 1;

		if (is_xliff_el(c, "group")) {
			xliff_units(l, c, out);
			continue;
		}
		if (!is_xliff_el(c, "trans-unit"))
			continue;
		load_node_pos(l, c, &line, &col);
		id = xmlGetNoNsProp(c, (const xmlChar *)"id");
		if (id == NULL) {
			load_err_at(l, c, "a <trans-unit> without an id");
			continue;
		}
		for (const xmlNode *e = c->children; e != NULL; e = e->next) {
			if (is_xliff_el(e, "source") && src == NULL)
				ok &= xliff_text(l, e, &src) == 0;
			else if (is_xliff_el(e, "target") && tgt == NULL)
				ok &= xliff_text(l, e, &tgt) == 0;
		}
		if (ok && src == NULL) {
			load_err_at(l, c, "trans-unit '%s' has no <source>", (const char *)id);
			ok = 0;
		}
		if (ok && out->n >= TRANSLATION_MAX_ROWS) {
			load_err_at(l, c, "more than %d trans-units", TRANSLATION_MAX_ROWS);
			ok = 0;
		}
		if (ok) {
			struct row *r = rows_add(out);

			r->key = xstrdup((const char *)id);
			r->en = src;
			r->cy = tgt != NULL ? tgt : xstrdup("");
			r->line = line;
			src = tgt = NULL;
		}
		free(src);
		free(tgt);
		xmlFree(id);
	}
}

static int read_xliff(const char *name, const char *s, size_t len, struct rows *out,
		      struct survey_diags *d)
{
	struct loader l;
	xmlDocPtr doc;
	xmlNode *root;
	size_t nerr0 = d->n;
	int files = 0;

	memset(&l, 0, sizeof(l));
	l.path = name;
	l.bytes = (const unsigned char *)s;
	l.len = len;
	l.d = d;
	load_index_lines(&l);
	if (load_check_utf8(&l) < 0) {
		free(l.lines);
		return -1;
	}
	doc = load_parse(&l);
	if (doc == NULL) {
		free(l.lines);
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !is_xliff_el(root, "xliff")) {
		survey_diags_add(d, name, 1, 1, "not an XLIFF 1.2 file (no <xliff> in %s)",
				 XLIFF_NS);
	} else {
		for (const xmlNode *f = root->children; f != NULL; f = f->next) {
			xmlChar *tl;

			if (!is_xliff_el(f, "file"))
				continue;
			files++;
			tl = xmlGetNoNsProp(f, (const xmlChar *)"target-language");
			if (tl != NULL && strncasecmp((const char *)tl, "cy", 2) != 0)
				load_err_at(&l, f,
					    "target-language is '%s': only Welsh (cy) translations "
					    "can be imported",
					    (const char *)tl);
			xmlFree(tl);
			for (const xmlNode *b = f->children; b != NULL; b = b->next)
				if (is_xliff_el(b, "body"))
					xliff_units(&l, b, out);
		}
		if (files == 0)
			survey_diags_add(d, name, 1, 1, "the XLIFF file has no <file>");
	}
	xmlFreeDoc(doc);
	free(l.lines);
	return d->n > nerr0 ? -1 : 0;
}

/* A message about row r, naming it as a spreadsheet row (CSV) or by its line. */
__attribute__((format(printf, 4, 5))) static void where(struct survey_diags *d, const char *name,
							const struct row *r, const char *fmt, ...)
{
	char msg[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (r->recno > 0)
		survey_diags_add(d, name, r->line, 1, "row %d: %s", r->recno, msg);
	else
		survey_diags_add(d, name, r->line, 1, "%s", msg);
}

/* The text as element content: & < > escaped. */
static void put_content(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			buf_puts(b, "&amp;");
		else if (*s == '<')
			buf_puts(b, "&lt;");
		else if (*s == '>')
			buf_puts(b, "&gt;");
		else
			buf_putc(b, *s);
	}
}

struct splice {
	size_t at, del;
	size_t index;
};

static int cmp_splice(const void *a, const void *b)
{
	const struct splice *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int cmp_key(const void *k, const void *e, void *ctx)
{
	const struct translation_list *l = ctx;

	return strcmp((const char *)k, l->v[*(const size_t *)e].key);
}

static const size_t *find_key(const struct translation_list *l, const size_t *ix, const char *key)
{
	/* glibc's bsearch has no context argument: a small binary search */
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_key(key, &ix[mid], (void *)l);

		if (c == 0)
			return &ix[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int translation_import(const struct translation_list *l, const char *srcname, const void *src,
		       size_t srclen, const char *tname, const void *tbytes, size_t tlen,
		       struct translation_result *res, struct survey_diags *d)
{
	struct rows rows = {NULL, 0, 0};
	size_t nerr0 = d->n, *ix = NULL, nsp = 0;
	unsigned char *seen = NULL;
	struct splice *sp = NULL;
	struct buf out;
	int r;

	memset(res, 0, sizeof(*res));
	if (tlen > TRANSLATION_MAX_IMPORT) {
		survey_diags_add(d, tname, 1, 1, "the translations file is larger than %d bytes",
				 TRANSLATION_MAX_IMPORT);
		return -1;
	}
	if (memchr(tbytes, '\0', tlen) != NULL) {
		survey_diags_add(d, tname, 1, 1,
				 "the translations file is not text (it holds NUL)");
		return -1;
	}
	{
		size_t bad;

		if (!utf8_valid(tbytes, tlen, &bad)) {
			survey_diags_add(
			    d, tname, 1, 1,
			    "the translations file is not UTF-8 text (byte %zu); save it "
			    "as \"CSV UTF-8\"",
			    bad + 1);
			return -1;
		}
	}
	if (translation_sniff(tbytes, tlen) == TRANSLATION_XLIFF) {
		r = read_xliff(tname, tbytes, tlen, &rows, d);
		/* the safe parser's words are about survey files */
		for (size_t i = nerr0; i < d->n; i++) {
			char *m = d->v[i].message, *at = strstr(m, " in survey files");

			if (at != NULL && at[16] == '\0')
				*at = '\0';
		}
	} else if (tlen == 0) {
		survey_diags_add(d, tname, 1, 1,
				 "the file is empty (row 1 names the columns key, "
				 "English and Welsh)");
		r = -1;
	} else {
		r = read_csv(tname, tbytes, tlen, &rows, d);
	}
	if (r < 0)
		goto fail;
	ix = sorted_index(l);
	seen = xcalloc(l->n ? l->n : 1, 1);
	res->v = xreallocarray(NULL, rows.n ? rows.n : 1, sizeof(*res->v));
	for (size_t i = 0; i < rows.n; i++) {
		const struct row *w = &rows.v[i];
		const size_t *at = find_key(l, ix, w->key);
		const struct translation_text *t;

		if (at == NULL) {
			where(d, tname, w, "unknown key '%.200s' (not a text of this survey)",
			      w->key);
			continue;
		}
		t = &l->v[*at];
		if (seen[*at]++) {
			where(d, tname, w, "key '%.200s' is given twice", w->key);
			continue;
		}
		if (strcmp(w->en, t->en) != 0) {
			where(d, tname, w,
			      "the English of '%.200s' has changed in the survey since this file "
			      "was exported (export again and copy the Welsh across)",
			      w->key);
			continue;
		}
		if (w->cy[0] == '\0' || strcmp(w->cy, t->cy) == 0)
			continue;
		res->v[res->n].index = *at;
		res->v[res->n].old_cy = xstrdup(t->cy);
		res->v[res->n].new_cy = xstrdup(w->cy);
		res->n++;
	}
	if (d->n > nerr0)
		goto fail;
	/* splice, from the start of the file to its end */
	sp = xreallocarray(NULL, res->n ? res->n : 1, sizeof(*sp));
	for (size_t i = 0; i < res->n; i++) {
		const struct translation_text *t = &l->v[res->v[i].index];

		sp[nsp].index = i;
		if (t->has_cy) {
			sp[nsp].at = t->cy_start;
			sp[nsp].del = t->cy_end - t->cy_start;
		} else {
			sp[nsp].at = t->en_end;
			sp[nsp].del = 0;
		}
		nsp++;
	}
	qsort(sp, nsp, sizeof(*sp), cmp_splice);
	buf_init(&out, SURVEY_MAX_FILE + 1);
	{
		size_t pos = 0;

		for (size_t i = 0; i < nsp; i++) {
			const struct translation_change *c = &res->v[sp[i].index];
			const struct translation_text *t = &l->v[c->index];

			buf_append(&out, (const char *)src + pos, sp[i].at - pos);
			if (t->has_cy && t->cy_selfclose) {
				buf_putc(&out, '>');
				put_content(&out, c->new_cy);
				buf_printf(&out, "</%s>", t->name);
			} else if (t->has_cy) {
				put_content(&out, c->new_cy);
			} else {
				buf_printf(&out, "\n%s<%s xml:lang=\"cy\"%s>", t->indent, t->name,
					   t->attrs);
				put_content(&out, c->new_cy);
				buf_printf(&out, "</%s>", t->name);
			}
			pos = sp[i].at + sp[i].del;
		}
		buf_append(&out, (const char *)src + pos, srclen - pos);
	}
	if (out.overflow) {
		survey_diags_add(d, srcname, 1, 1,
				 "with these translations the survey file would be larger than %d "
				 "bytes",
				 SURVEY_MAX_FILE);
		buf_release(&out);
		goto fail;
	}
	res->len = out.len;
	res->bytes = xmalloc(out.len + 1);
	memcpy(res->bytes, out.data ? out.data : "", out.len);
	res->bytes[out.len] = '\0';
	buf_release(&out);
	{
		struct survey *s = NULL;

		if (survey_load_memory(srcname, res->bytes, res->len, &s, d) < 0) {
			survey_diags_add(d, tname, 0, 0,
					 "with these translations the survey does not pass the "
					 "check (messages above)");
			goto fail;
		}
		survey_free(s);
	}
	free(sp);
	free(seen);
	free(ix);
	rows_release(&rows);
	return 0;
fail:
	free(sp);
	free(seen);
	free(ix);
	rows_release(&rows);
	translation_result_release(res);
	return -1;
}

void translation_result_release(struct translation_result *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].old_cy);
		free(r->v[i].new_cy);
	}
	free(r->v);
	free(r->bytes);
	memset(r, 0, sizeof(*r));
}
