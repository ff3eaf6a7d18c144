/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * redact: personal data → placeholders (see redact.h). The kinds run one
 * after the other, most specific first (an email holds a domain that looks
 * like a URL; a card number holds groups that look like a phone number), and
 * each pass rewrites the text the previous pass produced. A pattern finds
 * candidates; a check in C accepts, trims or rejects each one.
 * This file owns the patterns and their checks (contacts, addresses,
 * numbers, dates, vehicles) and the order of the passes; the name pass,
 * which works on words rather than patterns, is redact_names.c (through
 * redact_int.h). Uses core/ and PCRE2.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <ctype.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/utf8.h"
#include "text/redact.h"
#include "text/redact_int.h"

#define PASS_MAX (1 << 22) /* 4 MiB: far above the longest answer we accept */

static const char *const placeholders[REDACT_NKINDS] = {
    "[redacted email]",	  "[redacted url]",	      "[redacted ni]",	    "[redacted card]",
    "[redacted phone]",	  "[redacted postcode]",      "[redacted name]",    "[redacted handle]",
    "[redacted address]", "[redacted date of birth]", "[redacted vehicle]",
};

/* The order of the passes: most specific first (an email holds a domain; an
 * address may end in a postcode; a date of birth holds digits a phone check
 * would look at). Names last: they work on words, between the placeholders. */
static const enum redact_kind pass_order[REDACT_NKINDS] = {
    REDACT_EMAIL, REDACT_URL,	  REDACT_HANDLE,  REDACT_NI,	   REDACT_CARD, REDACT_DOB,
    REDACT_PHONE, REDACT_VEHICLE, REDACT_ADDRESS, REDACT_POSTCODE, REDACT_NAME,
};

/* A dot or "at" written out, as people do to hide an address from robots. */
#define OB_DOT                                                                                     \
	"(?:\\.|[ \\t]+\\.[ \\t]+|[ \\t]*[(\\[{][ \\t]*dot[ \\t]*[)\\]}][ \\t]*|[ \\t]+dot[ "      \
	"\\t]+)"
#define OB_AT "(?:[ \\t]*[(\\[{][ \\t]*at[ \\t]*[)\\]}][ \\t]*|[ \\t]+at[ \\t]+|[ \\t]*@[ \\t]*)"
#define MONTHS                                                                                     \
	"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"          \
	"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|ionawr|chwefror|mawrth"     \
	"|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr)"
#define STREET_EN                                                                                  \
	"(?:Street|St|Road|Rd|Lane|Avenue|Ave|Close|Drive|Crescent|Terrace|Place|Court|Gardens"    \
	"|Grove|Park|Hill|Row|Square|Walk|View|Mews|Rise|Way|Green|Parade|Estate|Meadows?|Vale"    \
	"|Fields|Heights|Bank|Cottages|Villas|Wharf)"
#define STREET_CY                                                                                  \
	"(?:Heol|Hewl|Stryd|Ffordd|Lôn|Lon|Rhodfa|Cilgant|Teras|Maes|Llys|Clos|Cae|Parc|Rhes|"    \
	"Bryn|Ffordd|Tai)"
#define CAPWORD "\\p{Lu}[\\p{L}'’-]*"

