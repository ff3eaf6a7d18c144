#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Moderation and officers' exports (issue 8): the free-text answers page
# with redactions marked, hiding an answer from publication and showing it
# again, flagging a response and clearing a flag (an automatic one too),
# results that notice every decision at once (even a swap of flags that
# leaves the number of flagged responses unchanged), CSV and JSON exports
# of individual responses (redacted, hidden answers withheld, personal
# answers, personal="true" ones included, only with the personal-data
# permission, streamed), and the
# permissions matrix: officer with every survey, officer limited to one,
# officer with personal data, councillor, signed out, forged forms.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
S=what-matters
user() { printf '%s\n' "$PW" | "$YV" user --config "$CONF" "$@" > /dev/null 2>&1; }
sql "DELETE FROM audit_log WHERE username LIKE 'mod.%'; DELETE FROM app_user WHERE username LIKE 'mod.%'; DELETE FROM rate_limit"

check "an officer with every survey is added" user add mod.olwen --role officer --name "Olwen Moderator"
check "an officer limited to one survey is added" user add mod.tomos --role officer --survey $S
check "an officer with the personal-data permission is added" user add mod.priv --role officer --personal-data
check "a councillor is added" user add mod.cllr --role councillor
check "a councillor cannot hold the personal-data permission" bash -c "! printf '%s\n' '$PW' | '$YV' user --config '$CONF' add mod.bad --role councillor --personal-data 2>/dev/null"
list=$("$YV" user --config "$CONF" list)
check "user list shows who may see personal data" bash -c "grep -q '^mod.priv,officer,active,.*,all,yes$' <<< '$list' && grep -q '^mod.olwen,officer,active,.*,all,no$' <<< '$list'"
check "the permission can be withdrawn and granted again" bash -c "'$YV' user --config '$CONF' personal-data mod.priv no >/dev/null && '$YV' user --config '$CONF' list | grep -q '^mod.priv,.*,no$' && '$YV' user --config '$CONF' personal-data mod.priv yes >/dev/null"

