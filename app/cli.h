/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cli: the subcommands of the yourvoice binary. Each takes the arguments
 * after its name (argv[0] is the subcommand) and returns the exit status.
 * Each lives with the module it drives.
 */
#ifndef YV_CLI_H
#define YV_CLI_H

int cmd_serve(int argc, char **argv);   /* app/serve.c */
int cmd_migrate(int argc, char **argv); /* app/store/migrate.c */
int cmd_check(int argc, char **argv);   /* app/survey/check.c */
int cmd_user(int argc, char **argv);    /* app/store/users.c */
int cmd_invite(int argc, char **argv);  /* app/invite.c */
int cmd_purge(int argc, char **argv);   /* app/purge.c */
int cmd_geo(int argc, char **argv);     /* app/geo/cmd.c */
int cmd_backup(int argc, char **argv);  /* app/store/backup.c */
int cmd_restore(int argc, char **argv); /* app/store/backup.c */
int cmd_results(int argc, char **argv); /* app/results/feed.c */
int cmd_key(int argc, char **argv);     /* app/store/instkey.c */

int cmd_themes(int argc, char **argv);
int cmd_redact(int argc, char **argv);

#endif
