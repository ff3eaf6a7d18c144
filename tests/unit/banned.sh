#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# Fails when a banned libc function appears in app/ (see STYLE.md): each has
# a bounded, checked replacement in app/core.
src=${top_srcdir:-.}/app
n=0
echo "1..6"
for f in sprintf strcpy strcat gets atoi strtok; do
  n=$((n + 1))
  hits=$(grep -rnE "(^|[^_a-zA-Z0-9])$f[[:space:]]*\(" "$src" --include='*.c' --include='*.h' | grep -v 'banned-ok' || true)
  if [ -z "$hits" ]; then
    echo "ok $n - no $f() in app/"
  else
    echo "not ok $n - $f() used in app/"
    echo "$hits" | sed 's/^/# /'
  fi
done
