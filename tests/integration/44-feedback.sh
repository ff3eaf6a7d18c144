#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Feedback, good and bad (issue 21): the public page /feedback of a
# standing feedback survey (the fixture tests/fixtures/feedback, a copy of
# the customer-care sample) is 404 until an officer enables it on the
# survey's publication page; then it shows only the themes officers
# approved, with their count and stance split (cells under the minimum
# group size suppressed, checked here against the published /r/<id>.json
# by hand), redacted quotes and the commitments made in reply, in English
# and Welsh; its figures are a snapshot that changes only at the update
# the officer's schedule sets (not when officers approve another theme);
# a quote hidden since is gone at once; every setting is audited and
# needs an officer of the survey.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
S=feedback-test
user() { printf '%s\n' "$PW" | "$YV" user --config "$CONF" "$@" > /dev/null 2>&1; }

cp "$SRC/tests/fixtures/feedback/$S.xml" "$YV_SURVEYS"/
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET /s/$S)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/$S)" 200 "the feedback fixture is loaded"
sql "DELETE FROM app_user WHERE username LIKE 'fb-%'; DELETE FROM audit_log WHERE username LIKE 'fb-%'; DELETE FROM rate_limit;
     DELETE FROM feedback_page; DELETE FROM theme_summary WHERE survey_id='$S'; DELETE FROM theme_decision WHERE survey_id='$S';
     DELETE FROM answer_moderation WHERE survey_id='$S'; DELETE FROM commitment_update WHERE survey_id='$S';
     DELETE FROM commitment WHERE survey_id='$S'; DELETE FROM response WHERE survey_id='$S'"
check "an officer" user add fb-olwen --role officer --name "Olwen Feedback"
check "a councillor" user add fb-cllr --role councillor
JO=$TMP/olwen JC=$TMP/cllr
is "$(sign_in "$JO" fb-olwen)" 303 "the officer signs in"
is "$(sign_in "$JC" fb-cllr)" 303 "the councillor signs in"

is "$(http GET /feedback)" 404 "no page before an officer enables it"
is "$(http GET /feedback.json)" 404 "nor its open data"

