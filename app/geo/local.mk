# geo: MaxMind-format lookups, the trusted-proxy rule, network keys.
# May use: core/ only.
app_libyourvoice_a_SOURCES += \
	app/geo/geo.c app/geo/geo.h \
	app/geo/proxy.c

# The unit tests read fixture databases that tests/fixtures/geo builds.
check_PROGRAMS += tests/unit/geo/test_geo
TESTS += tests/unit/geo/check_geo.sh
EXTRA_DIST += tests/unit/geo/check_geo.sh tests/fixtures/geo/make-fixtures.pl
