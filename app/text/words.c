/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * words: the per-word stages of the text pipeline — normalisation
 * (utf8proc), tokenising (PCRE2 with Unicode properties), stop words,
 * language guess, English stemming (Snowball) and Welsh clitics and
 * mutations (Hunspell cy_GB, whose prefix rules undo initial mutations).
 * API and contracts in text.h.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <errno.h>
#include <hunspell/hunspell.h>
#include <libstemmer.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "core/log.h"
#include "text/map.h"
#include "text/text.h"

#define STOPLIST_MAX_BYTES (1 << 20)
#define WORD_MAX 256

struct text_lang_priv {
	struct text_map stop[2];
	struct sb_stemmer *en_stemmer;
	Hunhandle *hunspell;
	int hunspell_failed;
	struct text_map cy_seen;  /* Welsh word → id; stem in cy_stem[id] */
	struct text_map cy_stems; /* stem strings */
	uint32_t *cy_stem;
	size_t cy_stem_cap;
	struct text_map nontopic[2]; /* praise, filler, question echoes */
	struct text_map pos;	     /* English words that are not nouns (en/pos.tsv) */
	char *pos_class;	     /* by id in pos: 'v', 'a' or 'r' */
	size_t pos_cap;
	struct text_map gloss;	     /* Welsh form (radical or mutated) → id */
	struct text_map gloss_en;    /* id → English word (same ids) */
	uint32_t *gloss_to;	     /* by gloss id: id in gloss_en */
	uint32_t *gloss_rad;	     /* by gloss id: id of its radical in gloss_rads */
	struct text_map gloss_rads;  /* Welsh radical forms */
	size_t gloss_cap;
	struct text_map cy_freq;     /* Welsh word forms by corpus frequency */
	uint32_t *cy_freq_n;
	size_t cy_freq_cap;
	int lists_ready;
	char dir[1024];
};

/* ---- data directory ---------------------------------------------------- */

const char *text_data_dir(const char *override)
{
	struct stat st;

	if (override != NULL)
		return override;
	if (stat(YV_PKGDATADIR "/text/en/stopwords.txt", &st) == 0)
		return YV_PKGDATADIR "/text";
	return YV_SRCDIR "/locale/text";
}

/* ---- normalise ----------------------------------------------------------- */

int text_normalise(const char *s, size_t n, struct buf *out)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t len;
	int rc = 0;

	if (n > (size_t)(SSIZE_MAX / 8))
		return -1;
	len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &mapped,
			   UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	if (len < 0)
		return -1;
	for (utf8proc_ssize_t i = 0; i < len;) {
		/* U+2018 / U+2019 are E2 80 98 / E2 80 99 in UTF-8. */
		if (i + 2 < len && mapped[i] == 0xE2 && mapped[i + 1] == 0x80 &&
		    (mapped[i + 2] == 0x98 || mapped[i + 2] == 0x99)) {
			if (buf_putc(out, '\'') < 0)
				rc = -1;
			i += 3;
			continue;
		}
		if (buf_putc(out, (char)mapped[i]) < 0)
			rc = -1;
		i++;
	}
	free(mapped);
	return rc;
}

/* ---- tokenise ------------------------------------------------------------ */

static const char token_pattern[] =
    "[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}]*(?:'[\\p{L}\\p{M}\\p{N}]+)*";

int text_tokeniser_init(struct text_tokeniser *t)
{
	int err;
	PCRE2_SIZE erroff;
	pcre2_code *re;

	memset(t, 0, sizeof(*t));
	re = pcre2_compile((PCRE2_SPTR)token_pattern, PCRE2_ZERO_TERMINATED,
			   PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &err, &erroff, NULL);
	if (re == NULL) {
		log_error("text: tokeniser pattern failed to compile at %zu", (size_t)erroff);
		return -1;
	}
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* interpreter when JIT is absent */
	t->re = re;
	t->md = pcre2_match_data_create_from_pattern(re, NULL);
	if (t->md == NULL) {
		pcre2_code_free(re);
		t->re = NULL;
		return -1;
	}
	return 0;
}

