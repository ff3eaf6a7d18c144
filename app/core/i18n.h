/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * i18n: interface strings through GNU gettext (domain "yourvoice",
 * catalogues in locale/<lang>/LC_MESSAGES/yourvoice.mo). The process runs
 * in the C.UTF-8 locale; the language of each request is chosen by
 * i18n_use(), which sets LANGUAGE and invalidates gettext's cache, so one
 * worker can answer an English request and then a Welsh one.
 */
#ifndef YV_CORE_I18N_H
#define YV_CORE_I18N_H

#include <libintl.h>

#define _(s) dgettext("yourvoice", s)
#define N_(s) (s)
/* Plural form: n chooses between the English singular and plural. */
#define ngettext_(s, p, n) dngettext("yourvoice", s, p, (unsigned long)(n))

/* Bind the domain to dir (the directory holding cy/LC_MESSAGES/...). */
void i18n_init(const char *dir);
/* Answer in code ("en" or "cy") from now on. */
void i18n_use(const char *code);

#endif
