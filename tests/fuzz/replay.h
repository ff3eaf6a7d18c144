/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * replay.h: the main() of a fuzz target built as an ordinary test
 * (YV_FUZZ_REPLAY): every file of its seed corpus, and every prefix of
 * each (the empty input included), goes through LLVMFuzzerTestOneInput
 * once. Crashes found by fuzzing are added to the corpus, so they are
 * replayed from then on. Header only: included by one target each.
 */
#ifndef YV_TESTS_FUZZ_REPLAY_H
#define YV_TESTS_FUZZ_REPLAY_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Replay $top_srcdir/tests/fuzz/corpus/<name>; files replayed, or -1. */
static long replay_corpus(const char *name, size_t *inputs)
{
	const char *srcdir = getenv("top_srcdir");
	static unsigned char buf[65536];
	char dir[1024], path[2048];
	struct dirent *e;
	long files = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s", srcdir ? srcdir : ".", name);
	d = opendir(dir);
	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		FILE *f;
		size_t n;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		f = fopen(path, "rb");
		if (f == NULL)
			continue;
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		for (size_t k = 0; k <= n; k++) {
			LLVMFuzzerTestOneInput(buf, k);
			(*inputs)++;
		}
		files++;
	}
	closedir(d);
	return files;
}

#endif
