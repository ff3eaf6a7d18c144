#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Commitments ("we will", issue 21): an officer with the survey records a
# commitment due yesterday and, with no officer action, it is late on
# /promises, in /promises.json and /promises.csv and on /r/<id>, where its
# history shows the change to late dated today; updates and status
# changes appear in the history; dropping needs a reason (in the officer's
# language, beside the field); the filter ?status= works; a councillor or
# an officer limited to another survey cannot change it; a forged POST is
# refused; every change is audited; commitments of a survey whose results
# are not public never appear publicly; councillors see late ones on their
# dashboard.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
P=promises-pub H=promises-hid
user() { printf '%s\n' "$PW" | "$YV" user --config "$CONF" "$@" > /dev/null 2>&1; }
visible() { python3 -c 'import html,re,sys; t=open(sys.argv[1],encoding="utf-8").read(); t=re.sub(r"(?s)<(script|style)[^>]*>.*?</\1>","",t); print(" ".join(html.unescape(re.sub(r"<[^>]+>"," ",t)).split()))' "$TMP/body"; }
TODAY=$(TZ=Europe/London date +%F)
YESTERDAY=$(TZ=Europe/London date -d "$TODAY -1 day" +%F)
LATER=$(TZ=Europe/London date -d "$TODAY +60 days" +%F)
LATER2=$(TZ=Europe/London date -d "$TODAY +90 days" +%F)

# Two copies of a sample survey: one whose results officers publish, one not.
for s in $P $H; do
  sed "s/id=\"what-matters\" languages/id=\"$s\" languages/" "$SRC/surveys/what-matters.xml" > "$YV_SURVEYS/$s.xml"
done
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET /s/$H)" = 200 ] && [ "$(http GET /s/$P)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/$P)" 200 "the surveys are loaded"
sql "DELETE FROM commitment_update WHERE survey_id IN ('$P','$H'); DELETE FROM commitment WHERE survey_id IN ('$P','$H');
     DELETE FROM survey_publication WHERE survey_id IN ('$P','$H'); DELETE FROM app_user WHERE username LIKE 'pr-%';
     DELETE FROM audit_log WHERE username LIKE 'pr-%'; DELETE FROM rate_limit"
check "an officer" user add pr-olwen --role officer --name "Olwen Promise"
check "an officer limited to another survey" user add pr-limited --role officer --survey what-matters
check "a councillor of the survey" user add pr-cllr --role councillor --survey $P
JO=$TMP/olwen JL=$TMP/limited JC=$TMP/cllr
is "$(sign_in "$JO" pr-olwen)" 303 "the officer signs in"
is "$(sign_in "$JL" pr-limited)" 303 "the limited officer signs in"
is "$(sign_in "$JC" pr-cllr)" 303 "the councillor signs in"

aget "$JO" /admin/publish/$P > /dev/null
is "$(apost_fields "$JO" /admin/publish/$P mode=published ysw_en= ysw_cy=)" 303 "the officer publishes one survey's results"
aget "$JO" /admin/publish/$H > /dev/null
is "$(apost_fields "$JO" /admin/publish/$H mode=hidden ysw_en= ysw_cy=)" 303 "and keeps the other's hidden"

# The officer's page: the form, questions by name, never by key.
is "$(aget "$JO" /admin/promises/$P)" 200 "the officers' commitments page"
check "it has the add form with its anti-forgery token" body_has 'name="csrf"'
check "the questions are offered by name" body_has '>Which of these matters most to you?</option>'
check "no key is shown as a name" bash -c "! grep -q '>q:' '$TMP/body'"
aget "$JO" /admin > /dev/null
check "the dashboard links to it" body_has "href=\"/admin/promises/$P\""

