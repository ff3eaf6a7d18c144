#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Results and publishing (issue 7): known responses submitted over HTTP
# (and a few rows written with SQL where HTTP cannot express them: another
# channel, the in-area flag, a budget that misses the target, a withdrawal)
# are read back as exact figures from /r/<id>.json, /r/<id>.csv, the page
# and `yourvoice results`; publication rules give 404; small groups are
# suppressed. The fixtures are tests/fixtures/results/*.xml (min group 3).
# The exact figures are the officers' (/admin/results/<id>): the public ones
# are perturbed and their breakdowns come from snapshots (docs/privacy.md,
# 41-disclosure.sh), so here they are checked against the exact ones.
. "$(dirname "$0")/lib.sh"
S=results-all
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"

cp "$SRC"/tests/fixtures/results/*.xml "$YV_SURVEYS"/
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET /s/$S)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/$S)" 200 "the results fixtures are loaded"

# An officer, for the exact figures of /admin/results/<id>.
OJ=$TMP/results-officer
printf '%s\n' correct-horse-battery-staple | "$YV" user --config "$CONF" add results.officer --role officer > /dev/null 2>&1
http GET /admin -b "$OJ" -c "$OJ" > /dev/null
http POST /admin/sign-in -b "$OJ" -c "$OJ" --data-urlencode "csrf=$(form_csrf)" \
  --data-urlencode username=results.officer --data-urlencode password=correct-horse-battery-staple > /dev/null
xget() { http GET "/admin/results/${1#/r/}" -b "$OJ" -c "$OJ"; }

sid() { printf 'feed%028x' "$1"; }
submit() { # submit N FIELDS: one resident's whole journey with these answers;
  # prints the status of the first refused page, or of the send. Every page
  # is posted all the fields (a page keeps only its own questions'); the
  # stored response then gets submission id N, which the SQL below uses.
  local n=$1 fields=$2 st loc receipt
  JAR=$TMP/results-jar-$n; rm -f "$JAR"
  jget "/s/$S" > /dev/null
  for _ in $(seq 12); do
    st=$(http POST "$(form_action)" -b "$JAR" -c "$JAR" --data "csrf=$(form_csrf)&action=continue&$fields")
    [ "$st" = 303 ] || { echo "$st"; return; }
    loc=$(header Location); [[ $loc == */check ]] && break
    jget "$loc" > /dev/null
  done
  jget "/s/$S/check" > /dev/null
  st=$(http POST "/s/$S/check" -b "$JAR" -c "$JAR" --data "csrf=$(form_csrf)&sid=$(form_sid)&$fields")
  receipt=$(head -1 "$TMP/body")
  [ "$st" = 303 ] && sql "UPDATE response SET submission_id='$(sid "$n")' WHERE receipt_hash='$(code_hash "$receipt")'" &&
    echo "$receipt" > "$TMP/receipt-$n"
  echo "$st"
}
is "$(submit 1 'transport=car&services=library&services=parks&trust=5&protect.a=1&protect.b=2&people=2&visit.day=10&visit.month=1&visit.year=2025&comment=hi&age=young&pc=SY16+1AA&budget.x=-10&budget.y=0&budget.council-tax=0')" 303 "response 1 stored"
is "$(submit 2 'transport=car&services=parks&trust=4&protect.b=1&protect.a=2&people=4&visit.day=20&visit.month=1&visit.year=2025&age=young&pc=SY17+2BB&budget.x=-5&budget.y=-10&budget.council-tax=1')" 303 "response 2 stored"
is "$(submit 3 'lang=cy&transport=bus&trust=dont-know&protect.a=1&protect.c=2&people=1&age=old&pc=SY16+3CC')" 303 "response 3 (in Welsh) stored"
is "$(submit 4 'transport=other&transport.other=%3Dcmd%7Cbike&trust=2&protect.c=1&protect.b=2&people=10&visit.day=1&visit.month=3&visit.year=2025&age=old&budget.x=-20&budget.y=10&budget.council-tax=0')" 303 "response 4 stored"
is "$(submit 5 'trust=3&people=3&age=young')" 303 "response 5 stored"
is "$(submit 6 'comment=')" 303 "response 6 (nothing answered) stored"
is "$(submit 7 'budget.x=0&budget.y=0&budget.council-tax=0')" 422 "a budget that misses the target is refused over HTTP"

