/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * redact: personal data → placeholders (see redact.h). The kinds run one
 * after the other, most specific first (an email holds a domain that looks
 * like a URL; a card number holds groups that look like a phone number), and
 * each pass rewrites the text the previous pass produced. A pattern finds
 * candidates; a check in C accepts, trims or rejects each one.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <ctype.h>
#include <pcre2.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "text/redact.h"

#define PASS_MAX (1 << 22) /* 4 MiB: far above the longest answer we accept */

static const char *const placeholders[REDACT_NKINDS] = {
    "[redacted email]", "[redacted url]",      "[redacted ni]",	  "[redacted card]",
    "[redacted phone]", "[redacted postcode]", "[redacted name]",
};

static const char *const patterns[REDACT_NKINDS] = {
    /* email */
    "(?i)[\\w.+'-]*\\w@[\\w-]+(?:\\.[\\w-]+)*\\.[a-z]{2,}",
    /* url: a scheme or www.; or a bare domain under a top-level domain
     * people give as an address (example.com, example.co.uk, x.cymru); or
     * any bare domain followed by a path (bit.ly/3xYz). "ASP.NET" and
     * "Node.js" alone are names, not addresses. */
    "(?i)\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"\\[\\]]+"
    "|\\b(?:[a-z0-9-]{2,}\\.)+(?:com|org|info|wales|cymru|(?:co|org|gov|ac|nhs|ltd|me|police|sch)"
    "\\.uk)\\b"
    "(?:/[^\\s<>\"\\[\\]]*)?"
    "|\\b(?:[a-z0-9-]{2,}\\.)+[a-z]{2,6}/[^\\s<>\"\\[\\]]*",
    /* ni: two letters, three pairs of digits, A–D; prefix not validated */
    "(?i)\\b[A-Z]{2}[ -]?\\d{2}[ -]?\\d{2}[ -]?\\d{2}[ -]?[A-D]\\b",
    /* card: 4-4-4-4(-3) with one separator kind, 4-6-5, or 13–19 digits */
    "\\b(?:\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{1,3})?"
    "|\\d{4}([ -])\\d{6}\\2\\d{4,5}|\\d{13,19})\\b",
    /* phone: a UK number start, then digits and separators (checked in C) */
    "(?<![\\w+])(?:(?:\\+|00)[ ]?44[ -]?(?:\\(0\\)[ -]?)?\\(?|\\(?0)\\d[\\d \\t().-]{6,16}\\d",
    /* postcode: full (outward + inward; inward letters never C I K M O V),
     * GIR 0AA, or an outward code alone in capitals with a two-letter area */
    "(?i:\\b([A-Z]{1,2})\\d[A-Z\\d]?[ \\t]*\\d[ABD-HJLNP-UW-Z]{2}\\b|\\bGIR[ ]?0AA\\b)"
    "|\\b([A-Z]{2})(?:\\d{1,2}|\\d[A-Z])\\b",
    /* name: up to three capitalised words after a title */
    "\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Prof|Professor|Sir|Dame|Rev|Revd"
    "|MR|MRS|DR|CLLR)\\b\\.?[ \\t]+"
    "(\\p{Lu}[\\p{L}'’-]*\\.?(?:[ \\t]+\\p{Lu}[\\p{L}'’-]*\\.?){0,2})",
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

/* Capitalised words that follow a title without being a name ("Dr I think",
 * "Mr And Mrs"): sentence starters and function words. */
static const char *const not_names[] = {
    "A",      "About", "After", "Again", "All",	  "Also",   "An",   "And",  "Are",  "As",
    "At",     "But",   "By",	"Came",	 "Could", "Did",    "Do",   "For",  "From", "Gave",
    "Had",    "Has",   "Have",	"He",	 "Her",	  "His",    "How",  "I",    "If",   "In",
    "Is",     "It",    "Just",	"My",	 "No",	  "Not",    "Of",   "On",   "Or",   "Our",
    "Please", "Said",  "She",	"So",	 "Thank", "Thanks", "That", "The",  "Then", "There",
    "They",   "This",  "To",	"Told",	 "Very",  "Was",    "We",   "Were", "What", "When",
    "Who",    "Will",  "With",	"Would", "Yes",	  "You",    "Your", "OK",   "Ok",
};

