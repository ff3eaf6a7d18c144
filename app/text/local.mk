# text: free-text pipeline (normalise, tokenise, stop words, stemming, Welsh,
# themes, redaction); the `themes` / `redact` subcommands are in app/cmd/themes.c.
# May use: core/ only (no SQL, no HTTP).
app_libyourvoice_a_SOURCES += \
	app/text/map.c app/text/map.h \
	app/text/words.c app/text/welsh.c app/text/words_int.h app/text/text.h \
	app/text/redact.c app/text/redact.h app/text/redact_names.h \
	app/text/redact_names.c app/text/redact_int.h \
	app/text/stance.c app/text/corpus.c app/text/labels.c app/text/phrases.c app/text/quotes.c \
	app/text/summary.c app/text/themes_int.h \
	app/text/gsdmm.c app/text/kmeans.c app/text/nmf.c app/text/refine.c app/text/themes.h

# Linguistic data, installed to $(pkgdatadir)/text (text_data_dir() finds it
# there, or in the source tree for an uninstalled build).
textdir = $(pkgdatadir)/text
dist_text_DATA = locale/text/README.md
textendir = $(pkgdatadir)/text/en
dist_texten_DATA = locale/text/en/stopwords.txt locale/text/en/nontopic.txt \
	locale/text/en/pos.tsv locale/text/en/pos.LICENSE
textcydir = $(pkgdatadir)/text/cy
dist_textcy_DATA = locale/text/cy/stopwords.txt locale/text/cy/stopwords.LICENSE \
	locale/text/cy/nontopic.txt locale/text/cy/glossary.tsv locale/text/cy/frequencies.tsv
textcyhunspelldir = $(pkgdatadir)/text/cy/hunspell-cy
dist_textcyhunspell_DATA = \
	locale/text/cy/hunspell-cy/cy_GB.aff \
	locale/text/cy/hunspell-cy/cy_GB.dic \
	locale/text/cy/hunspell-cy/LICENCE \
	locale/text/cy/hunspell-cy/COPYING.LESSER \
	locale/text/cy/hunspell-cy/README.md

text_unit_tests = tests/unit/text/test_normalise tests/unit/text/test_words tests/unit/text/test_stance \
	tests/unit/text/test_redact tests/unit/text/test_themes tests/unit/text/test_labels
check_PROGRAMS += $(text_unit_tests)
TESTS += $(text_unit_tests) tests/unit/text/themes-cli.sh tests/unit/text/redact-devset.sh \
	tests/unit/text/redact-tricky.sh
EXTRA_DIST += tests/unit/text/themes-cli.sh tests/unit/text/redact-devset.sh \
	tests/unit/text/redact-tricky.sh tests/fixtures/redact app/text/redact_names.py docs/redaction.md \
	tests/unit/text/fixtures/answers.jsonl tests/unit/text/fixtures/redact.jsonl \
	tests/bench/themes tests/bench/labels-quality tests/fixtures/themes/mixed-cy-en.jsonl \
	tests/fixtures/themes/mixed-cy-en.gold.jsonl \
	tests/fixtures/themes/mixed-cy-en-heldout.jsonl \
	tests/fixtures/themes/mixed-cy-en-heldout.gold.jsonl \
	tests/fixtures/themes/mixed-cy-en-heldout2.jsonl \
	tests/fixtures/themes/mixed-cy-en-heldout2.gold.jsonl tests/fixtures/themes/labels-judged.tsv \
	locale/text/en/make-pos.py

# libFuzzer driver (./configure --enable-fuzzing CC=clang).
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_text
tests_fuzz_fuzz_text_SOURCES = tests/fuzz/fuzz_text.c
tests_fuzz_fuzz_text_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_text_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
endif
EXTRA_DIST += tests/fuzz/fuzz_text.c tests/fuzz/corpus/text tests/fuzz/replay.h

# The corpus (seeds and every crash input found) replayed as a test.
check_PROGRAMS += tests/fuzz/fuzz_text_replay
TESTS += tests/fuzz/fuzz_text_replay
tests_fuzz_fuzz_text_replay_SOURCES = tests/fuzz/fuzz_text.c
tests_fuzz_fuzz_text_replay_CPPFLAGS = $(AM_CPPFLAGS) -DYV_FUZZ_REPLAY
