/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_survey: libFuzzer target for the survey loader (parser, schema,
 * cross-checks, conditions) and, when a mutated file still loads, for the
 * condition evaluator and answer validation on it. Built with
 * --enable-fuzzing as tests/fuzz/fuzz_survey. The library needs the coverage
 * instrumentation too, so configure with
 *   CC=clang CFLAGS="-g -O1 -fsanitize=fuzzer-no-link"
 *   --enable-fuzzing --enable-asan --enable-ubsan
 * then copy the samples and fixtures (every .xml under surveys and
 * tests/fixtures) into a scratch corpus directory and run
 *   tests/fuzz/fuzz_survey -max_len=65536 -max_total_time=300 corpus
 * (the first directory named receives new inputs: not the source tree).
 * With YV_FUZZ_REPLAY defined the same code gets a main() that replays every
 * sample and fixture once, as an ordinary TAP test.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "survey/answer.h"
#include "survey/survey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The file name the loader expects: "<id>.xml" from the first id="..." so
 * that a mutated valid file can still load. */
static void guess_name(const uint8_t *data, size_t size, char *name, size_t namesz)
{
	const char *p = memmem(data, size, "id=\"", 4);
	size_t n = 0;

	if (p != NULL) {
		p += 4;
		while ((size_t)(p + n - (const char *)data) < size && p[n] != '"' && n < 63)
			n++;
	}
	snprintf(name, namesz, "%.*s.xml", (int)n, p ? p : "");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	struct survey_diags d;
	struct survey *s = NULL;
	char name[80];

	if (!init) {
		survey_schema_set(YV_SRCDIR "/surveys/schema/survey.rng");
		init = 1;
	}
	guess_name(data, size, name, sizeof(name));
	survey_diags_init(&d);
	if (survey_load_memory(name, data, size, &s, &d) == 0) {
		/* one answer per question, of a value taken from the input */
		static const char *const some[] = {"1", "yes",	     "-10", "2025-01-01",
						   "",	"dont-know", "0"};
		struct survey_answer a[64];
		struct survey_answers as = {a, 0};
		unsigned char keep[64];

		for (size_t i = 0; i < s->npages; i++)
			for (size_t j = 0; j < s->pages[i].nquestions && as.n < 64; j++) {
				const struct survey_question *q = &s->pages[i].questions[j];
				const char *const *v = &some[(as.n + size) % 7];
				size_t n = q->type == SQ_BUDGET ? 0 : 1;

				a[as.n++] = (struct survey_answer){q->id, v, n};
				survey_answer_check(q, v, n, "x", NULL);
				survey_question_shown(s, q, &as);
			}
		survey_answers_filter(s, &as, keep);
		survey_next_page(s, 0, &as);
		survey_free(s);
	}
	survey_diags_release(&d);
	return 0;
}

#ifdef YV_FUZZ_REPLAY
#include <dirent.h>
#include <stdlib.h>

static int n_done;

static void replay_dir(const char *dir)
{
	DIR *dh = opendir(dir);
	struct dirent *e;

	if (dh == NULL) {
		printf("not ok %d - open %s\n", ++n_done, dir);
		return;
	}
	while ((e = readdir(dh)) != NULL) {
		char path[4096];
		static unsigned char buf[2 * 1024 * 1024];
		FILE *f;
		size_t len;

		if (strstr(e->d_name, ".xml") == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		f = fopen(path, "rb");
		if (f == NULL)
			continue;
		len = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, len);
		/* and every prefix cut at a few places: truncated files */
		for (size_t cut = 1; cut < 8; cut++)
			LLVMFuzzerTestOneInput(buf, len * cut / 8);
		printf("ok %d - replayed %s\n", ++n_done, e->d_name);
	}
	closedir(dh);
}

int main(void)
{
	replay_dir(YV_SRCDIR "/surveys");
	replay_dir(YV_SRCDIR "/tests/fixtures/surveys");
	replay_dir(YV_SRCDIR "/tests/fixtures/broken");
	printf("1..%d\n", n_done);
	return 0;
}
#endif
