#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Residents' journeys through each sample survey, in English and Welsh:
# page by page with conditions, every kind of validation error, the budget
# shortfall, check your answers, save and resume on another browser, email
# of the resume link and receipt, invitation codes, and a replayed send.
. "$(dirname "$0")/lib.sh"

mails() { ls "$YV_STATE/mail" 2>/dev/null | wc -l; }
last_mail() { ls -t "$YV_STATE"/mail/*.eml | head -1; }
mark() { grep -o "$2" "$TMP/body" | head -1 | grep -q . && ok "$1" || not_ok "$1"; }

# ---- The budget consultation, in Welsh ----
B=budget-2026
JAR=$TMP/budget-jar
st=$(jget "/s/$B?lang=cy")
is "$st" 200 "budget: first page in Welsh"
check "budget: the page is marked Welsh" body_has '<html lang="cy">'
check "budget: the progress line is Welsh, with its numbers" grep -qE '<p class="progress">Cam 1 o (hyd at )?[0-9]+</p>' "$TMP/body"
check "budget: the budget label is in Welsh" body_has "Eich cyllideb ar gyfer 2026 i 2027"
check "budget: each service shows its current spend" body_has "£118,600,000"
check "budget: what a level would mean is shown" body_has "Tua 90 yn llai o gynorthwywyr addysgu"
check "budget: the running total is on the page without JavaScript" body_has 'class="budget-total'
check "budget: interface text is Welsh" body_has "Cadw a dod yn ôl yn nes ymlaen"
page=$(form_action)
# A browser sends every select: each service at 0 unless changed.
lines=$(grep -o 'name="budget\.[a-z-]*"' "$TMP/body" | sed 's/name="//; s/"//')
budget() { # budget line=value...: every line, with the given changes
  local out=() l v
  for l in $lines; do
    v=0
    for kv in "$@"; do [ "${kv%%=*}" = "$l" ] && v=${kv#*=}; done
    out+=("$l=$v")
  done
  printf '%s\n' "${out[@]}"
}
check "budget: the page has every service and council tax" test "$(echo $lines | wc -w)" -eq 12
mapfile -t zero < <(budget)
st=$(jpost "$page" "${zero[@]}" action=continue lang=cy)
is "$st" 422 "budget: no changes miss the savings target"
check "budget: the shortfall is stated in money, in Welsh" body_has "Nid yw eich dewisiadau’n cyrraedd y targed: dewch o hyd i £12,500,000 arall o arbedion"
mapfile -t some < <(budget budget.highways=-25 budget.council-tax=4)
st=$(jpost "$page" "${some[@]}" action=continue lang=cy)
is "$st" 422 "budget: a partial saving still misses the target"
check "budget: the remaining shortfall is given" body_has "£4,640,000"
check "budget: the choices made are kept" bash -c "grep -q 'value=\"-25\" selected' '$TMP/body'"
mapfile -t enough < <(budget budget.highways=-25 budget.council-tax=9.5)
st=$(jpost "$page" "${enough[@]}" action=continue lang=cy)
is "$st" 303 "budget: meeting the target moves on"
is "$(header Location)" "/s/$B/priorities" "budget: the next page is priorities"
follow > /dev/null
st=$(jpost "$(form_action)" protect.schools=1 protect.adult-care=1 action=continue)
is "$st" 422 "ranking: two options with the same rank are refused"
check "ranking: the Welsh message says so" body_has "Rhowch rif gwahanol i bob dewis ar gyfer"
st=$(jpost "$(form_action)" protect.schools=1 action=continue)
is "$st" 422 "ranking: fewer than the ranks asked for is refused"
st=$(jpost "$(form_action)" protect.schools=1 protect.adult-care=2 protect.children=3 other-ways=other action=continue)
is "$st" 422 "multi: 'other' without saying what is refused"
check "multi: the message asks what the other answer is" body_has "Dywedwch beth yw eich ateb arall"
st=$(jpost "$(form_action)" protect.schools=1 protect.adult-care=2 protect.children=3 other-ways=charges other-ways=share other-ways=community other-ways=online other-ways=other other-ways.other=x action=continue)
is "$st" 422 "multi: more than the maximum selections is refused"
st=$(jpost "$(form_action)" protect.schools=1 protect.adult-care=2 protect.children=3 other-ways=online other-ways=other "other-ways.other=Codi tâl am barcio" action=continue)
is "$st" 303 "priorities: a complete page moves on"
follow > /dev/null
ct_page=$(form_action)
st=$(jpost "$ct_page" tax-view=no-rise action=continue)
is "$(header Location)" "/s/$B/no-rise" "conditions: a page shown only for 'no rise' comes next"
follow > /dev/null
st=$(jpost "$(form_action)" afford=2 action=continue)
is "$(header Location)" "/s/$B/about-you" "conditions: then about you"
jget "$ct_page" > /dev/null
check "back: the earlier answer is still selected" bash -c "grep -q 'value=\"no-rise\" checked' '$TMP/body'"
st=$(jpost "$ct_page" tax-view=small-rise action=continue)
is "$(header Location)" "/s/$B/about-you" "conditions: changing the answer skips the page it hid"
st=$(jget "/s/$B/no-rise")
is "$st" 303 "conditions: the hidden page cannot be visited"
follow > /dev/null
about=$(form_action)
st=$(jpost "$about" people=lots action=continue)
check "number: text is refused in Welsh" body_has "fod yn rhif, fel 12"
st=$(jpost "$about" people=25 action=continue)
check "number: above the maximum is refused" body_has "fod rhwng 1 a 20"
st=$(jpost "$about" people=3 postcode=CF99 action=continue)
check "postcode: a partial postcode is refused, in the officer’s words" body_has "Rhowch eich cod post, fel SY16 1AA"
st=$(jpost "$about" people=3 postcode="CF10 1EP" results-email=not-an-address action=continue)
check "email: a malformed address is refused" body_has "Rhowch gyfeiriad e-bost yn y fformat cywir"
check "errors: the summary links to the field" body_has 'href="#f-results-email"'
check "errors: the message is tied to the field" body_has 'aria-describedby="error-results-email"'
st=$(jpost "$about" age-band=45-64 people=3 postcode="cf10 1ep" results-email=preswylydd@example.com action=continue)
is "$(header Location)" "/s/$B/check" "about you: valid answers lead to check your answers"
follow > /dev/null
check "check: the page is in Welsh" body_has "Gwiriwch eich atebion cyn eu hanfon"
check "check: the ranking is listed in order" body_has "1. Ysgolion"
check "check: change links go back to the page" body_has "href=\"/s/$B/priorities#q-protect\""
check "check: the answer of the hidden page is not listed" bash -c "! grep -q 'q-afford' '$TMP/body'"
receipt=$(send_check $B)
check "budget: sending gives a receipt" bash -c "[[ '$receipt' =~ ^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$ ]]"
rid=$(sql "SELECT id FROM response WHERE receipt_hash='$(code_hash "$receipt")'")
is "$(sql "SELECT lang FROM response WHERE id=$rid")" cy "budget: the response records its language"
is "$(sql "SELECT value FROM answer WHERE response_id=$rid AND question_id='budget.highways'")" "-25" "budget: each service line is stored"
is "$(sql "SELECT value FROM answer WHERE response_id=$rid AND question_id='budget.council-tax'")" "9.5" "budget: the council-tax choice is stored"
is "$(sql "SELECT value FROM answer WHERE response_id=$rid AND question_id='protect.children'")" "3" "ranking: ranks are stored per option"
is "$(sql "SELECT value FROM answer WHERE response_id=$rid AND question_id='other-ways.other'")" "Codi tâl am barcio" "multi: the 'other' text is stored verbatim"
is "$(sql "SELECT COUNT(*) FROM answer WHERE response_id=$rid AND question_id='afford'")" 0 "conditions: answers of a hidden page are discarded"
is "$(sql "SELECT GROUP_CONCAT(value ORDER BY ord) FROM answer WHERE response_id=$rid AND question_id='other-ways'")" "online,other" "multi: every choice is stored in order"

# ---- Customer care, in English: complaint with a reply ----
C=customer-care
JAR=$TMP/care-jar
jget "/s/$C" > /dev/null
svc=$(grep -o '<option value="[a-z0-9-]*"' "$TMP/body" | sed -n 2p | sed 's/.*value="//; s/"//')
st=$(jpost "$(form_action)" action=continue)
is "$st" 422 "care: required questions left empty are refused"
check "care: the message says what to do" body_has "Select an answer for ‘What would you like to tell us?’"
st=$(jpost "$(form_action)" feedback-type=complaint "service=$svc" contact-date.day=31 contact-date.month=2 contact-date.year=2026 action=continue)
check "date: 31 February is refused" body_has "must be a real date"
check "date: what was typed is kept" bash -c "grep -q 'name=\"contact-date.day\" id=\"[^\"]*\" value=\"31\"' '$TMP/body'"
st=$(jpost "$(form_action)" feedback-type=complaint "service=$svc" contact-date.day=3 contact-date.month=3 contact-date.year=2026 action=continue)
is "$(header Location)" "/s/$C/complaint" "conditions: a complaint goes to the complaint page"
follow > /dev/null
long=$(head -c 4001 /dev/zero | tr '\0' 'a')
st=$(jpost "$(form_action)" "complaint-details=$long" reply=yes action=continue)
check "long text: over the limit is refused with the limit" body_has "4000 characters or fewer"
st=$(jpost "$(form_action)" "complaint-details=The bin was not collected for 3 weeks." case-ref=XYZ reply=yes action=continue)
check "pattern: a reference in the wrong format gets the officer's message" body_has "CRM"
st=$(jpost "$(form_action)" "complaint-details=The bin was not collected for 3 weeks." case-ref=crm-123456 reply=yes action=continue)
is "$(header Location)" "/s/$C/reply-details" "conditions: asking for a reply shows the contact page"
follow > /dev/null
st=$(jpost "$(form_action)" reply-name="Siân O'Brien" reply-email=sian@example.com action=continue)
is "$(header Location)" "/s/$C/how-we-did" "care: contact details move on"
follow > /dev/null
st=$(jpost "$(form_action)" trust=7 promises=2 action=continue)
check "scale: a value outside the scale is refused" body_has 'class="error-summary"'
st=$(jpost "$(form_action)" trust=dont-know promises=2 action=continue)
follow > /dev/null
st=$(jpost "$(form_action)" action=continue)
is "$(header Location)" "/s/$C/check" "care: optional last page leads to check"
receipt=$(send_check $C)
rid=$(sql "SELECT id FROM response WHERE receipt_hash='$(code_hash "$receipt")'")
check "care: stored" test -n "$rid"
is "$(sql "SELECT value FROM answer WHERE response_id=$rid AND question_id='contact-date'")" "2026-03-03" "date: stored as YYYY-MM-DD"
is "$(sql "SELECT value FROM answer WHERE response_id=$rid AND question_id='reply-name'")" "Siân O'Brien" "text: apostrophes and accents stored verbatim"
is "$(sql "SELECT value FROM answer WHERE response_id=$rid AND question_id='trust'")" "dont-know" "scale: don't know is its own answer"

# ---- Save and resume on another browser, with email ----
W=what-matters
JAR=$TMP/w1
jget "/s/$W" > /dev/null
check "progress: the first page says which step of how many" grep -qE '<p class="progress">Step 1 of (up to )?[0-9]+</p>' "$TMP/body"
p1=$(form_action)
before=$(mails)
st=$(jpost "$p1" priority=housing "what-matters=Affordable homes for young people" action=save)
is "$st" 200 "save: the save page answers"
code=$(grep -o 'id="resume-code">[0-9A-Z-]*' "$TMP/body" | sed 's/.*>//')
check "save: a resume code is shown" bash -c "[[ '$code' =~ ^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$ ]]"
check "save: the resume link is shown, the code in its query string" body_has "/resume?code=$code"
check "save: how long unfinished answers are kept, in days" grep -qE 'We keep unfinished answers for [0-9]+ days after you last saved them\.' "$TMP/body"
st=$(jpost "/s/$W/save" "code=$code" email=resident@example.com)
is "$st" 200 "save: emailing the link is accepted"
is "$(mails)" $((before + 1)) "save: one email is sent"
check "save: the email holds the resume link" grep -q "/resume?code=$code" "$(last_mail)"
check "save: the email goes to the resident" grep -q "^To: resident@example.com" "$(last_mail)"
JAR=$TMP/w2
st=$(jget "/resume?code=$code")
is "$st" 200 "resume: the link opens a confirmation in a fresh browser"
check "resume: the confirmation holds the code, to be sent by POST" grep -q "name=\"code\"[^>]*value=\"$code\"" "$TMP/body"
before=$(mails)
st=$(jpost /resume "code=$code")
is "$st" 200 "resume: Continue opens the saved answers"
code2=$(grep -o 'id="resume-code">[0-9A-Z-]*' "$TMP/body" | sed 's/.*>//')
check "resume: a new code is shown" bash -c "[[ '$code2' =~ ^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$ && '$code2' != '$code' ]]"
# The address stored with a save is not trusted once its code has been
# used: whoever planted the code could have given their own (56-codes.sh).
is "$(mails)" "$before" "resume: the new code is not emailed to the address of the save"
check "resume: the page says so, and how to have a code emailed" body_has 'id="resume-not-emailed"'
carry_on=$(grep -o 'id="resume-continue" href="[^"]*"' "$TMP/body" | sed 's/.*href="//; s/"$//')
st=$(jpost "/s/$W/save" "code=$code2" email=resident@example.com)
is "$st" 200 "resume: the resident types their address on the resume page"
is "$(mails)" $((before + 1)) "resume: and is emailed the new code"
check "resume: the email holds the new code" grep -q "/resume?code=$code2" "$(last_mail)"
jget "$carry_on" > /dev/null
check "resume: the saved free text is back" body_has "Affordable homes for young people"
check "resume: the saved choice is back" bash -c "grep -q 'value=\"housing\" checked' '$TMP/body'"
st=$(jget "/s/$W/your-views?lang=cy")
check "language: switching to Welsh keeps the saved answers" body_has "Affordable homes for young people"
check "language: the page is now Welsh" body_has '<html lang="cy">'
jget "/s/$W/your-views?lang=en" > /dev/null
st=$(jpost "$(form_action)" priority=housing "what-matters=Affordable homes for young people" action=continue)
for _ in 1 2 3 4 5; do
  loc=$(header Location); [[ $loc == */check ]] && break
  jget "$loc" > /dev/null; jpost "$(form_action)" action=continue > /dev/null
