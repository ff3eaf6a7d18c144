/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * survey: the in-memory model of one consultation as an officer wrote it in
 * surveys/<id>.xml (namespace urn:yourvoice:survey:1, schema
 * surveys/schema/survey.rng), the loader that builds it, and the set of all
 * surveys the service offers. Loading validates the file against the RelaxNG
 * schema and then runs the cross-checks a schema cannot express; every
 * problem found is collected as FILE:LINE:COL: message in a survey_diags.
 *
 * A loaded survey is read-only and owns all its memory (strings, arrays,
 * compiled conditions and patterns): build it once at start-up, share it
 * after fork, free it with survey_free(). surveys/README.md is the
 * officers' description of the language; answer.h validates answers and
 * evaluates conditions against this model.
 *
 * The directory app/survey owns the survey language: this model, the loader
 * (load.c and its steps, listed in load_int.h), conditions (cond.h),
 * answer validation and budget rules (answer.h) and the comparison of two
 * versions of a survey (compare.c). It may use core/ (arena, language) and
 * libxml2, PCRE2 and libsodium; it knows nothing of HTTP, SQL or the
 * command line (`yourvoice check` is app/cmd/check.c), so every part of it
 * is tested without a server.
 */
#ifndef YV_SURVEY_SURVEY_H
#define YV_SURVEY_SURVEY_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "core/lang.h" /* enum yv_lang */

/* One user-visible text in each language; NULL where absent. */
struct survey_text {
	const char *t[LANG_N];
};

/* The text in l, else English, else any; never NULL ("" if none). */
const char *survey_text_get(const struct survey_text *x, enum yv_lang l);
/*
 * Whether the n bytes at s are an id: [a-z0-9][a-z0-9-]{0,62} (DESIGN.md §9).
 * Survey ids (the file name and the /s/<id>/ of URLs) and the ids inside a
 * survey file (pages, questions, option values, services, areas) all follow
 * it; 1 when valid, 0 otherwise (s may hold any bytes, NUL included).
 */
int survey_id_valid(const char *s, size_t n);
/* yv_lang_code and yv_lang_parse of core/lang.h, under the names the
 * callers have always used: "en" / "cy"; NULL for anything else. */
const char *survey_lang_code(enum yv_lang l);
/* LANG_EN / LANG_CY for "en" / "cy" (exact), -1 otherwise. */
int survey_lang_parse(const char *code);

enum survey_qtype {
	SQ_CHOICE,     /* <choice>: one of the options (radios or a select) */
	SQ_MULTI,      /* <multi>: any number of the options, min..max */
	SQ_SCALE,      /* <scale>: a whole number min..max, labelled ends, "don't know" */
	SQ_RANKING,    /* <ranking>: put the options in order */
	SQ_NUMBER,     /* <number>: min/max/step/unit */
	SQ_DATE,       /* <date>: a calendar date, min/max */
	SQ_SHORT_TEXT, /* <short-text>: one line */
	SQ_LONG_TEXT,  /* <long-text>: a paragraph or more */
	SQ_EMAIL,      /* <email> */
	SQ_POSTCODE,   /* <postcode>: a full UK postcode */
	SQ_PATTERN,    /* <pattern>: text matching an officer's PCRE2 pattern */
	SQ_BUDGET      /* <budget>: change service lines to meet a target */
};

/* The element name of a question type ("choice", "short-text", ...). */
const char *survey_qtype_name(enum survey_qtype t);

struct survey_question;
/*
 * Whether a question's answers are personal data: every <email>,
 * <postcode> and <pattern> question by its type, and any text, number or
 * date question the officer marked personal="true". Personal answers are
 * deleted (not redacted) once retention runs out (purge.c), kept out of
 * exports without the personal-data permission and off the answers page
 * (web/moderate.c), and may not be analysed for themes or used as a
 * breakdown (the loader refuses it). The one test of it: use this, not the
 * type.
 */
int survey_question_is_personal(const struct survey_question *q);

