#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Crash test: acknowledged means durable. Eight residents answer a copy of
# the what-matters survey over and over (GET the first page, POST it with
# its anti-forgery token, POST the optional pages, GET check your answers,
# POST it with its submission id) while MariaDB is killed with SIGKILL and
# restarted again and again. A resident who gets an error retries the same
# step (the final send with the same submission id). Afterwards: every
# receipt a resident was shown is in the database with exactly the answers
# sent (each submission carries a unique marker), no response is partial,
# no submission is stored twice, and during the outages the service
# answered 503 with Retry-After. Bounded: about 60 s of load and kills,
# then at most ~30 s for the residents to finish.
# YV_CRASH_CLIENTS and YV_CRASH_SECONDS change the load.
. "$(dirname "$0")/lib.sh"

S=crash-what-matters
CLIENTS=${YV_CRASH_CLIENTS:-8}
LOAD_SECONDS=${YV_CRASH_SECONDS:-60}
ROOT=$TMP
mkdir -p "$ROOT/clients"

# A copy of what-matters without its per-survey abuse rules, so the load
# from one machine is not refused: this test is about durability.
sed -e '0,/id="what-matters"/s//id="crash-what-matters"/' -e '/<abuse /d' \
  "$YV_SURVEYS/what-matters.xml" > "$YV_SURVEYS/$S.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET "/s/$S")" = 200 ] && break; sleep 0.2; done
is "$(http GET "/s/$S")" 200 "crash: the survey copy is served"

# post PATH CSRF field=value...: a form POST with the given token (not the
# one of the last page seen: after a 503 that page may be an error page).
post() {
  local p=$1 csrf=$2; shift 2
  local args=(--data-urlencode "csrf=$csrf")
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  http POST "$p" -b "$JAR" -c "$JAR" -H "X-Forwarded-For: $XFF" "${args[@]}"
}
get() { local p=$1; shift; http GET "$p" -b "$JAR" -c "$JAR" -H "X-Forwarded-For: $XFF" "$@"; }

# note STATUS: one line per answer the resident got, with Retry-After.
note() { echo "$1 $(header Retry-After)" >> "$TMP/statuses"; }

# try get|post ARGS...: retry a step while the service answers 5xx or not
# at all, at most ~30 s; prints the last status, fails when it never passed.
try() {
  local kind=$1 st n=0; shift
  for _ in $(seq 100); do
    n=$((n + 1)); echo "$n" > "$TMP/attempts"
    st=$("$kind" "$@" 2>/dev/null) || st=000
    note "$st"
    case $st in 5?? | 000) sleep 0.3 ;; *) echo "$st"; return 0 ;; esac
  done
  echo "$st"
  return 1
}

# One resident's full journey; appends "marker receipt" on success.
submit() { # submit CLIENT SEQ
  local c=$1 k=$2 marker st csrf sid loc priority
  marker="crash-$c-$k-$RANDOM$RANDOM"
  JAR=$TMP/jar-$k
  XFF="10.$c.$((k % 250)).1" # a network of its own: per-network limits are not the subject
  priority=$(echo roads-transport schools care housing | cut -d' ' -f$((k % 4 + 1)))
  echo "$marker $priority" >> "$TMP/sent"
  st=$(try get "/s/$S") && [ "$st" = 200 ] || return 1
  csrf=$(form_csrf); loc=$(form_action)
  st=$(try post "$loc" "$csrf" "priority=$priority" "what-matters=Marker $marker" action=continue) &&
    [ "$st" = 303 ] || return 1
  for _ in 1 2 3 4; do
    loc=$(header Location)
    [[ $loc == */check ]] && break
    st=$(try get "$loc") && [ "$st" = 200 ] || return 1
    csrf=$(form_csrf); loc=$(form_action)
    case $loc in
      */one-thing) st=$(try post "$loc" "$csrf" "one-change=Change $marker" satisfaction=4 action=continue) ;;
      */about-you) st=$(try post "$loc" "$csrf" age-band=25-44 action=continue) ;;
      *) st=$(try post "$loc" "$csrf" action=continue) ;;
    esac
    [ "$st" = 303 ] || return 1
  done
  st=$(try get "/s/$S/check") && [ "$st" = 200 ] || return 1
  csrf=$(form_csrf); sid=$(form_sid)
  [ -n "$sid" ] || return 1
  # The send: retried with the same submission id, so a send that was
  # stored but whose answer was lost gets the same receipt, not a second row.
  st=$(try post "/s/$S/check" "$csrf" "sid=$sid") && [ "$st" = 303 ] || return 1
  local receipt; receipt=$(head -1 "$TMP/body")
  [[ $receipt =~ ^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$ ]] || return 1
  echo "$marker $receipt" >> "$TMP/acked"
  [ "$(cat "$TMP/attempts")" -gt 1 ] && echo "$marker" >> "$TMP/send-retried"
  return 0
}

client() { # client N: journeys until the deadline
  local c=$1 k=0
  TMP=$ROOT/clients/$c
  mkdir -p "$TMP"
  : > "$TMP/sent"; : > "$TMP/acked"; : > "$TMP/statuses"; : > "$TMP/send-retried"
  while [ "$(date +%s)" -lt "$DEADLINE" ]; do
    k=$((k + 1))
    submit "$c" "$k" || echo "$k" >> "$TMP/failed"
  done
}

since=$(sql "SELECT UTC_TIMESTAMP(3)") # this run's responses only, should the test run twice
DEADLINE=$(( $(date +%s) + LOAD_SECONDS ))
pids=()
for c in $(seq "$CLIENTS"); do
  client "$c" & pids+=($!)
