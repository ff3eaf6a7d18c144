/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* surveyxml: the stored versions of the surveys' XML (see surveyxml.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/log.h"
#include "store/surveyxml.h"

/* Columns of the listing statements, in order; the bytes come last. */
enum {
	C_ID,
	C_VERSION,
	C_SIZE,
	C_SHA,
	C_ORIGIN,
	C_SOURCE,
	C_AUTHOR,
	C_REASON,
	C_STATE,
	C_CREATED,
	C_PUBLISHED,
	C_XML
};

const char *surveyxml_origin_name(enum surveyxml_origin o)
{
	return o == SURVEYXML_FILE ? "file" : o == SURVEYXML_WEB ? "web" : "rollback";
}

const char *surveyxml_state_name(enum surveyxml_state s)
{
	return s == SURVEYXML_DRAFT	  ? "draft"
	       : s == SURVEYXML_PUBLISHED ? "published"
					  : "withdrawn";
}

static void row(const struct store_rows *r, size_t i, struct surveyxml_version *v)
{
	memset(v, 0, sizeof(*v));
	v->survey_id = store_cell_str(r, i, C_ID);
	v->version = store_cell_ll(r, i, C_VERSION);
	v->size = (size_t)store_cell_ll(r, i, C_SIZE);
	v->sha256 = store_cell_str(r, i, C_SHA);
	v->origin = store_cell_str(r, i, C_ORIGIN);
	v->source = store_cell_str(r, i, C_SOURCE);
	v->author = store_cell_str(r, i, C_AUTHOR);
	v->reason = store_cell_str(r, i, C_REASON);
	v->state = store_cell_str(r, i, C_STATE);
	v->created_at = store_cell_str(r, i, C_CREATED);
	v->published_at = store_cell_str(r, i, C_PUBLISHED);
	if (r->ncols > C_XML)
		v->xml = store_cell_str(r, i, C_XML);
}

/* The first n bytes of s that end at a character boundary, at most max characters. */
static size_t cut_chars(const char *s, size_t max)
{
	size_t i = 0, chars = 0;

	while (s[i] != '\0' && chars < max) {
		i++;
		while ((s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	return i;
}

enum store_err surveyxml_add(struct store *st, const struct audit_actor *who, const char *action,
			     const struct surveyxml_new *v, long long *version)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[crypto_hash_sha256_BYTES * 2 + 1], detail[200];
	const char *reason = v->reason ? v->reason : "", *source = v->source ? v->source : "";
	struct store_arg id[] = {STORE_STR(v->survey_id)};
	struct arena a;
	struct store_rows r;
	enum store_err e;
	long long next = 0;

	*version = 0;
	if (v->size > SURVEYXML_MAX || memchr(v->xml, '\0', v->size) != NULL) {
		log_error("surveyxml: %s: %zu bytes refused (over the limit or a NUL byte)",
			  v->survey_id, v->size);
		return STORE_ERROR;
	}
	crypto_hash_sha256(h, v->xml, v->size);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	arena_init(&a, 4096);
	e = store_begin(st);
	if (e == STORE_OK)
		e = store_query(st, ST_SURVEYXML_NEXT, id, 1, &a, 1, &r);
	if (e == STORE_OK) {
		struct store_arg ins[] = {
		    STORE_STR(v->survey_id),
		    STORE_INT(0),
		    STORE_STRN((const char *)v->xml, v->size),
		    STORE_INT((long long)v->size),
		    STORE_STR(hex),
		    STORE_STR(surveyxml_origin_name(v->origin)),
		    STORE_STRN(source, cut_chars(source, SURVEYXML_SOURCE_MAX)),
		    STORE_STR(v->author),
		    STORE_STRN(reason, cut_chars(reason, SURVEYXML_REASON_MAX)),
		    STORE_STR(surveyxml_state_name(v->state)),
		    STORE_INT(v->state != SURVEYXML_DRAFT),
		};

		next = r.nrows ? store_cell_ll(&r, 0, 0) : 1;
		ins[1] = STORE_INT(next);
		e = store_exec(st, ST_SURVEYXML_INSERT, ins, sizeof(ins) / sizeof(ins[0]), NULL,
			       NULL);
	}
	if (e == STORE_OK && who != NULL) {
		snprintf(detail, sizeof(detail), "version %lld, %s, %s, %zu bytes, sha256 %.12s",
			 next, surveyxml_origin_name(v->origin), surveyxml_state_name(v->state),
			 v->size, hex);
		e = audit_add(st, who, action, v->survey_id, detail) == 0 ? STORE_OK : STORE_ERROR;
	}
	if (e == STORE_OK)
		e = store_commit(st);
	if (e != STORE_OK)
		store_rollback(st);
	else
		*version = next;
	arena_release(&a);
	return e;
}

enum store_err surveyxml_history(struct store *st, struct arena *a, const char *survey_id,
				 struct surveyxml_version **out, size_t *n)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_INT(SURVEYXML_HISTORY_MAX)};
	struct store_rows r;
	enum store_err e =
	    store_query(st, ST_SURVEYXML_HISTORY, args, 2, a, SURVEYXML_HISTORY_MAX, &r);

	*out = NULL;
	*n = 0;
	if (e != STORE_OK)
		return e;
	if (r.nrows) {
		*out = arena_calloc(a, r.nrows, sizeof(**out));
		if (*out == NULL)
			return STORE_ERROR;
	}
	for (size_t i = 0; i < r.nrows; i++)
		row(&r, i, &(*out)[i]);
	*n = r.nrows;
	return STORE_OK;
}

