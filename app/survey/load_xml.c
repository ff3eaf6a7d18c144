/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * load_xml: the XML side of loading a survey (load_int.h): true positions
 * of elements (line, column in characters), parsing with libxml2 under
 * safe options (no network, no entities, no DTD), the UTF-8 check, reading
 * the file and the RelaxNG schema.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/utf8.h"
#include "survey/load_int.h"

static const char *schema_override;

/* ---------------------------------------------------------------------- */
/* Positions */

void load_index_lines(struct loader *l)
{
	size_t n = 1;

	for (size_t i = 0; i < l->len; i++)
		if (l->bytes[i] == '\n')
			n++;
	l->lines = xreallocarray(NULL, n, sizeof(*l->lines));
	l->lines[0] = 0;
	l->nlines = 1;
	for (size_t i = 0; i < l->len; i++)
		if (l->bytes[i] == '\n')
			l->lines[l->nlines++] = i + 1;
}

/* Line and column (characters, from 1) of byte offset off. */
void load_offset_pos(const struct loader *l, size_t off, int *line, int *col)
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
	if (off > l->len)
		off = l->len;
	if (l->lines[lo] < off)
		c += (int)utf8_count((const char *)l->bytes + l->lines[lo], off - l->lines[lo]);
	*line = (int)(lo + 1);
	*col = c;
}

/* Where node starts: the '<' of its element (of the nearest element for
 * other nodes). Falls back to libxml2's line with column 1. */
void load_node_pos(const struct loader *l, const xmlNode *n, int *line, int *col)
{
	const xmlNode *e = n;

	while (e != NULL && (e->type != XML_ELEMENT_NODE || e->_private == NULL))
		e = e->parent;
	if (e != NULL) {
		load_offset_pos(l, (size_t)(uintptr_t)e->_private - 1, line, col);
		return;
	}
	*line = n != NULL ? (int)xmlGetLineNo(n) : 0;
	if (*line < 0)
		*line = 0;
	*col = 1;
}

void load_err_at(struct loader *l, const xmlNode *n, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int line, col;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	load_node_pos(l, n, &line, &col);
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

		load_offset_pos(l, off, &line, &col);
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
		load_offset_pos(l, off, &line, &col);
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

void load_schema_error(void *ctx, xmlErrorPtr err)
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
		load_node_pos(l, n, &line, &col);
	} else {
		line = err->line;
		col = 1;
	}
	survey_diags_add(l->d, l->path, line, col, "%s", msg);
	l->nerr++;
}

/* Check the bytes are UTF-8 without NUL: the positions we compute count in
 * UTF-8, so the parser must see the same bytes we do. */
int load_check_utf8(struct loader *l)
{
	const char *s = (const char *)l->bytes;
	const char *nul = memchr(s, '\0', l->len);
	size_t at = nul != NULL ? (size_t)(nul - s) : l->len;
	int line, col;

	if (utf8_valid(s, at, &at) && nul == NULL)
		return 0;
	/* at: the first invalid character, or the NUL */
	load_offset_pos(l, at, &line, &col);
	survey_diags_add(l->d, l->path, line, col, "the file is not valid UTF-8 text");
	l->nerr++;
	return -1;
}

int load_read_file(struct loader *l, unsigned char **out, size_t *len)
{
	FILE *f = fopen(l->path, "rb");
	unsigned char *b;
	size_t n;

	if (f == NULL) {
		survey_diags_add(l->d, l->path, 0, 0, "cannot open: %s", strerror(errno));
		l->nerr++;
		return -1;
	}
	b = xmalloc(SURVEY_MAX_FILE + 1);
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

xmlDocPtr load_parse(struct loader *l)
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
			 err->int2 > 0	 ? err->int2
			 : err->line > 0 ? 1
					 : 0,
			 "schema: %s", msg);
}

static void quiet_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Parse the RelaxNG schema; NULL with a diag when it cannot be used. */
xmlRelaxNGPtr load_schema(struct survey_diags *d)
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