j() { jq -r "$1" "$TMP/body"; }
is "$(http GET /r/$S.json)" 200 "open data JSON is public for a live survey"
is "$(header Content-Type)" "application/json; charset=utf-8" "JSON content type"
cp "$TMP/body" "$TMP/pub.json"
is "$(xget /r/$S.json)" 200 "officers' exact figures"
is "$(j .respondents.total)" 6 "six respondents"
is "$(j .respondents.by_language.cy)" 1 "one response in Welsh"
is "$(j '.questions[] | select(.id=="transport") | .answered')" 4 "transport: 4 answered"
is "$(j '.questions[] | select(.id=="transport") | .options[] | select(.value=="car") | "\(.count) \(.pct_answered) \(.pct_respondents)"')" "2 50 33.3" "car: 2, 50% of answered, 33.3% of all"
is "$(j '.questions[] | select(.id=="transport") | .other_texts_count')" 1 "one other text counted"
is "$(j '.questions[] | select(.id=="transport") | has("other_texts")')" false "other texts are not published"
is "$(j '.questions[] | select(.id=="services") | .options[] | select(.value=="parks") | .pct_answered')" 100 "parks: every one who answered"
is "$(j '.questions[] | select(.id=="trust") | "\(.rated) \(.dont_know) \(.mean) \(.median) \(.agree_pct) \(.disagree_pct)"')" "4 1 3.5 3.5 50 25" "scale figures"
is "$(j '.questions[] | select(.id=="protect") | [.options[] | "\(.value):\(.points):\(.first)"] | join(" ")')" "a:5:2 b:4:1 c:3:1" "ranking: Borda points and first preferences, in order"
is "$(j '.questions[] | select(.id=="people") | "\(.count) \(.min) \(.q1) \(.median) \(.q3) \(.max) \(.mean)"')" "5 1 2 3 4 10 4" "number: count, quartiles, mean"
is "$(j '.questions[] | select(.id=="visit") | "\(.min) \(.median) \(.max) \(.mean)"')" "2025-01-10 2025-01-20 2025-03-01 2025-01-30" "date figures"
is "$(j '.questions[] | select(.id=="comment") | .answered')" 1 "text: only a count"
B='.questions[] | select(.id=="budget")'
is "$(j "$B | .answered")" 3 "budget: 3 answered"
is "$(j "$B | [.lines[].id] | join(\" \")")" "y x" "budget: most protected first"
is "$(j "$B | .lines[] | select(.id==\"x\") | \"\(.median_change_pct) \(.median_change_pence) \(.cut_pct)\"")" "-10 -100000 100" "budget: service x median change"
is "$(j "$B | .met_target | \"\(.count) \(.cuts_only) \(.cuts_and_council_tax)\"")" "3 2 1" "budget: who met the target and how"
is "$(j "$B | .residents_budget | \"\(.savings_pence) \(.meets_target)\"")" "100000 true" "residents' budget meets the target"
is "$(j '.breakdowns[] | select(.by=="age") | .groups[] | select(.id=="young") | "\(.suppressed) \(.respondents)"')" "false 3" "a group of exactly 3 is shown"
is "$(j '.breakdowns[] | select(.by=="age") | .groups[] | select(.id=="old") | "\(.suppressed) \(.respondents) \(has("questions"))"')" "true null false" "a group of 2 is suppressed with no figures"
is "$(j '.breakdowns[] | select(.by=="area") | .groups[] | select(.id=="north") | .suppressed')" true "area north (2) suppressed"
is "$(j '.breakdowns[] | select(.by=="age") | .groups[] | select(.id=="young") | .questions[] | select(.id=="transport") | .options[0].count')" 2 "figures inside a shown group"
is "$(j .you_said_we_did.en)" "You asked for more buses; we added an evening route." "you said, we did"
cp "$TMP/body" "$TMP/exact.json"
# The public figures of the same responses: the true total, every count
# perturbed (never 1 or 2, at most 2 away), shares of the published counts,
# no breakdowns while the survey is open and no snapshot was published.
p() { jq -r "$1" "$TMP/pub.json"; }
is "$(p .respondents.total)" 6 "public: the true total"
pc=$(p '.questions[] | select(.id=="transport") | .options[] | select(.value=="car") | .count')
pa=$(p '.questions[] | select(.id=="transport") | .answered')
check "public: car's 2 is published as 0 or 3 or 4 ($pc)" bash -c "[[ ' 0 3 4 ' == *' $pc '* ]]"
is "$(p '.questions[] | select(.id=="transport") | .options[] | select(.value=="car") | .pct_answered')" \
  "$(python3 -c "v = round(1000 * $pc / $pa) / 10 if $pa else None; print('null' if v is None else (int(v) if v == int(v) else v))")" "public: the share is of the published counts"
