#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Disclosure control of the published results (issue 16, docs/privacy.md).
# 1. The differencing attack: a live copy of what-matters (breakdowns by age
#    band and area, min group 10) with 10 responses from Newtown, 3 from
#    Llanidloes and 1 from Machynlleth; officers publish (snapshot A); the
#    attacker sends 7 more from Llanidloes with answers they know; officers
#    publish again (snapshot B). The test does the attacker's arithmetic
#    with every figure the public can read (total - Newtown - (Llanidloes -
#    the 7 known), falling back on the survey-wide figures where a group is
#    hidden) and fails if it gives the Machynlleth resident's exact answers.
# 7. Small numbers elsewhere: with 2 respondents no question table is
#    published, and no language, channel or day table shows 1 or 2.
# Also: breakdowns are never counted live, the page, JSON and CSV show the
# same figures, and the method is named on the page, in Welsh too.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
S=sdc-attack
T=sdc-small

# Live copies of what-matters (its <abuse> rules off: responses come by SQL).
for id in $S $T; do
  sed -e "0,/id=\"what-matters\"/s//id=\"$id\"/" -e '/<abuse /d' \
    -e 's/<publication results="after-close"/<publication results="live"/' \
    "$YV_SURVEYS/what-matters.xml" > "$YV_SURVEYS/$id.xml"
done
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET /s/$T)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/$S)" 200 "the live copies are loaded"
ver=$(sha256sum "$YV_SURVEYS/$S.xml" | cut -d' ' -f1)
vert=$(sha256sum "$YV_SURVEYS/$T.xml" | cut -d' ' -f1)
sql "INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES ('$S', '$ver'), ('$T', '$vert')"

n=0
# resp SURVEY VERSION PC PRIORITY SATISFACTION AGE [LANG CHANNEL]: one complete response.
resp() {
  n=$((n + 1))
  local rc; rc=$(printf 'SDC%s-%06d' "${1:4:1}" "$n")
  sql "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, channel, submitted_at)
         VALUES ('$1', '$2', '${rc:0:14}', LPAD('sdc$n', 32, '0'), '${7:-en}', '${8:-web}', UTC_TIMESTAMP(3));
       INSERT INTO answer (response_id, survey_id, question_id, ord, value)
         SELECT id, '$1', 'postcode', 0, '$3' FROM response WHERE submission_id=LPAD('sdc$n', 32, '0')
         UNION ALL SELECT id, '$1', 'priority', 0, '$4' FROM response WHERE submission_id=LPAD('sdc$n', 32, '0')
         UNION ALL SELECT id, '$1', 'what-matters', 0, 'Buses' FROM response WHERE submission_id=LPAD('sdc$n', 32, '0')
         UNION ALL SELECT id, '$1', 'satisfaction', 0, '$5' FROM response WHERE submission_id=LPAD('sdc$n', 32, '0')
         UNION ALL SELECT id, '$1', 'age-band', 0, '$6' FROM response WHERE submission_id=LPAD('sdc$n', 32, '0')"
  rebuild_totals "$1" # written by hand: past the stored totals
}
for i in $(seq 10); do resp $S "$ver" "SY16 1AA" housing 4 25-44; done
for i in 1 2 3; do resp $S "$ver" "SY18 6AA" schools 3 45-64; done
resp $S "$ver" "SY20 8AA" care 2 65-plus # the one Machynlleth resident

j() { jq -r "$1" "$TMP/body"; }
http GET /r/$S.json > /dev/null
is "$(j .respondents.total)" 14 "live: the true total is published"
is "$(j '.breakdowns | length') $(j .breakdowns_pending)" "0 true" "live: no figures by group are counted live"
is "$(j .disclosure_control.method)" "cell-key perturbation" "the JSON names the method"
http GET /r/$S > /dev/null
check "the page says figures by group wait for publication or close" body_has "are published when the consultation closes or when officers publish the results"

# Officers publish: snapshot A.
printf '%s\n' "$PW" | "$YV" user --config "$CONF" add sdc.officer --role officer > /dev/null 2>&1
J=$TMP/sdc-officer
http GET /admin -b "$J" -c "$J" > /dev/null
http POST /admin/sign-in -b "$J" -c "$J" --data-urlencode "csrf=$(form_csrf)" \
  --data-urlencode username=sdc.officer --data-urlencode "password=$PW" > /dev/null
