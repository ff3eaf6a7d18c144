/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * load: reads one survey file into the model of survey.h. Steps: read the
 * bytes (size limit, UTF-8 only), parse with libxml2 under safe options (no
 * network, no entity substitution, no DTD: any DOCTYPE stops the parse),
 * remember where each element starts so that every message can give a true
 * line and column, validate against the RelaxNG schema, then build the model
 * and run the cross-checks the schema cannot express. Every problem goes
 * into the caller's survey_diags; a file with any problem gives no model.
 *
 * Columns: for a message about an element, the column (in characters,
 * from 1) of the '<' that opens it; for XML syntax errors, where libxml2's
 * parser stopped.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <sodium.h>

#include "core/arena.h"
#include "survey/answer.h"
#include "survey/cond.h"
#include "survey/survey.h"

#define SURVEY_NS "urn:yourvoice:survey:1"
#define SURVEY_MAX_FILE (1024 * 1024) /* bytes */
#define SURVEY_MAX_DEPTH 16	      /* element nesting; the language needs 6 */
#define SURVEY_ID_MAX 63
#define SURVEY_TEXT_MAX 100000 /* max-length ceiling */
#define SCHEMA_FILE "survey.rng"
/* Counts bounded so that no check (some compare every pair) can be made slow. */
#define SURVEY_MAX_PAGES 100
#define SURVEY_MAX_QUESTIONS 100 /* per page */
#define SURVEY_MAX_OPTIONS 300
#define SURVEY_MAX_SERVICES 100
#define SURVEY_MAX_AREAS 500
#define SURVEY_MAX_POSTCODES 5000 /* in the whole area map */

/* What a loaded survey owns besides the struct itself. */
struct survey_priv {
	struct arena arena;
};

/* The state of one load. */
struct loader {
	const char *path;
	const unsigned char *bytes;
	size_t len;
	size_t *lines; /* byte offset where each line starts */
	size_t nlines;
	struct survey_diags *d;
	size_t nerr;
	struct survey *s;
	struct arena *a;
	xmlParserCtxtPtr ctxt;
	int stopped; /* a DOCTYPE or too deep nesting ended the parse */
	startElementNsSAX2Func start_element;
};

static const char *schema_override;

/* ---------------------------------------------------------------------- */
/* Diagnostics */

void survey_diags_init(struct survey_diags *d)
{
	d->v = NULL;
	d->n = d->cap = 0;
}

void survey_diags_release(struct survey_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].message);
	}
	free(d->v);
	survey_diags_init(d);
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p == NULL)
		abort();
	memcpy(p, s, n);
	return p;
}

void survey_diags_add(struct survey_diags *d, const char *file, int line, int col, const char *fmt,
		      ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct survey_diag *v = realloc(d->v, cap * sizeof(*v));

		if (v == NULL)
			abort();
		d->v = v;
		d->cap = cap;
	}
	d->v[d->n].file = xstrdup(file);
	d->v[d->n].line = line;
	d->v[d->n].col = col;
	d->v[d->n].message = xstrdup(msg);
	d->n++;
}

void survey_diags_print(const struct survey_diags *d, FILE *out)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(out, "%s:%d:%d: %s\n", d->v[i].file, d->v[i].line, d->v[i].col,
			d->v[i].message);
}

void survey_diags_sort(struct survey_diags *d, size_t from)
{
	for (size_t i = from + 1; i < d->n; i++) {
		struct survey_diag x = d->v[i];
		size_t j = i;

		while (j > from && (d->v[j - 1].line > x.line ||
				    (d->v[j - 1].line == x.line && d->v[j - 1].col > x.col))) {
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = x;
	}
}

/* ---------------------------------------------------------------------- */
/* Positions */

static void index_lines(struct loader *l)
{
	size_t n = 1;

	for (size_t i = 0; i < l->len; i++)
		if (l->bytes[i] == '\n')
			n++;
	l->lines = malloc(n * sizeof(*l->lines));
	if (l->lines == NULL)
		abort();
	l->lines[0] = 0;
	l->nlines = 1;
	for (size_t i = 0; i < l->len; i++)
		if (l->bytes[i] == '\n')
			l->lines[l->nlines++] = i + 1;
}

/* Line and column (characters, from 1) of byte offset off. */
static void offset_pos(const struct loader *l, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = l->nlines;
	int c = 1;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	for (size_t i = l->lines[lo]; i < off && i < l->len; i++)
		if ((l->bytes[i] & 0xC0) != 0x80)
			c++;
	*line = (int)(lo + 1);
	*col = c;
}

/* Where node starts: the '<' of its element (of the nearest element for
 * other nodes). Falls back to libxml2's line with column 1. */
static void node_pos(const struct loader *l, const xmlNode *n, int *line, int *col)
{
	const xmlNode *e = n;

	while (e != NULL && (e->type != XML_ELEMENT_NODE || e->_private == NULL))
		e = e->parent;
	if (e != NULL) {
		offset_pos(l, (size_t)(uintptr_t)e->_private - 1, line, col);
		return;
	}
	*line = n != NULL ? (int)xmlGetLineNo(n) : 0;
	if (*line < 0)
		*line = 0;
	*col = 1;
}

__attribute__((format(printf, 3, 4))) static void err_at(struct loader *l, const xmlNode *n,
							 const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int line, col;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	node_pos(l, n, &line, &col);
	survey_diags_add(l->d, l->path, line, col, "%s", msg);
	l->nerr++;
}

/* ---------------------------------------------------------------------- */
/* Parsing */

static void sax_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
			      const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces,
			      int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct loader *l = ctxt->_private;
	size_t off;

	l->start_element(ctx, localname, prefix, URI, nb_namespaces, namespaces, nb_attributes,
			 nb_defaulted, attributes);
	if (ctxt->node == NULL || ctxt->input == NULL || ctxt->input->base == NULL)
		return;
	/* The parser stands on the '>' or '/>' closing the start tag, and no
	 * raw '<' can occur inside a start tag: the last '<' before is ours. */
	off = (size_t)ctxt->input->consumed + (size_t)(ctxt->input->cur - ctxt->input->base);
	if (l->len == 0)
		return;
	if (off >= l->len)
		off = l->len - 1;
	while (off > 0 && l->bytes[off] != '<')
		off--;
	ctxt->node->_private = (void *)(uintptr_t)(off + 1);
	/* the element is pushed on the name stack after this callback */
	if (ctxt->nameNr + 1 > SURVEY_MAX_DEPTH && !l->stopped) {
		int line, col;

		offset_pos(l, off, &line, &col);
		survey_diags_add(l->d, l->path, line, col, "elements nested more than %d deep",
				 SURVEY_MAX_DEPTH);
		l->nerr++;
		l->stopped = 1;
		xmlStopParser(ctxt);
	}
}

static void refuse_dtd(struct loader *l, const char *what)
{
	int line = 0, col = 0;

	if (l->stopped)
		return;
	if (l->ctxt->input != NULL && l->ctxt->input->base != NULL && l->len > 0) {
		size_t off = (size_t)l->ctxt->input->consumed +
			     (size_t)(l->ctxt->input->cur - l->ctxt->input->base);

		if (off >= l->len)
			off = l->len - 1;
		/* the declaration starts at the last "<!" before the parser */
		while (off > 0 && !(l->bytes[off] == '<' && l->bytes[off + 1] == '!'))
			off--;
		offset_pos(l, off, &line, &col);
	}
	survey_diags_add(l->d, l->path, line, col, "%s are not allowed in survey files", what);
	l->nerr++;
	l->stopped = 1;
	xmlStopParser(l->ctxt);
}

static void sax_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ExternalID,
				const xmlChar *SystemID)
{
	xmlParserCtxtPtr ctxt = ctx;

	(void)name;
	(void)ExternalID;
	(void)SystemID;
	refuse_dtd(ctxt->_private, "DOCTYPE declarations");
}

static void sax_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *publicId,
			    const xmlChar *systemId, xmlChar *content)
{
	xmlParserCtxtPtr ctxt = ctx;

	(void)name;
	(void)type;
	(void)publicId;
	(void)systemId;
	(void)content;
	refuse_dtd(ctxt->_private, "entity declarations");
}

static xmlEntityPtr sax_get_entity(void *ctx, const xmlChar *name)
{
	/* Only the predefined entities (&lt; &amp; ...) exist. */
	(void)ctx;
	return xmlGetPredefinedEntity(name);
}

/* Strip libxml2's trailing newline and spaces from a message. */
static void trim_msg(char *m)
{
	size_t n = strlen(m);

	while (n > 0 && isspace((unsigned char)m[n - 1]))
		m[--n] = '\0';
}