struct survey_choice {
	const char *value; /* stable value stored in answers */
	struct survey_text label;
	int specify;  /* "other, please specify": shows a text box */
	int positive; /* positive="true": counted as a positive answer when the
		       * question is tracked over the waves of a series */
	int line, col;
};

/* Display of a single choice question. */
enum survey_display { SD_RADIOS = 0, SD_SELECT = 1 };

/* What one step of a budget line would mean, e.g. at -20%. */
struct survey_budget_level {
	int change_bp; /* change in hundredths of a percent (-2000 = -20%) */
	struct survey_text meaning;
};

struct survey_budget_line {
	const char *id;
	struct survey_text label, description;
	long long spend_pence; /* current annual spend */
	/* allowed change, hundredths of a percent; 0 is always allowed */
	int min_bp, max_bp, step_bp;
	struct survey_budget_level *levels; /* ordered by change_bp; may be sparse */
	size_t nlevels;
	int line, col;
};

enum survey_target_kind {
	ST_SAVINGS, /* find at least target_pence of savings */
	ST_BALANCE  /* stay within the current total: savings >= 0 */
};

struct survey_budget {
	struct survey_budget_line *lines;
	size_t nlines;
	enum survey_target_kind target;
	long long target_pence; /* savings to find; 0 for ST_BALANCE */
	/* Optional council-tax line: rise in hundredths of a percent. */
	int has_council_tax;
	int ct_min_bp, ct_max_bp, ct_step_bp;
	long long ct_income_per_step_pence; /* income each step (ct_step_bp) raises */
	struct survey_text ct_label, ct_description;
	/* The yearly council tax of a Band D home now, in pence (band-d="…" in
	 * pounds); 0 when the officer gave none. What a rise costs a household
	 * is survey_budget_band_d_cost(). */
	long long ct_band_d_pence;
	/* Pairs the officer declared contradictory: an answer elsewhere and a
	 * change on a line (survey_budget_contradicts()). */
	struct survey_budget_contradiction *contradictions;
	size_t ncontradictions;
};

/* When a budget line's change contradicts an answer (<contradiction when>). */
enum survey_budget_when {
	SBW_RISE,     /* the change is above 0 (spend more, or council tax rises) */
	SBW_CUT,      /* the change is below 0 */
	SBW_NO_CHANGE /* the change is 0 */
};

/*
 * <contradiction question="tax-view" answer="no-rise" service="council-tax"
 * when="rise">: a resident who gave `value` to question `qid` (a choice or
 * multi question, anywhere in the survey) and whose budget has line `line`
 * (an index into lines; nlines stands for the council-tax line) changed as
 * `when` says is shown `message`: a prompt, never an error.
 */
struct survey_budget_contradiction {
	const char *qid;
	const char *value;
	const char *service; /* the service id as written ("council-tax" for that line) */
	size_t line;
	enum survey_budget_when when;
	struct survey_text message;
	int line_no, col; /* of the element, for messages */
};

struct survey_cond; /* a compiled show-if condition (answer.h evaluates it) */

struct survey_question {
	const char *id;
	enum survey_qtype type;
	struct survey_text label, hint;
	/* the officer's own error message (<error>), all NULL when none: shown
	 * instead of the built one when the question is left unanswered or its
	 * answer is refused for its format */
	struct survey_text error;
	int required;
	/* personal data: an email, postcode or pattern question, or one the
	 * officer marked personal="true"; use survey_question_is_personal() */
	int personal;
	struct survey_choice *choices; /* choice, multi, ranking */
	size_t nchoices;
	size_t max_length; /* text types: most characters (code points) allowed */
	int line;	   /* line in the XML, for messages */
	int col;