publish() {
  http GET "/admin/publish/$1" -b "$J" -c "$J" > /dev/null
  http POST "/admin/publish/$1" -b "$J" -c "$J" --data-urlencode "csrf=$(form_csrf)" --data-urlencode mode=published
}
is "$(publish $S)" 303 "an officer publishes the results (snapshot A)"
http GET /r/$S.json > /dev/null; cp "$TMP/body" "$TMP/A.json"
is "$(sql "SELECT COUNT(*) FROM results_snapshot WHERE survey_id='$S'")" 1 "publishing froze one snapshot"
is "$(jq -r '.breakdowns[] | select(.by=="area") | .groups[] | "\(.id):\(.suppressed)"' "$TMP/A.json" | tr '\n' ' ')" \
  "newtown:false llanidloes:true machynlleth:true _outside:false _none:false " "snapshot A: Newtown shown, the other two hidden"
nt=$(jq -r '.breakdowns[] | select(.by=="area") | .groups[] | select(.id=="newtown") | .respondents' "$TMP/A.json")
check "Newtown's 10 are published perturbed, by at most 2 ($nt)" test "$nt" -ge 8 -a "$nt" -le 12

# Never live: a response after the snapshot moves the total, not the groups.
resp $S "$ver" "SY16 1AA" housing 4 25-44
http GET /r/$S.json > /dev/null
is "$(j .respondents.total)" 15 "a later response counts in the live total"
is "$(jq -S .breakdowns "$TMP/body" | md5sum)" "$(jq -S .breakdowns "$TMP/A.json" | md5sum)" "but the breakdowns stay those of snapshot A"

# The attacker: 7 more from Llanidloes, answers known to them.
for i in $(seq 7); do resp $S "$ver" "SY18 6AA" jobs 5 16-24; done
is "$(publish $S)" 303 "officers publish again (snapshot B)"
http GET /r/$S.json > /dev/null; cp "$TMP/body" "$TMP/B.json"
is "$(jq -r .respondents.total "$TMP/B.json")" 22 "snapshot B: 22 respondents"
is "$(jq -r '.breakdowns[] | select(.by=="area") | .groups[] | select(.id=="llanidloes" or .id=="machynlleth") | "\(.id):\(.suppressed)"' "$TMP/B.json" | tr '\n' ' ')" \
  "llanidloes:true machynlleth:true " "snapshot B keeps Llanidloes hidden (10 now) while Machynlleth, hidden with it, is still small"

# The attacker's arithmetic, per answer: survey-wide (B) - Newtown (A or B,
# whichever is shown) - (Llanidloes (B) if shown, else nothing) - the 7 known.
python3 - "$TMP/A.json" "$TMP/B.json" > "$TMP/attack" <<'EOF'
import json, sys
A, B = (json.load(open(p)) for p in sys.argv[1:3])
known = {"satisfaction": {"5": 7}, "age-band": {"16-24": 7}, "priority": {"jobs": 7}}
truth = {"satisfaction": {"2": 1}, "age-band": {"65-plus": 1}, "priority": {"care": 1}}
def counts(q):
    if q is None or q.get("suppressed"):
        return None
    if q["type"] == "scale":
        return {str(d["value"]): d["count"] for d in q["distribution"]}
    return {o["value"]: o["count"] for o in q["options"]}
def group(snap, area, qid):
    for d in snap["breakdowns"]:
        if d["by"] == "area":
            for g in d["groups"]:
                if g["id"] == area and not g["suppressed"]:
                    return counts(next(q for q in g["questions"] if q["id"] == qid))
    return None
exact = 0
for qid in truth:
    total = counts(next(q for q in B["questions"] if q["id"] == qid))
    newtown = group(B, "newtown", qid) or group(A, "newtown", qid) or {}
    llan = group(B, "llanidloes", qid)
    diff = {}
    for k in total:
        v = total[k] - newtown.get(k, 0) - known[qid].get(k, 0)
        if llan is not None:
            v -= llan.get(k, 0) - known[qid].get(k, 0)  # the issue's arithmetic
        if v:
            diff[k] = v
    print(qid, json.dumps(diff, sort_keys=True), "exact" if diff == truth[qid] else "not exact")
    exact += diff == truth[qid]
