/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_http: libFuzzer target for what a client controls before any
 * handler runs: urlencoded bodies and query strings, cookie headers, the
 * receipt/resume code normaliser, and the HTML escaper fed with whatever
 * the decoder let through. Checks invariants, not just crashes: every
 * decoded value is valid text within the limits, and escaped output never
 * holds a raw '<', '>', '"' or '\''. Built with --enable-fuzzing as
 * tests/fuzz/fuzz_http (see README: Fuzzing). With YV_FUZZ_REPLAY the same
 * code gets a main() that replays the seed corpus, every prefix of each
 * seed, and a fixed stream of pseudo-random mutations, as a TAP test.
 */
#include "config.h"

#define YV_HTML_BRIDGE 1 /* escapes into a plain buffer, to check the output */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/token.h"
#include "render/html.h"
#include "web/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_escaped(const struct buf *b)
{
	for (size_t i = 0; i < b->len; i++)
		if (b->data[i] == '<' || b->data[i] == '>' || b->data[i] == '"' ||
		    b->data[i] == '\'')
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct http_limits lim = {.max_fields = 64, .max_field = 256};
	struct arena a;
	struct http_params p;
	struct buf out;
	char *text, norm[TOKEN_RECEIPT_LEN + 1];

	if (size > 65536)
		return 0;
	arena_init(&a, 1 << 20);
	buf_init(&out, 1 << 20);
	memset(&p, 0, sizeof(p));
	if (http_decode_urlencoded(&a, (const char *)data, size, &lim, &p) == HTTP_OK) {
		if (p.n > lim.max_fields)
			abort();
		for (size_t i = 0; i < p.n; i++) {
			if (p.v[i].len > lim.max_field || strlen(p.v[i].value) != p.v[i].len ||
			    !http_text_valid(p.v[i].value, p.v[i].len))
				abort();
			html_text(&out, p.v[i].name);
			html_text(&out, p.v[i].value);
			check_escaped(&out);
			buf_reset(&out);
		}
	}
	/* the same bytes as a multipart/form-data body (uploads) */
	memset(&p, 0, sizeof(p));
	if (http_decode_multipart(&a, "multipart/form-data; boundary=b", (const char *)data, size,
				  &lim, 4096, &p) == HTTP_OK) {
		if (p.n > lim.max_fields)
			abort();
		for (size_t i = 0; i < p.n; i++)
			if (p.v[i].len > 4096 || strlen(p.v[i].value) != p.v[i].len)
				abort();
	}
	text = arena_strndup(&a, (const char *)data, size);
	if (text != NULL && strlen(text) == size) {
		memset(&p, 0, sizeof(p));
		if (http_decode_cookies(&a, text, &lim, &p) == HTTP_OK)
			for (size_t i = 0; i < p.n; i++)
				if (!http_text_valid(p.v[i].value, p.v[i].len))
					abort();
		if (token_receipt_normalise(text, norm) == 0 && strlen(norm) != TOKEN_RECEIPT_LEN)
			abort();
		html_urlpart(&out, text);
		check_escaped(&out);
	}
	buf_release(&out);
	arena_release(&a);
	return 0;
}

#ifdef YV_FUZZ_REPLAY
#include "replay.h"

int main(void)
{
	size_t count = 0;
	long files = replay_corpus("http", &count);
	uint64_t x = 0x9e3779b97f4a7c15ull;
	unsigned char buf[512];

	printf("%s 1 - %ld seeds replayed with every prefix (%zu inputs)\n",
	       files > 0 ? "ok" : "not ok", files, count);
	/* A fixed stream of inputs drawn from the bytes that matter most. */
	for (int i = 0; i < 20000; i++) {
		static const char alphabet[] = "a=&%+;0F\xc3\xa9\xff\x00\x80\xe2\x82 <>\"'-";
		size_t n;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		n = (size_t)(x % sizeof(buf));
		for (size_t k = 0; k < n; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[k] = (unsigned char)alphabet[x % (sizeof(alphabet) - 1)];
		}
		LLVMFuzzerTestOneInput(buf, n);
	}
	printf("ok 2 - 20000 generated inputs decoded with every invariant holding\n1..2\n");
	return files > 0 ? 0 : 1;
}
#endif
