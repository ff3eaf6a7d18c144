/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * redact_names: the name pass of redaction (see redact.h for the rules):
 * the words of an answer are scanned, names are found by their context
 * (titles, "my son ...", listed first names and surnames, lists of names)
 * and each run of name words becomes "[redacted name]". The word lists are
 * here; the listed names are the generated redact_names.h. Called by
 * redact.c through redact_int.h; uses core/ only.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/utf8.h"
#include "text/redact.h"
#include "text/redact_int.h"
#include "text/redact_names.h"

/*
 * Words that never start or continue a name, lower case, sorted by bytes
 * (bsearch): function words and sentence starters in English and Welsh
 * ("Dr I think", "Mr And Mrs", "my son is"), and words that follow a title
 * in product and place names ("Mr Men", "Dr Martens", "MS Excel", "Sir Gâr").
 */
static const char *const not_names[] = {
    "a",	   "about",  "access",	   "after",	 "again",	"all",	      "also",
    "am",	   "an",     "and",	   "any",	 "ar",		"are",	      "as",
    "at",	   "bean",   "benfro",	   "blobby",	 "brain",	"but",	      "by",
    "came",	   "can",    "can't",	   "ceredigion", "conwy",	"could",      "ddim",
    "ddinbych",	   "did",    "didn't",	   "do",	 "does",	"don't",      "drefaldwyn",
    "dydd",	   "ei",     "eich",	   "ein",	 "every",	"excel",      "faesyfed",
    "feirionnydd", "fflint", "fon",	   "for",	 "forgannwg",	"forms",      "from",
    "frycheiniog", "fy",     "fynwy",	   "fôn",	 "gaerfyrddin", "gaernarfon", "gave",
    "gwynedd",	   "gâr",    "had",	   "has",	 "have",	"he",	      "he's",
    "her",	   "here",   "his",	   "how",	 "i",		"i'd",	      "i'll",
    "i'm",	   "i've",   "if",	   "in",	 "is",		"it",	      "it's",
    "its",	   "just",   "kipling",	   "mae",	 "maen",	"martens",    "may",
    "me",	   "men",    "motivator",  "muscle",	 "my",		"mynwy",      "na",
    "nhw",	   "no",     "not",	   "now",	 "o",		"oetker",     "of",
    "office",	   "ok",     "on",	   "or",	 "our",		"outlook",    "paint",
    "pepper",	   "please", "powerpoint", "powys",	 "said",	"says",	      "seuss",
    "she",	   "she's",  "sheen",	   "should",	 "so",		"some",	      "still",
    "teams",	   "thank",  "thanks",	   "that",	 "the",		"their",      "them",
    "then",	   "there",  "they",	   "they're",	 "this",	"to",	      "told",
    "too",	   "tumble", "very",	   "was",	 "we",		"we're",      "we've",
    "were",	   "what",   "when",	   "which",	 "who",		"why",	      "will",
    "windows",	   "with",   "word",	   "would",	 "wrexham",	"y",	      "yes",
    "yn",	   "ynys",   "you",	   "you're",	 "your",	"yr",	      "yw",
};

/* Words that make a capitalised pair a place or an organisation, not a
 * person: "Rose Hill Road", "Grace Church", "Ysgol Syr Hugh Owen". */
static const char *const place_words[] = {
    "academy",	"arms",		 "avenue",     "bank",	  "bay",      "bridge",	 "building",
    "canolfan", "castell",	 "centre",     "church",  "clinic",   "close",	 "coleg",
    "college",	"comprehensive", "council",    "court",	  "crescent", "cyngor",	 "drive",
    "estate",	"ffordd",	 "foundation", "gardens", "hall",     "heol",	 "hospital",
    "hostel",	"house",	 "institute",  "lane",	  "library",  "lôn",	 "medical",
    "memorial", "neuadd",	 "parc",       "park",	  "place",    "plas",	 "practice",
    "primary",	"road",		 "saint",      "school",  "square",   "st",	 "stadium",
    "station",	"street",	 "stryd",      "surgery", "syr",      "terrace", "trust",
    "tŷ",	"unit",		 "university", "ward",	  "way",      "wing",	 "ysbyty",
    "ysgol",
};

