/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* i18n: gettext set-up and per-request language (see i18n.h). */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"

/* glibc's catalogue-cache generation counter, documented in the gettext
 * manual as the way to make a LANGUAGE change take effect. */
extern int _nl_msg_cat_cntr;

static char current[8];

void i18n_init(const char *dir)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	bindtextdomain("yourvoice", dir);
	bind_textdomain_codeset("yourvoice", "UTF-8");
	current[0] = '\0';
	i18n_use("en");
}

void i18n_use(const char *code)
{
	if (strcmp(current, code) == 0)
		return;
	strncpy(current, code, sizeof(current) - 1);
	setenv("LANGUAGE", code, 1);
	++_nl_msg_cat_cntr;
}
