/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cond: show-if conditions as XPath 1.0 (libxml2). Compiled once at load;
 * evaluated against a small answers document built for each evaluation,
 * with the function answer('qid') giving the values of one question. See
 * cond.h for the document and answer.h for the syntax officers write.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "core/alloc.h"
#include "survey/answer.h"
#include "survey/cond.h"

#define COND_MAX 2000 /* characters in one expression */

/* Collects the first libxml2 error raised while compiling or evaluating. */
struct err_sink {
	char *buf;
	size_t sz;
	int seen;
};

static void sink_error(void *ctx, xmlErrorPtr err)
{
	struct err_sink *e = ctx;
	size_t n;

	if (e->seen || e->buf == NULL || e->sz == 0)
		return;
	e->seen = 1;
	snprintf(e->buf, e->sz, "%s", err->message ? err->message : "XPath error");
	n = strlen(e->buf);
	while (n > 0 && (e->buf[n - 1] == '\n' || e->buf[n - 1] == ' '))
		e->buf[--n] = '\0';
}

/* Route libxml2's errors to e until sink_end(). */
struct sink_saved {
	xmlStructuredErrorFunc fn;
	void *ctx;
	xmlGenericErrorFunc gfn;
	void *gctx;
};

/* Some XPath errors (an unknown function) are also printed through the
 * generic handler: silence it, the structured one says the same. */
static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static struct sink_saved sink_begin(struct err_sink *e)
{
	struct sink_saved s = {xmlStructuredError, xmlStructuredErrorContext, xmlGenericError,
			       xmlGenericErrorContext};

	xmlSetStructuredErrorFunc(e, sink_error);
	xmlSetGenericErrorFunc(NULL, quiet);
	return s;
}

static void sink_end(struct sink_saved s)
{
	xmlSetStructuredErrorFunc(s.ctx, s.fn);
	xmlSetGenericErrorFunc(s.gctx, s.gfn);
}

struct survey_cond *survey_cond_compile(const char *expr, char *err, size_t errsz)
{
	struct err_sink e = {err, errsz, 0};
	struct sink_saved saved;
	xmlXPathCompExprPtr comp;
	struct survey_cond *c;

	if (err != NULL && errsz > 0)
		err[0] = '\0';
	if (strlen(expr) > COND_MAX) {
		snprintf(err, errsz, "longer than %d characters", COND_MAX);
		return NULL;
	}
	saved = sink_begin(&e);
	comp = xmlXPathCompile((const xmlChar *)expr);
	sink_end(saved);
	if (comp == NULL) {
		if (err != NULL && errsz > 0 && err[0] == '\0')
			snprintf(err, errsz, "not an XPath 1.0 expression");
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->src = xstrdup(expr);
	c->comp = comp;
	return c;
}

void survey_cond_free(struct survey_cond *c)
{
	if (c == NULL)
		return;
	xmlXPathFreeCompExpr(c->comp);
	free(c->src);
	free(c);
}

const char *survey_cond_source(const struct survey_cond *c)
{
	return c ? c->src : "";
}

static int name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == ':';
}

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

int survey_cond_refs(const char *expr, int (*fn)(void *ctx, const struct survey_cond_ref *ref),
		     void *ctx)
{
	const char *p = expr;
	struct survey_cond_ref ref;

	while (*p) {
		if (*p == '\'' || *p == '"') {
			const char *q = strchr(p + 1, *p);

			if (q == NULL)
				return 0; /* the compiler reports it */
			p = q + 1;
			continue;
		}
		if (strncmp(p, "answer", 6) == 0 && (p == expr || !name_char(p[-1])) &&
		    !name_char(p[6])) {
			const char *q = skip_ws(p + 6), *id, *close;
			char quote;
			int r;

			if (*q != '(') {
				p += 6;
				continue;
			}
			q = skip_ws(q + 1);
			quote = *q;
			if (quote != '\'' && quote != '"')
				return -1;
			id = q + 1;
			close = strchr(id, quote);
			if (close == NULL)
				return -1;
			q = skip_ws(close + 1);
			if (*q != ')')
				return -1;
			ref.qid = id;
			ref.qid_len = (size_t)(close - id);
			ref.value = NULL;
			ref.value_len = 0;
			p = q + 1;
			/* answer('q') = 'v' or != 'v' */
			q = skip_ws(p);
			if (*q == '!')
				q++;
			if (*q == '=') {
				q = skip_ws(q + 1);
				if (*q == '\'' || *q == '"') {
					const char *end = strchr(q + 1, *q);

					if (end != NULL) {
						ref.value = q + 1;
						ref.value_len = (size_t)(end - q - 1);
					}
				}
			}
			r = fn(ctx, &ref);
			if (r != 0)
				return r;
			continue;
		}
		p++;
	}
	return 0;
}