void text_tokeniser_release(struct text_tokeniser *t)
{
	if (t->md != NULL)
		pcre2_match_data_free(t->md);
	if (t->re != NULL)
		pcre2_code_free(t->re);
	memset(t, 0, sizeof(*t));
}

int text_tokenise(struct text_tokeniser *t, const char *s, size_t n, struct text_span *spans,
		  int max)
{
	size_t off = 0;
	int count = 0;

	while (off < n) {
		/* callers pass text_normalise() output, which is valid UTF-8 */
		int rc = pcre2_match(t->re, (PCRE2_SPTR)s, n, off, PCRE2_NO_UTF_CHECK, t->md, NULL);
		PCRE2_SIZE *ov;

		if (rc == PCRE2_ERROR_NOMATCH)
			break;
		if (rc < 0)
			return -1;
		ov = pcre2_get_ovector_pointer(t->md);
		if (ov[1] <= off) /* cannot happen: the pattern matches one char at least */
			break;
		if (count < max) {
			spans[count].off = ov[0];
			spans[count].len = ov[1] - ov[0];
		}
		count++;
		off = ov[1];
	}
	return count;
}

/* ---- stop lists ---------------------------------------------------------- */

/* Read one word a line (blank lines and '#' comments skipped) into m. */
static int load_list(struct text_map *m, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[WORD_MAX];
	size_t total = 0;

	if (f == NULL) {
		fprintf(stderr, "yourvoice: cannot read %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		size_t len = strcspn(line, "\r\n");
		struct buf norm;

		total += len;
		if (total > STOPLIST_MAX_BYTES)
			break;
		if (len == 0 || line[0] == '#')
			continue;
		buf_init(&norm, WORD_MAX);
		if (text_normalise(line, len, &norm) == 0)
			text_map_intern(m, norm.data, norm.len, NULL);
		buf_release(&norm);
	}
	fclose(f);
	return 0;
}

/* Add one Welsh form to the glossary, first entry wins. */
static void gloss_add(struct text_lang_priv *p, const char *cy, size_t n, uint32_t en,
		      uint32_t rad)
{
	int added;
	uint32_t id = text_map_intern(&p->gloss, cy, n, &added);

	if (!added)
		return;
	if (id >= p->gloss_cap) {
		p->gloss_cap = p->gloss_cap ? p->gloss_cap * 2 : 1024;
		p->gloss_to = text_xrealloc(p->gloss_to, p->gloss_cap * sizeof(*p->gloss_to));
		p->gloss_rad = text_xrealloc(p->gloss_rad, p->gloss_cap * sizeof(*p->gloss_rad));
	}
	p->gloss_to[id] = en;
	p->gloss_rad[id] = rad;
}

/* The radical and its soft, nasal, aspirate and h- mutated forms, so that a
 * glossary entry also catches "barcio", "mharcio" for "parcio" without
 * trusting Hunspell's first guess. */
static void gloss_add_mutations(struct text_lang_priv *p, const char *w, size_t n, uint32_t en)
{
	static const struct {
		const char *from, *to[3];
	} rules[] = {
	    {"c", {"g", "ngh", "ch"}}, {"p", {"b", "mh", "ph"}}, {"t", {"d", "nh", "th"}},
	    {"g", {"", "ng", NULL}},   {"b", {"f", "m", NULL}},  {"d", {"dd", "n", NULL}},
	    {"m", {"f", NULL, NULL}},  {"ll", {"l", NULL, NULL}}, {"rh", {"r", NULL, NULL}},
	};
	char tmp[WORD_MAX + 4];
	uint32_t rad = text_map_intern(&p->gloss_rads, w, n, NULL);

	gloss_add(p, w, n, en, rad);
	if (n + 4 >= sizeof(tmp) || n < 2)
		return;
	if (strchr("aeiouwyâêîôûŵŷ", w[0]) != NULL && (unsigned char)w[0] < 0x80) {
		tmp[0] = 'h';
		memcpy(tmp + 1, w, n);
		gloss_add(p, tmp, n + 1, en, rad);
		return;
	}
	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
		size_t fl = strlen(rules[r].from);

		if (strncmp(w, rules[r].from, fl) != 0)
			continue;
		/* "ch", "ph", "th", "dd", "ng", "ll" are letters of their own */
		if (fl == 1 && n > 1 &&
		    ((w[0] == 'c' && w[1] == 'h') || (w[0] == 'p' && w[1] == 'h') ||
		     (w[0] == 't' && w[1] == 'h') || (w[0] == 'd' && w[1] == 'd') ||
		     (w[0] == 'g' && w[1] == 'h') || (w[0] == 'm' && w[1] == 'h')))
			continue;
		for (int k = 0; k < 3 && rules[r].to[k] != NULL; k++) {
			size_t tl = strlen(rules[r].to[k]);

			memcpy(tmp, rules[r].to[k], tl);
			memcpy(tmp + tl, w + fl, n - fl);
			if (tl + n - fl > 1)
				gloss_add(p, tmp, tl + n - fl, en, rad);
		}
		break;
	}
}