static void parse_error(void *ctx, xmlErrorPtr err)
{
	/* libxml2 passes the parser context (its userData) */
	xmlParserCtxtPtr ctxt = ctx;
	struct loader *l = ctxt->_private;
	char msg[1024];

	if (l->stopped && err->code == XML_ERR_USER_STOP)
		return;
	snprintf(msg, sizeof(msg), "%s", err->message ? err->message : "XML error");
	trim_msg(msg);
	survey_diags_add(l->d, l->path, err->line, err->int2 > 0 ? err->int2 : 1, "%s", msg);
	l->nerr++;
}

static void schema_error(void *ctx, xmlErrorPtr err)
{
	struct loader *l = ctx;
	char msg[1024];
	int line, col;

	snprintf(msg, sizeof(msg), "%s", err->message ? err->message : "schema error");
	trim_msg(msg);
	if (err->node != NULL) {
		const xmlNode *n = err->node;
		char name[64];

		/* libxml2 may attach "Element X ..." to a child of X: point at X. */
		if (sscanf(msg, "Element %63s ", name) == 1) {
			const xmlNode *e = n;

			while (e != NULL && !(e->type == XML_ELEMENT_NODE &&
					      strcmp((const char *)e->name, name) == 0))
				e = e->parent;
			if (e != NULL)
				n = e;
		}
		node_pos(l, n, &line, &col);
	} else {
		line = err->line;
		col = 1;
	}
	survey_diags_add(l->d, l->path, line, col, "%s", msg);
	l->nerr++;
}

/* Check the bytes are UTF-8 without NUL: the positions we compute count in
 * UTF-8, so the parser must see the same bytes we do. */
static int check_utf8(struct loader *l)
{
	const unsigned char *p = l->bytes, *e = l->bytes + l->len;

	while (p < e) {
		unsigned c = *p;
		size_t n;
		unsigned cp;

		if (c == 0)
			goto bad;
		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, cp = c & 0x07;
		else
			goto bad;
		if ((size_t)(e - p) <= n)
			goto bad;
		for (size_t i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			goto bad;
		p += n + 1;
	}
	return 0;
bad : {
	int line, col;

	offset_pos(l, (size_t)(p - l->bytes), &line, &col);
	survey_diags_add(l->d, l->path, line, col, "the file is not valid UTF-8 text");
	l->nerr++;
	return -1;
}
}

static int read_file(struct loader *l, unsigned char **out, size_t *len)
{
	FILE *f = fopen(l->path, "rb");
	unsigned char *b;
	size_t n;

	if (f == NULL) {
		survey_diags_add(l->d, l->path, 0, 0, "cannot open: %s", strerror(errno));
		l->nerr++;
		return -1;
	}
	b = malloc(SURVEY_MAX_FILE + 1);
	if (b == NULL)
		abort();
	n = fread(b, 1, SURVEY_MAX_FILE + 1, f);
	if (ferror(f)) {
		survey_diags_add(l->d, l->path, 0, 0, "cannot read: %s", strerror(errno));
		l->nerr++;
		fclose(f);
		free(b);
		return -1;
	}
	fclose(f);
	if (n > SURVEY_MAX_FILE) {
		survey_diags_add(l->d, l->path, 1, 1, "the file is larger than %d bytes",
				 SURVEY_MAX_FILE);
		l->nerr++;
		free(b);
		return -1;
	}
	*out = b;
	*len = n;
	return 0;
}

static xmlDocPtr parse(struct loader *l)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	xmlDocPtr doc;

	if (ctxt == NULL)
		abort();
	l->ctxt = ctxt;
	ctxt->_private = l;
	l->start_element = ctxt->sax->startElementNs;
	ctxt->sax->startElementNs = sax_start_element;
	ctxt->sax->internalSubset = sax_internal_subset;
	ctxt->sax->externalSubset = NULL;
	ctxt->sax->entityDecl = sax_entity_decl;
	ctxt->sax->getEntity = sax_get_entity;
	ctxt->sax->getParameterEntity = NULL;
	ctxt->sax->resolveEntity = NULL;
	ctxt->sax->serror = parse_error;
	ctxt->sax->error = NULL;
	ctxt->sax->warning = NULL;
	xmlCtxtUseOptions(ctxt, 0);
	ctxt->sax->serror = parse_error;
	/* xmlCtxtReadMemory resets the error handlers' data to the context. */
	doc = xmlCtxtReadMemory(ctxt, (const char *)l->bytes, (int)l->len, l->path, NULL,
				XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC |
				    XML_PARSE_NOXINCNODE);
	if (doc != NULL &&
	    (!ctxt->wellFormed || l->stopped || doc->intSubset != NULL || doc->extSubset != NULL)) {
		if (!l->stopped && (doc->intSubset != NULL || doc->extSubset != NULL))
			refuse_dtd(l, "DOCTYPE declarations");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc == NULL && l->nerr == 0) {
		survey_diags_add(l->d, l->path, 1, 1, "not a well-formed XML file");
		l->nerr++;
	}
	xmlFreeParserCtxt(ctxt);
	l->ctxt = NULL;
	return doc;
}

void survey_schema_set(const char *path)
{
	schema_override = path;
}

const char *survey_schema_path(void)
{
	static const char installed[] = YV_PKGDATADIR "/schema/" SCHEMA_FILE;
	FILE *f;

	if (schema_override != NULL)
		return schema_override;
	f = fopen(installed, "rb");
	if (f != NULL) {
		fclose(f);
		return installed;
	}
	return YV_SRCDIR "/surveys/schema/" SCHEMA_FILE;
}

static void schema_parse_error(void *ctx, xmlErrorPtr err)
{
	struct survey_diags *d = ctx;
	char msg[1024];

	snprintf(msg, sizeof(msg), "%s", err->message ? err->message : "error");
	trim_msg(msg);
	survey_diags_add(d, err->file ? err->file : survey_schema_path(), err->line,
			 err->int2 > 0 ? err->int2 : err->line > 0 ? 1 : 0, "schema: %s", msg);
}

static void quiet_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Parse the RelaxNG schema; NULL with a diag when it cannot be used. */
static xmlRelaxNGPtr schema_load(struct survey_diags *d)
{
	const char *path = survey_schema_path();
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
	xmlRelaxNGPtr rng;

	xmlGenericErrorFunc gfn = xmlGenericError;
	void *gctx = xmlGenericErrorContext;

	if (pc == NULL)
		abort();
	xmlRelaxNGSetParserStructuredErrors(pc, schema_parse_error, d);
	/* libxml2 also prints I/O warnings through the generic handler: the
	 * structured one already reports them */
	xmlSetGenericErrorFunc(NULL, quiet_generic);
	rng = xmlRelaxNGParse(pc);
	xmlSetGenericErrorFunc(gctx, gfn);
	xmlRelaxNGFreeParserCtxt(pc);
	if (rng == NULL)
		survey_diags_add(d, path, 0, 0, "cannot load the survey schema");
	return rng;
}

/* ---------------------------------------------------------------------- */
/* Tree helpers */

static int is_el(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	       strcmp((const char *)n->ns->href, SURVEY_NS) == 0 &&
	       (name == NULL || strcmp((const char *)n->name, name) == 0);
}

