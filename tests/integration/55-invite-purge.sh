#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# `yourvoice invite` (codes as CSV, stored hashed, one used through the web,
# --list) and `yourvoice purge` (expired partial saves, expired rate-limit
# records, personal answers past a survey's retention; --dry-run deletes
# nothing) against the test stack's database.
. "$(dirname "$0")/lib.sh"

YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"

# ---- invite ----
I=all-types # invitation-only fixture survey
"$YV" invite "$I" --count 3 --config "$CONF" > "$TMP/codes.csv" 2> "$TMP/err"
is "$?" 0 "invite: creates codes for an invitation-only survey"
is "$(head -1 "$TMP/codes.csv")" "code,survey,link" "invite: CSV header line"
is "$(tail -n +2 "$TMP/codes.csv" | wc -l)" 3 "invite: one line per code"
check "invite: every line is code,survey,link" bash -c \
  "tail -n +2 '$TMP/codes.csv' | grep -Evq '^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4},$I,http://127.0.0.1:$YV_HTTP_PORT/s/$I\$' && exit 1 || exit 0"
is "$(tail -n +2 "$TMP/codes.csv" | cut -d, -f1 | sort -u | wc -l)" 3 "invite: the codes differ"
code1=$(sed -n 2p "$TMP/codes.csv" | cut -d, -f1)
code2=$(sed -n 3p "$TMP/codes.csv" | cut -d, -f1)
is "$(sql "SELECT COUNT(*) FROM invitation WHERE survey_id='$I' AND code_hash='$(code_hash "$code1")'")" 1 \
  "invite: the code is stored as the keyed hash the web layer checks"
is "$(sql "SELECT COUNT(*) FROM invitation WHERE code_hash=SHA2('$code1', 256)")" 0 \
  "invite: not as a plain SHA-256, which a copy of the database could test guesses against"
mariadb-dump --defaults-file="$YV_STATE/my.cnf" -uroot yourvoice > "$TMP/dump.sql" 2>/dev/null
check "invite: the database dump holds hashes" grep -q "$(code_hash "$code1")" "$TMP/dump.sql"
check "invite: and never a code itself" bash -c "! grep -q -e '$code1' -e '$code2' '$TMP/dump.sql'"

JAR=$TMP/inv
jget "/s/$I" > /dev/null
st=$(jpost "/s/$I/invitation" "code=$(echo "$code2" | tr 'A-Z' 'a-z' | tr -d -)")
is "$st" 303 "invite: a printed code opens the survey (typed loosely)"
sql "UPDATE invitation SET used_at = UTC_TIMESTAMP(3) WHERE survey_id='$I' AND code_hash='$(code_hash "$code2")'"

"$YV" invite "$I" --list --config "$CONF" > "$TMP/list" 2>&1
is "$?" 0 "invite --list: runs"
used=$(sql "SELECT COUNT(*) FROM invitation WHERE survey_id='$I' AND used_at IS NOT NULL")
total=$(sql "SELECT COUNT(*) FROM invitation WHERE survey_id='$I'")
is "$(head -1 "$TMP/list")" "$I: $total codes, $used used, $((total - used)) unused" \
  "invite --list: counts used and unused"
prefix=$(code_hash "$code2" | cut -c1-12)
check "invite --list: the used code shows as used, by its hash prefix" grep -q "^$prefix,.*,yes\$" "$TMP/list"
check "invite --list: never the code itself" bash -c "! grep -q '$code1\|$code2' '$TMP/list'"

"$YV" invite what-matters --count 2 --config "$CONF" > "$TMP/out" 2> "$TMP/err"
is "$?" 1 "invite: refuses a survey that is not invitation-only"
check "invite: says why and how to override" grep -q -- "--force" "$TMP/err"
before=$(sql "SELECT COUNT(*) FROM invitation WHERE survey_id='what-matters'")
"$YV" invite what-matters --count 2 --force --config "$CONF" > "$TMP/out" 2> "$TMP/err"
is "$(sql "SELECT COUNT(*) FROM invitation WHERE survey_id='what-matters'")" $((before + 2)) \
  "invite --force: creates codes for an open survey"
sql "DELETE FROM invitation WHERE survey_id='what-matters'"
"$YV" invite no-such-survey --count 2 --config "$CONF" > "$TMP/out" 2> "$TMP/err"
is "$?" 1 "invite: refuses an unknown survey id"
check "invite: names the unknown survey" grep -q "no survey 'no-such-survey'" "$TMP/err"
"$YV" invite "$I" --count 0 --config "$CONF" > /dev/null 2>&1
is "$?" 2 "invite: --count 0 is a usage error"
"$YV" invite "$I" --config "$CONF" > /dev/null 2>&1
is "$?" 2 "invite: neither --count nor --list is a usage error"