done
before=$(mails)
receipt=$(send_check $W)
check "resume: the response is sent from the second browser" test -n "$(sql "SELECT id FROM response WHERE receipt_hash='$(code_hash "$receipt")'")"
is "$(mails)" $((before + 1)) "receipt: emailed to the address given in this browser"
check "receipt: the email holds the receipt code" grep -q "$receipt" "$(last_mail)"
JAR=$TMP/w3
jget /resume > /dev/null
st=$(jpost /resume "code=$code2")
is "$st" 404 "resume: a code whose save was sent no longer works"
jget /resume > /dev/null
st=$(jpost /resume "code=ABCD-EFGH-JKMN")
is "$st" 404 "resume: an unknown code says so"
check "resume: without saying whether codes exist" body_has "We could not find saved answers for that code"
jget /resume > /dev/null
st=$(jpost /resume "code=not a code")
is "$st" 404 "resume: a malformed typed code is refused"
st=$(http GET /resume)
is "$st" 200 "resume: the form to type a code answers"

# ---- Invitation codes ----
I=invite-fixture
sed -e '0,/id="what-matters"/s//id="invite-fixture"/' -e 's/<access mode="anonymous"\/>/<access mode="invitation"\/>/' \
  "$YV_SURVEYS/$W.xml" > "$YV_SURVEYS/$I.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET /s/$I)" = 200 ] && break; sleep 0.2; done
