# web: request decoding, FastCGI glue, the one route table (routes.c) and
# its matcher (route.c), response helpers, and the page families. May use
# every layer below (core, survey, text, geo, store, results, render); no
# include or call loop between its families (tests/lint/layers).
app_libyourvoice_a_SOURCES += \
	app/web/http.c app/web/http.h \
	app/web/web.h app/web/handlers.h \
	app/web/fcgi.c app/web/fcgi.h \
	app/web/testreq.c app/web/testreq.h \
	app/web/route.c app/web/routedef.h \
	app/web/routes.c app/web/routes.h \
	app/web/resp.c \
	app/web/admin.c \
	app/web/health.c \
	app/web/resident.c \
	app/web/journey.c app/web/journey.h app/web/journey_int.h \
	app/web/journey_page.c app/web/journey_resume.c \
	app/web/journey_submit.c app/web/journey_preview.c \
	app/web/info.c \
	app/web/paper.c \
	app/web/session.c app/web/session.h \
	app/web/myresponse.c \
	app/web/ratelimit.c \
	app/web/officer.c app/web/officer.h app/web/admin.h \
	app/web/versions.c app/web/versions.h \
	app/web/editor.c app/web/editor.h \
	app/web/channels.c app/web/channels_csv.c app/web/channels_int.h \
	app/web/series.c app/web/series_csv.c app/web/series_int.h \
	app/web/unsubscribe.c \
	app/web/pages.h \
	app/web/moderate.c app/web/moderate_int.h \
	app/web/moderate_filter.c app/web/moderate_page.c \
	app/web/moderate_card.c app/web/moderate_post.c \
	app/web/export.c \
	app/web/themereview.c app/web/themereview.h app/web/themereview_int.h \
	app/web/themereview_load.c app/web/themereview_html.c \
	app/web/themereview_post.c \
	app/web/readstore.c app/web/readstore.h \
	app/web/findable.c app/web/findable.h \
	app/web/promises.c app/web/promises.h app/web/promises_int.h \
	app/web/promises_data.c app/web/promises_admin.c \
	app/web/feedback.c app/web/feedback.h \
	app/web/translate.c app/web/translate.h

check_PROGRAMS += tests/unit/web/test_http
TESTS += tests/unit/web/test_http

# The router and the handlers that need no database, through
# web_test_request() with the request files of tests/fixtures/requests.
check_PROGRAMS += tests/unit/web/test_routes
TESTS += tests/unit/web/test_routes
tests_unit_web_test_routes_CPPFLAGS = $(AM_CPPFLAGS) -DYV_BUILDDIR='"$(abs_top_builddir)"'
EXTRA_DIST += tests/fixtures/requests tests/fixtures/findable

# The request decoder's fuzz target: replayed as an ordinary test, and
# built for libFuzzer with --enable-fuzzing.
check_PROGRAMS += tests/fuzz/fuzz_http_replay
TESTS += tests/fuzz/fuzz_http_replay
tests_fuzz_fuzz_http_replay_SOURCES = tests/fuzz/fuzz_http.c
tests_fuzz_fuzz_http_replay_CPPFLAGS = $(AM_CPPFLAGS) -DYV_FUZZ_REPLAY
EXTRA_DIST += tests/fuzz/corpus/http
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_http
tests_fuzz_fuzz_http_SOURCES = tests/fuzz/fuzz_http.c
tests_fuzz_fuzz_http_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_http_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
endif

# The commitments' rules (late by itself, history, dates): no database.
check_PROGRAMS += tests/unit/web/test_promises
TESTS += tests/unit/web/test_promises