# Compliments and complaints written with SQL (one real response first,
# for the survey version).
sql "INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES ('$S', REPEAT('f', 64))"
n=0
add() { # add QUESTION TEXT...
  local qn=$1 t; shift
  for t in "$@"; do
    n=$((n + 1)); t=${t//\'/\'\'}
    printf "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at) VALUES ('%s', REPEAT('f', 64), SHA2(UUID(), 256), SHA2(UUID(), 256), 'en', UTC_TIMESTAMP(3));\n" "$S"
    printf "INSERT INTO answer (response_id, survey_id, question_id, value) VALUES (LAST_INSERT_ID(), '%s', 'feedback-type', '%s'), (LAST_INSERT_ID(), '%s', '%s', '%s');\n" \
      "$S" "${qn%%-*}" "$S" "$qn" "$t"
  done
}
{
  add complaint-details \
    "The potholes on the roads are terrible and need fixing" "Fix the potholes in the road near the school" \
    "Roads are full of potholes, nobody repairs the roads" "Pothole repairs on our roads take far too long" \
    "The road surface is broken with potholes everywhere, a disgrace" "Nobody fixed the potholes on the main road after I reported them" \
    "Potholes damage cars, the roads are a disgrace" "Potholes again, ring me on 07700 900789" \
    "The potholes on the roads were fixed quickly, thank you, excellent work" "So many potholes on the roads in town, awful" \
    "The pothole outside my house is dangerous and was never fixed" "Potholes on every road, terrible state" \
    "My bin was not collected again this week" "The bin collection missed our street twice" \
    "Bins left unemptied for a fortnight, rubbish everywhere" "The recycling bin collection never comes on time" \
    "Missed bin collection three weeks running" "The bin men left rubbish all over the road" \
    "Our bins are not collected, the smell is awful" "Bin collection is unreliable and nobody answers" \
    "The recycling bins were not emptied again" "Missed bins again, very poor service" \
    "I waited an hour on the phone to the contact centre" "Nobody answers the phone at the council" \
    "The phone line kept me waiting forty minutes" "I was on hold on the phone for ages and gave up" \
    "The phone was answered by someone rude" "Waited on the phone for an hour, no answer" \
    "Phone calls are never returned" "Tried to phone three times, nobody picked up" \
    "The phone queue is far too long" "On hold on the phone for 50 minutes"
  add compliment-details \
    "The library staff were kind and helpful" "Lovely library staff, very helpful with the computers" \
    "The library is wonderful, thank you to the staff" "Excellent help at the library from kind staff" \
    "The library staff helped me find books, brilliant" "Great library, friendly staff" \
    "Thank you to the library team for their help" "The library staff are always helpful and kind" \
    "Library staff went out of their way to help" "Wonderful library service, thank you" \
    "The library computers and staff were excellent" "Helpful library staff, thank you" \
    "The park is beautifully kept, thank you" "Lovely flowers in the park this summer" \
    "The park gardeners do a wonderful job" "Our park is clean and well kept, excellent" \
    "Thank you for the new playground in the park" "The park looks lovely, great work" \
    "The park cafe and gardens are brilliant" "Beautiful park, well maintained, thank you" \
    "The park is a credit to the council" "Lovely clean park, the staff are great"
} > "$TMP/ins.sql"
mariadb --defaults-file="$YV_STATE/my.cnf" -uroot yourvoice < "$TMP/ins.sql"
rebuild_totals "$S"
cnt() { sql "SELECT COUNT(*) FROM answer WHERE survey_id='$S' AND question_id='$1'"; }
wait_summary() {
  for _ in $(seq 120); do
    [ "$(sql "SELECT answers FROM theme_summary WHERE survey_id='$S' AND question_id='$1'")" = "$(cnt "$1")" ] && return 0
    sleep 0.5
  done
  return 1
}
check "the complaints are summarised" wait_summary complaint-details
check "the compliments are summarised" wait_summary compliment-details
stored() { sql "SELECT summary FROM theme_summary WHERE survey_id='$S' AND question_id='$1'"; }
# the theme most of the answers holding word w are in
key_of() {
  local ids; ids=$(sql "SELECT response_id FROM answer WHERE survey_id='$S' AND question_id='$1' AND LOWER(value) LIKE '%$2%'" | paste -sd,)
  stored "$1" | jq -r --arg ids "$ids" '($ids | split(",")) as $I | [.members[] | select(.id as $x | $I | index($x)) | .theme | select(. != null)] | group_by(.) | max_by(length) | .[0]'
}
pothole=$(key_of complaint-details pothole); bin=$(key_of complaint-details bin); phone=$(key_of complaint-details phone)
library=$(key_of compliment-details librar); park=$(key_of compliment-details park)
check "themes of potholes, bins, the phone, the library and the park ($pothole $bin $phone $library $park)" \
  bash -c "[ -n '$pothole' ] && [ -n '$park' ] && [ -n '$library' ] && [ \$(printf '%s\n' '$pothole' '$bin' '$phone' | sort -u | grep -c .) = 3 ] && [ '$library' != '$park' ]"
tpost() { # tpost FIELD=VALUE...: the officer's decision on the themes page
  local st
  aget "$JO" /admin/themes/$S > /dev/null
  st=$(apost_fields "$JO" /admin/themes/$S "$@")
  echo "$st"
}
for k in "$pothole" "$bin"; do
  is "$(tpost action=approve question=complaint-details theme="$k")" 303 "the officer approves complaint theme $k"
done
for k in "$library" "$park"; do
  is "$(tpost action=approve question=compliment-details theme="$k")" 303 "the officer approves compliment theme $k"
done
sql "INSERT INTO commitment (survey_id, text_en, text_cy, answers, answers_en, answers_cy, owner, due_date, status, created_by, created_at, updated_at)
     VALUES ('$S', 'Repair every reported pothole within 28 days', 'Trwsio pob twll a adroddir o fewn 28 diwrnod', 't:complaint-details:$pothole', 'potholes', 'tyllau', 'Highways', CURDATE() + INTERVAL 60 DAY, 'in-progress', 'fb-olwen', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))"

