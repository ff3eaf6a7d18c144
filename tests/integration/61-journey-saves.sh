#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Where a resident's answers in progress live (docs/journey-saves.md), and
# what a resident can count on: each page's answers ride in a sealed cookie
# (nothing written to the database until the send); the app killed
# mid-journey loses at most the page being typed; "Save and come back
# later" is in the database and survives MariaDB killed and restarted, and
# opens on another device; a changed or foreign cookie is refused with a
# clear message and nothing stored is lost; an answer too large for a
# cookie goes to the stored save, and the journey carries on.
. "$(dirname "$0")/lib.sh"

S=saves-what-matters
# A copy of what-matters without its per-browser and per-hour rules: one
# machine plays several residents here.
sed -e '0,/id="what-matters"/s//id="saves-what-matters"/' -e '/<abuse /d' \
  "$YV_SURVEYS/what-matters.xml" > "$YV_SURVEYS/$S.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET "/s/$S")" = 200 ] && break; sleep 0.2; done
is "$(http GET "/s/$S")" 200 "the survey copy is served"

stored_partials() { sql "SELECT COUNT(*) FROM partial WHERE survey_id = '$S'"; }
# jar_cookie JAR NAME: a cookie's value in a curl cookie jar.
jar_cookie() { awk -v n="$2" '$6 == n {print $7}' "$1" | tail -1; }
# set_jar_cookie JAR NAME VALUE: put (or replace) a cookie in a jar, as a
# browser extension or an attacker could.
set_jar_cookie() {
  grep -v -P "\t$2\t" "$1" > "$1.new" || true
  printf '127.0.0.1\tFALSE\t/\tFALSE\t0\t%s\t%s\n' "$2" "$3" >> "$1.new"
  mv "$1.new" "$1"
}
response_with() { # response_with MARKER: responses stored with an answer holding MARKER
  sql "SELECT COUNT(DISTINCT response_id) FROM answer WHERE survey_id = '$S' AND value LIKE '%$1%'"
}

# ---------- the pages ride in a sealed cookie ----------
JAR=$TMP/jar-a
m1="pages-$RANDOM$RANDOM"
before=$(stored_partials)
is "$(jget "/s/$S")" 200 "first page"
check "the first page hands the browser its (empty) sealed state" test -n "$(jar_cookie "$JAR" "yv_j_$S")"
is "$(jpost "/s/$S/your-views" priority=schools "what-matters=Answer $m1" action=continue)" 303 \
  "page 1 answered"
is "$(stored_partials)" "$before" "page 1's answers are not written to the database"
sealed=$(jar_cookie "$JAR" "yv_j_$S")
check "they are in the sealed cookie" test -n "$sealed"
check "which cannot be read: no answer appears in it" bash -c "! grep -q -e '$m1' -e schools <<< '$sealed'"
check "and is HttpOnly" grep -qi "^Set-Cookie: yv_j_$S=.*HttpOnly" "$TMP/head"
is "$(follow)" 200 "page 2"
is "$(jpost "$(form_action)" "one-change=Change $m1" satisfaction=4 action=continue)" 303 "page 2 answered"
is "$(jget "/s/$S/your-views")" 200 "back to page 1 (the back button, without JavaScript)"
check "page 1 shows its answers again" body_has "Answer $m1"
check "with the choice made" grep -q 'value="schools"[^>]*checked' "$TMP/body"

