/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * geo: the `yourvoice geo` command, for operators checking a geo
 * configuration: it opens the databases as `serve` does and prints what
 * each address given on the command line resolves to. Nothing is stored.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "core/settings.h"
#include "geo/geo.h"

int cmd_geo(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *config = NULL;
	struct settings cfg;
	struct geo *g;
	char err[1024];
	int c;

	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'h':
			printf(
			    "usage: yourvoice geo [--config FILE] ADDRESS...\n"
			    "Print the country, region and ASN the configured geo databases give\n"
			    "for each address (\"-\" where unknown), to check a configuration.\n");
			return 0;
		default:
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: yourvoice geo [--config FILE] ADDRESS...\n");
		return 2;
	}
	if (settings_load_for_cli(&cfg, config, err, sizeof(err)) != 0 ||
	    geo_open(&g, &cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "yourvoice geo: %s\n", err);
		return 1;
	}
	if (!geo_has_country_db(g))
		fprintf(stderr, "yourvoice geo: no country database is in use\n");
	for (int i = optind; i < argc; i++) {
		struct geo_result r;

		geo_lookup(g, argv[i], &r);
		printf("%s %s %s ", argv[i], r.country[0] ? r.country : "-",
		       r.region[0] ? r.region : "-");
		if (r.asn != 0)
			printf("AS%lu\n", r.asn);
		else
			printf("-\n");
	}
	geo_close(g);
	return 0;
}
