#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Officers and councillors: accounts from the command line, sign-in with a
# fresh session, what each role may do (and nothing more), preview that
# stores nothing, survey files and reload, anti-forgery tokens, repeated
# bad passwords (also spread over networks), sign-out, idle timeout, the
# 12-hour limit, password changes and disabled accounts, and the audit log.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
user() { printf '%s\n' "${PW_IN:-$PW}" | "$YV" user --config "$CONF" "$@" > /dev/null 2>&1; }
sql "DELETE FROM audit_log; DELETE FROM admin_session; DELETE FROM app_user; DELETE FROM rate_limit"

check "an officer with every survey is added" user add olwen --role officer --name "Olwen Jones"
check "an officer limited to one survey is added" user add tomos --role officer --survey what-matters
check "a councillor is added" user add cllr.evans --role councillor --name "Cllr Evans"
check "a short password is refused" bash -c "! printf 'short\n' | '$YV' user --config '$CONF' add weak --role officer 2>/dev/null"
check "a duplicate user is refused" bash -c "! printf '%s\n' '$PW' | '$YV' user --config '$CONF' add olwen --role officer 2>/dev/null"
list=$("$YV" user --config "$CONF" list)
check "user list shows roles and limits" bash -c "grep -q '^tomos,officer,active,.*,what-matters,no$' <<< '$list' && grep -q '^olwen,officer,active,\"Olwen Jones\",all,no$' <<< '$list'"
check "passwords are stored as Argon2id" bash -c "[ \"\$(mariadb --defaults-file='$YV_STATE/my.cnf' -uroot -N -B yourvoice -e \"SELECT LEFT(password_hash, 10) FROM app_user WHERE username='olwen'\")\" = '\$argon2id\$' ]"