/* Titles after which any capitalised word is a name (strong); titles after
 * which only a listed name is ("Sister Act", "Doctor Who", "Sir Benfro"). */
static const char *const titles_strong[] = {
    "cllr",	 "councillor", "cyng",	    "cynghorwyr", "cynghorydd", "dr",
    "miss",	 "mr",	       "mrs",	    "ms",	  "mx",		"parch",
    "parchedig", "prof",       "professor", "rev",	  "revd",	"reverend",
};
static const char *const titles_weak[] = {
    "auntie", "brother", "cpn",	 "dame",     "doctor", "father", "inspector", "matron", "midwife",
    "nurse",  "pc",	 "pcso", "sergeant", "sgt",    "sir",	 "sister",    "syr",	"uncle",
};

/* Words after which a name follows (strong: any capitalised word; weak:
 * only a listed name). Relations are strong after "my"/"our"/"fy"… */
static const char *const relations[] = {
    "aunt",	     "auntie",	  "boss",     "boyfriend",  "brother",	  "carer",    "chwaer",
    "colleague",     "cousin",	  "dad",      "daughter",   "father",	  "ffrind",   "fiance",
    "fiancee",	     "fiancé",	  "fiancée",  "friend",	    "girlfriend", "gran",     "grandad",
    "granddaughter", "grandma",	  "grandson", "husband",    "landlady",	  "landlord", "mab",
    "mam",	     "merch",	  "mother",   "mrawd",	    "mum",	  "nain",     "nan",
    "neighbor",	     "neighbour", "nephew",   "nghymdoges", "nghymydog",  "ngwr",     "ngwraig",
    "ngŵr",	     "nhad",	  "niece",    "partner",    "sister",	  "son",      "taid",
    "uncle",	     "wife",	  "wyr",      "wyres",	    "ŵyr",
};

/* ---- word scanning ------------------------------------------------------- */

#define KEY_MAX 48   /* bytes of a lower-cased word kept for look-ups */
#define TOK_MAX 8192 /* words looked at per answer; the rest is left as is */

struct tok {
	size_t s, e;	    /* bytes of the word */
	char key[KEY_MAX];  /* lower case, possessive 's dropped */
	unsigned char cap;  /* starts with a capital */
	unsigned char caps; /* all capitals (two letters or more) */
	unsigned char digit;
	unsigned char mark;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int in_set(const char *const *set, size_t n, const char *key)
{
	return bsearch(&key, set, n, sizeof(*set), cmp_str) != NULL;
}

#define IN(set, key) in_set(set, sizeof(set) / sizeof(set[0]), key)

static int cmp_name(const void *a, const void *b)
{
	return strcmp((const char *)a, ((const struct redact_name *)b)->s);
}

/* Flags of a listed name (RN_*), or 0. */
static int name_flags(const char *key)
{
	const struct redact_name *n =
	    bsearch(key, redact_names, sizeof(redact_names) / sizeof(redact_names[0]),
		    sizeof(redact_names[0]), cmp_name);

	return n != NULL ? n->f : 0;
}

/* Letters: ASCII letters and any multibyte UTF-8 character except the
 * punctuation of U+2000–U+206F (E2 80/81 xx: quotes, dashes). */
static size_t letter_len(const unsigned char *s, size_t n, size_t i)
{
	if (s[i] < 0x80)
		return isalpha(s[i]) ? 1 : 0;
	if (s[i] == 0xE2 && i + 1 < n && (s[i + 1] == 0x80 || s[i + 1] == 0x81))
		return 0;
	return utf8_decode((const char *)s + i, n - i, NULL);
}

/* A capital: A–Z, Latin-1 capitals (C3 80–9E but ×), Ŵ Ŷ (C5 B4, C5 B6). */
static int is_capital(const unsigned char *s, size_t n, size_t i)
{
	if (s[i] < 0x80)
		return s[i] >= 'A' && s[i] <= 'Z';
	if (i + 1 >= n)
		return 0;
	if (s[i] == 0xC3)
		return s[i + 1] >= 0x80 && s[i + 1] <= 0x9E && s[i + 1] != 0x97;
	if (s[i] == 0xC5)
		return s[i + 1] == 0xB4 || s[i + 1] == 0xB6;
	return 0;
}

/* Fill t->key from s[t->s, t->e): lower case, Latin-1 capitals folded, a
 * final 's or ’s dropped, ’ written as '. */
static void make_key(const unsigned char *s, struct tok *t)
{
	size_t k = 0, i = t->s, e = t->e;

	if (e - i > 2 && s[e - 1] == 's' && s[e - 2] == '\'')
		e -= 2;
	else if (e - i > 4 && s[e - 1] == 's' && s[e - 2] == 0x99 && s[e - 3] == 0x80 &&
		 s[e - 4] == 0xE2)
		e -= 4;
	while (i < e && k + 4 < KEY_MAX) {
		unsigned char c = s[i];

		if (c == 0xE2 && i + 2 < e && s[i + 1] == 0x80 && s[i + 2] == 0x99) {
			t->key[k++] = '\'';
			i += 3;
		} else if (c == 0xC3 && i + 1 < e && s[i + 1] >= 0x80 && s[i + 1] <= 0x9E &&
			   s[i + 1] != 0x97) {
			t->key[k++] = (char)c;
			t->key[k++] = (char)(s[i + 1] + 0x20);
			i += 2;
		} else if (c == 0xC5 && i + 1 < e && (s[i + 1] == 0xB4 || s[i + 1] == 0xB6)) {
			t->key[k++] = (char)c;
			t->key[k++] = (char)(s[i + 1] + 1);
			i += 2;
		} else {
			t->key[k++] = (char)tolower(c);
			i++;
		}
	}
	t->key[k] = '\0';
}

/*
 * Split s into words: letters, digits, and ' ’ - inside a word. Returns the
 * number of words (at most max). Placeholders already written ("[redacted
 * phone]") are words in brackets and never start a name.
 */
static size_t scan_words(const char *str, size_t n, struct tok *w, size_t max)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, c = 0;

