/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * load_tree: helpers that read the parsed tree into the survey's arena:
 * elements, attributes (with their range checks), tidied text in each
 * language, ids, and the money and percentage formats of messages.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "survey/load_int.h"

int load_is_el(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	       strcmp((const char *)n->ns->href, SURVEY_NS) == 0 &&
	       (name == NULL || strcmp((const char *)n->name, name) == 0);
}

xmlNode *load_first_el(const xmlNode *parent, const char *name)
{
	for (xmlNode *c = parent ? parent->children : NULL; c != NULL; c = c->next)
		if (load_is_el(c, name))
			return c;
	return NULL;
}

char *load_adup(struct loader *l, const char *s)
{
	return arena_strdup(l->a, s);
}

/* Attribute value copied into the arena, NULL when absent. */
const char *load_attr(struct loader *l, const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *r;

	if (v == NULL)
		return NULL;
	r = load_adup(l, (const char *)v);
	xmlFree(v);
	return r;
}

int load_attr_bool(struct loader *l, const xmlNode *n, const char *name, int dflt)
{
	const char *v = load_attr(l, n, name);

	if (v == NULL)
		return dflt;
	return strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
}

/* Unsigned attribute (schema-checked digits); dflt when absent, -1 when
 * too large for max (with a diag). */
long long load_attr_uint(struct loader *l, const xmlNode *n, const char *name, long long dflt,
			 long long max)
{
	const char *v = load_attr(l, n, name);
	long long r = 0;

	if (v == NULL)
		return dflt;
	for (const char *p = v; *p; p++) {
		if (*p < '0' || *p > '9' || r > max) {
			load_err_at(l, n, "%s=\"%s\" must be a whole number from 0 to %lld", name,
				    v, max);
			return -1;
		}
		r = r * 10 + (*p - '0');
	}
	if (*v == '\0' || r > max) {
		load_err_at(l, n, "%s=\"%s\" must be a whole number from 0 to %lld", name, v, max);
		return -1;
	}
	return r;
}

/*
 * Text content with whitespace tidied: runs of spaces and single newlines
 * become one space, a blank line separates paragraphs ("\n\n"), ends trimmed.
 */
char *load_node_text(struct loader *l, const xmlNode *n)
{
	xmlChar *raw = xmlNodeGetContent(n);
	const char *p;
	char *out, *o;
	int space = 0, para = 0;

	if (raw == NULL)
		return load_adup(l, "");
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

const char *load_lang_name(int lang)
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
void load_get_text(struct loader *l, const xmlNode *parent, const char *name, struct survey_text *x,
		   int required, const char *what)
{
	int any = 0;

	memset(x, 0, sizeof(*x));
	for (xmlNode *c = parent->children; c != NULL; c = c->next) {
		xmlChar *lv;
		int lang;

		if (!load_is_el(c, name))
			continue;
		lv = xmlNodeGetLang(c);
		if (lv == NULL) {
			load_err_at(l, c, "<%s> of %s has no xml:lang (set it here or on <survey>)",
				    name, what);
			continue;
		}
		lang = survey_lang_parse((const char *)lv);
		if (lang < 0 || !(l->s->langs & (1u << lang))) {
			load_err_at(
			    l, c,
			    "<%s> of %s is in xml:lang=\"%s\", not a language this survey offers",
			    name, what, (const char *)lv);
			xmlFree(lv);
			continue;
		}
		xmlFree(lv);
		if (x->t[lang] != NULL) {
			load_err_at(l, c, "second %s <%s> of %s", load_lang_name(lang), name, what);
			continue;
		}
		x->t[lang] = load_node_text(l, c);
		any = 1;
		if (x->t[lang][0] == '\0')
			load_err_at(l, c, "<%s> of %s is empty", name, what);
	}
	if (!required && !any)
		return;
	for (int lang = 0; lang < LANG_N; lang++)
		if ((l->s->langs & (1u << lang)) && x->t[lang] == NULL)
			load_err_at(l, parent, "%s has no %s (%s) <%s>", what, load_lang_name(lang),
				    survey_lang_code((enum yv_lang)lang), name);
}

const char *load_check_id(struct loader *l, const xmlNode *n, const char *attrname,
			  const char *what)
{
	const char *v = load_attr(l, n, attrname);

	if (v == NULL) {
		load_err_at(l, n, "%s has no %s", what, attrname);
		return "";
	}
	if (!survey_id_valid(v, strlen(v)))
		load_err_at(
		    l, n,
		    "%s %s=\"%s\" must be 1 to 63 of a-z, 0-9 and '-', starting with a letter "
		    "or digit",
		    what, attrname, v);
	return v;
}

/* Format pence as pounds with thousands separators: "£3,200,000" (pence
 * shown only when there are some). */
void load_money(long long pence, char *out, size_t outsz)
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
void load_pct(int bp, char *out, size_t outsz)
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
int load_attr_pct(struct loader *l, const xmlNode *n, const char *name, int *out)
{
	const char *v = load_attr(l, n, name);

	*out = 0;
	if (v == NULL)
		return -1;
	if (survey_parse_hundredths(v, out) < 0 || *out < -100000 || *out > 100000) {
		load_err_at(l, n, "%s=\"%s\" must be a percentage with at most two decimal places",
			    name, v);
		*out = 0;
		return -1;
	}
	return 0;
}