const char *redact_placeholder(enum redact_kind k)
{
	return (unsigned)k < REDACT_NKINDS ? placeholders[k] : "[redacted]";
}

int redact_init(struct redactor *r)
{
	memset(r, 0, sizeof(*r));
	for (int k = 0; k < REDACT_NKINDS; k++) {
		int err;
		PCRE2_SIZE off;
		pcre2_code *re = pcre2_compile((PCRE2_SPTR)patterns[k], PCRE2_ZERO_TERMINATED,
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
	if (r->md == NULL) {
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

static int is_not_name(const char *s, size_t n)
{
	size_t x = 0;

	if (n == 2 && s[1] == '.')
		return 0; /* an initial: "Dr. A. Khan" */
	while (n > 0 && s[n - 1] == '.')
		n--;
	/* "Dr XXX": already masked by the writer. */
	while (x < n && s[x] == 'X')
		x++;
	if (n > 0 && x == n)
		return 1;
	for (size_t i = 0; i < sizeof(not_names) / sizeof(not_names[0]); i++)
		if (strlen(not_names[i]) == n && memcmp(not_names[i], s, n) == 0)
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
		if (groups > 2 && ov[4] != PCRE2_UNSET)
			return is_area(s + ov[4], ov[5] - ov[4]);
		return 1; /* GIR 0AA */
	case REDACT_NAME: {
		/* Keep the title; drop trailing words that are not names. */
		size_t ws = ov[2], we = ov[3], w = ws, last_ok = ws;

		while (w < we) {
			size_t e = w;

			while (e < we && s[e] != ' ' && s[e] != '\t')
				e++;
			if (is_not_name(s + w, e - w))
				break;
			last_ok = e;
			while (e < we && (s[e] == ' ' || s[e] == '\t'))
				e++;
			w = e;
		}
		if (last_ok == ws)
			return 0;
		*rs = ws;
		*re_ = last_ok;
		return 1;
	}
	default:
		return 1;
	}
}

/* Step past one UTF-8 character. */
static size_t next_char(const char *s, size_t n, size_t i)
{
	i++;
	while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* One pass of kind k over s[0,n), appending to out. Returns replacements or -1. */
static int redact_pass(struct redactor *r, enum redact_kind k, const char *s, size_t n,
		       struct buf *out)
{
	size_t off = 0, copied = 0;
	int count = 0;

	while (off < n) {
		int rc = pcre2_match(r->re[k], (PCRE2_SPTR)s, n, off, 0, r->md, NULL);
		PCRE2_SIZE *ov;
		size_t rs, re_;

		if (rc == PCRE2_ERROR_NOMATCH)
			break;
		if (rc < 0)
			return -1;
		ov = pcre2_get_ovector_pointer(r->md);
		if (!accept(k, s, ov, rc, &rs, &re_)) {
			off = next_char(s, n, ov[0]);
			continue;
		}
		if (buf_append(out, s + copied, rs - copied) < 0 ||
		    buf_puts(out, placeholders[k]) < 0)
			return -1;
		count++;
		copied = re_;
		off = re_ > ov[0] ? re_ : next_char(s, n, ov[0]);
	}
	if (buf_append(out, s + copied, n - copied) < 0)
		return -1;
	return count;
}

int redact_text(struct redactor *r, const char *s, size_t n, struct buf *out)
{
	struct buf a, b;
	int total = 0, rc = 0;

	buf_init(&a, PASS_MAX);
	buf_init(&b, PASS_MAX);
	if (buf_append(&a, s, n) < 0)
		rc = -1;
	for (int k = 0; k < REDACT_NKINDS && rc == 0; k++) {
		int c;
		struct buf t;

		buf_reset(&b);
		c = redact_pass(r, (enum redact_kind)k, a.data ? a.data : "", a.len, &b);
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
