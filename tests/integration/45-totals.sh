#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Results that are always ready (issue 23, DESIGN §12): the figures are read
# from totals stored in MariaDB and kept exact in the transaction of every
# send, withdrawal and flag decision. After each scenario (sends, a
# withdrawal, a hide, a flag raised and cleared, the queue folded, a worker
# restart, an edited survey file, a purge of personal answers) `yourvoice
# results --verify` recounts every response from the answers and must find
# every stored cell equal; and the figures read from the totals must be the
# figures of a recount byte for byte (`yourvoice results` against
# `--recount`, exact and public, JSON and CSV).
. "$(dirname "$0")/lib.sh"
S=totals-all
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple

# A copy of the every-type results fixture under an id of its own.
sed -e 's/id="results-all"/id="totals-all"/' "$SRC/tests/fixtures/results/results-all.xml" > "$YV_SURVEYS/$S.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET /s/$S)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/$S)" 200 "the survey copy is served"

verify() { "$YV" results --config "$CONF" $S --verify > "$TMP/verify" 2>&1; }
# same_figures WHAT [ARGS]: `yourvoice results` from the stored totals and
# from a recount of the answers give the same bytes (generated_at apart).
same_figures() {
  local what=$1; shift
  "$YV" results --config "$CONF" $S "$@" | grep -v '"generated_at"' > "$TMP/from-totals"
  "$YV" results --config "$CONF" $S --recount "$@" | grep -v '"generated_at"' > "$TMP/from-answers"
  if [ -s "$TMP/from-totals" ] && cmp -s "$TMP/from-totals" "$TMP/from-answers"; then
    ok "$what: figures from the stored totals equal a recount, byte for byte ($*)"
  else
    not_ok "$what: figures from the stored totals equal a recount, byte for byte ($*)"
    diff "$TMP/from-totals" "$TMP/from-answers" | head -20 | sed 's/^/# /'
  fi
}
# after WHAT: the checks run after every scenario.
after() {
  if verify; then ok "$1: yourvoice results --verify finds every stored cell equal to a recount"
  else not_ok "$1: yourvoice results --verify finds every stored cell equal to a recount"; sed 's/^/# /' "$TMP/verify" | head -20; fi
  same_figures "$1" --exact
  same_figures "$1"
  same_figures "$1" --exact --format csv
}

