#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Results that residents and councillors can find (issue 19): whenever a
# survey's results are public (live, published by officers, or after close
# by the survey's rule) the home page, the survey's own page and the
# confirmation page link /r/<id>, and /results lists them newest first;
# when they are not public nothing links them, and a closed survey whose
# results date has passed says they are late, never "due" in the past.
# Dates written without a time show none; a blank line in an authored text
# is a new paragraph. Fixtures: tests/fixtures/findable/*.xml.
. "$(dirname "$0")/lib.sh"

cp "$SRC"/tests/fixtures/findable/*.xml "$YV_SURVEYS"/
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET /s/findable-live)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/findable-live)" 200 "the fixtures are loaded"

links() { grep -c "href=\"/r/$1\"" "$TMP/body"; }
# send ID: one resident's whole response; leaves the confirmation page in $TMP/body.
send() {
  JAR=$TMP/jar-$1; rm -f "$JAR"
  jget "/s/$1" > /dev/null
  jpost "$(form_action)" visits=3 action=continue > /dev/null
  send_check "$1" > /dev/null
  follow > /dev/null
}

# ---- the home page ----
is "$(http GET /)" 200 "home page"
is "$(links findable-live)" 1 "home: live results are linked"
check "home: as results so far" body_has '<a href="/r/findable-live">See the results so far</a>'
is "$(links findable-final)" 1 "home: results public after close are linked"
is "$(links customer-care)" 1 "home: the standing customer-care survey's live results are linked"
check "home: customer-care is open all year round, with no closing date" bash -c \
  "grep -A4 'href=\"/s/customer-care\"' '$TMP/body' | grep -q 'Open all year round'"
is "$(links findable-open)" 0 "home: results not public yet are not linked (open, after-close)"
is "$(links findable-late)" 0 "home: unpublished manual results are not linked"
is "$(links findable-pending)" 0 "home: results due later are not linked"
check "home: late results say so" bash -c \
  "grep -A2 'Findable: parks (late)' '$TMP/body' | grep -q 'Results were due on 30 April 2025 and are late.'"
check "home: results to come give their date" bash -c \
  "grep -A2 'Findable: parks (pending)' '$TMP/body' | grep -q 'Results due 1 June 2099.'"
check "home: never 'due' in the past" bash -c "! grep -A2 'Findable: parks (late)' '$TMP/body' | grep -q 'Results due'"
check "home: a closing date without a time shows none" body_has 'Closes 31 December 2099.'
check "home: a closing date with a time keeps it" body_has 'Closes 31 December 2099, 17:00.'
check "home: a closed date without a time shows none" body_has 'Closed 31 March 2025.'
check "home: no midnight shown for a date alone" bash -c "! grep -q '00:00' '$TMP/body'"
check "home: the summary's paragraphs are separate" body_has '<p>Tell us about the parks.</p><p>We read every answer.</p>'
check "home: links the list of all results" body_has '<a href="/results">'
http GET "/?lang=cy" > /dev/null
check "home in Welsh: live results linked" body_has '<a href="/r/findable-live">Gweld y canlyniadau hyd yma</a>'
check "home in Welsh: late results" body_has 'Roedd disgwyl y canlyniadau ar 30 Ebrill 2025 ac maen nhw’n hwyr.'
check "home in Welsh: a date alone" body_has 'Yn cau 31 Rhagfyr 2099.'
check "home in Welsh: no midnight" bash -c "! grep -q '00:00' '$TMP/body'"

# ---- a survey's own pages ----
JAR=$TMP/jar-page
jget /s/findable-live > /dev/null
is "$(links findable-live)" 1 "survey page: live results are linked from the first page"
jget /s/findable-open > /dev/null
is "$(links findable-open)" 0 "survey page: results not public are not linked"
check "survey page: the intro's paragraphs are separate <p>" body_has '<p>First paragraph of the intro.</p><p>Second paragraph of the intro.</p>'
check "survey page: the summary's too" body_has '<p class="lead">Tell us about the parks.</p><p class="lead">We read every answer.</p>'
check "survey page: a hint's too" body_has '<p>Count every visit.</p><p>Leave it blank if you are not sure.</p>'
jget "/s/findable-open?lang=cy" > /dev/null
check "survey page in Welsh: paragraphs" body_has '<p>Paragraff cyntaf y cyflwyniad.</p><p>Ail baragraff y cyflwyniad.</p>'
http GET /s/findable-open/privacy > /dev/null
check "privacy notice: paragraphs" body_has '<p>We keep your answers for a year.</p><p>We never ask for your name.</p>'
http GET /s/findable-late > /dev/null
check "closed survey page: closed on a date alone" body_has 'This consultation closed on 31 March 2025.'
check "closed survey page: results late, not due" body_has 'Results were due on 30 April 2025 and are late.'
is "$(links findable-late)" 0 "closed survey page: no link to unpublished results"
check "closed survey page: no midnight" bash -c "! grep -q '00:00' '$TMP/body'"
http GET /s/findable-final > /dev/null
check "closed survey page: public results are linked" body_has '<a href="/r/findable-final">Read the results</a>'
check "closed survey page: not late" bash -c "! grep -q 'late' '$TMP/body'"
http GET /s/findable-pending > /dev/null
check "closed survey page: results to come" body_has 'Results due 1 June 2099.'
is "$(links findable-pending)" 0 "closed survey page: not linked before their date"
http GET "/s/findable-late?lang=cy" > /dev/null
check "closed survey page in Welsh: late" body_has 'Roedd disgwyl y canlyniadau ar 30 Ebrill 2025 ac maen nhw’n hwyr.'
http GET /s/customer-care > /dev/null
is "$(links customer-care)" 1 "customer-care's first page links its live results"
is "$(http GET /r/customer-care)" 200 "and they are public"

# ---- the confirmation page ----
send findable-live
check "done page: the receipt is shown" body_has 'class="receipt"'
is "$(links findable-live)" 1 "done page: live results are linked"
check "done page: a closing time given is shown" body_has 'The consultation closes on 31 December 2099, 17:00.'
send findable-open
check "done page (not public): the receipt is shown" body_has 'class="receipt"'
is "$(links findable-open)" 0 "done page: results not public are not linked"
check "done page: when results come, a date alone" body_has 'We will publish what residents told us on 31 January 2100.'
check "done page: the closing date alone" body_has 'The consultation closes on 31 December 2099.'
check "done page: no midnight" bash -c "! grep -q '00:00' '$TMP/body'"
JAR=$TMP/jar-care; rm -f "$JAR"
jget /s/customer-care > /dev/null
svc=$(grep -o '<option value="[a-z0-9-]*"' "$TMP/body" | sed -n 2p | sed 's/.*value="//; s/"//')
jpost "$(form_action)" feedback-type=compliment "service=$svc" action=continue > /dev/null
follow > /dev/null
jpost "$(form_action)" "compliment-details=The library staff were kind." action=continue > /dev/null
follow > /dev/null
jpost "$(form_action)" trust=4 promises=4 action=continue > /dev/null
follow > /dev/null
jpost "$(form_action)" action=continue > /dev/null
send_check customer-care > /dev/null
follow > /dev/null
is "$(links customer-care)" 1 "customer-care's confirmation page links its live results"
check "and says it stays open" body_has 'This consultation stays open all year round'

# ---- /results ----
is "$(http GET /results)" 200 "/results answers"
for id in findable-live findable-final customer-care; do
  is "$(links $id)" 1 "/results lists $id"
done
for id in findable-open findable-late findable-pending; do
  is "$(links $id)" 0 "/results leaves out $id (not public)"
done
pos() { grep -n "href=\"/r/$1\"" "$TMP/body" | head -1 | cut -d: -f1; }
check "/results: newest first (open ones, latest opened first, then by closing date)" \
  test "$(pos customer-care)" -lt "$(pos findable-live)" -a "$(pos findable-live)" -lt "$(pos findable-final)"
check "/results: the kind of results" bash -c \
  "grep -A1 'href=\"/r/findable-live\"' '$TMP/body' | grep -q 'Live results'"
check "/results: final results" bash -c \
  "grep -A1 'href=\"/r/findable-final\"' '$TMP/body' | grep -q 'Final results'"
n=$(sql "SELECT COUNT(*) FROM response WHERE survey_id='findable-live' AND status='complete'")
check "/results: the number of responses ($n)" bash -c \
  "grep -A3 'href=\"/r/findable-live\"' '$TMP/body' | grep -q '$n response'"
check "/results: customer-care has no closing date" bash -c \
  "grep -A3 'href=\"/r/customer-care\"' '$TMP/body' | grep -q 'Open since 1 April 2025, with no closing date.'"
check "/results: no midnight for dates alone" bash -c "! grep -q '00:00' '$TMP/body'"
http GET "/results?lang=cy" > /dev/null
check "/results in Welsh" body_has 'Canlyniadau a gyhoeddwyd'
check "/results in Welsh: Welsh titles" body_has 'Canfod: parciau (byw)'

# ---- officers publish the late results: they become findable ----
sql "INSERT INTO survey_publication (survey_id, published, updated_by, updated_at) VALUES ('findable-late', 1, 'test', UTC_TIMESTAMP(3))"
http GET / > /dev/null
is "$(links findable-late)" 1 "published by officers: home links them"
check "and no longer says they are late" bash -c "! grep -A2 'Findable: parks (late)' '$TMP/body' | grep -q 'late\\.'"
http GET /s/findable-late > /dev/null
is "$(links findable-late)" 1 "the closed survey's page links them"
http GET /results > /dev/null
is "$(links findable-late)" 1 "/results lists them"
check "as published by the council" bash -c \
  "grep -A1 'href=\"/r/findable-late\"' '$TMP/body' | grep -q 'published by the council'"
check "newest first: closed 31 March 2025 before closed 30 April 2024" \
  test "$(pos findable-late)" -lt "$(pos findable-final)"
is "$(http GET /r/findable-late)" 200 "and the link works"
# ... and officers withdrawing live results hides every link.
sql "INSERT INTO survey_publication (survey_id, published, updated_by, updated_at) VALUES ('findable-live', 0, 'test', UTC_TIMESTAMP(3))"
http GET / > /dev/null
is "$(links findable-live)" 0 "withdrawn by officers: home no longer links them"
http GET /results > /dev/null
is "$(links findable-live)" 0 "nor /results"
is "$(http GET /r/findable-live)" 404 "and /r/ refuses them"

sql "DELETE FROM survey_publication WHERE survey_id LIKE 'findable-%'"
rm -f "$YV_SURVEYS"/findable-*.xml
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
done_testing
