# The rules the build enforces (issue #18): the HTML lint, the layer check
# and the formatting check, with a self-test that they catch what they are
# for. codecheck is a plain C program with no dependency but libc.
check_PROGRAMS += tests/lint/codecheck
tests_lint_codecheck_SOURCES = tests/lint/codecheck.c tests/lint/codecheck.h \
	tests/lint/codecheck_layers.c
tests_lint_codecheck_LDADD =
TESTS += tests/lint/selftest tests/lint/html tests/lint/layers tests/lint/format tests/lint/store-api
EXTRA_DIST += tests/lint/selftest tests/lint/html tests/lint/layers tests/lint/format tests/lint/store-api \
	tests/lint/README.md tests/lint/html-exceptions tests/lint/html-pending \
	tests/lint/layers-pending tests/lint/formatted tests/lint/fixtures docs/html-writer.md
