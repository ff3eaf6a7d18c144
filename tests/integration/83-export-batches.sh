#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Officers' exports of a survey larger than one batch (web/export.c reads
# 200 responses at a time, and at most as many answers as 200 responses of
# the longest version can hold): 450 responses, each with as many answer
# rows as the survey allows or more (as a response to an earlier, longer
# version may have), so that every full batch reaches the answers' limit,
# within a response, and the responses cut short must come again, whole,
# in the next one.
# Every response is exported exactly once, in id order, with all its
# answers, in CSV and JSON; what the export says of each response (area,
# flag, hidden answers, country) is what the database holds.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
S=export-batches
N=450

# A multiple choice of 4 options and a long text: 4 + 2 and 0 + 2 answer
# rows (results_max_rows), 8 per response.
cat > "$YV_SURVEYS/$S.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<survey xmlns="urn:yourvoice:survey:1" id="export-batches" languages="en cy">
  <title xml:lang="en">Export in batches</title>
  <title xml:lang="cy">Allforio fesul swp</title>
  <summary xml:lang="en">A survey for tests/integration/83-export-batches.sh.</summary>
  <summary xml:lang="cy">Arolwg ar gyfer y profion.</summary>
  <organisation xml:lang="en">Bro Afon County Council</organisation>
  <organisation xml:lang="cy">Cyngor Sir Bro Afon</organisation>
  <contact><name>Consultation team</name><email>ymgynghori@broafon.example</email><phone>01632 960 123</phone></contact>
  <dates opens="2025-01-06T09:00" closes="2099-12-31T23:59" results="2100-01-31"/>
  <privacy href="https://broafon.example/privacy"/>
  <access mode="anonymous"/>
  <retention days="365"/>
  <publication results="manual"/>
  <page id="only">
    <heading xml:lang="en">Questions</heading>
    <heading xml:lang="cy">Cwestiynau</heading>
    <multi id="picks" required="true">
      <label xml:lang="en">Pick any</label>
      <label xml:lang="cy">Dewiswch unrhyw un</label>
      <option value="a"><label xml:lang="en">A</label><label xml:lang="cy">A</label></option>
      <option value="b"><label xml:lang="en">B</label><label xml:lang="cy">B</label></option>
      <option value="c"><label xml:lang="en">C</label><label xml:lang="cy">C</label></option>
      <option value="d"><label xml:lang="en">D</label><label xml:lang="cy">D</label></option>
    </multi>
    <long-text id="note" max-length="2000">
      <label xml:lang="en">Anything else?</label>
      <label xml:lang="cy">Unrhyw beth arall?</label>
    </long-text>
  </page>
