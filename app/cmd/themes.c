/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * text/cli: the `themes` and `redact` subcommands. Both read JSON lines
 * ({"id", "text", "area"}) from standard input with bounded line length and
 * line count; invalid lines are reported on stderr with their number and
 * skipped. `themes` writes one JSON summary (themes.h); `redact` writes each
 * valid line back with only its "text" value rewritten (redact.h).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "text/map.h"
#include "text/redact.h"
#include "text/themes.h"

#define LINE_MAX_BYTES (1024 * 1024) /* a long answer is kept (its quotes are cut) */
#define LINES_MAX 2000000
#define INPUT_MAX_BYTES (512UL * 1024 * 1024) /* all lines together */
#define FIELD_MAX_BYTES 1024		      /* id and area */

/*
 * Read one line into b (without the newline). Returns 1 for a line, 0 at
 * end of input, 2 for a line longer than the buffer's maximum (the rest of
 * it is consumed and dropped).
 */
static int read_line(FILE *f, struct buf *b)
{
	int ch, any = 0;

	buf_reset(b);
	for (;;) {
		ch = getc_unlocked(f);
		if (ch == EOF)
			break;
		any = 1;
		if (ch == '\n')
			break;
		if (b->overflow)
			continue;
		(void)buf_putc(b, (char)ch);
	}
	if (!any)
		return 0;
	if (b->len > 0 && b->data[b->len - 1] == '\r')
		b->data[--b->len] = '\0';
	return b->overflow ? 2 : 1;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* ---- themes ---------------------------------------------------------------- */

static void themes_usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: yourvoice themes [options] < answers.jsonl > summary.json\n"
	    "\n"
	    "Summarise free-text answers (one {\"id\", \"text\", \"area\"} JSON object a line)\n"
	    "into themes with labels, counts, redacted quotes and per-area shares.\n"
	    "\n"
	    "  --lang en|cy|auto  language of the answers (default auto, per answer)\n"
	    "  --themes K         number of themes, 1-%d (default: chosen from the data, 5-15)\n"
	    "  --seed N           random seed (default 1); same input and seed, same output\n"
	    "  --quotes N         quotes per theme, 0-20 (default 3)\n"
	    "  --min-group N      areas with fewer answers are suppressed (default 10)\n"
	    "  --data DIR         linguistic data (stop words, Welsh dictionary)\n"
	    "  --method M         auto (default: NMF, refined for short answers) or gsdmm\n"
	    "  --help             this text\n"
	    "\n"
	    "Limits: lines up to %d bytes, at most %d lines, %lu MiB in all.\n",
	    THEMES_MAX_K, LINE_MAX_BYTES, LINES_MAX, INPUT_MAX_BYTES >> 20);
}

enum {
	OPT_LANG = 1,
	OPT_THEMES,
	OPT_SEED,
	OPT_QUOTES,
	OPT_MIN_GROUP,
	OPT_DATA,
	OPT_METHOD,
	OPT_HELP
};

static const struct option themes_longopts[] = {
    {"lang", required_argument, NULL, OPT_LANG},
    {"themes", required_argument, NULL, OPT_THEMES},
    {"seed", required_argument, NULL, OPT_SEED},
    {"quotes", required_argument, NULL, OPT_QUOTES},
    {"min-group", required_argument, NULL, OPT_MIN_GROUP},
    {"data", required_argument, NULL, OPT_DATA},
    {"method", required_argument, NULL, OPT_METHOD},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

/* Validate one input line into an answer; -1 with a reason when invalid. */
static int parse_answer(const char *line, struct themes_answer *out, const char **why)
{
	json_error_t err;
	json_t *o = json_loads(line, JSON_REJECT_DUPLICATES, &err), *id, *text, *area;
	char num[32];

	*why = NULL;
	if (o == NULL) {
		*why = "not valid JSON";
		return -1;
	}
	if (!json_is_object(o)) {
		*why = "not a JSON object";
		goto bad;
	}
	id = json_object_get(o, "id");
	text = json_object_get(o, "text");
	area = json_object_get(o, "area");
	if (json_is_integer(id)) {
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(id));
		out->id = xstrdup(num);
	} else if (json_is_string(id) && json_string_length(id) > 0 &&
		   json_string_length(id) <= FIELD_MAX_BYTES) {
		out->id = xstrdup(json_string_value(id));
	} else {
		*why = "\"id\" missing, empty, too long or not a string";
		goto bad;
	}
	if (!json_is_string(text) || strlen(json_string_value(text)) != json_string_length(text)) {
		*why = "\"text\" missing or not a string";
		free(out->id);
		goto bad;
	}
	if (area != NULL && !json_is_null(area) &&
	    (!json_is_string(area) || json_string_length(area) > FIELD_MAX_BYTES ||
	     strlen(json_string_value(area)) != json_string_length(area))) {
		*why = "\"area\" is not a string";
		free(out->id);
		goto bad;
	}
	out->text = xstrdup(json_string_value(text));
	out->area = json_is_string(area) ? xstrdup(json_string_value(area)) : NULL;
	json_decref(o);
	return 0;
bad:
	json_decref(o);
	return -1;
}

