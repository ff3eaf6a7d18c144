#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# One redaction pass before anything is shown (issue 16): 30 answers on one
# topic (parking) carry names, addresses, postcodes, emails, phones, a date
# of birth and a vehicle registration in the forms people write them
# ("my neighbour is Dave Smith", "cllr pritchard", "ll57 2dg",
# "bob_smith(at)example(dot)com", "+44 7700 900123"); some repeat, so that
# a theme method reading raw text would make phrases of them. The themes
# are summarised and published; then every public output (/r/<id>, its
# JSON and CSV, in English and Welsh), the officers' redacted export (CSV
# and JSON), the officers' results view and the officers' themes page are
# searched for every planted item, case-insensitively. The labels and
# phrases of themes are checked on their own too (see docs/redaction.md).
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
S=redact-test

cp "$SRC/tests/fixtures/redact/redact-test.xml" "$YV_SURVEYS"/
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET /s/$S)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/$S)" 200 "the redaction fixture survey is loaded"
sql "DELETE FROM app_user WHERE username LIKE 'rd-%'; DELETE FROM audit_log WHERE username LIKE 'rd-%'; DELETE FROM rate_limit;
     DELETE FROM theme_summary WHERE survey_id='$S'; DELETE FROM theme_decision WHERE survey_id='$S';
     DELETE FROM survey_publication WHERE survey_id='$S'; DELETE FROM response WHERE survey_id='$S'"
check "an officer is added" bash -c "printf '%s\n' '$PW' | '$YV' user --config '$CONF' add rd-olwen --role officer --name 'Olwen Redact' > /dev/null 2>&1"

# The 30 answers. Planted items repeat ("cllr pritchard" three times,
# "ll57 2dg" twice, "Dave Smith" twice) as they would in a real street.
ANSWERS=(
  "My name is Sarah Connor and parking on the high street is impossible"
  "my neighbour is Dave Smith and he parks across my drive every night"
  "I live at 14 High Street and cannot park near my own house"
  "Flat 3, 22 Station Road, Newtown has no parking at all for residents"
  "Email me at bob_smith(at)example(dot)com about the parking permits"
  "cllr pritchard promised more parking spaces and nothing happened"
  "We complained to cllr pritchard about parking fines twice"
  "Parking near ll57 2dg is a nightmare, residents need permits"
  "Write to john dot smith at gmail dot com, parking charges are too high"
  "Ring me on +44 7700 900123 about the car park charges"
  "Parking permits for residents please, call 07700.900.456"
  "Nurse Bethan Williams cannot park near the surgery for home visits"
  "Y Cynghorydd Dafydd Iwan should sort the parking in the town"
  "mr smith at the council never answers about parking"
  "More disabled parking spaces, my postcode is SA31 1AB"
  "Parking charges drive shoppers away, email jo.parker@example.org"
  "Dr Khan said the surgery car park is too small"
  "Free parking on Saturdays would help the shops"
  "Parking wardens target residents, my neighbour Dave Smith got three tickets"
  "The car park by ll57 2dg should be free after 6pm"
  "Cheaper parking for shop workers in the town centre"
  "Mae angen mwy o lefydd parcio, ffoniwch fi ar 01632 960 001"
  "Diolch i Eleri Pritchard am drefnu'r ddeiseb parcio"
  "A van reg WX63 KLM parks on the pavement every day"
  "My son was born 12/03/2009 and I need parking near the school"
  "Parking at the station is full by 8am"
  "Thanks to John, Sarah and Mike for the parking survey"
  "Follow @parkingdai on twitter for photos of the parking chaos"
  "Ask cllr pritchard why the car park still has no lights"
  "More parking for blue badge holders near the market"
)
# Every planted item, as it must never appear in any output.
ITEMS=("Sarah" "Connor" "Dave Smith" "Smith" "14 High Street" "22 Station Road" "bob_smith"
  "pritchard" "ll57 2dg" "john dot" "gmail" "7700 900123" "900123" "900.456" "Bethan" "Williams"
  "Dafydd" "Iwan" "SA31 1AB" "jo.parker" "Khan" "960 001" "Eleri" "WX63 KLM" "12/03/2009"
  "Mike" "parkingdai")
is "${#ANSWERS[@]}" 30 "30 answers on one topic"

