/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * surveyxml: every version of every survey's XML (table
 * survey_xml_version, migration 080), numbered 1.. per survey, with the
 * bytes exactly as received, their SHA-256, where they came from (a file
 * of the surveys directory, an officer in the browser, a rollback), who
 * and why. The served version of a survey is its highest version that is
 * not a draft; a withdrawn one (its file left the directory it came from)
 * is not served. Any instance sees what another stored: the generation
 * (a count that only grows) tells it that the served set moved.
 * Uses store/ and core/ only.
 */
#ifndef YV_STORE_SURVEYXML_H
#define YV_STORE_SURVEYXML_H

#include <stddef.h>

#include "core/arena.h"
#include "store/audit.h"
#include "store/store.h"

#define SURVEYXML_MAX (1024u * 1024u) /* bytes of one version, the loader's limit */
#define SURVEYXML_HISTORY_MAX 10000   /* versions of one survey listed at once */
#define SURVEYXML_SERVED_MAX 10000    /* surveys served at once */
#define SURVEYXML_REASON_MAX 500      /* characters of a reason */
#define SURVEYXML_SOURCE_MAX 512      /* characters of a file version's source */

enum surveyxml_origin { SURVEYXML_FILE, SURVEYXML_WEB, SURVEYXML_ROLLBACK };
enum surveyxml_state { SURVEYXML_DRAFT, SURVEYXML_PUBLISHED, SURVEYXML_WITHDRAWN };

/* One version; xml is NULL in a history listing. Times "YYYY-MM-DD HH:MM:SS" UTC. */
struct surveyxml_version {
	const char *survey_id;
	long long version;
	const char *xml; /* size bytes, NUL-terminated */
	size_t size;
	const char *sha256; /* 64 hex digits */
	const char *origin; /* file, web, rollback */
	const char *source; /* host:directory of a file version, else "" */
	const char *author;
	const char *reason;
	const char *state;	  /* draft, published, withdrawn */
	const char *created_at;	  /* when stored */
	const char *published_at; /* "" for a draft */
};

/* What a new version is. */
struct surveyxml_new {
	const char *survey_id;
	const void *xml;
	size_t size; /* at most SURVEYXML_MAX, no NUL byte */
	enum surveyxml_origin origin;
	const char *source; /* NULL: none */
	const char *author;
	const char *reason; /* NULL: none; cut to SURVEYXML_REASON_MAX characters */
	enum surveyxml_state state;
};

/*
 * Store a new version as the next number of its survey (into *version),
 * with the audit row action (when who is not NULL) in one transaction.
 * STORE_ERROR for bytes over the limit or holding a NUL byte.
 */
enum store_err surveyxml_add(struct store *st, const struct audit_actor *who, const char *action,
			     const struct surveyxml_new *v, long long *version);

/* Every version of survey_id, newest first, without the bytes, in arena a. */
enum store_err surveyxml_history(struct store *st, struct arena *a, const char *survey_id,
				 struct surveyxml_version **out, size_t *n);

/* Version number version of survey_id with its bytes (0: the served one,
 * withdrawn or not). STORE_NOT_FOUND when there is none. */
enum store_err surveyxml_get(struct store *st, struct arena *a, const char *survey_id,
			     long long version, struct surveyxml_version *out);

/* The highest version of survey_id imported from a file of the folder
 * source ("host:directory"; its state tells whether it was withdrawn
 * since). STORE_NOT_FOUND when there is none. */
enum store_err surveyxml_last_file(struct store *st, struct arena *a, const char *survey_id,
				   const char *source, struct surveyxml_version *out);

/* Whether some version of survey_id, of any state, has these bytes (their
 * SHA-256 in hex): *yes 1 or 0. */
enum store_err surveyxml_has_sha(struct store *st, const char *survey_id, const char *sha256,
				 int *yes);

/* The served version of every survey (published or withdrawn), with the
 * bytes, ordered by survey id. */
enum store_err surveyxml_served(struct store *st, struct arena *a, struct surveyxml_version **out,
				size_t *n);

/* The newest version of every survey that has only drafts (never
 * published: created in the browser), without the bytes, by survey id. */
enum store_err surveyxml_drafts_only(struct store *st, struct arena *a,
				     struct surveyxml_version **out, size_t *n);

/* A number that grows whenever the served set may have changed. */
enum store_err surveyxml_generation(struct store *st, long long *gen);

/* "file", "web", "rollback"; "draft", "published", "withdrawn". */
const char *surveyxml_origin_name(enum surveyxml_origin o);
const char *surveyxml_state_name(enum surveyxml_state s);

#endif