# An officer, for the exact figures and the moderation decisions.
printf '%s\n' "$PW" | "$YV" user --config "$CONF" add totals.officer --role officer > /dev/null 2>&1
OJ=$TMP/officer
sign_in "$OJ" totals.officer > /dev/null
apost() { local jar=$1 p=$2 csrf; shift 2; csrf=$(form_csrf); http POST "$p" -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" "$@"; }
decide() { # decide ACTION RESPONSE [QUESTION] [REASON]
  aget "$OJ" "/admin/answers/$S" > /dev/null
  apost "$OJ" "/admin/answers/$S/$1" --data-urlencode "response=$2" ${3:+--data-urlencode "question=$3"} \
    --data-urlencode "reason=${4:-}"
}

submit() { # submit N FIELDS: one resident's whole journey; prints the send's status
  local n=$1 fields=$2 st loc
  JAR=$TMP/jar-$n; rm -f "$JAR"
  jget "/s/$S" > /dev/null
  for _ in $(seq 12); do
    st=$(http POST "$(form_action)" -b "$JAR" -c "$JAR" --data "csrf=$(form_csrf)&action=continue&$fields")
    [ "$st" = 303 ] || { echo "$st"; return; }
    loc=$(header Location); [[ $loc == */check ]] && break
    jget "$loc" > /dev/null
  done
  jget "/s/$S/check" > /dev/null
  st=$(http POST "/s/$S/check" -b "$JAR" -c "$JAR" --data "csrf=$(form_csrf)&sid=$(form_sid)&$fields")
  [ "$st" = 303 ] && head -1 "$TMP/body" > "$TMP/receipt-$n"
  echo "$st"
}
rid() { sql "SELECT id FROM response WHERE receipt_hash='$(code_hash "$(cat "$TMP/receipt-$1")")'"; }

is "$(submit 1 'transport=car&services=library&services=parks&trust=5&protect.a=1&protect.b=2&people=2&visit.day=10&visit.month=1&visit.year=2025&comment=hi&age=young&pc=SY16+1AA&budget.x=-10&budget.y=0&budget.council-tax=0')" 303 "response 1 sent"
is "$(submit 2 'transport=car&services=parks&trust=4&protect.b=1&protect.a=2&people=4&visit.day=20&visit.month=1&visit.year=2025&age=young&pc=SY17+2BB&budget.x=-5&budget.y=-10&budget.council-tax=1')" 303 "response 2 sent"
is "$(submit 3 'lang=cy&transport=bus&trust=dont-know&protect.a=1&protect.c=2&people=1&age=old&pc=SY16+3CC')" 303 "response 3 sent (in Welsh)"
is "$(submit 4 'transport=other&transport.other=bike&trust=2&protect.c=1&protect.b=2&people=10&visit.day=1&visit.month=3&visit.year=2025&age=old&budget.x=-20&budget.y=10&budget.council-tax=0')" 303 "response 4 sent"
is "$(submit 5 'trust=3&people=3&age=young&budget.x=-10&budget.y=0&budget.council-tax=0')" 303 "response 5 sent (its budget a tie with response 1's)"
is "$(submit 6 'comment=')" 303 "response 6 sent (nothing answered)"
after "six sends"
xget() { http GET "/admin/results/$S.json" -b "$OJ" -c "$OJ"; }
xget > /dev/null
is "$(jq -r .respondents.total "$TMP/body")" 6 "the officers' live results count the six from the totals"
is "$(jq -r '.questions[] | select(.id=="people") | .median' "$TMP/body")" 3 "the median of five numbers (1 2 3 4 10)"

# A withdrawal: the resident's own, through /my-response.
JAR=$TMP/withdraw; rm -f "$JAR"
jget /my-response > /dev/null
is "$(jpost /my-response "receipt=$(cat "$TMP/receipt-2")" action=withdraw-confirm)" 200 "a resident withdraws response 2 (and confirms)"
after "a withdrawal"
xget > /dev/null
is "$(jq -r .respondents.total "$TMP/body")" 5 "five left at once"
is "$(jq -r '.questions[] | select(.id=="transport") | .options[] | select(.value=="car") | .count' "$TMP/body")" 1 "the withdrawn car is gone"
is "$(jq -r '.questions[] | select(.id=="people") | .median' "$TMP/body")" 2.5 "the median of an even count (1 2 3 10) from the stored histogram"

# Moderation: a hide changes no count; a flag moves a response to the
# flagged set, clearing it moves it back.
is "$(decide hide "$(rid 1)" comment "Names a neighbour")" 303 "an officer hides an answer"
after "a hide"
is "$(decide flag "$(rid 4)" "" "Same wording as twenty others")" 303 "an officer flags response 4"
after "a flag"
xget > /dev/null
is "$(jq -r .respondents.flagged "$TMP/body")" 1 "the flagged response is counted apart"
aget "$OJ" /admin/publish/$S > /dev/null
apost "$OJ" /admin/publish/$S --data-urlencode mode=published --data-urlencode exclude_flagged=1 > /dev/null
http GET /r/$S.json > /dev/null
is "$(jq -r '"\(.flagged_excluded) \(.respondents.total) \(.respondents.flagged)"' "$TMP/body")" "true 4 1" \
  "left out of the public figures at once, and still counted apart"
same_figures "flagged left out" --exclude-flagged --exact
same_figures "flagged left out, public" --exclude-flagged
is "$(decide clear-flag "$(rid 4)" "" "Checked")" 303 "the officer clears the flag"
after "a flag cleared"
http GET /r/$S.json > /dev/null
is "$(jq -r '"\(.respondents.total) \(.respondents.flagged)"' "$TMP/body")" "5 0" "counted again at once"

# The queue is folded into the totals (by the background process, or by a
# reader when it is long): nothing changes but where the sums are kept.
for _ in $(seq 50); do [ "$(sql "SELECT COUNT(*) FROM results_total_event WHERE survey_id='$S'")" = 0 ] && break; sleep 0.2; done
is "$(sql "SELECT COUNT(*) FROM results_total_event WHERE survey_id='$S'")" 0 "the queued changes are folded into the stored totals"
after "the queue folded"

# A fresh worker right after a restart reads the stored totals: the figures
# at once, the same as before, and no worker counts the answers.
http GET /r/$S.json > /dev/null; grep -v generated_at "$TMP/body" > "$TMP/before"
"$SRC/conf/stack" app-restart
lines=$(wc -l < "$YV_STATE/log/app.log")
is "$(http GET /r/$S.json)" 200 "a fresh worker answers at once after a restart"
grep -v generated_at "$TMP/body" > "$TMP/after"
check "with the same figures" cmp -s "$TMP/before" "$TMP/after"
check "read from the stored totals: no worker recounted" bash -c "! tail -n +$((lines + 1)) '$YV_STATE/log/app.log' | grep -q 'results: $S.*recounting'"

# An edited survey file changes the fingerprint: the totals are counted
# afresh (by the background process or the first reader), never mixed.
sed -i 's|<summary>A test survey for results.</summary>|<summary>A test survey for results, edited.</summary>|' "$YV_SURVEYS/$S.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do http GET "/s/$S" > /dev/null; grep -q 'edited' "$TMP/body" && break; sleep 0.2; done
is "$(http GET /r/$S.json)" 200 "the results of the edited survey answer"
is "$(jq -r .respondents.total "$TMP/body")" 5 "with the same respondents"
is "$(submit 7 'transport=walk&people=3&age=old')" 303 "response 7 sent to the edited survey"
for _ in $(seq 50); do verify && break; sleep 0.2; done
after "an edited survey file"

# Purge: once the retention after closing has run out, personal answers
# (the postcodes, which place each response in an area) are deleted, and
# the totals are counted afresh with them. The responses are dated back
# into the survey's (now past) weeks by hand, so the totals are rebuilt
# for that first.
sql "UPDATE response SET submitted_at = '2025-01-20 10:00:00' WHERE survey_id='$S'"
rebuild_totals $S
sed -i -e 's|closes="2099-12-31T23:59" results="2100-01-31"|closes="2025-02-01T00:00" results="2025-02-02"|' \
  -e 's|<retention days="30"/>|<retention days="1"/>|' "$YV_SURVEYS/$S.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
"$YV" purge --config "$CONF" > "$TMP/purge" 2>&1
check "the purge deletes the personal answers of the closed survey" grep -q "personal answers of $S" "$TMP/purge"
is "$(sql "SELECT COUNT(*) FROM answer WHERE survey_id='$S' AND question_id='pc'")" 0 "no postcode left"
after "a purge"

# A change written around the application (by hand, with SQL) is found by
# --verify, which names the cell; --rebuild counts the totals afresh.
sql "UPDATE answer SET value='bus' WHERE survey_id='$S' AND question_id='transport' AND response_id=$(rid 1)"
check "a change made by hand: --verify fails" bash -c "! '$YV' results --config '$CONF' $S --verify > '$TMP/verify' 2>&1"
check "and names the differing cells" grep -q '^counted cell \* q0C0: stored' "$TMP/verify"
check "--rebuild counts the totals afresh" "$YV" results --config "$CONF" $S --rebuild
after "a rebuild"

# The copy and its responses go (one answered nothing: later scripts count
# complete responses without answers as half-stored).
sql "DELETE FROM response WHERE survey_id='$S'; DELETE FROM results_total WHERE survey_id='$S';
     DELETE FROM results_total_event WHERE survey_id='$S'"
rm -f "$YV_SURVEYS/$S.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
done_testing