# apost JAR PATH field=value...: POST with the csrf token of the page last fetched.
apost() { local jar=$1 p=$2 csrf; shift 2; csrf=$(form_csrf); http POST "$p" -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" "$@"; }
# decide JAR ACTION RESPONSE [QUESTION] [REASON]: fetch the answers page, then post a decision.
decide() {
  local jar=$1 action=$2 rid=$3 q=${4:-} reason=${5:-}
  aget "$jar" "/admin/answers/$S" > /dev/null
  apost "$jar" "/admin/answers/$S/$action" --data-urlencode "response=$rid" ${q:+--data-urlencode "question=$q"} \
    --data-urlencode "reason=$reason"
}

# Residents: the whole journey, posting every field to every page.
submit() { # submit TEXT ONE-CHANGE POSTCODE [HONEYPOT]: prints the receipt
  local st loc
  JAR=$TMP/resident-$RANDOM$RANDOM
  jget "/s/$S?lang=en" > /dev/null
  for _ in $(seq 8); do
    st=$(http POST "$(form_action)" -b "$JAR" -c "$JAR" --data-urlencode "csrf=$(form_csrf)" \
      --data-urlencode action=continue --data-urlencode priority=care --data-urlencode "what-matters=$1" \
      --data-urlencode "one-change=$2" --data-urlencode "postcode=$3" ${4:+--data-urlencode "website=$4"})
    [ "$st" = 303 ] || return 1
    loc=$(header Location); [[ $loc == */check ]] && break
    jget "$loc" > /dev/null
  done
  send_check $S
}
rid_of() { sql "SELECT id FROM response WHERE receipt_hash='$(code_hash "$1")'"; }
r1=$(submit "Please mend the roads. Email me at sian.jones@example.org or ring 07700 900123." "More buses, call 01632 960001" "SY16 1AA")
r2=$(submit "Zebra crossing outside the school is dangerous" "Longer library hours" "SY18 6AB")
r3=$(submit "Robots wrote this" "spam spam" "" "http://spam.example")
r4=$(submit "=HYPERLINK(\"http://evil.example\",\"click\") is what matters" "" "")
A=$(rid_of "$r1"); B=$(rid_of "$r2"); H=$(rid_of "$r3"); F=$(rid_of "$r4")
check "residents' responses are stored" bash -c "[ -n '$A' ] && [ -n '$B' ] && [ -n '$H' ] && [ -n '$F' ]"
is "$(sql "SELECT CONCAT(flagged, ':', flag_reason) FROM response WHERE id=$H")" "1:honeypot" "the honeypot response is flagged automatically"

# Signed out.
is "$(http GET /admin/answers/$S)" 200 "signed out, the answers page is the sign-in page"
check "and shows no answer" bash -c "grep -q 'autocomplete=\"current-password\"' '$TMP/body' && ! grep -q 'Zebra crossing' '$TMP/body'"
http GET /admin/export/$S.csv > /dev/null
check "signed out, an export is the sign-in page" bash -c "grep -q 'autocomplete=\"current-password\"' '$TMP/body' && ! grep -qi '^content-disposition' '$TMP/head'"
is "$(http POST /admin/answers/$S/hide --data-urlencode response=$A --data-urlencode question=what-matters --data-urlencode reason=x)" 403 \
  "signed out, a decision is refused"

JO=$TMP/olwen JT=$TMP/tomos JP=$TMP/priv JC=$TMP/cllr
for j in "$JO mod.olwen" "$JT mod.tomos" "$JP mod.priv" "$JC mod.cllr"; do
  set -- $j; is "$(sign_in "$1" "$2")" 303 "$2 signs in"
done

# The dashboard links to the new pages.
aget "$JO" /admin > /dev/null
check "the dashboard row links to the written answers and the export" bash -c "grep -A6 'id=\"survey-$S\"' '$TMP/body' | grep -q 'href=\"/admin/answers/$S\"' && grep -A6 'id=\"survey-$S\"' '$TMP/body' | grep -q 'href=\"/admin/export/$S\"'"
aget "$JC" /admin > /dev/null
check "a councillor's row links to the answers but not the export" bash -c "grep -q 'href=\"/admin/answers/$S\"' '$TMP/body' && ! grep -q 'href=\"/admin/export/' '$TMP/body'"

# The answers page, redacted.
is "$(aget "$JO" "/admin/answers/$S?lang=en")" 200 "an officer sees the written answers"
check "free text is shown redacted, the redactions marked" bash -c "grep -q '<mark class=\"redacted\">\[redacted email\]</mark>' '$TMP/body' && grep -q '<mark class=\"redacted\">\[redacted phone\]</mark>' '$TMP/body'"
check "no email address or phone number reaches the page" bash -c "! grep -q 'sian.jones@example.org' '$TMP/body' && ! grep -q '07700 900123' '$TMP/body'"
check "with the response's channel, language and flag" bash -c "grep -q 'Response $H' '$TMP/body' && grep -q 'Online' '$TMP/body' && grep -q 'likely a robot' '$TMP/body'"
check "newest first" bash -c "[ \$(grep -n 'Response $F<' '$TMP/body' | head -1 | cut -d: -f1) -lt \$(grep -n 'Response $A<' '$TMP/body' | head -1 | cut -d: -f1) ]"
check "text and 'other' questions only: postcodes are not listed" bash -c "! grep -q 'SY16 1AA' '$TMP/body'"
aget "$JO" "/admin/answers/$S?q=one-change" > /dev/null
check "filtered by question" bash -c "grep -q 'Longer library hours' '$TMP/body' && ! grep -q 'Zebra crossing' '$TMP/body'"
aget "$JO" "/admin/answers/$S?show=flagged" > /dev/null
check "filtered to flagged responses" bash -c "grep -q 'Robots wrote this' '$TMP/body' && ! grep -q 'Zebra crossing' '$TMP/body'"
is "$(aget "$JO" "/admin/answers/$S?lang=cy")" 200 "the answers page in Welsh"
check "speaks Welsh" body_has "Atebion ysgrifenedig"
aget "$JO" "/admin?lang=en" > /dev/null
is "$(aget "$JO" /admin/answers/no-such-survey)" 404 "an unknown survey is 404"

# Hide and unhide.
is "$(decide "$JO" hide "$A" what-matters "")" 422 "hiding without a reason is refused"
check "with a message at the reason box" body_has "Say why the answer is hidden"
is "$(decide "$JO" hide "$A" what-matters "$(printf 'x%.0s' $(seq 201))")" 422 "a reason over 200 characters is refused"
is "$(sql "SELECT COUNT(*) FROM answer_moderation WHERE response_id=$A")" 0 "and nothing is hidden"
aget "$JO" "/admin/answers/$S" > /dev/null
is "$(http POST /admin/answers/$S/hide -b "$JO" --data-urlencode response=$A --data-urlencode question=what-matters --data-urlencode reason=forged)" 403 \
  "a cross-site decision without the form's token is refused"
is "$(sql "SELECT COUNT(*) FROM answer_moderation WHERE response_id=$A")" 0 "and changes nothing"
is "$(decide "$JO" hide "$A" what-matters "Gives a resident's contact details")" 303 "an officer hides an answer with a reason"
is "$(sql "SELECT CONCAT(reason, '|', decided_by) FROM answer_moderation WHERE response_id=$A AND question_id='what-matters'")" \
  "Gives a resident's contact details|mod.olwen" "the decision is stored with who made it"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='mod.olwen' AND action='hide-answer' AND survey_id='$S' AND detail LIKE 'response=$A question=what-matters reason=Gives%'")" 1 \
  "and audited"
follow_o() { aget "$JO" "$(header Location)"; }
follow_o > /dev/null
check "the page says so and shows it hidden, with the reason" bash -c "grep -q 'The answer is hidden from publication.' '$TMP/body' && grep -q 'Gives a resident&#39;s contact details' '$TMP/body'"
aget "$JO" "/admin/answers/$S?show=hidden" > /dev/null
check "the hidden filter lists it" bash -c "grep -q 'Response $A<' '$TMP/body' && ! grep -q 'Response $B<' '$TMP/body'"
is "$(decide "$JO" hide "$A" postcode "x")" 400 "a postcode answer is not free text to hide"
is "$(decide "$JO" hide 999999999 what-matters "x")" 404 "an unknown response is refused"
aget "$JO" /admin > /dev/null
is "$(apost "$JO" /admin/answers/budget-2026/flag --data-urlencode response=$B --data-urlencode reason=x)" 404 \
  "a decision on a response of another survey is refused"
is "$(sql "SELECT flagged FROM response WHERE id=$B")" 0 "and changes nothing"

# Councillors read, never decide; a limited officer stays in their survey.
is "$(aget "$JC" /admin/answers/$S)" 200 "a councillor reads the written answers"
check "without any form" bash -c "! grep -q 'action=\"/admin/answers/$S/' '$TMP/body'"
check "and the text of a hidden answer is withheld" bash -c "grep -q 'The text of this answer is withheld.' '$TMP/body' && ! grep -q 'Please mend the roads' '$TMP/body'"
check "and so is the officer's reason for hiding it, and who decided" bash -c "grep -q 'Hidden from publication' '$TMP/body' && ! grep -q 'contact details' '$TMP/body' && ! grep -q 'mod.olwen' '$TMP/body'"
aget "$JC" /admin > /dev/null
is "$(apost "$JC" /admin/answers/$S/flag --data-urlencode response=$B --data-urlencode reason=councillor)" 403 "a councillor cannot flag"
aget "$JC" /admin > /dev/null
is "$(apost "$JC" /admin/answers/$S/unhide --data-urlencode response=$A --data-urlencode question=what-matters)" 403 "a councillor cannot unhide"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='mod.cllr' AND action='refused-moderation'")" 2 "refused for the role, not the token, and audited"
is "$(sql "SELECT COUNT(*) FROM answer_moderation WHERE response_id=$A")" 1 "so the answer stays hidden"
is "$(aget "$JT" /admin/answers/$S)" 200 "a limited officer sees their survey's answers"
is "$(aget "$JT" /admin/answers/budget-2026)" 403 "but not another survey's"
aget "$JT" /admin/answers/$S > /dev/null
is "$(apost "$JT" /admin/answers/budget-2026/flag --data-urlencode response=$B --data-urlencode reason=x)" 403 "nor decide there"

# Flags change the results at once, both ways.
flagged_json() { aget "$1" /admin/results/$S.json > /dev/null; jq -r .respondents.flagged "$TMP/body"; }
f0=$(flagged_json "$JO")
is "$(decide "$JO" flag "$B" "" "Same wording as twenty others")" 303 "an officer flags a response"
is "$(sql "SELECT CONCAT(flagged, ':', flag_reason, ':', flag_decided_by) FROM response WHERE id=$B")" "1:officer:mod.olwen" "it is flagged, by whom"
for _ in 1 2 3 4; do f1=$(flagged_json "$JO"); [ "$f1" = $((f0 + 1)) ] || break; done
is "$f1" $((f0 + 1)) "the officers' results count it apart at once, on every worker"
is "$(decide "$JO" clear-flag "$H" "" "Checked: a resident's browser filled the field")" 303 "an officer clears an automatic flag"
is "$(sql "SELECT CONCAT(flagged, ':', flag_reason, ':', flag_decided_by) FROM response WHERE id=$H")" "0:honeypot:mod.olwen" \
  "it is counted again; what raised the flag is kept"
for _ in 1 2 3 4; do f2=$(flagged_json "$JO"); [ "$f2" = "$f0" ] || break; done
is "$f2" "$f0" "the results notice the cleared flag at once"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='mod.olwen' AND action IN ('flag-response','clear-flag') AND survey_id='$S'")" 2 "both decisions are audited"
aget "$JO" /admin/publish/$S > /dev/null
apost "$JO" /admin/publish/$S --data-urlencode mode=published > /dev/null
http GET /r/$S.json > /dev/null
is "$(jq -r .respondents.flagged "$TMP/body")" "$f0" "the public results count the same"
# A swap: one flag raised while another is cleared leaves the sums equal.
for _ in 1 2 3 4 5 6; do http GET /r/$S.json > /dev/null; done
decide "$JO" clear-flag "$B" "" "" > /dev/null
decide "$JO" flag "$A" "" "Posted from a shared office computer" > /dev/null
for _ in 1 2 3 4 5 6; do http GET /r/$S.json > /dev/null; done
is "$(jq -r .respondents.flagged "$TMP/body")" "$f0" "after a swap of flags the count is the same"
is "$(sql "SELECT GROUP_CONCAT(id ORDER BY id) FROM response WHERE survey_id='$S' AND flagged=1 AND id IN ($A, $B, $H)")" "$A" "but another response is flagged"
# (the stored totals moved each response from one set to the other in the
# decision's own transaction: a recount agrees with every cell)
check "yet the swap was noticed: the stored totals equal a recount" "$YV" results --config "$CONF" $S --verify

# Nothing public shows a hidden answer or personal data. (Free text is
# published only as themes of the analysed questions, with redacted quotes
# that are never hidden ones: tests/integration/85-themes.sh.)
for p in /r/$S /r/$S.json /r/$S.csv "/r/$S?lang=cy"; do
  http GET "$p" > /dev/null
  check "public $p shows no hidden answer and no personal data" bash -c "! grep -qE 'mend the roads|sian\.jones|07700 900123|01632 960001' '$TMP/body'"
done
aget "$JO" /admin/publish/$S > /dev/null
apost "$JO" /admin/publish/$S --data-urlencode mode=file > /dev/null

# Exports.
complete=$(sql "SELECT COUNT(*) FROM response WHERE survey_id='$S' AND status='complete'")
is "$(aget "$JO" /admin/export/$S)" 200 "the export page answers"
check "it links to CSV and JSON" bash -c "grep -q 'href=\"/admin/export/$S.csv\"' '$TMP/body' && grep -q 'href=\"/admin/export/$S.json\"' '$TMP/body'"
check "without the personal-data form for an officer without the permission" bash -c "! grep -q 'name=\"personal\"' '$TMP/body'"
is "$(aget "$JO" /admin/export/$S.csv)" 200 "an officer exports CSV"
check "as an attachment, never cached" bash -c "grep -qi '^content-disposition: attachment; filename=\"$S-responses.csv\"' '$TMP/head' && grep -qi '^cache-control: no-store' '$TMP/head' && grep -qi '^content-type: text/csv' '$TMP/head'"
cp "$TMP/body" "$TMP/plain.csv"
csvq() { python3 - "$@" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
what = sys.argv[2]
if what == 'count': print(len(rows))
elif what == 'has': print('yes' if sys.argv[3] in rows[0] else 'no')
else: print(next((r.get(sys.argv[4], '<none>') for r in rows if r['response_id'] == sys.argv[3]), '<no row>'))
PY
}
is "$(csvq "$TMP/plain.csv" count)" "$complete" "the CSV parses, one row per complete response"
is "$(csvq "$TMP/plain.csv" has postcode)" no "personal answers are withheld without the permission"
is "$(csvq "$TMP/plain.csv" has receipt)" no "no receipt column"
check "no receipt code anywhere" bash -c "! grep -q '$r1' '$TMP/plain.csv' && ! grep -q '$r2' '$TMP/plain.csv'"
is "$(csvq "$TMP/plain.csv" row "$A" what-matters)" "[hidden]" "a hidden answer's text is withheld"
is "$(csvq "$TMP/plain.csv" row "$A" hidden_answers)" "what-matters" "and marked hidden"
is "$(csvq "$TMP/plain.csv" row "$A" one-change)" "More buses, call [redacted phone]" "free text is redacted"
is "$(csvq "$TMP/plain.csv" row "$A" flagged)" "yes" "with the flag state"
is "$(csvq "$TMP/plain.csv" row "$F" what-matters)" "'=HYPERLINK(\"[redacted url]\",\"click\") is what matters" \
  "a cell that would be a formula is neutralised"
is "$(aget "$JO" /admin/export/$S.json)" 200 "an officer exports JSON"
cp "$TMP/body" "$TMP/plain.json"
is "$(jq '.responses | length' "$TMP/plain.json")" "$complete" "the JSON parses, one object per complete response"
is "$(jq -r --argjson id "$A" '.responses[] | select(.response_id == $id) | [(.answers["what-matters"] | tostring), (.hidden_answers | join(","))] | join("|")' "$TMP/plain.json")" \
  "null|what-matters" "a hidden answer is null and listed as hidden"
is "$(jq -r --argjson id "$B" '.responses[] | select(.response_id == $id) | .answers["what-matters"]' "$TMP/plain.json")" \
  "Zebra crossing outside the school is dangerous" "other answers are there"
check "no personal field and no raw email in the JSON" bash -c "! grep -q 'sian.jones@example.org' '$TMP/plain.json' && [ \"\$(jq '[.fields[].id] | index(\"postcode\")' '$TMP/plain.json')\" = null ] && [ \"\$(jq -r .free_text '$TMP/plain.json')\" = redacted ]"
is "$(aget "$JO" "/admin/export/$S.csv?personal=1")" 403 "personal answers need the permission"
is "$(aget "$JO" "/admin/export/$S.json?raw=1")" 403 "so does unredacted text"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='mod.olwen' AND action='export-refused'")" 2 "refusals are audited"
is "$(aget "$JP" /admin/export/$S)" 200 "the export page for an officer with the permission"
check "offers personal data" body_has 'name="personal"'
is "$(aget "$JP" "/admin/export/$S.csv?personal=1")" 200 "an officer with the permission exports personal answers"
is "$(csvq "$TMP/body" row "$A" postcode)" "SY16 1AA" "the postcode is there"
is "$(csvq "$TMP/body" row "$A" one-change)" "More buses, call [redacted phone]" "free text still redacted"
is "$(aget "$JP" "/admin/export/$S.json?raw=1")" 200 "and unredacted free text when asked"
is "$(jq -r --argjson id "$A" '.responses[] | select(.response_id == $id) | .answers["what-matters"]' "$TMP/body")" \
  "Please mend the roads. Email me at sian.jones@example.org or ring 07700 900123." "the raw text, hidden ones included"
is "$(jq -r .free_text "$TMP/body")" unredacted "the file says it is unredacted"
is "$(sql "SELECT GROUP_CONCAT(detail ORDER BY id SEPARATOR ';') FROM audit_log WHERE username='mod.priv' AND action='export'")" \
  "format=csv personal=yes raw=no;format=json personal=no raw=yes" "every export is audited with its options"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='mod.olwen' AND action='export'")" 2 "the plain exports too"
is "$(aget "$JC" /admin/export/$S.csv)" 403 "a councillor cannot export"
is "$(aget "$JC" /admin/export/$S)" 403 "nor see the export page"
is "$(aget "$JT" /admin/export/$S.csv)" 200 "a limited officer exports their survey"
is "$(aget "$JT" /admin/export/budget-2026.csv)" 403 "but not another survey"
is "$(aget "$JT" /admin/export/budget-2026.json)" 403 "in any format"
is "$(aget "$JO" /admin/export/$S.xml)" 404 "an unknown format is 404"

# Unhide.
is "$(decide "$JO" unhide "$A" what-matters "")" 303 "an officer shows the answer again"
is "$(sql "SELECT COUNT(*) FROM answer_moderation WHERE response_id=$A")" 0 "the decision is deleted"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='mod.olwen' AND action='unhide-answer'")" 1 "and the unhiding audited"
aget "$JO" /admin/export/$S.csv > /dev/null
is "$(csvq "$TMP/body" row "$A" what-matters)" "Please mend the roads. Email me at [redacted email] or ring [redacted phone]." \
  "the export has its (redacted) text again"

# A large export is streamed in batches: 1200 responses of about 1 kB.
sql "INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES ('customer-care', REPEAT('0', 64))"
sql "SET max_recursive_iterations = 10000; INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at)
     WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200)
     SELECT 'customer-care', REPEAT('0', 64), CONCAT('BULK', LPAD(i, 10, '0')), CONCAT('bulk', LPAD(i, 28, '0')), 'en', UTC_TIMESTAMP(3)
     FROM n"
