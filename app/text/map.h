/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * map: the hash tables of the text pipeline. text_map interns byte strings
 * (words, terms, surface forms) and gives each a dense id in order of first
 * insertion, so iterating ids is deterministic; text_map64 maps 64-bit keys
 * (term pairs and triples, term×theme cells) to dense ids the same way.
 * Both grow by doubling and own their memory.
 */
#ifndef YV_TEXT_MAP_H
#define YV_TEXT_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "core/alloc.h"

struct text_map {
	uint32_t *slots; /* id + 1, 0 = empty */
	size_t nslots;	 /* power of two */
	char *pool;	 /* keys, each NUL-terminated */
	size_t pool_len, pool_cap;
	size_t *key_off; /* by id */
	uint32_t *key_len;
	uint32_t *hash;
	size_t n, cap; /* ids in use, capacity of the id arrays */
};

void text_map_init(struct text_map *m);
void text_map_release(struct text_map *m);
/* Id of the key, or -1 when absent. */
long text_map_find(const struct text_map *m, const char *k, size_t n);
/* Id of the key, inserting it when absent (*added set to 1 then). Aborts
 * on out-of-memory, like the arena. */
uint32_t text_map_intern(struct text_map *m, const char *k, size_t n, int *added);
const char *text_map_key(const struct text_map *m, uint32_t id);

struct text_map64 {
	uint64_t *keys;	 /* by id */
	uint32_t *slots; /* id + 1 */
	size_t nslots, n, cap;
};

void text_map64_init(struct text_map64 *m);
void text_map64_release(struct text_map64 *m);
long text_map64_find(const struct text_map64 *m, uint64_t k);
uint32_t text_map64_intern(struct text_map64 *m, uint64_t k, int *added);

#endif