# sign_in JAR USER [PASSWORD]: prints the status of the sign-in POST.
sign_in() {
  local jar=$1 u=$2 p=${3:-$PW}; shift; shift; shift 2> /dev/null
  http GET /admin -b "$jar" -c "$jar" "$@" > /dev/null
  http POST /admin/sign-in -b "$jar" -c "$jar" --data-urlencode "csrf=$(form_csrf)" \
    --data-urlencode "username=$u" --data-urlencode "password=$p" "$@"
}
aget() { http GET "$2" -b "$1" -c "$1"; }
apost() { local jar=$1 p=$2; shift 2; local csrf; csrf=$(form_csrf); http POST "$p" -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" "$@"; }

st=$(http GET /admin)
is "$st" 200 "signed out, /admin is the sign-in page"
check "the sign-in page asks for a user name and password" body_has 'autocomplete="current-password"'
is "$(http GET /admin/surveys)" 200 "signed out, any admin page is the sign-in page"
check "and shows nothing else" body_has "Sign in to manage consultations"

J1=$TMP/olwen
printf '127.0.0.1\tFALSE\t/admin\tFALSE\t0\tyv_admin\t%s\n' 0123456789abcdef0123456789abcdef > "$J1"
is "$(sign_in "$J1" olwen wrong-password-here)" 422 "a wrong password is refused"
check "without saying which part was wrong" body_has "The user name or password is not right"
is "$(sign_in "$J1" nobody "$PW")" 422 "an unknown user gets the same answer"
is "$(sign_in "$J1" olwen)" 303 "the right password signs in"
check "the session cookie is HttpOnly and SameSite=Strict" bash -c "grep -qi '^set-cookie: yv_admin=[0-9a-f]\{32\}; Path=/admin; HttpOnly; SameSite=Strict' '$TMP/head'"
check "a cookie planted before sign-in is replaced (no fixation)" bash -c "! grep -q 0123456789abcdef0123456789abcdef '$J1'"
st=$(aget "$J1" /admin)
is "$st" 200 "the dashboard answers"
check "it names who is signed in" body_has "Olwen Jones"
check "it lists every survey for an unrestricted officer" bash -c "grep -q 'id=\"survey-budget-2026\"' '$TMP/body' && grep -q 'id=\"survey-what-matters\"' '$TMP/body'"
count=$(sql "SELECT COUNT(*) FROM response WHERE survey_id='what-matters' AND status='complete'")
check "it shows live response counts" bash -c "grep -A3 'id=\"survey-what-matters\"' '$TMP/body' | grep -q '<td class=\"count\">$count<'"

# Preview stores nothing.
before=$(sql "SELECT (SELECT COUNT(*) FROM response) + (SELECT COUNT(*) FROM partial)")
st=$(aget "$J1" /admin/preview/budget-2026)
is "$st" 200 "preview of the budget consultation"
check "preview says nothing is stored" body_has "Nothing you enter here is stored"
check "preview shows the page as residents see it" body_has "Your budget for 2026 to 2027"
st=$(aget "$J1" "/admin/preview/budget-2026?lang=cy")
check "preview in Welsh" body_has "Eich cyllideb ar gyfer 2026 i 2027"
st=$(apost "$J1" /admin/preview/budget-2026/the-budget --data-urlencode action=continue)
is "$st" 422 "preview checks answers like the resident form"
st=$(aget "$J1" /admin/preview/what-matters)
st=$(apost "$J1" /admin/preview/what-matters/your-views --data-urlencode priority=schools --data-urlencode "what-matters=preview only" --data-urlencode action=continue)
is "$st" 303 "a valid preview page moves to the next preview page"
check "to the next page of the preview" bash -c "grep -qi '^location: /admin/preview/what-matters/' '$TMP/head'"
is "$(sql "SELECT (SELECT COUNT(*) FROM response) + (SELECT COUNT(*) FROM partial)")" "$before" "preview stored nothing"
is "$(aget "$J1" /admin/preview/closed)" 200 "a closed survey can be previewed"

# Survey files, check status, reload.
printf '<survey xmlns="urn:yourvoice:survey:1" id="broken-admin">\n<title>x\n' > "$YV_SURVEYS/broken-admin.xml"
st=$(aget "$J1" /admin/surveys)
is "$st" 200 "the survey files page answers"
check "a file that fails the check is shown with its messages" bash -c "grep -q 'broken-admin.xml:[0-9]*:[0-9]*: ' '$TMP/body'"
check "loaded files show their version" bash -c "grep -A1 '<td>what-matters.xml</td>' '$TMP/body' | grep -qE '<td>[0-9a-f]{12}( |</td>)'"
st=$(http POST /admin/surveys/reload -b "$J1")
is "$st" 403 "a reload without the form's token is refused"
long=/admin/$(printf 'x%.0s' $(seq 1 3000))
http POST "$long" -b "$J1" > /dev/null
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'refused-forged-form' AND detail LIKE '/admin/xxx%' AND CHAR_LENGTH(detail) <= 1000")" 1 \
  "a forged form to a very long address is still audited (the address cut short)"
aget "$J1" /admin/surveys > /dev/null
lines=$(wc -l < "$YV_STATE/log/app.log")
st=$(apost "$J1" /admin/surveys/reload)
is "$st" 303 "an officer can reload the survey files"
for _ in $(seq 30); do tail -n +"$lines" "$YV_STATE/log/app.log" | grep -q "reload refused" && break; sleep 0.2; done
check "the service tried the reload and refused the broken set" bash -c "tail -n +$lines '$YV_STATE/log/app.log' | grep -q 'reload refused'"
rm -f "$YV_SURVEYS/broken-admin.xml"

# The limited officer and the councillor.
J2=$TMP/tomos
sign_in "$J2" tomos > /dev/null
aget "$J2" /admin > /dev/null
check "a limited officer sees only their survey" bash -c "grep -q 'id=\"survey-what-matters\"' '$TMP/body' && ! grep -q 'id=\"survey-budget-2026\"' '$TMP/body'"
is "$(aget "$J2" /admin/preview/budget-2026)" 403 "a limited officer cannot preview another survey"
is "$(aget "$J2" /admin/preview/what-matters)" 200 "but can preview their own"
aget "$J2" /admin/surveys > /dev/null
check "a limited officer sees only their survey's file" bash -c "grep -q 'what-matters.xml' '$TMP/body' && ! grep -q 'budget-2026.xml' '$TMP/body'"
check "and has no reload button" bash -c "! grep -q '/admin/surveys/reload' '$TMP/body'"
aget "$J2" /admin > /dev/null
is "$(apost "$J2" /admin/surveys/reload)" 403 "a limited officer cannot reload every survey"
J3=$TMP/cllr
sign_in "$J3" cllr.evans > /dev/null
is "$(aget "$J3" /admin)" 200 "a councillor sees the dashboard"
check "without preview links" bash -c "! grep -q '/admin/preview/' '$TMP/body'"
is "$(aget "$J3" /admin/preview/what-matters)" 403 "a councillor cannot preview"
is "$(aget "$J3" /admin/surveys)" 403 "a councillor cannot see the survey files"
aget "$J3" /admin > /dev/null
is "$(apost "$J3" /admin/surveys/reload)" 403 "a councillor cannot reload"

# Signing in often is fine: only failures count towards the limit.
for i in 1 2 3 4 5 6 7; do st=$(sign_in "$TMP/often-$i" olwen); [ "$st" = 303 ] || break; done
is "$st" 303 "seven successful sign-ins in a row are not limited"

# Cross-site sign-in attempt, repeated bad passwords.
st=$(http POST /admin/sign-in --data-urlencode username=olwen --data-urlencode "password=$PW")
is "$st" 403 "a sign-in posted from elsewhere (no token) is refused"
J4=$TMP/guess
for i in 1 2 3 4 5 6; do st=$(sign_in "$J4" tomos "guess-number-$i"); [ "$st" = 429 ] && break; done
is "$st" 429 "repeated bad passwords for one user are slowed down"
is "$(sign_in "$J4" tomos)" 429 "even the right password waits out the window"
# Guesses spread over many networks (X-Forwarded-For from the trusted
# nginx), four from each: each network stays under its own limit, the
# user name's limit over all networks still holds.
user add spread.target --role councillor
for i in $(seq 1 8); do
  for j in 1 2 3 4; do
    st=$(sign_in "$TMP/spread" spread.target "guess-$i-$j" -H "X-Forwarded-For: 198.51.$i.$j"); [ "$st" = 429 ] && break 2
  done
done
is "$st" 429 "bad passwords spread over many networks are slowed down too"
is "$(sign_in "$TMP/spread" spread.target "$PW" -H "X-Forwarded-For: 203.0.113.9")" 429 \
  "and from a network that has not guessed, the account still waits out the window"
is "$(sign_in "$TMP/spread-other" olwen "$PW" -H "X-Forwarded-For: 198.51.1.1")" 303 \
  "while another account signs in from one of those networks"
check "refusals are audited" test "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='tomos' AND action='sign-in-refused'")" -ge 1