	while (i < n && c < max) {
		size_t l = letter_len(s, n, i);

		if (l == 0 && !isdigit(s[i])) {
			i++;
			continue;
		}
		struct tok *t = &w[c];
		int letters = 0, upper = 0;

		t->s = i;
		t->digit = 0;
		t->mark = 0;
		t->cap = (unsigned char)is_capital(s, n, i);
		while (i < n) {
			l = letter_len(s, n, i);
			if (l > 0) {
				letters++;
				upper += is_capital(s, n, i);
				i += l;
			} else if (isdigit(s[i])) {
				t->digit = 1;
				i++;
			} else if ((s[i] == '\'' || s[i] == '-') && i + 1 < n &&
				   letter_len(s, n, i + 1) > 0) {
				i++;
			} else if (s[i] == 0xE2 && i + 3 < n && s[i + 1] == 0x80 &&
				   s[i + 2] == 0x99 && letter_len(s, n, i + 3) > 0) {
				i += 3;
			} else {
				break;
			}
		}
		t->e = i;
		t->caps = letters >= 2 && upper == letters;
		make_key(s, t);
		c++;
	}
	return c;
}

/* What lies between words a and a+1: only blanks (1), blanks with one
 * comma, "&" or "." (2), or anything else (0). */
static int gap(const char *s, const struct tok *w, size_t a)
{
	size_t i = w[a].e, e = w[a + 1].s;
	int punct = 0;

	for (; i < e; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if ((s[i] == ',' || s[i] == '&' || s[i] == '.') && !punct) {
			punct = 1;
			continue;
		}
		return 0;
	}
	return punct ? 2 : 1;
}

static int gap_char(const char *s, const struct tok *w, size_t a, char c)
{
	for (size_t i = w[a].e; i < w[a + 1].s; i++)
		if (s[i] == c)
			return 1;
	return 0;
}

static int is_particle(const char *k)
{
	static const char *const p[] = {"ab",  "al",	"ap",  "bin", "da",  "de",
					"del", "della", "den", "der", "di",  "dos",
					"du",  "el",	"la",  "le",  "van", "von"};

	return IN(p, k);
}

/* A name masked by hand before us: "Dr XXXX". */
static int masked(const struct tok *t)
{
	size_t i = 0;

	while (t->key[i] == 'x')
		i++;
	return i >= 2 && t->key[i] == '\0';
}

