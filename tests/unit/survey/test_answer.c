/* SPDX-License-Identifier: AGPL-3.0-or-later */
#include "config.h"

#include "survey/answer.h"
#include "tap.h"

int main(void)
{
	int v;

	is_int(survey_parse_hundredths("-2.5", &v), 0, "parse -2.5");
	is_int(v, -250, "-2.5 is -250 hundredths");
	return tap_done();
}
