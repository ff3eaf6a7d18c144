/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * codecheck: the rules of STYLE.md that the compiler cannot see, checked
 * on the source by `make check` (Fossil's tools/codecheck1.c model). It
 * reads C files with a small tokenizer (comments, strings, character
 * constants and preprocessor lines are understood, so a rule is never
 * fooled by a commented-out call or a word inside a string), and knows in
 * which function each token sits.
 *
 *   codecheck html   ALLOW... -- FILE...   raw writes into HTML (see html_file)
 *   codecheck layers ALLOW... -- FILE...   includes between app/ layers, and
 *                                          loops between the files of app/web/
 *
 * An allow file has one entry a line: a path, a name and a reason ('#'
 * starts a comment). For `html` the name is the function (or `-` for the
 * file's top level) followed by the kind of the violation it permits (raw,
 * i18n, markup, cast); for `layers` it is the include as written, or
 * "calls:FILE" for a call edge between two web files. An entry without a
 * reason is an error. An entry that matched nothing is reported on stderr
 * (a file was rewritten: the entry can go) but does not fail the check.
 *
 * Prints every violation as `file:line: message` and exits 1 when there
 * was one, 2 on a usage or read error, 0 otherwise. Depends on libc only.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codecheck.h"

static struct allow *allows;
static size_t nallows, capallows;
int violations;

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (p == NULL) {
		fputs("codecheck: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *d = xrealloc(NULL, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *d = NULL;
	size_t n = 0, cap = 0, k;

	if (f == NULL)
		return NULL;
	do {
		if (cap - n < 4096) {
			cap = cap * 2 + 8192;
			d = xrealloc(d, cap);
		}
		k = fread(d + n, 1, cap - n - 1, f);
		n += k;
	} while (k > 0);
	fclose(f);
	d[n] = '\0';
	return d;
}

void report(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("%s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	violations++;
}

static void push(struct file *f, enum tok_kind kind, const char *s, size_t len, int line)
{
	if (f->n == f->cap) {
		f->cap = f->cap * 2 + 256;
		f->t = xrealloc(f->t, f->cap * sizeof(*f->t));
	}
	f->t[f->n++] = (struct tok){kind, xstrndup(s, len), line, NULL};
}

/* A preprocessor line: only #include "..." is kept. */
static void directive(struct file *f, const char *p, const char *e, int line)
{
	const char *q;

	p++;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (e - p < 7 || strncmp(p, "include", 7) != 0)
		return;
	p += 7;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= e || *p != '"')
		return;
	q = memchr(p + 1, '"', (size_t)(e - p - 1));
	if (q == NULL)
		return;
	if (f->ninc == f->capinc) {
		f->capinc = f->capinc * 2 + 16;
		f->inc = xrealloc(f->inc, f->capinc * sizeof(*f->inc));
	}
	f->inc[f->ninc++] = (struct include){xstrndup(p + 1, (size_t)(q - p - 1)), line};
}

/* Split src into tokens; 0, or -1 on an unterminated comment or literal. */
static int tokenize(struct file *f, const char *src)
{
	const char *p = src;
	int line = 1, bol = 1;

	while (*p != '\0') {
		if (*p == '\n') {
			line++;
			bol = 1;
			p++;
			continue;
		}
		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		if (bol && *p == '#') {
			const char *s = p;
			int start = line;

			/* to the end of the line, with backslash continuations */
			while (*p != '\0' && *p != '\n') {
				if (*p == '\\' && p[1] == '\n') {
					line++;
					p++;
				} else if (*p == '/' && p[1] == '*') {
					const char *c = strstr(p + 2, "*/");

					if (c == NULL)
						return -1;
					for (; p < c; p++)
						if (*p == '\n')
							line++;
					p++;
				}
				p++;
			}
			directive(f, s, p, start);
			continue;
		}
		bol = 0;
		if (p[0] == '/' && p[1] == '/') {
			while (*p != '\0' && *p != '\n')
				p++;
			continue;
		}
		if (p[0] == '/' && p[1] == '*') {
			const char *c = strstr(p + 2, "*/");

			if (c == NULL)
				return -1;
			for (; p < c; p++)
				if (*p == '\n')
					line++;
			p += 2;
			continue;
		}
		if (*p == '"' || *p == '\'') {
			char q = *p;
			const char *s = ++p;

			while (*p != q) {
				if (*p == '\0' || *p == '\n')
					return -1;
				if (*p == '\\' && p[1] != '\0')
					p++;
				p++;
			}
			push(f, q == '"' ? T_STR : T_CHR, s, (size_t)(p - s), line);
			p++;
			continue;
		}
		if (isalpha((unsigned char)*p) || *p == '_') {
			const char *s = p;

			while (isalnum((unsigned char)*p) || *p == '_')
				p++;
			push(f, T_IDENT, s, (size_t)(p - s), line);
			continue;
		}
		if (isdigit((unsigned char)*p)) {
			const char *s = p;

			while (isalnum((unsigned char)*p) || *p == '_' || *p == '.')
				p++;
			push(f, T_NUM, s, (size_t)(p - s), line);
			continue;
		}
		push(f, T_PUNCT, p, 1, line);
		p++;
	}
	return 0;
}

int is(const struct tok *t, enum tok_kind k, const char *s)
{
	return t->kind == k && strcmp(t->text, s) == 0;
}

/*
 * Give every token the function it sits in: at the top level, the last
 * identifier followed by '(' names what a following '{' opens, unless a
 * ';' or '=' came between (a declaration, an initialiser).
 */
static void mark_functions(struct file *f)
{
	const char *cand = NULL, *func = NULL;
	int depth = 0, paren = 0;

	for (size_t i = 0; i < f->n; i++) {
		struct tok *t = &f->t[i];

		if (depth == 0 && paren == 0) {
			if (t->kind == T_IDENT && i + 1 < f->n && is(&f->t[i + 1], T_PUNCT, "("))
				cand = t->text;
			else if (is(t, T_PUNCT, ";") || is(t, T_PUNCT, "="))
				cand = NULL;
		}
		if (is(t, T_PUNCT, "("))
			paren++;
		else if (is(t, T_PUNCT, ")") && paren > 0)
			paren--;
		else if (is(t, T_PUNCT, "{")) {
			if (depth == 0)
				func = cand;
			depth++;
		} else if (is(t, T_PUNCT, "}") && depth > 0) {
			if (--depth == 0) {
				t->func = func;
				func = cand = NULL;
				continue;
			}
		}
		t->func = depth > 0 ? func : NULL;
	}
}

static int load(struct file *f, const char *path)
{
	char *src = read_all(path);

	memset(f, 0, sizeof(*f));
	f->name = path;
	if (src == NULL) {
		fprintf(stderr, "codecheck: cannot read %s\n", path);
		return -1;
	}
	if (tokenize(f, src) != 0) {
		fprintf(stderr, "codecheck: %s: unterminated comment or literal\n", path);
		free(src);
		return -1;
	}
	free(src);
	mark_functions(f);
	return 0;
}

/* Does path end with suffix at a '/' boundary ("app/render/html.c" ~ "render/html.c")? */
int path_is(const char *path, const char *suffix)
{
	size_t n = strlen(path), k = strlen(suffix);

	return n >= k && strcmp(path + n - k, suffix) == 0 && (n == k || path[n - k - 1] == '/');
}

/* ---- allow lists ---- */

static int load_allow(const char *path, int with_kind)
{
	char *src = read_all(path), *line, *next;
	int lineno = 0, bad = 0;

	if (src == NULL) {
		fprintf(stderr, "codecheck: cannot read %s\n", path);
		return -1;
	}
	for (line = src; line != NULL && *line != '\0'; line = next) {
		char *f[3] = {NULL, NULL, NULL}, *s, *reason;
		int k = 0;

		lineno++;
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		s = strchr(line, '#');
		if (s != NULL)
			*s = '\0';
		s = line;
		while (k < (with_kind ? 3 : 2)) {
			while (*s == ' ' || *s == '\t')
				s++;
			if (*s == '\0')
				break;
			f[k++] = s;
			while (*s != '\0' && *s != ' ' && *s != '\t')
				s++;
			if (*s != '\0')
				*s++ = '\0';
		}
		while (*s == ' ' || *s == '\t')
			s++;
		reason = s;
		if (k == 0)
			continue;
		if (k < (with_kind ? 3 : 2) || *reason == '\0') {
			fprintf(stderr, "%s:%d: an entry is: path name%s reason\n", path, lineno,
				with_kind ? " kind" : "");
			bad = 1;
			continue;
		}
		if (nallows == capallows) {
			capallows = capallows * 2 + 32;
			allows = xrealloc(allows, capallows * sizeof(*allows));
		}
		allows[nallows++] = (struct allow){xstrndup(f[0], strlen(f[0])),
						   xstrndup(f[1], strlen(f[1])),
						   f[2] ? xstrndup(f[2], strlen(f[2])) : NULL,
						   path,
						   lineno,
						   0};
	}
	free(src);
	return bad ? -1 : 0;
}

int allowed(const char *file, const char *name, const char *kind)
{
	int hit = 0;

	for (size_t i = 0; i < nallows; i++) {
		struct allow *a = &allows[i];

		if (path_is(file, a->path) && strcmp(a->name, name) == 0 &&
		    (kind == NULL || (a->kind != NULL && strcmp(a->kind, kind) == 0))) {
			a->used = 1;
			hit = 1;
		}
	}
	return hit;
}

static void report_unused(void)
{
	for (size_t i = 0; i < nallows; i++)
		if (!allows[i].used)
			fprintf(stderr, "%s:%d: note: entry %s %s matched nothing (remove it)\n",
				allows[i].src, allows[i].line, allows[i].path, allows[i].name);
}

/* ---- html ---- */

/* Calls that append bytes as they are. */
static const char *const raw_writers[] = {"buf_puts", "buf_printf", "buf_vprintf", "buf_append",
					  "buf_putc", "buf_int",    NULL};
/* Calls that return a translated string. */
static const char *const translators[] = {
    "_", "N_", "gettext", "ngettext", "dgettext", "dngettext", "pgettext", "npgettext", NULL};

static int in_list(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* A file that writes HTML: it includes the writer or one built on it, or
 * calls the writer (its header may come through another). */
static int html_file(const struct file *f)
{
	for (size_t i = 0; i < f->ninc; i++) {
		const char *p = f->inc[i].path;

		if (strcmp(p, "render/html.h") == 0 || strcmp(p, "render/page.h") == 0 ||
		    strcmp(p, "render/form.h") == 0 || strcmp(p, "render/svg.h") == 0)
			return 1;
	}
	for (size_t i = 0; i + 1 < f->n; i++)
		if (f->t[i].kind == T_IDENT && strncmp(f->t[i].text, "html_", 5) == 0 &&
		    is(&f->t[i + 1], T_PUNCT, "("))
			return 1;
	return 0;
}

/* A string literal that holds markup: '<' then a letter, '/' or '!'. */
static int has_markup(const char *s)
{
	for (; *s != '\0'; s++)
		if (s[0] == '<' && (isalpha((unsigned char)s[1]) || s[1] == '/' || s[1] == '!'))
			return 1;
	return 0;
}

static void flag(const struct file *f, const struct tok *t, const char *kind, const char *fmt,
		 const char *what)
{
	const char *fn = t->func ? t->func : "-";

	if (allowed(f->name, fn, kind))
		return;
	printf("%s:%d: %s%s%s", f->name, t->line, t->func ? "in " : "", t->func ? t->func : "",
	       t->func ? "(): " : "");
	printf(fmt, what);
	printf(" [%s]\n", kind);
	violations++;
}

static void check_html(const struct file *f)
{
	int html = html_file(f);

	/* The writer itself, and the header whose macros call it, are the exception. */
	if (path_is(f->name, "render/html.c") || path_is(f->name, "render/html.h") ||
	    path_is(f->name, "core/buf.c") || path_is(f->name, "core/buf.h"))
		return;
	for (size_t i = 0; i + 1 < f->n; i++) {
		const struct tok *t = &f->t[i];
		size_t end, depth = 0;
		int markup = 0, i18n = 0;

		if (is(t, T_PUNCT, "(") && i + 4 < f->n && is(&f->t[i + 1], T_IDENT, "struct") &&
		    is(&f->t[i + 2], T_IDENT, "buf") && is(&f->t[i + 3], T_PUNCT, "*") &&
		    is(&f->t[i + 4], T_PUNCT, ")") && html)
			flag(f, t, "cast", "%s",
			     "a cast to struct buf * gets round the HTML writer");
		if (t->kind != T_IDENT || !is(&f->t[i + 1], T_PUNCT, "("))
			continue;
		if (strcmp(t->text, "html_raw_literal_") == 0) {
			flag(f, t, "raw", "%s",
			     "html_raw_literal_() called directly: use html_lit() with a literal");
			continue;
		}
		if (!in_list(t->text, raw_writers))
			continue;
		/* the arguments: up to the matching ')' */
		for (end = i + 1; end < f->n; end++) {
			const struct tok *a = &f->t[end];

			if (is(a, T_PUNCT, "("))
				depth++;
			else if (is(a, T_PUNCT, ")") && --depth == 0)
				break;
			else if (a->kind == T_STR && has_markup(a->text))
				markup = 1;
			else if (a->kind == T_IDENT && end + 1 < f->n &&
				 in_list(a->text, translators) && is(&f->t[end + 1], T_PUNCT, "("))
				i18n = 1;
		}
		if (i18n)
			flag(f, t, "i18n",
			     "translated text written raw by %s(): escape it with html_text()",
			     t->text);
		if (markup)
			flag(f, t, "markup", "markup written raw by %s(): use html_lit()", t->text);
		if (html && !i18n && !markup)
			flag(f, t, "raw",
			     "raw write %s() in a file that writes HTML (html_* only, or an "
			     "entry in the exceptions with its reason)",
			     t->text);
	}
}

static void release(struct file *files, size_t nfiles)
{
	for (size_t k = 0; k < nfiles; k++) {
		for (size_t i = 0; i < files[k].n; i++)
			free(files[k].t[i].text);
		for (size_t i = 0; i < files[k].ninc; i++)
			free(files[k].inc[i].path);
		free(files[k].t);
		free(files[k].inc);
	}
	free(files);
	for (size_t i = 0; i < nallows; i++) {
		free(allows[i].path);
		free(allows[i].name);
		free(allows[i].kind);
	}
	free(allows);
	layers_release();
}

int main(int argc, char **argv)
{
	int mode, i, bad = 0;
	struct file *files;
	size_t nfiles = 0;

	if (argc < 3 || (strcmp(argv[1], "html") != 0 && strcmp(argv[1], "layers") != 0)) {
		fputs("usage: codecheck html|layers ALLOW... -- FILE...\n", stderr);
		return 2;
	}
	mode = strcmp(argv[1], "html") == 0;
	for (i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (load_allow(argv[i], mode) != 0)
			bad = 1;
	if (i < argc)
		i++;
	files = xrealloc(NULL, (size_t)(argc + 1) * sizeof(*files));
	for (; i < argc; i++)
		if (load(&files[nfiles++], argv[i]) != 0)
			bad = 1;
	if (bad) {
		release(files, nfiles);
		return 2;
	}
	if (mode)
		for (size_t k = 0; k < nfiles; k++)
			check_html(&files[k]);
	else
		check_layers(files, nfiles);
	report_unused();
	release(files, nfiles);
	return violations ? 1 : 0;
}
