# SPDX-License-Identifier: AGPL-3.0-or-later
# Helpers for the integration tests: TAP output, HTTP through the test
# stack's nginx with curl, and SQL on its private MariaDB. Sourced by each
# tests/integration/NN-*.sh; tests/run has started the stack.
set -u
: "${YV_STATE:?run through tests/run}"
BASE="http://127.0.0.1:${YV_HTTP_PORT}"
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
_n=0

ok() { _n=$((_n + 1)); echo "ok $_n - $*"; }
not_ok() { _n=$((_n + 1)); echo "not ok $_n - $*"; }
check() { # check DESCRIPTION COMMAND...: ok if the command succeeds
  local d=$1; shift
  if "$@"; then ok "$d"; else not_ok "$d"; fi
}
is() { # is GOT WANT DESCRIPTION
  if [ "$1" = "$2" ]; then ok "$3"; else not_ok "$3"; echo "#   got  '$1'"; echo "#   want '$2'"; fi
}
done_testing() { echo "1..$_n"; }

# http METHOD PATH [curl args...]: body to $TMP/body, headers to $TMP/head, prints the status.
http() {
  local m=$1 p=$2; shift 2
  curl -sS -o "$TMP/body" -D "$TMP/head" -w '%{http_code}' -X "$m" "$@" "$BASE$p"
}
header() { grep -i "^$1:" "$TMP/head" | head -1 | cut -d' ' -f2- | tr -d '\r'; }
body_has() { grep -qF -- "$1" "$TMP/body"; }

sql() { mariadb --defaults-file="$YV_STATE/my.cnf" -uroot -N -B -r yourvoice -e "$1"; }

# A fresh submission id as the form would carry it.
form_sid() { grep -o 'name="sid" value="[0-9a-f]*"' "$TMP/body" | head -1 | sed 's/.*value="//; s/"//'; }

# The journey with a cookie jar per resident ($JAR, default $TMP/jar).
JAR=${JAR:-$TMP/jar}
form_csrf() { grep -o 'name="csrf" value="[0-9a-f]*"' "$TMP/body" | head -1 | sed 's/.*value="//; s/"//'; }
form_action() { grep -o '<form method="post" action="[^"]*"' "$TMP/body" | head -1 | sed 's/.*action="//; s/"//'; }
# jget PATH [curl args]: GET with the resident's cookies.
jget() { local p=$1; shift; http GET "$p" -b "$JAR" -c "$JAR" "$@"; }
# jpost PATH field=value...: POST the current page's form with its csrf token.
jpost() {
  local p=$1 csrf; shift
  csrf=$(form_csrf)
  local args=(--data-urlencode "csrf=$csrf")
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  http POST "$p" -b "$JAR" -c "$JAR" "${args[@]}"
}
# follow: GET the Location of the last answer.
follow() { jget "$(header Location)"; }
# send_check ID: from the check page, send the response; prints the receipt.
send_check() {
  jget "/s/$1/check" > /dev/null
  local sid; sid=$(form_sid)
  jpost "/s/$1/check" "sid=$sid" > /dev/null
  head -1 "$TMP/body"
}

# code_hash CODE [KEYFILE]: how a receipt, submission id, resume or invitation code is
# stored (token_code_hash): HMAC-SHA-256 under the installation key of the
# hex SHA-256 of the code.
code_hash() {
  printf %s "$(printf %s "$1" | sha256sum | cut -c1-64)" |
    openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(xxd -p -c 256 "${2:-$YV_STATE/secret.key}")" | sed 's/.* //'
}

# Officers' pages (80-, 82-, 85-, 86-, 57-): sign_in JAR USER signs USER in
# with $PW (prints the status); aget JAR PATH fetches a page as them.
sign_in() {
  local jar=$1 u=$2
  http GET /admin -b "$jar" -c "$jar" > /dev/null
  http POST /admin/sign-in -b "$jar" -c "$jar" --data-urlencode "csrf=$(form_csrf)" \
    --data-urlencode "username=$u" --data-urlencode "password=$PW"
}
aget() { http GET "$2" -b "$1" -c "$1"; }
# apost_fields JAR PATH field=value...: a form post with the anti-forgery
# token of the page last fetched, each field URL-encoded.
apost_fields() {
  local jar=$1 p=$2 csrf; shift 2; csrf=$(form_csrf)
  local args=(--data-urlencode "csrf=$csrf")
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  http POST "$p" -b "$jar" -c "$jar" "${args[@]}"
}
# tpost FIELD=VALUE...: officer $JO's decision on the themes page of $S;
# prints its status and, after a redirect, leaves the page it leads to in
# $TMP/body.
tpost() {
  local st
  aget "$JO" /admin/themes/$S > /dev/null
  st=$(apost_fields "$JO" /admin/themes/$S "$@")
  [ "$st" = 303 ] && aget "$JO" "$(header Location)" > /dev/null
  echo "$st"
}

# rebuild_totals SURVEY-ID: count the stored results totals (issue 23) of a
# survey afresh, as an operator does after writing responses with SQL: the
# application keeps them exact with every change it makes, but rows written
# by hand bypass it.
rebuild_totals() {
  "$SRC/app/yourvoice" results --config "$YV_STATE/yourvoice.conf" "$1" --rebuild > /dev/null
}