# ---------- the app killed mid-journey ----------
# The resident is typing page 3 (about you) when every process of the
# service is killed; the service comes back; the pages answered are there.
is "$(jget "/s/$S/about-you")" 200 "page 3 shown, being typed"
"$SRC/conf/stack" app-kill > /dev/null 2>&1
check "the service is down (killed)" test "$(http GET "/s/$S")" != 200
"$SRC/conf/stack" app-start > /dev/null 2>&1
for _ in $(seq 50); do [ "$(http GET "/s/$S")" = 200 ] && break; sleep 0.2; done
is "$(jget "/s/$S/check")" 200 "after the restart, check your answers"
check "page 1's answers survived the crash" body_has "Answer $m1"
check "page 2's answers survived the crash" body_has "Change $m1"
# The page being typed was lost: answer it again and send.
is "$(jget "/s/$S/about-you")" 200 "page 3 again"
is "$(jpost "/s/$S/about-you" age-band=25-44 action=continue)" 303 "page 3 answered"
receipt=$(send_check "$S")
check "sent: a receipt" grep -qE '^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$' <<< "$receipt"
is "$(sql "SELECT COUNT(*) FROM response WHERE receipt_hash = '$(code_hash "$receipt")'")" 1 \
  "the receipt's response is stored"
is "$(response_with "$m1")" 1 "with the answers of every page, once"
check "the sealed cookie is dropped once sent" grep -qi "^Set-Cookie: yv_j_$S=;.*Max-Age=0" "$TMP/head"
is "$(stored_partials)" "$before" "no stored save was ever made for this journey"

# ---------- save and come back later: durable, across devices ----------
JAR=$TMP/jar-b
m2="saved-$RANDOM$RANDOM"
jget "/s/$S" > /dev/null
jpost "/s/$S/your-views" priority=housing "what-matters=Answer $m2" action=continue > /dev/null
follow > /dev/null
is "$(jpost "$(form_action)" "one-change=Change $m2" action=save)" 200 "save and come back later"
code=$(grep -o 'id="resume-code">[^<]*' "$TMP/body" | sed 's/.*>//')
check "a resume code is shown" test -n "$code"
is "$(sql "SELECT COUNT(*) FROM partial WHERE survey_id = '$S' AND answers LIKE '%$m2%' AND answers LIKE '%Change $m2%'")" 1 \
  "the save is in the database, with both pages' answers"
check "the sealed cookie is dropped: the stored save is the state now" \
  grep -qi "^Set-Cookie: yv_j_$S=;.*Max-Age=0" "$TMP/head"
# MariaDB killed (no clean shutdown) and started again.
"$SRC/conf/stack" db-kill > /dev/null 2>&1
"$SRC/conf/stack" db-start > /dev/null 2>&1
for _ in $(seq 100); do [ "$(http GET /healthz)" = 200 ] && break; sleep 0.3; done
JAR=$TMP/jar-c # another device
jget /resume > /dev/null
is "$(jpost /resume "code=$code")" 200 "after MariaDB was killed and restarted, the code opens the save on another device"
is "$(jget "/s/$S/check")" 200 "check your answers on the other device"
check "the saved answers are there" body_has "Answer $m2"
check "both pages of them" body_has "Change $m2"
receipt=$(send_check "$S")
is "$(sql "SELECT COUNT(*) FROM response WHERE receipt_hash = '$(code_hash "$receipt")'")" 1 \
  "sent from the other device: stored"
is "$(sql "SELECT COUNT(*) FROM partial WHERE answers LIKE '%$m2%'")" 0 "the stored save is gone once sent"

# ---------- a changed or foreign cookie ----------
# Resident D saves (stored), then the cookie is changed in the browser.
JAR=$TMP/jar-d
m3="tamper-$RANDOM$RANDOM"
jget "/s/$S" > /dev/null
jpost "/s/$S/your-views" priority=care "what-matters=Answer $m3" action=save > /dev/null
saved_before=$(sql "SELECT CONCAT(id, ':', MD5(answers)) FROM partial WHERE answers LIKE '%$m3%'")
check "resident D has a stored save" test -n "$saved_before"
jget "/s/$S/your-views" > /dev/null
csrf_d=$(form_csrf)
# A sealed value with one character changed.
good=$(jar_cookie "$TMP/jar-a" "yv_j_$S")
[ -n "$good" ] || { JAR=$TMP/jar-a; jget "/s/$S" > /dev/null; good=$(jar_cookie "$TMP/jar-a" "yv_j_$S"); JAR=$TMP/jar-d; }
bad=$(python3 -c 'import sys; v = sys.argv[1]; i = len(v) // 2; print(v[:i] + ("A" if v[i] != "A" else "B") + v[i + 1:])' "$good")
set_jar_cookie "$JAR" "yv_j_$S" "$bad"
is "$(jget "/s/$S/your-views")" 400 "a changed cookie is refused"
check "with a clear message" body_has "We could not use your answers in progress"
check "that says the saved answers are kept" body_has "is kept"
check "and the cookie is dropped" grep -qi "^Set-Cookie: yv_j_$S=;.*Max-Age=0" "$TMP/head"
is "$(sql "SELECT CONCAT(id, ':', MD5(answers)) FROM partial WHERE answers LIKE '%$m3%'")" "$saved_before" \
  "nothing stored was lost or changed"
