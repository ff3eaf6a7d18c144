/* SPDX-License-Identifier: AGPL-3.0-or-later */
#include "config.h"

#include "core/buf.h"
#include "tap.h"

int main(void)
{
	struct buf b;

	buf_init(&b, 10);
	is_str(buf_cstr(&b), "", "an empty buffer reads as an empty string");
	is_int(buf_puts(&b, "hello"), 0, "append under the maximum succeeds");
	is_int(buf_printf(&b, "%d", 1234), 0, "printf under the maximum succeeds");
	is_str(buf_cstr(&b), "hello1234", "content is what was appended");
	is_int(buf_puts(&b, "xy"), -1, "append past the maximum fails");
	ok(b.overflow, "overflow is remembered");
	is_str(buf_cstr(&b), "hello1234", "a refused append leaves the content as it was");
	is_int(buf_putc(&b, '!'), 0, "appending up to exactly the maximum succeeds");
	is_int(b.len, 10, "length is at the maximum");
	buf_reset(&b);
	ok(!b.overflow && b.len == 0, "reset empties and clears overflow");
	is_int(buf_printf(&b, "%s", "01234567890"), -1, "printf past the maximum fails");
	buf_release(&b);
	return tap_done();
}
