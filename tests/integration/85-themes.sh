#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Free-text themes in the product: the background summariser of `serve`
# summarises the analysed question of themes-test (a fixture survey) after
# responses arrive; the results page, JSON and CSV and the officers' view
# show the themes with shares that add up and redacted quotes; officers
# rename, merge and hide quotes at /admin/themes/<id>, which survives a
# recomputation and shows at once; councillors only read; a limited
# officer cannot see another survey's themes; forged forms fail; every
# decision is audited; the Welsh page has Welsh chrome.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
S=themes-test
user() { printf '%s\n' "$PW" | "$YV" user --config "$CONF" "$@" > /dev/null 2>&1; }

# The fixture survey (an analysed question, postcodes, an area map, manual
# publication), loaded with a reload like 40-results.sh does.
cp "$SRC/tests/fixtures/themes/themes-test.xml" "$YV_SURVEYS"/
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET /s/$S)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/$S)" 200 "the themes fixture is loaded"
sql "DELETE FROM app_user WHERE username LIKE 'th-%'; DELETE FROM audit_log WHERE username LIKE 'th-%'; DELETE FROM rate_limit;
     DELETE FROM theme_summary WHERE survey_id='$S'; DELETE FROM theme_decision WHERE survey_id='$S';
     DELETE FROM survey_publication WHERE survey_id='$S'; DELETE FROM response WHERE survey_id='$S'"
check "an officer for every survey" user add th-olwen --role officer --name "Olwen Themes"
check "an officer limited to another survey" user add th-tomos --role officer --survey what-matters
check "a councillor for this survey" user add th-cllr --role councillor --survey "$S"

apost() { apost_fields "$@"; }
JO=$TMP/olwen JT=$TMP/tomos JC=$TMP/cllr
is "$(sign_in "$JO" th-olwen)" 303 "the officer signs in"
is "$(sign_in "$JT" th-tomos)" 303 "the limited officer signs in"
is "$(sign_in "$JC" th-cllr)" 303 "the councillor signs in"

# Before any answer: no summary, said plainly.
is "$(aget "$JO" /admin/results/$S)" 200 "the officers' view answers before any response"
check "it says plainly that there is no summary yet" grep -qE "There is no summary of themes yet|Too few written answers to summarise into themes yet \(0 so far" "$TMP/body"

# One response through the real journey, with an email address and a phone number.
EMAIL=jo.bloggs@example.com PHONE="07700 900123"
is "$(jget /s/$S)" 200 "the survey's first page"
st=$(jpost "$(form_action)" "views=Potholes on the roads are dangerous, fix the potholes. Write to me at $EMAIL or ring $PHONE" \
  "postcode=SY16 1AA" action=continue)
is "$st" 303 "the answer is accepted"
follow > /dev/null
send_check $S > /dev/null
is "$(sql "SELECT COUNT(*) FROM response WHERE survey_id='$S' AND status='complete'")" 1 "the journey stored the response"
ver=$(sql "SELECT version_hash FROM response WHERE survey_id='$S' LIMIT 1")

# add_responses FIRST TEXT...: one response per text, numbered from FIRST.
add_responses() {
  local n=$1 t pc; shift
  : > "$TMP/ins.sql"
  for t in "$@"; do
    case $((n % 15)) in 7) pc="SY20 8AA" ;; *) [ $((n % 2)) -eq 0 ] && pc="SY16 1AA" || pc="SY18 6AB" ;; esac
    t=${t//\'/\'\'}
    printf "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at) VALUES ('%s', '%s', 'THEM-TEST-%04d', 'ee%030d', 'en', UTC_TIMESTAMP(3));\n" "$S" "$ver" "$n" "$n" >> "$TMP/ins.sql"
    printf "INSERT INTO answer (response_id, survey_id, question_id, value) VALUES (LAST_INSERT_ID(), '%s', 'views', '%s'), (LAST_INSERT_ID(), '%s', 'postcode', '%s');\n" "$S" "$t" "$S" "$pc" >> "$TMP/ins.sql"
    n=$((n + 1))
  done
  mariadb --defaults-file="$YV_STATE/my.cnf" -uroot yourvoice < "$TMP/ins.sql"
  rebuild_totals "$S" # written by hand: past the stored results totals
}
add_responses 1 \
  "The potholes on the roads are terrible and need fixing" "Fix the potholes in the road near the school, call 01632 960001" \
  "Roads are full of potholes, please repair the roads" "Pothole repairs on our roads take far too long, email fix.roads@example.org" \
  "The road surface is broken with potholes everywhere" "Please fix the potholes on the main road" \
  "Potholes damage cars, the roads need repair" "Our roads have deep potholes that are never fixed, phone 07700 900456" \
  "Repair the roads and fill the potholes" "So many potholes on the roads in town" \
  "Keep the library open, the library matters to children" "The library needs longer opening hours" \
  "Do not close the library, we need books and computers" "Our library is the heart of the town, keep it open" \
  "More books in the library please" "The library should open on Sundays" "Save the library from closure" \
  "Library opening hours are too short" "Children love the library, do not cut it" "Keep our local library open for everyone" \
  "Buses are too infrequent, we need more buses" "The bus service stops too early in the evening" \
  "More buses to the hospital please" "Bus fares are too expensive" "The bus timetable is unreliable" \
  "We need a Sunday bus service" "Buses never come on time" "Cheaper buses for young people" \
  "The last bus leaves far too early" "Better bus routes to the villages" "More frequent buses on weekdays"