/*
 * The bilingual glossary: "cymraeg[,ffurf arall]<TAB>english" a line, '#'
 * comments. Every Welsh form is entered with its mutations. A missing file
 * is not an error (Welsh words then stay Welsh).
 */
static void load_glossary(struct text_lang_priv *p, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];

	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		size_t len = strcspn(line, "\r\n");
		char *tab, *w;
		struct buf norm;
		uint32_t en;

		line[len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		tab = strchr(line, '\t');
		if (tab == NULL || tab[1] == '\0')
			continue;
		*tab = '\0';
		buf_init(&norm, WORD_MAX);
		if (text_normalise(tab + 1, strlen(tab + 1), &norm) < 0) {
			buf_release(&norm);
			continue;
		}
		en = text_map_intern(&p->gloss_en, norm.data, norm.len, NULL);
		buf_release(&norm);
		w = line;
		while (*w != '\0') {
			size_t wl = strcspn(w, ",");

			buf_init(&norm, WORD_MAX);
			if (wl > 0 && text_normalise(w, wl, &norm) == 0 && norm.len > 0)
				gloss_add_mutations(p, norm.data, norm.len, en);
			buf_release(&norm);
			w += wl;
			if (*w == ',')
				w++;
		}
	}
	fclose(f);
}

/* Welsh word frequencies ("word<TAB>count" a line), used to choose among
 * Hunspell's readings of a word. Missing file: no preference. */
static void load_freq(struct text_lang_priv *p, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];

	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *tab = strchr(line, '\t'), *end;
		unsigned long v;
		uint32_t id;
		int added;

		if (tab == NULL || tab == line)
			continue;
		errno = 0;
		v = strtoul(tab + 1, &end, 10);
		if (errno != 0 || end == tab + 1)
			continue;
		id = text_map_intern(&p->cy_freq, line, (size_t)(tab - line), &added);
		if (!added)
			continue;
		if (id >= p->cy_freq_cap) {
			p->cy_freq_cap = p->cy_freq_cap ? p->cy_freq_cap * 2 : 4096;
			p->cy_freq_n =
			    text_xrealloc(p->cy_freq_n, p->cy_freq_cap * sizeof(*p->cy_freq_n));
		}
		p->cy_freq_n[id] = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
	}
	fclose(f);
}

/* Parts of speech ("word<TAB>v|a|r" a line, en/pos.tsv, derived from
 * WordNet by make-pos.py). Missing file: every word may head a label. */
