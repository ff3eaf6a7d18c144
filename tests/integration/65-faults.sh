#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Faults other than the database crash (60-crash.sh): workers killed under
# load, clients that vanish or trickle, a lock held too long, and a broken
# geo database. Every case checks that nothing is half-stored and that the
# service recovers by itself.
. "$(dirname "$0")/lib.sh"
W=what-matters
master=$(cat "$YV_STATE/run/app.pid")
complete_without_answers() { sql "SELECT COUNT(*) FROM response r WHERE status='complete' AND NOT EXISTS (SELECT 1 FROM answer a WHERE a.response_id = r.id)"; }

# Workers killed with SIGKILL while residents send responses.
cc -O2 -D_GNU_SOURCE -o "$TMP/journey_load" "$SRC/tests/bench/journey_load.c"
mkdir -p "$TMP/load"
"$TMP/journey_load" "$YV_HTTP_PORT" 6 8 "$TMP/load" > "$TMP/load.out" &
load=$!
kills=0
for _ in 1 2 3 4 5 6; do
  sleep 1
  victim=$(pgrep -P "$master" | head -1)
  [ -n "$victim" ] && kill -9 "$victim" && kills=$((kills + 1))
done
wait $load
read -r done failed _ _ < "$TMP/load.out"
echo "# workers killed: $kills; journeys completed: $done; journeys cut off: $failed"
check "residents kept completing journeys while workers were killed" test "$done" -gt 0
receipts=$(cat "$TMP"/load/client-*.txt | sort -u | wc -l)
found=$( { printf 'SELECT COUNT(*) FROM response WHERE receipt_hash IN ('; sort -u "$TMP"/load/client-*.txt | while read -r r; do code_hash "$r"; done | sed "s/.*/'&'/" | paste -sd,; printf "'');\n"; } | mariadb --defaults-file="$YV_STATE/my.cnf" -uroot -N -B yourvoice)
is "$found" "$receipts" "every receipt a resident was shown is stored"
is "$(complete_without_answers)" 0 "no response is stored without its answers"
for _ in $(seq 30); do [ "$(pgrep -P "$master" | wc -l)" -ge 2 ] && break; sleep 0.2; done
check "the master replaced every killed worker" test "$(pgrep -P "$master" | wc -l)" -ge 2
is "$(http GET /healthz)" 200 "the service is healthy afterwards"

# A client that disconnects before the reply.
JAR=$TMP/d1
jget "/s/$W" > /dev/null
csrf=$(form_csrf); page=$(form_action)
for _ in 1 2 3 4 5; do
  curl -s -o /dev/null --max-time 0.005 -b "$JAR" --data-urlencode "csrf=$csrf" --data-urlencode priority=care \
    --data-urlencode "what-matters=gone" --data-urlencode action=continue "$BASE$page" || true
done
is "$(http GET /healthz)" 200 "clients that hang up do not hurt the service"
is "$(complete_without_answers)" 0 "and leave nothing half-stored"