count() { sql "SELECT COUNT(*) FROM answer a JOIN response r ON r.id = a.response_id WHERE a.survey_id='$S' AND a.question_id='views' AND r.status='complete' AND r.flagged=0"; }
N=$(count)
is "$N" 32 "32 answers to summarise"

# wait_summary N: until the stored summary covers N answers (at most 60 s).
wait_summary() {
  for _ in $(seq 120); do
    [ "$(sql "SELECT answers FROM theme_summary WHERE survey_id='$S' AND question_id='views'")" = "$1" ] && return 0
    sleep 0.5
  done
  return 1
}
check "the summariser computes a summary in the background" wait_summary "$N"
check "one summary per question, computed from what it says" \
  test "$(sql "SELECT COUNT(*) FROM theme_summary WHERE survey_id='$S' AND source_key LIKE 'v1 a:$N:%'")" = 1

# Not published yet: the public addresses answer 404, the officers' view shows themes.
is "$(http GET /r/$S.json)" 404 "unpublished results stay hidden"
is "$(aget "$JO" /admin/results/$S)" 200 "the officers' view"
check "it shows the themes of the analysed question" body_has 'id="themes-views"'
check "as provisional while the survey is open" body_has "these results are provisional"
check "with the number of answers summarised" body_has "Summary of $N written answers, updated"
check "with a bar chart" bash -c "grep -q '<div class=\"chart bar-chart\"' '$TMP/body' && grep -q 'chart-themes-views' '$TMP/body'"
check "it links to the themes page" body_has "href=\"/admin/themes/$S\""
aget "$JO" /admin > /dev/null
check "the dashboard row links to the themes page" body_has "href=\"/admin/themes/$S\""

# Publish, then check page, JSON and CSV.
aget "$JO" /admin/publish/$S > /dev/null
is "$(apost "$JO" /admin/publish/$S mode=published)" 303 "the officer publishes the results"
# Only themes officers approved are published (86-theme-review.sh checks
# approval itself): approve each theme of the summary here.
is "$(http GET /r/$S.json)" 200 "the open data answers before any approval"
is "$(jq -r '.themes[0].themes | length' "$TMP/body")" 0 "no theme is published before an officer approves it"
for k in $(sql "SELECT summary FROM theme_summary WHERE survey_id='$S'" | jq -r '.themes[].key'); do
  tpost action=approve question=views theme="$k" > /dev/null
