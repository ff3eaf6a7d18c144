# store: MariaDB connection, statement table, migrations, and one typed file
# per table family; the only directory that knows SQL, statement ids and
# column positions (tests/lint/store-api). May use: core/ only.
app_libyourvoice_a_SOURCES += \
	app/store/store.c app/store/store.h \
	app/store/stmt.c app/store/stmt.h \
	app/store/migrate.c app/store/migrate.h \
	app/store/users.c app/store/users.h \
	app/store/replica.c app/store/replica.h \
	app/store/instkey.c app/store/instkey.h \
	app/store/codes.c app/store/codes.h \
	app/store/audit.c app/store/audit.h \
	app/store/saves.c app/store/saves.h \
	app/store/responses.c app/store/responses.h \
	app/store/notify.c app/store/notify.h \
	app/store/moderation.c app/store/moderation.h \
	app/store/themereview.c app/store/themereview.h \
	app/store/exports.c app/store/exports.h \
	app/store/sessions.c app/store/sessions.h \
	app/store/ratelimits.c app/store/ratelimits.h \
	app/store/publication.c app/store/publication.h \
	app/store/backup.c app/store/backup.h \
	app/store/invites.c app/store/invites.h \
	app/store/purge.c app/store/purge.h \
	app/store/commitments.c app/store/commitments.h \
	app/store/feedback.c app/store/feedback.h \
	app/store/surveyxml.c app/store/surveyxml.h

# rstore: the results feed's reads, publication snapshots, theme summaries
app_libyourvoice_a_SOURCES += \
	app/store/answers_read.c app/store/answers_read.h \
	app/store/snapshots.c app/store/snapshots.h \
	app/store/summaries.c app/store/summaries.h \
	app/store/totals.c app/store/totals.h \
	app/store/themeviews.c app/store/themeviews.h

# Installed flat in $(pkgdatadir)/migrations, the compiled-in migrations_dir;
# tests/integration/70-ops.sh checks that every file here gets there.
migrationsdir = $(pkgdatadir)/migrations
dist_migrations_DATA = app/store/migrations/001-initial.sql \
	app/store/migrations/002-journey.sql \
	app/store/migrations/003-trust.sql \
	app/store/migrations/004-officers.sql \
	app/store/migrations/005-publication.sql \
	app/store/migrations/006-moderation.sql \
	app/store/migrations/007-themes.sql \
	app/store/migrations/008-flags.sql \
	app/store/migrations/009-publication-flagged.sql \
	app/store/migrations/010-installation-key.sql \
	app/store/migrations/011-snapshots.sql \
	app/store/migrations/012-codes-at-rest.sql \
	app/store/migrations/013-theme-review.sql \
	app/store/migrations/020-results-totals.sql \
	app/store/migrations/030-commitments.sql \
	app/store/migrations/040-channels.sql \
	app/store/migrations/070-notify.sql \
	app/store/migrations/080-survey-versions.sql \
	app/store/migrations/090-feedback.sql \
	app/store/migrations/110-theme-views.sql

check_PROGRAMS += tests/unit/store/test_replica
TESTS += tests/unit/store/test_replica

# Every statement prepares against the migrated schema (needs MariaDB:
# tests/run provides it through YV_TEST_DB_CONFIG; skipped without).
check_PROGRAMS += tests/unit/store/test_statements
TESTS += tests/unit/store/test_statements

# The stored themes views and their version (migration 110); needs
# MariaDB as test_statements does (skipped without).
check_PROGRAMS += tests/unit/store/test_themeviews
TESTS += tests/unit/store/test_themeviews
# The stored survey versions (store/surveyxml.h), against the same database.
check_PROGRAMS += tests/unit/store/test_surveyxml
TESTS += tests/unit/store/test_surveyxml
