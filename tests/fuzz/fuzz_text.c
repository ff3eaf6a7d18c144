/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_text: libFuzzer driver for the free-text pipeline. The input is
 * redacted, normalised, tokenised and turned into terms in both languages;
 * then its lines (at most 64) are summarised as answers. Built only with
 * --enable-fuzzing; the seed corpus is in tests/fuzz/corpus/text.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/redact.h"
#include "text/text.h"
#include "text/themes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct redactor rd;
	static struct text_tokeniser tok;
	static struct text_lang lang;
	static int ready;
	struct buf out, norm, terms;
	struct text_span spans[256];
	struct themes_answer ans[64];
	struct themes_opts o;
	char *copy;
	size_t n = 0;
	int nt;

	if (!ready) {
		if (redact_init(&rd) < 0 || text_tokeniser_init(&tok) < 0 ||
		    text_lang_init(&lang, YV_SRCDIR "/locale/text") < 0)
			abort();
		ready = 1;
	}
	if (size > 1 << 16)
		return 0;
	buf_init(&out, 1 << 20);
	(void)redact_text(&rd, (const char *)data, size, &out);
	buf_release(&out);

	buf_init(&norm, 1 << 20);
	buf_init(&terms, 1 << 20);
	if (text_normalise((const char *)data, size, &norm) == 0 && norm.len > 0) {
		nt = text_tokenise(&tok, norm.data, norm.len, spans, 256);
		if (nt > 256)
			nt = 256;
		(void)text_lang_detect(&lang, norm.data, spans, nt);
		for (int i = 0; i < nt; i++) {
			(void)text_lang_terms(&lang, TEXT_LANG_EN, norm.data + spans[i].off,
					      spans[i].len, &terms);
			(void)text_lang_terms(&lang, TEXT_LANG_CY, norm.data + spans[i].off,
					      spans[i].len, &terms);
		}
	}
	buf_release(&norm);
	buf_release(&terms);

	/* Lines as answers (valid UTF-8 only, as the JSON reader guarantees). */
	copy = malloc(size + 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (char *p = copy; p != NULL && n < 64;) {
		char *nl = strchr(p, '\n');
		struct buf chk;

		if (nl != NULL)
			*nl = '\0';
		buf_init(&chk, 1 << 17);
		if (text_normalise(p, strlen(p), &chk) == 0) {
			ans[n].id = p;
			ans[n].text = p;
			ans[n].area = n % 3 ? "A" : "B";
			n++;
		}
		buf_release(&chk);
		p = nl != NULL ? nl + 1 : NULL;
	}
	themes_opts_default(&o);
	o.data_dir = YV_SRCDIR "/locale/text";
	o.min_group = 2;
	o.k = n % 4 == 0 ? 0 : (int)(n % 4);
	{
		json_t *s = themes_summarise(ans, n, 0, &o);

		json_decref(s);
	}
	free(copy);
	return 0;
}

#ifdef YV_FUZZ_REPLAY
#include "replay.h"

int main(void)
{
	size_t count = 0;
	long files = replay_corpus("text", &count);

	printf("%s 1 - %ld text seeds and crash inputs replayed with every prefix (%zu "
	       "inputs)\n1..1\n",
	       files > 0 ? "ok" : "not ok", files, count);
	return files > 0 ? 0 : 1;
}
#endif