done
# Shares by area come from the published snapshot (docs/privacy.md): the
# officer publishes again once the themes are approved.
aget "$JO" /admin/publish/$S > /dev/null
is "$(apost "$JO" /admin/publish/$S mode=published)" 303 "the officer publishes again after approving"
is "$(http GET /r/$S.json)" 200 "the open data answers"
cp "$TMP/body" "$TMP/r1.json"
jq_ok() { jq -e "$1" "$TMP/r1.json" > /dev/null; }
is "$(jq -r '.themes[0].status' "$TMP/r1.json")" ready "the JSON has the summary of the question"
is "$(jq -r '.themes[0].answers' "$TMP/r1.json")" "$N" "of every answer"
is "$(jq -r '.themes[0] | ([.themes[].count] | add) + .unthemed + .other.count + .awaiting_review.count' "$TMP/r1.json")" "$N" "theme counts, other and unthemed add up to the answers"
is "$(jq -r '.themes[0].awaiting_review.count' "$TMP/r1.json")" 0 "every theme is approved: none awaits review"
check "shares add up to 100%" jq_ok '.themes[0] | (([.themes[].share] | add) + .other.share + .unthemed / .answers) | (. > 0.999 and . < 1.001)'
check "each share is its count over the answers" jq_ok '.themes[0] | .answers as $n | all(.themes[]; ((.share - .count / $n) | fabs) < 0.0001)'
check "at least three themes" jq_ok '.themes[0].themes | length >= 3'
check "every theme has phrases and a label in both languages" jq_ok 'all(.themes[0].themes[]; (.phrases | length) > 0 and .label.en != null and .label.cy != null)'
check "quotes are given" jq_ok '[.themes[0].themes[].quotes[]] | length >= 3'
check "public quotes carry no response ids" jq_ok '[.themes[0].themes[].quotes[] | has("id")] | any | not'
check "areas of fewer than 5 answers are suppressed" jq_ok '.themes[0].by_area | any(.area == "machynlleth" and .suppressed == true and (has("themes") | not))'
check "bigger areas have their shares" jq_ok '.themes[0].by_area | any(.area == "newtown" and (.themes | length) > 0)'
check "personal details are redacted in quotes" grep -q '\[redacted' "$TMP/r1.json"
check "labels and phrases hold no personal data (the method reads redacted text)" \
  bash -c "! jq -r '.themes[0].themes[] | .automatic_label, .phrases[]' '$TMP/r1.json' | grep -qiE 'bloggs|example|07700|01632|9001|9004|redacted'"
for f in "$EMAIL" "$PHONE" fix.roads@example.org "01632 960001" "07700 900456"; do
  check "the JSON never shows '$f'" bash -c "! grep -qF '$f' '$TMP/r1.json'"
done
is "$(http GET /r/$S.csv)" 200 "the CSV answers"
cp "$TMP/body" "$TMP/r1.csv"
check "the CSV has theme rows" grep -q "^$S,,,views,themes,k[0-9]*,share," "$TMP/r1.csv"
check "and quotes" grep -q "^$S,,,views,themes,k[0-9]*/[0-9]*,quote," "$TMP/r1.csv"
check "and suppressed areas" grep -q "^$S,area,machynlleth,views,themes,,suppressed,true" "$TMP/r1.csv"
for f in "$EMAIL" "$PHONE" fix.roads@example.org "01632 960001" "07700 900456"; do
  check "the CSV never shows '$f'" bash -c "! grep -qF '$f' '$TMP/r1.csv'"
done
"$YV" results $S --config "$CONF" --format json > "$TMP/cli.json"
is "$(jq -S 'del(.generated_at)' "$TMP/cli.json" | md5sum)" "$(jq -S 'del(.generated_at)' "$TMP/r1.json" | md5sum)" \
  "yourvoice results prints the same JSON, themes included"
"$YV" results $S --config "$CONF" --format csv > "$TMP/cli.csv"
is "$(grep ',themes,' "$TMP/cli.csv" | md5sum)" "$(grep ',themes,' "$TMP/r1.csv" | md5sum)" "and the same theme rows in CSV"
is "$(http GET /r/$S)" 200 "the public results page"
check "it shows the themes with a table caption" body_has "<caption>Themes: What would make the town centre better?</caption>"
check "and quotes" body_has '<ul class="theme-quotes">'
check "and themes by area" body_has "Themes by area"
check "the page never shows the email address" bash -c "! grep -qF '$EMAIL' '$TMP/body'"
is "$(http GET "/r/$S?lang=cy")" 200 "the Welsh results page"
check "has Welsh chrome for themes" body_has "Themâu yn yr atebion ysgrifenedig"