# A commitment due yesterday.
add() { # JAR SURVEY field=value...
  local jar=$1 s=$2; shift 2
  aget "$jar" /admin/promises/$s > /dev/null
  apost_fields "$jar" /admin/promises/$s "$@"
}
is "$(add "$JO" $P "text_en=Open the library on Sundays" "text_cy=Agor y llyfrgell ar ddydd Sul" answers=q:priority "owner=Libraries team" due=$YESTERDAY status=planned)" 303 "the officer adds a commitment due yesterday"
LATE=$(sql "SELECT id FROM commitment WHERE survey_id='$P' AND text_en='Open the library on Sundays'")
check "it is stored" test -n "$LATE"
is "$(add "$JO" $P "text_en=Fill the potholes on the school road" "text_cy=Llenwi’r tyllau ar ffordd yr ysgol" "owner=Highways" due=$LATER status=planned)" 303 "and one due in two months"
SOON=$(sql "SELECT id FROM commitment WHERE survey_id='$P' AND text_en='Fill the potholes on the school road'")
is "$(add "$JO" $H "text_en=A secret plan" "text_cy=Cynllun cudd" "owner=Nobody" due=$YESTERDAY status=planned)" 303 "and one for the survey whose results are hidden"

# Late, with no officer action: page, JSON, CSV.
is "$(http GET /promises)" 200 "/promises"
visible > "$TMP/promises.txt"
check "it lists the late commitment" grep -q "Open the library on Sundays" "$TMP/promises.txt"
check "marked late" grep -q "promise-status promise-late\">Late<" "$TMP/body"
check "the count of late ones is 1" grep -q '<li id="count-late"><span class="promise-count">1</span>' "$TMP/body"
check "the hidden survey's commitment is not there" bash -c "! grep -q 'A secret plan' '$TMP/promises.txt'"
is "$(http GET /promises.json)" 200 "/promises.json"
is "$(jq -r --argjson i "$LATE" '.commitments[] | select(.id == $i) | .status' "$TMP/body")" late "its status in JSON is late"
is "$(jq -r --argjson i "$LATE" '.commitments[] | select(.id == $i) | .recorded_status' "$TMP/body")" planned "as recorded it is still planned: no officer acted"
is "$(jq -r --argjson i "$LATE" '[.commitments[] | select(.id == $i) | .history[] | select(.automatic) | .date + " " + .status] | join(",")' "$TMP/body")" "$TODAY late" "its history has the change to late, dated today (the day after the due date)"
is "$(jq -r '.counts.late' "$TMP/body")" 1 "the JSON counts one late"
is "$(jq -r --argjson i "$SOON" '.commitments[] | select(.id == $i) | .status' "$TMP/body")" planned "the one not yet due is planned"
is "$(jq -r '[.commitments[] | select(.text.en == "A secret plan")] | length' "$TMP/body")" 0 "no commitment of the hidden survey in JSON"
is "$(jq -r --argjson i "$LATE" '.commitments[] | select(.id == $i) | .answers.en' "$TMP/body")" "Which of these matters most to you?" "what it answers, by name"
is "$(http GET /promises.csv)" 200 "/promises.csv"
check "CSV: text/csv" bash -c "grep -qi '^content-type: text/csv' '$TMP/head'"
is "$(python3 -c 'import csv,sys; r=[x for x in csv.DictReader(open(sys.argv[1],encoding="utf-8")) if x["id"]==sys.argv[2]]; print(r[0]["status"] if r else "none")' "$TMP/body" "$LATE")" late "its status in CSV is late"
check "no commitment of the hidden survey in CSV" bash -c "! grep -q 'A secret plan' '$TMP/body'"

# The filter (GET, no script needed).
is "$(http GET '/promises?status=late')" 200 "filtered by late"
visible > "$TMP/f.txt"
check "the late one is listed" grep -q "Open the library on Sundays" "$TMP/f.txt"
check "the planned one is not" bash -c "! grep -q 'Fill the potholes' '$TMP/f.txt'"
check "the filter keeps its choice" body_has '<option value="late" selected>'
http GET '/promises?status=planned' > /dev/null; visible > "$TMP/f.txt"
check "filtered by planned: the planned one" grep -q "Fill the potholes" "$TMP/f.txt"
check "filtered by planned: not the late one" bash -c "! grep -q 'Open the library on Sundays' '$TMP/f.txt'"
http GET '/promises?status=dropped' > /dev/null
check "filtered by dropped: none yet" body_has 'id="no-promises"'

