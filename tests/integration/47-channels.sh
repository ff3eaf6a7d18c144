#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Channel shift in figures (issue #21): /admin/channels and its CSV give,
# per consultation and month, the responses received by each channel,
# their cost at the configured cost per contact, and what the same
# responses would have cost face to face or by phone. Known responses are
# written with SQL (channels and months HTTP cannot choose) and every
# figure is checked against a hand computation with the default costs:
# online £0.15, phone £2.83, face to face £8.62, paper not set.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
S=channels-fixture

sed -e '0,/id="what-matters"/s//id="channels-fixture"/' "$SRC/surveys/what-matters.xml" > "$YV_SURVEYS/$S.xml"
"$SRC/conf/stack" app-reload > /dev/null 2>&1
for _ in $(seq 50); do [ "$(http GET /s/$S)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/$S)" 200 "the fixture survey is loaded"

# 2026-01: 10 online, 2 phone, 1 paper; 2026-02: 4 online, one of them withdrawn.
sql "INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES ('$S', REPEAT('c', 64))"
add() { # add N CHANNEL DATE [STATUS]
  local i
  for i in $(seq "$1"); do
    sql "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, channel, status, submitted_at)
         VALUES ('$S', REPEAT('c', 64), SHA2(UUID(), 256), SHA2(UUID(), 256), 'en', '$2', '${4:-complete}', '$3 10:00:00')"
  done
}
add 10 web 2026-01-15
add 2 phone 2026-01-20
add 1 paper 2026-01-31
add 3 web 2026-02-02
add 1 web 2026-02-03 withdrawn
is "$(sql "SELECT COUNT(*) FROM response WHERE survey_id='$S'")" 17 "17 responses stored for the fixture"

printf '%s\n' "$PW" | "$YV" user --config "$CONF" add chan.officer --role officer > /dev/null 2>&1
printf '%s\n' "$PW" | "$YV" user --config "$CONF" add chan.limited --role officer --survey what-matters > /dev/null 2>&1
OJ=$TMP/officer; LJ=$TMP/limited
is "$(sign_in "$OJ" chan.officer)" 303 "an officer signs in"
is "$(sign_in "$LJ" chan.limited)" 303 "a limited officer signs in"

is "$(http GET /admin/channels)" 200 "signed out, /admin/channels answers with the sign-in page"
check "and shows no figures" bash -c "! grep -q 'ch-$S' '$TMP/body'"

is "$(aget "$OJ" /admin)" 200 "the dashboard"
check "the dashboard links to the channel figures" body_has 'href="/admin/channels"'
is "$(aget "$OJ" /admin/channels)" 200 "the channels page"
sect() { sed -n "/<h2 id=\"ch-$S\">/,/<\/table>/p" "$TMP/body"; }
row() { sect | grep -F "<th scope=\"row\">$1</th>"; }
check "January: £7.16 for 12 costed contacts, the paper one named as not costed" \
  bash -c "$(declare -f sect row); S=$S TMP=$TMP; row 2026-01 | grep -qF '£7.16<br><span class=\"caption\">plus 1 response by a channel with no cost set'"
check "January: 13 responses would have cost £112.06 face to face and £36.79 by phone" \
  bash -c "$(declare -f sect row); S=$S TMP=$TMP; row 2026-01 | grep -qF '<td class=\"count\">13</td>' && row 2026-01 | grep -qF '£112.06' && row 2026-01 | grep -qF '£36.79'"
check "January: saved £96.28 against face to face (costed contacts only)" \
  bash -c "$(declare -f sect row); S=$S TMP=$TMP; row 2026-01 | grep -qF '£96.28'"
check "February: 4 online (the withdrawn one too) cost £0.60, £34.48 face to face, £11.32 by phone, saved £33.88" \
  bash -c "$(declare -f sect row); S=$S TMP=$TMP; r=\$(row 2026-02); for v in '<td class=\"count\">4</td>' '£0.60' '£34.48' '£11.32' '£33.88'; do grep -qF \"\$v\" <<< \"\$r\" || exit 1; done"
check "the consultation's total row: 17 responses, £7.76, £146.54 face to face, £48.11 by phone, saved £130.16" \
  bash -c "r=\$(grep -F 'href=\"#ch-$S\"' '$TMP/body'); for v in '<td class=\"count\">17</td>' '£7.76' '£146.54' '£48.11' '£130.16'; do grep -qF \"\$v\" <<< \"\$r\" || exit 1; done"
check "the costs per contact are listed, paper as not set" \
  bash -c "grep -qF '<dt>Phone</dt><dd>£2.83</dd>' '$TMP/body' && grep -qF '<dt>Paper</dt><dd>not set' '$TMP/body'"
check "every table region has its own name" \
  bash -c "[ \$(grep -o 'role=\"region\" tabindex=\"0\" aria-label=\"[^\"]*\"' '$TMP/body' | sort | uniq -d | wc -l) -eq 0 ]"

is "$(aget "$OJ" '/admin/channels?lang=cy')" 200 "the page in Welsh"
check "in Welsh" body_has "Ymatebion a’u cost fesul sianel"

is "$(aget "$OJ" /admin/channels.csv)" 200 "the CSV"
check "the CSV is served as an attachment" bash -c "grep -qi '^Content-Disposition: attachment; filename=\"channels.csv\"' '$TMP/head'"
is "$(head -1 "$TMP/body" | tr -d '\r')" "survey_id,survey_title,month,channel,responses,cost_per_contact,cost,cost_if_face_to_face,cost_if_phone" "the CSV's header"
is "$(grep "^$S,.*,2026-01,phone," "$TMP/body" | cut -d, -f5- | tr -d '\r')" "2,2.83,5.66,17.24,5.66" "the CSV: January's phone responses and their costs"
is "$(grep "^$S,.*,2026-01,paper," "$TMP/body" | cut -d, -f5- | tr -d '\r')" "1,,,8.62,2.83" "the CSV: paper has no cost until one is set"
is "$(grep "^$S,.*,2026-02,web," "$TMP/body" | cut -d, -f5- | tr -d '\r')" "4,0.15,0.60,34.48,11.32" "the CSV: February online"

is "$(aget "$LJ" /admin/channels)" 200 "a limited officer sees the page"
check "but not a consultation that is not theirs" bash -c "! grep -q 'ch-$S' '$TMP/body'"
is "$(aget "$LJ" /admin/channels.csv)" 200 "nor in the CSV"
check "(the CSV has no row of it)" bash -c "! grep -q '^$S,' '$TMP/body'"

# A cost per contact in the configuration: pounds with at most two decimals.
printf 'cost_paper = 1.205\n' > "$TMP/bad.conf"
out=$("$YV" migrate --status --config "$TMP/bad.conf" 2>&1)
check "a cost with three decimals is refused with the line and what to write" \
  grep -q 'bad.conf:1: cost_paper must be an amount in pounds such as 2.83' <<< "$out"

# The rows written here have no answers: remove them, so the scripts after
# this one (65-faults counts responses stored without answers) see none.
sql "DELETE FROM response WHERE survey_id='$S'"
rm -f "$YV_SURVEYS/$S.xml"
"$SRC/conf/stack" app-reload > /dev/null 2>&1
done_testing