# ---- purge ----
# A survey closed in 2024 with 30 days' retention: past it. Its short-text
# 'name' is marked personal="true": deleted like email, postcode and pattern
# answers, not redacted like the other free text ('story'): "Mr Jones" is a
# name the redactor would catch, so a name treated as free text would be
# counted as redacted below and stay.
P=purge-fixture
sed -e 's/id="all-types"/id="purge-fixture"/' \
  -e 's/<dates [^>]*>/<dates opens="2024-01-01T09:00" closes="2024-02-01T09:00" results="2024-03-01"\/>/' \
  -e 's/<short-text id="name" \([^>]*\)>/<short-text id="name" \1 personal="true">/' \
  "$YV_SURVEYS/all-types.xml" > "$YV_SURVEYS/$P.xml"
check "purge: the fixture marks its name question personal" grep -q '<short-text id="name" [^>]*personal="true">' "$YV_SURVEYS/$P.xml"
ver=$(sha256sum "$YV_SURVEYS/$P.xml" | cut -d' ' -f1)
sql "INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES ('$P', '$ver')"
story=(kept "Ring me on 07700 900123 or write to someone@example.com about the bins")
for n in 1 2; do
  sql "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at)
       VALUES ('$P', '$ver', 'PURG-E000-000$n', '$(printf 'purge%027d' $n)', 'en', '2024-01-1$n 10:00:00');
       SET @r = LAST_INSERT_ID();
       INSERT INTO answer (response_id, survey_id, question_id, ord, value) VALUES
         (@r, '$P', 'email', 0, 'someone$n@example.com'), (@r, '$P', 'pc', 0, 'SY16 1AA'),
         (@r, '$P', 'ref', 0, 'AB12$n'), (@r, '$P', 'name', 0, 'Mr Jones'), (@r, '$P', 'story', 0, '${story[n-1]}'),
         (@r, '$P', 'colour.other', 0, 'ring 0770090012$n')"
done
# what-matters is open until 2099: its postcode answers stay.
wm=$(sha256sum "$YV_SURVEYS/what-matters.xml" | cut -d' ' -f1)
sql "INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES ('what-matters', '$wm');
     INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, submitted_at)
     VALUES ('what-matters', '$wm', 'PURG-E000-0009', '$(printf 'purge%027d' 9)', 'en', '2024-01-10 10:00:00');
     INSERT INTO answer (response_id, survey_id, question_id, ord, value)
     VALUES (LAST_INSERT_ID(), 'what-matters', 'postcode', 0, 'SY16 2BB')"
# Partial saves: one expired, one not.
sql "INSERT INTO partial (survey_id, session_hash, resume_hash, lang, answers, created_at, updated_at, expires_at) VALUES
     ('what-matters', SHA2('purge-old', 256), SHA2('purge-old-r', 256), 'en', '{}', '2024-01-01', '2024-01-01', '2024-01-31'),
     ('what-matters', SHA2('purge-new', 256), SHA2('purge-new-r', 256), 'en', '{}', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 30 DAY)"
has_rl=$(sql "SHOW TABLES LIKE 'rate_limit'")
if [ -n "$has_rl" ]; then
  sql "INSERT INTO rate_limit (network_key, bucket, window_start, hits, expires_at) VALUES
       (SHA2('purge-a', 256), 'purge-test', '2024-01-01 00:00:00', 1, '2024-01-01 01:00:00'),
       (SHA2('purge-b', 256), 'purge-test', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP(3) + INTERVAL 1 HOUR)"
fi
# Officers' sign-in sessions: one idle for a day, one signed in 13 hours
# ago (past the 12-hour limit though in use), one current.
sql "DELETE FROM app_user WHERE username = 'purge.officer';
  INSERT INTO app_user (username, display_name, role, password_hash) VALUES ('purge.officer', 'P', 'officer', 'x');
  INSERT INTO admin_session (id_hash, user_id, created_at, last_seen) SELECT SHA2(CONCAT('purge-s', n), 256), id,
    UTC_TIMESTAMP(3) - INTERVAL h HOUR, UTC_TIMESTAMP(3) - INTERVAL i MINUTE FROM app_user
    JOIN (SELECT 1 n, 25 h, 1440 i UNION ALL SELECT 2, 13, 1 UNION ALL SELECT 3, 1, 1) k WHERE username = 'purge.officer'"
exp_partial=$(sql "SELECT COUNT(*) FROM partial WHERE expires_at <= UTC_TIMESTAMP(3)")
snapshot() { sql "SELECT (SELECT COUNT(*) FROM answer), (SELECT COUNT(*) FROM partial), (SELECT COUNT(*) FROM response)"; }
before=$(snapshot)

"$YV" purge --dry-run --config "$CONF" > "$TMP/dry" 2> "$TMP/dry.err"
is "$?" 0 "purge --dry-run: runs"
sed 's/^/# /' "$TMP/dry"
is "$(snapshot)" "$before" "purge --dry-run: deletes nothing"
check "purge --dry-run: counts the expired partial saves" grep -qx "would delete expired partial saves: $exp_partial" "$TMP/dry"
check "purge --dry-run: counts the personal answers past retention (email, postcode, pattern, personal name)" \
  grep -q "^would delete personal answers of $P (retention 30 days after 2024-03-02 09:00:00 UTC): 8\$" "$TMP/dry"
