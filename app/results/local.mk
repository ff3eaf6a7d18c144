# results: structured aggregation of responses (no SQL, no HTTP) and the
# `yourvoice results` command that feeds it from the database.
# The CSV writer and the results page live in render/ and web/ by layer,
# but are listed here so that other modules' fragments stay untouched.
app_libyourvoice_a_SOURCES += \
	app/results/results.c app/results/results.h \
	app/results/sdc.c app/results/sdc.h \
	app/results/feed.c app/results/feed.h \
	app/render/csv.c app/render/csv.h \
	app/render/svg.c app/render/svg.h \
	app/web/publish.c \
	app/results/themeview.c app/results/themeview.h \
	app/results/summariser.c app/results/summariser.h

check_PROGRAMS += tests/unit/results/test_results
TESTS += tests/unit/results/test_results
check_PROGRAMS += tests/unit/results/test_themeview
TESTS += tests/unit/results/test_themeview
EXTRA_DIST += tests/fixtures/results tests/fixtures/themes
EXTRA_DIST += docs/open-data.md docs/privacy.md tests/bench/results