/* A word that may follow a title as a name: capitalised, no digit, not a
 * function word ("Dr I think") nor a name already masked. */
static int title_word(const struct tok *t)
{
	return t->cap && !t->digit && !IN(not_names, t->key) && !masked(t);
}

/* A word that may be part of a name once a name has started: a title word
 * that is not a place word either ("Cherry Ward", "Hugh Owen School"). */
static int name_word(const struct tok *t)
{
	return title_word(t) && !IN(place_words, t->key);
}

/* A listed name usable as the first word after a weak cue. */
static int listed(const struct tok *t, int allow_common)
{
	int f = name_flags(t->key);

	if (f == 0 || t->digit || IN(relations, t->key))
		return 0;
	return allow_common || !(f & RN_COMMON);
}

/*
 * Mark w[i] and the name words after it (up to 4 words in all: "Sian
 * Gwenllian ap Iorwerth"), joined by blanks (or ". " after an initial).
 * Lower-case words continue the name only when listed (mr smith jones).
 * Returns the index after the last word marked.
 */
static size_t mark_from(const char *s, struct tok *w, size_t nw, size_t i, int lower_ok)
{
	size_t words = 0;

	w[i].mark = 1;
	words = 1;
	while (i + 1 < nw && words < 4) {
		size_t j = i + 1;
		int g = gap(s, w, i);
		int initial = w[i].e - w[i].s == 1 && w[i].cap && gap_char(s, w, i, '.');

		if (g == 0 || (g == 2 && !initial))
			break;
		if (is_particle(w[j].key) && !w[j].cap && j + 1 < nw && gap(s, w, j) == 1 &&
		    name_word(&w[j + 1])) {
			w[j].mark = 1;
			w[j + 1].mark = 1;
			i = j + 1;
			words++;
			continue;
		}
		if (name_word(&w[j]) && (w[j].caps == w[i].caps || !w[i].cap)) {
			w[j].mark = 1;
			i = j;
			words++;
			continue;
		}
		if (lower_ok && !w[j].cap && !IN(not_names, w[j].key) && listed(&w[j], 0)) {
			w[j].mark = 1;
			i = j;
			words++;
			continue;
		}
		break;
	}
	return i + 1;
}

static int key_is(const struct tok *w, size_t nw, size_t i, const char *k)
{
	return i < nw && strcmp(w[i].key, k) == 0;
}

/*
 * The cue before word i: 2 a strong one (any capitalised word after it is a
 * name, a listed lower-case one too), 1 a weak one (a listed name only),
 * 0 none.
 */
