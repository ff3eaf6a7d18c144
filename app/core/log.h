/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * log: one line per event on stderr (the journal under systemd):
 * time, level, process id, message. Never given a client address or an
 * answer: callers log routes, statuses and durations only.
 */
#ifndef YV_CORE_LOG_H
#define YV_CORE_LOG_H

enum log_level { LOG_LVL_DEBUG, LOG_LVL_INFO, LOG_LVL_WARN, LOG_LVL_ERROR };

/* Messages below `min` are dropped. */
void log_set_level(enum log_level min);
/* Parse "debug", "info", "warn", "error"; -1 if unknown. */
int log_level_parse(const char *s);
void log_msg(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Log and abort: for out-of-memory and broken invariants only. */
void log_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#define log_debug(...) log_msg(LOG_LVL_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_LVL_ERROR, __VA_ARGS__)

#endif
