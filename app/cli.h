/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cli: the subcommands of the yourvoice binary. Each takes the arguments
 * after its name (argv[0] is the subcommand) and returns the exit status.
 *
 * The directory app/cmd owns the command-line side of the subcommands, one
 * file each: option parsing, usage text, messages and exit status. The work
 * itself is done by the module the command drives (survey, geo, store, ...),
 * through an API of C structs and paths, so those modules never parse
 * options or choose exit codes. cmd may use every module but web (it sits
 * beside serve, at the top); nothing but main.c calls it. Each command
 * is marked with the file that holds it (all in app/cmd/ but serve).
 */
#ifndef YV_CLI_H
#define YV_CLI_H

int cmd_serve(int argc, char **argv);	     /* app/serve.c */
int cmd_migrate(int argc, char **argv);	     /* app/cmd/migrate.c */
int cmd_check(int argc, char **argv);	     /* app/cmd/check.c */
int cmd_user(int argc, char **argv);	     /* app/cmd/user.c */
int cmd_invite(int argc, char **argv);	     /* app/cmd/invite.c */
int cmd_purge(int argc, char **argv);	     /* app/cmd/purge.c */
int cmd_geo(int argc, char **argv);	     /* app/cmd/geo.c */
int cmd_backup(int argc, char **argv);	     /* app/cmd/backup.c */
int cmd_restore(int argc, char **argv);	     /* app/cmd/backup.c */
int cmd_results(int argc, char **argv);	     /* app/cmd/results.c */
int cmd_reload(int argc, char **argv);	     /* app/cmd/reload.c */
int cmd_notify(int argc, char **argv);	     /* app/cmd/notify.c */
int cmd_paper(int argc, char **argv);	     /* app/cmd/paper.c */
int cmd_key(int argc, char **argv);	     /* app/cmd/key.c */
int cmd_survey(int argc, char **argv);	     /* app/cmd/survey.c */
int cmd_translate(int argc, char **argv);    /* app/cmd/translate.c */
int cmd_test_request(int argc, char **argv); /* app/serve.c */

int cmd_themes(int argc, char **argv); /* app/cmd/themes.c */
int cmd_redact(int argc, char **argv); /* app/cmd/themes.c */

struct settings;
struct store;
struct survey_set;
struct survey;
/* app/cmd/results.c: store the results totals (results/totals.h) of every
 * survey of set whose totals are missing or stale, or (only not NULL) count
 * those of only afresh, under the installation key of cfg; says what it
 * did on stdout. 0, or 1 after saying why not. */
int cli_totals_build(const struct settings *cfg, struct store *st, const struct survey_set *set,
		     const struct survey *only, const char *cmd);

/* app/cmd/surveys.c: the surveys the service offers, for command cmd: the
 * versions stored in MariaDB (issue 22) and the directory's files not
 * stored yet; the directory alone when the database cannot be read (said
 * on stderr). cli_surveys_load: the whole set; 0 with *out set, or 1 after
 * printing every problem and "yourvoice CMD: ... do not load<consequence>"
 * on stderr. cli_survey_load: the survey `id` (its stored version, else
 * its file; only the file of dir when dir is not NULL); 0 with *out set,
 * or 1 after printing why not. */
int cli_surveys_load(const struct settings *cfg, const char *cmd, const char *consequence,
		     struct survey_set **out);
int cli_survey_load(const struct settings *cfg, const char *dir, const char *id, const char *cmd,
		    struct survey **out);

#endif
