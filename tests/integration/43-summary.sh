#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# The results page people read (issue 19, part B): the summary at the top
# of /r/<id> says, in English and Welsh, exactly the figures of
# /r/<id>.json (disclosure-controlled, never the live counts); the method
# words are explained; the cross-tables of the breakdowns show the groups
# and suppression as the JSON does; "You said, we did" keeps its
# paragraphs; every table region has its own name; and the printable
# briefing /r/<id>/briefing has the summary, a print stylesheet and no
# navigation, visible exactly when /r/<id> is.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
S=rp-summary

# A live copy of what-matters (its <abuse> rules off: responses come by SQL).
sed -e "0,/id=\"what-matters\"/s//id=\"$S\"/" -e '/<abuse /d' \
  -e 's/<publication results="after-close"/<publication results="live"/' \
  "$YV_SURVEYS/what-matters.xml" > "$YV_SURVEYS/$S.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET /s/$S)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/$S)" 200 "the fixture survey is loaded"
ver=$(sha256sum "$YV_SURVEYS/$S.xml" | cut -d' ' -f1)
sql "INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES ('$S', '$ver')"

n=0
# resp PC PRIORITY SATISFACTION AGE LANG CHANNEL: one complete response.
resp() {
  n=$((n + 1))
  local sid; sid=$(printf 'rps%029d' "$n")
  sql "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, channel, submitted_at)
         VALUES ('$S', '$ver', '$(printf 'RPS-%010d' "$n")', '$sid', '$5', '$6', UTC_TIMESTAMP(3));
       INSERT INTO answer (response_id, survey_id, question_id, ord, value)
         SELECT id, '$S', 'postcode', 0, '$1' FROM response WHERE submission_id='$sid'
         UNION ALL SELECT id, '$S', 'priority', 0, '$2' FROM response WHERE submission_id='$sid'
         UNION ALL SELECT id, '$S', 'satisfaction', 0, '$3' FROM response WHERE submission_id='$sid'
         UNION ALL SELECT id, '$S', 'age-band', 0, '$4' FROM response WHERE submission_id='$sid'"
}
# Housing leads Schools by 6: more than the perturbation can move two
# counts (SDC_MAX_CHANGE each way), whatever this installation's key.
for i in $(seq 14); do resp "SY16 1AA" housing 4 25-44 en web; done
for i in $(seq 8); do resp "SY16 2AA" schools 2 45-64 cy paper; done
for i in 1 2 3; do resp "SY18 6AA" care 5 65-plus en web; done
rebuild_totals "$S" # rows written by hand bypass the stored totals (issue 23)

# Officers publish, with a "You said, we did" of two paragraphs.
printf '%s\n' "$PW" | "$YV" user --config "$CONF" add rps.officer --role officer > /dev/null 2>&1
J=$TMP/officer
is "$(sign_in "$J" rps.officer)" 303 "an officer signs in"
aget "$J" "/admin/publish/$S" > /dev/null
is "$(apost_fields "$J" "/admin/publish/$S" mode=published \
  "ysw_en=You told us housing matters most.

So we are building 200 homes." "ysw_cy=Dywedoch chi mai tai sydd bwysicaf.

Felly rydym yn adeiladu 200 o gartrefi.")" 303 "the officer publishes the results"

http GET "/r/$S.json" > /dev/null
cp "$TMP/body" "$TMP/r.json"
j() { jq -r "$1" "$TMP/r.json"; }
is "$(j .respondents.total)" 25 "the JSON counts the 25 responses"

# page text helpers: the summary's list items, a table by its caption
py() { python3 "$TMP/page.py" "$@"; }
cat > "$TMP/page.py" <<'EOF'
import sys, html.parser
class P(html.parser.HTMLParser):
    def __init__(s):
        super().__init__(); s.stack = []; s.items = []; s.tables = {}; s.cur = None
        s.in_summary = 0; s.buf = None; s.row = None; s.cap = None; s.regions = []; s.navs = 0
    def handle_starttag(s, t, a):
        a = dict(a)
        if t == 'nav': s.navs += 1
        if t == 'section' and a.get('id') == 'summary': s.in_summary = 1
        if t == 'li' and s.in_summary: s.buf = ''
        if a.get('role') == 'region': s.regions.append(a.get('aria-label'))
        if t == 'caption': s.cap = ''
        if t == 'tr': s.row = []
        if t in ('td', 'th') and s.row is not None: s.buf = ''
    def handle_endtag(s, t):
        if t == 'section' and s.in_summary: s.in_summary = 0
        if t == 'li' and s.buf is not None and s.in_summary: s.items.append(' '.join(s.buf.split())); s.buf = None
        if t == 'caption': s.cur = ' '.join(s.cap.split()); s.tables[s.cur] = []; s.cap = None
        if t in ('td', 'th') and s.row is not None and s.buf is not None: s.row.append(' '.join(s.buf.split())); s.buf = None
        if t == 'tr' and s.row is not None:
            if s.cur is not None: s.tables[s.cur].append(s.row)
            s.row = None
    def handle_data(s, d):
        if s.buf is not None: s.buf += d
        if s.cap is not None: s.cap += d
