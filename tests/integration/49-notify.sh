#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Residents told (issue #21): a resident who gives an address and ticks the
# box is emailed, in the language they answered in, when the results are
# published and when "You said, we did" is added, once per event, with a
# one-click unsubscribe; nobody who did not consent or who unsubscribed is
# emailed; the address is kept apart from the answers and deleted when the
# survey's retention ends. `yourvoice notify --dry-run` says what would go.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
S=notify-test
MAIL=$YV_STATE/mail
mails_to() { grep -l "^To: $1\$" "$MAIL"/*.eml 2>/dev/null | wc -l; }
last_to() { ls -t $(grep -l "^To: $1\$" "$MAIL"/*.eml) | head -1; }

cp "$SRC"/tests/fixtures/notify/*.xml "$YV_SURVEYS"/
# The background notifier off while the command is tested (it runs every
# few seconds in the test stack); on again below.
cp "$CONF" "$TMP/conf.orig"
sed -i 's/^themes_interval = .*/themes_interval = 0/' "$CONF"
"$SRC/conf/stack" app-restart > /dev/null 2>&1
is "$(http GET /s/$S)" 200 "the notify fixture is loaded"

answer() { # answer LANG EMAIL TICK: one resident's journey; prints the send's status
  JAR=$TMP/jar-$RANDOM; rm -f "$JAR"
  jget "/s/$S?lang=$1" > /dev/null
  local f=(enough=yes "results-email=$2")
  [ "$3" = yes ] && f+=(tell-me=yes)
  jpost "$(form_action)" "${f[@]}" action=continue > /dev/null
  jget "/s/$S/check" > /dev/null
  jpost "/s/$S/check" "sid=$(form_sid)"
}
is "$(answer en ann@example.org yes)" 303 "a resident answers in English, gives an address and ticks the box"
is "$(answer cy bethan@example.org yes)" 303 "one in Welsh does the same"
is "$(answer en carys@example.org no)" 303 "one gives an address without ticking the box"
is "$(answer en '' no)" 303 "one gives no address"
is "$(sql "SELECT GROUP_CONCAT(CONCAT(email, ':', lang) ORDER BY email) FROM notify_subscriber WHERE survey_id='$S'")" \
  "ann@example.org:en,bethan@example.org:cy" "the two who consented are on the list, with their language"
is "$(sql "SELECT COUNT(*) FROM answer WHERE survey_id='$S' AND question_id='results-email'")" 0 \
  "no address is stored with the answers"
is "$(sql "SELECT COUNT(*) FROM answer WHERE value LIKE '%carys@%'") $(sql "SELECT COUNT(*) FROM notify_subscriber WHERE email LIKE 'carys@%'")" "0 0" \
  "the address given without consent is kept nowhere"
is "$(sql "SELECT COUNT(*) FROM response WHERE survey_id='$S'")" 4 "all four responses are stored"

out=$("$YV" notify --config "$CONF" --dry-run $S)
check "before publication nothing is due" grep -q '^0 email(s) would go' <<< "$out"

printf '%s\n' "$PW" | "$YV" user --config "$CONF" add notify.officer --role officer > /dev/null 2>&1
OJ=$TMP/officer
is "$(sign_in "$OJ" notify.officer)" 303 "an officer signs in"
aget "$OJ" /admin/publish/$S > /dev/null
is "$(apost_fields "$OJ" /admin/publish/$S mode=published)" 303 "the officer publishes the results"
before=$(ls "$MAIL" 2>/dev/null | wc -l)
out=$("$YV" notify --config "$CONF" --dry-run $S)
check "--dry-run: the results email would go to the two on the list" grep -q "^$S: results (due now): 2 email(s) would go" <<< "$out"
is "$(ls "$MAIL" 2>/dev/null | wc -l):$(sql "SELECT COUNT(*) FROM notify_event WHERE survey_id='$S'")" "$before:0" \
  "and nothing was sent or recorded"
out=$("$YV" notify --config "$CONF" $S)
check "yourvoice notify records the event and sends two emails" grep -q '^1 event(s) recorded, 2 email(s) sent, 0 failed' <<< "$out"
is "$(mails_to ann@example.org) $(mails_to bethan@example.org) $(mails_to carys@example.org)" "1 1 0" \
  "one email each to those who consented, none to the one who did not"
A=$(last_to ann@example.org); B=$(last_to bethan@example.org)
check "Ann's is in English and links the results" bash -c "grep -q '^You asked us to tell you when the results were published' '$A' && grep -qF '/r/$S' '$A'"
subj_b=$(grep '^Subject: ' "$B" | sed 's/^Subject: =?UTF-8?B?//; s/?=$//' | base64 -d)
check "Bethan's is in Welsh (subject: $subj_b)" bash -c "grep -q 'Parcio yng nghanol y dref' <<< '$subj_b' && grep -q '^Roeddech wedi gofyn i ni' '$B'"
check "each carries List-Unsubscribe and the one-click header" bash -c "grep -q '^List-Unsubscribe: <http.*/unsubscribe?n=[0-9]*&c=[0-9a-f]\{64\}>' '$A' && grep -q '^List-Unsubscribe-Post: List-Unsubscribe=One-Click' '$A'"
out=$("$YV" notify --config "$CONF" $S)
check "a second pass sends nothing: once per resident per event" grep -q '^0 event(s) recorded, 0 email(s) sent' <<< "$out"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='notify-batch' AND survey_id='$S'")" 1 "the batch has its audit row"

# The background process sends by itself ("You said, we did" added).
cp "$TMP/conf.orig" "$CONF"
"$SRC/conf/stack" app-restart > /dev/null 2>&1
aget "$OJ" /admin/publish/$S > /dev/null
is "$(apost_fields "$OJ" /admin/publish/$S mode=published 'ysw_en=You said parking was short: we are opening the old depot.' 'ysw_cy=Dywedoch fod prinder parcio: rydym yn agor yr hen ddepo.')" 303 \
  "the officer adds You said, we did"
for _ in $(seq 100); do [ "$(mails_to ann@example.org)" = 2 ] && [ "$(mails_to bethan@example.org)" = 2 ] && break; sleep 0.2; done
is "$(mails_to ann@example.org) $(mails_to bethan@example.org) $(mails_to carys@example.org)" "2 2 0" \
  "the background process sends the You said, we did email, once each"
check "it links You said, we did" grep -qF "/r/$S#you-said-we-did" "$(last_to ann@example.org)"

# A commitment made in reply, due yesterday and not done: it is late by
# itself, and the residents hear of it once, in their language.
sql "INSERT INTO commitment (survey_id, text_en, text_cy, owner, due_date, status, created_by, created_at, updated_at)
     VALUES ('$S', 'Open the old depot as a car park', 'Agor yr hen ddepo fel maes parcio', 'Highways', UTC_DATE() - INTERVAL 2 DAY, 'planned', 'notify.officer', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3));
     INSERT INTO commitment_update (commitment_id, survey_id, update_date, status, note_en, note_cy, officer, created_at)
     VALUES (LAST_INSERT_ID(), '$S', UTC_DATE() - INTERVAL 10 DAY, 'planned', '', '', 'notify.officer', UTC_TIMESTAMP(3))"