/* answer('qid'): the <v> children of <a q="qid"> in the answers document. */
static void xp_answer(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *id;
	xmlNodeSetPtr set;
	xmlNodePtr root;

	CHECK_ARITY(1);
	id = xmlXPathPopString(ctxt);
	if (id == NULL)
		return;
	set = xmlXPathNodeSetCreate(NULL);
	root = xmlDocGetRootElement(ctxt->context->doc);
	for (xmlNodePtr a = root ? root->children : NULL; a != NULL; a = a->next) {
		xmlChar *q = xmlGetProp(a, (const xmlChar *)"q");
		int match = q != NULL && xmlStrEqual(q, id);

		xmlFree(q);
		if (!match)
			continue;
		for (xmlNodePtr v = a->children; v != NULL; v = v->next)
			xmlXPathNodeSetAdd(set, v);
	}
	xmlFree(id);
	valuePush(ctxt, xmlXPathWrapNodeSet(set));
}

static xmlDocPtr answers_doc(const struct survey_answers *a)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, (const xmlChar *)"answers", NULL);

	xmlDocSetRootElement(doc, root);
	for (size_t i = 0; a != NULL && i < a->n; i++) {
		xmlNodePtr an;

		if (a->v[i].qid == NULL)
			continue;
		an = xmlNewChild(root, NULL, (const xmlChar *)"a", NULL);
		xmlSetProp(an, (const xmlChar *)"q", (const xmlChar *)a->v[i].qid);
		for (size_t k = 0; k < a->v[i].n; k++) {
			xmlNodePtr v;

			if (a->v[i].values[k] == NULL || a->v[i].values[k][0] == '\0')
				continue;
			v = xmlNewChild(an, NULL, (const xmlChar *)"v", NULL);
			xmlAddChild(v, xmlNewDocText(doc, (const xmlChar *)a->v[i].values[k]));
		}
	}
	return doc;
}

/*
 * One XPath context for the process, made on first use: a new context
 * registers every XPath function in a fresh hash table, which cost more
 * than the evaluation itself on every page a resident sees. Each
 * evaluation points it at that evaluation's answers document.
 */
static xmlXPathContextPtr eval_context(xmlDocPtr doc)
{
	static xmlXPathContextPtr ctx;

	if (ctx == NULL) {
		ctx = xmlXPathNewContext(NULL);
		if (ctx == NULL)
			abort();
		xmlXPathRegisterFunc(ctx, (const xmlChar *)"answer", xp_answer);
	}
	ctx->doc = doc;
	ctx->node = xmlDocGetRootElement(doc);
	ctx->contextSize = -1;
	ctx->proximityPosition = -1;
	return ctx;
}

int survey_cond_eval_err(const struct survey_cond *c, const struct survey_answers *a, char *err,
			 size_t errsz)
{
	struct err_sink e = {err, errsz, 0};
	struct sink_saved saved;
	xmlDocPtr doc;
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr res;
	int r;

	if (c == NULL)
		return 1;
	if (err != NULL && errsz > 0)
		err[0] = '\0';
	doc = answers_doc(a);
	ctx = eval_context(doc);
	saved = sink_begin(&e);
	res = xmlXPathCompiledEval(c->comp, ctx);
	sink_end(saved);
	if (res == NULL) {
		if (err != NULL && errsz > 0 && err[0] == '\0')
			snprintf(err, errsz, "evaluation failed");
		r = -1;
	} else {
		r = xmlXPathCastToBoolean(res) ? 1 : 0;
	}
	xmlXPathFreeObject(res);
	ctx->doc = NULL;
	ctx->node = NULL;
	xmlFreeDoc(doc);
	return r;
}

