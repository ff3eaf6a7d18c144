# results: structured aggregation of responses (no SQL, no HTTP), the
# theme views, and the two things that feed them from the database: the
# results feed (feed.c; the `yourvoice results` command is app/cmd/results.c) and the background
# theme summariser (summariser.c). They stay here rather than in a
# directory of their own between results/ and web/: since issue 18 they
# read and write only through typed calls of store/ (answers_read.h,
# snapshots.h, summaries.h), which take and return C structs, so results/
# holds no SQL, statement id or column position, and the layer rule
# (store <- results <- web) already holds; a separate directory would add a
# layer for two files that share results/'s types and its themeview.
# May use: core/, survey/, text/ (the summariser's method and redaction),
# store/ (typed calls only); the CSV cell escaper is core/csv.h.
# The CSV writer and the results page live in render/ and web/ by layer,
# but are listed here so that other modules' fragments stay untouched.
app_libyourvoice_a_SOURCES += \
	app/results/results.c app/results/results.h app/results/results_int.h \
	app/results/results_add.c app/results/results_json.c app/results/results_budget.c \
	app/results/sdc.c app/results/sdc.h \
	app/results/series.c app/results/series.h \
	app/results/feedback.c app/results/feedback.h \
	app/results/notifier.c app/results/notifier.h \
	app/results/feed.c app/results/feed.h \
	app/results/totals.c app/results/totals.h \
	app/results/csv.c app/results/csv.h \
	app/render/svg.c app/render/svg.h \
	app/web/publish.c app/web/publish_page.c app/web/publish_int.h \
	app/web/publish_summary.c \
	app/results/themeview.c app/results/themeview.h app/results/themeview_int.h \
	app/results/themeview_view.c app/results/themeview_csv.c \
	app/results/summariser.c app/results/summariser.h

check_PROGRAMS += tests/unit/results/test_results
TESTS += tests/unit/results/test_results
tests_unit_results_test_results_SOURCES = tests/unit/results/test_results.c \
	tests/unit/results/fixture.c tests/unit/results/fixture.h
check_PROGRAMS += tests/unit/results/test_series
TESTS += tests/unit/results/test_series
check_PROGRAMS += tests/unit/results/test_feedback
TESTS += tests/unit/results/test_feedback
check_PROGRAMS += tests/unit/results/test_totals
TESTS += tests/unit/results/test_totals
tests_unit_results_test_totals_SOURCES = tests/unit/results/test_totals.c \
	tests/unit/results/fixture.c tests/unit/results/fixture.h
check_PROGRAMS += tests/unit/results/test_themeview
TESTS += tests/unit/results/test_themeview
EXTRA_DIST += tests/fixtures/results tests/fixtures/themes tests/fixtures/series \
	tests/fixtures/feedback
EXTRA_DIST += docs/open-data.md docs/privacy.md tests/bench/results
# What the stored totals cost a send (run by tests/bench/results; built on demand).
EXTRA_PROGRAMS += tests/bench/send_path