static const char *const patterns[REDACT_NKINDS] = {
    /* email, plain; or written out with "at"/"dot" and ending in a
     * top-level domain people use, so "met at the club" stays (the parts
     * are bounded: an unbounded repeat of a group runs out of JIT stack on
     * "a.a.a.…@") */
    "(?i)[\\w.+'-]*\\w@[\\w-]+(?:\\.[\\w-]+)*\\.[a-z]{2,}"
    "|(?i)\\b[\\w'+-]+(?:" OB_DOT "[\\w'+-]+){0,6}" OB_AT "[\\w-]+(?:" OB_DOT "[\\w-]+){0,5}" OB_DOT
    "(?:com|org|net|uk|cymru|wales|gov|ac|nhs|io|info|biz|ie|eu)\\b(?!/)",
    /* url: a scheme or www.; or a bare domain under a top-level domain
     * people give as an address (example.com, example.co.uk, x.cymru); or
     * any bare domain followed by a path (bit.ly/3xYz); or a lower-case
     * bare .net/.io/.biz domain (rhysjones.net). "ASP.NET", "asp.net",
     * "vb.net" and "Node.js" alone are names, not addresses. */
    "(?i)\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"\\[\\]]+"
    "|\\b(?:[a-z0-9-]{2,}\\.)+(?:com|org|info|wales|cymru|(?:co|org|gov|ac|nhs|ltd|me|police|sch)"
    "\\.uk)\\b"
    "(?:/[^\\s<>\"\\[\\]]*)?"
    "|\\b(?:[a-z0-9-]{2,}\\.)+[a-z]{2,6}/[^\\s<>\"\\[\\]]*"
    "|(?-i:\\b(?!(?:asp|vb|ado|odp|scala|dot|f|j)\\.)[a-z0-9-]{2,}\\.(?:net|io|biz)\\b(?!\\.\\w))",
    /* ni: two letters, three pairs of digits, A–D; prefix not validated */
    "(?i)\\b[A-Z]{2}[ -]?\\d{2}[ -]?\\d{2}[ -]?\\d{2}[ -]?[A-D]\\b",
    /* card: 4-4-4-4(-3) with one separator kind, 4-6-5, or 13–19 digits */
    "\\b(?:\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{1,3})?"
    "|\\d{4}([ -])\\d{6}\\2\\d{4,5}|\\d{13,19})\\b",
    /* phone: a UK number start, then digits and separators (checked in C);
     * long enough for eleven digits written one by one */
    "(?<![\\w+])(?:(?:\\+|00)[ ]?44[ -]?(?:\\(0\\)[ -]?)?\\(?|\\(?0[ .-]?)\\d[\\d "
    "\\t().-]{6,26}\\d",
    /* postcode: full (outward + inward; inward letters never C I K M O V),
     * or GIR 0AA. A district alone (SA1, CF10) is an area, not an address. */
    "(?i:\\b([A-Z]{1,2})\\d[A-Z\\d]?[ \\t]*\\d[ABD-HJLNP-UW-Z]{2}\\b|\\bGIR[ ]?0AA\\b)",
    /* name: done on words in C (name_pass) */
    NULL,
    /* handle: @name, not inside an email */
    "(?<![\\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?\\b",
    /* address: [Flat 3,] [No.] 22 Station Road; 23 Heol y Frenhines */
    "(?:\\b(?:Flat|Fflat|Apartment|Apt|Unit|Uned)[ \\t]+\\d{1,4}[A-Za-z]?,?[ \\t]+)?"
    "(?:\\b(?:No\\.?|Number|Rhif)[ \\t]*)?"
    "\\b\\d{1,4}[A-Za-z]?,?[ \\t]+"
    "(?:(?:" CAPWORD "[ \\t]+){1,3}" STREET_EN "\\b"
    "|" STREET_CY "(?:[ \\t]+(?:(?:y|yr|'r)[ \\t]+)?" CAPWORD "){1,3})",
    /* dob: a date after words that say it is a date of birth */
    "(?i)(?:\\bborn|\\bd\\.?o\\.?b\\b\\.?|\\bdate[ \\t]+of[ \\t]+birth|\\bbirth[ \\t]*date"
    "|\\bganwyd|\\bdyddiad[ \\t]+geni|\\bgeni)"
    "[ \\t]*[:–-]?[ \\t]*(?:(?:is|was|on|ar|yw|ydy|in)[ \\t]+)?(?:the[ \\t]+)?\\K"
    "(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})\\b"
    "|\\d{1,2}(?:st|nd|rd|th|af|ed|ydd)?[ \\t]+(?:of[ \\t]+)?" MONTHS "\\b,?[ \\t]+\\d{2,4}\\b"
    "|" MONTHS "[ \\t]+\\d{1,2}(?:st|nd|rd|th)?,?[ \\t]+\\d{4}\\b)",
    /* vehicle: current (AB12 CDE), prefix (P123 ABC), suffix (ABC 123D)
     * formats; checked in C (capitals, or words about a vehicle before) */
    "(?i)\\b[A-Z]{2}\\d{2}[ ]?[A-Z]{3}\\b"
    "|\\b[A-HJ-NP-Y]\\d{1,3}[ ]?[A-Z]{3}\\b"
    "|\\b[A-Z]{3}[ ]?\\d{1,3}[A-HJ-NP-Y]\\b",
};