</survey>
XML
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
for _ in $(seq 50); do [ "$(http GET /s/$S)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/$S)" 200 "the survey is loaded"
sql "DELETE FROM app_user WHERE username LIKE 'xb-%'; DELETE FROM audit_log WHERE username LIKE 'xb-%';
     DELETE FROM rate_limit; DELETE FROM response WHERE survey_id='$S'"
check "an officer is added" bash -c "printf '%s\n' '$PW' | '$YV' user --config '$CONF' add xb-olwen --role officer > /dev/null 2>&1"

# The first response through the journey (it records the survey's version),
# the others straight into the database.
is "$(jget /s/$S)" 200 "the survey's page"
is "$(jpost "$(form_action)" picks=a "note=first" action=continue)" 303 "the first response's answers are accepted"
follow > /dev/null
send_check $S > /dev/null
ver=$(sql "SELECT version_hash FROM response WHERE survey_id='$S' LIMIT 1")
check "the journey stored it" test -n "$ver"
sql "DELETE FROM response WHERE survey_id='$S'"
# Response i: 7 rows of picks (ord 0-6: a b c d a b c), 8 for every third;
# the note "r<i>-note"; every tenth outside the area, every seventh of
# unknown area, every 50th flagged; the note of every 90th hidden from
# publication.
python3 - "$S" "$ver" "$N" > "$TMP/ins.sql" <<'PY'
import sys
s, ver, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
print("START TRANSACTION;")
for i in range(1, n + 1):
    area = "NULL" if i % 7 == 0 else "0" if i % 10 == 0 else "1"
    flag, reason = ("1", "'too-fast'") if i % 50 == 0 else ("0", "NULL")
    print("INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang,"
          " submitted_at, geo_country, in_area, flagged, flag_reason) VALUES ('%s', '%s',"
          " SHA2('xb-r-%d', 256), SHA2('xb-s-%d', 256), 'en', UTC_TIMESTAMP(3), 'GB', %s, %s, %s);"
          % (s, ver, i, i, area, flag, reason))
    rows = ["(@r, '%s', 'note', 0, 'r%d-note')" % (s, i)]
    rows += ["(@r, '%s', 'picks', %d, '%s')" % (s, k, "abcd"[k % 4])
             for k in range(8 if i % 3 == 0 else 7)]
    print("SET @r = LAST_INSERT_ID();")
    print("INSERT INTO answer (response_id, survey_id, question_id, ord, value) VALUES %s;"
          % ", ".join(rows))
    if i % 90 == 0:
        print("INSERT INTO answer_moderation (response_id, question_id, survey_id, reason,"
              " decided_by, decided_at) VALUES (@r, 'note', '%s', 'test', 'xb-olwen',"
              " UTC_TIMESTAMP(3));" % s)
print("COMMIT;")
PY
mariadb --defaults-file="$YV_STATE/my.cnf" -uroot yourvoice < "$TMP/ins.sql"
is "$(sql "SELECT COUNT(*) FROM response WHERE survey_id='$S' AND status='complete'")" $N "$N responses stored"
is "$(sql "SELECT COUNT(*) FROM answer WHERE survey_id='$S'")" $((N * 8 + N / 3)) "8 or 9 answer rows each"
first=$(sql "SELECT MIN(id) FROM response WHERE survey_id='$S'")

JO=$TMP/olwen
is "$(sign_in "$JO" xb-olwen)" 303 "the officer signs in"
is "$(aget "$JO" /admin/export/$S.csv)" 200 "the CSV export answers"
cp "$TMP/body" "$TMP/export.csv"
is "$(aget "$JO" /admin/export/$S.json)" 200 "the JSON export answers"
cp "$TMP/body" "$TMP/export.json"

# csv_check: every response once, in id order, whole; the columns as stored.
python3 - "$TMP/export.csv" "$N" "$first" > "$TMP/csv-check" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
n, first = int(sys.argv[2]), int(sys.argv[3])
head, body = rows[0], rows[1:]
col = {h: i for i, h in enumerate(head)}
out = []
out.append("rows %d" % len(body))
ids = [int(r[col["response_id"]]) for r in body]
out.append("ids %s" % ("in order, once each" if ids == list(range(first, first + n)) else "WRONG"))
bad = []
for r in body:
    i = int(r[col["response_id"]]) - first + 1
    note = "[hidden]" if i % 90 == 0 else "r%d-note" % i
    picks = "; ".join("abcd"[k % 4] for k in range(8 if i % 3 == 0 else 7))
    area = "" if i % 7 == 0 else "no" if i % 10 == 0 else "yes"
    flagged = i % 50 == 0
    want = {"note": note, "picks": picks, "in_area": area,
            "flagged": "yes" if flagged else "no", "flag_reason": "too-fast" if flagged else "",
            "hidden_answers": "note" if i % 90 == 0 else "", "country": "GB", "channel": "web"}
    for k, v in want.items():
        if r[col[k]] != v:
            bad.append("%d %s %r != %r" % (i, k, r[col[k]], v))
out.append("cells %s" % ("as stored" if not bad else "WRONG: " + "; ".join(bad[:5])))
print("\n".join(out))
PY
is "$(sed -n 1p "$TMP/csv-check")" "rows $N" "the CSV has a row for each response"
is "$(sed -n 2p "$TMP/csv-check")" "ids in order, once each" "each response once, in id order, across the batches"
is "$(sed -n 3p "$TMP/csv-check")" "cells as stored" "each row whole: every answer, area, flag and hidden answer as stored"

python3 - "$TMP/export.json" "$N" "$first" > "$TMP/json-check" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
n, first = int(sys.argv[2]), int(sys.argv[3])
rs = d["responses"]
print("responses %d" % len(rs))
ids = [r["response_id"] for r in rs]
print("ids %s" % ("in order, once each" if ids == list(range(first, first + n)) else "WRONG"))
bad = []
for r in rs:
    i = r["response_id"] - first + 1
    area = None if i % 7 == 0 else (i % 10 != 0)
    note = None if i % 90 == 0 else "r%d-note" % i
    picks = ["abcd"[k % 4] for k in range(8 if i % 3 == 0 else 7)]
    if r["in_area"] != area or r["answers"].get("note") != note or r["flagged"] != (i % 50 == 0) \
            or r["hidden_answers"] != (["note"] if i % 90 == 0 else []) \
            or r["answers"].get("picks") != picks:
        bad.append(str(i))
print("objects %s" % ("as stored" if not bad else "WRONG: " + ", ".join(bad[:5])))
PY
is "$(sed -n 1p "$TMP/json-check")" "responses $N" "the JSON has an object for each response"
is "$(sed -n 2p "$TMP/json-check")" "ids in order, once each" "each once, in id order"
is "$(sed -n 3p "$TMP/json-check")" "objects as stored" "each object as stored"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='xb-olwen' AND action='export' AND survey_id='$S'")" 2 \
  "both exports are audited"

# Leave the stack as it was for the scripts after this one.
sql "DELETE FROM response WHERE survey_id='$S'; DELETE FROM app_user WHERE username LIKE 'xb-%'"
rm -f "$YV_SURVEYS/$S.xml"
kill -HUP "$(cat "$YV_STATE/run/app.pid")"
done_testing