/* Windows-1252 bytes to UTF-8 (into out, capped, NUL-terminated): the
 * encoding of text exported from older office software. */
static int cp1252_to_utf8(const char *s, size_t n, struct buf *out)
{
	buf_reset(out);
	if (utf8_from_cp1252(s, n, out) < 0)
		return -1;
	return buf_putc(out, '\0') < 0 ? -1 : 0;
}

/* A line that is not UTF-8, read as Windows-1252 rather than lost (with a
 * warning naming the line): 0, or -1 when it is too long once decoded. */
static int as_cp1252(struct buf *line, struct buf *conv, size_t lineno)
{
	if (cp1252_to_utf8(line->data, line->len, conv) < 0) {
		fprintf(stderr, "yourvoice themes: line %zu: too long once decoded, skipped\n",
			lineno);
		return -1;
	}
	fprintf(stderr, "yourvoice themes: line %zu: not valid UTF-8, read as Windows-1252\n",
		lineno);
	buf_reset(line);
	if (buf_append(line, conv->data, conv->len - 1) < 0 || buf_putc(line, '\0') < 0) {
		fprintf(stderr, "yourvoice themes: line %zu: longer than %d bytes, skipped\n",
			lineno, LINE_MAX_BYTES);
		return -1;
	}
	line->len--;
	return 0;
}

/* The options of `yourvoice themes` into o: -1 to go on, else the exit
 * status (0 after --help, 2 for a bad option, with its message). */
static int themes_options(int argc, char **argv, struct themes_opts *o)
{
	int opt;
	long v;

	themes_opts_default(o);
	optind = 1;
	for (;;) {
		opt = getopt_long(argc, argv, "", themes_longopts, NULL);
		if (opt == -1)
			break;
		switch (opt) {
		case OPT_LANG:
			if (strcmp(optarg, "en") == 0)
				o->lang = TEXT_LANG_EN;
			else if (strcmp(optarg, "cy") == 0)
				o->lang = TEXT_LANG_CY;
			else if (strcmp(optarg, "auto") == 0)
				o->lang = -1;
			else {
				fprintf(stderr,
					"yourvoice themes: --lang must be en, cy or auto\n");
				return 2;
			}
			break;
		case OPT_THEMES:
			if (parse_int(optarg, 1, THEMES_MAX_K, &v) < 0) {
				fprintf(stderr, "yourvoice themes: --themes must be 1 to %d\n",
					THEMES_MAX_K);
				return 2;
			}
			o->k = (int)v;
			break;
		case OPT_SEED:
			if (parse_int(optarg, 0, 2147483647L, &v) < 0) {
				fprintf(
				    stderr,
				    "yourvoice themes: --seed must be a number 0 to 2147483647\n");
				return 2;
			}
			o->seed = (uint64_t)v;
			break;
		case OPT_QUOTES:
			if (parse_int(optarg, 0, 20, &v) < 0) {
				fprintf(stderr, "yourvoice themes: --quotes must be 0 to 20\n");
				return 2;
			}
			o->quotes = (int)v;
			break;
		case OPT_MIN_GROUP:
			if (parse_int(optarg, 0, 1000000, &v) < 0) {
				fprintf(stderr,
					"yourvoice themes: --min-group must be 0 to 1000000\n");
				return 2;
			}
			o->min_group = (int)v;
			break;
		case OPT_DATA:
			o->data_dir = optarg;
			break;
		case OPT_METHOD:
			if (strcmp(optarg, "auto") == 0)
				o->method = THEMES_METHOD_AUTO;
			else if (strcmp(optarg, "gsdmm") == 0)
				o->method = THEMES_METHOD_GSDMM;
			else {
				fprintf(stderr,
					"yourvoice themes: --method must be auto or gsdmm\n");
				return 2;
			}
			break;
		case OPT_HELP:
			themes_usage(stdout);
			return 0;
		default:
			themes_usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "yourvoice themes: unexpected argument '%s'\n", argv[optind]);
		return 2;
	}

	return -1;
}

