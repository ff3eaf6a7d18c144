/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * codecheck layers: includes between the directories of app/ follow the
 * layers, and no file of app/web/ depends on one that depends on it back
 * (see codecheck.c). Uses libc only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codecheck.h"

struct layer {
	const char *dir;
	int rank;
	const char *name;
};

/* core <- survey, text, geo, store <- results, render <- web <- serve/cmd */
static const struct layer layers[] = {
    {"core", 0, "core"},     {"survey", 1, "domain"}, {"text", 1, "domain"},
    {"geo", 1, "domain"},    {"store", 1, "storage"}, {"results", 2, "results/render"},
    {"render", 2, "render"}, {"web", 3, "web"},	      {"cmd", 4, "entry"},
    {"", 4, "entry"}, /* app/main.c, app/serve.c and the other top-level files */
};

/* The directory of a file under app/ ("" at the top), or NULL outside app/. */
static const char *app_dir(const char *path, char *out, size_t outlen)
{
	const char *p = strstr(path, "app/"), *s;

	while (p != NULL && p != path && p[-1] != '/')
		p = strstr(p + 1, "app/");
	if (p == NULL)
		return NULL;
	p += 4;
	s = strchr(p, '/');
	if (s == NULL || (size_t)(s - p) >= outlen) {
		out[0] = '\0';
		return out;
	}
	memcpy(out, p, (size_t)(s - p));
	out[s - p] = '\0';
	return out;
}

static const struct layer *layer_of(const char *dir)
{
	for (size_t i = 0; i < sizeof(layers) / sizeof(layers[0]); i++)
		if (strcmp(layers[i].dir, dir) == 0)
			return &layers[i];
	return NULL;
}

/* The web file graph: a node per stem (x.c and x.h are one node), and a
 * page family split into files that share a private header (x.c, x_page.c,
 * x_int.h...) is one node too: the stem stops at the first '_'. */
struct node {
	char stem[64];
	const struct file *src[2]; /* x.c, x.h */
	int color;
};

static struct node *nodes;
static size_t nnodes;
static unsigned char *edge; /* nnodes x nnodes: 1 include, 2 call */
static int *edge_line;
static const char **edge_what; /* the include or the function that makes the edge */

static int node_of(const char *stem)
{
	for (size_t i = 0; i < nnodes; i++)
		if (strcmp(nodes[i].stem, stem) == 0)
			return (int)i;
	return -1;
}

static void stem_of(const char *path, char *out, size_t outlen)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b ? b + 1 : path;
	n = strcspn(b, "._");
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, b, n);
	out[n] = '\0';
}

static int stack[256], nstack;

static void dfs(int v)
{
	nodes[v].color = 1;
	stack[nstack++] = v;
	for (size_t w = 0; w < nnodes; w++) {
		if (!edge[(size_t)v * nnodes + w])
			continue;
		if (nodes[w].color == 1) {
			int k = nstack - 1;
			const struct node *from = &nodes[v];
			const struct file *ff = from->src[0] ? from->src[0] : from->src[1];

			while (k > 0 && stack[k] != (int)w)
				k--;
			printf("%s:%d: loop between files of app/web/: ", ff->name,
			       edge_line[(size_t)v * nnodes + w]);
			for (int j = k; j < nstack; j++)
				printf("%s -> ", nodes[stack[j]].stem);
			printf("%s (%s %s closes it)\n", nodes[w].stem,
			       edge[(size_t)v * nnodes + w] == 1 ? "include of" : "call to",
			       edge_what[(size_t)v * nnodes + w]);
			violations++;
		} else if (nodes[w].color == 0 && nstack < 255) {
			dfs((int)w);
		}
	}
	nstack--;
	nodes[v].color = 2;
}

static void add_edge(int from, int to, int kind, int line, const char *what)
{
	size_t k = (size_t)from * nnodes + (size_t)to;

	if (from == to || edge[k])
		return;
	edge[k] = (unsigned char)kind;
	edge_line[k] = line;
	edge_what[k] = what;
}

