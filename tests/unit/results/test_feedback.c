/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests of results/feedback: the disclosure control of the stance
 * split on /feedback (cells under the minimum group size suppressed, and
 * the next smallest non-empty one when only one would be). */
#include "config.h"

#include "results/feedback.h"
#include "tap.h"

static int sup_is(const long long c[4], unsigned mg, const char *want)
{
	unsigned char s[4];
	char got[5];

	feedback_suppress_stances(c, mg, s);
	for (int i = 0; i < 4; i++)
		got[i] = s[i] ? 'x' : '.';
	got[4] = '\0';
	return got[0] == want[0] && got[1] == want[1] && got[2] == want[2] && got[3] == want[3];
}

int main(void)
{
	const long long big[4] = {20, 15, 0, 11};
	const long long one[4] = {3, 25, 0, 12};
	const long long two[4] = {3, 25, 4, 12};
	const long long only[4] = {4, 0, 0, 0};

	ok(sup_is(big, 10, "...."), "no cell under 10: nothing suppressed");
	ok(sup_is(one, 10, "x..x"),
	   "one cell under 10 (3): it and the next smallest non-empty one (12) are suppressed");
	ok(sup_is(two, 10, "x.x."), "two cells under 10: just those two");
	ok(sup_is(only, 10, "x..."), "a lone small cell with no other to pair: suppressed alone");
	ok(sup_is(one, 2, "...."), "a minimum of 2: nothing to suppress");
	return tap_done();
}
