/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * translation: the English and Welsh texts of a survey file for translators.
 * translation_extract lists every translatable text (title, labels, hints,
 * option labels, ...) in document order with a stable key made of the ids
 * around it (`q/priority/option/housing/label`), its line and whether its
 * Welsh is missing, the same as the English, or translated. The list is
 * exported as CSV (core/csv) or XLIFF 1.2, and translation_import reads
 * either back: only the Welsh texts that changed are written, spliced into
 * the original bytes, so everything else in the file stays byte-identical
 * (a round trip with nothing changed gives the same file). An import is
 * refused, with messages naming the row or line, for unknown or repeated
 * keys, an English text that changed since the export, inputs over the
 * limits, hostile XML, and a result that fails the survey check.
 * Uses core/ and the survey loader's safe XML parsing (load_int.h).
 */
#ifndef YV_SURVEY_TRANSLATION_H
#define YV_SURVEY_TRANSLATION_H

#include <stddef.h>

#include "core/buf.h"
#include "survey/survey.h"

#define TRANSLATION_MAX_IMPORT (4 * 1024 * 1024) /* bytes of a CSV or XLIFF file */
#define TRANSLATION_MAX_ROWS 20000
#define TRANSLATION_MAX_TEXT 100000 /* bytes of one text */

enum translation_status {
	TRANSLATION_TRANSLATED,
	TRANSLATION_MISSING,   /* no Welsh element, or an empty one */
	TRANSLATION_UNCHANGED, /* the Welsh is the English, word for word */
};

enum translation_format { TRANSLATION_CSV, TRANSLATION_XLIFF };

/* One text. en and cy are normalised as residents see them (runs of
 * spaces one space, paragraphs separated by a blank line "\n\n"). */
struct translation_text {
	char *key;
	char *en;
	char *cy; /* "" when missing */
	int line; /* of the English element */
	enum translation_status status;
	/* where the Welsh is written: its content [cy_start, cy_end) when it
	 * exists (cy_selfclose: an empty <x/> whose "/>" is the range), else
	 * the end of the English element, its indentation, element name and
	 * other attributes (copied to the new element) */
	int has_cy;
	int cy_selfclose;
	size_t cy_start, cy_end;
	size_t en_end;
	char *indent, *name, *attrs;
};

struct translation_list {
	struct translation_text *v;
	size_t n;
	size_t ntranslated, nmissing, nunchanged;
};

/* What an import changes. */
struct translation_change {
	size_t index; /* into the list */
	char *old_cy; /* "" when there was none */
	char *new_cy;
};

struct translation_result {
	struct translation_change *v;
	size_t n;
	char *bytes; /* the updated file (malloc'd) */
	size_t len;
};

const char *translation_status_name(enum translation_status s); /* "missing", ... */

/* List the texts of the survey file bytes (name for messages). Needs only
 * well-formed, safe XML: a file that fails the check because Welsh texts
 * are missing is exactly what a translator gets. 0, or -1 with messages in
 * d. Release with translation_list_release. */
int translation_extract(const char *name, const void *bytes, size_t len,
			struct translation_list *out, struct survey_diags *d);
void translation_list_release(struct translation_list *l);

/* The list as CSV (header key,English,Welsh,status,note) or as an XLIFF 1.2
 * document (original: the file name). Appended to b; -1 when b is full. */
int translation_export_csv(const struct translation_list *l, struct buf *b);
int translation_export_xliff(const struct translation_list *l, const char *original, struct buf *b);

/* CSV or XLIFF, told from the content (XLIFF starts with '<'). */
enum translation_format translation_sniff(const void *bytes, size_t len);

/* Read the translations tbytes (tname for messages) against the survey file
 * src (already listed in l) and build the updated file. Rows whose Welsh is
 * empty or the same as now change nothing. 0 with res filled (res->n may be
 * 0: then res->bytes are the original bytes), -1 with messages in d and res
 * empty. The result passed survey_load_memory. Release with
 * translation_result_release. */
int translation_import(const struct translation_list *l, const char *srcname, const void *src,
		       size_t srclen, const char *tname, const void *tbytes, size_t tlen,
		       struct translation_result *res, struct survey_diags *d);
void translation_result_release(struct translation_result *r);

#endif
