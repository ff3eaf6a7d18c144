/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * editor: officers write a survey in the browser (editor.c), with the XML
 * file still the source of truth.
 *   GET  /admin/edit/<id>   the newest version (a draft newer than the
 *                           served one, else the served one) in a text
 *                           area, an upload alternative, a reason;
 *   POST /admin/edit/<id>   action check (yourvoice check's messages, each
 *                           linked to its line of a numbered listing;
 *                           nothing stored), preview-en / preview-cy (the
 *                           first page as residents see it, nothing
 *                           stored), draft (stored as a draft even when it
 *                           fails the check, saying so), publish (refused
 *                           when it fails the check; for a survey with
 *                           responses the check --previous warnings are
 *                           confirmed first; audited, the service reloads);
 *   GET/POST /admin/new     a new survey from the empty template or a copy
 *                           of a served survey, saved as a draft.
 * <id> may name a survey not served yet (a new draft): the handlers check
 * access themselves (admin_may).
 */
#ifndef YV_WEB_EDITOR_H
#define YV_WEB_EDITOR_H

#include "web/routedef.h"

/* Bytes of the editor's text area and of an uploaded file: ten times the
 * largest sample survey, within the request body limit (max_body,
 * client_max_body_size: 256 KiB). */
#define EDITOR_XML_MAX (240u * 1024u)

route_fn editor_page, editor_post, editor_new;

int editor_valid_action(const char *v);
int editor_valid_id(const char *v);

#endif
