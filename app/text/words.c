/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * words: the per-word stages of the text pipeline — normalisation
 * (utf8proc), tokenising (PCRE2 with Unicode properties), stop and
 * nontopic words, English parts of speech, language guess, English
 * stemming (Snowball); Welsh words are handed to welsh.c. API and
 * contracts in text.h; what words.c and welsh.c share in words_int.h.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <errno.h>
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
#include "text/words_int.h"

#define STOPLIST_MAX_BYTES (1 << 20)

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
	/* ASCII (most answers): NFC changes nothing and case folding is
	 * lower-casing, so skip utf8proc's per-character decomposition. */
	{
		size_t k = 0, mark = out->len;

		while (k < n && (unsigned char)s[k] < 0x80)
			k++;
		if (k == n) {
			if (buf_append(out, s, n) < 0)
				return -1;
			for (size_t i = mark; i < out->len; i++)
				if (out->data[i] >= 'A' && out->data[i] <= 'Z')
					out->data[i] = (char)(out->data[i] - 'A' + 'a');
			return 0;
		}
	}
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
			p->pos_class = xrealloc(p->pos_class, p->pos_cap);
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
		welsh_load_glossary(p, path);
	n = snprintf(path, sizeof(path), "%s/cy/frequencies.tsv", dir);
	if (n > 0 && (size_t)n < sizeof(path))
		welsh_load_freq(p, path);
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
	welsh_release(p);
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

int words_all_digits(const char *w, size_t n)
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
int words_too_short(const char *w, size_t n)
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
	if (len == 0 || words_too_short(word, len) || words_all_digits(word, len) ||
	    one_letter(word, len) || text_lang_is_stop(l, TEXT_LANG_EN, word, len) ||
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
int words_en_phrase_terms(struct text_lang *l, const char *en, struct buf *out)
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
		return welsh_part(l, w, n, out);
	/* "i'r", "mae'n", "ei'ch": the part after the apostrophe is a clitic
	 * when it is on the stop list ('r, 'n, 'i, 'u, 'ch, 'm, 'th, 'w). */
	a = welsh_part(l, w, (size_t)(apo - w), out);
	if (a < 0)
		return -1;
	if (text_lang_is_stop(l, TEXT_LANG_CY, apo, n - (size_t)(apo - w)))
		return a;
	b = welsh_part(l, apo + 1, n - (size_t)(apo - w) - 1, out);
	return b < 0 ? -1 : a + b;
}
