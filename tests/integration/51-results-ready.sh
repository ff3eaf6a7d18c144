#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Results ready at once (issue 23): the themes of an analysed free-text
# question are stored ready to show (theme_view, migration 110), so a
# fresh worker right after a restart answers /r/<id>.json with the same
# bytes as before it, from one stored row; and every officer's decision,
# flag and withdrawal shows on the next request (the stored view goes
# stale in the decision's own transaction). `yourvoice results --verify`
# passes after each step.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
S=ready-test
user() { printf '%s\n' "$PW" | "$YV" user --config "$CONF" "$@" > /dev/null 2>&1; }
verify() { "$YV" results --config "$CONF" $S --verify > "$TMP/verify" 2>&1; }
verified() { # verified WHEN: --verify passes
  if verify; then ok "$1: yourvoice results --verify finds the stored totals equal to a recount"
  else not_ok "$1: yourvoice results --verify finds the stored totals equal to a recount"; sed 's/^/# /' "$TMP/verify" | head -20; fi
}
# the public JSON without the moment it was made
json() { http GET /r/$S.json > /dev/null; grep -v '"generated_at"' "$TMP/body" > "$1"; }
quotes() { jq -r '[.themes[0].themes[].quotes[].text] | .[]' "$1"; }

sed 's/id="themes-test"/id="ready-test"/' "$SRC/tests/fixtures/themes/themes-test.xml" > "$YV_SURVEYS/$S.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET /s/$S)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/$S)" 200 "the survey is loaded"
sql "DELETE FROM app_user WHERE username LIKE 'rr-%'; DELETE FROM rate_limit;
     DELETE FROM theme_summary WHERE survey_id='$S'; DELETE FROM theme_decision WHERE survey_id='$S';
     DELETE FROM theme_move WHERE survey_id='$S'; DELETE FROM answer_moderation WHERE survey_id='$S';
     DELETE FROM theme_view WHERE survey_id='$S'; DELETE FROM survey_publication WHERE survey_id='$S';
     DELETE FROM response WHERE survey_id='$S'"
check "an officer" user add rr-olwen --role officer --name "Olwen Ready"
JO=$TMP/olwen
is "$(sign_in "$JO" rr-olwen)" 303 "the officer signs in"

# One response through the journey (for the survey version), more with SQL.
is "$(jget /s/$S)" 200 "the survey's first page"
is "$(jpost "$(form_action)" "views=Potholes on the roads are dangerous, fix the potholes" "postcode=SY16 1AA" action=continue)" 303 "an answer is accepted"
follow > /dev/null
send_check $S > /dev/null
ver=$(sql "SELECT version_hash FROM response WHERE survey_id='$S' LIMIT 1")
n=1
: > "$TMP/ins.sql"
for t in "The potholes on the roads are terrible and need fixing" "Fix the potholes in the road near the school" \
  "Roads are full of potholes, please repair the roads" "Pothole repairs on our roads take far too long" \
  "The road surface is broken with potholes everywhere" "Please fix the potholes on the main road" \
  "Potholes damage cars, the roads need repair" "Repair the roads and fill the potholes" \
  "So many potholes on the roads in town" "Potholes on every road, fix them" \
  "Keep the library open, the library matters to children" "The library needs longer opening hours" \
  "Do not close the library, we need books and computers" "Our library is the heart of the town, keep it open" \
  "More books in the library please" "The library should open on Sundays" "Save the library from closure" \
  "Library opening hours are too short" "Children love the library, do not cut it" "Keep our local library open for everyone" \
  "Buses are too infrequent, we need more buses" "The bus service stops too early in the evening" \
  "More buses to the hospital please" "Bus fares are too expensive" "The bus timetable is unreliable" \
  "We need a Sunday bus service" "Buses never come on time" "The last bus leaves far too early"; do
  [ $((n % 2)) -eq 0 ] && pc="SY16 1AA" || pc="SY18 6AB"
  printf "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at) VALUES ('%s', '%s', 'REDY-TEST-%04d', 'fe%030d', 'en', UTC_TIMESTAMP(3));\n" "$S" "$ver" "$n" "$n" >> "$TMP/ins.sql"
  printf "INSERT INTO answer (response_id, survey_id, question_id, value) VALUES (LAST_INSERT_ID(), '%s', 'views', '%s'), (LAST_INSERT_ID(), '%s', 'postcode', '%s');\n" "$S" "${t//\'/\'\'}" "$S" "$pc" >> "$TMP/ins.sql"
  n=$((n + 1))