# The officer's settings on the publication page.
is "$(aget "$JO" /admin/publish/$S)" 200 "the publication page"
check "has the feedback page's settings, off" bash -c "grep -q 'id=\"feedback-enabled\"' '$TMP/body' && grep -q 'The page is off' '$TMP/body'"
aget "$JC" /admin > /dev/null
is "$(apost_fields "$JC" /admin/publish/$S/feedback enabled=1 every=week)" 403 "a councillor cannot enable it"
is "$(http POST /admin/publish/$S/feedback -b "$JO" --data-urlencode enabled=1 --data-urlencode every=week)" 403 "nor a POST without the token"
aget "$JO" /admin/publish/$S > /dev/null
is "$(apost_fields "$JO" /admin/publish/$S/feedback enabled=1 every=fortnight)" 400 "an unknown schedule is refused"
is "$(http GET /feedback)" 404 "still no page"
aget "$JO" /admin/publish/$S > /dev/null
is "$(apost_fields "$JO" /admin/publish/$S/feedback enabled=1 every=week)" 303 "the officer enables it, updated weekly"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='fb-olwen' AND action='feedback-page' AND survey_id='$S' AND detail='on, week'")" 1 "audited"
today=$(sql "SELECT DATE_FORMAT(UTC_DATE(), '%Y-%m-%d')"); week=$(sql "SELECT DATE_FORMAT(UTC_DATE() + INTERVAL 7 DAY, '%Y-%m-%d')")
aget "$JO" /admin/publish/$S > /dev/null
check "the publication page says when it was updated and the next update" body_has "Updated on $today, every week. Next update on $week."

is "$(http GET /feedback.json)" 200 "the open data"
cp "$TMP/body" "$TMP/f1.json"
is "$(http GET /r/$S.json)" 200 "the published results, to compare"
cp "$TMP/body" "$TMP/r1.json"
is "$(jq -r '.feedback[0] | "\(.survey) \(.updated) \(.next_update) \(.every)"' "$TMP/f1.json")" "$S $today $week week" "which survey, when updated, when next"
is "$(jq -r '[.feedback[0].questions[] | select(.question == "complaint-details") | .themes[].id] | sort | join(" ")' "$TMP/f1.json")" \
  "$(printf '%s\n' "$pothole" "$bin" | sort | paste -sd' ')" "complaints: only the two approved themes"
is "$(jq -r '[.feedback[0].questions[] | select(.question == "compliment-details") | .themes[].id] | sort | join(" ")' "$TMP/f1.json")" \
  "$(printf '%s\n' "$library" "$park" | sort | paste -sd' ')" "compliments: the two approved themes"
is "$(jq -r '.feedback[0].questions[] | select(.question == "complaint-details") | .awaiting_review' "$TMP/f1.json")" \
  "$(jq -r '.themes[] | select(.question == "complaint-details") | .awaiting_review.count' "$TMP/r1.json")" \
  "the answers of themes not approved are counted as awaiting review, as on /r/"
# By hand: each theme's count and stance cells from /r/<id>.json (count,
# stance shares), a cell under 10 suppressed and, when that leaves one,
# the next smallest non-empty cell too.
cat > "$TMP/hand.py" <<'PY'
import json, sys
f = json.load(open(sys.argv[1])); r = json.load(open(sys.argv[2]))
pub = {(q["question"], t["id"]): t for q in r["themes"] for t in q.get("themes", [])}
bad, sup = [], 0
for q in f["feedback"][0]["questions"]:
    for t in q["themes"]:
        p = pub[(q["question"], t["id"])]
        c = p["count"]
        if c < 10:
            ok = t["count"] is None and t["stance"] is None and t["suppressed"]
            sup += 1
        else:
            cells = {k: round(v * c) for k, v in p["stance"].items()}
            hide = {k for k, v in cells.items() if 0 < v < 10}
            if len(hide) == 1:
                rest = [k for k, v in cells.items() if v > 0 and k not in hide]
                if rest: hide.add(min(rest, key=lambda k: (cells[k], ["praise", "complaint", "suggestion", "neutral"].index(k))))
            want = {k: (None if k in hide else v) for k, v in cells.items()}
            sup += len(hide)
            ok = t["count"] == c and t["stance"] == want
        if not ok: bad.append((q["question"], t["id"], t["count"], t["stance"], c, p.get("stance")))
        # quotes: exactly published ones
        if not all(x["text"] in [y["text"] for y in p["quotes"]] for x in t["quotes"]): bad.append(("quote", t["id"]))
        if any("id" in x for x in t["quotes"]): bad.append(("quote id", t["id"]))