sql "INSERT INTO answer (response_id, survey_id, question_id, ord, value)
     SELECT id, 'customer-care', 'complaint-details', 0, CONCAT('Bulk complaint ', id, ': ', REPEAT('the bins were not collected again ', 30), 'write to bulk', id, '@example.org')
     FROM response WHERE receipt_hash LIKE 'BULK%'"
cc=$(sql "SELECT COUNT(*) FROM response WHERE survey_id='customer-care' AND status='complete'")
aget "$JO" "/admin/answers/customer-care?lang=en" > /dev/null
check "many answers are paged, newest first" bash -c "grep -q 'page 1 of ' '$TMP/body' && [ \$(grep -c '<li class=\"answer\"' '$TMP/body') = 20 ] && grep -q 'rel=\"next\"' '$TMP/body'"
first=$(grep -o 'id="a-[0-9]*-complaint-details"' "$TMP/body" | head -1)
aget "$JO" "$(grep -o 'rel="next" href="[^"]*"' "$TMP/body" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')" > /dev/null
check "the next page has older answers" bash -c "grep -q 'page 2 of ' '$TMP/body' && ! grep -q '$first' '$TMP/body' && grep -q 'rel=\"prev\"' '$TMP/body'"
check "each one redacted" bash -c "grep -q '\[redacted email\]' '$TMP/body' && ! grep -q '@example.org' '$TMP/body'"
is "$(aget "$JO" /admin/export/customer-care.csv)" 200 "a large export answers"
check "streamed: sent without a length, larger than one chunk" bash -c "! grep -qi '^content-length' '$TMP/head' && [ \$(stat -c %s '$TMP/body') -gt 1000000 ]"
is "$(csvq "$TMP/body" count)" "$cc" "every response is there, once"
check "each one redacted" bash -c "! grep -q '@example.org' '$TMP/body'"
is "$(aget "$JO" /admin/export/customer-care.json)" 200 "the JSON export of it"
is "$(jq '[.responses[].response_id] | unique | length' "$TMP/body")" "$cc" "parses, every response once"
sql "DELETE FROM response WHERE receipt_hash LIKE 'BULK%'"