is "$(p '.breakdowns | length') $(p .breakdowns_pending) $(p .disclosure_control.method)" "0 true cell-key perturbation" "public: no breakdowns live, the method named"
is "$(p '[.. | objects | .count? | select(type == "number" and (. == 1 or . == 2))] | length')" 0 "public: no count of 1 or 2 anywhere"

# The same figures from the command line.
"$YV" results $S --config "$CONF" --format json --exact > "$TMP/cli.json" 2> "$TMP/cli.err"
check "yourvoice results --format json runs" test -s "$TMP/cli.json"
is "$(jq -S 'del(.generated_at)' "$TMP/cli.json" | md5sum)" "$(jq -S 'del(.generated_at)' "$TMP/body" | md5sum)" "the command prints the officers' exact JSON"
is "$(http GET /r/$S.csv)" 200 "open data CSV"
check "CSV content type" bash -c "grep -qi '^Content-Type: text/csv; charset=utf-8' '$TMP/head'"
check "public CSV: car as in the public JSON ($pc)" grep -q "^results-all,,,transport,choice,car,options.count,$pc" "$TMP/body"
cp "$TMP/body" "$TMP/pub.csv"
xget /r/$S.csv > /dev/null
cp "$TMP/body" "$TMP/web.csv"
is "$(head -1 "$TMP/web.csv" | tr -d '\r')" "survey_id,breakdown,group,question_id,question_type,item,measure,value" "CSV header"
check "CSV: car chosen twice" grep -q '^results-all,,,transport,choice,car,options.count,2' "$TMP/web.csv"
check "CSV: scale mean" grep -q '^results-all,,,trust,scale,,mean,3.5' "$TMP/web.csv"
check "CSV: suppressed group has an empty count" grep -q '^results-all,age,old,,,,respondents,' "$TMP/web.csv"
check "CSV: no figures for a suppressed group" bash -c "! grep -q '^results-all,age,old,transport' '$TMP/web.csv'"
"$YV" results $S --config "$CONF" --format csv --exact > "$TMP/cli.csv"
"$YV" results $S --config "$CONF" --format csv > "$TMP/cli-pub.csv"
check "without --exact the command prints the public CSV" cmp -s "$TMP/cli-pub.csv" "$TMP/pub.csv"
check "the command prints the same CSV" cmp -s "$TMP/cli.csv" "$TMP/web.csv"
"$YV" results $S --config "$CONF" --format csv --with-text > "$TMP/text.csv"
check "officers' CSV lists other texts, neutralised against formulas" grep -q "^results-all,,,transport,choice,1,other_texts,\"'=cmd|bike\"" "$TMP/text.csv"
"$YV" results $S --config "$CONF" --by age --format json > "$TMP/by.json"
is "$(jq -r '[.breakdowns[].by] | join(" ")' "$TMP/by.json")" "age" "--by age keeps that breakdown only"
"$YV" results $S --config "$CONF" --by comment > /dev/null 2>&1
is "$?" 2 "--by a text question is refused"

# The page.
is "$(http GET /r/$S)" 200 "results page"
check "public page: the method is named" body_has "Method: cell-key perturbation"
check "public page: breakdowns wait for publication" body_has "are published when the consultation closes"
check "public page: car as in the public JSON" body_has "<tr><th scope=\"row\">Car</th><td class=\"num\">$pc</td>"
is "$(xget /r/$S)" 200 "officers' results page"
check "chart with a title" body_has 'id="chart-transport-t">How do you travel?</p>'
check "chart description lists the figures" body_has 'Car: 50.0%; Bus: 25.0%'
check "data table beside the chart" body_has '<tr><th scope="row">Car</th><td class="num">2</td><td class="num">50.0%</td><td class="num">33.3%</td></tr>'
check "residents' budget against the current one" body_has '<tr><th scope="row">Service X</th><td class="num">£10,000</td><td class="num">£9,000</td><td class="num">-10%</td>'
check "suppressed group shown as such" body_has 'fewer than 3'
check "you said, we did on the page" body_has 'You asked for more buses'
check "marked provisional while open" body_has 'these results are provisional'
check "no script on the page" bash -c "! grep -q '<script' '$TMP/body' || grep -q '<script src=' '$TMP/body'"
check "free text is not on the page" bash -c "! grep -q 'cmd|bike' '$TMP/body'"
http GET "/r/$S?lang=cy" > /dev/null
check "the page in Welsh" body_has 'Canlyniadau'
check "Welsh: data table headings" body_has 'Cyfran o bawb a ymatebodd'

