/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The data set of the results unit tests (fixture.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "results/fixture.h" /* tests/unit/results */

const struct fixture main_set[FIXTURE_MAIN_N] = {
    {"en",
     "web",
     "2025-02-01",
     1,
     0,
     {"transport=car", "services=library", "services=parks", "trust=5", "protect.a=1",
      "protect.b=2", "people=2", "visit=2025-01-10", "comment=hi", "age=young", "pc=SY16 1AA",
      "budget.x=-10", "budget.y=0", "budget.council-tax=0", NULL}},
    {"en",
     "web",
     "2025-02-01",
     1,
     0,
     {"transport=car", "services=parks", "trust=4", "protect.b=1", "protect.a=2", "people=4",
      "visit=2025-01-20", "age=young", "pc=SY17 2BB", "budget.x=-5", "budget.y=-10",
      "budget.council-tax=1", NULL}},
    {"cy",
     "paper",
     "2025-02-02",
     0,
     0,
     {"transport=bus", "trust=dont-know", "protect.a=1", "protect.c=2", "people=1", "age=old",
      "pc=SY16 3CC", "budget.x=0", "budget.y=0", "budget.council-tax=2", NULL}},
    {"cy",
     "web",
     "2025-02-03",
     -1,
     0,
     {"transport=other", "transport.other=bike", "trust=2", "protect.c=1", "protect.b=2",
      "people=10", "visit=2025-03-01", "age=old", "budget.x=-20", "budget.y=10",
      "budget.council-tax=0", NULL}},
    {"en",
     "phone",
     "2025-02-03",
     1,
     0,
     {"trust=3", "people=3", "age=young", "budget.x=5", "budget.y=-5", "budget.council-tax=0",
      "transport=nonsense", NULL}},
    {"en", "web", "2025-02-03", 1, 0, {NULL}},
};

void fixture_response(const struct fixture *f, unsigned rkey, struct results_response *resp,
		      struct results_row rows[16], char names[16][64])
{
	size_t n = 0;

	for (; f->rows[n] != NULL; n++) {
		const char *eq = strchr(f->rows[n], '=');

		snprintf(names[n], 64, "%.*s", (int)(eq - f->rows[n]), f->rows[n]);
		rows[n].qid = names[n];
		rows[n].value = eq + 1;
	}
	memset(resp, 0, sizeof(*resp));
	resp->lang = f->lang;
	resp->channel = f->channel;
	resp->day = f->day;
	resp->in_area = f->in_area;
	resp->flagged = f->flagged;
	resp->rows = rows;
	resp->nrows = n;
	resp->rkey = rkey;
}