# The results page: the section and the history.
is "$(http GET /r/$P)" 200 "the published results page"
visible > "$TMP/r.txt"
check "it has the commitments section" body_has 'id="commitments"'
check "with the late one and the automatic line in its history" grep -q "The due date passed without it being done." "$TMP/r.txt"
is "$(http GET /r/$H)" 404 "the hidden survey's results (and commitments) are not public"

# Updates and status changes: history on /r/<id>.
upd() { # JAR SURVEY ID field=value...
  local jar=$1 s=$2 id=$3; shift 3
  aget "$jar" /admin/promises/$s/$id > /dev/null
  apost_fields "$jar" /admin/promises/$s/$id action=update "$@"
}
is "$(upd "$JO" $P "$SOON" date=$TODAY status=in-progress "note_en=Contractor booked for the spring" "note_cy=Contractwr wedi’i drefnu ar gyfer y gwanwyn")" 303 "the officer records an update: in progress"
is "$(upd "$JO" $P "$SOON" date=$TODAY status=dropped note_en= note_cy=)" 422 "dropping without a reason is refused"
check "the reason is asked for beside the field" body_has '<p class="error-message" id="error-update-note_en">'
check "in English" body_has 'Give the reason it was dropped, in English'
check "and the summary links to it" body_has 'href="#update-note_en"'
is "$(upd "$JC" $P "$SOON" date=$TODAY status=dropped note_en=x note_cy=y)" 403 "(a councillor cannot: checked below)"
aget "$JO" "/admin/promises/$P/$SOON?lang=cy" > /dev/null
is "$(apost_fields "$JO" /admin/promises/$P/$SOON action=update date=$TODAY status=dropped note_en= note_cy=)" 422 "an officer reading in Welsh"
check "is told in Welsh, beside the field" body_has 'Rhowch y rheswm dros ei ollwng, yn Saesneg'
aget "$JO" "/admin/promises/$P?lang=en" > /dev/null
is "$(upd "$JO" $P "$LATE" date=$TODAY status=dropped "note_en=The library budget was cut" "note_cy=Cafodd cyllideb y llyfrgell ei thorri")" 303 "dropped with a reason"
is "$(upd "$JO" $P "$LATE" date=$LATER status=done note_en=x note_cy=y)" 422 "an update cannot be dated in the future"
is "$(upd "$JO" $P "$SOON" date=31-12-2026 status=done note_en=x note_cy=y)" 422 "nor on a date that is not one"
http GET /r/$P > /dev/null; visible > "$TMP/r.txt"
check "the history shows the update's note" grep -q "Contractor booked for the spring" "$TMP/r.txt"
check "and the reason it was dropped" grep -q "The library budget was cut" "$TMP/r.txt"
check "and it is still shown as late before that" grep -q "The due date passed without it being done." "$TMP/r.txt"
http GET "/r/$P?lang=cy" > /dev/null; visible > "$TMP/r.txt"
check "in Welsh, the Welsh text and note" grep -q "Cafodd cyllideb y llyfrgell ei thorri" "$TMP/r.txt"
http GET /promises.json > /dev/null
is "$(jq -r --argjson i "$LATE" '.commitments[] | select(.id == $i) | [.history[].status] | join(",")' "$TMP/body")" "planned,late,dropped" "the JSON history: planned, late (automatic), dropped"
is "$(jq -r '.counts.dropped' "$TMP/body")" 1 "the JSON counts one dropped"
http GET '/promises?status=dropped' > /dev/null
check "the filter finds the dropped one" body_has "Open the library on Sundays"