# The first through the real journey (it gives the survey's version hash),
# the others straight into the database as in 85-themes.sh.
is "$(jget /s/$S)" 200 "the survey's first page"
st=$(jpost "$(form_action)" "parking=${ANSWERS[0]}" action=continue)
is "$st" 303 "the first answer is accepted"
follow > /dev/null
send_check $S > /dev/null
ver=$(sql "SELECT version_hash FROM response WHERE survey_id='$S' LIMIT 1")
check "the journey stored the response" test -n "$ver"
: > "$TMP/ins.sql"
for i in $(seq 1 29); do
  t=${ANSWERS[$i]//\'/\'\'}
  printf "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at) VALUES ('%s', '%s', 'REDA-TEST-%04d', 'rd%030d', '%s', UTC_TIMESTAMP(3));\n" \
    "$S" "$ver" "$i" "$i" "$([ "$i" = 21 ] || [ "$i" = 22 ] && echo cy || echo en)" >> "$TMP/ins.sql"
  printf "INSERT INTO answer (response_id, survey_id, question_id, value) VALUES (LAST_INSERT_ID(), '%s', 'parking', '%s');\n" "$S" "$t" >> "$TMP/ins.sql"
done
mariadb --defaults-file="$YV_STATE/my.cnf" -uroot yourvoice < "$TMP/ins.sql"
rebuild_totals "$S" # written by hand: past the stored results totals
is "$(sql "SELECT COUNT(*) FROM answer a JOIN response r ON r.id = a.response_id WHERE a.survey_id='$S' AND r.status='complete'")" 30 "30 answers stored"

for _ in $(seq 120); do
  [ "$(sql "SELECT answers FROM theme_summary WHERE survey_id='$S' AND question_id='parking'")" = 30 ] && break
  sleep 0.5
done
is "$(sql "SELECT answers FROM theme_summary WHERE survey_id='$S' AND question_id='parking'")" 30 "the summariser made themes of the 30 answers"

JO=$TMP/olwen
http GET /admin -b "$JO" -c "$JO" > /dev/null
is "$(http POST /admin/sign-in -b "$JO" -c "$JO" --data-urlencode "csrf=$(form_csrf)" \
  --data-urlencode username=rd-olwen --data-urlencode "password=$PW")" 303 "the officer signs in"
aget() { http GET "$1" -b "$JO" -c "$JO"; }
aget /admin/publish/$S > /dev/null
is "$(http POST /admin/publish/$S -b "$JO" -c "$JO" --data-urlencode "csrf=$(form_csrf)" --data-urlencode mode=published)" 303 \
  "the officer publishes the results"
# Only approved themes are published: the officer approves each one.
for k in $(sql "SELECT summary FROM theme_summary WHERE survey_id='$S'" | jq -r '.themes[].key'); do
  aget /admin/themes/$S > /dev/null
  http POST /admin/themes/$S -b "$JO" -c "$JO" --data-urlencode "csrf=$(form_csrf)" \
    --data-urlencode action=approve --data-urlencode question=parking --data-urlencode "theme=$k" > /dev/null
done

# grab NAME URL [officer]: fetch an output into $TMP/out-NAME.
grab() {
  local st
  if [ "${3:-}" = officer ]; then st=$(aget "$2"); else st=$(http GET "$2"); fi
  cp "$TMP/body" "$TMP/out-$1"
  is "$st" 200 "$1 ($2) answers"
}
grab page /r/$S
grab page-cy "/r/$S?lang=cy"
grab json /r/$S.json
grab csv /r/$S.csv
grab export-csv /admin/export/$S.csv officer
grab export-json /admin/export/$S.json officer
grab officer-results /admin/results/$S officer
grab themes-page /admin/themes/$S officer
grab themes-page-cy "/admin/themes/$S?lang=cy" officer

# The outputs hold the answers' text (redacted), so that a check that finds
# nothing is not vacuous.
check "the export holds the answers, redacted" bash -c "grep -q 'impossible' '$TMP/out-export-csv' && grep -qF '[redacted' '$TMP/out-export-csv'"
check "the export in JSON holds them too" bash -c "grep -q 'blue badge' '$TMP/out-export-json' && grep -qF '[redacted' '$TMP/out-export-json'"
check "the open data has themes with quotes" bash -c "jq -e '[.themes[0].themes[].quotes[]] + (.themes[0].other.quotes // []) | length >= 3' '$TMP/out-json' > /dev/null"
check "the themes page shows quotes" grep -q '<blockquote>' "$TMP/out-themes-page"

# leaks FILE: the planted items found in FILE (HTML entities decoded), one a line.
leaks() {
  python3 - "$1" "${ITEMS[@]}" <<'PY'
import html, sys
text = html.unescape(open(sys.argv[1], encoding="utf-8", errors="replace").read()).lower()
for item in sys.argv[2:]:
    if item.lower() in text:
        print(item)
PY
}
for f in page page-cy json csv export-csv export-json officer-results themes-page themes-page-cy; do
  found=$(leaks "$TMP/out-$f" | tr '\n' ',')
  check "no planted personal data in $f${found:+ (found: $found)}" test -z "$found"
done

# The parts of the open data apart: quotes, and labels and phrases (these
# are only clean when the theme method reads redacted text).
jq -r '[.themes[0].themes[].quotes[].text] | .[]' "$TMP/out-json" > "$TMP/quotes.txt"
jq -r '.themes[0].themes[] | (.automatic_label // empty), (.label.en // empty), (.label.cy // empty), .phrases[]' "$TMP/out-json" > "$TMP/labels.txt"
found=$(leaks "$TMP/quotes.txt" | tr '\n' ',')
check "quotes hold no planted personal data${found:+ (found: $found)}" test -z "$found"
found=$(leaks "$TMP/labels.txt" | tr '\n' ',')
check "theme labels and phrases hold no planted personal data${found:+ (found: $found)}" test -z "$found"
check "nor any placeholder word" bash -c "! grep -qi 'redacted' '$TMP/labels.txt'"
done_testing
