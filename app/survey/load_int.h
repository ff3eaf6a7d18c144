/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * load_int: what the files of the survey loader share, and nothing outside
 * app/survey includes it. The loader is split along its steps:
 *
 *   load.c           one load from start to end (survey_load_file/_memory)
 *   load_xml.c       positions, safe parsing, UTF-8, the file, the schema
 *   load_tree.c      reading elements, attributes and texts into the arena
 *   load_model.c     the root, metadata, area map and pages
 *   load_question.c  one question with the checks of its type
 *   load_refs.c      show-if and metadata naming questions (cross-references)
 *   set.c, diags.c   the surveys of a directory; the message list
 *
 * Every function here takes the state of one load (struct loader) and
 * reports problems with load_err_at, which counts them: a load with any
 * problem gives no model.
 */
#ifndef YV_SURVEY_LOAD_INT_H
#define YV_SURVEY_LOAD_INT_H

#include <stddef.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

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

/* load_xml.c: positions. load_index_lines fills l->lines (freed by the
 * caller); positions are lines and columns in characters, from 1. */
void load_index_lines(struct loader *l);
void load_offset_pos(const struct loader *l, size_t off, int *line, int *col);
void load_node_pos(const struct loader *l, const xmlNode *n, int *line, int *col);
/* One problem at node n (counted in l->nerr). */
__attribute__((format(printf, 3, 4))) void load_err_at(struct loader *l, const xmlNode *n,
						       const char *fmt, ...);

/* load_xml.c: parsing. Each returns -1 / NULL with the problem recorded. */
int load_check_utf8(struct loader *l);
int load_read_file(struct loader *l, unsigned char **out, size_t *len);
xmlDocPtr load_parse(struct loader *l);
void load_schema_error(void *ctx, xmlErrorPtr err); /* ctx: struct loader */
xmlRelaxNGPtr load_schema(struct survey_diags *d);

/* load_tree.c: the parsed tree. Strings returned live in l->a. */
int load_is_el(const xmlNode *n, const char *name);
xmlNode *load_first_el(const xmlNode *parent, const char *name);
char *load_adup(struct loader *l, const char *s);
const char *load_attr(struct loader *l, const xmlNode *n, const char *name);
int load_attr_bool(struct loader *l, const xmlNode *n, const char *name, int dflt);
long long load_attr_uint(struct loader *l, const xmlNode *n, const char *name, long long dflt,
			 long long max);
int load_attr_pct(struct loader *l, const xmlNode *n, const char *name, int *out);
char *load_node_text(struct loader *l, const xmlNode *n);
const char *load_lang_name(int lang);
void load_get_text(struct loader *l, const xmlNode *parent, const char *name, struct survey_text *x,
		   int required, const char *what);
const char *load_check_id(struct loader *l, const xmlNode *n, const char *attrname,
			  const char *what);
void load_money(long long pence, char *out, size_t outsz);
void load_pct(int bp, char *out, size_t outsz);

/* load_question.c */
int load_qtype_of(const xmlNode *n); /* enum survey_qtype, -1 when not a question */
void load_question(struct loader *l, xmlNode *qn, struct survey_question *q, size_t page_index);

/* load_model.c */
void load_root(struct loader *l, xmlNode *root, const char *path);
void load_meta(struct loader *l, xmlNode *root);
void load_areas(struct loader *l, xmlNode *root);
void load_pages(struct loader *l, xmlNode *root);

/* load_refs.c */
struct survey_cond *load_cond(struct loader *l, const xmlNode *n, const char *src, const char *what,
			      size_t page_index);
void load_refs(struct loader *l, xmlNode *root);

/* load.c: one file with an already parsed schema (set.c loads many). */
int load_with(const char *path, xmlRelaxNGPtr rng, struct survey **out, struct survey_diags *d);
/* The same for bytes already in memory (path names them in messages). */
int load_bytes(const char *path, const unsigned char *bytes, size_t len, xmlRelaxNGPtr rng,
	       struct survey **out, struct survey_diags *d);

#endif