p = P(); p.feed(open(sys.argv[2]).read())
if sys.argv[1] == 'items': print('\n'.join(p.items))
elif sys.argv[1] == 'table':
    for r in p.tables.get(sys.argv[3], []): print('|'.join(r))
elif sys.argv[1] == 'regions': print('\n'.join(x or '' for x in p.regions))
elif sys.argv[1] == 'navs': print(p.navs)
EOF
pct() { printf '%.1f%%' "$1"; }
has_item() { py items "$1" > "$TMP/items"; grep -qxF -- "$2" "$TMP/items"; }

# ---- the summary says the JSON's figures, in English ----
is "$(http GET "/r/$S")" 200 "the results page is public"
cp "$TMP/body" "$TMP/en.html"
check "the summary comes before the first question" \
  test "$(grep -n 'id="summary"' "$TMP/en.html" | cut -d: -f1)" -lt "$(grep -n 'id="q-priority"' "$TMP/en.html" | cut -d: -f1)"
check "the summary gives the number of responses" has_item "$TMP/en.html" "25 people responded."
web=$(j .respondents.by_channel.web); paper=$(j .respondents.by_channel.paper)
check "the summary gives the channels with the JSON's (perturbed) counts: Online $web, Paper $paper" \
  sh -c "python3 '$TMP/page.py' items '$TMP/en.html' | grep '^How they responded: ' | grep -F 'Online $web' >/dev/null &&
         python3 '$TMP/page.py' items '$TMP/en.html' | grep '^How they responded: ' | grep -F 'Paper $paper' >/dev/null"
lead=$(j '[.questions[] | select(.id=="priority") | .options[]] | max_by(.pct_answered) | .label.en')
leadpct=$(pct "$(j '[.questions[] | select(.id=="priority") | .options[]] | max_by(.pct_answered) | .pct_answered')")
is "$lead" "Housing" "the JSON's leading answer is Housing"
check "the summary gives the leading answer and its share as the JSON has it ($leadpct)" \
  has_item "$TMP/en.html" "Which of these matters most to you?: the answer given most was “Housing”, by $leadpct of those who answered."
agree=$(pct "$(j '.questions[] | select(.id=="satisfaction") | .agree_pct')")
disagree=$(pct "$(j '.questions[] | select(.id=="satisfaction") | .disagree_pct')")
check "the scale's summary uses its own words and the JSON's shares ($agree, $disagree)" \
  has_item "$TMP/en.html" "How satisfied are you with your area as a place to live?: $agree answered towards “Very satisfied” and $disagree towards “Very dissatisfied” (the rest in the middle)."
# the live, exact count of Housing is 14 of 25 (56.0%): the page must not
# show another figure than the JSON's
exact=$(aget "$J" "/admin/results/$S.json" > /dev/null; jq -r '.questions[] | select(.id=="priority") | .options[] | select(.value=="housing") | .count' "$TMP/body")
is "$exact" 14 "the officers' exact figures count 14 for Housing"
check "the scale's figure below the chart names its end: Towards “Very satisfied”" grep -qF "Towards “Very satisfied” (above the middle)" "$TMP/en.html"
check "no scale is summarised as Agree / Disagree" sh -c "! grep -qF 'Agree (above the middle)' '$TMP/en.html'"

# ---- in Welsh ----
http GET "/r/$S?lang=cy" > /dev/null
cp "$TMP/body" "$TMP/cy.html"
check "Welsh: the summary gives the number of responses" has_item "$TMP/cy.html" "Ymatebodd 25 o bobl."
check "Welsh: the leading answer and its share as the JSON has it" \
  has_item "$TMP/cy.html" "Pa un o’r rhain sydd bwysicaf i chi?: yr ateb a roddwyd amlaf oedd “Tai”, gan $leadpct o’r rhai a atebodd."
check "Welsh: the scale's summary in its own Welsh words" \
  has_item "$TMP/cy.html" "Pa mor fodlon ydych chi â’ch ardal fel lle i fyw?: atebodd $agree tuag at “Bodlon iawn” a $disagree tuag at “Anfodlon iawn” (y gweddill yn y canol)."