static void load_pos(struct text_lang_priv *p, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];

	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *tab = strchr(line, '\t');
		uint32_t id;
		int added;

		if (line[0] == '#' || tab == NULL || tab == line || strchr("var", tab[1]) == NULL)
			continue;
		id = text_map_intern(&p->pos, line, (size_t)(tab - line), &added);
		if (!added)
			continue;
		if (id >= p->pos_cap) {
			p->pos_cap = p->pos_cap ? p->pos_cap * 2 : 8192;
			p->pos_class = text_xrealloc(p->pos_class, p->pos_cap);
		}
		p->pos_class[id] = tab[1];
	}
	fclose(f);
}

static int ends_with(const char *w, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n > k + 2 && memcmp(w + n - k, suf, k) == 0;
}

char text_lang_word_class(const struct text_lang *l, const char *w, size_t n)
{
	long id = text_map_find(&l->p->pos, w, n);

	if (id >= 0)
		return l->p->pos_class[id];
	/* words WordNet does not list: a few endings still tell */
	if (ends_with(w, n, "ing"))
		return 'n';
	if (ends_with(w, n, "ly"))
		return 'r';
	if (ends_with(w, n, "ed") && !ends_with(w, n, "eed"))
		return 'v';
	if (ends_with(w, n, "izes") || ends_with(w, n, "ises") || ends_with(w, n, "ized") ||
	    ends_with(w, n, "ised"))
		return 'v';
	return 'n';
}

static uint32_t cy_freq(const struct text_lang_priv *p, const char *w)
{
	long id = text_map_find(&p->cy_freq, w, strlen(w));

	return id < 0 ? 0 : p->cy_freq_n[id];
}

int text_lang_is_topical(const struct text_lang *l, enum text_language lang, const char *w,
			 size_t n)
{
	return text_map_find(&l->p->nontopic[lang], w, n) < 0;
}

int text_lang_init(struct text_lang *l, const char *dir)
{
	struct text_lang_priv *p = calloc(1, sizeof(*p));
	char path[1200];
	int n;

	l->p = p;
	if (p == NULL)
		return -1;
	text_map_init(&p->stop[0]);
	text_map_init(&p->stop[1]);
	text_map_init(&p->cy_seen);
	text_map_init(&p->cy_stems);
	n = snprintf(p->dir, sizeof(p->dir), "%s", dir);
	if (n < 0 || (size_t)n >= sizeof(p->dir))
		goto fail;
	n = snprintf(path, sizeof(path), "%s/en/stopwords.txt", dir);
	if (n < 0 || (size_t)n >= sizeof(path) || load_list(&p->stop[TEXT_LANG_EN], path) < 0)
		goto fail;
	n = snprintf(path, sizeof(path), "%s/cy/stopwords.txt", dir);
	if (n < 0 || (size_t)n >= sizeof(path) || load_list(&p->stop[TEXT_LANG_CY], path) < 0)
		goto fail;
	/* Optional lists: without them words are simply all topical and
	 * Welsh stays Welsh. */
	text_map_init(&p->nontopic[0]);
	text_map_init(&p->nontopic[1]);
	text_map_init(&p->gloss);
	text_map_init(&p->gloss_en);
	text_map_init(&p->gloss_rads);
	text_map_init(&p->cy_freq);
	text_map_init(&p->pos);
	p->lists_ready = 1;
	n = snprintf(path, sizeof(path), "%s/en/nontopic.txt", dir);
	if (n > 0 && (size_t)n < sizeof(path) && access(path, R_OK) == 0)
		(void)load_list(&p->nontopic[TEXT_LANG_EN], path);
	n = snprintf(path, sizeof(path), "%s/cy/nontopic.txt", dir);
	if (n > 0 && (size_t)n < sizeof(path) && access(path, R_OK) == 0)
		(void)load_list(&p->nontopic[TEXT_LANG_CY], path);
	n = snprintf(path, sizeof(path), "%s/cy/glossary.tsv", dir);
	if (n > 0 && (size_t)n < sizeof(path))
		load_glossary(p, path);
	n = snprintf(path, sizeof(path), "%s/cy/frequencies.tsv", dir);
	if (n > 0 && (size_t)n < sizeof(path))
		load_freq(p, path);
	n = snprintf(path, sizeof(path), "%s/en/pos.tsv", dir);
	if (n > 0 && (size_t)n < sizeof(path))
		load_pos(p, path);
	p->en_stemmer = sb_stemmer_new("english", "UTF_8");
	if (p->en_stemmer == NULL)
		goto fail;
	return 0;
fail:
	text_lang_release(l);
	return -1;
}

