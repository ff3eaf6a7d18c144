/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * translate: the `yourvoice translate` subcommand, for translators.
 *   translate export --format csv|xliff SURVEY.xml [-o OUT]
 *     every English text of the survey with its Welsh (survey/translation.h)
 *   translate import SURVEY.xml TRANSLATIONS.csv|.xlf [-o OUT]
 *     the survey file with the Welsh texts of the translations written in,
 *     everything else byte for byte as it was; refused (exit 1, each
 *     problem as FILE:LINE:COL: message on stdout) when a key is unknown,
 *     an English text changed since the export, or the result fails the
 *     survey check. The changes go to stderr, one "key: old -> new" each.
 * Output goes to standard output unless -o names a file (written whole
 * through a temporary file, then renamed). Exit: 0 done, 1 refused, 2 usage.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "survey/translation.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: yourvoice translate export --format csv|xliff SURVEY.xml [-o OUT]\n"
		"       yourvoice translate import SURVEY.xml TRANSLATIONS.csv|.xlf [-o OUT]\n"
		"export: every English text of the survey with its Welsh, its key and whether\n"
		"        the Welsh is missing, unchanged from the English or translated.\n"
		"import: the survey file with the changed Welsh texts written in (everything\n"
		"        else unchanged, byte for byte); refused when a key is unknown, an\n"
		"        English text changed since the export or the result fails the check.\n"
		"Output to standard output unless -o OUT is given.\n"
		"Exit status: 0 done, 1 refused (FILE:LINE:COL: message), 2 usage error.\n");
}

/* The whole file, at most max bytes; NULL after saying why. */
static char *read_all(const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b;
	size_t n;

	if (f == NULL) {
		fprintf(stderr, "yourvoice translate: cannot open %s: %s\n", path, strerror(errno));
		return NULL;
	}
	b = xmalloc(max + 1);
	n = fread(b, 1, max + 1, f);
	if (ferror(f)) {
		fprintf(stderr, "yourvoice translate: cannot read %s: %s\n", path, strerror(errno));
		fclose(f);
		free(b);
		return NULL;
	}
	fclose(f);
	if (n > max) {
		fprintf(stderr, "yourvoice translate: %s is larger than %zu bytes\n", path, max);
		free(b);
		return NULL;
	}
	b[n] = '\0';
	*len = n;
	return b;
}

static int write_out(const char *path, const char *b, size_t n)
{
	char tmp[4096];
	FILE *f;

	if (path == NULL) {
		if (fwrite(b, 1, n, stdout) != n || fflush(stdout) != 0) {
			fprintf(stderr, "yourvoice translate: cannot write: %s\n", strerror(errno));
			return 1;
		}
		return 0;
	}
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp)) {
		fprintf(stderr, "yourvoice translate: the name %s is too long\n", path);
		return 1;
	}
	f = fopen(tmp, "wb");
	if (f == NULL || fwrite(b, 1, n, f) != n || fclose(f) != 0) {
		fprintf(stderr, "yourvoice translate: cannot write %s: %s\n", tmp, strerror(errno));
		remove(tmp);
		return 1;
	}
	if (rename(tmp, path) != 0) {
		fprintf(stderr, "yourvoice translate: cannot rename %s to %s: %s\n", tmp, path,
			strerror(errno));
		remove(tmp);
		return 1;
	}
	return 0;
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s != NULL ? s + 1 : p;
}

/* The survey file listed; 0, or 1 after printing why not. */
static int list_survey(const char *path, char **bytes, size_t *len, struct translation_list *l)
{
	struct survey_diags d;
	int r;

	*bytes = read_all(path, 1024 * 1024, len);
	if (*bytes == NULL)
		return 1;
	survey_diags_init(&d);
	r = translation_extract(path, *bytes, *len, l, &d);
	survey_diags_print(&d, stdout);
	survey_diags_release(&d);
	if (r < 0) {
		free(*bytes);
		*bytes = NULL;
		return 1;
	}
	return 0;
}

static int do_export(int argc, char **argv)
{
	const char *format = NULL, *out = NULL, *in = NULL;
	struct translation_list l;
	struct buf b;
	char *bytes;
	size_t len;
	int rc;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
			format = argv[++i];
		else if (strncmp(argv[i], "--format=", 9) == 0)
			format = argv[i] + 9;
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (argv[i][0] == '-' || in != NULL) {
			usage(stderr);
			return 2;
		} else
			in = argv[i];
	}
	if (in == NULL || format == NULL ||
	    (strcmp(format, "csv") != 0 && strcmp(format, "xliff") != 0)) {
		usage(stderr);
		return 2;
	}
	if (list_survey(in, &bytes, &len, &l) != 0)
		return 1;
	buf_init(&b, 64u * 1024 * 1024);
	if (strcmp(format, "csv") == 0)
		rc = translation_export_csv(&l, &b);
	else
		rc = translation_export_xliff(&l, base_name(in), &b);
	if (rc < 0) {
		fprintf(stderr, "yourvoice translate: the export of %s is too large\n", in);
		rc = 1;
	} else {
		rc = write_out(out, b.data ? b.data : "", b.len);
		if (rc == 0 && out != NULL)
			fprintf(stderr,
				"%s: %zu texts (%zu translated, %zu missing, %zu unchanged)\n", out,
				l.n, l.ntranslated, l.nmissing, l.nunchanged);
	}
	buf_release(&b);
	translation_list_release(&l);
	free(bytes);
	return rc;
}

static int do_import(int argc, char **argv)
{
	const char *out = NULL, *in = NULL, *tr = NULL;
	struct translation_list l;
	struct translation_result res;
	struct survey_diags d;
	char *bytes, *tbytes;
	size_t len, tlen;
	int rc = 1;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (argv[i][0] == '-' || tr != NULL) {
			usage(stderr);
			return 2;
		} else if (in == NULL)
			in = argv[i];
		else
			tr = argv[i];
	}
	if (in == NULL || tr == NULL) {
		usage(stderr);
		return 2;
	}
	if (list_survey(in, &bytes, &len, &l) != 0)
		return 1;
	tbytes = read_all(tr, TRANSLATION_MAX_IMPORT, &tlen);
	if (tbytes == NULL)
		goto done;
	survey_diags_init(&d);
	if (translation_import(&l, in, bytes, len, tr, tbytes, tlen, &res, &d) < 0) {
		survey_diags_print(&d, stdout);
		fprintf(stderr, "yourvoice translate: %s not imported: nothing was written\n", tr);
	} else {
		for (size_t i = 0; i < res.n; i++)
			fprintf(stderr, "%s: \"%s\" -> \"%s\"\n", l.v[res.v[i].index].key,
				res.v[i].old_cy, res.v[i].new_cy);
		fprintf(stderr, "%zu Welsh text%s changed\n", res.n, res.n == 1 ? "" : "s");
		rc = write_out(out, res.bytes, res.len);
		translation_result_release(&res);
	}
	survey_diags_release(&d);
	free(tbytes);
done:
	translation_list_release(&l);
	free(bytes);
	return rc;
}

int cmd_translate(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "export") == 0)
		return do_export(argc, argv);
	if (strcmp(argv[1], "import") == 0)
		return do_import(argc, argv);
	fprintf(stderr, "yourvoice translate: unknown action '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