# Paper and phone responses, entered by officers through the residents' form.
staff_entry() { # staff_entry JAR CHANNEL TEXT: prints the receipt
  local jar=$1 ch=$2 text=$3
  aget "$jar" /admin > /dev/null
  [ "$(apost "$jar" /admin/enter/what-matters --data-urlencode "channel=$ch")" = 303 ] || return 1
  JAR=$jar
  jget /s/what-matters > /dev/null
  jpost "$(form_action)" priority=care "what-matters=$text" action=continue > /dev/null
  for _ in 1 2 3 4 5; do loc=$(header Location); [[ $loc == */check ]] && break; jget "$loc" > /dev/null; jpost "$(form_action)" action=continue > /dev/null; done
  send_check what-matters
}
receipt=$(staff_entry "$J1" paper "From a paper form at the library")
is "$(sql "SELECT CONCAT_WS(',', channel, flagged, COALESCE(geo_country, '-')) FROM response WHERE receipt_hash='$(code_hash "$receipt")'")" "paper,0,-" \
  "a paper response is stored with its channel, unflagged, without the office's geo"
receipt2=$(staff_entry "$J1" phone "Told us by phone")
is "$(sql "SELECT channel FROM response WHERE receipt_hash='$(code_hash "$receipt2")'")" phone "the same officer can enter another, by phone"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='olwen' AND action='enter-response' AND survey_id='what-matters'")" 2 \
  "each entry is audited"
aget "$J2" /admin > /dev/null
is "$(apost "$J2" /admin/enter/budget-2026 --data-urlencode channel=paper)" 403 "a limited officer cannot enter responses to another survey"
aget "$J3" /admin > /dev/null
is "$(apost "$J3" /admin/enter/what-matters --data-urlencode channel=paper)" 403 "a councillor cannot enter responses"
JAR=$TMP/forger
jget /s/what-matters > /dev/null
jpost "$(form_action)" priority=care "what-matters=I say paper" _channel=paper action=continue > /dev/null
for _ in 1 2 3 4 5; do loc=$(header Location); [[ $loc == */check ]] && break; jget "$loc" > /dev/null; jpost "$(form_action)" action=continue > /dev/null; done
receipt3=$(send_check what-matters)
is "$(sql "SELECT channel FROM response WHERE receipt_hash='$(code_hash "$receipt3")'")" web "a resident cannot claim a channel by posting the field"