void text_lang_release(struct text_lang *l)
{
	struct text_lang_priv *p = l->p;

	if (p == NULL)
		return;
	text_map_release(&p->stop[0]);
	text_map_release(&p->stop[1]);
	text_map_release(&p->cy_seen);
	text_map_release(&p->cy_stems);
	free(p->cy_stem);
	if (p->lists_ready) {
		text_map_release(&p->nontopic[0]);
		text_map_release(&p->nontopic[1]);
		text_map_release(&p->gloss);
		text_map_release(&p->gloss_en);
		text_map_release(&p->gloss_rads);
		text_map_release(&p->cy_freq);
		text_map_release(&p->pos);
	}
	free(p->pos_class);
	free(p->gloss_to);
	free(p->gloss_rad);
	free(p->cy_freq_n);
	if (p->en_stemmer != NULL)
		sb_stemmer_delete(p->en_stemmer);
	if (p->hunspell != NULL)
		Hunspell_destroy(p->hunspell);
	free(p);
	l->p = NULL;
}

int text_lang_is_stop(const struct text_lang *l, enum text_language lang, const char *w, size_t n)
{
	return text_map_find(&l->p->stop[lang], w, n) >= 0;
}

/* ---- language guess ------------------------------------------------------ */

/* Letters that appear in Welsh words and hardly ever in English ones. */
static int has_welsh_letter(const char *w, size_t n)
{
	static const char *const marks[] = {"ŵ", "ŷ", "â", "ô", "ê", "î", "û"};

	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (memmem(w, n, marks[i], strlen(marks[i])) != NULL)
			return 1;
	return 0;
}

enum text_language text_lang_detect(const struct text_lang *l, const char *s,
				    const struct text_span *spans, int n)
{
	int en = 0, cy = 0;

	for (int i = 0; i < n; i++) {
		const char *w = s + spans[i].off;
		size_t len = spans[i].len;
		int is_en = text_lang_is_stop(l, TEXT_LANG_EN, w, len);
		int is_cy = text_lang_is_stop(l, TEXT_LANG_CY, w, len);
		const char *apo = memchr(w, '\'', len);

		/* "mae'n", "i'r": a Welsh clitic after the apostrophe. */
		if (!is_cy && apo != NULL &&
		    text_lang_is_stop(l, TEXT_LANG_CY, apo, len - (size_t)(apo - w)))
			is_cy = 1;
		if (has_welsh_letter(w, len))
			is_cy = 1;
		if (is_en && !is_cy)
			en++;
		else if (is_cy && !is_en)
			cy++;
	}
	return cy > en ? TEXT_LANG_CY : TEXT_LANG_EN;
}

/* ---- terms ----------------------------------------------------------------- */

static int all_digits(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[i] < '0' || w[i] > '9')
			return 0;
	return 1;
}

/* "xxxx", "aaa": a letter repeated, as data exports write a removed name;
 * never a word. */
static int one_letter(const char *w, size_t n)
{
	if (n < 3)
		return 0;
	for (size_t i = 1; i < n; i++)
		if (w[i] != w[0])
			return 0;
	return 1;
}

