# core: arena, bounded buffers, log, settings, tokens, gettext, the language
# enum, and the basics written once: allocators, UTF-8 (utf8proc), UK time
# (zoneinfo), the CSV cell. May use: libc and its libraries only; every other
# layer may use it.
app_libyourvoice_a_SOURCES += \
	app/core/arena.c app/core/arena.h \
	app/core/buf.c app/core/buf.h \
	app/core/log.c app/core/log.h \
	app/core/settings.c app/core/settings.h \
	app/core/token.c app/core/token.h \
	app/core/sealed.c app/core/sealed.h \
	app/core/i18n.c app/core/i18n.h \
	app/core/mail.c app/core/mail.h \
	app/core/lang.h \
	app/core/alloc.c app/core/alloc.h \
	app/core/utf8.c app/core/utf8.h \
	app/core/uktime.c app/core/uktime.h \
	app/core/csv.c app/core/csv.h

check_PROGRAMS += tests/unit/core/test_arena tests/unit/core/test_buf tests/unit/core/test_settings \
	tests/unit/core/test_token tests/unit/core/test_sealed tests/unit/core/test_utf8 tests/unit/core/test_uktime
TESTS += tests/unit/core/test_arena tests/unit/core/test_buf tests/unit/core/test_settings \
	tests/unit/core/test_token tests/unit/core/test_sealed tests/unit/core/test_utf8 tests/unit/core/test_uktime