static int cue_before(const char *s, const struct tok *w, size_t nw, size_t i)
{
	size_t p = i; /* the word before any "is"/"was"/"called"/"," */

	if (i == 0)
		return 0;
	p = i - 1;
	/* "my neighbour is Dave", "my son, Osian", "my wife called Catrin" */
	if ((key_is(w, nw, p, "is") || key_is(w, nw, p, "was") || key_is(w, nw, p, "called") ||
	     key_is(w, nw, p, "named") || key_is(w, nw, p, "yw") || key_is(w, nw, p, "ydy")) &&
	    p > 0)
		p--;
	else if (gap(s, w, p) == 2 && gap_char(s, w, p, ',') && p > 0 && IN(relations, w[p].key))
		; /* "My daughter, Ffion," */
	else if (gap(s, w, p) != 1)
		return 0;
	if (IN(relations, w[p].key)) {
		if (p > 0 && (key_is(w, nw, p - 1, "my") || key_is(w, nw, p - 1, "our") ||
			      key_is(w, nw, p - 1, "fy") || key_is(w, nw, p - 1, "ein") ||
			      key_is(w, nw, p - 1, "his") || key_is(w, nw, p - 1, "her") ||
			      key_is(w, nw, p - 1, "ei")))
			return 2;
		if (strcmp(w[p].key, "neighbour") == 0 || strcmp(w[p].key, "nghymydog") == 0)
			return 2;
		return 1;
	}
	/* "my name is", "fy enw i yw", "o'r enw" */
	if (key_is(w, nw, p, "name") && p > 0 && key_is(w, nw, p - 1, "my"))
		return 2;
	if (key_is(w, nw, p, "enw") ||
	    (key_is(w, nw, p, "i") && p > 0 && key_is(w, nw, p - 1, "enw")))
		return 2;
	if (p != i - 1 && (key_is(w, nw, i - 1, "called") || key_is(w, nw, i - 1, "named")))
		return 1;
	if (key_is(w, nw, i - 1, "called") || key_is(w, nw, i - 1, "named"))
		return 1;
	/* "thanks to", "thank you to", "diolch (yn fawr) i", "spoke to",
	 * "speak to/with", "ask for", "seen by", "contact" */
	if (gap(s, w, i - 1) != 1)
		return 0;
	if (key_is(w, nw, i - 1, "to") && i >= 2 &&
	    (key_is(w, nw, i - 2, "thanks") || key_is(w, nw, i - 2, "you") ||
	     key_is(w, nw, i - 2, "spoke") || key_is(w, nw, i - 2, "speak") ||
	     key_is(w, nw, i - 2, "talk") || key_is(w, nw, i - 2, "talked") ||
	     key_is(w, nw, i - 2, "pass") || key_is(w, nw, i - 2, "wrote") ||
	     key_is(w, nw, i - 2, "write") || key_is(w, nw, i - 2, "complained") ||
	     key_is(w, nw, i - 2, "grateful")))
		return 1;
	if (key_is(w, nw, i - 1, "you") && i >= 2 && key_is(w, nw, i - 2, "thank"))
		return 1;
	if (key_is(w, nw, i - 1, "i") && i >= 2 &&
	    (key_is(w, nw, i - 2, "diolch") || key_is(w, nw, i - 2, "fawr")))
		return 1;
	if ((key_is(w, nw, i - 1, "with") || key_is(w, nw, i - 1, "â") ||
	     key_is(w, nw, i - 1, "gyda")) &&
	    i >= 2 &&
	    (key_is(w, nw, i - 2, "spoke") || key_is(w, nw, i - 2, "speak") ||
	     key_is(w, nw, i - 2, "siaradais") || key_is(w, nw, i - 2, "met")))
		return 1;
	if (key_is(w, nw, i - 1, "for") && i >= 2 &&
	    (key_is(w, nw, i - 2, "ask") || key_is(w, nw, i - 2, "asked")))
		return 1;
	if (key_is(w, nw, i - 1, "by") && i >= 2 &&
	    (key_is(w, nw, i - 2, "seen") || key_is(w, nw, i - 2, "helped") ||
	     key_is(w, nw, i - 2, "visited") || key_is(w, nw, i - 2, "treated")))
		return 1;
	if (key_is(w, nw, i - 1, "thanks") || key_is(w, nw, i - 1, "diolch") ||
	    key_is(w, nw, i - 1, "contact") || key_is(w, nw, i - 1, "cc") ||
	    key_is(w, nw, i - 1, "dear") || key_is(w, nw, i - 1, "annwyl") ||
	    key_is(w, nw, i - 1, "hi") || key_is(w, nw, i - 1, "hello") ||
	    key_is(w, nw, i - 1, "and") || key_is(w, nw, i - 1, "or"))
		return key_is(w, nw, i - 1, "and") || key_is(w, nw, i - 1, "or") ? 0 : 1;
	return 0;
}

/* Can a lower-case name follow word i-1: after a relation ("my son
 * osian") or after "is", "was", "called", "named", "yw", "ydy", "enw", "i". */
static int lower_cue(const struct tok *w, size_t i)
{
	static const char *const lead[] = {"called", "enw", "i", "is", "named", "was", "ydy", "yw"};

	if (i == 0 || w[i - 1].digit)
		return 0;
	return IN(lead, w[i - 1].key) || IN(relations, w[i - 1].key);
}

/* Is word i a title, and which kind: 2 strong, 1 weak, 0 not. "miss", "ms"
 * and "mx" count only written as titles ("I miss Tom", "MS Teams"). */
