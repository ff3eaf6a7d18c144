#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Officers' review of themes (issue 17): only approved themes are published
# (page, JSON, CSV), the rest counted as awaiting review, and the public
# page says the themes were grouped by computer and reviewed by officers
# (in English and Welsh); officers make a theme, split chosen answers into
# a new one, move an answer, and search and filter the written answers by
# text, theme, area, channel and stance; every decision is audited by
# theme name, survives a recomputation, and needs the anti-forgery token
# and an officer (councillors read only); officers' pages show names,
# never internal keys; published quotes are at most 300 characters; a
# Welsh reader is told when a label is English standing in.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
S=themes-test
user() { printf '%s\n' "$PW" | "$YV" user --config "$CONF" "$@" > /dev/null 2>&1; }

cp "$SRC/tests/fixtures/themes/themes-test.xml" "$YV_SURVEYS"/
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET /s/$S)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/$S)" 200 "the themes fixture is loaded"
sql "DELETE FROM app_user WHERE username LIKE 'tr-%'; DELETE FROM audit_log WHERE username LIKE 'tr-%'; DELETE FROM rate_limit;
     DELETE FROM theme_summary WHERE survey_id='$S'; DELETE FROM theme_decision WHERE survey_id='$S';
     DELETE FROM theme_move WHERE survey_id='$S'; DELETE FROM answer_moderation WHERE survey_id='$S';
     DELETE FROM survey_publication WHERE survey_id='$S'; DELETE FROM response WHERE survey_id='$S'"
check "an officer" user add tr-olwen --role officer --name "Olwen Review"
check "a councillor" user add tr-cllr --role councillor --survey "$S"

apost() { apost_fields "$@"; }
# visible TEXT of the last page, tags stripped (what a reader sees)
visible() { python3 -c 'import html,re,sys; t=open(sys.argv[1],encoding="utf-8").read(); t=re.sub(r"(?s)<(script|style)[^>]*>.*?</\1>","",t); print(html.unescape(re.sub(r"<[^>]+>"," ",t)))' "$TMP/body"; }
JO=$TMP/olwen JC=$TMP/cllr
is "$(sign_in "$JO" tr-olwen)" 303 "the officer signs in"
is "$(sign_in "$JC" tr-cllr)" 303 "the councillor signs in"

