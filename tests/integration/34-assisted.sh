#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Assisted entry (issue 20): officers enter responses that residents gave
# on paper, by phone, face to face or by email through the residents' own
# form. Every page names the channel and the officer, there is no "save and
# come back later", the send ends on the officer's confirmation with the
# receipt and "Enter another response" by the same channel, the response
# is stored and counted with its channel, and everything is audited. A
# resident who is not signed in cannot set a channel.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
S=what-matters
sql "DELETE FROM audit_log WHERE username='ceri'; DELETE FROM app_user WHERE username='ceri'; DELETE FROM rate_limit"
printf '%s\n' "$PW" | "$YV" user --config "$CONF" add ceri --role officer --name "Ceri Hughes" > /dev/null 2>&1
JO=$TMP/officer
is "$(sign_in "$JO" ceri)" 303 "the officer signs in"
before=$(sql "SELECT COUNT(*) FROM response WHERE survey_id='$S' AND status='complete'")

# enter_pages: from the first page of the journey in $JAR, answer and go on
# to check your answers, checking the banner and the missing save button
# on each page; fails on a page without them.
enter_pages() { # enter_pages CHANNEL-NAME TEXT
  local name=$1 text=$2 loc
  jget /s/$S > /dev/null
  body_has 'id="assisted-entry"' && body_has "Channel: $name. Entered by: ceri." || return 1
  ! body_has 'value="save"' || return 1
  jpost "$(form_action)" priority=care "what-matters=$text" action=continue > /dev/null
  for _ in 1 2 3 4 5 6; do
    loc=$(header Location)
    [[ $loc == */check ]] && break
    jget "$loc" > /dev/null
    body_has "Channel: $name. Entered by: ceri." || return 1
    ! body_has 'value="save"' || return 1
    jpost "$(form_action)" action=continue > /dev/null
  done
  jget /s/$S/check > /dev/null
  body_has "Channel: $name. Entered by: ceri." || return 1
  ! body_has 'value="save"'
}

for ch in paper phone face-to-face email; do
  case $ch in face-to-face) name="face to face" ;; *) name=$ch ;; esac
  aget "$JO" /admin > /dev/null
  check "$ch: the dashboard offers the channel" body_has "<option value=\"$ch\">"
  st=$(apost_fields "$JO" /admin/enter/$S "channel=$ch")
  is "$st|$(header Location)" "303|/s/$S" "$ch: the officer starts an entry"
  JAR=$JO
  check "$ch: every page names the channel and the officer and offers no save for later" \
    enter_pages "$name" "Given by $ch at the office"
  sid=$(form_sid)
  st=$(jpost /s/$S/check "sid=$sid")
  receipt=$(head -1 "$TMP/body")
  is "$st|$(header Location)" "303|/admin/enter/$S/done?channel=$ch" "$ch: the send ends on the officer's page, not the resident's receipt"
  is "$(sql "SELECT CONCAT_WS(',', channel, status, flagged) FROM response WHERE receipt_hash='$(code_hash "$receipt")'")" "$ch,complete,0" \
    "$ch: the response is stored with its channel"
  aget "$JO" "/admin/enter/$S/done?channel=$ch" > /dev/null
  check "$ch: the confirmation says the response is entered, with its receipt" \
    bash -c "grep -qF 'Response entered' '$TMP/body' && grep -qF '$receipt' '$TMP/body'"
  check "$ch: it offers Enter another response by the same channel" \
    bash -c "grep -qF 'Enter another response' '$TMP/body' && grep -qF 'name=\"channel\" value=\"$ch\"' '$TMP/body'"
  check "$ch: and a link back to the officers' pages" body_has '<a href="/admin">'
  check "$ch: the resident's receipt page is not where it ends" bash -c "! grep -qF 'Your receipt code is' '$TMP/body'"
  aget "$JO" "/admin/enter/$S/done?channel=$ch" > /dev/null
  check "$ch: the receipt is shown once" bash -c "! grep -qF '$receipt' '$TMP/body'"
done

