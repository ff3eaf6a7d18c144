#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Trust and satisfaction over time (issue #21): the five waves of the
# fixture series tests/fixtures/series (2025-q4 waiting for officers,
# 2026-q1..q3 closed, 2026-q4 open with live results) get known responses
# written with SQL (closed surveys take none over HTTP); /t/trust-tracker,
# its JSON and CSV must give, for each tracked question and public wave,
# the share of the wave's PUBLISHED (perturbed) counts in /r/<wave>.json,
# its 95 % Wilson interval and the test of the last change, all checked
# here against a hand computation (awk) from those published counts.
. "$(dirname "$0")/lib.sh"
T=trust-tracker
cp "$SRC"/tests/fixtures/series/*.xml "$YV_SURVEYS"/
"$SRC/conf/stack" app-reload > /dev/null 2>&1
for _ in $(seq 50); do [ "$(http GET /r/trust-2026-q4)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/trust-2026-q4)" 200 "the series' waves are loaded"

# Known answers: trust (1..5), informed (fully/partly/no), contacts, and
# area-satisfaction from 2026-q2 on.
waves=(2025-q4 2026-q1 2026-q2 2026-q3 2026-q4)
trust=("8 10 8 10 4" "6 8 8 12 6" "4 6 10 18 12" "3 5 8 20 14" "2 4 6 10 8")
informed=("8 12 20" "10 12 18" "12 18 20" "15 20 15" "10 10 10")
gen() {
  local w=$1 t=($2) inf=($3) i=0 v k opts=(fully partly no) s=trust-$1
  echo "INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES ('$s', REPEAT('e', 64));"
  local tv=() iv=()
  for v in 1 2 3 4 5; do for k in $(seq "${t[$((v - 1))]}"); do tv+=("$v"); done; done
  for v in 0 1 2; do for k in $(seq "${inf[$v]}"); do iv+=("${opts[$v]}"); done; done
  for i in "${!tv[@]}"; do
    echo "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, channel, status, submitted_at)
      VALUES ('$s', REPEAT('e', 64), SHA2(UUID(), 256), SHA2(UUID(), 256), '$([ $((i % 4)) = 0 ] && echo cy || echo en)', 'web', 'complete', NOW() - INTERVAL 1 DAY);
      SET @r = LAST_INSERT_ID();
      INSERT INTO answer (response_id, survey_id, question_id, ord, value) VALUES
        (@r, '$s', 'trust', 0, '${tv[$i]}'), (@r, '$s', 'informed', 0, '${iv[$i]}'),
        (@r, '$s', 'contacts', 0, '$(( (i * 3) % 7 ))')$([ "$w" \> 2026-q1 ] && echo ", (@r, '$s', 'area-satisfaction', 0, '$(( 1 + i % 5 ))')");"
  done
}
for i in "${!waves[@]}"; do gen "${waves[$i]}" "${trust[$i]}" "${informed[$i]}"; done > "$TMP/series.sql"
mariadb --defaults-file="$YV_STATE/my.cnf" -uroot yourvoice < "$TMP/series.sql"
is "$(sql "SELECT COUNT(*) FROM response WHERE survey_id LIKE 'trust-20%'")" 210 "210 responses written over the five waves"
# rows written by hand bypass the stored results totals (issue 23)
for w in "${waves[@]}"; do rebuild_totals "trust-$w"; done

is "$(http GET /t/$T.json)" 200 "/t/$T.json answers"
cp "$TMP/body" "$TMP/series.json"
is "$(jq -r '[.waves[].wave] | join(" ")' "$TMP/series.json")" "2025-q4 2026-q1 2026-q2 2026-q3 2026-q4" "the waves in order"
is "$(jq -r '[.waves[].public] | join(" ")' "$TMP/series.json")" "false true true true true" "the 2025-q4 wave, not published by officers, is not public"
is "$(jq -r '[.questions[].id] | join(" ")' "$TMP/series.json")" "trust informed contacts area-satisfaction" \
  "tracked: the questions asked in two waves or more, in the survey's order"
is "$(jq -r '.questions[0].waves[0].value' "$TMP/series.json")" null "no figure for a wave that is not public"

wilson() { awk -v k="$1" -v n="$2" 'BEGIN { z = 1.959963984540054; p = k / n; d = 1 + z*z/n; m = (p + z*z/(2*n)) / d;
  h = z * sqrt(p*(1-p)/n + z*z/(4*n*n)) / d; lo = m - h; hi = m + h; if (lo < 0) lo = 0; if (hi > 1) hi = 1; printf "%.6f %.6f %.6f", p, lo, hi }'; }
near() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d < 1e-6) }'; }
fig() { jq -r --arg q "$1" --argjson i "$2" '.questions[] | select(.id == $q) | .waves[$i] | "\(.positive) \(.base) \(.value) \(.ci95[0]) \(.ci95[1])"' "$TMP/series.json"; }
declare -A K N
for i in 1 2 3 4; do
  w=${waves[$i]}
  http GET "/r/trust-$w.json" > /dev/null; cp "$TMP/body" "$TMP/r-$w.json"
  # the published counts: 4s and 5s of those who rated; fully + partly of those who answered
  k=$(jq '[.questions[] | select(.id == "trust") | .distribution[] | select(.value > 3) | .count] | add' "$TMP/r-$w.json")
  n=$(jq '.questions[] | select(.id == "trust") | .rated' "$TMP/r-$w.json")
  K[trust$i]=$k; N[trust$i]=$n
  read -r gk gn gv glo ghi <<< "$(fig trust "$i")"
  read -r p lo hi <<< "$(wilson "$k" "$n")"
  check "trust $w: $gk of $gn positive, as the published counts of /r/trust-$w.json give" test "$gk:$gn" = "$k:$n"
  check "trust $w: share $gv and 95% interval $glo..$ghi as computed by hand ($p, $lo..$hi)" \
    bash -c "$(declare -f near); near $gv $p && near $glo $lo && near $ghi $hi"
  k=$(jq '[.questions[] | select(.id == "informed") | .options[] | select(.value == "fully" or .value == "partly") | .count] | add' "$TMP/r-$w.json")
  n=$(jq '.questions[] | select(.id == "informed") | .answered' "$TMP/r-$w.json")
  K[informed$i]=$k; N[informed$i]=$n
  read -r gk gn gv glo ghi <<< "$(fig informed "$i")"
  read -r p lo hi <<< "$(wilson "$k" "$n")"
  check "informed $w: the positive options ($k of $n) with their interval" \
    bash -c "$(declare -f near); [ '$gk:$gn' = '$k:$n' ] && near $gv $p && near $glo $lo && near $ghi $hi"
done
# the change: 2026-q3 to 2026-q4 (the last two with figures), pooled z
z=$(awk -v k1="${K[trust3]}" -v n1="${N[trust3]}" -v k2="${K[trust4]}" -v n2="${N[trust4]}" 'BEGIN {
  p1 = k1/n1; p2 = k2/n2; p = (k1+k2)/(n1+n2); printf "%.6f", (p2-p1) / sqrt(p*(1-p)*(1/n1+1/n2)) }')
is "$(jq -r '.questions[0].change | "\(.from) \(.to)"' "$TMP/series.json")" "2026-q3 2026-q4" "the change compares the last two waves with figures"
check "its z ($z) as computed by hand" near "$(jq -r '.questions[0].change.z' "$TMP/series.json")" "$z"
big=$(awk -v z="$z" 'BEGIN { print (z > 1.96 || z < -1.96) ? "true" : "false" }')
is "$(jq -r '.questions[0].change.larger_than_chance' "$TMP/series.json")" "$big" "larger than chance exactly when |z| > 1.96"
# 2026-q1 to 2026-q2 on trust is a rise from 18/40 to 30/50 (true counts)
z12=$(awk -v k1="${K[trust1]}" -v n1="${N[trust1]}" -v k2="${K[trust2]}" -v n2="${N[trust2]}" 'BEGIN {
  p1 = k1/n1; p2 = k2/n2; p = (k1+k2)/(n1+n2); printf "%.3f", (p2-p1) / sqrt(p*(1-p)*(1/n1+1/n2)) }')
ok "(for the record: trust 2026-q1 to q2 gives z = $z12)"
# numbers: the published mean of each closed wave; withheld while 2026-q4 is open
m=$(jq '.questions[] | select(.id == "contacts") | .mean' "$TMP/r-2026-q3.json")
check "contacts 2026-q3: the published mean ($m)" near "$(jq -r '.questions[2].waves[3].value' "$TMP/series.json")" "$m"
# Its 95 % interval, by hand: Student's t quantile found by bisection on
# the t distribution's CDF (Simpson's rule over its density), not by the
# service's series expansion; n and sd as published on /r/<wave>.json.
tq() { awk -v v="$1" 'function lg(x,  s) { s = 0; while (x < 7) { s -= log(x); x++ }
    return s + (x - 0.5) * log(x) - x + 0.5 * log(2 * 3.141592653589793) + 1 / (12 * x) - 1 / (360 * x^3) + 1 / (1260 * x^5) }
  function d(t) { return exp(lg((v + 1) / 2) - lg(v / 2) - 0.5 * log(v * 3.141592653589793) - (v + 1) / 2 * log(1 + t * t / v)) }
  function c(x,  n, h, s, i) { n = 2000; h = x / n; s = d(0) + d(x); for (i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * d(i * h); return s * h / 3 }
  BEGIN { lo = 1.5; hi = 5; for (k = 0; k < 40; k++) { m = (lo + hi) / 2; if (c(m) < 0.475) lo = m; else hi = m } printf "%.8f", (lo + hi) / 2 }'; }
near4() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d < 1e-4) }'; }
declare -A M SD CN
for i in 1 2 3; do
  w=${waves[$i]}
  read -r m sd n <<< "$(jq -r '.questions[] | select(.id == "contacts") | "\(.mean) \(.sd) \(.count)"' "$TMP/r-$w.json")"
  M[$i]=$m; SD[$i]=$sd; CN[$i]=$n
  t=$(tq $((n - 1)))
  read -r lo hi <<< "$(awk -v m="$m" -v s="$sd" -v n="$n" -v t="$t" 'BEGIN { h = t * s / sqrt(n); printf "%.6f %.6f", m - h, m + h }')"
  read -r gv glo ghi <<< "$(jq -r --argjson i "$i" '.questions[2].waves[$i] | "\(.value) \(.ci95[0]) \(.ci95[1])"' "$TMP/series.json")"
  check "contacts $w: mean $gv with 95% t interval $glo..$ghi, by hand $m, $lo..$hi (sd $sd, n $n, t $t)" \
    bash -c "$(declare -f near near4); near $gv $m && near4 $glo $lo && near4 $ghi $hi"
done
# the change of a mean: Welch's t between 2026-q2 and 2026-q3
read -r wt wdf <<< "$(awk -v m1="${M[2]}" -v s1="${SD[2]}" -v n1="${CN[2]}" -v m2="${M[3]}" -v s2="${SD[3]}" -v n2="${CN[3]}" 'BEGIN {
  a = s1 * s1 / n1; b = s2 * s2 / n2; printf "%.6f %.6f", (m2 - m1) / sqrt(a + b), (a + b)^2 / (a * a / (n1 - 1) + b * b / (n2 - 1)) }')"
is "$(jq -r '.questions[2].change | "\(.from) \(.to)"' "$TMP/series.json")" "2026-q2 2026-q3" "the mean's change compares the last two closed waves"
check "Welch's t ($wt, df $wdf) as computed by hand" bash -c "$(declare -f near4); near4 $(jq -r '.questions[2].change.t' "$TMP/series.json") $wt && near4 $(jq -r '.questions[2].change.df' "$TMP/series.json") $wdf"
tc=$(tq "$wdf")
big=$(awk -v t="$wt" -v c="$tc" 'BEGIN { print (t > c || t < -c) ? "true" : "false" }')
is "$(jq -r '.questions[2].change.larger_than_chance' "$TMP/series.json")" "$big" "larger than chance exactly when |t| > t(0.975, df) = $tc"
is "$(jq -r '.questions[2].waves[4].value' "$TMP/series.json")" null "no mean for the open wave (withheld until it closes, as on /r/)"
is "$(jq -r '.questions[3].waves | map(.value == null) | join(" ")' "$TMP/series.json")" "true true false false false" \
  "area satisfaction, asked from 2026-q2 on, has figures from then"

is "$(http GET /t/$T)" 200 "the page"
check "it is named after the series" body_has "<h1>Residents’ trust tracker</h1>"
check "it links each public wave's results" bash -c "grep -qF 'href=\"/r/trust-2026-q1\"' '$TMP/body' && ! grep -qF 'href=\"/r/trust-2025-q4\"' '$TMP/body'"
check "and says the 2025-q4 results are not published yet" body_has "results not published yet"
sh=$(awk -v k="${K[trust4]}" -v n="${N[trust4]}" 'BEGIN { printf "%.1f%%", 100*k/n }')
check "the trust table shows 2026-q4 at $sh" bash -c "grep -F '<th scope=\"row\">2026-q4</th>' '$TMP/body' | head -1 | grep -qF '$sh'"
if [ "$big" = true ]; then word='larger than chance'; else word='no larger than chance'; fi
check "the sentence on the last change says it is $word" bash -c "grep -A0 'series-change' '$TMP/body' | head -1 | grep -qF '$word'"
check "each chart has 16-unit text in a 320-unit box" bash -c "grep -q 'class=\"chart chart-line\" viewBox=\"0 0 320 200\"' '$TMP/body' && ! grep -o 'font-size=\"[0-9]*\"' '$TMP/body' | grep -vq 'font-size=\"16\"'"
is "$(http GET "/t/$T?lang=cy")" 200 "the page in Welsh"
check "in Welsh" body_has "<h1>Traciwr ymddiriedaeth trigolion</h1>"

is "$(http GET /t/$T.csv)" 200 "the CSV"
is "$(head -1 "$TMP/body" | tr -d '\r')" "series,question_id,question,figure,wave,survey_id,base,positive,value,ci95_low,ci95_high" "its header"
is "$(($(wc -l < "$TMP/body") - 1))" 20 "a row per tracked question and wave (4 x 5)"
is "$(grep "^$T,trust,.*,2026-q2," "$TMP/body" | cut -d, -f7,8 | tr -d '\r')" "${N[trust2]},${K[trust2]}" "the CSV's 2026-q2 trust row has its base and positive count"

is "$(http GET /t/no-such-series)" 404 "an unknown series is not found"
is "$(http GET /t/$T.xml)" 404 "nor another format"
is "$(http GET '/t/..%2Fetc')" 404 "nor a path"

# Two surveys claiming one wave: the set is refused, with the file and line.
sed -e 's/id="trust-2026-q1"/id="trust-2026-q1-copy"/' "$YV_SURVEYS/trust-2026-q1.xml" > "$YV_SURVEYS/trust-2026-q1-copy.xml"
out=$("$SRC/conf/stack" app-reload 2>&1); rc=$?
is "$rc" 1 "a second survey with the same wave is refused"
check "with the file, line and what is wrong" grep -qE "trust-2026-q1-copy.xml:[0-9]+:[0-9]+: series 'trust-tracker' wave '2026-q1' is also the wave of trust-2026-q1" <<< "$out"
rm -f "$YV_SURVEYS/trust-2026-q1-copy.xml"
is "$(http GET /t/$T)" 200 "the series keeps serving"
done_testing
