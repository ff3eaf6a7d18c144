# cmd: one file per command-line subcommand of the yourvoice binary (options,
# usage text, messages and exit status); the work itself is done by the
# modules they call through their public headers. Linked into the binary
# only, like main.c. May use every layer below: core, survey, text, geo,
# store, results, render (never web/ handlers).
app_yourvoice_SOURCES += \
	app/cmd/check.c \
	app/cmd/geo.c \
	app/cmd/user.c \
	app/cmd/backup.c \
	app/cmd/themes.c \
	app/cmd/invite.c \
	app/cmd/purge.c \
	app/cmd/migrate.c \
	app/cmd/key.c \
	app/cmd/results.c \
	app/cmd/reload.c \
	app/cmd/notify.c \
	app/cmd/paper.c \
	app/cmd/surveys.c \
	app/cmd/survey.c \
	app/cmd/translate.c