check "Welsh: the glossary explains the method words" grep -qF "Tarfu allwedd cell" "$TMP/cy.html"

# ---- glossary ----
for w in "Borda count" "Median" "Cell-key perturbation" "Small groups (fewer than 10)" "Snapshot"; do
  check "the glossary explains “$w”" grep -qF "<dt>$w</dt>" "$TMP/en.html"
done

# ---- cross-tables of the breakdowns: the JSON's figures and suppression ----
cap="Which of these matters most to you?: Your age"
py table "$TMP/en.html" "$cap" > "$TMP/xt"
check "a cross-table of the priority question by age band is on the page" test -s "$TMP/xt"
for g in 25-44 45-64 65-plus; do
  name=$(jq -r --arg g "$g" '.breakdowns[] | select(.by=="age-band") | .groups[] | select(.id==$g) | .label.en' "$TMP/r.json")
  sup=$(jq -r --arg g "$g" '.breakdowns[] | select(.by=="age-band") | .groups[] | select(.id==$g) | .suppressed' "$TMP/r.json")
  row=$(grep "^$name|" "$TMP/xt")
  if [ "$sup" = true ]; then
    is "$(echo "$row" | cut -d'|' -f2)" "fewer than 10" "$name: suppressed on the page as in the JSON"
    check "$name: no figure of the suppressed group is shown" sh -c "! echo '$row' | grep -q '[0-9]%'"
  else
    resp=$(jq -r --arg g "$g" '.breakdowns[] | select(.by=="age-band") | .groups[] | select(.id==$g) | .respondents' "$TMP/r.json")
    h=$(pct "$(jq -r --arg g "$g" '.breakdowns[] | select(.by=="age-band") | .groups[] | select(.id==$g) | .questions[] | select(.id=="priority") | .options[] | select(.value=="housing") | .pct_answered' "$TMP/r.json")")
    is "$(echo "$row" | cut -d'|' -f2)" "$resp" "$name: the JSON's respondents ($resp)"
    # columns: Group | Respondents | options in the question's order (housing is the 4th)
    is "$(echo "$row" | cut -d'|' -f6)" "$h" "$name: the JSON's share choosing Housing ($h)"
  fi
done
is "$(jq -r '[.breakdowns[] | select(.by=="age-band") | .groups[] | select(.id=="65-plus")] | .[0].suppressed' "$TMP/r.json")" true \
  "the JSON suppresses the 3 people aged 65 or over"

# ---- right words and order ----
check "'You said, we did' keeps its two paragraphs" \
  sh -c "grep -qF '<p>You told us housing matters most.</p>' '$TMP/en.html' && grep -qF '<p>So we are building 200 homes.</p>' '$TMP/en.html'"
py regions "$TMP/en.html" > "$TMP/regions"
is "$(sort "$TMP/regions" | uniq -d | wc -l)" 0 "every table region has its own name"
check "no region is called 'Table of figures'" sh -c "! grep -qxF 'Table of figures' '$TMP/regions'"
check "the priority chart is sorted by the share it shows" \
  sh -c "grep -o 'bar-label\">[^<]*' '$TMP/en.html' | sed -n '1,2p' | tr '\n' ' ' | grep -q 'Housing.*Schools'"
check "charts have no SVG text (labels are page text)" sh -c "! grep -q '<text ' '$TMP/en.html'"

# ---- the briefing ----
is "$(http GET "/r/$S/briefing")" 200 "the briefing is public when the results are"
cp "$TMP/body" "$TMP/brief.html"
is "$(py navs "$TMP/brief.html")" 0 "the briefing has no navigation"
check "the briefing has the summary" has_item "$TMP/brief.html" "Which of these matters most to you?: the answer given most was “Housing”, by $leadpct of those who answered."
check "the briefing has 'You said, we did'" grep -qF "So we are building 200 homes." "$TMP/brief.html"
check "the briefing has responses by channel" test -s "$(py table "$TMP/brief.html" "How people responded" > "$TMP/bc"; echo "$TMP/bc")"
check "the briefing has responses by area" grep -qF "Respondents: By area" "$TMP/brief.html"
check "the briefing has the suppression note" grep -qF "Groups of fewer than 10 respondents are not shown" "$TMP/brief.html"
css=$(grep -o 'href="/[^"]*\.css"' "$TMP/brief.html" | head -1 | sed 's/href="//; s/"//')
check "the briefing links a stylesheet" test -n "$css"
http GET "$css" > /dev/null
check "the stylesheet has an A4 @page rule" grep -q '@page { size: A4' "$TMP/body"
check "the stylesheet has print rules with page breaks between the briefing's parts" \
  sh -c "grep -q '@media print' '$TMP/body' && grep -q 'briefing-part { break-before: page; }' '$TMP/body'"