# Rows HTTP cannot write: channel, in-area, a budget nobody balances, a withdrawal.
sql "UPDATE response SET channel='paper', in_area=0 WHERE submission_id='$(sid 3)'"
sql "UPDATE response SET in_area=1 WHERE submission_id IN ('$(sid 1)', '$(sid 2)')"
sql "UPDATE response SET status='withdrawn' WHERE submission_id='$(sid 6)'"
ver=$(sql "SELECT version_hash FROM response WHERE survey_id='$S' LIMIT 1")
sql "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at) VALUES ('$S', '$ver', 'RSLT-TEST-0007', '$(sid 7)', 'en', UTC_TIMESTAMP(3))"
rid=$(sql "SELECT id FROM response WHERE submission_id='$(sid 7)'")
sql "INSERT INTO answer (response_id, survey_id, question_id, ord, value) VALUES ($rid, '$S', 'budget.x', 0, '0'), ($rid, '$S', 'budget.y', 0, '0'), ($rid, '$S', 'budget.council-tax', 0, '0'), ($rid, '$S', 'age', 0, 'young')"
rebuild_totals $S
xget /r/$S.json > /dev/null
is "$(j .respondents.total)" 6 "a withdrawn response no longer counts, the inserted one does"
is "$(j .respondents.by_channel.paper)" 1 "a paper response"
is "$(j "$B | \"\(.answered) \(.met_target.count) \(.met_target.pct)\"")" "4 3 75" "a budget that misses the target counts as not met"
is "$(j "$B | .lines[] | select(.id==\"x\") | \"\(.median_change_pct) \(.mean_change_pct)\"")" "-7.5 -8.75" "budget median between two choices"
is "$(j '.breakdowns[] | select(.by=="in-area") | .groups[] | "\(.id):\(.respondents)"' | tr '\n' ' ')" "yes:null no:null _unknown:3 " "in-area breakdown with suppression"
is "$(j '.breakdowns[] | select(.by=="age") | .groups[] | "\(.id):\(.suppressed)"' | tr '\n' ' ')" "young:true old:true _none:false " "one small group: the next smallest is suppressed too (no subtraction)"

# A withdrawal and a response committed late with a lower id cancel out in
# the count a worker checks below the last id it counted; the withdrawal
# moves the survey's version, so every worker counts afresh and the figures
# lose the withdrawn answers and gain the late ones.
gap=$(( $(sql "SELECT MAX(id) FROM response") + 5 ))
sql "INSERT INTO response (id, survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at) VALUES ($gap, '$S', '$ver', 'RSLT-TEST-0008', '$(sid 8)', 'en', UTC_TIMESTAMP(3));
     INSERT INTO answer (response_id, survey_id, question_id, ord, value) VALUES ($gap, '$S', 'age', 0, 'old')"
rebuild_totals $S
for _ in 1 2 3 4; do xget /r/$S.json > /dev/null; done
is "$(j .respondents.total)" 7 "seven respondents, every worker's totals warm"
wd=$(cat "$TMP/receipt-2")
JAR=$TMP/withdraw-jar; rm -f "$JAR"
jget /my-response > /dev/null
is "$(jpost /my-response "receipt=$wd" action=withdraw-confirm)" 200 "a resident withdraws response 2 (it chose the car)"
sql "INSERT INTO response (id, survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at) VALUES ($((gap - 2)), '$S', '$ver', 'RSLT-TEST-0009', '$(sid 9)', 'en', UTC_TIMESTAMP(3));
     INSERT INTO answer (response_id, survey_id, question_id, ord, value) VALUES ($((gap - 2)), '$S', 'transport', 0, 'walk')"
rebuild_totals $S
walks="" cars=""
for _ in 1 2 3 4; do
  xget /r/$S.json > /dev/null
  walks="$walks $(j '.questions[] | select(.id=="transport") | .options[] | select(.value=="walk") | .count')"
  cars="$cars $(j '.questions[] | select(.id=="transport") | .options[] | select(.value=="car") | .count')"
done
is "$walks" " 1 1 1 1" "every worker counts the late response with a lower id"
is "$cars" " 1 1 1 1" "and no longer counts the withdrawn one"

# Publication rules.
for p in /r/results-pending /r/results-pending.json /r/results-pending.csv /r/results-manual /r/results-manual.json /r/results-open.csv /r/all-types /r/no-such-survey /r/$S.xml /r/Bad_Id; do
  is "$(http GET "$p")" 404 "$p is not public: 404"
