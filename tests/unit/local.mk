# Project-wide checks that are not tied to one module.
TESTS += tests/unit/banned.sh
EXTRA_DIST += tests/unit/banned.sh