http GET "/r/$S/briefing?lang=cy" > /dev/null
check "the briefing in Welsh" grep -qF "Briff ar y canlyniadau" "$TMP/body"
check "the results page links the briefing" grep -qF "href=\"/r/$S/briefing\"" "$TMP/en.html"

# ---- visible exactly when /r/<id> is ----
for id in what-matters no-such-survey; do
  is "$(http GET "/r/$id/briefing")" "$(http GET "/r/$id")" "/r/$id/briefing answers as /r/$id does"
done
is "$(http GET /r/what-matters/briefing)" 404 "the briefing of unpublished results is 404"
aget "$J" "/admin/publish/$S" > /dev/null
apost_fields "$J" "/admin/publish/$S" mode=hidden > /dev/null
is "$(http GET "/r/$S/briefing") $(http GET "/r/$S")" "404 404" "withdrawn results: the briefing goes with the page"

# ---- the budget: summary and chart in the order of the median shown ----
B=rp-budget
sed -e "0,/id=\"results-all\"/s//id=\"$B\"/" "$SRC/tests/fixtures/results/results-all.xml" > "$YV_SURVEYS/$B.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET /s/$B)" = 200 ] && break; sleep 0.2; done
bver=$(sha256sum "$YV_SURVEYS/$B.xml" | cut -d' ' -f1)
sql "INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES ('$B', '$bver')"
# Service X: median 0, mean -6; Service Y: median -5, mean -0.5. Sorted by
# the mean, Y comes first; by the median the chart shows, X does. (Counts
# of 14 and 6, so that perturbing them by up to 2 moves no median.)
bn=0
for i in $(seq 20); do
  if [ "$i" -le 6 ]; then x=-20; else x=0; fi
  if [ "$i" -le 14 ]; then y=-5; else y=10; fi
  bn=$((bn + 1)); sid=$(printf 'rpb%029d' "$bn")
  sql "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, channel, submitted_at)
         VALUES ('$B', '$bver', '$(printf 'RPB-%010d' "$bn")', '$sid', 'en', 'web', UTC_TIMESTAMP(3));
       INSERT INTO answer (response_id, survey_id, question_id, ord, value)
         SELECT id, '$B', 'budget.x', 0, '$x' FROM response WHERE submission_id='$sid'
         UNION ALL SELECT id, '$B', 'budget.y', 0, '$y' FROM response WHERE submission_id='$sid'
         UNION ALL SELECT id, '$B', 'budget.council-tax', 0, '1' FROM response WHERE submission_id='$sid'"
done
rebuild_totals "$B"
http GET "/r/$B.json" > /dev/null; cp "$TMP/body" "$TMP/b.json"
bj() { jq -r "$1" "$TMP/b.json"; }
BQ='.questions[] | select(.id=="budget")'
is "$(bj "$BQ | .lines[] | select(.id==\"x\") | .median_change_pct") $(bj "$BQ | .lines[] | select(.id==\"y\") | .median_change_pct")" "0 -5" \
  "the JSON's medians: Service X 0, Service Y -5"
is "$(bj "[$BQ | .lines[] | .mean_change_pct > -3] | map(tostring) | join(\" \")")" "true false" \
  "the JSON lists Service Y first (by its higher mean)"
http GET "/r/$B" > /dev/null; cp "$TMP/body" "$TMP/b.html"
sign() { printf '%+.10g%%' "$1"; }
mx=$(sign "$(bj "$BQ | .lines[] | select(.id==\"x\") | .median_change_pct")")
my=$(sign "$(bj "$BQ | .lines[] | select(.id==\"y\") | .median_change_pct")")
ct=$(sign "$(bj "$BQ | .council_tax.median_pct")")
check "the summary names the most protected and most cut service by the JSON's medians ($mx, $my)" \
  has_item "$TMP/b.html" "Find the savings: residents most protected “Service X” (median change $mx) and cut “Service Y” the most (median change $my)."
check "the summary gives the JSON's median council tax change ($ct)" \
  has_item "$TMP/b.html" "Find the savings: the median council tax change residents chose was $ct."
is "$(sed -n '/id="q-budget"/,/<\/section>/p' "$TMP/b.html" | grep -o 'bar-label">[^<]*' | sed 's/.*>//' | tr '\n' ',')" "Service X,Service Y," \
  "the budget chart is sorted by the median it shows"
check "the budget chart says what it is sorted by" grep -qF "Services are listed by that median change" "$TMP/b.html"
rm -f "$YV_SURVEYS/$B.xml"
rm -f "$YV_SURVEYS/$S.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
done_testing
