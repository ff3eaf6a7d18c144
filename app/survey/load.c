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
 *
 * This file runs one load from start to end; its steps live in the files
 * that load_int.h lists.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <sodium.h>

#include "core/alloc.h"
#include "survey/load_int.h"

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
int load_bytes(const char *path, const unsigned char *bytes, size_t len, xmlRelaxNGPtr rng,
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
	load_index_lines(&l);
	if (load_check_utf8(&l) < 0)
		goto done;
	doc = load_parse(&l);
	if (doc == NULL)
		goto done;
	root = xmlDocGetRootElement(doc);
	if (rng != NULL) {
		xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);

		if (vc == NULL)
			abort();
		xmlRelaxNGSetValidStructuredErrors(vc, load_schema_error, &l);
		if (xmlRelaxNGValidateDoc(vc, doc) != 0 && l.nerr == 0) {
			int line, col;

			load_node_pos(&l, root, &line, &col);
			survey_diags_add(d, path, line, col, "does not follow the survey schema");
			l.nerr++;
		}
		xmlRelaxNGFreeValidCtxt(vc);
	} else {
		l.nerr++;
	}
	if (l.nerr > 0 || !load_is_el(root, "survey"))
		goto done;

	s = xcalloc(1, sizeof(*s));
	priv = xcalloc(1, sizeof(*priv));
	arena_init(&priv->arena, 0);
	s->priv = priv;
	l.s = s;
	l.a = &priv->arena;
	s->path = load_adup(&l, path);
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

int load_with(const char *path, xmlRelaxNGPtr rng, struct survey **out, struct survey_diags *d)
{
	struct loader l;
	unsigned char *bytes = NULL;
	size_t len = 0;
	int r;

	*out = NULL;
	memset(&l, 0, sizeof(l));
	l.path = path;
	l.d = d;
	if (load_read_file(&l, &bytes, &len) < 0)
		return -1;
	r = load_bytes(path, bytes, len, rng, out, d);
	free(bytes);
	return r;
}

int survey_load_memory(const char *name, const void *bytes, size_t len, struct survey **out,
		       struct survey_diags *d)
{
	xmlRelaxNGPtr rng = load_schema(d);
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
	xmlRelaxNGPtr rng = load_schema(d);
	int r;

	*out = NULL;
	if (rng == NULL)
		return -1;
	r = load_with(path, rng, out, d);
	xmlRelaxNGFree(rng);
	return r;
}