# Enter another: the button starts a fresh entry by the same channel.
aget "$JO" "/admin/enter/$S/done?channel=email" > /dev/null
st=$(apost_fields "$JO" /admin/enter/$S channel=email)
is "$st|$(header Location)" "303|/s/$S" "Enter another response starts a new entry"
JAR=$JO
jget /s/$S > /dev/null
check "the new entry is by email again, with no answers carried over" \
  bash -c "grep -qF 'Channel: email. Entered by: ceri.' '$TMP/body' && ! grep -qF 'Given by email' '$TMP/body'"

after=$(sql "SELECT COUNT(*) FROM response WHERE survey_id='$S' AND status='complete'")
is "$((after - before))" 4 "four responses were stored"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='ceri' AND action='enter-response' AND survey_id='$S'")" 5 \
  "each entry started is audited"
is "$(sql "SELECT GROUP_CONCAT(DISTINCT detail ORDER BY detail) FROM audit_log WHERE username='ceri' AND action='enter-response'")" \
  "email,face-to-face,paper,phone" "the audit names the channel"

# Counted per channel: the dashboard and the officers' results.
aget "$JO" /admin > /dev/null
for ch in paper phone face-to-face email; do
  n=$(sql "SELECT COUNT(*) FROM response WHERE survey_id='$S' AND status='complete' AND channel='$ch'")
  case $ch in face-to-face) name="face to face" ;; *) name=$ch ;; esac
  check "the dashboard counts $ch responses ($n)" body_has "<li data-channel=\"$ch\">$name $n</li>"
done
aget "$JO" /admin/results/$S.json > /dev/null
for ch in face-to-face email; do
  n=$(sql "SELECT COUNT(*) FROM response WHERE survey_id='$S' AND status='complete' AND channel='$ch'")
  is "$(jq -r ".respondents.by_channel[\"$ch\"] // empty" "$TMP/body" | head -1)" "$n" \
    "the results count $ch responses"
done

aget "$JO" /admin/results/$S > /dev/null
check "the results page names the channels" \
  bash -c "grep -qF '>Face to face<' '$TMP/body' && grep -qF '>Email<' '$TMP/body'"

# A resident cannot set a channel.
JAR=$TMP/resident
jget /s/$S > /dev/null
check "a resident's page has no assisted-entry banner" bash -c "! grep -qF 'assisted-entry' '$TMP/body'"
check "a resident may save and come back later" body_has 'value="save"'
jpost "$(form_action)" priority=care "what-matters=My own answer" _channel=paper _entered_by=ceri channel=phone action=continue > /dev/null
for _ in 1 2 3 4 5 6; do loc=$(header Location); [[ $loc == */check ]] && break; jget "$loc" > /dev/null; jpost "$(form_action)" action=continue > /dev/null; done
jget /s/$S/check > /dev/null
check "fields named like the channel do not make an assisted entry" bash -c "! grep -qF 'assisted-entry' '$TMP/body'"
sid=$(form_sid)
st=$(jpost /s/$S/check "sid=$sid")
receipt=$(head -1 "$TMP/body")
is "$st|$(header Location)" "303|/s/$S/done" "the resident's send ends on the resident's receipt"
is "$(sql "SELECT channel FROM response WHERE receipt_hash='$(code_hash "$receipt")'")" web "the resident's response is stored as online"
http GET /admin -b "$JAR" -c "$JAR" > /dev/null
st=$(http POST /admin/enter/$S -b "$JAR" -c "$JAR" --data-urlencode "csrf=$(form_csrf)" --data-urlencode channel=paper)
check "a resident who is not signed in cannot start an entry ($st)" test "$st" != 303
st=$(http GET "/admin/enter/$S/done?channel=paper" -b "$JAR")
check "nor see the officer's confirmation" bash -c "! grep -qF 'Enter another response' '$TMP/body'"
aget "$JO" /admin > /dev/null
st=$(apost_fields "$JO" /admin/enter/$S channel=fax)
check "an unknown channel is refused ($st)" test "$st" != 303

done_testing
