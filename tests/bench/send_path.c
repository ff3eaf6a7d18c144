/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * send_path: what the stored results totals (issue 23) cost a send. Stores
 * N responses to the bench's budget survey through responses_send() (the
 * send's one transaction, as a worker runs it, with the worker's totals
 * hook), alternating blocks with the totals maintenance on and off (off:
 * the send as it was before the totals: no cells queued), and prints the
 * best sends per second of each and their ratio. Built and run by
 * tests/bench/results; links libyourvoice.a.
 *   send_path CONFIG SURVEYS-DIR SURVEY-ID N
 * The responses sent with the maintenance off are not in the stored totals:
 * the caller rebuilds them after (yourvoice results --rebuild).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/settings.h"
#include "core/token.h"
#include "results/sdc.h"
#include "results/totals.h"
#include "store/responses.h"
#include "store/totals.h"
#include "survey/survey.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *lines[] = {"schools",  "adult-care", "children",	    "waste",
			      "highways", "libraries",	"leisure",	    "parks",
			      "housing",  "economy",	"public-protection"};

/* One block of n sends from serial *k on; seconds taken, -1 on error. */
static double block(struct store *st, const struct survey *s, long n, long *k)
{
	char fields[32][64], values[32][64], receipt[65], sid[65];
	struct responses_answer ans[32];
	double t0 = now_s();

	for (long i = 0; i < n; i++, (*k)++) {
		struct responses_new r = {0};
		size_t m = 0;

		for (size_t l = 0; l < sizeof(lines) / sizeof(lines[0]); l++) {
			snprintf(fields[m], sizeof(fields[m]), "budget.%s", lines[l]);
			snprintf(values[m], sizeof(values[m]), "%d", 0);
			m++;
		}
		snprintf(fields[m], 64, "budget.council-tax");
		snprintf(values[m], 64, "%ld.%ld", *k % 5, (*k % 2) * 5);
		m++;
		snprintf(fields[m], 64, "protect.schools");
		snprintf(values[m], 64, "1");
		m++;
		snprintf(fields[m], 64, "protect.waste");
		snprintf(values[m], 64, "2");
		m++;
		snprintf(fields[m], 64, "tax-view");
		snprintf(values[m], 64, "%s", *k % 2 ? "no-rise" : "small-rise");
		m++;
		snprintf(fields[m], 64, "household");
		snprintf(values[m], 64, "yes");
		m++;
		snprintf(fields[m], 64, "people");
		snprintf(values[m], 64, "%ld", 1 + *k % 6);
		m++;
		snprintf(fields[m], 64, "postcode");
		snprintf(values[m], 64, "LL11 1AA");
		m++;
		snprintf(fields[m], 64, "other-ways");
		snprintf(values[m], 64, "online");
		m++;
		for (size_t j = 0; j < m; j++)
			ans[j] = (struct responses_answer){fields[j], 0, values[j]};
		snprintf(receipt, sizeof(receipt), "SENDPATH%056ld", *k);
		snprintf(sid, sizeof(sid), "%064ld", *k);
		r.survey_id = s->id;
		r.version_hash = s->version_hash;
		r.receipt_hash = receipt;
		r.sid_hash = sid;
		r.lang = "en";
		r.channel = "web";
		r.in_area = 1;
		r.answers = ans;
		r.nanswers = m;
		if (responses_send(st, &r) != STORE_OK) {
			fprintf(stderr, "send_path: send %ld failed\n", *k);
			return -1;
		}
	}
	return now_s() - t0;
}

int main(int argc, char **argv)
{
	unsigned char key[TOKEN_KEY_BYTES];
	struct survey_diags d;
	struct survey_set *set = NULL;
	struct totals_hook hook;
	struct settings cfg;
	const struct survey *s;
	struct store st;
	char err[512];
	double best[2] = {0, 0};
	long n, k = (long)time(NULL) * 1000;

	if (argc != 5 || (n = strtol(argv[4], NULL, 10)) < 10) {
		fprintf(stderr, "usage: send_path CONFIG SURVEYS-DIR SURVEY-ID N\n");
		return 2;
	}
	survey_diags_init(&d);
	if (settings_load_for_cli(&cfg, argv[1], err, sizeof(err)) != 0 ||
	    survey_set_load_dir(argv[2], &set, &d) != 0 ||
	    (s = survey_set_find(set, argv[3])) == NULL || token_init() != 0 ||
	    token_key_load(cfg.secret_file, key, err, sizeof(err)) != 0) {
		fprintf(stderr, "send_path: cannot load the configuration, surveys or key\n");
		return 1;
	}
	sdc_set_key(key);
	results_totals_hook(&hook, set);
	store_init(&st, &cfg);
	st.totals = &hook;
	if (store_connect(&st) != STORE_OK) {
		fprintf(stderr, "send_path: no database\n");
		return 1;
	}
	/* blocks of n/10, on and off in turn, so that both meet the same noise */
	for (int round = 0; round < 10; round++) {
		double t;

		hook.off = round % 2;
		t = block(&st, s, n / 10, &k);
		if (t < 0)
			return 1;
		t = (double)(n / 10) / t;
		if (t > best[hook.off])
			best[hook.off] = t;
	}
	printf("%.1f %.1f %.3f\n", best[0], best[1], best[0] / best[1]);
	store_release(&st);
	survey_set_free(set);
	return 0;
}