# The themes page: officers read and decide, others do not.
is "$(aget "$JO" /admin/themes/$S)" 200 "the officer's themes page"
check "lists each theme with forms" body_has 'name="action" value="rename"'
is "$(aget "$JO" "/admin/themes/$S?lang=cy")" 200 "the themes page in Welsh"
check "in Welsh" body_has "Ailenwi’r thema"
is "$(aget "$JT" /admin/themes/$S)" 403 "an officer limited to another survey cannot see it"
is "$(aget "$JC" /admin/themes/$S)" 200 "the councillor reads it"
check "without any form to decide" bash -c "! grep -q 'name=\"action\"' '$TMP/body'"

pothole=$(jq -r '.themes[0].themes[] | select(.phrases | index("potholes")) | .id' "$TMP/r1.json" | head -1)
buskeys=$(jq -r '[.themes[0].themes[] | select(any(.phrases[]; test("^bus")))] | map(.id) | join(" ")' "$TMP/r1.json")
check "a pothole theme exists" test -n "$pothole"
aget "$JC" /admin > /dev/null # the councillor's token, from the sign-out form
is "$(apost "$JC" /admin/themes/$S action=rename question=views theme="$pothole" label_en=Roads label_cy=Ffyrdd)" 403 "a councillor cannot rename"
is "$(http POST /admin/themes/$S -b "$JO" --data-urlencode action=rename --data-urlencode question=views --data-urlencode theme="$pothole" --data-urlencode label_en=Forged --data-urlencode label_cy=Forged)" 403 "a POST without the token fails"
aget "$JO" /admin/themes/$S > /dev/null
is "$(tpost action=rename question=views theme="$pothole" "label_en=$(printf 'x%.0s' $(seq 121))" label_cy=x)" 400 "a label longer than 120 bytes is refused"
is "$(tpost action=rename question=views theme=k999 label_en=X label_cy=X)" 400 "a theme not in the summary is refused"
is "$(tpost action=rename question=views theme="$pothole" "label_en=Road repairs" "label_cy=Trwsio ffyrdd")" 303 "the officer renames the pothole theme"
set -- $buskeys
if [ $# -ge 2 ]; then
  mfrom=$2 minto=$1
else # one bus theme: merge the two smallest themes instead
  mfrom=$(jq -r '.themes[0].themes[-1].id' "$TMP/r1.json"); minto=$(jq -r '.themes[0].themes[-2].id' "$TMP/r1.json")
fi
is "$(tpost action=merge question=views theme="$minto" into="$minto")" 400 "a theme cannot be merged into itself"
is "$(tpost action=merge question=views theme="$mfrom" into="$minto")" 303 "the officer merges two themes"
is "$(tpost action=merge question=views theme="$minto" into="$mfrom")" 400 "a merge back the other way (a cycle) is refused"

# Shown on the next request, before any recomputation.
http GET /r/$S.json > /dev/null; cp "$TMP/body" "$TMP/r2.json"
is "$(jq -r --arg k "$pothole" '.themes[0].themes[] | select(.id == $k) | .label.en + "/" + .label.cy' "$TMP/r2.json")" "Road repairs/Trwsio ffyrdd" "the new labels show in the open data at once"
check "the merged theme is gone" bash -c "! jq -e --arg k '$mfrom' '.themes[0].themes[] | select(.id == \$k)' '$TMP/r2.json' > /dev/null"
is "$(jq -r --arg a "$mfrom" --arg b "$minto" '[.themes[0].themes[] | select(.id == $a or .id == $b) | .count] | add' "$TMP/r1.json")" \
   "$(jq -r --arg b "$minto" '.themes[0].themes[] | select(.id == $b) | .count' "$TMP/r2.json")" "the merged theme counts both"
is "$(jq -r '.themes[0] | ([.themes[].count] | add) + .unthemed + .other.count + .awaiting_review.count' "$TMP/r2.json")" "$N" "counts still add up after the merge"
http GET "/r/$S?lang=cy" > /dev/null
check "the Welsh page uses the Welsh label" body_has "Trwsio ffyrdd"

# Hide a quote with a reason.
aget "$JO" /admin/themes/$S > /dev/null
# the first quote with a hide form on the officers' page: its response id and text
read -r qid qtext < <(python3 - "$TMP/body" <<'EOF'
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<blockquote><p>([^<]*)</p></blockquote>\n<form[^>]*>\n(?:<input[^>]*>\n)*?<input type="hidden" name="action" value="hide">\n<input type="hidden" name="question" value="views">\n<input type="hidden" name="response" value="(\d+)">', page)
print(m.group(2), html.unescape(m.group(1))) if m else print("")
EOF
)
check "the quote's form names its response" test -n "$qid"
is "$(tpost action=hide question=views response="$qid" reason=)" 400 "hiding needs a reason"
is "$(tpost action=hide question=views response="$qid" "reason=Identifies a neighbour")" 303 "the officer hides the quote"
is "$(sql "SELECT reason FROM answer_moderation WHERE survey_id='$S' AND question_id='views' AND response_id=$qid")" "Identifies a neighbour" "it is recorded in answer_moderation"
check "the themes page shows it hidden with its reason" bash -c "grep -q 'class=\"quote-hidden\"' '$TMP/body' && grep -q 'Identifies a neighbour' '$TMP/body'"
http GET /r/$S.json > /dev/null
check "the hidden quote is gone from the JSON" bash -c "! jq -e --arg t \"\$1\" '[.themes[0].themes[].quotes[].text] | index(\$t)' '$TMP/body' > /dev/null" _ "$qtext"
http GET /r/$S.csv > /dev/null
check "from the CSV" bash -c "! grep -qF -- \"\$1\" '$TMP/body'" _ "$qtext"
http GET /r/$S > /dev/null
check "and from the page" bash -c "! python3 -c 'import html,sys; sys.exit(0 if html.escape(sys.argv[2], quote=True).replace(\"&#x27;\", \"&#39;\") in open(sys.argv[1], encoding=\"utf-8\").read() else 1)' '$TMP/body' \"\$1\"" _ "$qtext"
check "hidden answers still count" bash -c "jq -e '.themes[0].answers == $N' '$TMP/r2.json' > /dev/null"
aget "$JC" /admin/themes/$S > /dev/null
check "a councillor's themes page shows neither the hidden quote nor why it was hidden" \
  bash -c "! grep -q 'Identifies a neighbour' '$TMP/body' && ! grep -q 'class=\"quote-hidden\"' '$TMP/body' && ! grep -qF -- \"\$1\" '$TMP/body'" _ "$(python3 -c 'import html,sys; print(html.escape(sys.argv[1], quote=True).replace("&#x27;", "&#39;"))' "$qtext")"

# A response flagged (or withdrawn) after the summary was made loses its
# quotes at once, not at the next recomputation: the summariser is paused
# so that only the pages' own check can remove them.
aget "$JO" /admin/themes/$S > /dev/null
read -r pid ptext < <(python3 - "$TMP/body" <<'EOF'
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
for li in page.split("<li")[1:]:
    m = re.search(r'<blockquote><p>([^<]*)</p></blockquote>\n<p class="meta">[^<]*</p>', li)
    r = re.search(r'name="response" value="(\d+)"', li)
    if m and r:
        print(r.group(1), html.unescape(m.group(1)))
        break
else:
    print("")
EOF
)
check "a published quote's response is known" test -n "$pid"
summ=$(pgrep -x -P "$(cat "$YV_STATE/run/app.pid")" yv-themes)
kill -STOP "$summ"
sql "UPDATE response SET flagged = 1, flag_reason = 'test-quote' WHERE id = $pid"
rebuild_totals "$S"
http GET /r/$S.json > /dev/null
check "a quote of a response flagged since the summary is gone from the JSON at once" bash -c "! jq -e --arg t \"\$1\" '[.themes[0].themes[].quotes[].text] | index(\$t)' '$TMP/body' > /dev/null" _ "$ptext"
aget "$JO" /admin/themes/$S > /dev/null
check "and from the officers' themes page" bash -c "! grep -qF -- \"\$1\" '$TMP/body'" _ "$(python3 -c 'import html,sys; print(html.escape(sys.argv[1], quote=True).replace("&#x27;", "&#39;"))' "$ptext")"
sql "UPDATE response SET flagged = 0, flag_reason = NULL WHERE id = $pid"
rebuild_totals "$S"
http GET /r/$S.json > /dev/null
check "clearing the flag brings it back" bash -c "jq -e --arg t \"\$1\" '[.themes[0].themes[].quotes[].text] | index(\$t)' '$TMP/body' > /dev/null" _ "$ptext"
kill -CONT "$summ"

# New responses: a recomputation keeps the renames and merges.
add_responses 40 "Fix the potholes on the roads please" "The potholes near the bridge need repair" \
  "More buses in the evening" "The library should have more books" "Potholes everywhere on our roads"
N2=$(count)
check "the summariser recomputes after new responses" wait_summary "$N2"
http GET /r/$S.json > /dev/null; cp "$TMP/body" "$TMP/r3.json"
is "$(jq -r '.themes[0].answers' "$TMP/r3.json")" "$N2" "the new summary covers the new answers"
is "$(jq -r --arg k "$pothole" '.themes[0].themes[] | select(.id == $k) | .label.en' "$TMP/r3.json")" "Road repairs" "the rename survives the recomputation"
stored_keys=$(sql "SELECT summary FROM theme_summary WHERE survey_id='$S'" | jq -r '[.themes[].key] | join(" ")')
check "the merged-into theme keeps its key ($stored_keys)" bash -c "[[ ' $stored_keys ' == *' $minto '* ]]"
check "the merge survives the recomputation" bash -c "! jq -e --arg k '$mfrom' '.themes[0].themes[] | select(.id == \$k)' '$TMP/r3.json' > /dev/null && jq -e --arg k '$minto' '.themes[0].themes[] | select(.id == \$k)' '$TMP/r3.json' > /dev/null"
is "$(jq -r '.themes[0] | ([.themes[].count] | add) + .unthemed + .other.count + .awaiting_review.count' "$TMP/r3.json")" "$N2" "counts add up after the recomputation"
check "the hidden quote stays hidden" bash -c "! grep -qF -- \"\$1\" '$TMP/r3.json'" _ "$qtext"
aget "$JO" /admin/themes/$S > /dev/null
check "officers still find it, hidden, to show it again" bash -c "grep -q 'class=\"quote-hidden\"' '$TMP/body' && grep -q 'Identifies a neighbour' '$TMP/body'"

# A withdrawal or a flag is a change too; flagged answers are left out.
sql "UPDATE response SET flagged = 1, flag_reason = 'test' WHERE survey_id='$S' AND receipt_hash='THEM-TEST-0040'"
rebuild_totals "$S"
check "a flagged response is left out at the next summary" wait_summary "$((N2 - 1))"

# Unhide, undo the merge, and the audit log.
aget "$JO" /admin/themes/$S > /dev/null
is "$(tpost action=unhide question=views response="$qid")" 303 "the officer shows the quote again"
is "$(sql "SELECT COUNT(*) FROM answer_moderation WHERE survey_id='$S' AND response_id=$qid")" 0 "unhiding deletes the row"
is "$(tpost action=unmerge question=views theme="$mfrom")" 303 "the officer undoes the merge"
http GET /r/$S.json > /dev/null
stored_keys=$(sql "SELECT summary FROM theme_summary WHERE survey_id='$S'" | jq -r '[.themes[].key] | join(" ")')
check "the theme is back (if the summary still has it)" bash -c "[[ ' $stored_keys ' != *' $mfrom '* ]] || jq -e --arg k '$mfrom' '.themes[0].themes[] | select(.id == \$k)' '$TMP/body' > /dev/null"
for a in theme-rename theme-merge theme-unmerge quote-hide quote-unhide; do
  is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='th-olwen' AND survey_id='$S' AND action='$a'")" 1 "the audit log has $a"
done
check "the councillor's attempt is audited" test "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='th-cllr' AND action='refused-theme-decision'")" -ge 1
master=$(cat "$YV_STATE/run/app.pid")
summariser=$(pgrep -x -P "$master" yv-themes)
check "the summariser is one child of the master, beside the workers" test "$(echo $summariser | wc -w)" -eq 1
is "$(ps -o ni= -p "$summariser" | tr -d ' ')" 10 "it runs niced"
kill -9 "$summariser"
for _ in $(seq 50); do now=$(pgrep -x -P "$master" yv-themes); [ -n "$now" ] && [ "$now" != "$summariser" ] && break; sleep 0.2; done
check "a killed summariser is restarted" bash -c "[ -n '$now' ] && [ '$now' != '$summariser' ]"
sql "UPDATE response SET flagged = 0 WHERE survey_id='$S' AND receipt_hash='THEM-TEST-0040'"
rebuild_totals "$S"
check "and keeps summarising" wait_summary "$N2"
done_testing