	/* SQ_CHOICE */
	enum survey_display display;
	/* SQ_CHOICE, SQ_MULTI: the option with specify=1, if any */
	const struct survey_choice *other;
	size_t other_max_length; /* most characters in its text box */
	/* SQ_MULTI: selections allowed (max 0 = up to all) */
	size_t min_select, max_select;
	/* SQ_SCALE */
	int scale_min, scale_max;
	struct survey_text scale_min_label, scale_max_label;
	int dont_know; /* a "don't know" answer (value "dont-know") is offered */
	/* SQ_RANKING: how many must be ranked (all when equal to nchoices) */
	size_t rank_count;
	/* SQ_NUMBER: has_min/has_max say whether the bound applies; step > 0 */
	int has_min, has_max;
	double num_min, num_max, num_step;
	struct survey_text unit;
	/* SQ_DATE: bounds as YYYY-MM-DD, NULL when absent */
	const char *date_min, *date_max;
	/* SQ_DATE: not-after="today" (a past event) / not-before="today" (a
	 * future one), judged on the Europe/London date of the answer */
	int date_not_after_today, date_not_before_today;
	/* SQ_PATTERN: the source, the compiled form (pcre2_code *) and the officer's message */
	const char *pattern;
	void *pattern_code;
	struct survey_text pattern_message;
	/* SQ_BUDGET */
	struct survey_budget *budget;
	/* show-if: NULL when always shown */
	const char *show_if;
	struct survey_cond *cond;
	/* the page it is on (index into survey.pages) */
	size_t page_index;
};

struct survey_page {
	const char *id;
	struct survey_text heading, intro;
	struct survey_question *questions;
	size_t nquestions;
	const char *show_if; /* NULL when always shown */
	struct survey_cond *cond;
	int line, col;
};

enum survey_access { SURVEY_ANONYMOUS = 0, SURVEY_INVITATION = 1 };
enum survey_once { SURVEY_ONCE_NONE = 0, SURVEY_ONCE_BROWSER = 1, SURVEY_ONCE_INVITATION = 2 };
enum survey_publication {
	SURVEY_PUBLISH_AFTER_CLOSE =
	    0, /* results public once the survey has closed and results_at passed */
	SURVEY_PUBLISH_LIVE = 1,  /* results public while the survey runs */
	SURVEY_PUBLISH_MANUAL = 2 /* only when an officer publishes them */
};

/* A named area (ward) of the optional area map and the postcode districts
 * ("LL11") or sectors ("LL13 7") that make it up. */
struct survey_area {
	const char *id;
	struct survey_text name;
	const char **postcodes; /* normalised: upper case, one space before a sector digit */
	size_t npostcodes;
};

struct survey {
	const char *id;
	const char *path;
	char version_hash[65]; /* hex SHA-256 of the file bytes */
	struct survey_text title, summary, organisation;
	const char *contact_name, *contact_email, *contact_phone;
	/* the postal address of <contact><address>, one line each (paper forms
	 * are returned to it); ncontact_address 0 when the file gives none */
	const char **contact_address;
	size_t ncontact_address;
	time_t opens_at, closes_at, results_at; /* Europe/London times as written, in UTC */
	/* Which of the three the file gave as a date alone (SURVEY_DATE_*
	 * bits): shown without a time. A date-only closes means the end of
	 * that day, so closes_at is the next midnight. */
	unsigned date_only;
	/* A standing survey (<dates standing="true">, no closes or results):
	 * open from opens_at with no end; closes_at and results_at are then
	 * SURVEY_NEVER, and its results can only be live or manual. */
	int standing;
	unsigned langs; /* bit (1u << LANG_EN) etc */
	/* privacy notice: a link, a text, or both */
	const char *privacy_url;
	struct survey_text privacy;
	enum survey_access access;
	unsigned retention_days; /* how long personal answers are kept after closing */
	enum survey_once once_per;
	unsigned rate_limit_per_hour; /* responses per hour from one network; 0 = none */
	enum survey_publication publication;
	unsigned min_group_size; /* default 10 */
	const struct survey_question *
	    *breakdowns; /* single-choice questions to break results down by */
	size_t nbreakdowns;
	int breakdown_by_area;			 /* results by area of the area map */
	const struct survey_question **analysed; /* open questions analysed for themes */
	size_t nanalysed;
	struct survey_text you_said_we_did; /* all NULL when not written yet */
	/* <series id wave>: one wave of a tracked series (/t/<series>); NULL
	 * when the survey is not one. Questions with the same id in the
	 * waves of a series are tracked. */
	const char *series_id, *series_wave;
	struct survey_text series_name; /* the series' own name, may be empty */
	int series_line, series_col;
	/* <notify email consent>: residents told when results are out. The
	 * <email> question whose answer is the address (kept apart from the
	 * answers), and the optional one-option <multi> (an unticked box) that
	 * must be ticked too; both NULL when the survey tells no one. */
	const struct survey_question *notify_email, *notify_consent;
	struct survey_area *areas;
	size_t nareas;
	struct survey_page *pages;
	size_t npages;
	int line, col; /* of the <survey> element */
	void *priv;    /* loader-owned memory */
};

