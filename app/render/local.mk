# render: the escaping HTML writer, page templates.
app_libyourvoice_a_SOURCES += \
	app/render/html.c app/render/html.h

check_PROGRAMS += tests/unit/render/test_html
TESTS += tests/unit/render/test_html
