/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * surveys: how every command finds the surveys the service offers (the set
 * of the configured directory, or one survey of it by id), with the same
 * messages on stderr when they do not load. One place, so that the
 * commands and the service can never disagree on where surveys come from.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/settings.h"
#include "survey/survey.h"

int cli_surveys_load(const struct settings *cfg, const char *cmd, const char *consequence,
		     struct survey_set **out)
{
	struct survey_diags d;
	int rc = 0;

	*out = NULL;
	survey_diags_init(&d);
	if (survey_set_load_dir(cfg->surveys_dir, out, &d) != 0) {
		survey_diags_print(&d, stderr);
		fprintf(stderr, "yourvoice %s: the surveys in %s do not load%s\n", cmd,
			cfg->surveys_dir, consequence ? consequence : "");
		rc = 1;
	}
	survey_diags_release(&d);
	return rc;
}

int cli_survey_load(const struct settings *cfg, const char *dir, const char *id, const char *cmd,
		    struct survey **out)
{
	struct survey_diags d;
	char path[4096];
	int rc = 0;

	*out = NULL;
	if (!survey_id_valid(id, strlen(id))) {
		fprintf(stderr, "yourvoice %s: '%s' is not a survey id\n", cmd, id);
		return 1;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/%s.xml", dir ? dir : cfg->surveys_dir, id) >=
	    sizeof(path)) {
		fprintf(stderr, "yourvoice %s: the surveys directory's name is too long\n", cmd);
		return 1;
	}
	survey_diags_init(&d);
	if (survey_load_file(path, out, &d) != 0) {
		survey_diags_print(&d, stderr);
		rc = 1;
	}
	survey_diags_release(&d);
	return rc;
}