enum { SURVEY_DATE_OPENS = 1u, SURVEY_DATE_CLOSES = 2u, SURVEY_DATE_RESULTS = 4u };
/* closes_at and results_at of a standing survey: 9999-12-31 23:59:59 UTC,
 * later than any real date and far from time_t's end (purge adds to it). */
#define SURVEY_NEVER ((time_t)253402300799LL)

/* One problem found in a survey file. */
struct survey_diag {
	char *file;
	int line, col;
	char *message;
};

struct survey_diags {
	struct survey_diag *v;
	size_t n, cap;
};

void survey_diags_init(struct survey_diags *d);
void survey_diags_release(struct survey_diags *d);
/* Add a problem (message formatted); out of memory aborts. */
void survey_diags_add(struct survey_diags *d, const char *file, int line, int col, const char *fmt,
		      ...) __attribute__((format(printf, 5, 6)));
/* Stable sort of the diags from index `from` on by line, then column. */
void survey_diags_sort(struct survey_diags *d, size_t from);
/* FILE:LINE:COL: message, one per line, in the order found. */
void survey_diags_print(const struct survey_diags *d, FILE *out);

/*
 * Use this RelaxNG schema instead of the default one (the installed
 * YV_PKGDATADIR/schema/survey.rng, else YV_SRCDIR/surveys/schema/survey.rng).
 * NULL restores the default. The string must outlive the loads.
 */
void survey_schema_set(const char *path);
/* The schema file loads will use. */
const char *survey_schema_path(void);

/*
 * Load and check one survey file. Returns 0 with *out set when the file is
 * valid; -1 with *out NULL and every problem found added to d otherwise.
 * The file name (without .xml) must equal the survey id.
 */
int survey_load_file(const char *path, struct survey **out, struct survey_diags *d);
/* The same for a file's content already in memory; name stands for the file
 * name in messages and in the id check ("x.xml"). */
int survey_load_memory(const char *name, const void *bytes, size_t len, struct survey **out,
		       struct survey_diags *d);
void survey_free(struct survey *s);

/* All the surveys of a directory, ordered by id. */
struct survey_set;
/* Load every *.xml in dir. -1 if any file is invalid (then *out is NULL and
 * d holds the problems of every file). */
int survey_set_load_dir(const char *dir, struct survey_set **out, struct survey_diags *d);
/* One survey's bytes for survey_set_load_memory: name stands for its file
 * name ("<id>.xml") in messages and the id check. */
struct survey_src {
	const char *name;
	const void *bytes;
	size_t len;
};
/* The same for n surveys already in memory (the stored versions): -1 if
 * any is invalid or two claim one wave of a series (*out NULL, d holds
 * every problem). */
int survey_set_load_memory(const struct survey_src *v, size_t n, struct survey_set **out,
			   struct survey_diags *d);
size_t survey_set_count(const struct survey_set *set);
const struct survey *survey_set_at(const struct survey_set *set, size_t i);
const struct survey *survey_set_find(const struct survey_set *set, const char *id);
void survey_set_free(struct survey_set *set);