# A question marked personal="true" (customer-care's reply-name, a
# short-text) is personal data like an email: a bare name is beyond the
# redactor, so it is withheld from exports without the permission and never
# listed on the answers page.
sql "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at)
     VALUES ('customer-care', REPEAT('0', 64), 'PERS-0000-0001', CONCAT('pers', REPEAT('0', 28)), 'en', UTC_TIMESTAMP(3));
     SET @r = LAST_INSERT_ID();
     INSERT INTO answer (response_id, survey_id, question_id, ord, value) VALUES
       (@r, 'customer-care', 'complaint-details', 0, 'The gritter never came up our lane'),
       (@r, 'customer-care', 'reply-name', 0, 'Gwenllian Testname'),
       (@r, 'customer-care', 'reply-email', 0, 'gwenllian@example.org')"
P=$(sql "SELECT id FROM response WHERE receipt_hash='PERS-0000-0001'")
aget "$JO" "/admin/answers/customer-care?lang=en" > /dev/null
check "the answers page lists the free text of a response with a personal name" body_has "The gritter never came up our lane"
check "but not the name, a personal=\"true\" short-text" bash -c "! grep -q 'Gwenllian' '$TMP/body' && ! grep -q 'a-$P-reply-name' '$TMP/body'"
aget "$JP" "/admin/answers/customer-care?q=reply-name" > /dev/null
check "not even for an officer with the permission, asking for that question" bash -c "! grep -q 'Gwenllian' '$TMP/body'"
aget "$JO" /admin/answers/customer-care > /dev/null
is "$(apost "$JO" /admin/answers/customer-care/hide --data-urlencode response=$P --data-urlencode question=reply-name --data-urlencode reason=x)" 400 \
  "a personal short-text is not free text to hide"