for _ in $(seq 100); do [ "$(mails_to ann@example.org)" = 3 ] && [ "$(mails_to bethan@example.org)" = 3 ] && break; sleep 0.2; done
is "$(mails_to ann@example.org) $(mails_to bethan@example.org) $(mails_to carys@example.org)" "3 3 0" \
  "a commitment gone late by itself is emailed once each"
check "the email names the commitment and its new status" bash -c "grep -qF '“Open the old depot as a car park”' '$(last_to ann@example.org)' && grep -q '^Status: Late' '$(last_to ann@example.org)'"
check "in Welsh for the Welsh resident" bash -c "grep -qF '“Agor yr hen ddepo fel maes parcio”' '$(last_to bethan@example.org)' && grep -q '^Statws: Yn hwyr' '$(last_to bethan@example.org)'"
check "and links the commitments on the results page" grep -qF "/r/$S#commitments" "$(last_to ann@example.org)"
sleep 3
is "$(mails_to ann@example.org)" 3 "the next passes send it no more"

# Unsubscribe: the link, the page, the button.
link=$(grep -o 'http[^ ]*/unsubscribe?n=[0-9]*&c=[0-9a-f]*' "$A" | head -1)
path=/unsubscribe${link#*/unsubscribe}
is "$(http GET "$path")" 200 "the unsubscribe link opens a page"
check "it names the consultation and has one button" bash -c "grep -qF 'Town centre parking' '$TMP/body' && grep -q '<button type=\"submit\" class=\"button\">Stop these emails' '$TMP/body'"
wrong=${path%?}$([ "${path: -1}" = 0 ] && echo 1 || echo 0)
is "$(http POST "$wrong")" 200 "a wrong code gets the same kind of page"
is "$(sql "SELECT COUNT(*) FROM notify_subscriber WHERE survey_id='$S'")" 2 "and unsubscribes no one"
is "$(http POST "$path")" 200 "the button unsubscribes"
check "and says the address is deleted" body_has "We have deleted your email address"
is "$(sql "SELECT COUNT(*) FROM notify_subscriber WHERE email='ann@example.org'")" 0 "Ann's address is gone"
is "$(http GET "$path")" 200 "the link used again"
check "says there is nothing on the list" body_has "This link is not on our list"
blink=$(grep -o 'http[^ ]*/unsubscribe?n=[0-9]*&c=[0-9a-f]*' "$B" | head -1); bpath=/unsubscribe${blink#*/unsubscribe}
is "$(http POST "$bpath" --data 'List-Unsubscribe=One-Click')" 200 "a mail program's one-click POST unsubscribes too"
is "$(sql "SELECT COUNT(*) FROM notify_subscriber WHERE survey_id='$S'")" 0 "no one is left on the list"
check "no log holds an unsubscribe code" bash -c "! grep -rqs 'c=[0-9a-f]\{64\}' '$YV_STATE/log'"

# Retention over (notify-closed closed in 2024, 30 days): purge deletes the list.
sql "INSERT INTO notify_subscriber (survey_id, email, lang, unsub_salt, created_at) VALUES ('notify-closed', 'old@example.org', 'en', REPEAT('a', 64), UTC_TIMESTAMP(3))"
out=$("$YV" purge --config "$CONF" --dry-run)
check "purge --dry-run counts the address past retention" grep -q '^would delete addresses to tell about the results of notify-closed: 1' <<< "$out"
out=$("$YV" purge --config "$CONF")
check "purge deletes it" grep -q '^deleted addresses to tell about the results of notify-closed: 1' <<< "$out"
is "$(sql "SELECT COUNT(*) FROM notify_subscriber WHERE survey_id='notify-closed'")" 0 "the address is gone after retention"

sql "DELETE FROM commitment_update WHERE survey_id='$S'; DELETE FROM commitment WHERE survey_id='$S'"
# A standing survey (customer-care) never closes: each response's personal
# answers go retention days (730) after it was sent, not never.
sql "INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES ('customer-care', REPEAT('f', 64));
     INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, channel, status, submitted_at)
       VALUES ('customer-care', REPEAT('f', 64), SHA2(UUID(), 256), SHA2(UUID(), 256), 'en', 'web', 'complete', UTC_TIMESTAMP() - INTERVAL 3 YEAR);
     INSERT INTO answer (response_id, survey_id, question_id, ord, value) VALUES (LAST_INSERT_ID(), 'customer-care', 'reply-email', 0, 'old.reply@example.org');
     INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, channel, status, submitted_at)
       VALUES ('customer-care', REPEAT('f', 64), SHA2(UUID(), 256), SHA2(UUID(), 256), 'en', 'web', 'complete', UTC_TIMESTAMP() - INTERVAL 1 DAY);
     INSERT INTO answer (response_id, survey_id, question_id, ord, value) VALUES (LAST_INSERT_ID(), 'customer-care', 'reply-email', 0, 'new.reply@example.org')"
out=$("$YV" purge --config "$CONF")
check "purge names a standing survey's cut-off" grep -q '^deleted personal answers of customer-care sent before .* UTC (retention 730 days): ' <<< "$out"
is "$(sql "SELECT GROUP_CONCAT(value ORDER BY value) FROM answer WHERE survey_id='customer-care' AND value LIKE '%.reply@example.org'")" \
  "new.reply@example.org" "the answer sent three years ago is gone, the one sent yesterday kept"
sql "DELETE a, r FROM response r LEFT JOIN answer a ON a.response_id = r.id WHERE r.survey_id='customer-care' AND r.version_hash=REPEAT('f', 64)"
rebuild_totals customer-care

rm -f "$YV_SURVEYS"/notify-*.xml
"$SRC/conf/stack" app-reload > /dev/null 2>&1
done_testing