# Live results for officers and councillors; publication decided by officers.
st=$(aget "$J1" "/admin/results/what-matters?lang=en")
is "$st" 200 "an officer sees a survey's results before they are published"
check "marked as the officers' view, not published" body_has "These results are not published"
is "$(http GET /r/what-matters)" 404 "the public does not see them yet"
is "$(aget "$J1" /admin/results/what-matters.json)" 200 "officers get the JSON too"
check "officers' results are never cached" bash -c "grep -qi '^cache-control: no-store' '$TMP/head'"
aget "$J1" /admin/publish/what-matters > /dev/null
st=$(apost "$J1" /admin/publish/what-matters --data-urlencode mode=published --data-urlencode "ysw_en=You asked for later buses; we added an evening route." --data-urlencode "ysw_cy=Gofynnoch am fysiau hwyrach; rydym wedi ychwanegu llwybr gyda’r nos.")
is "$st" 303 "an officer publishes the results (and is sent back to the page)"
check "to the publication page, which says it is saved" bash -c "[[ \"\$(grep -i '^location:' '$TMP/head')\" == *'/admin/publish/what-matters?saved=1'* ]]"
is "$(http GET /r/what-matters)" 200 "published results are public"
check "with the officers' 'You said, we did'" body_has "we added an evening route"
st=$(http GET "/r/what-matters?lang=cy")
check "in Welsh too" body_has "rydym wedi ychwanegu llwybr gyda’r nos"
http GET /r/what-matters.json > /dev/null
is "$(jq -r .you_said_we_did.en "$TMP/body")" "You asked for later buses; we added an evening route." "the open data carries it"
# Flagged responses: counted apart and included, unless officers leave them out.
ver=$(sha256sum "$YV_SURVEYS/what-matters.xml" | cut -d' ' -f1)
sql "INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES ('what-matters', '$ver');
     INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at, flagged, flag_reason)
     VALUES ('what-matters', '$ver', 'FLAG-TEST-0001', LPAD('flagtest1', 32, '0'), 'en', UTC_TIMESTAMP(3), 1, 'honeypot')"
rebuild_totals what-matters # written by hand: past the stored totals
http GET /r/what-matters.json > /dev/null
total=$(jq -r .respondents.total "$TMP/body") flagged=$(jq -r .respondents.flagged "$TMP/body")
check "a flagged response is counted apart ($flagged of $total)" test "$flagged" -ge 1
http GET /r/what-matters > /dev/null
check "the page says flagged responses are included" bash -c "grep -A1 'id=\"flagged\"' '$TMP/body' | grep -q 'included in these figures'"
aget "$J1" /admin/publish/what-matters > /dev/null
check "the publication page offers to leave them out" body_has 'name="exclude_flagged"'
apost "$J1" /admin/publish/what-matters --data-urlencode mode=published --data-urlencode exclude_flagged=1 > /dev/null
aget "$J1" "/admin/publish/what-matters?saved=1" > /dev/null
check "the page says it is saved" body_has 'Saved.'
check "and remembers the choice" bash -c "grep -q 'id=\"exclude-flagged\" value=\"1\"[^>]* checked' '$TMP/body'"
http GET /r/what-matters.json > /dev/null
is "$(jq -r '"\(.flagged_excluded) \(.respondents.total) \(.respondents.flagged)"' "$TMP/body")" "true $((total - flagged)) $flagged" \
  "left out, flagged responses leave the figures at once and are still counted apart"
http GET /r/what-matters.csv > /dev/null
http GET /r/what-matters > /dev/null
check "the page says they are left out" bash -c "grep -A1 'id=\"flagged\"' '$TMP/body' | grep -q 'left out of these figures'"
http GET "/r/what-matters?lang=cy" > /dev/null
check "in Welsh too" bash -c "grep -A1 'id=\"flagged\"' '$TMP/body' | grep -q 'amheus'"
is "$(sql "SELECT detail FROM audit_log WHERE username='olwen' AND survey_id='what-matters' AND action='publish' ORDER BY id DESC LIMIT 1")" \
  "published, flagged left out" "the choice is audited"