is "$(jget "/s/$S/your-views")" 200 "the resident carries on"
check "with the stored answers" body_has "Answer $m3"
# A POST with a changed cookie stores nothing either.
set_jar_cookie "$JAR" "yv_j_$S" "$bad"
st=$(http POST "/s/$S/your-views" -b "$JAR" -c "$JAR" --data-urlencode "csrf=$csrf_d" \
  --data-urlencode priority=roads-transport --data-urlencode "what-matters=Overwrite $m3" \
  --data-urlencode action=continue)
is "$st" 400 "a page sent with a changed cookie is refused"
is "$(sql "SELECT CONCAT(id, ':', MD5(answers)) FROM partial WHERE answers LIKE '%$m3%'")" "$saved_before" \
  "and the stored save is as it was"
# Another resident's sealed cookie (a genuine one, for another session).
JAR=$TMP/jar-e
m4="foreign-$RANDOM$RANDOM"
jget "/s/$S" > /dev/null
jpost "/s/$S/your-views" priority=schools "what-matters=Answer $m4" action=continue > /dev/null
theirs=$(jar_cookie "$JAR" "yv_j_$S")
JAR=$TMP/jar-d
set_jar_cookie "$JAR" "yv_j_$S" "$theirs"
is "$(jget "/s/$S/your-views")" 400 "another resident's cookie is refused"
check "their answers are not shown" bash -c "! grep -q '$m4' '$TMP/body'"
check "with the same clear message" body_has "We could not use your answers in progress"
is "$(jget "/s/$S/check")" 200 "resident D goes on to check their answers"
check "their own stored answers, not the other resident's" bash -c "grep -q 'Answer $m3' '$TMP/body' && ! grep -q '$m4' '$TMP/body'"
receipt=$(send_check "$S")
is "$(response_with "$m3")" 1 "resident D's response is stored, from the stored save"
JAR=$TMP/jar-e
is "$(jget "/s/$S/check")" 200 "the other resident's journey is untouched"
check "their answers are still theirs" body_has "Answer $m4"

# ---------- an answer too large for a cookie ----------
JAR=$TMP/jar-f
m5="large-$RANDOM$RANDOM"
# 1,950 characters, most of them accented letters (about 3,800 bytes):
# within the question's 2,000 characters, beyond what a cookie holds.
long=$(python3 -c 'import sys; t = sys.argv[1] + " " + "ŵŷâêîôû’ " * 250; print(t[:1950])' "$m5")
jget "/s/$S" > /dev/null
before=$(stored_partials)
is "$(jpost "/s/$S/your-views" priority=care "what-matters=$long" action=continue)" 303 \
  "a page with a long answer is accepted"
is "$(sql "SELECT COUNT(*) FROM partial WHERE survey_id = '$S' AND answers LIKE '%$m5%'")" 1 \
  "it went to the stored save (too large for a cookie)"