enum store_err surveyxml_drafts_only(struct store *st, struct arena *a,
				     struct surveyxml_version **out, size_t *n)
{
	struct store_arg args[] = {STORE_INT(SURVEYXML_SERVED_MAX)};
	struct store_rows r;
	enum store_err e =
	    store_query(st, ST_SURVEYXML_DRAFTS_ONLY, args, 1, a, SURVEYXML_SERVED_MAX, &r);

	*out = NULL;
	*n = 0;
	if (e != STORE_OK)
		return e;
	if (r.nrows) {
		*out = arena_calloc(a, r.nrows, sizeof(**out));
		if (*out == NULL)
			return STORE_ERROR;
	}
	for (size_t i = 0; i < r.nrows; i++)
		row(&r, i, &(*out)[i]);
	*n = r.nrows;
	return STORE_OK;
}

static enum store_err one(struct store *st, struct arena *a, enum store_stmt id,
			  const struct store_arg *args, size_t na, struct surveyxml_version *out)
{
	struct store_rows r;
	enum store_err e = store_query(st, id, args, na, a, 1, &r);

	memset(out, 0, sizeof(*out));
	if (e != STORE_OK)
		return e;
	if (r.nrows == 0)
		return STORE_NOT_FOUND;
	row(&r, 0, out);
	if (out->xml != NULL && strlen(out->xml) != out->size) {
		log_error("surveyxml: %s version %lld: stored bytes do not match their size",
			  out->survey_id, out->version);
		return STORE_ERROR;
	}
	return STORE_OK;
}

enum store_err surveyxml_get(struct store *st, struct arena *a, const char *survey_id,
			     long long version, struct surveyxml_version *out)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_INT(version)};

	if (version <= 0)
		return one(st, a, ST_SURVEYXML_SERVED_ONE, args, 1, out);
	return one(st, a, ST_SURVEYXML_GET, args, 2, out);
}

enum store_err surveyxml_last_file(struct store *st, struct arena *a, const char *survey_id,
				   const char *source, struct surveyxml_version *out)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_STR(source)};

	return one(st, a, ST_SURVEYXML_LAST_FILE, args, 2, out);
}

enum store_err surveyxml_has_sha(struct store *st, const char *survey_id, const char *sha256,
				 int *yes)
{
	struct store_arg args[] = {STORE_STR(survey_id), STORE_STR(sha256)};
	struct arena a;
	struct store_rows r;
	enum store_err e;

	arena_init(&a, 4096);
	e = store_query(st, ST_SURVEYXML_HAS_SHA, args, 2, &a, 1, &r);
	*yes = e == STORE_OK && r.nrows && store_cell_ll(&r, 0, 0) > 0;
	arena_release(&a);
	return e;
}

enum store_err surveyxml_served(struct store *st, struct arena *a, struct surveyxml_version **out,
				size_t *n)
{
	struct store_arg args[] = {STORE_INT(SURVEYXML_SERVED_MAX)};
	struct store_rows r;
	enum store_err e =
	    store_query(st, ST_SURVEYXML_SERVED, args, 1, a, SURVEYXML_SERVED_MAX, &r);

	*out = NULL;
	*n = 0;
	if (e != STORE_OK)
		return e;
	if (r.nrows) {
		*out = arena_calloc(a, r.nrows, sizeof(**out));
		if (*out == NULL)
			return STORE_ERROR;
	}
	for (size_t i = 0; i < r.nrows; i++) {
		row(&r, i, &(*out)[i]);
		if (strlen((*out)[i].xml) != (*out)[i].size) {
			log_error(
			    "surveyxml: %s version %lld: stored bytes do not match their size",
			    (*out)[i].survey_id, (*out)[i].version);
			return STORE_ERROR;
		}
	}
	*n = r.nrows;
	return STORE_OK;
}

enum store_err surveyxml_generation(struct store *st, long long *gen)
{
	struct arena a;
	struct store_rows r;
	enum store_err e;

	arena_init(&a, 4096);
	e = store_query(st, ST_SURVEYXML_GENERATION, NULL, 0, &a, 1, &r);
	*gen = e == STORE_OK && r.nrows ? store_cell_ll(&r, 0, 0) : -1;
	arena_release(&a);
	return e;
}