/* UK postcode areas (Royal Mail), upper case. */
static const char *const postcode_areas[] = {
    "AB", "AL", "B",  "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF", "CH",
    "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E",
    "EC", "EH", "EN", "EX", "FK", "FY", "G",  "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR", "HS",
    "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L",  "LA", "LD", "LE", "LL",
    "LN", "LS", "LU", "M",  "ME", "MK", "ML", "N",  "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX",
    "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S",	"SA", "SE", "SG", "SK", "SL", "SM",
    "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW",
    "UB", "W",	"WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
};

const char *redact_placeholder(enum redact_kind k)
{
	return (unsigned)k < REDACT_NKINDS ? placeholders[k] : "[redacted]";
}

int redact_init(struct redactor *r)
{
	memset(r, 0, sizeof(*r));
	if (!redact_name_lists_sorted())
		return -1;
	for (int k = 0; k < REDACT_NKINDS; k++) {
		int err;
		PCRE2_SIZE off;
		pcre2_code *re;

		if (patterns[k] == NULL)
			continue;
		re = pcre2_compile((PCRE2_SPTR)patterns[k], PCRE2_ZERO_TERMINATED,
				   PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
		if (re == NULL) {
			log_error("redact: pattern %d does not compile at %zu", k, (size_t)off);
			redact_release(r);
			return -1;
		}
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
		r->re[k] = re;
	}
	r->md = pcre2_match_data_create(16, NULL);
	r->words = redact_words_new();
	if (r->md == NULL || r->words == NULL) {
		redact_release(r);
		return -1;
	}
	return 0;
}

void redact_release(struct redactor *r)
{
	for (int k = 0; k < REDACT_NKINDS; k++)
		if (r->re[k] != NULL)
			pcre2_code_free(r->re[k]);
	if (r->md != NULL)
		pcre2_match_data_free(r->md);
	free(r->words);
	memset(r, 0, sizeof(*r));
}

static int is_area(const char *s, size_t n)
{
	char up[3];

	if (n == 0 || n > 2)
		return 0;
	for (size_t i = 0; i < n; i++)
		up[i] = (char)toupper((unsigned char)s[i]);
	up[n] = '\0';
	for (size_t i = 0; i < sizeof(postcode_areas) / sizeof(postcode_areas[0]); i++)
		if (strcmp(up, postcode_areas[i]) == 0)
			return 1;
	return 0;
}

/* A date at the start of s: dd.mm.yyyy, dd-mm-yy and the like. */
static int is_date(const char *s, size_t n)
{
	if (n < 8 || !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
		return 0;
	if ((s[2] != '.' && s[2] != '-') || s[5] != s[2])
		return 0;
	return isdigit((unsigned char)s[6]) && isdigit((unsigned char)s[7]);
}

/*
 * Phone: the longest prefix of the candidate ending at the end of a digit
 * group whose digit count makes a UK number (0 + 9 or 10 digits; after
 * +44 / 0044, 9 or 10 digits, the "(0)" not counted). Returns its length,
 * or 0 when none fits. Dates (01.02.2020, 01-02-2020) are not numbers.
 */
static size_t phone_len(const char *s, size_t n)
{
	size_t i = 0, best = 0;
	int intl = 0, digits = 0;

	if (is_date(s, n))
		return 0;
	if (s[0] == '+' || (n > 1 && s[0] == '0' && s[1] == '0')) {
		intl = 1;
		i = s[0] == '+' ? 1 : 2;
		while (i < n && s[i] == ' ')
			i++;
		i += 2; /* "44" */
		while (i < n && s[i] == ' ')
			i++;
		if (i + 2 < n && s[i] == '(' && s[i + 1] == '0' && s[i + 2] == ')')
			i += 3;
	}
	for (; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			continue;
		digits++;
		if (i + 1 == n || !isdigit((unsigned char)s[i + 1])) {
			int ok =
			    intl ? (digits == 9 || digits == 10) : (digits == 10 || digits == 11);

			if (ok)
				best = i + 1;
			if (digits > 11)
				break;
		}
	}
	return best;
}

/* Words about a vehicle in the 40 bytes before `at`. */
static int vehicle_cue(const char *s, size_t at)
{
	static const char *const cues[] = {"reg",     "plate", "car",	    "van",
					   "vehicle", "lorry", "cofrestru", "fan ",
					   "motor",   "taxi",  "tacsi"};
	char low[48];
	size_t from = at > 40 ? at - 40 : 0, k = 0;

	for (size_t i = from; i < at && k + 1 < sizeof(low); i++)
		low[k++] = (char)tolower((unsigned char)s[i]);
	low[k] = '\0';
	for (size_t i = 0; i < sizeof(cues) / sizeof(cues[0]); i++)
		if (strstr(low, cues[i]) != NULL)
			return 1;
	return 0;
}

/* Check a candidate of kind k at s[so, eo): returns the bytes to replace
 * (start in *rs, end in *re_), or 0 to leave it alone. */
static int accept(enum redact_kind k, const char *s, PCRE2_SIZE *ov, int groups, size_t *rs,
		  size_t *re_)
{
	size_t so = ov[0], eo = ov[1];

	*rs = so;
	*re_ = eo;
	switch (k) {
	case REDACT_URL:
		while (*re_ > so && strchr(".,;:!?)'\"", s[*re_ - 1]) != NULL)
			(*re_)--;
		return *re_ > so;
	case REDACT_PHONE: {
		size_t len = phone_len(s + so, eo - so);

		if (len == 0)
			return 0;
		/* A bracket opened before the number is part of it: "(01978) 292 000". */
		*re_ = so + len;
		return 1;
	}
	case REDACT_POSTCODE:
		if (groups > 1 && ov[2] != PCRE2_UNSET)
			return is_area(s + ov[2], ov[3] - ov[2]);
		return 1; /* GIR 0AA */
	case REDACT_VEHICLE: {
		int upper = 1;

		for (size_t i = so; i < eo; i++)
			if (islower((unsigned char)s[i]))
				upper = 0;
		/* Current format in capitals stands alone; anything else needs
		 * a word about a vehicle before it ("reg P123 ABC"). */
		if (upper && isalpha((unsigned char)s[so + 1]) && isdigit((unsigned char)s[so + 2]))
			return 1;
		return vehicle_cue(s, so);
	}
	default:
		return 1;
	}
}

/* One pass of kind k over s[0,n), appending to out. Returns replacements or -1. */
static int redact_pass(struct redactor *r, enum redact_kind k, const char *s, size_t n,
		       struct buf *out)
{
	size_t off = 0, copied = 0;
	int count = 0;

	if (k == REDACT_NAME)
		return redact_name_pass(r, s, n, out);
	while (off < n) {
		int rc = pcre2_match(r->re[k], (PCRE2_SPTR)s, n, off, 0, r->md, NULL);
		PCRE2_SIZE *ov;
		size_t rs, re_;

		if (rc == PCRE2_ERROR_NOMATCH)
			break;
		if (rc < 0)
			return -1;
		ov = pcre2_get_ovector_pointer(r->md);
		if (ov[1] < ov[0]) /* \K after the end: cannot happen here, stay safe */
			return -1;
		if (!accept(k, s, ov, rc, &rs, &re_)) {
			off = utf8_next(s, n, ov[0]);
			continue;
		}
		if (buf_append(out, s + copied, rs - copied) < 0 ||
		    buf_puts(out, placeholders[k]) < 0)
			return -1;
		count++;
		copied = re_;
		off = re_ > ov[0] ? re_ : utf8_next(s, n, ov[0]);
	}
	if (buf_append(out, s + copied, n - copied) < 0)
		return -1;
	return count;
}

/* What a text holds that a kind needs: most answers have no '@', few
 * digits and no web address, and skip most passes (a pattern tried at
 * every byte is the cost of redaction). */
struct features {
	size_t digits;
	int at;	 /* '@', or "at" in brackets or between blanks */
	int dot; /* '.' before a letter or digit or between blanks, or "dot" */
};

static int word_at(const char *s, size_t n, size_t i, const char *w)
{
	size_t l = strlen(w);

	if (i + l > n)
		return 0;
	for (size_t k = 0; k < l; k++)
		if (tolower((unsigned char)s[i + k]) != w[k])
			return 0;
	return 1;
}

static void features_of(const char *s, size_t n, struct features *f)
{
	memset(f, 0, sizeof(*f));
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= '0' && c <= '9')
			f->digits++;
		else if (c == '@')
			f->at = 1;
		else if (c == '.' && i + 1 < n &&
			 (isalnum((unsigned char)s[i + 1]) ||
			  (i > 0 && s[i - 1] == ' ' && s[i + 1] == ' ')))
			f->dot = 1; /* "example.com", "hotmail . co . uk" */
		else if (c == ' ' || c == '\t' || c == '(' || c == '[' || c == '{') {
			if (word_at(s, n, i + 1, "at") && i + 3 < n &&
			    strchr(" \t)]}", s[i + 3]) != NULL)
				f->at = 1;
			if (word_at(s, n, i + 1, "dot") && i + 4 < n &&
			    strchr(" \t)]}", s[i + 4]) != NULL)
				f->dot = 1;
		}
	}
}