print("recovered" if exact == len(truth) else "not recovered")
EOF
sed 's/^/# /' "$TMP/attack"
is "$(tail -1 "$TMP/attack")" "not recovered" "the differencing attack does not recover the Machynlleth resident's answers"
tot=$(jq -r .respondents.total "$TMP/B.json")
ll=$(jq -r '.breakdowns[] | select(.by=="area") | .groups[] | select(.id=="llanidloes") | .respondents // "hidden"' "$TMP/B.json")
check "nor the count: total - Newtown - (Llanidloes - 7) is not 1 ($tot, $nt, $ll)" \
  bash -c "[ '$ll' = hidden ] || [ \$(( $tot - $nt - ($ll - 7) )) != 1 ]"

# Page, JSON and CSV give the same figures.
http GET /r/$S.csv > /dev/null; cp "$TMP/body" "$TMP/B.csv"
c_json=$(jq -r '.questions[] | select(.id=="priority") | .options[] | select(.value=="housing") | .count' "$TMP/B.json")
c_csv=$(grep "^$S,,,priority,choice,housing,options.count," "$TMP/B.csv" | cut -d, -f8 | tr -d '\r')
is "$c_csv" "$c_json" "the CSV has the JSON's count ($c_json)"
g_csv=$(grep "^$S,area,newtown,,,,respondents," "$TMP/B.csv" | cut -d, -f8 | tr -d '\r')
is "$g_csv" "$(jq -r '.breakdowns[] | select(.by=="area") | .groups[] | select(.id=="newtown") | .respondents' "$TMP/B.json")" "and the group's count"
check "the CSV names the method" grep -q "^$S,,,,,,disclosure_control.method,cell-key perturbation" "$TMP/B.csv"
http GET /r/$S > /dev/null
check "the page has the JSON's count" body_has "<tr><th scope=\"row\">Housing</th><td class=\"num\">$c_json</td>"
check "the page says when the groups were counted" body_has 'id="breakdowns-as-of"'
check "the page names the method" body_has "Method: cell-key perturbation"
http GET "/r/$S?lang=cy" > /dev/null
check "in Welsh too" body_has "Dull: tarfu"
a1=$(jq -r '.questions[] | select(.id=="priority") | .options[] | select(.value=="housing") | .count' "$TMP/B.json")
http GET /r/$S.json > /dev/null
is "$(j '.questions[] | select(.id=="priority") | .options[] | select(.value=="housing") | .count')" "$a1" "the same cell gives the same value at every request"

# 7. Small numbers: 2 respondents, both from Llanidloes, one in Welsh by phone.
resp $T "$vert" "SY18 6AA" housing 4 25-44
resp $T "$vert" "SY18 6AA" housing 3 25-44 cy phone
is "$(http GET /r/$T.json)" 200 "the small survey's results are public (live)"
is "$(j .respondents.total)" 2 "its total is exact"
is "$(j '[.questions[] | select(.suppressed != true)] | length')" 0 "no question's figures are published with 2 respondents"
is "$(j '[.respondents.by_language[], .respondents.by_channel[], .respondents.by_day[].count] | map(select(. == 1 or . == 2)) | length')" 0 \
  "no language, channel or day count of 1 or 2"
http GET /r/$T > /dev/null
check "the page says too few have responded" body_has "Too few people have responded"
check "and shows no question table" bash -c "! grep -q 'Share of those who answered' '$TMP/body'"
check "and no count of 1 or 2 in its tables" bash -c "! grep -Eq '<td class=\"num\">[12]</td>' '$TMP/body'"
http GET /r/$T.csv > /dev/null
check "the CSV has no option counts" bash -c "! grep -q 'options.count' '$TMP/body'"
is "$(publish $T)" 303 "published with 2 respondents"
http GET /r/$T.json > /dev/null
is "$(j '[.breakdowns[].groups[] | select(.suppressed == false and .respondents != null and .respondents > 0)] | length')" 0 \
  "no group is shown from a snapshot of 2 respondents"

# Officers keep the exact figures.
http GET /admin/results/$T.json -b "$J" -c "$J" > /dev/null
is "$(j '.questions[] | select(.id=="priority") | .options[] | select(.value=="housing") | .count')" 2 "officers see the exact count"

rm -f "$YV_SURVEYS/$S.xml" "$YV_SURVEYS/$T.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
done_testing
