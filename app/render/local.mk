# render: the escaping HTML writer (struct html), page frame, question forms,
# SVG charts. May use: core/ and survey/ only (no HTTP, no SQL).
app_libyourvoice_a_SOURCES += \
	app/render/html.c app/render/html.h \
	app/render/page.c app/render/page.h \
	app/render/form.c app/render/form.h \
	app/render/svg_line.c app/render/svg_line.h \
	app/render/paper.c app/render/paper.h \
	app/render/form_budget.c app/render/form_budget.h

check_PROGRAMS += tests/unit/render/test_html tests/unit/render/test_form \
	tests/unit/render/test_paper
TESTS += tests/unit/render/test_html tests/unit/render/test_form \
	tests/unit/render/test_paper