# Change a commitment (edit).
aget "$JO" /admin/promises/$P/$SOON > /dev/null
is "$(apost_fields "$JO" /admin/promises/$P/$SOON action=edit "text_en=Fill the potholes on School Road" "text_cy=Llenwi’r tyllau ar Ffordd yr Ysgol" owner=Highways due=$LATER answers=q:nonexistent)" 422 "an answer that is not offered is refused"
check "with its message" body_has 'Choose a question or theme from the list'
is "$(apost_fields "$JO" /admin/promises/$P/$SOON action=edit "text_en=Fill the potholes on School Road" "text_cy=Llenwi’r tyllau ar Ffordd yr Ysgol" owner=Highways due=$LATER2 answers=)" 303 "the officer changes its text and moves its due date"
is "$(sql "SELECT text_en FROM commitment WHERE id=$SOON")" "Fill the potholes on School Road" "the change is stored"
http GET /promises.json > /dev/null
is "$(jq -r --argjson i "$SOON" '.commitments[] | select(.id == $i) | .history[-1] | .due_changed.from + " " + .due_changed.to + " " + .status' "$TMP/body")" "$LATER $LATER2 in-progress" "the move of the due date is in its history, status kept"
http GET /r/$P > /dev/null
check "and on the results page" body_has "Due date changed from"

# Who may change it.
n0=$(sql "SELECT COUNT(*) FROM commitment_update")
is "$(aget "$JC" /admin/promises/$P)" 200 "the councillor reads the survey's commitments"
check "without a form to add one" bash -c "! grep -q 'name=\"text_en\"' '$TMP/body'"
is "$(apost_fields "$JC" /admin/promises/$P "text_en=x" "text_cy=y" owner=z due=$LATER status=planned)" 403 "the councillor cannot add one"
is "$(aget "$JL" /admin/promises/$P)" 403 "the officer limited to another survey cannot see them"
aget "$JL" /admin > /dev/null
is "$(apost_fields "$JL" /admin/promises/$P/$SOON action=update date=$TODAY status=done note_en=x note_cy=y)" 403 "nor change one"
aget "$JO" /admin/promises/$P/$SOON > /dev/null
is "$(http POST /admin/promises/$P/$SOON -b "$JO" --data-urlencode action=update --data-urlencode date=$TODAY --data-urlencode status=done --data-urlencode note_en=x --data-urlencode note_cy=y)" 403 "a forged POST (no token) is refused"
is "$(http POST /admin/promises/$P/$SOON -b "$JO" --data-urlencode csrf=0123456789abcdef --data-urlencode action=update --data-urlencode date=$TODAY --data-urlencode status=done --data-urlencode note_en=x --data-urlencode note_cy=y)" 403 "and one with a wrong token"
is "$(sql "SELECT COUNT(*) FROM commitment_update")" "$n0" "none of them changed anything"
is "$(sql "SELECT status FROM commitment WHERE id=$SOON")" in-progress "it is still in progress"

# The councillors' dashboard: the late ones. (The dropped one is no longer late.)
is "$(add "$JO" $P "text_en=Publish the bus review" "text_cy=Cyhoeddi’r adolygiad bysiau" "owner=Transport" due=$YESTERDAY status=in-progress)" 303 "another commitment, due yesterday"
BUS=$(sql "SELECT id FROM commitment WHERE survey_id='$P' AND text_en='Publish the bus review'")
aget "$JC" /admin > /dev/null
check "the councillor's dashboard lists the late commitment" body_has "href=\"/admin/promises/$P/$BUS\""
check "under its heading" body_has 'id="late-commitments"'
aget "$JL" /admin > /dev/null
check "not the dashboard of the officer without the survey" bash -c "! grep -q 'Publish the bus review' '$TMP/body'"

# Audit rows.
for a in commitment-add commitment-update commitment-edit; do
  check "the audit log has $a" test "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='pr-olwen' AND survey_id='$P' AND action='$a'")" -ge 1
done
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='pr-olwen' AND action='commitment-update'")" 2 "one audit row per update recorded (two; refusals wrote nothing)"
check "the forged POST is audited as refused" test "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='pr-olwen' AND action='refused-forged-form'")" -ge 1

# Leave the stack as it was for the scripts after this one.
sql "DELETE FROM commitment_update WHERE survey_id IN ('$P','$H'); DELETE FROM commitment WHERE survey_id IN ('$P','$H');
     DELETE FROM survey_publication WHERE survey_id IN ('$P','$H')"
rm -f "$YV_SURVEYS/$P.xml" "$YV_SURVEYS/$H.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET /s/$P)" = 404 ] && break; sleep 0.2; done
is "$(http GET /s/$P)" 404 "the copies are unloaded again"
done_testing