print("ok" if not bad else bad, sup)
PY
read -r verdict nsup <<< "$(python3 "$TMP/hand.py" "$TMP/f1.json" "$TMP/r1.json")"
is "$verdict" ok "every count and stance cell is the published one, or suppressed under 10, as computed by hand"
check "and some cell is suppressed ($nsup)" test "$nsup" -gt 0

is "$(http GET /feedback)" 200 "the page"
check "its heading" body_has "<h1>Compliments and complaints</h1>"
check "when it was updated, and the next update" body_has "Updated on $today, every week. Next update on $week."
check "a table of each question's themes by stance" body_has "Themes of “What went well?”, by what the answers say"
check "small cells say so" bash -c "grep -qF 'fewer than 10' '$TMP/body' || grep -qF 'not shown' '$TMP/body'"
check "redacted quotes, never the phone number" bash -c "! grep -q '07700' '$TMP/body'"
check "the commitment made in reply" body_has "Repair every reported pothole within 28 days"
check "no theme that was not approved" bash -c "! grep -qiF 'nobody answers the phone' '$TMP/body' && ! grep -qiF 'on hold' '$TMP/body'"
is "$(http GET '/feedback?lang=cy')" 200 "the page in Welsh"
check "in Welsh" body_has "<h1>Canmoliaeth a chwynion</h1>"
check "with the Welsh commitment" body_has "Trwsio pob twll a adroddir o fewn 28 diwrnod"
check "and the Welsh schedule" body_has "Diweddarwyd ar $today, bob wythnos."

# The schedule: approving the phone theme does not change the page...
is "$(tpost action=approve question=complaint-details theme="$phone")" 303 "the officer approves the phone theme"
http GET /r/$S.json > /dev/null
check "/r/ shows it at once" jq -e --arg k "$phone" 'any(.themes[] | select(.question == "complaint-details") | .themes[]; .id == $k)' "$TMP/body"
http GET /feedback.json > /dev/null
check "/feedback does not, before its scheduled update" bash -c "cmp -s '$TMP/body' '$TMP/f1.json'"
# ...until the update is due.
sql "UPDATE feedback_page SET next_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE survey_id='$S'"
http GET /feedback.json > /dev/null
check "at the scheduled update it does" jq -e --arg k "$phone" 'any(.feedback[0].questions[] | select(.question == "complaint-details") | .themes[]; .id == $k)' "$TMP/body"
is "$(jq -r '.feedback[0].next_update' "$TMP/body")" "$week" "and the next update is a week on"
cp "$TMP/body" "$TMP/f2.json"

# A quote hidden since the update goes at once.
# (a quote that redaction left whole, so that its answer can be found)
qt=$(jq -r --arg k "$pothole" '[.feedback[0].questions[] | select(.question == "complaint-details") | .themes[] | select(.id == $k) | .quotes[] | select((.cut | not) and (.text | test("\\[") | not))][0].text' "$TMP/f2.json")
rid=$(sql "SELECT response_id FROM answer WHERE survey_id='$S' AND question_id='complaint-details' AND value = '${qt//\'/\'\'}' LIMIT 1")
check "a quote of the pothole theme on /feedback (response $rid: $qt)" test -n "$rid"
is "$(tpost action=hide question=complaint-details response="$rid" "reason=Names a street")" 303 "the officer hides it"
printf '%s\n' "$qt" > "$TMP/quote"
http GET /feedback.json > /dev/null
check "it is gone from the open data" bash -c "! grep -qF -f '$TMP/quote' '$TMP/body'"
http GET /feedback > /dev/null
check "and from the page" bash -c "! grep -qF -f '$TMP/quote' '$TMP/body'"

# Off again: gone.
aget "$JO" /admin/publish/$S > /dev/null
is "$(apost_fields "$JO" /admin/publish/$S/feedback every=week)" 303 "the officer turns the page off"
is "$(http GET /feedback)" 404 "the page is gone"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='fb-olwen' AND action='feedback-page' AND detail='off, week'")" 1 "audited too"
done_testing