# Slow clients trickling their bodies do not hold the workers: nginx buffers
# them. More clients than workers each send half a form and stop; while all
# of them wait, other residents must be served. An event check, not a timing
# one: the slow bodies are finished only after the other requests answered.
body=""; slow_pids=()
nslow=$(( ${YV_WORKERS:-2} + 1 ))
for k in $(seq "$nslow"); do
  JAR=$TMP/d2-$k
  jget "/s/$W" > /dev/null
  body="csrf=$(form_csrf)&priority=housing&what-matters=slowly&action=continue"
  cookie=$(awk '$6 == "yv_s" { print $7 }' "$JAR")
  mkfifo "$TMP/go-$k"
  (
    exec 3<>/dev/tcp/127.0.0.1/"$YV_HTTP_PORT"
    printf 'POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: yv_s=%s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\nConnection: close\r\n\r\n' \
      "$(form_action)" "$cookie" "${#body}" >&3
    half=$(( ${#body} / 2 ))
    printf '%s' "${body:0:half}" >&3
    read -r _ < "$TMP/go-$k" # held here until the other residents were served
    printf '%s' "${body:half}" >&3
    head -1 <&3 > "$TMP/slow-$k.status"
  ) &
  slow_pids+=($!)
done
: > "$TMP/fast"
for _ in 1 2 3 4 5 6 7 8; do http GET / --max-time 30 >> "$TMP/fast"; echo >> "$TMP/fast"; done
is "$(sort -u "$TMP/fast" | tr -d '\n')" 200 "other residents are served while $nslow bodies (more than the workers) are half sent"
for k in $(seq "$nslow"); do echo go > "$TMP/go-$k"; done
wait "${slow_pids[@]}"
check "the trickled forms are accepted once complete" bash -c "cat '$TMP'/slow-*.status | grep -c ' 303 ' | grep -qx $nslow"

# A lock held too long: the send is retried, then answered 503 with the
# answers kept, and succeeds once the lock is gone.
conf=$YV_STATE/yourvoice.conf
sql "SET GLOBAL innodb_lock_wait_timeout = 1"
"$SRC/conf/stack" app-restart
JAR=$TMP/d3
jget "/s/$W" > /dev/null
jpost "$(form_action)" priority=jobs "what-matters=Locked out" action=continue > /dev/null
for _ in 1 2 3 4 5; do loc=$(header Location); [[ $loc == */check ]] && break; jget "$loc" > /dev/null; jpost "$(form_action)" action=continue > /dev/null; done
jget "/s/$W/check" > /dev/null
sid=$(form_sid); csrf=$(form_csrf)
before=$(sql "SELECT COUNT(*) FROM response")
mariadb --defaults-file="$YV_STATE/my.cnf" -uroot yourvoice -e \
  "START TRANSACTION; SELECT * FROM survey_version WHERE survey_id='$W' FOR UPDATE; SELECT SLEEP(6); ROLLBACK;" > /dev/null &
holder=$!
sleep 0.5
st=$(http POST "/s/$W/check" -b "$JAR" --data-urlencode "csrf=$csrf" --data-urlencode "sid=$sid")
is "$st" 503 "a send blocked by a lock is answered 503 after retries"
check "with Retry-After" test -n "$(header Retry-After)"
check "and the resident's answers still on the page" body_has "Locked out"
is "$(sql "SELECT COUNT(*) FROM response")" "$before" "nothing was stored by the blocked send"
wait $holder
st=$(http POST "/s/$W/check" -b "$JAR" --data-urlencode "csrf=$csrf" --data-urlencode "sid=$sid")
is "$st" 303 "the same send succeeds once the lock is released"
sql "SET GLOBAL innodb_lock_wait_timeout = 10"

# A truncated geo database: the service starts and stores unknown geo.
cp "$conf" "$TMP/conf.orig"
sed -i "s|^geo_country_db = .*|geo_country_db = $YV_STATE/geo/truncated.mmdb|" "$conf"
"$SRC/conf/stack" app-restart
is "$(http GET /healthz)" 200 "the service starts with a truncated geo database"
JAR=$TMP/d4
jget "/s/$W" > /dev/null
jpost "$(form_action)" priority=care "what-matters=No geo" action=continue > /dev/null
for _ in 1 2 3 4 5; do loc=$(header Location); [[ $loc == */check ]] && break; jget "$loc" > /dev/null; jpost "$(form_action)" action=continue > /dev/null; done
jget "/s/$W/check" > /dev/null
st=$(http POST "/s/$W/check" -b "$JAR" -H "X-Forwarded-For: 192.0.2.44" --data-urlencode "csrf=$(form_csrf)" --data-urlencode "sid=$(form_sid)")
is "$st" 303 "and still stores responses"
is "$(sql "SELECT COALESCE(geo_country, 'unknown') FROM response WHERE receipt_hash='$(code_hash "$(head -1 "$TMP/body")")'")" unknown "with unknown geo"
cp "$TMP/conf.orig" "$conf"
"$SRC/conf/stack" app-restart
done_testing
