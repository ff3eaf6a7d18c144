# results: structured aggregation of responses (no SQL, no HTTP) and the
# `yourvoice results` command that feeds it from the database.
app_libyourvoice_a_SOURCES += \
	app/results/results.c app/results/results.h

check_PROGRAMS += tests/unit/results/test_results
TESTS += tests/unit/results/test_results
EXTRA_DIST += tests/fixtures/results
