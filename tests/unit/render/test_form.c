/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests of the number writers the forms use for money and percentages. */
#include "config.h"

#include "core/buf.h"
#include "render/form.h"
#include "tap.h"

static const char *money(struct buf *b, long long pence)
{
	buf_reset(b);
	form_money(b, pence);
	return buf_cstr(b);
}

int main(void)
{
	char v[24];
	struct buf b;

	buf_init(&b, 256);
	form_hundredths(v, 0, 0);
	is_str(v, "0", "zero");
	form_hundredths(v, 0, 1);
	is_str(v, "+0", "zero with a sign");
	form_hundredths(v, -2500, 0);
	is_str(v, "-25", "whole negative percent");
	form_hundredths(v, 950, 1);
	is_str(v, "+9.5", "one decimal, trailing zero dropped");
	form_hundredths(v, -5, 0);
	is_str(v, "-0.05", "hundredths below one");
	form_hundredths(v, 1234, 0);
	is_str(v, "12.34", "two decimals");
	is_str(money(&b, 0), "£0", "no money");
	is_str(money(&b, 11860000000LL), "£118,600,000", "thousands separated");
	is_str(money(&b, -370000000LL), "-£3,700,000", "a saving is negative");
	is_str(money(&b, 149), "£1", "pence round to the nearest pound");
	is_str(money(&b, 99999), "£1,000", "rounding carries into a new group");
	buf_release(&b);
	return tap_done();
}
