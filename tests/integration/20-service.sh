#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# The service's life: a killed worker is replaced, SIGHUP loads new survey
# files, a broken set is refused while the old one keeps serving, and
# closed and not-yet-open surveys show a page instead of a form.
. "$(dirname "$0")/lib.sh"
master=$(cat "$YV_STATE/run/app.pid")
S=what-matters

# The workers only, not the themes summariser (yv-themes, 85-themes.sh).
workers() { pgrep -x -P "$master" yourvoice | sort | tr '\n' ' '; }
before=$(workers)
check "the master runs two workers" test "$(echo $before | wc -w)" -eq 2
victim=$(echo $before | cut -d' ' -f1)
kill -9 "$victim"
for _ in $(seq 30); do
  now=$(workers)
  [ "$(echo $now | wc -w)" -eq 2 ] && [[ " $now " != *" $victim "* ]] && break
  sleep 0.2
done
check "a killed worker is replaced" bash -c "[ \$(echo '$now' | wc -w) -eq 2 ] && [[ ' $now ' != *' $victim '* ]]"
ok_all=1
for _ in $(seq 10); do [ "$(http GET /)" = 200 ] || ok_all=0; done
check "requests keep being served after the restart" test $ok_all -eq 1
check "the master logged the death" grep -q "worker $victim died" "$YV_STATE/log/app.log"

# New files: one closed, one not yet open. SIGHUP loads them.
sed -e '0,/id="what-matters"/s//id="closed-fixture"/' -e 's/closes="2099-12-31T23:59"/closes="2025-02-01T09:00"/' \
  -e 's/results="2100-01-31"/results="2025-03-01"/' "$YV_SURVEYS/$S.xml" > "$YV_SURVEYS/closed-fixture.xml"
sed -e '0,/id="what-matters"/s//id="future-fixture"/' -e 's/opens="2025-01-06T09:00"/opens="2098-01-06T09:00"/' \
  "$YV_SURVEYS/$S.xml" > "$YV_SURVEYS/future-fixture.xml"
kill -HUP "$master"
for _ in $(seq 50); do [ "$(http GET /s/closed-fixture)" = 200 ] && break; sleep 0.2; done
st=$(http GET /s/closed-fixture)
is "$st" 200 "SIGHUP loads a new survey file"
check "a closed survey says when it closed" body_has "This consultation closed on 1 February 2025, 09:00"
check "a closed survey shows no form" bash -c "! grep -q '<form' '$TMP/body'"
st=$(http GET /s/future-fixture)
check "a survey not open yet says when it opens" body_has "This consultation is not open yet. It opens on 6 January 2098, 09:00"
count=$(sql "SELECT COUNT(*) FROM response")
st=$(http POST /s/closed-fixture --data "sid=$(printf '%032d' 5)&priority=schools")
is "$st" 403 "a submission to a closed survey is refused"
is "$(sql "SELECT COUNT(*) FROM response")" "$count" "and nothing is stored"
st=$(http GET /)
check "home lists the closed survey under closed consultations" bash -c "sed -n '/Closed consultations/,\$p' '$TMP/body' | grep -qE 'Results due|Read the results'"
check "home does not list a survey that is not open yet" bash -c "! grep -q 'future-fixture' '$TMP/body'"
st=$(http GET "/s/closed-fixture?lang=cy")
check "the closed page is in Welsh with ?lang=cy" body_has "Caeodd yr ymgynghoriad hwn ar 1 Chwefror 2025"

# A broken file: the reload is refused and logged; the old set keeps serving.
printf '<survey xmlns="urn:yourvoice:survey:1" id="broken-fixture">\n<title>unclosed\n' > "$YV_SURVEYS/broken-fixture.xml"
lines=$(wc -l < "$YV_STATE/log/app.log")
kill -HUP "$master"
for _ in $(seq 50); do tail -n +"$lines" "$YV_STATE/log/app.log" | grep -q "reload refused" && break; sleep 0.2; done
check "a reload with a broken file is refused and logged" bash -c "tail -n +$lines '$YV_STATE/log/app.log' | grep -q 'reload refused'"
check "the log names the broken file with line and column" bash -c "tail -n +$lines '$YV_STATE/log/app.log' | grep -qE 'broken-fixture.xml:[0-9]+:[0-9]+: '"
is "$(http GET /s/closed-fixture)" 200 "the surveys already loaded keep serving"
is "$(http GET /s/broken-fixture)" 404 "the broken survey is not served"
# The reload that speaks (conf/local reload, systemctl reload): the refused
# file with its line and column, a non-zero exit, and no signal sent.
lines=$(wc -l < "$YV_STATE/log/app.log")
out=$("$SRC/conf/stack" app-reload 2>&1); rc=$?
is "$rc" 1 "conf/stack app-reload exits 1 when a file is refused"
check "it names the refused file with line and column" grep -qE '^  .*broken-fixture.xml:[0-9]+:[0-9]+: ' <<< "$out"
check "it says nothing changed" grep -q 'reload refused: 1 file(s)' <<< "$out"
check "and the service was not signalled" bash -c "! tail -n +$((lines + 1)) '$YV_STATE/log/app.log' | grep -q 'SIGHUP'"
out=$("$SRC/app/yourvoice" reload --config "$YV_STATE/yourvoice.conf" --pid "$YV_STATE/run/app.pid" 2>&1); rc=$?
is "$rc" 1 "yourvoice reload exits 1 too"
rm -f "$YV_SURVEYS/broken-fixture.xml" "$YV_SURVEYS/closed-fixture.xml" "$YV_SURVEYS/future-fixture.xml"
out=$("$SRC/conf/stack" app-reload 2>&1); rc=$?
is "$rc" 0 "conf/stack app-reload exits 0 when every file loads"
check "it lists each survey loaded" grep -q "^loaded $S from " <<< "$out"
check "and says the service is reloading them" grep -q 'is reloading them' <<< "$out"
for _ in $(seq 50); do [ "$(http GET /s/closed-fixture)" = 404 ] && break; sleep 0.2; done
is "$(http GET /s/closed-fixture)" 404 "a removed file is gone after the next reload"
is "$(http GET /s/$S)" 200 "the sample survey still answers"
done_testing