int cmd_themes(int argc, char **argv)
{
	struct themes_opts o;
	struct themes_answer *ans = NULL;
	size_t n = 0, cap = 0, skipped = 0, lineno = 0, total = 0;
	struct buf line, conv;
	struct text_map ids;
	json_t *out;
	int rc = 1, r;

	rc = themes_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	rc = 1;
	buf_init(&line, LINE_MAX_BYTES);
	buf_init(&conv, 3 * LINE_MAX_BYTES + 1);
	text_map_init(&ids);
	for (;;) {
		const char *why;
		int added;

		r = read_line(stdin, &line);
		if (r == 0)
			break;
		lineno++;
		if (lineno > LINES_MAX) {
			fprintf(stderr, "yourvoice themes: more than %d lines; split the input\n",
				LINES_MAX);
			goto done;
		}
		if (r == 2) {
			fprintf(stderr,
				"yourvoice themes: line %zu: longer than %d bytes, skipped\n",
				lineno, LINE_MAX_BYTES);
			skipped++;
			continue;
		}
		if (line.len == 0 || strspn(line.data, " \t") == line.len)
			continue; /* blank lines are not answers */
		total += line.len;
		if (total > INPUT_MAX_BYTES) {
			fprintf(stderr, "yourvoice themes: input larger than %lu MiB; split it\n",
				INPUT_MAX_BYTES >> 20);
			goto done;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			ans = xrealloc(ans, cap * sizeof(*ans));
		}
		if (!utf8_valid(line.data, line.len, NULL) && as_cp1252(&line, &conv, lineno) < 0) {
			skipped++;
			continue;
		}
		if (parse_answer(line.data, &ans[n], &why) < 0) {
			fprintf(stderr, "yourvoice themes: line %zu: %s, skipped\n", lineno, why);
			skipped++;
			continue;
		}
		(void)text_map_intern(&ids, ans[n].id, strlen(ans[n].id), &added);
		if (!added) {
			fprintf(stderr,
				"yourvoice themes: line %zu: id \"%s\" seen before, skipped\n",
				lineno, ans[n].id);
			free(ans[n].id);
			free(ans[n].text);
			free(ans[n].area);
			skipped++;
			continue;
		}
		n++;
	}
	if (ferror(stdin)) {
		fprintf(stderr, "yourvoice themes: reading input: %s\n", strerror(errno));
		goto done;
	}
	out = themes_summarise(ans, n, skipped, &o);
	if (out == NULL) {
		fprintf(stderr,
			"yourvoice themes: could not load the linguistic data (see --data)\n");
		goto done;
	}
	if (json_dumpf(out, stdout, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10)) < 0 ||
	    fputc('\n', stdout) == EOF || fflush(stdout) != 0) {
		fprintf(stderr, "yourvoice themes: writing output failed\n");
		json_decref(out);
		goto done;
	}
	json_decref(out);
	rc = 0;
done:
	for (size_t i = 0; i < n; i++) {
		free(ans[i].id);
		free(ans[i].text);
		free(ans[i].area);
	}
	free(ans);
	text_map_release(&ids);
	buf_release(&line);
	buf_release(&conv);
	return rc;
}

/* ---- redact ---------------------------------------------------------------- */

/* Skip one JSON value starting at s[i] (whitespace already skipped) in a
 * line jansson has accepted; returns the index just past it. */
static size_t skip_value(const char *s, size_t n, size_t i)
{
	int depth = 0;

	do {
		if (i >= n)
			return n;
		if (s[i] == '"') {
			i++;
			while (i < n && s[i] != '"')
				i += s[i] == '\\' ? 2 : 1;
			i++;
		} else if (s[i] == '{' || s[i] == '[') {
			depth++;
			i++;
		} else if (s[i] == '}' || s[i] == ']') {
			depth--;
			i++;
		} else if (depth == 0) {
			while (i < n && strchr(",}] \t\r\n", s[i]) == NULL)
				i++;
		} else {
			i++;
		}
	} while (depth > 0);
	return i;
}

static size_t skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && strchr(" \t\r\n", s[i]) != NULL)
		i++;
	return i;
}

/*
 * Find the raw span of the top-level "text" value of a valid JSON object
 * line. Returns 0 and [*vs, *ve), or -1 when there is none.
 */