check "no sealed cookie is kept for it" bash -c "[ -z \"\$(awk -v n='yv_j_$S' '\$6 == n {print \$7}' '$JAR')\" ]"
is "$(follow)" 200 "the next page"
is "$(jpost "$(form_action)" "one-change=Change $m5" action=continue)" 303 "the next page answered (a durable update of the stored save)"
is "$(sql "SELECT COUNT(*) FROM partial WHERE answers LIKE '%Change $m5%'")" 1 "the stored save holds it"
is "$(jget "/s/$S/your-views")" 200 "back to the page with the long answer"
check "the long answer is shown whole" body_has "${long: -40}"
receipt=$(send_check "$S")
is "$(sql "SELECT COUNT(*) FROM response WHERE receipt_hash = '$(code_hash "$receipt")'")" 1 "sent: stored"
is "$(sql "SELECT CHAR_LENGTH(value) FROM answer WHERE survey_id = '$S' AND question_id = 'what-matters' AND value LIKE '%$m5%'")" 1950 \
  "the long answer is stored whole"
is "$(sql "SELECT COUNT(*) FROM partial WHERE answers LIKE '%$m5%'")" 0 "and its stored save is gone"

# ---------- many cookies at once ----------
# A browser already carrying 6,000 bytes of other cookies (answers in
# progress of other consultations, the council's own site): a page's
# sealed state on top would take the Cookie line past what nginx accepts
# (8 KB) and lock the resident out, so the stored save holds it instead.
JAR=$TMP/jar-g
m6="crowded-$RANDOM$RANDOM"
jget "/s/$S" > /dev/null
# (three of 2,000 bytes: curl keeps no cookie line over 5,000 bytes)
for c in 1 2 3; do set_jar_cookie "$JAR" "other_site_$c" "$(head -c 2000 /dev/zero | tr '\0' 'x')"; done
is "$(jpost "/s/$S/your-views" priority=housing "what-matters=Answer $m6" action=continue)" 303 \
  "a page answered by a browser with many cookies"
is "$(sql "SELECT COUNT(*) FROM partial WHERE survey_id = '$S' AND answers LIKE '%$m6%'")" 1 \
  "its answers went to the stored save (cookies kept within the request line nginx accepts)"
check "no sealed cookie is added for them" bash -c "[ -z \"\$(awk -v n='yv_j_$S' '\$6 == n {print \$7}' '$JAR')\" ]"
is "$(follow)" 200 "the journey carries on"
sql "DELETE FROM partial WHERE survey_id = '$S' AND answers LIKE '%$m6%'"

# ---------- a cookie put back over a stored save ----------
# Resident H answers a page (sealed cookie), keeps a copy of the cookie,
# saves to come back later (stored, the cookie dropped), puts the copy
# back and carries on: the stored save is brought up to date rather than
# refused, and the send removes it, so its resume code opens nothing sent.
JAR=$TMP/jar-h
m7="putback-$RANDOM$RANDOM"
jget "/s/$S" > /dev/null
is "$(jpost "/s/$S/your-views" priority=housing "what-matters=Answer $m7" action=continue)" 303 "resident H answers page 1"
copy=$(jar_cookie "$JAR" "yv_j_$S")
check "the answers are in the sealed cookie" test -n "$copy"
follow > /dev/null
is "$(jpost "$(form_action)" "one-change=Change $m7" action=save)" 200 "and saves to come back later"
is "$(sql "SELECT COUNT(*) FROM partial WHERE answers LIKE '%$m7%'")" 1 "stored"
set_jar_cookie "$JAR" "yv_j_$S" "$copy"
is "$(jpost "/s/$S/your-views" priority=schools "what-matters=Answer $m7 again" action=continue)" 303 \
  "page 1 answered again with the old cookie put back: accepted, not a 503"
receipt=$(send_check "$S")
is "$(sql "SELECT COUNT(*) FROM response WHERE receipt_hash = '$(code_hash "$receipt")'")" 1 "sent: stored"
is "$(sql "SELECT COUNT(*) FROM partial WHERE answers LIKE '%$m7%'")" 0 \
  "no stored save of the session outlives the send"

rm -f "$YV_SURVEYS/$S.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
done_testing
