/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * mail: send a plain-text UTF-8 email through a sendmail-compatible
 * command (the `sendmail` setting, e.g. "/usr/sbin/sendmail -t -i"), which
 * reads the whole message, headers included, on its standard input. The
 * command is split on spaces and run without a shell. Addresses and the
 * subject may not hold CR or LF (no header injection); the subject is
 * RFC 2047-encoded.
 */
#ifndef YV_CORE_MAIL_H
#define YV_CORE_MAIL_H

/* 0 when the command accepted the message (exit status 0), -1 otherwise. */
int mail_send(const char *command, const char *from, const char *to, const char *subject,
	      const char *body);

/* The same, with List-Unsubscribe (unsub_url, no spaces or angle brackets)
 * and List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058), so a
 * mail program can offer the resident a one-click unsubscribe. */
int mail_send_unsubscribe(const char *command, const char *from, const char *to,
			  const char *subject, const char *unsub_url, const char *body);

#endif