# One response through the journey (for the survey version), then more.
is "$(jget /s/$S)" 200 "the survey's first page"
is "$(jpost "$(form_action)" "views=Potholes on the roads are dangerous, fix the potholes" "postcode=SY16 1AA" action=continue)" 303 "an answer is accepted"
follow > /dev/null
send_check $S > /dev/null
ver=$(sql "SELECT version_hash FROM response WHERE survey_id='$S' LIMIT 1")
add_responses() {
  local n=$1 t pc; shift
  : > "$TMP/ins.sql"
  for t in "$@"; do
    [ $((n % 2)) -eq 0 ] && pc="SY16 1AA" || pc="SY18 6AB"
    t=${t//\'/\'\'}
    printf "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at) VALUES ('%s', '%s', 'TREV-TEST-%04d', 'ff%030d', 'en', UTC_TIMESTAMP(3));\n" "$S" "$ver" "$n" "$n" >> "$TMP/ins.sql"
    printf "INSERT INTO answer (response_id, survey_id, question_id, value) VALUES (LAST_INSERT_ID(), '%s', 'views', '%s'), (LAST_INSERT_ID(), '%s', 'postcode', '%s');\n" "$S" "$t" "$S" "$pc" >> "$TMP/ins.sql"
    n=$((n + 1))
  done
  mariadb --defaults-file="$YV_STATE/my.cnf" -uroot yourvoice < "$TMP/ins.sql"
  rebuild_totals "$S" # written by hand: past the stored results totals
}
LONG="The potholes on the roads near the school are a danger to every cyclist and driver who uses them each morning, and the council has been told about them many times by parents, by the head teacher and by the bus company, yet the holes only grow deeper with every winter frost and every heavy lorry that passes along the road to the quarry, so please repair the roads properly this year rather than patching them again"
add_responses 1 \
  "The potholes on the roads are terrible and need fixing" "Fix the potholes in the road near the school" \
  "Roads are full of potholes, please repair the roads" "Pothole repairs on our roads take far too long" \
  "The road surface is broken with potholes everywhere" "Please fix the potholes on the main road" \
  "Potholes damage cars, the roads need repair" "$LONG" "Potholes again, ring me on 07700 900789" \
  "Repair the roads and fill the potholes" "So many potholes on the roads in town" \
  "Keep the library open, the library matters to children" "The library needs longer opening hours" \
  "Do not close the library, we need books and computers" "Our library is the heart of the town, keep it open" \
  "More books in the library please" "The library should open on Sundays" "Save the library from closure" \
  "Library opening hours are too short" "Children love the library, do not cut it" "Keep our local library open for everyone" \
  "Buses are too infrequent, we need more buses" "The bus service stops too early in the evening" \
  "More buses to the hospital please" "Bus fares are too expensive" "The bus timetable is unreliable" \
  "We need a Sunday bus service" "Buses never come on time" "Bus fares for young people are too high" \
  "The last bus leaves far too early" "Better bus routes to the villages" "More frequent buses on weekdays"
count() { sql "SELECT COUNT(*) FROM answer a JOIN response r ON r.id = a.response_id WHERE a.survey_id='$S' AND a.question_id='views' AND r.status='complete' AND r.flagged=0"; }
N=$(count)
wait_summary() {
  for _ in $(seq 120); do
    [ "$(sql "SELECT answers FROM theme_summary WHERE survey_id='$S' AND question_id='views'")" = "$1" ] && return 0
    sleep 0.5
  done
  return 1
}
check "the summariser summarises the $N answers" wait_summary "$N"
aget "$JO" /admin/publish/$S > /dev/null
is "$(apost "$JO" /admin/publish/$S mode=published)" 303 "the officer publishes the results"

# Before review: nothing published but how many answers await it.
is "$(http GET /r/$S.json)" 200 "the open data"
cp "$TMP/body" "$TMP/r0.json"
is "$(jq -r '.themes[0].themes | length' "$TMP/r0.json")" 0 "no theme is published before review"
is "$(jq -r '.themes[0] | .awaiting_review.count + .unthemed + .other.count' "$TMP/r0.json")" "$N" "every answer is counted: awaiting review, other or unthemed"
check "the JSON says the themes are not reviewed" jq -e '.themes[0].reviewed == false' "$TMP/r0.json"
http GET /r/$S > /dev/null
check "the page does not claim a review" bash -c "! grep -q 'reviewed by council officers' '$TMP/body'"
check "it says how many themes await review" body_has "awaiting review"

# The officers' page: names, never keys.
is "$(aget "$JO" /admin/themes/$S)" 200 "the officers' themes page"
check "each theme says it awaits review" body_has "Awaiting review"
check "with a form to approve it" body_has 'name="action" value="approve"'
check "officers read names, never internal keys" bash -c "! visible | grep -qE '\\bk[0-9]+\\b'"
is "$(aget "$JO" "/admin/themes/$S?lang=cy")" 200 "the officers' themes page in Welsh"
check "in Welsh" body_has "Yn aros am adolygiad"
check "in Welsh, names and no keys either" bash -c "! visible | grep -qE '\\bk[0-9]+\\b'"
aget "$JO" "/admin/themes/$S?lang=en" > /dev/null # back to English for the checks below
is "$(aget "$JC" /admin/themes/$S)" 200 "the councillor reads the themes page"
check "without an approve form" bash -c "! grep -q 'value=\"approve\"' '$TMP/body'"

stored() { sql "SELECT summary FROM theme_summary WHERE survey_id='$S'"; }
pothole=$(stored | jq -r '.themes[] | select(any(.phrases[]; test("pothole"))) | .key' | head -1)
library=$(stored | jq -r '.themes[] | select(any(.phrases[]; test("librar"))) | .key' | head -1)
bus=$(stored | jq -r '.themes[] | select(any(.phrases[]; test("^bus"))) | .key' | head -1)
check "pothole, library and bus themes ($pothole $library $bus)" test -n "$pothole" -a -n "$library" -a -n "$bus"

# Approval: refused without the token or to a councillor; then published.
aget "$JC" /admin > /dev/null
is "$(apost "$JC" /admin/themes/$S action=approve question=views theme="$pothole")" 403 "a councillor cannot approve"
is "$(http POST /admin/themes/$S -b "$JO" --data-urlencode action=approve --data-urlencode question=views --data-urlencode theme="$pothole")" 403 "a POST without the token fails"
is "$(tpost action=approve question=views theme=k999)" 400 "a theme not in the summary cannot be approved"
is "$(tpost action=approve question=views theme="$pothole")" 303 "the officer approves the pothole theme"
check "the page says so" body_has "The theme is approved"
http GET /r/$S.json > /dev/null; cp "$TMP/body" "$TMP/r1.json"
is "$(jq -r '.themes[0].themes | map(.id) | join(" ")' "$TMP/r1.json")" "$pothole" "only the approved theme is published"
check "the JSON says the themes were reviewed" jq -e '.themes[0].reviewed == true' "$TMP/r1.json"
is "$(jq -r '.themes[0] | ([.themes[].count] | add) + .awaiting_review.count + .unthemed + .other.count' "$TMP/r1.json")" "$N" "counts add up to the answers"
check "shares add up to 100%" jq -e '.themes[0] | (([.themes[].share] | add) + .awaiting_review.share + .other.share + .unthemed / .answers) | (. > 0.999 and . < 1.001)' "$TMP/r1.json"
check "published quotes are at most 300 characters" jq -e 'all(.themes[0].themes[].quotes[]; (.text | length) <= 300)' "$TMP/r1.json"
check "the long answer is never published whole" bash -c "! grep -qF 'rather than patching them again' '$TMP/r1.json'"
check "the unapproved themes' labels are not in the JSON" bash -c "! jq -e --arg k '$library' '.themes[0].themes[] | select(.id == \$k)' '$TMP/r1.json' > /dev/null"
http GET /r/$S.csv > /dev/null; cp "$TMP/body" "$TMP/r1.csv"
check "the CSV has the approved theme" grep -q "^$S,,,views,themes,$pothole,share," "$TMP/r1.csv"
check "and no other theme" bash -c "! grep -E '^$S,,,views,themes,k[0-9]+,share,' '$TMP/r1.csv' | grep -v ',$pothole,' | grep -q ."
check "and the count awaiting review" grep -q "^$S,,,views,themes,,awaiting_review.count," "$TMP/r1.csv"
http GET /r/$S > /dev/null
check "the page says the themes were machine-grouped and reviewed" body_has "These themes were grouped by computer and reviewed by council officers."
http GET "/r/$S?lang=cy" > /dev/null
check "in Welsh too" body_has "Cafodd y themâu hyn eu grwpio gan gyfrifiadur a’u hadolygu gan swyddogion y cyngor."
check "the English label on the Welsh page is marked as English" body_has "(yn Saesneg)"

# Make a theme, move an answer into it.
is "$(tpost action=create question=views label_en= label_cy=)" 400 "a made theme needs an English label"
is "$(tpost action=create question=views "label_en=$(printf 'x%.0s' $(seq 121))")" 400 "of at most 120 bytes"
is "$(tpost action=create question=views "label_en=Children and young people" "label_cy=Plant a phobl ifanc")" 303 "the officer makes a theme"
made=$(sql "SELECT theme_key FROM theme_decision WHERE survey_id='$S' AND created=1 AND label_en='Children and young people'")
stored > "$TMP/stored.json"
check "it has a key of its own ($made)" bash -c "[ -n '$made' ] && ! jq -e --arg k '$made' '.themes[] | select(.key == \$k)' '$TMP/stored.json' > /dev/null"
check "the officers' page lists it, made by an officer" bash -c "grep -q 'Children and young people' '$TMP/body' && grep -q 'Made by an officer.' '$TMP/body'"
kid=$(sql "SELECT a.response_id FROM answer a WHERE a.survey_id='$S' AND a.question_id='views' AND a.value LIKE 'Children love the library%'")
# the answers page of the library theme: the card shows its theme and a move form
is "$(aget "$JO" "/admin/answers/$S?q=views&response=$kid")" 200 "the answers page shows the one response"
check "with its theme" body_has '<p class="answer-theme">'
check "and a form to move it" body_has "Move response $kid to the theme"
is "$(apost "$JO" /admin/themes/$S action=move question=views theme="$made" response="$kid")" 303 "the officer moves the answer to the made theme"
check "back to the answer" bash -c "[[ '$(header Location)' == /admin/answers/$S?*response=$kid* ]]"
aget "$JO" "$(header Location)" > /dev/null
check "which shows its new theme" body_has "Children and young people"
is "$(aget "$JO" /admin/themes/$S > /dev/null; apost "$JO" /admin/themes/$S action=move question=views theme=k999 response="$kid")" 400 "a move to a theme that does not exist is refused"
is "$(aget "$JO" /admin/themes/$S > /dev/null; apost "$JO" /admin/themes/$S action=move question=views theme="$made" response=abc)" 400 "a move names responses by number"
aget "$JC" /admin > /dev/null
is "$(apost "$JC" /admin/themes/$S action=move question=views theme="$made" response="$kid")" 403 "a councillor cannot move answers"

# Search and filter the written answers.
is "$(aget "$JO" "/admin/answers/$S?text=library")" 200 "search by text"
check "every answer shown contains it" python3 -c '
import re,sys,html
p=open(sys.argv[1],encoding="utf-8").read()
a=[html.unescape(x) for x in re.findall(r"<blockquote class=\"answer-text\"[^>]*><p>(.*?)</p>", p, re.S)]
sys.exit(0 if a and all("library" in x.lower() for x in a) else 1)' "$TMP/body"
check "and says how many" body_has '10 answers'
is "$(aget "$JO" "/admin/answers/$S?text=LIBRARY")" 200 "search ignores case"
check "the same answers" body_has '10 answers'
is "$(aget "$JO" "/admin/answers/$S?text=%25")" 200 "a search for % (a LIKE wildcard)"
check "matches only a literal %" body_has "No written answers match."
is "$(aget "$JO" "/admin/answers/$S?text=$(printf 'y%.0s' $(seq 201))")" 400 "a search longer than 200 bytes is refused"
is "$(aget "$JO" "/admin/answers/$S?text=900789")" 200 "a search for a phone number"
check "finds nothing: the text searched is the redacted one" body_has "No written answers match."
is "$(aget "$JO" "/admin/answers/$S?text=ring%20me")" 200 "a search for the words around it"
check "finds the answer, its phone number redacted" bash -c "grep -q '1 answer' '$TMP/body' && grep -q 'mark class=\"redacted\"' '$TMP/body' && ! grep -q 900789 '$TMP/body'"
lib1=$(sql "SELECT response_id FROM answer WHERE survey_id='$S' AND question_id='views' AND value='Save the library from closure'")
aget "$JO" "/admin/answers/$S?response=$lib1" > /dev/null
is "$(apost "$JO" /admin/answers/$S/hide response="$lib1" question=views "reason=Test of search")" 303 "the officer hides an answer"
aget "$JO" "/admin/answers/$S?text=closure" > /dev/null
check "officers still find it by its text" body_has "id=\"a-$lib1-views\""
aget "$JC" "/admin/answers/$S?text=closure" > /dev/null
check "a councillor's search does not reveal a hidden answer's text" body_has "No written answers match."
is "$(aget "$JO" "/admin/answers/$S?theme=views%3A$made")" 200 "filter by theme"
check "the made theme holds the moved answer" bash -c "grep -q 'id=\"a-$kid-views\"' '$TMP/body' && grep -q '1 answer' '$TMP/body'"
is "$(aget "$JO" "/admin/answers/$S?theme=views%3A$library&text=library")" 200 "theme and text together"
check "the moved answer is no longer in the library theme" bash -c "! grep -q 'id=\"a-$kid-views\"' '$TMP/body'"
is "$(aget "$JO" "/admin/answers/$S?channel=paper")" 200 "filter by channel"
check "no answer came on paper" body_has "No written answers match."
is "$(aget "$JO" "/admin/answers/$S?channel=web&q=views")" 200 "online"
check "the filter is kept in the form" body_has '<option value="web" selected>'
check "all $((N)) came online" body_has "$N answers"
is "$(aget "$JO" "/admin/answers/$S?area=llanidloes&q=views")" 200 "filter by area"
inarea=$(sql "SELECT COUNT(*) FROM answer a JOIN answer p ON p.response_id = a.response_id AND p.question_id='postcode' WHERE a.survey_id='$S' AND a.question_id='views' AND p.value LIKE 'SY18%'")
check "the answers of that area ($inarea)" body_has "$inarea answers"
is "$(aget "$JO" "/admin/answers/$S?stance=praise")" 200 "filter by stance"
is "$(aget "$JO" "/admin/answers/$S?stance=rude")" 200 "an unknown stance is ignored"
check "(every answer)" body_has "answers"
is "$(aget "$JC" "/admin/answers/$S?theme=views%3A$made")" 200 "a councillor searches too"
check "without move or split forms" bash -c "! grep -q 'value=\"move\"' '$TMP/body' && ! grep -q 'split-form' '$TMP/body'"

# Split: two bus-fare answers out of the bus theme, with no Welsh label.
# the theme the method put the first fares answer in, and the fares answers in it
fare1=$(sql "SELECT MIN(response_id) FROM answer WHERE survey_id='$S' AND question_id='views' AND value LIKE 'Bus fares%'")
stored > "$TMP/stored.json"
bus=$(jq -r --arg id "$fare1" '.members[] | select(.id == $id) | .theme' "$TMP/stored.json")
fares=$(jq -r --arg k "$bus" --argjson ids "[$(sql "SELECT GROUP_CONCAT(CONCAT('\"', response_id, '\"')) FROM answer WHERE survey_id='$S' AND question_id='views' AND value LIKE 'Bus fares%'")]" \
  '[.members[] | select(.theme == $k and (.id as $i | $ids | index($i))) | .id] | join(",")' "$TMP/stored.json")
nfares=$(echo "${fares//,/ }" | wc -w)
check "the fares answers are in a theme ($bus: $fares)" test -n "$bus" -a "$bus" != null -a "$nfares" -ge 1
is "$(aget "$JO" "/admin/answers/$S?theme=views%3A$bus")" 200 "the bus theme's answers"
check "each card has a box to choose it for a split" body_has 'form="split-form"'
args=(action=split question=views theme="$bus" "label_en=Bus fares" label_cy=)
for r in ${fares//,/ }; do args+=(response="$r"); done
is "$(apost "$JO" /admin/themes/$S "${args[@]}")" 303 "the officer splits the fares answers into a new theme"
split=$(sql "SELECT theme_key FROM theme_decision WHERE survey_id='$S' AND created=1 AND label_en='Bus fares'")
aget "$JO" "$(header Location)" > /dev/null
check "the new theme's answers are shown" body_has "$nfares answer"
is "$(aget "$JO" /admin/themes/$S > /dev/null; apost "$JO" /admin/themes/$S action=split question=views theme="$bus" "label_en=Nothing")" 400 "a split needs chosen answers"
is "$(aget "$JO" /admin/themes/$S > /dev/null; apost "$JO" /admin/themes/$S action=split question=views theme="$bus" "label_en=Nothing" response="$kid")" 400 "of the theme it splits"
is "$(tpost action=approve question=views theme="$split")" 303 "the officer approves the split theme"
is "$(tpost action=approve question=views theme="$made")" 303 "and the made one"
http GET /r/$S.json > /dev/null; cp "$TMP/body" "$TMP/r2.json"
is "$(jq -r --arg k "$split" '.themes[0].themes[] | select(.id == $k) | .count' "$TMP/r2.json")" "$nfares" "the split theme counts its chosen answers"
is "$(jq -r --arg k "$made" '.themes[0].themes[] | select(.id == $k) | .count' "$TMP/r2.json")" 1 "the made theme its moved one"
is "$(jq -r --arg k "$split" '.themes[0].themes[] | select(.id == $k) | .label.cy + "|" + (.label_cy_fallback | tostring)' "$TMP/r2.json")" "Bus fares|true" "no Welsh label: the English one stands in, marked"
is "$(jq -r '.themes[0] | ([.themes[].count] | add) + .awaiting_review.count + .unthemed + .other.count' "$TMP/r2.json")" "$N" "counts still add up"
http GET "/r/$S?lang=cy" > /dev/null
check "the Welsh page marks the English label" bash -c "grep -qF '<span lang=\"en\">Bus fares</span> <span class=\"meta\">(yn Saesneg)</span>' '$TMP/body'"
check "and uses the Welsh one where there is one" body_has "Plant a phobl ifanc"

# A recomputation keeps approval, moves and splits.
add_responses 60 "Fix the potholes on the roads please" "The potholes near the bridge need repair" \
  "More buses in the evening" "The library should have more books" "Potholes everywhere on our roads"
N2=$(count)
check "the summariser recomputes after new responses" wait_summary "$N2"
http GET /r/$S.json > /dev/null; cp "$TMP/body" "$TMP/r3.json"
check "the pothole theme is still approved and published" jq -e --arg k "$pothole" '.themes[0].themes | any(.id == $k)' "$TMP/r3.json"
is "$(jq -r --arg k "$split" '.themes[0].themes[] | select(.id == $k) | .count' "$TMP/r3.json")" "$nfares" "the split survives the recomputation"
is "$(jq -r --arg k "$made" '.themes[0].themes[] | select(.id == $k) | .count' "$TMP/r3.json")" 1 "so does the move"
is "$(jq -r '.themes[0] | ([.themes[].count] | add) + .awaiting_review.count + .unthemed + .other.count' "$TMP/r3.json")" "$N2" "counts add up after the recomputation"
aget "$JO" "/admin/answers/$S?theme=views%3A$made" > /dev/null
check "the moved answer is still in its theme" body_has "id=\"a-$kid-views\""

# Withdraw an approval.
is "$(tpost action=unapprove question=views theme="$pothole")" 303 "the officer withdraws the pothole theme's approval"
http GET /r/$S.json > /dev/null
check "it is no longer published" bash -c "! jq -e --arg k '$pothole' '.themes[0].themes[] | select(.id == \$k)' '$TMP/body' > /dev/null"

# The audit log: every decision, by name, never by key.
for a in theme-approve theme-unapprove theme-create theme-split theme-move; do
  check "the audit log has $a" test "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='tr-olwen' AND survey_id='$S' AND action='$a'")" -ge 1
done
check "the split is audited by name" test "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='theme-split' AND detail LIKE '%into \"Bus fares\"%'")" -ge 1
check "the move by name" test "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='theme-move' AND detail LIKE '%moved to \"Children and young people\"%'")" -ge 1
check "no audited theme decision names a key" test "$(sql "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'theme-%' AND detail REGEXP '(^|[^a-z])k[0-9]+([^0-9]|\$)'")" = 0
check "the councillor's attempts are audited" test "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='tr-cllr' AND action='refused-theme-decision'")" -ge 2
done_testing