is "$(aget "$JO" /admin/export/customer-care.csv)" 200 "an export without the permission"
is "$(csvq "$TMP/body" has reply-name)" no "has no column for the personal short-text"
is "$(csvq "$TMP/body" row "$P" complaint-details)" "The gritter never came up our lane" "but the other answers of the response"
check "and the name appears nowhere in it" bash -c "! grep -q 'Gwenllian' '$TMP/body'"
is "$(aget "$JO" /admin/export/customer-care.json)" 200 "the JSON export without the permission"
check "lists no personal short-text field and holds no name" bash -c "[ \"\$(jq '[.fields[].id] | index(\"reply-name\")' '$TMP/body')\" = null ] && ! grep -q 'Gwenllian' '$TMP/body'"
is "$(aget "$JP" "/admin/export/customer-care.csv?personal=1")" 200 "an export with the permission"
is "$(csvq "$TMP/body" row "$P" reply-name)" "Gwenllian Testname" "has the personal short-text"
is "$(csvq "$TMP/body" row "$P" reply-email)" "gwenllian@example.org" "with the email"
is "$(aget "$JP" "/admin/export/customer-care.json?personal=1")" 200 "the JSON export with the permission"
is "$(jq -r '.fields[] | select(.id == "reply-name") | .kind' "$TMP/body")" personal "names the field personal"
is "$(jq -r --argjson id "$P" '.responses[] | select(.response_id == $id) | .answers["reply-name"]' "$TMP/body")" \
  "Gwenllian Testname" "and holds the name"
sql "DELETE FROM response WHERE receipt_hash='PERS-0000-0001'"

check "no password reaches a log" bash -c "! grep -rq '$PW' '$YV_STATE/log'"
check "no resident's email reaches a log" bash -c "! grep -rq 'sian.jones@example.org' '$YV_STATE/log'"
done_testing