static void web_loops(struct file *files, size_t nfiles)
{
	char dir[64], stem[64], key[128];

	nodes = xrealloc(NULL, (nfiles + 1) * sizeof(*nodes));
	for (size_t i = 0; i < nfiles; i++) {
		int v;
		size_t len = strlen(files[i].name);

		if (app_dir(files[i].name, dir, sizeof(dir)) == NULL || strcmp(dir, "web") != 0)
			continue;
		stem_of(files[i].name, stem, sizeof(stem));
		v = node_of(stem);
		if (v < 0) {
			v = (int)nnodes++;
			memset(&nodes[v], 0, sizeof(nodes[v]));
			memcpy(nodes[v].stem, stem, strlen(stem) + 1);
		}
		nodes[v].src[files[i].name[len - 1] == 'h'] = &files[i];
	}
	edge = xrealloc(NULL, nnodes * nnodes + 1);
	memset(edge, 0, nnodes * nnodes + 1);
	edge_line = xrealloc(NULL, (nnodes * nnodes + 1) * sizeof(*edge_line));
	edge_what = xrealloc(NULL, (nnodes * nnodes + 1) * sizeof(*edge_what));
	/* include edges */
	for (size_t v = 0; v < nnodes; v++)
		for (int s = 0; s < 2; s++) {
			const struct file *f = nodes[v].src[s];

			for (size_t i = 0; f != NULL && i < f->ninc; i++) {
				const char *p = f->inc[i].path;
				int w;

				if (strncmp(p, "web/", 4) != 0 && strchr(p, '/') != NULL)
					continue;
				stem_of(p, stem, sizeof(stem));
				w = node_of(stem);
				if (w < 0 || allowed(f->name, p, NULL))
					continue;
				add_edge((int)v, w, 1, f->inc[i].line, p);
			}
		}
	/* call edges: a .c calls a function defined (not static) in another .c */
	for (size_t w = 0; w < nnodes; w++) {
		const struct file *def = nodes[w].src[0];

		if (def == NULL || def->name[strlen(def->name) - 1] != 'c')
			continue;
		for (size_t i = 0; i + 1 < def->n; i++) {
			const struct tok *t = &def->t[i];
			int stat = 0;

			/* a definition: the identifier its function is named after, at the top
			 * level */
			if (t->func != NULL || t->kind != T_IDENT ||
			    !is(&def->t[i + 1], T_PUNCT, "("))
				continue;
			for (size_t j = i + 2; j < def->n; j++) {
				if (is(&def->t[j], T_PUNCT, ";"))
					break;
				if (is(&def->t[j], T_PUNCT, "{")) {
					stat = -1;
					break;
				}
			}
			if (stat != -1)
				continue; /* a prototype */
			for (size_t j = i; j-- > 0;) {
				if (is(&def->t[j], T_PUNCT, ";") || is(&def->t[j], T_PUNCT, "}"))
					break;
				if (is(&def->t[j], T_IDENT, "static"))
					stat = 1;
			}
			if (stat == 1)
				continue;
			for (size_t v = 0; v < nnodes; v++) {
				const struct file *use = nodes[v].src[0];

				if (v == w || use == NULL ||
				    use->name[strlen(use->name) - 1] != 'c')
					continue;
				for (size_t k = 0; k + 1 < use->n; k++) {
					if (use->t[k].func == NULL || use->t[k].kind != T_IDENT ||
					    strcmp(use->t[k].text, t->text) != 0)
						continue;
					snprintf(key, sizeof(key), "calls:%s", nodes[w].stem);
					if (!allowed(use->name, key, NULL))
						add_edge((int)v, (int)w, 2, use->t[k].line,
							 t->text);
					break;
				}
			}
		}
	}
	for (size_t v = 0; v < nnodes; v++)
		if (nodes[v].color == 0)
			dfs((int)v);
}

/*
 * The directory an include without a '/' names: the including file's own
 * when the header is beside it, the top of app/ ("") when it is there
 * (app/cli.h), else NULL (a generated header such as assets.h).
 */
static const char *bare_include_dir(const char *file, const char *inc, const char *own)
{
	char path[4096];
	const char *slash = strrchr(file, '/'), *app = strstr(file, "app/");

	while (app != NULL && app != file && app[-1] != '/')
		app = strstr(app + 1, "app/");
	if (slash == NULL || app == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%.*s/%s", (int)(slash - file), file, inc);
	if (access(path, F_OK) == 0)
		return own;
	snprintf(path, sizeof(path), "%.*s%s", (int)(app + 4 - file), file, inc);
	if (access(path, F_OK) == 0)
		return "";
	return NULL;
}

void check_layers(struct file *files, size_t nfiles)
{
	char sd[64], td[64];

	for (size_t i = 0; i < nfiles; i++) {
		const struct file *f = &files[i];
		const struct layer *from;

		if (app_dir(f->name, sd, sizeof(sd)) == NULL || (from = layer_of(sd)) == NULL)
			continue;
		for (size_t k = 0; k < f->ninc; k++) {
			const char *p = f->inc[k].path, *slash = strchr(p, '/');
			const struct layer *to;

			if (slash == NULL) {
				const char *d = bare_include_dir(f->name, p, sd);

				if (d == NULL)
					continue;
				memcpy(td, d, strlen(d) + 1);
			} else if ((size_t)(slash - p) < sizeof(td)) {
				memcpy(td, p, (size_t)(slash - p));
				td[slash - p] = '\0';
			} else {
				continue;
			}
			to = layer_of(td);
			/* cmd/ and the top-level files are one layer, the entry */
			if (to == NULL || strcmp(td, sd) == 0 || to->rank < from->rank ||
			    (strcmp(to->name, "entry") == 0 && strcmp(from->name, "entry") == 0))
				continue;
			if (allowed(f->name, p, NULL))
				continue;
			report(f->name, f->inc[k].line, "includes %s (layer %s may not use %s)", p,
			       sd[0] ? sd : "app", td[0] ? td : "app");
		}
	}
	web_loops(files, nfiles);
}

void layers_release(void)
{
	free(nodes);
	free(edge);
	free(edge_line);
	free(edge_what);
}