done
mariadb --defaults-file="$YV_STATE/my.cnf" -uroot yourvoice < "$TMP/ins.sql"
rebuild_totals "$S" # written by hand: past the stored totals (and views)
N=$(sql "SELECT COUNT(*) FROM answer a JOIN response r ON r.id = a.response_id WHERE a.survey_id='$S' AND a.question_id='views' AND r.status='complete' AND r.flagged=0")
wait_summary() {
  for _ in $(seq 120); do
    [ "$(sql "SELECT answers FROM theme_summary WHERE survey_id='$S' AND question_id='views'")" = "$1" ] && return 0
    sleep 0.5
  done
  return 1
}
check "the summariser summarises the $N answers" wait_summary "$N"
aget "$JO" /admin/publish/$S > /dev/null
is "$(apost_fields "$JO" /admin/publish/$S mode=published)" 303 "the officer publishes the results"
verified "after the sends"

# An officer's approval shows on the next request, and is stored ready.
pothole=$(sql "SELECT summary FROM theme_summary WHERE survey_id='$S'" | jq -r '.themes[] | select(any(.phrases[]; test("pothole"))) | .key' | head -1)
library=$(sql "SELECT summary FROM theme_summary WHERE survey_id='$S'" | jq -r '.themes[] | select(any(.phrases[]; test("librar"))) | .key' | head -1)
check "pothole and library themes ($pothole $library)" test -n "$pothole" -a -n "$library"
json "$TMP/r0.json"
is "$(jq -r '.themes[0].themes | length' "$TMP/r0.json")" 0 "no theme is published before review"
v0=$(sql "SELECT COALESCE(MAX(version), 0) FROM theme_view_version WHERE survey_id='$S'")
is "$(tpost action=approve question=views theme="$pothole")" 303 "the officer approves the pothole theme"
v1=$(sql "SELECT version FROM theme_view_version WHERE survey_id='$S'")
check "the decision moves the views' version ($v0 to $v1)" test "$v1" -gt "$v0"
check "the public view is stored under it by the decision itself" \
  test "$(sql "SELECT COUNT(*) FROM theme_view WHERE survey_id='$S' AND question_id='views' AND officer=0 AND source LIKE 'tv1 v$v1 %'")" = 1
json "$TMP/r1.json"
is "$(jq -r '.themes[0].themes | map(.id) | join(" ")' "$TMP/r1.json")" "$pothole" "the approved theme is published at once"
is "$(tpost action=approve question=views theme="$library")" 303 "and the library theme"
json "$TMP/r2.json"
is "$(jq -r '.themes[0].themes | map(.id) | sort | join(" ")' "$TMP/r2.json")" "$(printf '%s\n' "$pothole" "$library" | sort | tr '\n' ' ' | sed 's/ $//')" "both are published at once"
is "$(tpost action=rename question=views theme="$library" "label_en=Libraries" "label_cy=Llyfrgelloedd")" 303 "the officer renames the library theme"
json "$TMP/r3.json"
is "$(jq -r --arg k "$library" '.themes[0].themes[] | select(.id == $k) | .label.en' "$TMP/r3.json")" "Libraries" "the new name shows at once"
http GET /r/$S.csv > /dev/null
check "and in the CSV" grep -q "Libraries" "$TMP/body"
http GET /r/$S > /dev/null
check "and on the page" body_has "Libraries"
verified "after the decisions"

# A fresh worker right after a restart: the same bytes, read from the
# stored row (a mark put in that row by hand shows it is the row that is
# read, not a recomputation), and no summary parsed.
cp "$TMP/r3.json" "$TMP/before.json"
"$SRC/conf/stack" app-restart
for _ in $(seq 50); do [ "$(http GET /healthz)" = 200 ] && break; sleep 0.2; done
json "$TMP/after.json"
check "a fresh worker after a restart answers the same bytes" cmp -s "$TMP/before.json" "$TMP/after.json"
sql "UPDATE theme_view SET view = REPLACE(view, '\"Libraries\"', '\"Libraries (stored)\"') WHERE survey_id='$S' AND officer=0"
"$SRC/conf/stack" app-restart
for _ in $(seq 50); do [ "$(http GET /healthz)" = 200 ] && break; sleep 0.2; done
json "$TMP/marked.json"
is "$(jq -r --arg k "$library" '.themes[0].themes[] | select(.id == $k) | .label.en' "$TMP/marked.json")" "Libraries (stored)" "the fresh worker read the stored view"
# A decision makes the stored view stale in its transaction: the mark goes.
is "$(tpost action=rename question=views theme="$library" "label_en=Libraries" "label_cy=Llyfrgelloedd")" 303 "the officer saves the name again"
json "$TMP/r4.json"
check "the view is built afresh: the same bytes as before the mark" cmp -s "$TMP/before.json" "$TMP/r4.json"

# Hiding a quote: gone at once; showing it again brings it back. The
# summariser is stopped meanwhile, so that the summary stays the same and
# the views can be compared byte for byte.
summ=$(pgrep -x -P "$(cat "$YV_STATE/run/app.pid")" yv-themes)
kill -STOP "$summ"
qtext=$(quotes "$TMP/r4.json" | while read -r q; do
  [ "$(sql "SELECT COUNT(*) FROM answer WHERE survey_id='$S' AND question_id='views' AND value='${q//\'/\'\'}'")" = 1 ] && { echo "$q"; break; }; done)
