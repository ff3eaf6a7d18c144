#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Galera multi-primary (issue 11, docs/scaling.md, topology 3): conf/galera
# starts, beside the test stack, a two-node Galera cluster with the settings
# the doc gives and the arbitrator as third vote, two app instances each
# writing through its own node, and nginx over both (HTTP ports +20..+22,
# MariaDB +20, +21). Then:
#   - the schema, the sign-in key record and the officers' accounts made on
#     one node are there on the other;
#   - a resident's journey alternates between the instances, so each page
#     is saved on one node and read on the other (wsrep_sync_wait: causal
#     reads), and completes with one receipt;
#   - under a load of journeys on both nodes, one node is killed: the
#     journeys continue through the other instance and node, nothing shown
#     with a receipt is lost or stored twice; restarted, the node catches
#     up and holds the same responses; the published count is the same
#     through both instances.
# Bounded (about a minute); the cluster is stopped and removed on any exit.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journeys.sh"
MARK=galera

# The nodes run as the mysql user: their directory must not sit under the
# test stack's private (mode 700) state directory.
TOP=$(mktemp -d /tmp/yv-galera.XXXXXX)
S=galera-what-matters
export YV_WORKERS=2 YV_THEMES_INTERVAL=0
LOAD_SECONDS=${YV_GALERA_SECONDS:-20}
BASE="http://127.0.0.1:$((YV_HTTP_PORT + 20))" # lib.sh's http() now goes to this nginx
galera() { YV_STATE=$TOP "$SRC/conf/galera" "$@"; }
cleanup() {
  galera down > /dev/null 2>&1
  rm -rf "$TOP" "$TMP"
  rm -f "$YV_SURVEYS/$S.xml"
}
trap cleanup EXIT
sqln() { mariadb --defaults-file="$TOP/node$1/my.cnf" -uroot -N -B -r yourvoice -e "$2"; }

live_copy

galera down > /dev/null 2>&1
YV_STATE=$TOP timeout 180 "$SRC/conf/galera" up > "$TMP/up.log" 2>&1 < /dev/null
galera status > "$TMP/status" 2>&1
st=$?
check "galera: two nodes, the arbitrator, two instances and nginx start" test $st -eq 0
[ $st -eq 0 ] || { cat "$TMP/up.log" "$TMP/status"; tail -5 "$TOP"/node*/log/mariadb.err "$TOP"/app/log/app*.log 2>/dev/null; done_testing; exit 1; }
is "$(grep -c 'Synced, cluster size 3' "$TMP/status")" 2 "galera: both nodes are synced in a cluster of three (with the arbitrator)"

# What one node got at start-up, the other has.
is "$(sqln 2 "SELECT COUNT(*) FROM installation_key")" 1 "galera: the key record made through node 1 is on node 2"
: > "$TMP/health"
for _ in 1 2 3 4; do http GET /healthz > /dev/null; cat "$TMP/body" >> "$TMP/health"; done
check "galera: both instances are healthy, with one key" \
  bash -c "[ \$(grep -c '^ok$' '$TMP/health') = 4 ] && grep -q '^instance: app2$' '$TMP/health' && [ \$(grep '^key id:' '$TMP/health' | sort -u | wc -l) = 1 ]"
printf 'correct-horse-battery-staple\n' | "$SRC/app/yourvoice" user --config "$TOP/app/yourvoice.conf" add gal.officer --role officer > /dev/null 2>&1
is "$(sqln 2 "SELECT COUNT(*) FROM app_user WHERE username = 'gal.officer'")" 1 "galera: an account added through node 1 is on node 2"

