/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * translate: the translation pages under /admin for officers with the
 * survey (survey/translation.h does the work):
 *   GET  /admin/translate/<survey>       every English text beside its Welsh,
 *        missing and unchanged ones marked in words, counts at the top,
 *        downloads and the upload form
 *   GET  /admin/translate/<survey>.csv   (kind 1) and .xlf (kind 2)
 *   POST /admin/translate/<survey>       a CSV or XLIFF file (multipart):
 *        what would change (old Welsh -> new Welsh) and the check result
 *   POST /admin/translate/<survey>.xml   the reviewed changes applied to the
 *        current file again, checked, sent back as an attachment
 * Nothing is written into the surveys directory: the officer puts the
 * updated file in place (or in version control) as for any edit.
 */
#ifndef YV_WEB_TRANSLATE_H
#define YV_WEB_TRANSLATE_H

#include "web/routedef.h"

route_fn translate_page, translate_upload, translate_download;

#endif