check "a published quote is an answer ($qtext)" test -n "$qtext"
qid=$(sql "SELECT response_id FROM answer WHERE survey_id='$S' AND question_id='views' AND value='${qtext//\'/\'\'}'")
is "$(tpost action=hide question=views response="$qid" "reason=Identifies a neighbour")" 303 "the officer hides the quote"
json "$TMP/r5.json"
check "the hidden quote is gone from the JSON at once" bash -c "! jq -e --arg t \"\$1\" '[.themes[0].themes[].quotes[].text] | index(\$t)' '$TMP/r5.json' > /dev/null" _ "$qtext"
is "$(tpost action=unhide question=views response="$qid")" 303 "the officer shows it again"
json "$TMP/r6.json"
check "it is back at once: the same bytes as before it was hidden" cmp -s "$TMP/r4.json" "$TMP/r6.json"

# A flag decision (officers' answers page): the response's quote goes at once.
aget "$JO" "/admin/answers/$S" > /dev/null
is "$(apost_fields "$JO" "/admin/answers/$S/flag" response="$qid" "reason=Abusive")" 303 "the officer flags the quote's response"
json "$TMP/r7.json"
check "the flagged response's quote is gone at once" bash -c "! jq -e --arg t \"\$1\" '[.themes[0].themes[].quotes[].text] | index(\$t)' '$TMP/r7.json' > /dev/null" _ "$qtext"
verified "after the flag"
aget "$JO" "/admin/answers/$S" > /dev/null
is "$(apost_fields "$JO" "/admin/answers/$S/clear-flag" response="$qid" "reason=Checked")" 303 "the officer clears the flag"
json "$TMP/r8.json"
check "the quote is back at once: the same bytes as before the flag" cmp -s "$TMP/r4.json" "$TMP/r8.json"
verified "after the flag is cleared"
kill -CONT "$summ"

# The resident withdraws that response (/my-response, with its receipt):
# its quote goes at once.
receipt=RDYW-W1TH-DRAW
hash=$(python3 -c 'import sys, hashlib, hmac
k = open(sys.argv[1], "rb").read()
print(hmac.new(k, hashlib.sha256(sys.argv[2].encode()).hexdigest().encode(), "sha256").hexdigest())' "$YV_STATE/secret.key" "$receipt")
sql "UPDATE response SET receipt_hash = '$hash' WHERE id = $qid"
WJ=$TMP/withdraw; rm -f "$WJ"
http GET /my-response -c "$WJ" > /dev/null
is "$(http POST /my-response -b "$WJ" -c "$WJ" --data-urlencode "csrf=$(form_csrf)" --data-urlencode "receipt=$receipt" --data-urlencode action=withdraw-confirm)" 200 "the resident withdraws the response"
is "$(sql "SELECT status FROM response WHERE id = $qid")" withdrawn "it is withdrawn"
json "$TMP/r9.json"
check "its quote is gone at once" bash -c "! jq -e --arg t \"\$1\" '[.themes[0].themes[].quotes[].text] | index(\$t)' '$TMP/r9.json' > /dev/null" _ "$qtext"
verified "after the withdrawal"

# The background process keeps the views: after the new summary (without
# the withdrawn answer) it stores them; deleted, it stores them again
# without any reader, the same bytes.
check "the summariser summarises the $((N - 1)) answers left" wait_summary "$((N - 1))"
current() { [ "$(sql "SELECT COUNT(*) FROM theme_view tv JOIN theme_summary ts ON ts.survey_id = tv.survey_id AND ts.question_id = tv.question_id
  WHERE tv.survey_id='$S' AND tv.source LIKE CONCAT('% ', ts.source_key, ' %')")" = 2 ]; }
ok_cur=1; for _ in $(seq 120); do current && { ok_cur=0; break; }; sleep 0.5; done
check "the background process stores the views of the new summary" test $ok_cur = 0
json "$TMP/r9.json"
check "the withdrawn response's quote is not in them" bash -c "! jq -e --arg t \"\$1\" '[.themes[0].themes[].quotes[].text] | index(\$t)' '$TMP/r9.json' > /dev/null" _ "$qtext"
sql "DELETE FROM theme_view WHERE survey_id='$S'"
ready() { [ "$(sql "SELECT COUNT(*) FROM theme_view WHERE survey_id='$S'")" = 2 ]; }
ok_ready=1; for _ in $(seq 120); do ready && { ok_ready=0; break; }; sleep 0.5; done
check "the background process stores both views (public and officers') unasked" test $ok_ready = 0
json "$TMP/r10.json"
check "the same bytes as built by the reader" cmp -s "$TMP/r9.json" "$TMP/r10.json"
verified "at the end"
sql "DELETE FROM response WHERE survey_id='$S'"
rebuild_totals "$S"
done_testing
