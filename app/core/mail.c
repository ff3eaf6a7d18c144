/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mail: hand a message to a sendmail-compatible command (see mail.h). */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mail.h"

#define MAIL_MAX_ARGS 16
#define MAIL_MAX_BYTES (256 * 1024)

static int has_crlf(const char *s)
{
	return strpbrk(s, "\r\n") != NULL;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int send_with(const char *command, const char *from, const char *to, const char *subject,
		     const char *unsub, const char *body)
{
	char cmd[256], *argv[MAIL_MAX_ARGS + 1], *save = NULL, *tok;
	char b64[1024];
	struct buf msg;
	int pipefd[2], status, argc = 0, rc = -1;
	pid_t pid;

	if (command == NULL || command[0] == '\0' || has_crlf(from) || has_crlf(to) ||
	    has_crlf(subject) || strlen(command) >= sizeof(cmd) || strlen(subject) > 300 ||
	    (unsub != NULL && (has_crlf(unsub) || strpbrk(unsub, "<> ") != NULL)))
		return -1;
	memcpy(cmd, command, strlen(command) + 1);
	for (tok = strtok_r(cmd, " ", &save); tok != NULL && argc < MAIL_MAX_ARGS;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	if (argc == 0)
		return -1;

	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)subject, strlen(subject),
			  sodium_base64_VARIANT_ORIGINAL);
	buf_init(&msg, MAIL_MAX_BYTES);
	buf_printf(&msg,
		   "From: %s\nTo: %s\nSubject: =?UTF-8?B?%s?=\nMIME-Version: 1.0\n"
		   "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
		   "Auto-Submitted: auto-generated\n",
		   from, to, b64);
	if (unsub != NULL)
		buf_printf(
		    &msg,
		    "List-Unsubscribe: <%s>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n",
		    unsub);
	buf_printf(&msg, "\n%s\n", body);
	if (msg.overflow || pipe(pipefd) != 0) {
		buf_release(&msg);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		dup2(pipefd[0], STDIN_FILENO);
		close(pipefd[0]);
		close(pipefd[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(pipefd[0]);
	if (pid > 0) {
		void (*old)(int) = signal(SIGPIPE, SIG_IGN);

		rc = write_all(pipefd[1], msg.data, msg.len);
		close(pipefd[1]);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		signal(SIGPIPE, old);
		if (rc == 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
			rc = -1;
	} else {
		close(pipefd[1]);
	}
	if (rc != 0)
		log_warn("mail: the sendmail command did not accept a message");
	buf_release(&msg);
	return rc;
}

int mail_send(const char *command, const char *from, const char *to, const char *subject,
	      const char *body)
{
	return send_with(command, from, to, subject, NULL, body);
}

int mail_send_unsubscribe(const char *command, const char *from, const char *to,
			  const char *subject, const char *unsub_url, const char *body)
{
	return send_with(command, from, to, subject, unsub_url, body);
}