static int title_at(const struct tok *w, size_t i)
{
	const char *k = w[i].key;

	if (w[i].digit || w[i].e - w[i].s > 10)
		return 0;
	if (IN(titles_strong, k)) {
		if ((strcmp(k, "miss") == 0 || strcmp(k, "mx") == 0) && !w[i].cap)
			return 0;
		if ((strcmp(k, "miss") == 0 || strcmp(k, "ms") == 0 || strcmp(k, "mx") == 0) &&
		    w[i].caps)
			return 0;
		return 2;
	}
	if (IN(titles_weak, k) && w[i].cap &&
	    (!w[i].caps || strcmp(k, "pc") == 0 || strcmp(k, "pcso") == 0 || strcmp(k, "cpn") == 0))
		return 1;
	return 0;
}

/* Is the word before i (or before the title before i) an institution or a
 * place word: "Ysgol Syr Hugh Owen", "Ysbyty Glan Clwyd". */
static int after_place(const struct tok *w, size_t i)
{
	return i > 0 && IN(place_words, w[i - 1].key) && w[i - 1].cap;
}

/* Is the word after the name ending before j a place word: "Hugh Owen
 * School", "John Frost Square". */
static int before_place(const struct tok *w, size_t nw, size_t j)
{
	return j < nw && w[j].cap && IN(place_words, w[j].key);
}

/* Words after a titled name that make it the name of a practice. */
static const char *const practice_words[] = {
    "center", "centre", "clinic", "health", "medical", "practice", "surgery",
};

static void unmark(struct tok *w, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		w[k].mark = 0;
}

/* After a title at word i (t: 2 strong, 1 weak, title_at()): mark the
 * name it introduces, "Dr Jones", "Mrs de la Cruz", "Cllr Dafydd". */
static void title_name(const char *s, struct tok *w, size_t nw, size_t i, int t)
{
	size_t j = i + 1, end;

	/* "Mr. Jones", "Dr Jones": blanks or one dot between */
	if (gap(s, w, i) == 0 || (gap(s, w, i) == 2 && !gap_char(s, w, i, '.')))
		return;
	/* "Y Cynghorydd Sir Dafydd": skip "Sir" after a councillor title */
	if (t == 2 && is_particle(w[j].key) && !w[j].cap) {
		/* "Mrs de la Cruz", "Mr de Souza" */
		size_t k = j;

		while (k < nw && is_particle(w[k].key) && !w[k].cap)
			k++;
		if (k < nw && name_word(&w[k])) {
			for (size_t m = j; m < k; m++)
				w[m].mark = 1;
			mark_from(s, w, nw, k, !w[i].cap);
		}
		return;
	}
	if (t == 2) {
		int lower_title = !w[i].cap;

		int initial =
		    w[j].e - w[j].s == 1 && w[j].cap && j + 1 < nw && gap_char(s, w, j, '.');

		end = j;
		if (initial ||
		    (title_word(&w[j]) && !(w[j].caps && !w[i].caps && w[j].e - w[j].s > 1)))
			end = mark_from(s, w, nw, j, lower_title);
		else if (!w[j].cap && !w[j].digit && !IN(not_names, w[j].key) && listed(&w[j], 0))
			end = mark_from(s, w, nw, j, 1);
		else if (w[j].caps && w[i].caps && title_word(&w[j]))
			end = mark_from(s, w, nw, j, 0);
		/* "the Dr Beynon medical centre", "Dr Patel surgery": a
		 * practice named after its doctor */
		if (end > j && end < nw && IN(practice_words, w[end].key))
			unmark(w, j, end);
	} else if (w[j].cap && listed(&w[j], 1) && !after_place(w, i)) {
		end = mark_from(s, w, nw, j, 0);
		if (before_place(w, nw, end))
			unmark(w, j, end);
	}
}

/* Word i without a title before it: mark it (and the words of the same
 * name after it) when its context says it is a name. */