static int find_text_value(const char *s, size_t n, size_t *vs, size_t *ve)
{
	size_t i = skip_ws(s, n, 0);

	if (i >= n || s[i] != '{')
		return -1;
	i++;
	for (;;) {
		size_t ks, ke;

		i = skip_ws(s, n, i);
		if (i >= n || s[i] != '"')
			return -1;
		ks = i;
		ke = skip_value(s, n, i);
		i = skip_ws(s, n, ke);
		if (i >= n || s[i] != ':')
			return -1;
		i = skip_ws(s, n, i + 1);
		if (ke - ks == 6 && memcmp(s + ks, "\"text\"", 6) == 0) {
			*vs = i;
			*ve = skip_value(s, n, i);
			return 0;
		}
		i = skip_ws(s, n, skip_value(s, n, i));
		if (i >= n || s[i] != ',')
			return -1;
		i++;
	}
}

int cmd_redact(int argc, char **argv)
{
	struct redactor rd;
	struct buf line, red, outl;
	size_t lineno = 0;
	int r, rc = 0;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf(
		    "usage: yourvoice redact < answers.jsonl > redacted.jsonl\n"
		    "\n"
		    "Replace personal data (emails, UK phone numbers, postcodes, URLs, National\n"
		    "Insurance numbers, card numbers, names after titles) in each line's \"text\"\n"
		    "with [redacted KIND]; the rest of each line is written back unchanged.\n"
		    "Invalid lines are reported on stderr and not written out. Lines up to %d "
		    "bytes.\n",
		    LINE_MAX_BYTES);
		return 0;
	}
	if (argc > 1) {
		fprintf(stderr, "yourvoice redact: unexpected argument '%s'\n", argv[1]);
		return 2;
	}
	if (redact_init(&rd) < 0)
		return 1;
	buf_init(&line, LINE_MAX_BYTES);
	buf_init(&red, 4 * LINE_MAX_BYTES);
	buf_init(&outl, 16 * LINE_MAX_BYTES);
	for (;;) {
		json_error_t err;
		json_t *o, *text;
		size_t vs, ve;
		char *enc;

		r = read_line(stdin, &line);
		if (r == 0)
			break;
		lineno++;
		if (r == 2) {
			fprintf(stderr,
				"yourvoice redact: line %zu: longer than %d bytes, dropped\n",
				lineno, LINE_MAX_BYTES);
			rc = 1;
			continue;
		}
		if (line.len == 0) {
			putchar('\n');
			continue;
		}
		o = json_loads(line.data, JSON_REJECT_DUPLICATES, &err);
		text = o != NULL ? json_object_get(o, "text") : NULL;
		if (o == NULL || !json_is_object(o) || !json_is_string(text) ||
		    find_text_value(line.data, line.len, &vs, &ve) < 0) {
			fprintf(stderr,
				"yourvoice redact: line %zu: not a JSON object with a \"text\" "
				"string, dropped\n",
				lineno);
			json_decref(o);
			rc = 1;
			continue;
		}
		buf_reset(&red);
		if (redact_text(&rd, json_string_value(text), json_string_length(text), &red) < 0) {
			fprintf(stderr, "yourvoice redact: line %zu: could not redact, dropped\n",
				lineno);
			json_decref(o);
			rc = 1;
			continue;
		}
		if (red.len == json_string_length(text) &&
		    memcmp(buf_cstr(&red), json_string_value(text), red.len) == 0) {
			/* nothing found: the line exactly as it came */
			fwrite(line.data, 1, line.len, stdout);
			putchar('\n');
			json_decref(o);
			continue;
		}
		json_decref(o);
		o = json_stringn(buf_cstr(&red), red.len);
		enc = o != NULL ? json_dumps(o, JSON_ENCODE_ANY) : NULL;
		json_decref(o);
		buf_reset(&outl);
		if (enc == NULL || buf_append(&outl, line.data, vs) < 0 ||
		    buf_puts(&outl, enc) < 0 ||
		    buf_append(&outl, line.data + ve, line.len - ve) < 0) {
			fprintf(stderr, "yourvoice redact: line %zu: could not rewrite, dropped\n",
				lineno);
			free(enc);
			rc = 1;
			continue;
		}
		free(enc);
		fwrite(outl.data, 1, outl.len, stdout);
		putchar('\n');
	}
	if (fflush(stdout) != 0)
		rc = 1;
	buf_release(&line);
	buf_release(&red);
	buf_release(&outl);
	redact_release(&rd);
	return rc;
}