done
is "$(http GET /r/results-pending?lang=cy)" 404 "404 in Welsh too"
check "the Welsh 404 page" body_has "Heb ddod o hyd"
is "$(http POST /r/$S --data x=1)" 405 "results are read-only"
sql "INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES ('results-closed', REPEAT('0', 64))"
for n in 1 2 3; do
  v=mornings; [ $n = 3 ] && v=evenings
  sql "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at) VALUES ('results-closed', REPEAT('0', 64), 'RSLT-CLSD-000$n', '$(sid $((100 + n)))', 'en', '2024-04-0$n 10:00:00')"
  sql "INSERT INTO answer (response_id, survey_id, question_id, ord, value) SELECT id, 'results-closed', 'when', 0, '$v' FROM response WHERE submission_id='$(sid $((100 + n)))'"
done
rebuild_totals results-closed
is "$(http GET /r/results-closed.json)" 200 "closed with the results date passed: public"
is "$(j .breakdowns_as_of.reason)" close "its breakdowns come from the snapshot taken at close"
is "$(sql "SELECT COUNT(*) FROM results_snapshot WHERE survey_id='results-closed' AND reason='close'")" 1 "one snapshot, taken at the first request after close"
is "$(j '[.respondents.by_day[].count] | map(select(. == 1 or . == 2)) | length')" 0 "public: no day with a count of 1 or 2"
xget /r/results-closed.json > /dev/null
is "$(j '.questions[0].options[] | select(.value=="mornings") | .count')" 2 "closed survey figures"
is "$(j '[.respondents.by_day[] | "\(.day):\(.count)"] | join(" ")')" "2024-04-01:1 2024-04-02:1 2024-04-03:1" "responses per day"
# A survey too large to count within one request's time budget and
# without stored totals yet (data from before they existed, migration
# 020): the reader gets 503 "being counted" with Retry-After, and each
# request carries on where the last stopped, until the figures are whole
# (and the worker then stores the totals). With a budget of 0 a worker
# counts one batch (2,000 responses here) a request.
sql "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at)
       SELECT 'results-closed', REPEAT('0', 64), CONCAT('RSLT-BIG0-', LPAD(seq, 4, '0')),
              LPAD(CONCAT('big', seq), 32, '0'), 'en', '2024-04-04 10:00:00' FROM seq_4_to_5000;
     INSERT INTO answer (response_id, survey_id, question_id, ord, value)
       SELECT id, 'results-closed', 'when', 0, 'evenings' FROM response WHERE receipt_hash LIKE 'RSLT-BIG0-%'"
conf=$YV_STATE/yourvoice.conf
cp "$conf" "$TMP/conf.orig"
echo "results_time_budget = 0" >> "$conf"
echo "themes_interval = 0" >> "$conf" # no background process to build the totals first
"$SRC/conf/stack" app-restart
sql "DELETE FROM results_total WHERE survey_id='results-closed'" # (migrate, at the restart, built them)
is "$(http GET /r/results-closed.json)" 503 "a cold worker with more to count than its budget answers 503 at once"
check "and says the results are being counted" body_has "The results are being counted"
is "$(header Retry-After)" 15 "with a Retry-After"
codes=""
for _ in $(seq 12); do st=$(http GET /r/results-closed.json); codes="$codes $st"; [ "$st" = 200 ] && break; done
is "$st" 200 "later requests carry on counting until the figures are whole ($codes)"
is "$(j .respondents.total)" 5000 "and then every response is counted once"
ev=$(j '.questions[0].options[] | select(.value=="evenings") | .count')
check "with the figures of every response, perturbed by at most 2 ($ev of 4998)" test "$ev" -ge 4996 -a "$ev" -le 5000
http GET "/r/results-closed.json?lang=cy" > /dev/null
is "$(j .respondents.total)" 5000 "a second request is served from the totals at once"
cp "$TMP/conf.orig" "$conf"
"$SRC/conf/stack" app-restart
http GET /r/results-closed > /dev/null
check "no provisional notice once closed" bash -c "! grep -q 'provisional' '$TMP/body'"
http GET / > /dev/null
check "home links the published results" body_has '<a href="/r/results-closed">Read the results</a>'
check "home gives the date of results still to come" bash -c "grep -A2 'Results test: results-pending' '$TMP/body' | grep -q 'Results due'"
check "home does not link unpublished results" bash -c "! grep -q 'href=\"/r/results-pending\"' '$TMP/body' && ! grep -q 'href=\"/r/results-manual\"' '$TMP/body'"

rm -f "$YV_SURVEYS"/results-*.xml
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
done_testing