static void plain_name(const char *s, struct tok *w, size_t nw, size_t i)
{
	size_t j, end;
	int cue;

	/* Most words: lower case and not after a word that may lead to a
	 * name ("my son osian") are passed over without a look-up. */
	if (!w[i].cap && !lower_cue(w, i))
		return;
	if (!w[i].cap && !listed(&w[i], 0))
		return;
	if (w[i].cap && !name_word(&w[i]))
		return;
	cue = cue_before(s, w, nw, i);
	if (cue == 2 && ((w[i].cap && name_word(&w[i]) && !w[i].caps) || listed(&w[i], 0))) {
		mark_from(s, w, nw, i, !w[i].cap);
		return;
	}
	if (!w[i].cap || !name_word(&w[i]))
		return;
	if (cue == 1 && listed(&w[i], 1)) {
		end = mark_from(s, w, nw, i, 0);
		if (before_place(w, nw, end))
			unmark(w, i, end);
		return;
	}
	/* A listed first name before "from the" or "at the", as people
	 * name staff: "Gareth from the rugby club", "Helen at the library". */
	if (i + 2 < nw && gap(s, w, i) == 1 && gap(s, w, i + 1) == 1 &&
	    (name_flags(w[i].key) & RN_FIRST) && listed(&w[i], 0) && !w[i].caps &&
	    (key_is(w, nw, i + 1, "from") || key_is(w, nw, i + 1, "at")) &&
	    key_is(w, nw, i + 2, "the")) {
		w[i].mark = 1;
		return;
	}
	/* Two listed first names joined as a list, with no other cue:
	 * "Nicky & Fay could not have done more", "Siân a Huw". Both must
	 * be first names that are not everyday words. */
	if (i + 2 < nw && (name_flags(w[i].key) & RN_FIRST) && listed(&w[i], 0) && !w[i].caps &&
	    !after_place(w, i)) {
		size_t k = 0;

		if (gap(s, w, i) == 2 && (gap_char(s, w, i, '&') || gap_char(s, w, i, ',')))
			k = i + 1;
		else if (i + 2 < nw && gap(s, w, i) == 1 && gap(s, w, i + 1) == 1 &&
			 (key_is(w, nw, i + 1, "and") || key_is(w, nw, i + 1, "or") ||
			  key_is(w, nw, i + 1, "a") || key_is(w, nw, i + 1, "ac") ||
			  key_is(w, nw, i + 1, "neu")))
			k = i + 2;
		if (k > 0 && k < nw && w[k].cap && !w[k].caps &&
		    (name_flags(w[k].key) & RN_FIRST) && listed(&w[k], 0) && name_word(&w[k]) &&
		    !before_place(w, nw, k + 1)) {
			w[i].mark = 1;
			mark_from(s, w, nw, k, 0);
			return;
		}
	}
	/* A listed first name followed by a listed surname: "John Smith". */
	if (i + 1 < nw && gap(s, w, i) == 1 && (name_flags(w[i].key) & RN_FIRST) &&
	    listed(&w[i], 0) && !after_place(w, i) && !w[i].caps) {
		j = i + 1;
		if (w[j].cap && !w[j].caps && (name_flags(w[j].key) & RN_LAST) &&
		    name_word(&w[j])) {
			end = mark_from(s, w, nw, i, 0);
			if (before_place(w, nw, end))
				unmark(w, i, end);
		}
	}
}

/* Names listed with a name already marked, forwards then backwards. */
static void listed_names(const char *s, struct tok *w, size_t nw)
{
	/* Names listed with a name: "John, Sarah and Mike", "Bethan or Iwan". */
	for (size_t i = 0; i + 2 < nw; i++) {
		size_t j;

		if (!w[i].mark)
			continue;
		j = i + 1;
		if (w[j].mark)
			continue;
		if (gap(s, w, i) == 2 && (gap_char(s, w, i, ',') || gap_char(s, w, i, '&'))) {
			if (w[j].cap && listed(&w[j], 1) && name_word(&w[j]))
				mark_from(s, w, nw, j, 0);
		} else if (gap(s, w, i) == 1 &&
			   (key_is(w, nw, j, "and") || key_is(w, nw, j, "or") ||
			    key_is(w, nw, j, "a") || key_is(w, nw, j, "ac") ||
			    key_is(w, nw, j, "neu")) &&
			   gap(s, w, j) == 1 && w[j + 1].cap && listed(&w[j + 1], 1) &&
			   name_word(&w[j + 1])) {
			mark_from(s, w, nw, j + 1, 0);
		}
	}
	/* The same, backwards: "Trevor & Dr Fred", "Fay, Nicky and Dr Gordon". */
	for (size_t i = nw; i-- > 1;) {
		size_t c;

		if (!w[i].mark && !(title_at(w, i) > 0 && i + 1 < nw && w[i + 1].mark))
			continue;
		if (w[i - 1].mark)
			continue;
		if (gap(s, w, i - 1) == 2 &&
		    (gap_char(s, w, i - 1, ',') || gap_char(s, w, i - 1, '&')))
			c = i - 1;
		else if (i >= 2 && gap(s, w, i - 1) == 1 && gap(s, w, i - 2) == 1 &&
			 (key_is(w, nw, i - 1, "and") || key_is(w, nw, i - 1, "or") ||
			  key_is(w, nw, i - 1, "a") || key_is(w, nw, i - 1, "ac") ||
			  key_is(w, nw, i - 1, "neu")))
			c = i - 2;
		else
			continue;
		if (!w[c].mark && w[c].cap && !w[c].caps && listed(&w[c], 1) && name_word(&w[c]) &&
		    title_at(w, c) == 0)
			w[c].mark = 1;
	}
}