check "purge --dry-run: counts the free-text answers with personal data to redact" \
  grep -qx "would redact personal data in free-text answers of $P: 3" "$TMP/dry"
check "purge --dry-run: says until when an open survey's personal answers are kept" \
  grep -q "^kept: personal answers of what-matters until 2100-12-31" "$TMP/dry"

"$YV" purge --config "$CONF" > "$TMP/real" 2> "$TMP/real.err"
is "$?" 0 "purge: runs"
check "purge: reports what it deleted" grep -qx "deleted expired partial saves: $exp_partial" "$TMP/real"
is "$(sql "SELECT COUNT(*) FROM partial WHERE expires_at <= UTC_TIMESTAMP(3)")" 0 "purge: expired partial saves are gone"
is "$(sql "SELECT COUNT(*) FROM partial WHERE session_hash = SHA2('purge-new', 256)")" 1 "purge: a partial save not yet expired stays"
is "$(sql "SELECT COUNT(*) FROM answer WHERE survey_id='$P' AND question_id IN ('email','pc','ref')")" 0 \
  "purge: email, postcode and pattern answers past retention are gone"
is "$(sql "SELECT COUNT(*) FROM answer WHERE survey_id='$P' AND question_id='name'")" 0 \
  "purge: a short-text marked personal=\"true\" past retention is gone, not redacted"
is "$(sql "SELECT COUNT(*) FROM answer WHERE survey_id='$P' AND question_id='story'")" 2 \
  "purge: the other answers stay"
is "$(sql "SELECT COUNT(*) FROM response WHERE survey_id='$P'")" 2 "purge: the responses themselves stay"
is "$(sql "SELECT value FROM answer WHERE survey_id='$P' AND question_id='story' ORDER BY response_id DESC LIMIT 1")" \
  "Ring me on [redacted phone] or write to [redacted email] about the bins" \
  "purge: free text past retention keeps its words but not the phone number or email"
is "$(sql "SELECT value FROM answer WHERE survey_id='$P' AND question_id='story' ORDER BY response_id LIMIT 1")" "kept" \
  "purge: free text without personal data is left as it was"
is "$(sql "SELECT GROUP_CONCAT(value ORDER BY response_id SEPARATOR '|') FROM answer WHERE survey_id='$P' AND question_id='colour.other'")" \
  "ring [redacted phone]|ring [redacted phone]" "purge: 'other, please specify' text is redacted too"
check "purge: reports the free-text answers it redacted" grep -qx "redacted personal data in free-text answers of $P: 3" "$TMP/real"
is "$(sql "SELECT COUNT(*) FROM answer WHERE survey_id='what-matters' AND value='SY16 2BB'")" 1 \
  "purge: personal answers of a survey still in retention stay"
if [ -n "$has_rl" ]; then
  is "$(sql "SELECT COUNT(*) FROM rate_limit WHERE bucket='purge-test'")" 1 "purge: expired rate-limit records go, current ones stay"
  check "purge: reports the rate-limit records" grep -q "^deleted expired rate-limit records: [1-9]" "$TMP/real"
else
  check "purge: without a rate-limit table, says so and goes on" grep -qx "no rate-limit table: nothing to purge there" "$TMP/real"
fi
is "$(sql "SELECT GROUP_CONCAT(s.id_hash = SHA2('purge-s3', 256)) FROM admin_session s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'purge.officer'")" 1 \
  "purge: officers' sessions idle too long or past their 12 hours go, a current one stays"
check "purge: reports the sessions" grep -qx "deleted ended sign-in sessions: 2" "$TMP/real"
check "purge --dry-run: counted them" grep -qx "would delete ended sign-in sessions: 2" "$TMP/dry"
sql "DELETE FROM app_user WHERE username = 'purge.officer'"
"$YV" purge --config "$CONF" > "$TMP/again" 2>&1
check "purge: a second run finds nothing more" grep -q "^deleted personal answers of $P .*: 0\$" "$TMP/again"
check "purge: a second run finds no free text left to redact" grep -qx "redacted personal data in free-text answers of $P: 0" "$TMP/again"

rm -f "$YV_SURVEYS/$P.xml"
"$YV" purge --dry-run --config "$CONF" > /dev/null 2> "$TMP/orphan"
check "purge: warns about stored responses whose survey file is gone" grep -q "'$P' are stored but its survey file is gone" "$TMP/orphan"
sql "DELETE FROM response WHERE survey_id='$P' OR receipt_hash='PURG-E000-0009'"
sql "DELETE FROM partial WHERE session_hash = SHA2('purge-new', 256)"
done_testing
