/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themeview: the pure logic between `themes_summarise()` (text/themes.h)
 * and the pages that show themes: no SQL, no HTTP, unit-tested alone.
 *
 *   stored form   what the background summariser keeps in MariaDB
 *                 (theme_summary.summary): each theme with a *stable key*
 *                 ("k1", "k2", ...), its automatic label, phrases and quote
 *                 candidates (already redacted), and every member answer
 *                 (response id, area, main theme key or null, stance,
 *                 "other" when the method put it in the Other group),
 *                 with labels in both languages, description and stance
 *                 split when the method gives them (older summaries lack
 *                 them: every reader copes).
 *
 *   identity      Officers' renames and merges name a theme by its stable
 *                 key, so a recomputation must give "the same" theme the
 *                 same key. themeview_identify() matches each new theme to
 *                 the old theme it shares most member answers with,
 *                 counting only answers present in both summaries (so that
 *                 new responses and withdrawals do not dilute the overlap):
 *                 Jaccard = |new ∩ old| / |new ∪ old| over those common
 *                 answers, greedily from the best pair down, each old key
 *                 used at most once, and only at THEMEVIEW_MATCH or above.
 *                 A new theme left unmatched that lies mostly (at least
 *                 THEMEVIEW_CONTAIN of its common answers) inside one old
 *                 theme takes a free key of that old theme's merge group
 *                 (the themes an officer merged together), so a merge
 *                 holds when the method splits the merged themes again.
 *                 A new theme that matches none gets a fresh key (next_key
 *                 never goes back, so a key is never reused for another
 *                 theme). A decision whose key has disappeared is kept in
 *                 the database but has no effect.
 *
 *   view          themeview_apply() turns the stored form plus officers'
 *                 decisions (labels in en/cy, merges) and the hidden
 *                 answers (answer_moderation) into what pages, JSON and
 *                 CSV show, at request time, so a decision shows on the
 *                 next request. Each answer counts once, in its main
 *                 theme, so the theme counts plus "unthemed" add up to
 *                 the answers summarised and shares add up to 100%.
 *                 Hidden answers still count in the shares (hiding stops
 *                 a quote being published; the resident's view still
 *                 counts) but are never quoted. Areas with fewer answers
 *                 than min_group are suppressed: only their size class is
 *                 said, never their figures.
 */
#ifndef YV_RESULTS_THEMEVIEW_H
#define YV_RESULTS_THEMEVIEW_H

#include <jansson.h>
#include <stddef.h>

#include "core/buf.h"

#define THEMEVIEW_MATCH 0.4	  /* least Jaccard overlap to keep a theme's key */
#define THEMEVIEW_CONTAIN 0.5	  /* least share of a new theme inside an old one */
#define THEMEVIEW_KEY_MAX 15	  /* "k" and up to 14 digits */
#define THEMEVIEW_QUOTES 3	  /* quotes shown per theme */
#define THEMEVIEW_QUOTE_CHARS 300 /* a quote is cut (at a word, with "…") beyond */
#define THEMEVIEW_NSTANCES 4	  /* praise, complaint, suggestion, neutral */

/*
 * The stored form of a themes_summarise() result. areas[i] is the area of
 * the i-th answer given to themes_summarise (NULL when not known), in the
 * same order as its "assignments". Keys are given in theme order ("k1"...)
 * from next_key 1: call themeview_identify() afterwards to carry keys over
 * from the previous summary. Returns a new object, NULL on malformed input.
 */
json_t *themeview_stored(json_t *summary, const char *const *areas, size_t n);

/*
 * Rekey the themes (and members) of `fresh` from `old` (both stored form;
 * old may be NULL) as described above; decisions (as for themeview_apply,
 * may be NULL) give the merge groups. 0, or -1 when fresh is malformed.
 */
int themeview_identify(json_t *fresh, json_t *old, json_t *decisions);

/*
 * The view. decisions: array of {"key", "label_en", "label_cy",
 * "merged_into", "approved", "created"} (strings or null, booleans);
 * moves: object {response id: theme key} of answers officers moved (may
 * be NULL; a move to a key that is neither in stored nor created has no
 * effect); hidden: object whose keys are hidden response ids (values: the
 * reason, or false for a response withdrawn or flagged since the summary
 * was made, whose quotes nobody sees).
 *
 * Themes "created" by officers exist beside the summary's, with no
 * automatic label. Labels: the officer's, else the automatic one in that
 * language, else (Welsh) the English one with "label_cy_fallback": true.
 * Quotes follow their answers (a moved answer's quote moves too) and are
 * cut to THEMEVIEW_QUOTE_CHARS. Stance split: the shares of the theme's
 * answers by stance, when the summary gives each answer's.
 *
 * With `officer`, every theme is listed with "approved" and "created",
 * quotes keep their response "id", every candidate is listed with
 * "hidden" and its reason, "truncated", and "published" on those readers
 * see now (the first THEMEVIEW_QUOTES not hidden), and each theme lists
 * the themes merged into it ({id, label}); counts of themes + other.count
 * + unthemed = answers. Without, only approved themes with answers are
 * listed and the others are counted in "awaiting_review", so that themes
 * + other.count + unthemed + awaiting_review.count = answers (shares add
 * up to 1 the same way); quotes only as text.
 *
 * Returns a new object: {answers, unthemed, other: {count, share,
 * quotes}, awaiting_review: {themes, count, share}, reviewed (an approved
 * theme is shown), min_group_size, themes: [{id, label: {en, cy},
 * label_cy_fallback, automatic_label, renamed, description?, stance?,
 * count, share, phrases, quotes, merged_from}], by_area: [{area,
 * responses, suppressed | themes: [{id, count, share}]}]}; themes by
 * count, largest first.
 */
json_t *themeview_apply(json_t *stored, json_t *decisions, json_t *moves, json_t *hidden,
			unsigned min_group, int officer);

/* text cut to at most THEMEVIEW_QUOTE_CHARS characters at a word boundary,
 * ending "…" (*cut set), or a copy (malloc; caller frees). */
char *themeview_quote_cut(const char *text, int *cut);

/*
 * Where each answer is now: {response id: {"theme": root key (after moves
 * and merges) | "other": true | neither (unthemed), "area"?, "stance"?}}
 * (new object), NULL on malformed input. For the written answers' filters.
 */
json_t *themeview_members(json_t *stored, json_t *decisions, json_t *moves);

/* A key for a theme an officer makes: after every key stored and decisions
 * know (so the method never gives it to another theme), into buf. */
const char *themeview_free_key(json_t *stored, json_t *decisions, char *buf, size_t n);

/* Whether s is one of the four stances; the name of stance i (or NULL). */
int themeview_stance_valid(const char *s);
const char *themeview_stance_name(int i);

/*
 * Rows of the results CSV (results/csv.h's eight columns, question_type
 * "themes") for the views of every analysed question (summariser_views()).
 */
void themeview_csv(struct buf *b, const char *survey_id, json_t *themes);

/* Whether s is a theme key ("k" then 1 to 14 digits). */
int themeview_key_valid(const char *s);

/* The key s is finally merged into through decisions (following chains,
 * ignoring cycles and keys absent from stored), or s itself. */
const char *themeview_resolve(json_t *stored, json_t *decisions, const char *s);

#endif
