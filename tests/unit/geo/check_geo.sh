#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# Build the geo fixture databases into a temporary directory with
# libmaxmind-db-writer-perl, then run the geo unit tests against them.
set -eu
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
dir=$(mktemp -d "${TMPDIR:-/tmp}/yv-geo-XXXXXX")
trap 'rm -rf "$dir"' EXIT
if ! perl "$top_srcdir/tests/fixtures/geo/make-fixtures.pl" "$dir"; then
  echo "Bail out! cannot build the fixture databases (install libmaxmind-db-writer-perl)"
  exit 1
fi
"$top_builddir/tests/unit/geo/test_geo" "$dir"
