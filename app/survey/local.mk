# survey: the survey definition language (model, loader, schema checks,
# conditions, answer validation, budget rules); `yourvoice check` is app/cmd/check.c.
# May use: core/ only (libxml2 and PCRE2 below it).
app_libyourvoice_a_SOURCES += \
	app/survey/survey.c app/survey/survey.h \
	app/survey/load.c app/survey/load_int.h \
	app/survey/load_xml.c app/survey/load_tree.c \
	app/survey/load_model.c app/survey/load_question.c app/survey/load_refs.c \
	app/survey/set.c app/survey/diags.c \
	app/survey/cond.c app/survey/cond.h \
	app/survey/answer.c app/survey/answer.h \
	app/survey/compare.c \
	app/survey/budget.c \
	app/survey/translation.c app/survey/translation.h

# Installed: the schema (found at $(pkgdatadir)/schema/survey.rng) and the
# sample consultations.
survey_schemadir = $(pkgdatadir)/schema
dist_survey_schema_DATA = surveys/schema/survey.rng
survey_samplesdir = $(pkgdatadir)/surveys
dist_survey_samples_DATA = \
	surveys/what-matters.xml \
	surveys/budget-2026.xml \
	surveys/customer-care.xml

EXTRA_DIST += surveys/README.md tests/fixtures/broken tests/fixtures/surveys tests/fixtures/changed \
	tests/unit/survey/check_files.sh

check_PROGRAMS += tests/unit/survey/test_load tests/unit/survey/test_answer \
	tests/unit/survey/test_translation
TESTS += tests/unit/survey/test_load tests/unit/survey/test_answer \
	tests/unit/survey/test_translation \
	tests/unit/survey/check_files.sh

# The fuzz target's inputs replayed as an ordinary test (samples, fixtures
# and truncations of them), and the libFuzzer build itself when enabled.
check_PROGRAMS += tests/fuzz/fuzz_survey_replay
TESTS += tests/fuzz/fuzz_survey_replay
tests_fuzz_fuzz_survey_replay_SOURCES = tests/fuzz/fuzz_survey.c
tests_fuzz_fuzz_survey_replay_CPPFLAGS = $(AM_CPPFLAGS) -DYV_FUZZ_REPLAY
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_survey
tests_fuzz_fuzz_survey_SOURCES = tests/fuzz/fuzz_survey.c
tests_fuzz_fuzz_survey_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_survey_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
endif
