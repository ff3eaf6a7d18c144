# survey: the survey definition language (model, loader, schema checks,
# conditions, answer validation, budget rules) and `yourvoice check`.
app_libyourvoice_a_SOURCES += \
	app/survey/survey.c app/survey/survey.h \
	app/survey/load.c \
	app/survey/cond.c app/survey/cond.h \
	app/survey/answer.c app/survey/answer.h \
	app/survey/check.c

# Installed: the schema (found at $(pkgdatadir)/schema/survey.rng) and the
# sample consultations.
survey_schemadir = $(pkgdatadir)/schema
dist_survey_schema_DATA = surveys/schema/survey.rng
survey_samplesdir = $(pkgdatadir)/surveys
dist_survey_samples_DATA = \
	surveys/what-matters.xml \
	surveys/budget-2026.xml \
	surveys/customer-care.xml

EXTRA_DIST += surveys/README.md tests/fixtures/broken tests/fixtures/surveys \
	tests/unit/survey/check_files.sh

check_PROGRAMS += tests/unit/survey/test_load tests/unit/survey/test_answer
TESTS += tests/unit/survey/test_load tests/unit/survey/test_answer \
	tests/unit/survey/check_files.sh
