# web: request decoding, FastCGI glue, routes and handlers.
app_libyourvoice_a_SOURCES += \
	app/web/http.c app/web/http.h

check_PROGRAMS += tests/unit/web/test_http
TESTS += tests/unit/web/test_http
