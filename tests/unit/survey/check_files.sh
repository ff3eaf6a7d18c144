#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# Runs the built `yourvoice check` on every sample survey (each must pass,
# silently on stdout, exit 0), on every fixture in tests/fixtures/surveys
# (valid but closed or not yet open: must pass too), and on every broken
# fixture in tests/fixtures/broken/NAME.xml, whose output must equal
# NAME.expect exactly (paths printed relative to the fixture directory) with
# exit status 1, and on the edited surveys of tests/fixtures/changed against
# their previous versions. TAP output.
src=${top_srcdir:-.}
bin=${top_builddir:-.}/app/yourvoice
schema=$(cd "$src" && pwd)/surveys/schema/survey.rng
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
n=0
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yv-check.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

result() { # ok? description
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}

for f in "$src"/surveys/*.xml "$src"/tests/fixtures/surveys/*.xml; do
	[ -e "$f" ] || continue
	out=$("$bin" check --quiet --schema "$schema" "$f" 2>&1)
	rc=$?
	[ $rc -eq 0 ] && [ -z "$out" ]
	result $? "valid: $(basename "$f") (exit $rc)"
	[ -n "$out" ] && echo "$out" | sed 's/^/# /'
done

count=0
for f in "$src"/tests/fixtures/broken/*.xml; do
	[ -e "$f" ] || continue
	count=$((count + 1))
	name=$(basename "$f" .xml)
	expect="$src/tests/fixtures/broken/$name.expect"
	if [ ! -f "$expect" ]; then
		result 1 "broken: $name has a $name.expect"
		continue
	fi
	(cd "$src/tests/fixtures/broken" && "$bin" check --quiet --schema "$schema" "$name.xml") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 1 ]
	result $? "broken: $name exits 1 (got $rc)"
	if cmp -s "$expect" "$tmp/out"; then
		result 0 "broken: $name prints exactly $name.expect"
	else
		result 1 "broken: $name prints exactly $name.expect"
		diff "$expect" "$tmp/out" | sed 's/^/# /'
	fi
done
[ $count -gt 0 ]
result $? "there are broken fixtures ($count)"

# Edits to a live survey: valid (exit 0) but flagged against the previous
# version, exactly as in NAME.expect.
for f in "$src"/tests/fixtures/changed/*.xml; do
	[ -e "$f" ] || continue
	name=$(basename "$f" .xml)
	(cd "$src/tests/fixtures/changed" && "$bin" check --quiet --schema "$schema" --previous previous "$name.xml") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 0 ]
	result $? "changed: $name is still valid (exit $rc)"
	if cmp -s "$src/tests/fixtures/changed/$name.expect" "$tmp/out"; then
		result 0 "changed: $name prints exactly $name.expect"
	else
		result 1 "changed: $name prints exactly $name.expect"
		diff "$src/tests/fixtures/changed/$name.expect" "$tmp/out" | sed 's/^/# /'
	fi
done

# Several files at once: problems of each, exit 1 if any is bad.
"$bin" check --quiet --schema "$schema" "$src"/surveys/*.xml >/dev/null 2>&1
result $? "all samples together pass"

# A valid and a broken file together: the broken one's problems, exit 1.
(cd "$src/tests/fixtures/broken" && "$bin" check --quiet --schema "$schema" ../surveys/closed.xml dates.xml) >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 1 ] && cmp -s "$src/tests/fixtures/broken/dates.expect" "$tmp/out"
result $? "a valid and a broken file: exit 1 (got $rc) and only the broken file's problems"

# Usage errors exit 2; --help exits 0.
"$bin" check >/dev/null 2>&1
rc=$?
[ $rc -eq 2 ]
result $? "no files: exit 2 (got $rc)"
"$bin" check --frobnicate x.xml >/dev/null 2>&1
rc=$?
[ $rc -eq 2 ]
result $? "unknown option: exit 2 (got $rc)"
"$bin" check --help >/dev/null 2>&1
result $? "--help: exit 0"
"$bin" check --quiet --schema /nonexistent/survey.rng "$src/surveys/what-matters.xml" >/dev/null 2>&1
rc=$?
[ $rc -eq 1 ]
result $? "a missing schema is an error, not a pass (got $rc)"

echo "1..$n"
exit $fail