# One journey, every step on the other instance (and node) than the last.
JAR=$TMP/resident
walk "Galera marker one"
check "journey: answers saved through one node are shown through the other" body_has "Galera marker one"
st=$(jpost "/s/$S/check" "sid=$(form_sid)"); step
receipt=$(head -1 "$TMP/body")
is "$st" 303 "journey: the response is sent"
check "journey: the instances alternate" bash -c "[ \$(uniq '$TMP/who' | wc -l) = \$(wc -l < '$TMP/who') ] && [ \$(sort -u '$TMP/who' | wc -l) = 2 ]"
is "$(sqln 1 "SELECT COUNT(*) FROM response WHERE receipt_hash = '$(code_hash "$receipt" "$TOP/app/secret.key")'") $(sqln 2 "SELECT COUNT(*) FROM response WHERE receipt_hash = '$(code_hash "$receipt" "$TOP/app/secret.key")'")" \
  "1 1" "journey: its receipt is on both nodes at once"
t1=$(total); w1=$(served_by); t2=$(total); w2=$(served_by)
is "$t1 $t2" "1 1" "journey: the published count includes it through both instances ($w1, $w2)"

# Load on both nodes; node 2 dies and comes back.
ROOT=$TMP/load; mkdir -p "$ROOT"
DEADLINE=$(( $(date +%s) + LOAD_SECONDS ))
pids=()
for c in 1 2 3 4; do client "$c" & pids+=($!); done
sleep $((LOAD_SECONDS / 4)) # then three quarters of the time without node 2
killed_at=$(date +%s.%N)
galera node-kill 2
for p in "${pids[@]}"; do wait "$p"; done
cat "$ROOT"/c*/sent > "$TMP/sent"; cat "$ROOT"/c*/acked > "$TMP/acked"; cat "$ROOT"/c*/statuses > "$TMP/statuses"
after=$(awk -v k="$killed_at" '$3 > k' "$TMP/acked" | wc -l)
echo "# load: $(wc -l < "$TMP/sent") journeys started, $(wc -l < "$TMP/acked") acknowledged, $after after node 2 died;" \
  "answers: $(sort "$TMP/statuses" | uniq -c | tr -s ' ' | tr '\n' ',')"
check "node down: journeys completed after node 2 died, through node 1" test "$after" -ge 4
stored() {
  sqln "$1" "SELECT r.receipt_hash, GROUP_CONCAT(a.value ORDER BY a.question_id SEPARATOR '|') FROM response r
    JOIN answer a ON a.response_id = r.id WHERE r.survey_id = '$S' GROUP BY r.id ORDER BY r.receipt_hash"
}
stored 1 > "$TMP/stored"
lost=0
while read -r m receipt _; do
  grep -q "^$(code_hash "$receipt" "$TOP/app/secret.key")	.*Marker $m" "$TMP/stored" || { lost=$((lost + 1)); echo "# lost: $receipt $m"; }
done < "$TMP/acked"
is "$lost" 0 "node down: every receipt shown is stored with its answers"
is "$(grep -o 'Marker galera-[^|]*' "$TMP/stored" | sort | uniq -d | wc -l)" 0 "node down: no journey is stored twice"
is "$(awk '{print $2}' "$TMP/acked" | sort | uniq -d | wc -l)" 0 "node down: no two residents were shown the same receipt"

galera node-start 2 > "$TMP/rejoin.log" 2>&1
is "$(sqln 2 "SHOW STATUS LIKE 'wsrep_local_state_comment'" | cut -f2)" Synced "rejoin: node 2 is back in the cluster"
stored 2 > "$TMP/stored2"
check "rejoin: it holds every response and answer node 1 has ($(wc -l < "$TMP/stored") responses)" cmp -s "$TMP/stored" "$TMP/stored2"
n=$(sqln 1 "SELECT COUNT(*) FROM response WHERE survey_id = '$S' AND status = 'complete'")
# (instance 2 may still be out of nginx's rotation for its fail_timeout, 10 s)
for _ in $(seq 60); do
  t1=$(total); w1=$(served_by); t2=$(total); w2=$(served_by)
  [ "$t1 $t2" = "$n $n" ] && [ "$w1" != "$w2" ] && break; sleep 0.5
done
is "$t1 $t2" "$n $n" "rejoin: both instances publish the same count as the cluster holds ($w1, $w2)"

galera down > /dev/null 2>&1
is "$(pgrep -f -- "$TOP/" | wc -l)" 0 "cleanup: nothing of the cluster runs"
done_testing