/* Can kind k find anything in a text with features f? */
static int may_hold(enum redact_kind k, const struct features *f)
{
	switch (k) {
	case REDACT_EMAIL:
		return f->at && f->dot;
	case REDACT_URL:
		return f->dot;
	case REDACT_HANDLE:
		return f->at;
	case REDACT_NI:
		return f->digits >= 6;
	case REDACT_CARD:
		return f->digits >= 13;
	case REDACT_PHONE:
		return f->digits >= 9;
	case REDACT_POSTCODE:
	case REDACT_ADDRESS:
	case REDACT_DOB:
	case REDACT_VEHICLE:
		return f->digits > 0;
	default:
		return 1;
	}
}

int redact_text(struct redactor *r, const char *s, size_t n, struct buf *out)
{
	struct features f;

	struct buf a, b;
	int total = 0, rc = 0;

	buf_init(&a, PASS_MAX);
	buf_init(&b, PASS_MAX);
	if (buf_append(&a, s, n) < 0)
		rc = -1;
	features_of(s, n, &f);
	for (int p = 0; p < REDACT_NKINDS && rc == 0; p++) {
		int c;
		struct buf t;

		if (!may_hold(pass_order[p], &f))
			continue;
		buf_reset(&b);
		c = redact_pass(r, pass_order[p], a.data ? a.data : "", a.len, &b);
		if (c < 0) {
			rc = -1;
			break;
		}
		total += c;
		t = a;
		a = b;
		b = t;
	}
	if (rc == 0 && buf_append(out, a.data ? a.data : "", a.len) < 0)
		rc = -1;
	buf_release(&a);
	buf_release(&b);
	return rc < 0 ? -1 : total;
}