/* Write s to out with each run of marked words as one placeholder: the
 * number of names, or -1 when out is full. */
static int write_names(const char *s, size_t n, const struct tok *w, size_t nw, struct buf *out)
{
	size_t copied = 0;
	int count = 0;

	/* Write: each run of marked words (particles and ". " inside) becomes
	 * one placeholder. */
	for (size_t i = 0; i < nw; i++) {
		size_t j = i;

		if (!w[i].mark)
			continue;
		while (j + 1 < nw && w[j + 1].mark && gap(s, w, j) != 0 &&
		       !(gap(s, w, j) == 2 && gap_char(s, w, j, ',')))
			j++;
		if (buf_append(out, s + copied, w[i].s - copied) < 0 ||
		    buf_puts(out, redact_placeholder(REDACT_NAME)) < 0)
			return -1;
		copied = w[j].e;
		/* keep a possessive: "Dr [redacted name]'s picture" */
		if (copied - w[j].s > 2 && s[copied - 1] == 's' && s[copied - 2] == '\'')
			copied -= 2;
		else if (copied - w[j].s > 4 && s[copied - 1] == 's' &&
			 memcmp(s + copied - 4, "\xe2\x80\x99", 3) == 0)
			copied -= 4;
		count++;
		i = j;
	}
	if (buf_append(out, s + copied, n - copied) < 0)
		return -1;
	return count;
}

/*
 * The name pass (see redact_int.h): each word is looked at once, after a
 * title or by its own context, then lists of names are completed.
 */
int redact_name_pass(struct redactor *r, const char *s, size_t n, struct buf *out)
{
	struct tok *w = r->words;
	size_t nw = scan_words(s, n, w, TOK_MAX);

	for (size_t i = 0; i < nw; i++) {
		int t = title_at(w, i);

		if (w[i].mark)
			continue;
		if (t > 0 && i + 1 < nw)
			title_name(s, w, nw, i, t);
		else
			plain_name(s, w, nw, i);
	}
	listed_names(s, w, nw);
	return write_names(s, n, w, nw, out);
}

/* The word sets are searched with bsearch: check once that each is sorted. */
static int sorted(const char *const *set, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (strcmp(set[i - 1], set[i]) >= 0) {
			log_error("redact: word list not sorted at '%s'", set[i]);
			return 0;
		}
	return 1;
}

#define SORTED(set) sorted(set, sizeof(set) / sizeof(set[0]))

int redact_name_lists_sorted(void)
{
	for (size_t i = 1; i < sizeof(redact_names) / sizeof(redact_names[0]); i++)
		if (strcmp(redact_names[i - 1].s, redact_names[i].s) >= 0) {
			log_error("redact: name list not sorted at '%s'", redact_names[i].s);
			return 0;
		}
	return SORTED(not_names) && SORTED(place_words) && SORTED(titles_strong) &&
	       SORTED(titles_weak) && SORTED(relations) && SORTED(practice_words);
}

void *redact_words_new(void)
{
	return xcalloc(TOK_MAX, sizeof(struct tok));
}
