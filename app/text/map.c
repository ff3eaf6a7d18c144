/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * map: open-addressing hash tables with linear probing (see map.h). Keys of
 * text_map live in one growing pool so that a table of a million words is
 * a handful of allocations.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "text/map.h"

static uint32_t fnv1a(const char *k, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)k[i];
		h *= 16777619u;
	}
	return h;
}

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

void text_map_init(struct text_map *m)
{
	memset(m, 0, sizeof(*m));
}

void text_map_release(struct text_map *m)
{
	free(m->slots);
	free(m->pool);
	free(m->key_off);
	free(m->key_len);
	free(m->hash);
	memset(m, 0, sizeof(*m));
}

static void map_rehash(struct text_map *m, size_t nslots)
{
	free(m->slots);
	m->slots = calloc(nslots, sizeof(*m->slots));
	if (m->slots == NULL)
		log_fatal("out of memory");
	m->nslots = nslots;
	for (size_t id = 0; id < m->n; id++) {
		size_t i = m->hash[id] & (nslots - 1);

		while (m->slots[i])
			i = (i + 1) & (nslots - 1);
		m->slots[i] = (uint32_t)id + 1;
	}
}

long text_map_find(const struct text_map *m, const char *k, size_t n)
{
	uint32_t h;
	size_t i;

	if (m->nslots == 0)
		return -1;
	h = fnv1a(k, n);
	i = h & (m->nslots - 1);
	while (m->slots[i]) {
		uint32_t id = m->slots[i] - 1;

		if (m->hash[id] == h && m->key_len[id] == n &&
		    memcmp(m->pool + m->key_off[id], k, n) == 0)
			return id;
		i = (i + 1) & (m->nslots - 1);
	}
	return -1;
}

uint32_t text_map_intern(struct text_map *m, const char *k, size_t n, int *added)
{
	long found = text_map_find(m, k, n);
	uint32_t id;
	size_t i;

	if (added)
		*added = found < 0;
	if (found >= 0)
		return (uint32_t)found;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->key_off = xrealloc(m->key_off, m->cap * sizeof(*m->key_off));
		m->key_len = xrealloc(m->key_len, m->cap * sizeof(*m->key_len));
		m->hash = xrealloc(m->hash, m->cap * sizeof(*m->hash));
	}
	if (m->pool_len + n + 1 > m->pool_cap) {
		while (m->pool_len + n + 1 > m->pool_cap)
			m->pool_cap = m->pool_cap ? m->pool_cap * 2 : 4096;
		m->pool = xrealloc(m->pool, m->pool_cap);
	}
	id = (uint32_t)m->n++;
	m->key_off[id] = m->pool_len;
	m->key_len[id] = (uint32_t)n;
	m->hash[id] = fnv1a(k, n);
	memcpy(m->pool + m->pool_len, k, n);
	m->pool[m->pool_len + n] = '\0';
	m->pool_len += n + 1;
	if (m->n * 2 > m->nslots) {
		map_rehash(m, m->nslots ? m->nslots * 2 : 512);
	} else {
		i = m->hash[id] & (m->nslots - 1);
		while (m->slots[i])
			i = (i + 1) & (m->nslots - 1);
		m->slots[i] = id + 1;
	}
	return id;
}

const char *text_map_key(const struct text_map *m, uint32_t id)
{
	return m->pool + m->key_off[id];
}

void text_map64_init(struct text_map64 *m)
{
	memset(m, 0, sizeof(*m));
}

void text_map64_release(struct text_map64 *m)
{
	free(m->keys);
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

long text_map64_find(const struct text_map64 *m, uint64_t k)
{
	size_t i;

	if (m->nslots == 0)
		return -1;
	i = mix64(k) & (m->nslots - 1);
	while (m->slots[i]) {
		uint32_t id = m->slots[i] - 1;

		if (m->keys[id] == k)
			return id;
		i = (i + 1) & (m->nslots - 1);
	}
	return -1;
}

uint32_t text_map64_intern(struct text_map64 *m, uint64_t k, int *added)
{
	long found = text_map64_find(m, k);
	uint32_t id;

	if (added)
		*added = found < 0;
	if (found >= 0)
		return (uint32_t)found;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->keys = xrealloc(m->keys, m->cap * sizeof(*m->keys));
	}
	id = (uint32_t)m->n++;
	m->keys[id] = k;
	if (m->n * 2 > m->nslots) {
		size_t ns = m->nslots ? m->nslots * 2 : 512;

		free(m->slots);
		m->slots = calloc(ns, sizeof(*m->slots));
		if (m->slots == NULL)
			log_fatal("out of memory");
		m->nslots = ns;
		for (size_t j = 0; j < m->n; j++) {
			size_t i = mix64(m->keys[j]) & (ns - 1);

			while (m->slots[i])
				i = (i + 1) & (ns - 1);
			m->slots[i] = (uint32_t)j + 1;
		}
	} else {
		size_t i = mix64(k) & (m->nslots - 1);

		while (m->slots[i])
			i = (i + 1) & (m->nslots - 1);
		m->slots[i] = id + 1;
	}
	return id;
}