static xmlNode *first_el(const xmlNode *parent, const char *name)
{
	for (xmlNode *c = parent ? parent->children : NULL; c != NULL; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

static char *adup(struct loader *l, const char *s)
{
	return arena_strdup(l->a, s);
}

/* Attribute value copied into the arena, NULL when absent. */
static const char *attr(struct loader *l, const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *r;

	if (v == NULL)
		return NULL;
	r = adup(l, (const char *)v);
	xmlFree(v);
	return r;
}

static int attr_bool(struct loader *l, const xmlNode *n, const char *name, int dflt)
{
	const char *v = attr(l, n, name);

	if (v == NULL)
		return dflt;
	return strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
}

/* Unsigned attribute (schema-checked digits); dflt when absent, -1 when
 * too large for max (with a diag). */
static long long attr_uint(struct loader *l, const xmlNode *n, const char *name, long long dflt,
			   long long max)
{
	const char *v = attr(l, n, name);
	long long r = 0;

	if (v == NULL)
		return dflt;
	for (const char *p = v; *p; p++) {
		if (*p < '0' || *p > '9' || r > max) {
			err_at(l, n, "%s=\"%s\" must be a whole number from 0 to %lld", name, v,
			       max);
			return -1;
		}
		r = r * 10 + (*p - '0');
	}
	if (*v == '\0' || r > max) {
		err_at(l, n, "%s=\"%s\" must be a whole number from 0 to %lld", name, v, max);
		return -1;
	}
	return r;
}

/*
 * Text content with whitespace tidied: runs of spaces and single newlines
 * become one space, a blank line separates paragraphs ("\n\n"), ends trimmed.
 */
static char *node_text(struct loader *l, const xmlNode *n)
{
	xmlChar *raw = xmlNodeGetContent(n);
	const char *p;
	char *out, *o;
	int space = 0, para = 0;

	if (raw == NULL)
		return adup(l, "");
	out = arena_alloc(l->a, strlen((const char *)raw) + 1);
	o = out;
	for (p = (const char *)raw; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			if (*p == '\n') {
				const char *q = p + 1;

				while (*q == ' ' || *q == '\t' || *q == '\r')
					q++;
				if (*q == '\n')
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
		*o++ = *p;
	}
	*o = '\0';
	xmlFree(raw);
	return out;
}

static const char *lang_name(int lang)
{
	return lang == LANG_CY ? "Welsh" : "English";
}

/*
 * Gather the <name> children of parent into x, one per language. Each must
 * have a language the survey offers (xml:lang, possibly inherited), at most
 * one per language, and not be empty. When the text is required, or given in
 * any language, it must be given in every language offered. `what` names the
 * owner for messages ("question 'age'").
 */
static void get_text(struct loader *l, const xmlNode *parent, const char *name,
		     struct survey_text *x, int required, const char *what)
{
	int any = 0;

	memset(x, 0, sizeof(*x));
	for (xmlNode *c = parent->children; c != NULL; c = c->next) {
		xmlChar *lv;
		int lang;

		if (!is_el(c, name))
			continue;
		lv = xmlNodeGetLang(c);
		if (lv == NULL) {
			err_at(l, c, "<%s> of %s has no xml:lang (set it here or on <survey>)",
			       name, what);
			continue;
		}
		lang = survey_lang_parse((const char *)lv);
		if (lang < 0 || !(l->s->langs & (1u << lang))) {
			err_at(
			    l, c,
			    "<%s> of %s is in xml:lang=\"%s\", not a language this survey offers",
			    name, what, (const char *)lv);
			xmlFree(lv);
			continue;
		}
		xmlFree(lv);
		if (x->t[lang] != NULL) {
			err_at(l, c, "second %s <%s> of %s", lang_name(lang), name, what);
			continue;
		}
		x->t[lang] = node_text(l, c);
		any = 1;
		if (x->t[lang][0] == '\0')
			err_at(l, c, "<%s> of %s is empty", name, what);
	}
	if (!required && !any)
		return;
	for (int lang = 0; lang < LANG_N; lang++)
		if ((l->s->langs & (1u << lang)) && x->t[lang] == NULL)
			err_at(l, parent, "%s has no %s (%s) <%s>", what, lang_name(lang),
			       survey_lang_code((enum yv_lang)lang), name);
}

/* [a-z0-9][a-z0-9-]{0,62} */
static int id_ok(const char *s)
{
	size_t n = 0;

	if (s == NULL || !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return n <= SURVEY_ID_MAX;
}

static const char *check_id(struct loader *l, const xmlNode *n, const char *attrname,
			    const char *what)
{
	const char *v = attr(l, n, attrname);

	if (v == NULL) {
		err_at(l, n, "%s has no %s", what, attrname);
		return "";
	}
	if (!id_ok(v))
		err_at(l, n,
		       "%s %s=\"%s\" must be 1 to 63 of a-z, 0-9 and '-', starting with a letter "
		       "or digit",
		       what, attrname, v);
	return v;
}

/* Format pence as pounds with thousands separators: "£3,200,000" (pence
 * shown only when there are some). */
static void money(long long pence, char *out, size_t outsz)
{
	char digits[24], grouped[32];
	unsigned long long p =
	    pence < 0 ? (unsigned long long)(-(pence + 1)) + 1 : (unsigned long long)pence;
	unsigned long long pounds = p / 100;
	size_t n, g = 0;

	snprintf(digits, sizeof(digits), "%llu", pounds);
	n = strlen(digits);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	grouped[g] = '\0';
	if (p % 100)
		snprintf(out, outsz, "%s£%s.%02llu", pence < 0 ? "-" : "", grouped, p % 100);
	else
		snprintf(out, outsz, "%s£%s", pence < 0 ? "-" : "", grouped);
}

/* "-12.5" style text for hundredths. */
static void pct(int bp, char *out, size_t outsz)
{
	int a = bp < 0 ? -bp : bp;

	if (a % 100 == 0)
		snprintf(out, outsz, "%s%d%%", bp < 0 ? "-" : "", a / 100);
	else if (a % 10 == 0)
		snprintf(out, outsz, "%s%d.%d%%", bp < 0 ? "-" : "", a / 100, (a % 100) / 10);
	else
		snprintf(out, outsz, "%s%d.%02d%%", bp < 0 ? "-" : "", a / 100, a % 100);
}

/* A percentage attribute in hundredths; 0 with a diag when malformed. */
static int attr_pct(struct loader *l, const xmlNode *n, const char *name, int *out)
{
	const char *v = attr(l, n, name);

	*out = 0;
	if (v == NULL)
		return -1;
	if (survey_parse_hundredths(v, out) < 0 || *out < -100000 || *out > 100000) {
		err_at(l, n, "%s=\"%s\" must be a percentage with at most two decimal places", name,
		       v);
		*out = 0;
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Building the model */

static void load_choices(struct loader *l, xmlNode *qn, struct survey_question *q, const char *what)
{
	size_t n = 0, i = 0;

	for (xmlNode *c = qn->children; c != NULL; c = c->next)
		if (is_el(c, "option"))
			n++;
	if (n > SURVEY_MAX_OPTIONS) {
		err_at(l, qn, "%s has more than %d options", what, SURVEY_MAX_OPTIONS);
		n = SURVEY_MAX_OPTIONS;
	}
	q->choices = arena_calloc(l->a, n ? n : 1, sizeof(*q->choices));
	for (xmlNode *c = qn->children; c != NULL && i < n; c = c->next) {
		struct survey_choice *ch;
		char owhat[256];

		if (!is_el(c, "option"))
			continue;
		ch = &q->choices[i++];
		ch->value = check_id(l, c, "value", "option");
		node_pos(l, c, &ch->line, &ch->col);
		snprintf(owhat, sizeof(owhat), "option '%s' of %s", ch->value, what);
		get_text(l, c, "label", &ch->label, 1, owhat);
		ch->specify = attr_bool(l, c, "specify", 0);
		for (size_t j = 0; j + 1 < i; j++)
			if (strcmp(q->choices[j].value, ch->value) == 0) {
				err_at(l, c, "%s has two options with value '%s'", what, ch->value);
				break;
			}
		if (ch->specify) {
			if (q->type != SQ_CHOICE && q->type != SQ_MULTI)
				err_at(
				    l, c,
				    "only <choice> and <multi> options can have specify=\"true\"");
			else if (q->other != NULL)
				err_at(l, c, "%s has more than one option with specify=\"true\"",
				       what);
			else {
				long long ml = attr_uint(l, c, "max-length", 200, SURVEY_TEXT_MAX);

				q->other = ch;
				q->other_max_length = ml < 0 ? 200 : (size_t)ml;
			}
		} else if (xmlHasProp(c, (const xmlChar *)"max-length")) {
			err_at(l, c, "max-length on an option only applies with specify=\"true\"");
		}
	}
	q->nchoices = i;
	if (q->nchoices < 2)
		err_at(l, qn, "%s needs at least two options", what);
}

static int parse_double(const char *s, double *out)
{
	char *end;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	*out = strtod(s, &end);
	if (*end != '\0' || errno != 0)
		return -1;
	return 0;
}

static void load_budget(struct loader *l, xmlNode *qn, struct survey_question *q, const char *what)
{
	struct survey_budget *b = arena_calloc(l->a, 1, sizeof(*b));
	xmlNode *t = first_el(qn, "target"), *ct = first_el(qn, "council-tax");
	size_t n = 0, i = 0, nerr0 = l->nerr;
	char m1[64], m2[64];

	q->budget = b;
	if (t != NULL) {
		const char *kind = attr(l, t, "kind");
		long long amount = attr_uint(l, t, "amount", -2, 100000000000LL);

		if (kind != NULL && strcmp(kind, "balance") == 0) {
			b->target = ST_BALANCE;
			if (amount > 0)
				err_at(
				    l, t,
				    "a \"balance\" target takes no amount (use kind=\"savings\")");
		} else {
			b->target = ST_SAVINGS;
			if (amount == -2)
				err_at(l, t, "a \"savings\" target needs amount=\"...\" in pounds");
			else if (amount == 0)
				err_at(l, t,
				       "a savings target of £0: use kind=\"balance\" to stay "
				       "within the total");
			else if (amount > 0)
				b->target_pence = amount * 100;
		}
	}
	for (xmlNode *c = qn->children; c != NULL; c = c->next)
		if (is_el(c, "service"))
			n++;
	if (n > SURVEY_MAX_SERVICES) {
		err_at(l, qn, "%s has more than %d services", what, SURVEY_MAX_SERVICES);
		n = SURVEY_MAX_SERVICES;
	}
	b->lines = arena_calloc(l->a, n ? n : 1, sizeof(*b->lines));
	for (xmlNode *c = qn->children; c != NULL && i < n; c = c->next) {
		struct survey_budget_line *bl;
		char lwhat[256];
		size_t nl = 0;
		long long spend;

		if (!is_el(c, "service"))
			continue;
		bl = &b->lines[i++];
		bl->id = check_id(l, c, "id", "service");
		node_pos(l, c, &bl->line, &bl->col);
		snprintf(lwhat, sizeof(lwhat), "service '%s'", bl->id);
		if (strcmp(bl->id, "council-tax") == 0 || strcmp(bl->id, "other") == 0)
			err_at(l, c, "service id '%s' is reserved", bl->id);
		for (size_t j = 0; j + 1 < i; j++)
			if (strcmp(b->lines[j].id, bl->id) == 0) {
				err_at(l, c, "%s has two services with id '%s'", what, bl->id);
				break;
			}
		get_text(l, c, "label", &bl->label, 1, lwhat);
		get_text(l, c, "description", &bl->description, 0, lwhat);
		spend = attr_uint(l, c, "spend", 0, 10000000000LL);
		bl->spend_pence = spend < 0 ? 0 : spend * 100;
		if (attr_pct(l, c, "min", &bl->min_bp) == 0 && bl->min_bp < -10000)
			err_at(l, c, "%s cannot be cut by more than 100%%", lwhat);
		attr_pct(l, c, "max", &bl->max_bp);
		attr_pct(l, c, "step", &bl->step_bp);
		if (bl->min_bp > bl->max_bp) {
			pct(bl->min_bp, m1, sizeof(m1));
			pct(bl->max_bp, m2, sizeof(m2));
			err_at(l, c, "%s: min (%s) is above max (%s)", lwhat, m1, m2);
		} else if (bl->step_bp <= 0) {
			err_at(l, c, "%s: step must be more than 0", lwhat);
		} else if (bl->min_bp > 0 || bl->max_bp < 0 || bl->min_bp % bl->step_bp != 0) {
			err_at(
			    l, c,
			    "%s: no change (0%%) must be one of the allowed changes min + k * step",
			    lwhat);
		} else if ((bl->max_bp - bl->min_bp) % bl->step_bp != 0) {
			err_at(l, c, "%s: max is not min plus a whole number of steps", lwhat);
		}
		for (xmlNode *lv = c->children; lv != NULL; lv = lv->next)
			if (is_el(lv, "level"))
				nl++;
		bl->levels = arena_calloc(l->a, nl ? nl : 1, sizeof(*bl->levels));
		for (xmlNode *lv = c->children; lv != NULL; lv = lv->next) {
			int ch, lang;
			xmlChar *lc;
			size_t k;

			if (!is_el(lv, "level") || attr_pct(l, lv, "change", &ch) < 0)
				continue;
			if (ch < bl->min_bp || ch > bl->max_bp ||
			    (bl->step_bp > 0 && (ch - bl->min_bp) % bl->step_bp)) {
				pct(ch, m1, sizeof(m1));
				err_at(l, lv, "%s: level %s is not one of the allowed changes",
				       lwhat, m1);
				continue;
			}
			for (k = 0; k < bl->nlevels; k++)
				if (bl->levels[k].change_bp == ch)
					break;
			if (k == bl->nlevels) {
				/* keep levels ordered by change */
				k = 0;
				while (k < bl->nlevels && bl->levels[k].change_bp < ch)
					k++;
				memmove(&bl->levels[k + 1], &bl->levels[k],
					(bl->nlevels - k) * sizeof(*bl->levels));
				memset(&bl->levels[k], 0, sizeof(*bl->levels));
				bl->levels[k].change_bp = ch;
				bl->nlevels++;
			}
			lc = xmlNodeGetLang(lv);
			lang = lc ? survey_lang_parse((const char *)lc) : -1;
			if (lang < 0 || !(l->s->langs & (1u << lang))) {
				err_at(l, lv,
				       "<level> of %s is in xml:lang=\"%s\", not a language this "
				       "survey offers",
				       lwhat, lc ? (const char *)lc : "");
			} else if (bl->levels[k].meaning.t[lang] != NULL) {
				pct(ch, m1, sizeof(m1));
				err_at(l, lv, "second %s <level> for %s of %s", lang_name(lang), m1,
				       lwhat);
			} else {
				bl->levels[k].meaning.t[lang] = node_text(l, lv);
				if (bl->levels[k].meaning.t[lang][0] == '\0')
					err_at(l, lv, "<level> of %s is empty", lwhat);
			}
			xmlFree(lc);
		}
		for (size_t k = 0; k < bl->nlevels; k++)
			for (int lang = 0; lang < LANG_N; lang++)
				if ((l->s->langs & (1u << lang)) &&
				    bl->levels[k].meaning.t[lang] == NULL) {
					pct(bl->levels[k].change_bp, m1, sizeof(m1));
					err_at(l, c, "%s has no %s (%s) <level> for %s", lwhat,
					       lang_name(lang),
					       survey_lang_code((enum yv_lang)lang), m1);
				}
	}
	b->nlines = i;
	if (ct != NULL) {
		long long inc = attr_uint(l, ct, "income-per-step", 0, 10000000000LL);

		b->has_council_tax = 1;
		get_text(l, ct, "label", &b->ct_label, 1, "the council tax line");
		get_text(l, ct, "description", &b->ct_description, 0, "the council tax line");
		attr_pct(l, ct, "min", &b->ct_min_bp);
		attr_pct(l, ct, "max", &b->ct_max_bp);
		attr_pct(l, ct, "step", &b->ct_step_bp);
		b->ct_income_per_step_pence = inc < 0 ? 0 : inc * 100;
		if (b->ct_min_bp > b->ct_max_bp) {
			pct(b->ct_min_bp, m1, sizeof(m1));
			pct(b->ct_max_bp, m2, sizeof(m2));
			err_at(l, ct, "council tax: min (%s) is above max (%s)", m1, m2);
		} else if (b->ct_step_bp <= 0) {
			err_at(l, ct, "council tax: step must be more than 0");
		} else if (b->ct_min_bp % b->ct_step_bp != 0 ||
			   (b->ct_max_bp - b->ct_min_bp) % b->ct_step_bp != 0) {
			err_at(l, ct, "council tax: min and max must be whole numbers of steps");
		}
	}
	if (l->nerr == nerr0 && t != NULL) {
		long long best = survey_budget_max_savings(b);

		if (best < b->target_pence) {
			money(b->target_pence, m1, sizeof(m1));
			money(best, m2, sizeof(m2));
			err_at(l, t,
			       "the target of %s savings cannot be met: the allowed changes save "
			       "at most %s",
			       m1, m2);
		} else if (best < 0) {
			money(-best, m2, sizeof(m2));
			err_at(l, t,
			       "the budget cannot stay within the total: the smallest allowed "
			       "changes still add %s",
			       m2);
		}
	}
}

static const char *const qtype_names[] = {
    [SQ_CHOICE] = "choice",	    [SQ_MULTI] = "multi",	  [SQ_SCALE] = "scale",
    [SQ_RANKING] = "ranking",	    [SQ_NUMBER] = "number",	  [SQ_DATE] = "date",
    [SQ_SHORT_TEXT] = "short-text", [SQ_LONG_TEXT] = "long-text", [SQ_EMAIL] = "email",
    [SQ_POSTCODE] = "postcode",	    [SQ_PATTERN] = "pattern",	  [SQ_BUDGET] = "budget",
};

const char *survey_qtype_name(enum survey_qtype t)
{
	return (size_t)t < sizeof(qtype_names) / sizeof(qtype_names[0]) ? qtype_names[t] : "?";
}

static int qtype_of(const xmlNode *n)
{
	for (size_t i = 0; i < sizeof(qtype_names) / sizeof(qtype_names[0]); i++)
		if (is_el(n, qtype_names[i]))
			return (int)i;
	return -1;
}

static void check_date_attr(struct loader *l, const xmlNode *n, const char *name, const char **out)
{
	const char *v = attr(l, n, name);
	time_t t;

	*out = v;
	if (v != NULL && (strlen(v) != 10 || survey_london_time(v, &t) < 0))
		err_at(l, n, "%s=\"%s\" must be a date YYYY-MM-DD", name, v);
}

static void load_question(struct loader *l, xmlNode *qn, struct survey_question *q,
			  size_t page_index)
{
	char what[128];
	long long v;

	q->type = (enum survey_qtype)qtype_of(qn);
	q->page_index = page_index;
	q->id = check_id(l, qn, "id", "question");
	node_pos(l, qn, &q->line, &q->col);
	snprintf(what, sizeof(what), "question '%s'", q->id);
	q->required = attr_bool(l, qn, "required", 0);
	q->personal = attr_bool(l, qn, "personal", 0);
	q->personal = survey_question_is_personal(q);
	q->show_if = attr(l, qn, "show-if");
	get_text(l, qn, "label", &q->label, 1, what);
	get_text(l, qn, "hint", &q->hint, 0, what);

	switch (q->type) {
	case SQ_CHOICE: {
		const char *disp = attr(l, qn, "display");

		q->display = disp != NULL && strcmp(disp, "select") == 0 ? SD_SELECT : SD_RADIOS;
		load_choices(l, qn, q, what);
		if (q->display == SD_SELECT && q->other != NULL)
			err_at(l, qn, "%s: a select cannot have a specify option (use radios)",
			       what);
		break;
	}
	case SQ_MULTI: {
		long long mn = attr_uint(l, qn, "min", 0, 1000),
			  mx = attr_uint(l, qn, "max", 0, 1000);

		load_choices(l, qn, q, what);
		q->min_select = mn < 0 ? 0 : (size_t)mn;
		q->max_select = mx < 0 ? 0 : (size_t)mx;
		if (q->max_select != 0 && q->min_select > q->max_select)
			err_at(l, qn, "%s: min (%zu) is above max (%zu)", what, q->min_select,
			       q->max_select);
		else if (q->max_select > q->nchoices || q->min_select > q->nchoices)
			err_at(l, qn, "%s: min and max cannot be more than the %zu options", what,
			       q->nchoices);
		if (q->max_select == 0)
			q->max_select = q->nchoices;
		if (q->min_select > 0 && !q->required)
			err_at(l, qn,
			       "%s: min=\"%zu\" needs required=\"true\" (an optional question can "
			       "be left empty)",
			       what, q->min_select);
		break;
	}
	case SQ_SCALE: {
		const char *mn = attr(l, qn, "min"), *mx = attr(l, qn, "max");
		char *e1 = NULL, *e2 = NULL;
		long a = mn ? strtol(mn, &e1, 10) : 0, b = mx ? strtol(mx, &e2, 10) : 0;

		if (mn == NULL || mx == NULL || *e1 || *e2 || a < -100 || b > 100) {
			err_at(l, qn, "%s: min and max must be whole numbers from -100 to 100",
			       what);
			break;
		}
		q->scale_min = (int)a;
		q->scale_max = (int)b;
		if (a >= b)
			err_at(l, qn, "%s: min (%ld) must be below max (%ld)", what, a, b);
		else if (b - a > 10)
			err_at(l, qn, "%s: a scale has at most 11 points", what);
		q->dont_know = attr_bool(l, qn, "dont-know", 0);
		get_text(l, qn, "min-label", &q->scale_min_label, 0, what);
		get_text(l, qn, "max-label", &q->scale_max_label, 0, what);
		break;
	}
	case SQ_RANKING:
		load_choices(l, qn, q, what);
		v = attr_uint(l, qn, "rank", (long long)q->nchoices, 1000);
		q->rank_count = v < 0 ? q->nchoices : (size_t)v;
		if (q->rank_count > q->nchoices)
			err_at(l, qn, "%s: rank=\"%zu\" is more than the %zu options", what,
			       q->rank_count, q->nchoices);
		break;
	case SQ_NUMBER: {
		const char *mn = attr(l, qn, "min"), *mx = attr(l, qn, "max"),
			   *st = attr(l, qn, "step");

		q->num_step = 1;
		if (mn != NULL && parse_double(mn, &q->num_min) == 0)
			q->has_min = 1;
		else if (mn != NULL)
			err_at(l, qn, "%s: min=\"%s\" is not a number", what, mn);
		if (mx != NULL && parse_double(mx, &q->num_max) == 0)
			q->has_max = 1;
		else if (mx != NULL)
			err_at(l, qn, "%s: max=\"%s\" is not a number", what, mx);
		if (st != NULL && (parse_double(st, &q->num_step) < 0 || !(q->num_step > 0)))
			err_at(l, qn, "%s: step=\"%s\" must be a number above 0", what, st);
		if (q->has_min && q->has_max && q->num_min > q->num_max)
			err_at(l, qn, "%s: min (%s) is above max (%s)", what, mn, mx);
		get_text(l, qn, "unit", &q->unit, 0, what);
		break;
	}
	case SQ_DATE:
		check_date_attr(l, qn, "min", &q->date_min);
		check_date_attr(l, qn, "max", &q->date_max);
		if (q->date_min != NULL && q->date_max != NULL &&
		    strcmp(q->date_min, q->date_max) > 0)
			err_at(l, qn, "%s: min (%s) is after max (%s)", what, q->date_min,
			       q->date_max);
		break;
	case SQ_SHORT_TEXT:
	case SQ_LONG_TEXT:
	case SQ_PATTERN:
		v = attr_uint(l, qn, "max-length", q->type == SQ_LONG_TEXT ? 5000 : 200,
			      SURVEY_TEXT_MAX);
		q->max_length = v < 0 ? 200 : (size_t)v;
		if (q->type == SQ_PATTERN) {
			int ec;
			PCRE2_SIZE eo;
			pcre2_code *code;

			q->pattern = attr(l, qn, "regex");
			get_text(l, qn, "message", &q->pattern_message, 1, what);
			if (q->pattern == NULL)
				break;
			code = pcre2_compile((PCRE2_SPTR)q->pattern, PCRE2_ZERO_TERMINATED,
					     PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED |
						 PCRE2_ENDANCHORED,
					     &ec, &eo, NULL);
			if (code == NULL) {
				PCRE2_UCHAR buf[256];

				pcre2_get_error_message(ec, buf, sizeof(buf));
				err_at(l, qn,
				       "%s: the pattern does not compile: %s (at character %zu)",
				       what, (const char *)buf, (size_t)eo + 1);
			} else {
				q->pattern_code = code;
			}
		}
		break;
	case SQ_EMAIL:
		q->max_length = 254;
		break;
	case SQ_POSTCODE:
		q->max_length = 10;
		break;
	case SQ_BUDGET:
		load_budget(l, qn, q, what);
		break;
	}
}

struct ref_check {
	struct loader *l;
	const xmlNode *n;
	const char *what;
	size_t page_index;
};

/* Whether value can ever be an answer to q (for the types whose answers
 * are fixed values); 1 for the other types. */
static int possible_value(const struct survey_question *q, const char *v)
{
	switch (q->type) {
	case SQ_CHOICE:
	case SQ_MULTI:
		for (size_t i = 0; i < q->nchoices; i++)
			if (strcmp(q->choices[i].value, v) == 0)
				return 1;
		return 0;
	case SQ_SCALE: {
		char *end;
		long n = strtol(v, &end, 10);

		if (q->dont_know && strcmp(v, "dont-know") == 0)
			return 1;
		return *v != '\0' && *end == '\0' && n >= q->scale_min && n <= q->scale_max;
	}
	default:
		return 1;
	}
}

static int ref_check(void *ctx, const struct survey_cond_ref *ref)
{
	struct ref_check *rc = ctx;
	char id[SURVEY_ID_MAX + 2], value[256];
	const struct survey_question *q;

	if (ref->qid_len > SURVEY_ID_MAX) {
		err_at(rc->l, rc->n, "show-if of %s names a question id longer than 63 characters",
		       rc->what);
		return 0;
	}
	memcpy(id, ref->qid, ref->qid_len);
	id[ref->qid_len] = '\0';
	q = survey_find_question(rc->l->s, id);
	if (q == NULL) {
		err_at(rc->l, rc->n, "show-if of %s names unknown question '%s'", rc->what, id);
		return 0;
	}
	if (q->page_index >= rc->page_index)
		err_at(rc->l, rc->n,
		       "show-if of %s names question '%s', which is not on an earlier page",
		       rc->what, id);
	if (ref->value != NULL && ref->value_len < sizeof(value)) {
		memcpy(value, ref->value, ref->value_len);
		value[ref->value_len] = '\0';
		if (!possible_value(q, value))
			err_at(rc->l, rc->n,
			       "show-if of %s compares question '%s' with '%s', which is not one "
			       "of its answers",
			       rc->what, id, value);
	}
	return 0;
}

/* Compile one show-if and check the questions it names. */
static struct survey_cond *load_cond(struct loader *l, const xmlNode *n, const char *src,
				     const char *what, size_t page_index)
{
	struct ref_check rc = {l, n, what, page_index};
	struct survey_cond *c;
	char err[256];
	if (src == NULL)
		return NULL;
	c = survey_cond_compile(src, err, sizeof(err));
	if (c == NULL) {
		err_at(l, n, "show-if of %s is not a valid condition: %s", what, err);
		return NULL;
	}
	if (survey_cond_refs(src, ref_check, &rc) < 0)
		err_at(
		    l, n,
		    "show-if of %s: answer() takes one question id in quotes, e.g. answer('age')",
		    what);
	if (survey_cond_eval_err(c, NULL, err, sizeof(err)) < 0)
		err_at(l, n, "show-if of %s cannot be evaluated: %s", what, err);
	return c;
}

static const struct survey_question *ref_question(struct loader *l, const xmlNode *n,
						  const char *what)
{
	const char *qid = attr(l, n, "question");
	const struct survey_question *q = qid ? survey_find_question(l->s, qid) : NULL;

	if (q == NULL)
		err_at(l, n, "%s names unknown question '%s'", what, qid ? qid : "");
	return q;
}

static void load_meta(struct loader *l, xmlNode *root)
{
	struct survey *s = l->s;
	xmlNode *n;
	const char *v;

	get_text(l, root, "title", &s->title, 1, "the survey");
	get_text(l, root, "summary", &s->summary, 1, "the survey");
	get_text(l, root, "organisation", &s->organisation, 1, "the survey");
	get_text(l, root, "you-said-we-did", &s->you_said_we_did, 0, "the survey");

	n = first_el(root, "contact");
	if (n != NULL) {
		xmlNode *nm = first_el(n, "name"), *em = first_el(n, "email"),
			*ph = first_el(n, "phone");
		int digits = 0;

		s->contact_name = nm ? node_text(l, nm) : "";
		s->contact_email = em ? node_text(l, em) : "";
		s->contact_phone = ph ? node_text(l, ph) : "";
		if (nm && s->contact_name[0] == '\0')
			err_at(l, nm, "the contact name is empty");
		if (em && !survey_email_ok(s->contact_email))
			err_at(l, em, "the contact email '%s' is not an email address",
			       s->contact_email);
		for (const char *p = s->contact_phone; *p; p++) {
			if (*p >= '0' && *p <= '9')
				digits++;
			else if (!strchr(" +()-", *p)) {
				digits = -100;
				break;
			}
		}
		if (ph && (digits < 6 || digits > 15))
			err_at(l, ph,
			       "the contact phone '%s' is not a phone number (6 to 15 digits, "
			       "spaces, + ( ) -)",
			       s->contact_phone);
	}

	n = first_el(root, "dates");
	if (n != NULL) {
		const char *o = attr(l, n, "opens"), *c = attr(l, n, "closes"),
			   *r = attr(l, n, "results");
		int ok = 1;

		if (o && survey_london_time(o, &s->opens_at) < 0) {
			err_at(l, n,
			       "opens=\"%s\" is not a Europe/London date-time YYYY-MM-DDTHH:MM "
			       "that exists",
			       o);
			ok = 0;
		}
		if (c && survey_london_time(c, &s->closes_at) < 0) {
			err_at(l, n,
			       "closes=\"%s\" is not a Europe/London date-time YYYY-MM-DDTHH:MM "
			       "that exists",
			       c);
			ok = 0;
		}
		if (r && survey_london_time(r, &s->results_at) < 0) {
			err_at(
			    l, n,
			    "results=\"%s\" is not a date YYYY-MM-DD or date-time YYYY-MM-DDTHH:MM",
			    r);
			ok = 0;
		}
		if (ok && s->closes_at <= s->opens_at)
			err_at(l, n, "the survey closes (%s) before it opens (%s)", c, o);
		else if (ok && s->results_at < s->closes_at &&
			 s->publication == SURVEY_PUBLISH_AFTER_CLOSE)
			err_at(l, n, "results (%s) are due before the survey closes (%s)", r, c);
	}

	n = first_el(root, "privacy");
	if (n != NULL) {
		s->privacy_url = attr(l, n, "href");
		get_text(l, n, "notice", &s->privacy, 0, "the privacy notice");
		if (s->privacy_url == NULL && first_el(n, "notice") == NULL)
			err_at(l, n, "<privacy> needs href=\"...\" or a <notice>");
		if (s->privacy_url != NULL && strncmp(s->privacy_url, "https://", 8) != 0 &&
		    strncmp(s->privacy_url, "http://", 7) != 0 && s->privacy_url[0] != '/')
			err_at(l, n, "privacy href=\"%s\" must start with https://, http:// or /",
			       s->privacy_url);
	}
	n = first_el(root, "access");
	v = n ? attr(l, n, "mode") : NULL;
	s->access = v && strcmp(v, "invitation") == 0 ? SURVEY_INVITATION : SURVEY_ANONYMOUS;
	n = first_el(root, "retention");
	if (n != NULL) {
		long long days = attr_uint(l, n, "days", 0, 36500);

		s->retention_days = days < 0 ? 0 : (unsigned)days;
	}
	s->once_per = s->access == SURVEY_INVITATION ? SURVEY_ONCE_INVITATION : SURVEY_ONCE_BROWSER;
	n = first_el(root, "abuse");
	if (n != NULL) {
		long long mph = attr_uint(l, n, "max-per-hour", 0, 1000000);

		v = attr(l, n, "once-per");
		if (v != NULL)
			s->once_per = strcmp(v, "invitation") == 0 ? SURVEY_ONCE_INVITATION
				      : strcmp(v, "none") == 0	   ? SURVEY_ONCE_NONE
								   : SURVEY_ONCE_BROWSER;
		if (s->once_per == SURVEY_ONCE_INVITATION && s->access != SURVEY_INVITATION)
			err_at(l, n, "once-per=\"invitation\" needs <access mode=\"invitation\"/>");
		s->rate_limit_per_hour = mph < 0 ? 0 : (unsigned)mph;
	}
}

/* Metadata that names questions: checked once all questions are known. */
static void load_refs(struct loader *l, xmlNode *root)
{
	struct survey *s = l->s;
	xmlNode *n = first_el(root, "breakdowns");
	size_t k;

	s->min_group_size = 10;
	if (n != NULL) {
		long long mg = attr_uint(l, n, "min-group-size", 10, 100000);
		size_t cnt = 0;

		s->min_group_size = mg < 0 ? 10 : (unsigned)mg;
		for (xmlNode *c = n->children; c != NULL; c = c->next)
			cnt += is_el(c, "by");
		s->breakdowns = arena_calloc(l->a, cnt ? cnt : 1, sizeof(*s->breakdowns));
		for (xmlNode *c = n->children; c != NULL; c = c->next) {
			const struct survey_question *q;

			if (is_el(c, "by-area")) {
				s->breakdown_by_area = 1;
				if (first_el(root, "areas") == NULL)
					err_at(l, c, "<by-area/> needs an <areas> map");
				continue;
			}
			if (!is_el(c, "by") || (q = ref_question(l, c, "breakdown")) == NULL)
				continue;
			if (q->type != SQ_CHOICE)
				err_at(l, c, "breakdown question '%s' must be a <choice> question",
				       q->id);
			else if (survey_question_is_personal(q))
				err_at(l, c,
				       "breakdown question '%s' is personal data: results may not "
				       "be broken down by it",
				       q->id);
			for (k = 0; k < s->nbreakdowns; k++)
				if (s->breakdowns[k] == q)
					break;
			if (k < s->nbreakdowns)
				err_at(l, c, "breakdown question '%s' is listed twice", q->id);
			else
				s->breakdowns[s->nbreakdowns++] = q;
		}
	}
	n = first_el(root, "themes");
	if (n != NULL) {
		size_t cnt = 0;

		for (xmlNode *c = n->children; c != NULL; c = c->next)
			cnt += is_el(c, "analyse");
		s->analysed = arena_calloc(l->a, cnt ? cnt : 1, sizeof(*s->analysed));
		for (xmlNode *c = n->children; c != NULL; c = c->next) {
			const struct survey_question *q;

			if (!is_el(c, "analyse") || (q = ref_question(l, c, "<analyse>")) == NULL)
				continue;
			if (q->type != SQ_SHORT_TEXT && q->type != SQ_LONG_TEXT)
				err_at(l, c,
				       "analysed question '%s' must be a <short-text> or "
				       "<long-text> question",
				       q->id);
			else if (survey_question_is_personal(q))
				err_at(l, c,
				       "analysed question '%s' is personal data (personal=\"true\"): "
				       "its answers may not be summarised into themes",
				       q->id);
			for (k = 0; k < s->nanalysed; k++)
				if (s->analysed[k] == q)
					break;
			if (k < s->nanalysed)
				err_at(l, c, "analysed question '%s' is listed twice", q->id);
			else
				s->analysed[s->nanalysed++] = q;
		}
	}
}

/* "LL11" (district) or "LL13 7" (sector), normalised into out. */
static int area_code_normalise(const char *in, char *out, size_t outsz)
{
	char t[16];
	size_t n = 0, i = 0, letters = 0, digits = 0;

	for (const char *p = in; *p; p++) {
		if (*p == ' ')
			continue;
		if (n + 1 >= sizeof(t))
			return -1;
		t[n++] = (char)toupper((unsigned char)*p);
	}
	t[n] = '\0';
	while (i < n && t[i] >= 'A' && t[i] <= 'Z')
		i++, letters++;
	if (letters < 1 || letters > 2 || i >= n || t[i] < '0' || t[i] > '9')
		return -1;
	i++;
	digits = 1;
	if (i < n && ((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'A' && t[i] <= 'Z')))
		i++, digits++;
	if (i == n) {
		snprintf(out, outsz, "%s", t);
		return 0;
	}
	/* a sector: the district then one digit. "LL137" is ambiguous only when
	 * the district has two digits, which the written space resolves. */
	if (i + 1 == n && t[i] >= '0' && t[i] <= '9') {
		if (strchr(in, ' ') == NULL)
			return -1;
		snprintf(out, outsz, "%.*s %c", (int)i, t, t[i]);
		return 0;
	}
	(void)digits;
	return -1;
}

static void load_areas(struct loader *l, xmlNode *root)
{
	struct survey *s = l->s;
	xmlNode *n = first_el(root, "areas");
	size_t cnt = 0, i = 0, total = 0;

	if (n == NULL)
		return;
	for (xmlNode *c = n->children; c != NULL; c = c->next)
		cnt += is_el(c, "area");
	if (cnt > SURVEY_MAX_AREAS) {
		err_at(l, n, "the area map has more than %d areas", SURVEY_MAX_AREAS);
		cnt = SURVEY_MAX_AREAS;
	}
	s->areas = arena_calloc(l->a, cnt ? cnt : 1, sizeof(*s->areas));
	for (xmlNode *c = n->children; c != NULL && i < cnt; c = c->next) {
		struct survey_area *ar;
		char what[128];
		size_t np = 0;

		if (!is_el(c, "area"))
			continue;
		ar = &s->areas[i++];
		ar->id = check_id(l, c, "id", "area");
		snprintf(what, sizeof(what), "area '%s'", ar->id);
		for (size_t j = 0; j + 1 < i; j++)
			if (strcmp(s->areas[j].id, ar->id) == 0)
				err_at(l, c, "two areas have id '%s'", ar->id);
		get_text(l, c, "name", &ar->name, 1, what);
		for (xmlNode *p = c->children; p != NULL; p = p->next)
			np += is_el(p, "postcode");
		if (total + np > SURVEY_MAX_POSTCODES) {
			err_at(l, c, "the area map lists more than %d postcodes", SURVEY_MAX_POSTCODES);
			break;
		}
		total += np;
		ar->postcodes = arena_calloc(l->a, np ? np : 1, sizeof(*ar->postcodes));
		for (xmlNode *p = c->children; p != NULL; p = p->next) {
			char code[16];
			const char *raw;

			if (!is_el(p, "postcode"))
				continue;
			raw = node_text(l, p);
			if (area_code_normalise(raw, code, sizeof(code)) < 0) {
				err_at(l, p,
				       "'%s' is not a postcode district (LL11) or sector (LL13 7)",
				       raw);
				continue;
			}
			for (size_t a2 = 0; a2 < i; a2++)
				for (size_t k = 0; k < s->areas[a2].npostcodes; k++)
					if (strcmp(s->areas[a2].postcodes[k], code) == 0)
						err_at(l, p, "postcode %s is already in area '%s'",
						       code, s->areas[a2].id);
			ar->postcodes[ar->npostcodes++] = adup(l, code);
		}
	}
	s->nareas = i;
}

static void load_pages(struct loader *l, xmlNode *root)
{
	struct survey *s = l->s;
	size_t np = 0, pi = 0;

	for (xmlNode *c = root->children; c != NULL; c = c->next)
		np += is_el(c, "page");
	if (np > SURVEY_MAX_PAGES) {
		err_at(l, root, "the survey has more than %d pages", SURVEY_MAX_PAGES);
		return;
	}
	s->pages = arena_calloc(l->a, np ? np : 1, sizeof(*s->pages));
	/* First pass: pages and questions, so that conditions can look up any
	 * question and say whether it is on an earlier page. */
	for (xmlNode *c = root->children; c != NULL; c = c->next) {
		struct survey_page *p;
		char what[128];
		size_t nq = 0, qi = 0;

		if (!is_el(c, "page"))
			continue;
		p = &s->pages[pi];
		p->id = check_id(l, c, "id", "page");
		node_pos(l, c, &p->line, &p->col);
		snprintf(what, sizeof(what), "page '%s'", p->id);
		/* The names after /s/<id>/ that are not pages (web/route.c). */
		if (strcmp(p->id, "check") == 0 || strcmp(p->id, "done") == 0 ||
		    strcmp(p->id, "save") == 0 || strcmp(p->id, "invitation") == 0 ||
		    strcmp(p->id, "privacy") == 0)
			err_at(
			    l, c,
			    "page id '%s' is reserved (it is part of the survey's web addresses)",
			    p->id);
		for (size_t j = 0; j < pi; j++)
			if (strcmp(s->pages[j].id, p->id) == 0) {
				err_at(l, c, "two pages have id '%s'", p->id);
				break;
			}
		get_text(l, c, "heading", &p->heading, 1, what);
		get_text(l, c, "intro", &p->intro, 0, what);
		p->show_if = attr(l, c, "show-if");
		for (xmlNode *q = c->children; q != NULL; q = q->next)
			nq += qtype_of(q) >= 0;
		if (nq > SURVEY_MAX_QUESTIONS) {
			err_at(l, c, "%s has more than %d questions", what, SURVEY_MAX_QUESTIONS);
			return;
		}
		p->questions = arena_calloc(l->a, nq ? nq : 1, sizeof(*p->questions));
		for (xmlNode *q = c->children; q != NULL; q = q->next) {
			if (qtype_of(q) < 0)
				continue;
			int dup = 0;

			load_question(l, q, &p->questions[qi], pi);
			for (size_t pj = 0; pj <= pi; pj++)
				for (size_t k = 0; k < (pj == pi ? qi : s->pages[pj].nquestions);
				     k++)
					if (strcmp(s->pages[pj].questions[k].id,
						   p->questions[qi].id) == 0 &&
					    !dup) {
						err_at(l, q, "two questions have id '%s'",
						       p->questions[qi].id);
						dup = 1;
					}
			qi++;
			p->nquestions = qi;
		}
		pi++;
		s->npages = pi;
	}
	/* Second pass: conditions. */
	pi = 0;
	for (xmlNode *c = root->children; c != NULL; c = c->next) {
		struct survey_page *p;
		char what[128];
		size_t qi = 0;

		if (!is_el(c, "page"))
			continue;
		p = &s->pages[pi];
		snprintf(what, sizeof(what), "page '%s'", p->id);
		p->cond = load_cond(l, c, p->show_if, what, pi);
		for (xmlNode *q = c->children; q != NULL; q = q->next) {
			struct survey_question *qq;

			if (qtype_of(q) < 0)
				continue;
			qq = &p->questions[qi++];
			snprintf(what, sizeof(what), "question '%s'", qq->id);
			qq->cond = load_cond(l, q, qq->show_if, what, pi);
		}
		pi++;
	}
}

static void load_root(struct loader *l, xmlNode *root, const char *path)
{
	struct survey *s = l->s;
	const char *langs = attr(l, root, "languages");
	const char *base, *dot;

	s->id = check_id(l, root, "id", "survey");
	node_pos(l, root, &s->line, &s->col);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot == NULL || strcmp(dot, ".xml") != 0 || strlen(s->id) != (size_t)(dot - base) ||
	    strncmp(s->id, base, (size_t)(dot - base)) != 0)
		err_at(l, root,
		       "survey id '%s' does not match the file name '%s' (it must be %s.xml)",
		       s->id, base, s->id);
	/* languages="en cy" */
	for (const char *p = langs ? langs : ""; *p;) {
		char code[8];
		size_t n = strcspn(p, " \t\n");
		int lang;

		if (n == 0) {
			p++;
			continue;
		}
		snprintf(code, sizeof(code), "%.*s", (int)(n < 7 ? n : 7), p);
		lang = n < 7 ? survey_lang_parse(code) : -1;
		if (lang < 0)
			err_at(l, root, "languages: '%.*s' is not en or cy", (int)n, p);
		else if (s->langs & (1u << lang))
			err_at(l, root, "languages: %s is listed twice", code);
		else
			s->langs |= 1u << lang;
		p += n;
	}
	if (s->langs == 0) {
		err_at(l, root, "languages must list en, cy or both");
		s->langs = 1u << LANG_EN; /* go on checking the rest */
	}
	{
		xmlNode *pub = first_el(root, "publication");
		const char *v = pub ? attr(l, pub, "results") : NULL;

		s->publication = v == NULL		    ? SURVEY_PUBLISH_AFTER_CLOSE
				 : strcmp(v, "live") == 0   ? SURVEY_PUBLISH_LIVE
				 : strcmp(v, "manual") == 0 ? SURVEY_PUBLISH_MANUAL
							    : SURVEY_PUBLISH_AFTER_CLOSE;
	}
	load_meta(l, root);
	load_areas(l, root);
	load_pages(l, root);
	load_refs(l, root);
}

/* ---------------------------------------------------------------------- */

static void free_conds_patterns(struct survey *s)
{
	for (size_t i = 0; i < s->npages; i++) {
		struct survey_page *p = &s->pages[i];

		survey_cond_free(p->cond);
		p->cond = NULL;
		for (size_t j = 0; j < p->nquestions; j++) {
			survey_cond_free(p->questions[j].cond);
			p->questions[j].cond = NULL;
			pcre2_code_free(p->questions[j].pattern_code);
			p->questions[j].pattern_code = NULL;
		}
	}
}

void survey_free(struct survey *s)
{
	struct survey_priv *priv;

	if (s == NULL)
		return;
	free_conds_patterns(s);
	priv = s->priv;
	arena_release(&priv->arena);
	free(priv);
	free(s);
}

static void hash_hex(const unsigned char *b, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	static const char hex[] = "0123456789abcdef";

	if (sodium_init() < 0)
		abort();
	crypto_hash_sha256(h, b, n);
	for (size_t i = 0; i < sizeof(h); i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[64] = '\0';
}

/* Load one file with an already parsed schema. */
/* Load one survey from bytes (not owned) with an already parsed schema. */
static int load_bytes(const char *path, const unsigned char *bytes, size_t len, xmlRelaxNGPtr rng,
		      struct survey **out, struct survey_diags *d)
{
	struct loader l;
	size_t first = d->n;
	xmlDocPtr doc = NULL;
	struct survey *s = NULL;
	struct survey_priv *priv;
	xmlNode *root;

	*out = NULL;
	memset(&l, 0, sizeof(l));
	l.path = path;
	l.d = d;
	if (len > SURVEY_MAX_FILE) {
		survey_diags_add(d, path, 1, 1, "the file is larger than %d bytes",
				 SURVEY_MAX_FILE);
		return -1;
	}
	l.bytes = bytes;
	l.len = len;
	index_lines(&l);
	if (check_utf8(&l) < 0)
		goto done;
	doc = parse(&l);
	if (doc == NULL)
		goto done;
	root = xmlDocGetRootElement(doc);
	if (rng != NULL) {
		xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);

		if (vc == NULL)
			abort();
		xmlRelaxNGSetValidStructuredErrors(vc, schema_error, &l);
		if (xmlRelaxNGValidateDoc(vc, doc) != 0 && l.nerr == 0) {
			int line, col;

			node_pos(&l, root, &line, &col);
			survey_diags_add(d, path, line, col, "does not follow the survey schema");
			l.nerr++;
		}
		xmlRelaxNGFreeValidCtxt(vc);
	} else {
		l.nerr++;
	}
	if (l.nerr > 0 || !is_el(root, "survey"))
		goto done;

	s = calloc(1, sizeof(*s));
	priv = calloc(1, sizeof(*priv));
	if (s == NULL || priv == NULL)
		abort();
	arena_init(&priv->arena, 0);
	s->priv = priv;
	l.s = s;
	l.a = &priv->arena;
	s->path = adup(&l, path);
	hash_hex(bytes, len, s->version_hash);
	load_root(&l, root, path);

done:
	if (l.nerr > 0 && s != NULL) {
		survey_free(s);
		s = NULL;
	}
	survey_diags_sort(d, first);
	xmlFreeDoc(doc);
	free(l.lines);
	if (l.nerr > 0 || s == NULL)
		return -1;
	*out = s;
	return 0;
}

static int load_with(const char *path, xmlRelaxNGPtr rng, struct survey **out,
		     struct survey_diags *d)
{
	struct loader l;
	unsigned char *bytes = NULL;
	size_t len = 0;
	int r;

	*out = NULL;
	memset(&l, 0, sizeof(l));
	l.path = path;
	l.d = d;
	if (read_file(&l, &bytes, &len) < 0)
		return -1;
	r = load_bytes(path, bytes, len, rng, out, d);
	free(bytes);
	return r;
}

int survey_load_memory(const char *name, const void *bytes, size_t len, struct survey **out,
		       struct survey_diags *d)
{
	xmlRelaxNGPtr rng = schema_load(d);
	int r;

	*out = NULL;
	if (rng == NULL)
		return -1;
	r = load_bytes(name, bytes, len, rng, out, d);
	xmlRelaxNGFree(rng);
	return r;
}

int survey_load_file(const char *path, struct survey **out, struct survey_diags *d)
{
	xmlRelaxNGPtr rng = schema_load(d);
	int r;

	*out = NULL;
	if (rng == NULL)
		return -1;
	r = load_with(path, rng, out, d);
	xmlRelaxNGFree(rng);
	return r;
}

/* ---------------------------------------------------------------------- */
/* Sets */

struct survey_set {
	struct survey **v;
	size_t n;
};

static int cmp_survey(const void *a, const void *b)
{
	const struct survey *x = *(const struct survey *const *)a,
			    *y = *(const struct survey *const *)b;

	return strcmp(x->id, y->id);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int survey_set_load_dir(const char *dir, struct survey_set **out, struct survey_diags *d)
{
	DIR *dh = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t nn = 0, cap = 0;
	struct survey_set *set;
	xmlRelaxNGPtr rng;
	int bad = 0;

	*out = NULL;
	if (dh == NULL) {
		survey_diags_add(d, dir, 0, 0, "cannot open directory: %s", strerror(errno));
		return -1;
	}
	while ((e = readdir(dh)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0 || e->d_name[0] == '.')
			continue;
		if (nn == cap) {
			char **v;

			cap = cap ? cap * 2 : 16;
			v = realloc(names, cap * sizeof(*names));
			if (v == NULL)
				abort();
			names = v;
		}
		names[nn++] = xstrdup(e->d_name);
	}
	closedir(dh);
	qsort(names, nn, sizeof(*names), cmp_str);
	set = calloc(1, sizeof(*set));
	if (set == NULL || (nn && (set->v = calloc(nn, sizeof(*set->v))) == NULL))
		abort();
	rng = schema_load(d);
	if (rng == NULL)
		bad = 1;
	for (size_t i = 0; i < nn && rng != NULL; i++) {
		size_t plen = strlen(dir) + 1 + strlen(names[i]) + 1;
		char *path = malloc(plen);
		struct survey *s;

		if (path == NULL)
			abort();
		snprintf(path, plen, "%s/%s", dir, names[i]);
		if (load_with(path, rng, &s, d) < 0)
			bad = 1;
		else
			set->v[set->n++] = s;
		free(path);
	}
	if (rng != NULL)
		xmlRelaxNGFree(rng);
	for (size_t i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	qsort(set->v, set->n, sizeof(*set->v), cmp_survey);
	if (bad) {
		survey_set_free(set);
		return -1;
	}
	*out = set;
	return 0;
}

size_t survey_set_count(const struct survey_set *set)
{
	return set ? set->n : 0;
}

const struct survey *survey_set_at(const struct survey_set *set, size_t i)
{
	return set && i < set->n ? set->v[i] : NULL;
}

const struct survey *survey_set_find(const struct survey_set *set, const char *id)
{
	size_t lo = 0, hi = set ? set->n : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, set->v[mid]->id);

		if (c == 0)
			return set->v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

void survey_set_free(struct survey_set *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->n; i++)
		survey_free(set->v[i]);
	free(set->v);
	free(set);
}