aget "$J1" /admin/publish/what-matters > /dev/null
apost "$J1" /admin/publish/what-matters --data-urlencode mode=published > /dev/null
http GET /r/what-matters.json > /dev/null
is "$(jq -r '"\(.flagged_excluded) \(.respondents.total)"' "$TMP/body")" "false $total" "included again when the box is cleared"
sql "DELETE FROM response WHERE receipt_hash='FLAG-TEST-0001'"
rebuild_totals what-matters
aget "$J1" /admin/publish/what-matters > /dev/null
apost "$J1" /admin/publish/what-matters --data-urlencode mode=hidden > /dev/null
is "$(http GET /r/what-matters)" 404 "an officer unpublishes them"
aget "$J1" /admin/publish/what-matters > /dev/null
apost "$J1" /admin/publish/what-matters --data-urlencode mode=file > /dev/null
is "$(http GET /r/what-matters)" 404 "back to the survey file's rule (after closing)"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='olwen' AND survey_id='what-matters' AND action IN ('publish','unpublish','publication-as-file')")" 5 "publication decisions are audited"
is "$(aget "$J2" /admin/results/what-matters)" 200 "a limited officer sees their survey's results"
is "$(aget "$J2" /admin/results/budget-2026)" 403 "but not another survey's"
is "$(aget "$J3" /admin/results/budget-2026)" 200 "a councillor sees results before publication"
is "$(aget "$J3" /admin/publish/budget-2026)" 403 "a councillor cannot publish"
aget "$J2" /admin > /dev/null
is "$(apost "$J2" /admin/publish/budget-2026 --data-urlencode mode=published)" 403 "a limited officer cannot publish another survey"

# Sign-out, idle timeout, disabled account.
aget "$J1" /admin > /dev/null
is "$(apost "$J1" /admin/sign-out)" 303 "sign-out"
aget "$J1" /admin > /dev/null
check "after sign-out the old cookie no longer works" body_has 'autocomplete="current-password"'
sql "UPDATE admin_session SET last_seen = UTC_TIMESTAMP(3) - INTERVAL 2 HOUR"
aget "$J2" /admin > /dev/null
check "an idle session ends" body_has 'autocomplete="current-password"'
"$YV" user --config "$CONF" disable cllr.evans > /dev/null
aget "$J3" /admin > /dev/null
check "a disabled account's session ends" body_has 'autocomplete="current-password"'
is "$(sign_in "$TMP/c2" cllr.evans)" 422 "a disabled account cannot sign in"
PW2=another-long-password-2026
PW_IN=$PW2 user passwd cllr.evans
is "$(sign_in "$TMP/c2" cllr.evans "$PW2")" 422 "a new password does not enable a disabled account"
check "user enable" user enable cllr.evans
is "$(sign_in "$TMP/c3" cllr.evans "$PW2")" 303 "an enabled account signs in again, with its new password"
PW_IN=$PW user passwd cllr.evans
aget "$TMP/c3" /admin > /dev/null
check "a new password ends the account's open sessions" body_has 'autocomplete="current-password"'
is "$(sign_in "$TMP/c4" olwen)" 303 "an officer signs in"
sql "UPDATE admin_session s JOIN app_user u ON u.id = s.user_id SET s.created_at = UTC_TIMESTAMP(3) - INTERVAL 13 HOUR
  WHERE u.username = 'olwen'"
aget "$TMP/c4" /admin > /dev/null
check "a session in use still ends 12 hours after sign-in" body_has 'autocomplete="current-password"'

is "$(sql "SELECT COUNT(DISTINCT action) FROM audit_log WHERE username='olwen' AND action IN ('sign-in','reload-surveys','sign-out')")" 3 \
  "the audit log records who signed in, reloaded and signed out"
check "audit entries carry the time" test "$(sql "SELECT COUNT(*) FROM audit_log WHERE at IS NULL")" -eq 0
check "no password reaches a log" bash -c "! grep -rq '$PW' '$YV_STATE/log'"
done_testing