done

# Kill MariaDB with SIGKILL every few seconds while the load runs.
kills=0
start_fail=0
while [ "$(date +%s)" -lt $((DEADLINE - 8)) ]; do
  sleep $((2 + RANDOM % 4))
  "$SRC/conf/stack" db-kill > /dev/null 2>&1 && kills=$((kills + 1))
  sleep $((1 + RANDOM % 3))
  "$SRC/conf/stack" db-start > "$ROOT/db-start.log" 2>&1 || start_fail=1
done
"$SRC/conf/stack" db-start > "$ROOT/db-start.log" 2>&1 || start_fail=1
is "$start_fail" 0 "crash: MariaDB restarts after every kill"
check "crash: MariaDB was killed more than once during the load" test "$kills" -ge 2
for p in "${pids[@]}"; do wait "$p"; done

cat "$ROOT"/clients/*/sent > "$ROOT/sent"
cat "$ROOT"/clients/*/acked > "$ROOT/acked"
cat "$ROOT"/clients/*/statuses > "$ROOT/statuses"
submissions=$(wc -l < "$ROOT/sent")
acked=$(wc -l < "$ROOT/acked")

# What the database holds for the copy, one line per response:
# receipt (its keyed hash), number of answers, then every answer as question=value.
sql "SELECT r.receipt_hash, COUNT(a.question_id),
            GROUP_CONCAT(CONCAT(a.question_id, '=', a.value) ORDER BY a.question_id SEPARATOR '|')
     FROM response r LEFT JOIN answer a ON a.response_id = r.id
     WHERE r.survey_id = '$S' AND r.submitted_at >= '$since' GROUP BY r.id" > "$ROOT/stored"
stored=$(wc -l < "$ROOT/stored")

# Every acknowledged receipt, with exactly what was sent.
missing=0 wrong=0
while read -r marker receipt; do
  priority=$(grep -m1 "^$marker " "$ROOT/sent" | cut -d' ' -f2)
  h=$(code_hash "$receipt")
  want="$h	5	age-band=25-44|one-change=Change $marker|priority=$priority|satisfaction=4|what-matters=Marker $marker"
  got=$(grep -m1 "^$h	" "$ROOT/stored")
  if [ -z "$got" ]; then
    missing=$((missing + 1)); echo "# lost: $receipt ($marker)"
  elif [ "$got" != "$want" ]; then
    wrong=$((wrong + 1)); echo "# wrong: $got"; echo "#  want: $want"
  fi
done < "$ROOT/acked"
retried=$(cat "$ROOT"/clients/*/send-retried | wc -l)
echo "# crash test: $submissions submissions started by $CLIENTS residents, $acked acknowledged" \
  "with a receipt ($retried of them after a send that failed first), $stored stored," \
  "MariaDB killed $kills times"
check "crash: the load acknowledged some submissions" test "$acked" -ge 10
is "$missing" 0 "crash: every receipt a resident was shown is in the database"
is "$wrong" 0 "crash: each acknowledged response holds exactly the answers sent"
is "$(awk -F'\t' '$2 != 5' "$ROOT/stored" | wc -l)" 0 "crash: no response is partial (every one has all its answers)"
is "$(grep -o 'what-matters=Marker [^|]*' "$ROOT/stored" | sort | uniq -d | wc -l)" 0 \
  "crash: no submission is stored twice"
is "$(cut -f1 "$ROOT/stored" | sort | uniq -d | wc -l)" 0 "crash: receipts are unique"
is "$(cut -d' ' -f2 "$ROOT/acked" | sort | uniq -d | wc -l)" 0 "crash: no two residents were shown the same receipt"
unknown=$(grep -o 'what-matters=Marker [^|]*' "$ROOT/stored" | sed 's/.*Marker //' | sort |
  comm -23 - <(cut -d' ' -f1 "$ROOT/sent" | sort) | wc -l)
is "$unknown" 0 "crash: every stored response is one a resident sent"
n503=$(grep -c '^503' "$ROOT/statuses")
echo "# answers during the run: $(cut -d' ' -f1 "$ROOT/statuses" | sort | uniq -c | tr -s ' ' | tr '\n' ',')"
check "crash: the service answered 503 during the outages" test "$n503" -gt 0
is "$(grep '^503' "$ROOT/statuses" | awk 'NF < 2' | wc -l)" 0 "crash: every 503 carried Retry-After"
is "$(grep -cE '^(500|502|504|000)' "$ROOT/statuses")" 0 "crash: no 500, 502, 504 or dropped connection"
st=$(http GET /healthz)
is "$st" 200 "crash: healthy again after the last restart"

# The stored results totals (issue 23) moved in each send's transaction,
# so the kills lost none: a recount of every answer agrees with each cell
# (the background process builds the copy's totals shortly after it is
# loaded; the sends before that are in its recount).
for _ in $(seq 50); do "$SRC/app/yourvoice" results --config "$YV_STATE/yourvoice.conf" "$S" --verify > "$ROOT/verify" 2>&1 && break; sleep 0.2; done
check "crash: the stored results totals equal a recount (yourvoice results --verify)" \
  "$SRC/app/yourvoice" results --config "$YV_STATE/yourvoice.conf" "$S" --verify
grep -v '^crash-what-matters: the stored' "$ROOT/verify" | head -5 | sed 's/^/# /'

rm -f "$YV_SURVEYS/$S.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
done_testing