sql "INSERT INTO invitation (survey_id, code_hash) VALUES ('$I', '$(code_hash K7M2-P9QX-4RTV)')"
JAR=$TMP/i1
jget "/s/$I" > /dev/null
check "invitation: the survey asks for a code first" body_has "Enter your invitation code"
st=$(jpost "/s/$I/invitation" code=AAAA-BBBB-CCCC)
is "$st" 422 "invitation: a wrong code is refused"
check "invitation: the message does not say whether it exists" body_has "We do not recognise that code, or it has been used"
st=$(jpost "/s/$I/invitation" "code=k7m2 p9qx 4rtv")
is "$st" 303 "invitation: the right code, typed loosely, is accepted"
follow > /dev/null
st=$(jpost "$(form_action)" priority=jobs "what-matters=More local jobs" action=continue)
for _ in 1 2 3 4 5; do
  loc=$(header Location); [[ $loc == */check ]] && break
  jget "$loc" > /dev/null; jpost "$(form_action)" action=continue > /dev/null
done
receipt=$(send_check $I)
is "$(sql "SELECT COUNT(*) FROM response r JOIN invitation i ON i.id = r.invitation_id WHERE r.receipt_hash='$(code_hash "$receipt")' AND i.used_at IS NOT NULL")" 1 "invitation: the response is tied to its code, now used"
JAR=$TMP/i2
jget "/s/$I" > /dev/null
st=$(jpost "/s/$I/invitation" code=K7M2-P9QX-4RTV)
is "$st" 422 "invitation: a used code is refused"
rm -f "$YV_SURVEYS/$I.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"

# ---- Information pages ----
for p in accessibility privacy cookies contact; do
  st=$(http GET "/$p?lang=cy")
  is "$st" 200 "info: /$p answers in Welsh"
done
check "info: the cookies page names the session cookie" bash -c "curl -s '$BASE/cookies' | grep -q yv_s"
st=$(http GET "/s/$W/privacy")
check "info: each survey has its privacy notice with its contact" body_has "ymgynghori@broafon.example"
done_testing
