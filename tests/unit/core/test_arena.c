/* SPDX-License-Identifier: AGPL-3.0-or-later */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "tap.h"

int main(void)
{
	struct arena a;
	char *s, *big;
	void *p;

	arena_init(&a, 0);
	s = arena_strdup(&a, "hello");
	is_str(s, "hello", "strdup copies");
	p = arena_alloc(&a, 3);
	ok(((uintptr_t)p % 16) == 0, "allocations are 16-byte aligned");
	s = arena_printf(&a, "%d-%s", 42, "x");
	is_str(s, "42-x", "printf formats into the arena");
	big = arena_alloc(&a, 200000);
	ok(big != NULL, "a large allocation gets its own block");
	memset(big, 'x', 200000);
	s = arena_strdup(&a, "after big");
	is_str(s, "after big", "small allocations still work after a big one");
	arena_reset(&a);
	is_int(a.used, 0, "reset forgets every allocation");
	s = arena_strndup(&a, "abcdef", 3);
	is_str(s, "abc", "strndup takes n bytes and terminates");
	arena_release(&a);

	arena_init(&a, 1000);
	ok(arena_alloc(&a, 900) != NULL, "allocation under the limit succeeds");
	ok(arena_alloc(&a, 200) == NULL, "allocation past the limit returns NULL");
	ok(arena_alloc(&a, SIZE_MAX) == NULL, "SIZE_MAX is refused, not wrapped");
	ok(arena_calloc(&a, SIZE_MAX / 2, 4) == NULL, "calloc overflow is refused");
	arena_release(&a);
	return tap_done();
}
