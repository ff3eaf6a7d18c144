# web: request decoding, FastCGI glue, routes and handlers.
app_libyourvoice_a_SOURCES += \
	app/web/http.c app/web/http.h \
	app/web/web.h app/web/handlers.h \
	app/web/fcgi.c app/web/fcgi.h \
	app/web/route.c \
	app/web/health.c \
	app/web/resident.c \
	app/web/journey.c app/web/journey.h \
	app/web/info.c \
	app/web/session.c app/web/session.h \
	app/web/myresponse.c \
	app/web/ratelimit.c

check_PROGRAMS += tests/unit/web/test_http
TESTS += tests/unit/web/test_http