/* One code point or less: "a", "é". */
static int too_short(const char *w, size_t n)
{
	return n <= 1 ||
	       (n <= 4 && utf8proc_iterate((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n,
					   &(utf8proc_int32_t){0}) == (utf8proc_ssize_t)n);
}

static int put_term(struct buf *out, const char *w, size_t n)
{
	if (buf_append(out, w, n) < 0 || buf_putc(out, '\0') < 0)
		return -1;
	return 1;
}

static int en_term(struct text_lang *l, const char *w, size_t n, struct buf *out)
{
	struct text_lang_priv *p = l->p;
	char word[WORD_MAX];
	size_t len = 0;
	const sb_symbol *st;

	if (text_lang_is_stop(l, TEXT_LANG_EN, w, n))
		return 0;
	/* Possessive 's and other apostrophes: "patient's" → "patient". */
	if (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's')
		n -= 2;
	for (size_t i = 0; i < n && len < sizeof(word) - 1; i++)
		if (w[i] != '\'')
			word[len++] = w[i];
	if (len == 0 || too_short(word, len) || all_digits(word, len) || one_letter(word, len) ||
	    text_lang_is_stop(l, TEXT_LANG_EN, word, len) ||
	    !text_lang_is_topical(l, TEXT_LANG_EN, word, len))
		return 0;
	/* Snowball gives "buse" for "buses" but "bus" for "bus" (and for the
	 * glossary's "bws", "bysiau"): one term for both. */
	if ((len == 5 && memcmp(word, "buses", 5) == 0) ||
	    (len == 6 && memcmp(word, "busses", 6) == 0))
		return put_term(out, "bus", 3);
	st = sb_stemmer_stem(p->en_stemmer, (const sb_symbol *)word, (int)len);
	if (st == NULL)
		return put_term(out, word, len);
	return put_term(out, (const char *)st, (size_t)sb_stemmer_length(p->en_stemmer));
}

/* English terms of a glossary target of one or more space-separated words
 * (stop words skipped). Returns the number of terms or -1. */
static int en_phrase_terms(struct text_lang *l, const char *en, struct buf *out)
{
	int total = 0;

	while (*en != '\0') {
		size_t wl = strcspn(en, " ");
		int k;

		if (wl > 0) {
			k = en_term(l, en, wl, out);
			if (k < 0)
				return -1;
			total += k;
		}
		en += wl;
		while (*en == ' ')
			en++;
	}
	return total;
}

static int open_hunspell(struct text_lang_priv *p)
{
	char aff[1200], dic[1200];
	int a = snprintf(aff, sizeof(aff), "%s/cy/hunspell-cy/cy_GB.aff", p->dir);
	int d = snprintf(dic, sizeof(dic), "%s/cy/hunspell-cy/cy_GB.dic", p->dir);
	struct stat st;

	if (p->hunspell != NULL || p->hunspell_failed)
		return p->hunspell != NULL ? 0 : -1;
	if (a < 0 || d < 0 || (size_t)a >= sizeof(aff) || (size_t)d >= sizeof(dic) ||
	    stat(aff, &st) != 0 || stat(dic, &st) != 0) {
		fprintf(stderr,
			"yourvoice: Welsh dictionary not found under %s/cy/hunspell-cy; "
			"Welsh words are used without mutation normalisation\n",
			p->dir);
		p->hunspell_failed = 1;
		return -1;
	}
	p->hunspell = Hunspell_create(aff, dic);
	if (p->hunspell == NULL) {
		p->hunspell_failed = 1;
		return -1;
	}
	return 0;
}

int text_lang_cy_stem(struct text_lang *l, const char *w, size_t n, struct buf *out)
{
	struct text_lang_priv *p = l->p;
	int added;
	uint32_t id;
	char word[WORD_MAX];

	if (n >= sizeof(word))
		return buf_append(out, w, n);
	id = text_map_intern(&p->cy_seen, w, n, &added);
	if (added) {
		char **list = NULL;
		int k = 0;
		uint32_t sid;

		if (p->cy_stem_cap <= id) {
			p->cy_stem_cap = p->cy_stem_cap ? p->cy_stem_cap * 2 : 1024;
			p->cy_stem =
			    text_xrealloc(p->cy_stem, p->cy_stem_cap * sizeof(*p->cy_stem));
		}
		memcpy(word, w, n);
		word[n] = '\0';
		if (open_hunspell(p) == 0)
			k = Hunspell_stem(p->hunspell, &list, word);
		if (k > 0) {
			/* Hunspell lists the word's own reading first when the
			 * mutated form is also a word ("barcio": barcio, parcio,
			 * parci). Prefer the first stem with another initial (the
			 * demutated radical), else the first: "gymuned" gives
			 * "cymuned", not the shorter "cymun". */
			int best = 0;
			uint32_t bf = 0;

			for (int i = 0; i < k; i++)
				if (list[i][0] != word[0]) {
					best = i;
					break;
				}
			/* ...unless the frequency list knows one reading better:
			 * "golau" is a word (light), not a mutated "col"; a
			 * reading the corpus has never seen loses to one it has. */
			bf = cy_freq(p, list[best]);
			for (int i = 0; i < k; i++) {
				uint32_t f = cy_freq(p, list[i]);

				if (f > bf) {
					bf = f;
					best = i;
				}
			}
			sid = text_map_intern(&p->cy_stems, list[best], strlen(list[best]), NULL);
		} else {
			sid = text_map_intern(&p->cy_stems, w, n, NULL);
		}
		if (list != NULL)
			Hunspell_free_list(p->hunspell, &list, k);
		p->cy_stem[id] = sid;
	}
	return buf_puts(out, text_map_key(&p->cy_stems, p->cy_stem[id]));
}

/* When w is a glossary form, put its English term (through the English
 * stages) into out, set *rc to their result and return 1; else 0. */
static int cy_gloss_term(struct text_lang *l, const char *w, size_t n, struct buf *out, int *rc)
{
	struct text_lang_priv *p = l->p;
	long id = text_map_find(&p->gloss, w, n);
	const char *en;

	if (id < 0)
		return 0;
	en = text_map_key(&p->gloss_en, p->gloss_to[id]);
	*rc = en_phrase_terms(l, en, out);
	return 1;
}

/*
 * The singular of a regular Welsh plural, checked against the dictionary:
 * "draeniau" → "draen", "gofalwyr" → "gofalwr", "cwteri" → "cwter". The
 * shorter form is taken only when Hunspell knows it as a word and it is
 * in the glossary or at least as frequent as the longer one ("golau" is a
 * word, not a plural of "gol"). Rewrites st (NUL-terminated, sl bytes)
 * and returns its new length.
 */
static size_t cy_singular(struct text_lang_priv *p, char *st, size_t sl)
{
	static const struct {
		const char *suf, *rep;
	} rules[] = {{"iau", ""}, {"au", ""},	{"ion", ""}, {"on", ""}, {"oedd", ""},
		     {"ydd", ""}, {"wyr", "wr"}, {"od", ""},  {"i", ""},  {NULL, NULL}};
	char cand[WORD_MAX];

	if (open_hunspell(p) != 0 || sl >= sizeof(cand))
		return sl;
	for (int r = 0; rules[r].suf != NULL; r++) {
		size_t fl = strlen(rules[r].suf), rl = strlen(rules[r].rep);

		if (sl < fl + 3 || memcmp(st + sl - fl, rules[r].suf, fl) != 0)
			continue;
		memcpy(cand, st, sl - fl);
		memcpy(cand + sl - fl, rules[r].rep, rl);
		cand[sl - fl + rl] = '\0';
		if (!Hunspell_spell(p->hunspell, cand))
			continue;
		if (text_map_find(&p->gloss, cand, strlen(cand)) < 0 && cy_freq(p, cand) < cy_freq(p, st))
			continue;
		memcpy(st, cand, strlen(cand) + 1);
		return strlen(cand);
	}
	return sl;
}

static int cy_part(struct text_lang *l, const char *w, size_t n, struct buf *out)
{
	size_t mark;
	struct buf tmp;
	int rc;

	if (n == 0 || too_short(w, n) || all_digits(w, n) ||
	    text_lang_is_stop(l, TEXT_LANG_CY, w, n) || !text_lang_is_topical(l, TEXT_LANG_CY, w, n))
		return 0;
	/* A glossary word, as written or mutated: its English term, so that
	 * "parcio" and "parking" are one term. */
	if (cy_gloss_term(l, w, n, out, &rc))
		return rc;
	buf_init(&tmp, WORD_MAX * 4);
	if (text_lang_cy_stem(l, w, n, &tmp) < 0) {
		buf_release(&tmp);
		return -1;
	}
	/* Hunspell may keep the dictionary's capital: fold the stem again. */
	mark = out->len;
	if (text_normalise(tmp.data ? tmp.data : "", tmp.len, out) < 0) {
		buf_release(&tmp);
		return -1;
	}
	buf_release(&tmp);
	if (out->len > mark) {
		/* the radical may be a glossary word Hunspell found ("ffyrdd") */
		size_t sl = out->len - mark;
		char st[WORD_MAX];

		if (sl < sizeof(st)) {
			memcpy(st, out->data + mark, sl);
			st[sl] = '\0';
			out->len = mark;
			if (cy_gloss_term(l, st, sl, out, &rc))
				return rc;
			sl = cy_singular(l->p, st, sl);
			if (cy_gloss_term(l, st, sl, out, &rc))
				return rc;
			if (buf_append(out, st, sl) < 0)
				return -1;
		}
	}
	if (text_lang_is_stop(l, TEXT_LANG_CY, out->data + mark, out->len - mark) ||
	    !text_lang_is_topical(l, TEXT_LANG_CY, out->data + mark, out->len - mark)) {
		out->len = mark;
		out->data[mark] = '\0';
		return 0;
	}
	rc = buf_putc(out, '\0');
	return rc < 0 ? -1 : 1;
}

int text_lang_cy_radical(struct text_lang *l, const char *w, size_t n, struct buf *out)
{
	long id = text_map_find(&l->p->gloss, w, n);
	const char *apo = memchr(w, '\'', n);

	if (id >= 0)
		return buf_puts(out, text_map_key(&l->p->gloss_rads, l->p->gloss_rad[id]));
	if (apo != NULL) /* "ysgol'r": the word before its clitic */
		n = (size_t)(apo - w);
	id = text_map_find(&l->p->gloss, w, n);
	if (id >= 0)
		return buf_puts(out, text_map_key(&l->p->gloss_rads, l->p->gloss_rad[id]));
	return text_lang_cy_stem(l, w, n, out);
}

int text_lang_terms(struct text_lang *l, enum text_language lang, const char *w, size_t n,
		    struct buf *out)
{
	const char *apo;
	int a, b;

	if (lang == TEXT_LANG_EN)
		return en_term(l, w, n, out);
	if (text_lang_is_stop(l, TEXT_LANG_CY, w, n))
		return 0;
	apo = memchr(w, '\'', n);
	if (apo == NULL)
		return cy_part(l, w, n, out);
	/* "i'r", "mae'n", "ei'ch": the part after the apostrophe is a clitic
	 * when it is on the stop list ('r, 'n, 'i, 'u, 'ch, 'm, 'th, 'w). */
	a = cy_part(l, w, (size_t)(apo - w), out);
	if (a < 0)
		return -1;
	if (text_lang_is_stop(l, TEXT_LANG_CY, apo, n - (size_t)(apo - w)))
		return a;
	b = cy_part(l, apo + 1, n - (size_t)(apo - w) - 1, out);
	return b < 0 ? -1 : a + b;
}