/*
 * Flag the changes from old to nw (two versions of one survey) that alter
 * what answers already stored mean: questions removed or retyped, labels
 * reworded, options removed or relabelled, scale points, budget lines and
 * targets changed. Adds one "warning: ..." diag per change at nw's
 * positions; returns how many. Nothing when the files are identical.
 */
size_t survey_compare(const struct survey *old, const struct survey *nw, struct survey_diags *d);

/* Where a survey stands at a given time. */
enum survey_state {
	SURVEY_NOT_YET_OPEN, /* now < opens_at */
	SURVEY_OPEN,	     /* opens_at <= now < closes_at */
	SURVEY_CLOSED	     /* closes_at <= now */
};
enum survey_state survey_state_at(const struct survey *s, time_t now);
/*
 * Whether results may be shown to the public at `now`: "live" once the
 * survey has opened; "after-close" once it has closed and the results date
 * has come; "manual" only when an officer has published them
 * (officer_published, which the caller keeps).
 */
int survey_results_public(const struct survey *s, time_t now, int officer_published);

/* What a change of change_bp on a budget line would mean, NULL when the
 * officer wrote nothing for that level. */
const struct survey_text *survey_budget_level_find(const struct survey_budget_line *l,
						   int change_bp);

/*
 * Budget helpers (survey/budget.c), for the form, the check page and the
 * paper form alike. The allowed changes of line l (or of the council-tax
 * line) are min, min + step, ... max: survey_budget_steps() says how many,
 * survey_budget_step() the i-th in hundredths of a percent.
 */
size_t survey_budget_steps(int min_bp, int max_bp, int step_bp);
int survey_budget_step(int min_bp, int step_bp, size_t i);
/*
 * The level whose meaning applies to a change of change_bp on l: the one
 * written for that change, else the nearest written one between 0 and it
 * (a cut of 15% has at least the effect written for 10%); NULL when none
 * applies (no change, or only bigger changes described).
 */
const struct survey_budget_level *survey_budget_level_applying(const struct survey_budget_line *l,
							       int change_bp);
/* What a council-tax rise of ct_bp costs a Band D home a year, in pence
 * (rounded to the nearest penny); 0 without a band-d figure. A week is the
 * year's figure / 52, rounded the same way (survey_budget_per_week()). */
long long survey_budget_band_d_cost(const struct survey_budget *b, int ct_bp);
long long survey_budget_per_week(long long per_year_pence);
/* Whether the change on c's line (changes[i] for line i, ct_bp for the
 * council-tax line) is what c's `when` says. */
int survey_budget_contradicts(const struct survey_budget *b,
			      const struct survey_budget_contradiction *c, const int *changes,
			      int ct_bp);

const struct survey_question *survey_find_question(const struct survey *s, const char *qid);
const struct survey_page *survey_find_page(const struct survey *s, const char *pid);

/*
 * Europe/London local date-time "YYYY-MM-DDTHH:MM[:SS]" or date "YYYY-MM-DD"
 * (midnight) to UTC, by the UK rule in force since 1996 (BST from 01:00 UTC
 * on the last Sunday of March to 01:00 UTC on the last Sunday of October).
 * Returns 0, or -1 for bad syntax, an impossible date, or a local time that
 * does not exist (the hour skipped in March). A time that happens twice (the
 * hour repeated in October) is taken as the first, in BST.
 */
int survey_london_time(const char *s, time_t *out);

/*
 * Normalise a UK postcode for comparison: upper case, inner spaces removed
 * then one space put before the inward code ("ll11 1aa" -> "LL11 1AA").
 * Returns 0, or -1 if it is not a full postcode in UK format or does not fit.
 */
int survey_postcode_normalise(const char *in, char *out, size_t outsz);
/* The area whose sector or district contains the postcode (sector first),
 * NULL if none or the postcode is malformed. */
const struct survey_area *survey_area_for_postcode(const struct survey *s, const char *postcode);

#endif