int survey_cond_eval(const struct survey_cond *c, const struct survey_answers *a)
{
	return survey_cond_eval_err(c, a, NULL, 0) != 0;
}

int survey_page_shown(const struct survey_page *p, const struct survey_answers *a)
{
	return p == NULL || survey_cond_eval(p->cond, a);
}

struct undecided_ctx {
	const struct survey *s;
	size_t from;
};

/* Non-zero when ref names a question on a page at or after ctx->from. */
static int ref_undecided(void *vctx, const struct survey_cond_ref *ref)
{
	const struct undecided_ctx *ctx = vctx;

	for (size_t p = ctx->from; p < ctx->s->npages; p++)
		for (size_t k = 0; k < ctx->s->pages[p].nquestions; k++) {
			const char *id = ctx->s->pages[p].questions[k].id;

			if (strlen(id) == ref->qid_len && memcmp(id, ref->qid, ref->qid_len) == 0)
				return 1;
		}
	return 0;
}

int survey_page_may_show(const struct survey *s, size_t i, size_t from,
			 const struct survey_answers *a)
{
	struct undecided_ctx ctx = {s, from};
	const struct survey_page *p;

	if (i >= s->npages)
		return 0;
	p = &s->pages[i];
	if (p->cond == NULL || survey_page_shown(p, a))
		return 1;
	/* a condition that cannot be read counts as undecided: never undercount */
	if (p->show_if == NULL || survey_cond_refs(p->show_if, ref_undecided, &ctx) != 0)
		return 2;
	return 0;
}

int survey_question_shown(const struct survey *s, const struct survey_question *q,
			  const struct survey_answers *a)
{
	if (q == NULL)
		return 0;
	if (s != NULL && q->page_index < s->npages &&
	    !survey_page_shown(&s->pages[q->page_index], a))
		return 0;
	return survey_cond_eval(q->cond, a);
}

size_t survey_answers_filter(const struct survey *s, const struct survey_answers *a,
			     unsigned char *keep)
{
	struct survey_answer *kept;
	struct survey_answers sofar;
	size_t nkept = 0;

	if (a == NULL || a->n == 0)
		return 0;
	memset(keep, 0, a->n);
	kept = xcalloc(a->n, sizeof(*kept));
	sofar.v = kept;
	for (size_t pi = 0; pi < s->npages; pi++) {
		const struct survey_page *p = &s->pages[pi];
		size_t page_start = nkept;

		/* conditions name only earlier pages: decide on those answers */
		sofar.n = page_start;
		if (!survey_cond_eval(p->cond, &sofar))
			continue;
		for (size_t qi = 0; qi < p->nquestions; qi++) {
			const struct survey_question *q = &p->questions[qi];

			if (!survey_cond_eval(q->cond, &sofar))
				continue;
			for (size_t i = 0; i < a->n; i++)
				if (!keep[i] && a->v[i].qid != NULL &&
				    strcmp(a->v[i].qid, q->id) == 0) {
					keep[i] = 1;
					kept[nkept++] = a->v[i];
				}
		}
	}
	free(kept);
	return nkept;
}

size_t survey_next_page(const struct survey *s, size_t from, const struct survey_answers *a)
{
	struct survey_answer *v = NULL;
	struct survey_answers f = {NULL, 0};
	unsigned char *keep = NULL;
	size_t i;

	if (a != NULL && a->n > 0) {
		keep = xmalloc(a->n);
		v = xcalloc(a->n, sizeof(*v));
		survey_answers_filter(s, a, keep);
		for (i = 0; i < a->n; i++)
			if (keep[i])
				v[f.n++] = a->v[i];
		f.v = v;
	}
	for (i = from; i < s->npages; i++)
		if (survey_page_shown(&s->pages[i], &f))
			break;
	free(keep);
	free(v);
	return i;
}
