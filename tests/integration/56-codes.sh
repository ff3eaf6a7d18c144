#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Codes that unlock a resident's data (issue 16): a resume code changes
# nothing by GET, is used by POST with the anti-forgery token, never drops
# the browser's own save without asking, works once, never reaches a log,
# and is limited per network and in total (and so are resume emails); a
# save keeps Continue's limits; receipts are stored only as keyed hashes
# and shown once; nginx survives thousands of half-open connections.
. "$(dirname "$0")/lib.sh"
W=what-matters
mails() { ls "$YV_STATE/mail" 2>/dev/null | wc -l; }
last_mail() { ls -t "$YV_STATE"/mail/*.eml | head -1; }
resume_code() { grep -o 'id="resume-code">[0-9A-Z-]*' "$TMP/body" | sed 's/.*>//'; }
partial_text() { # partial_text ID: the saved answers of partial save ID
  sql "SELECT answers FROM partial WHERE id = $1"
}
all_codes=()
sql "DELETE FROM rate_limit WHERE bucket LIKE 'resume%'"

# ---- someone plants a save and sends its link --------------------------------
JAR=$TMP/planter
jget "/s/$W" > /dev/null
jpost "/s/$W/your-views" priority=housing "what-matters=Planted answer" action=save > /dev/null
planted=$(resume_code); all_codes+=("$planted")
planted_id=$(sql "SELECT id FROM partial WHERE resume_hash = '$(code_hash "$planted")'")
check "save: the code is stored only as its keyed hash" test -n "$planted_id"
is "$(sql "SELECT COUNT(*) FROM partial WHERE resume_hash = SHA2('$planted', 256)")" 0 "save: not as a plain SHA-256"

# The victim has answers of their own in this browser.
JAR=$TMP/victim
jget "/s/$W" > /dev/null
jpost "/s/$W/your-views" priority=roads-transport "what-matters=My own answer, SY16 1AA" action=save > /dev/null
own=$(resume_code); all_codes+=("$own")
own_id=$(sql "SELECT id FROM partial WHERE resume_hash = '$(code_hash "$own")'")
own_session=$(sql "SELECT session_hash FROM partial WHERE id = $own_id")

# ---- GET changes nothing --------------------------------------------------------
st=$(jget "/resume/$planted")
is "$st" 200 "GET /resume/<code>: a confirmation page"
check "GET /resume/<code>: the code is in the form, to be sent by POST" grep -q "name=\"code\"[^>]*value=\"$planted\"" "$TMP/body"
check "GET /resume/<code>: the form carries the anti-forgery token" test -n "$(form_csrf)"
is "$(header Cache-Control)" no-store "the confirmation page is not cached"
st=$(jget "/resume?code=$planted")
is "$st" 200 "GET /resume?code=: the same confirmation"
is "$(sql "SELECT COUNT(*) FROM partial WHERE id = $own_id AND session_hash = '$own_session'")" 1 \
  "GET: the browser's own save is untouched"
is "$(sql "SELECT COUNT(*) FROM partial WHERE id = $planted_id AND session_hash = '$own_session'")" 0 \
  "GET: the planted save is not bound to the browser"
jget "/s/$W/your-views" > /dev/null
check "GET: the browser still shows its own answers" body_has "My own answer"

# ---- POST needs the anti-forgery token --------------------------------------------
st=$(http POST /resume -b "$JAR" -c "$JAR" --data "code=$planted")
is "$st" 403 "POST /resume without the anti-forgery token is refused"
is "$(sql "SELECT COUNT(*) FROM partial WHERE id = $own_id AND session_hash = '$own_session'")" 1 \
  "POST without token: the browser's own save is untouched"

# ---- both saves exist: the resident chooses -----------------------------------------
jget "/resume?code=$planted" > /dev/null
st=$(jpost /resume "code=$planted")
is "$st" 200 "POST with both saves: a question, not a replacement"
check "the question offers to keep this browser's answers" grep -q 'name="keep" value="mine"' "$TMP/body"
check "and to use the code's answers" grep -q 'name="keep" value="code"' "$TMP/body"
is "$(sql "SELECT COUNT(*) FROM partial WHERE id IN ($own_id, $planted_id)")" 2 "asking deletes nothing"
st=$(jpost /resume "code=$planted" keep=mine)
is "$st" 303 "keep mine: back to the survey"
is "$(sql "SELECT COUNT(*) FROM partial WHERE id = $own_id AND session_hash = '$own_session'")" 1 "keep mine: the own save stays"
is "$(sql "SELECT COUNT(*) FROM partial WHERE id = $planted_id AND resume_hash = '$(code_hash "$planted")'")" 1 \
  "keep mine: the code is not used"

# ---- a code works once ---------------------------------------------------------------
JAR=$TMP/other-device
jget "/resume?code=$own" > /dev/null
st=$(jpost /resume "code=$own")
is "$st" 200 "resume on another device: the answers open"
fresh=$(resume_code); all_codes+=("$fresh")
check "resume: a new code is shown" bash -c "[[ '$fresh' =~ ^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$ && '$fresh' != '$own' ]]"
is "$(sql "SELECT resume_hash FROM partial WHERE id = $own_id")" "$(code_hash "$fresh")" "resume: the new code replaces the old one"
JAR=$TMP/planter
jget /resume > /dev/null
st=$(jpost /resume "code=$own")
is "$st" 404 "a used code no longer opens the save"
check "and says only that it is not found" body_has "We could not find saved answers for that code"
JAR=$TMP/third
jget /resume > /dev/null
st=$(jpost /resume "code=$fresh")
is "$st" 200 "the new code works"
fresh2=$(resume_code); all_codes+=("$fresh2")
check "and is in turn replaced" test -n "$fresh2" -a "$fresh2" != "$fresh"

# The victim takes the planted save on purpose, types more, saves: the planter's
# code shows nothing of it.
JAR=$TMP/victim2
jget "/resume?code=$planted" > /dev/null
jpost /resume "code=$planted" > /dev/null
taken=$(resume_code); all_codes+=("$taken")
jget "/s/$W/your-views" > /dev/null
jpost "/s/$W/your-views" priority=housing "what-matters=Victim typed SY16 2BB" action=save > /dev/null
all_codes+=("$(resume_code)")
JAR=$TMP/planter-again
jget /resume > /dev/null
st=$(jpost /resume "code=$planted")
is "$st" 404 "the planter's old code no longer opens what the victim typed"
check "and the page holds nothing of it" bash -c "! grep -q 'SY16 2BB' '$TMP/body'"

# A planted save carrying the planter's own address: resuming it sends the
# planter nothing (else the new code, and so what the victim types next,
# would reach them), and the address is dropped from the save.
JAR=$TMP/planter-mail
jget "/s/$W" > /dev/null
jpost "/s/$W/your-views" priority=housing "what-matters=Planted with an address" action=save > /dev/null
pcode=$(resume_code); all_codes+=("$pcode")
jget "/s/$W/your-views" > /dev/null
http POST "/s/$W/save" -b "$JAR" -c "$JAR" --data-urlencode "csrf=$(form_csrf)" \
  --data-urlencode "code=$pcode" --data-urlencode "email=planter@example.com" > /dev/null
pid=$(sql "SELECT id FROM partial WHERE resume_hash = '$(code_hash "$pcode")'")
is "$(sql "SELECT email FROM partial WHERE id = $pid")" "planter@example.com" "a save can carry an address for its code"
before=$(grep -l "planter@example.com" "$YV_STATE"/mail/*.eml 2>/dev/null | wc -l)
JAR=$TMP/victim3
jget "/resume?code=$pcode" > /dev/null
st=$(jpost /resume "code=$pcode")
is "$st" 200 "the victim opens the planted save"
all_codes+=("$(resume_code)")
is "$(grep -l "planter@example.com" "$YV_STATE"/mail/*.eml 2>/dev/null | wc -l)" "$before" \
  "the planter's address is sent no new code"
is "$(sql "SELECT COALESCE(email, 'none') FROM partial WHERE id = $pid")" none "and the address is dropped from the save"
check "the page says the new code is not emailed" grep -q 'id="resume-not-emailed"' "$TMP/body"
sql "DELETE FROM rate_limit WHERE bucket LIKE 'resume%'"

# ---- save keeps the limits of Continue -------------------------------------------------
JAR=$TMP/big
jget "/s/$W" > /dev/null
long=$(head -c 19000 /dev/zero | tr '\0' 'a')
st=$(jpost "/s/$W/your-views" priority=housing "what-matters=$long" action=save)
is "$st" 422 "save: 19,000 characters in a 2,000-character field are refused, as by Continue"
check "save: with the same error message" body_has "must be 2000 characters or fewer"
is "$(sql "SELECT COUNT(*) FROM partial WHERE LENGTH(answers) > 10000")" 0 "save: nothing oversized is stored"
st=$(jpost "/s/$W/your-views" priority=environment "what-matters=A short answer" action=continue)
is "$st" 303 "continue with a valid answer"
st=$(jget "/s/$W/environment")
is "$st" 200 "the next page shows"
st=$(jpost "/s/$W/environment" green-actions=a green-actions=b green-actions=c green-actions=d green-actions=e action=save)
is "$st" 422 "save: more choices than a question takes are refused"
st=$(jpost "/s/$W/environment" green-actions=not-an-option action=save)
is "$st" 422 "save: a value that is not an option is refused"
jget "/s/$W/your-views" > /dev/null
st=$(jpost "/s/$W/your-views" "what-matters=Half done" action=save)
is "$st" 200 "save: a page left incomplete can still be saved"
jget "/s/$W/about-you" > /dev/null
st=$(jpost "/s/$W/about-you" "postcode=$long" action=save)
is "$st" 422 "save: 19,000 characters in a postcode field are refused, as by Continue"
is "$(sql "SELECT COUNT(*) FROM partial WHERE LENGTH(answers) > 10000")" 0 "save: still nothing oversized stored"

# ---- codes never reach a log ---------------------------------------------------------------
sleep 1
found=$(for c in "${all_codes[@]}"; do [ -n "$c" ] && grep -rlaF --exclude-dir=mail -- "$c" "$YV_STATE" 2>/dev/null; done | sort -u)
is "$found" "" "no file the stack writes (nginx access and error logs, app log, MariaDB data and logs) holds a resume code"
check "the access log records the confirmation page without its code" grep -q '"GET /resume/-"' "$YV_STATE/log/nginx-access.log"

# ---- limits: resume attempts per network and in total, resume emails -----------------------
conf=$YV_STATE/yourvoice.conf
cp "$conf" "$TMP/conf.orig"
printf 'resume_per_hour = 5\nresume_per_hour_all = 8\nresume_mail_per_hour = 3\n' >> "$conf"
sql "DELETE FROM rate_limit"
"$SRC/conf/stack" app-restart
A=(-H "X-Forwarded-For: 198.51.100.7") B=(-H "X-Forwarded-For: 203.0.113.9")
JAR=$TMP/guess
jget /resume > /dev/null
csrf=$(form_csrf)
guess() { http POST /resume -b "$JAR" -c "$JAR" "$@" --data "csrf=$csrf&code=ZZZZ-ZZZZ-ZZZ$RANDOM"; }
for i in 1 2 3 4 5; do st=$(guess "${A[@]}"); done
is "$st" 404 "five guesses from one network are answered"
is "$(guess "${A[@]}")" 429 "the sixth from that network gets 429"
check "with Retry-After" test -n "$(header Retry-After)"
for i in 1 2 3; do st=$(guess "${B[@]}"); done
is "$st" 404 "another network may guess too"
is "$(guess "${B[@]}")" 429 "until all networks together reach their limit"
is "$(guess -H "X-Forwarded-For: 192.0.2.1")" 429 "which holds for every network"

# Save emails: per network, and per address, whatever the network.
JAR=$TMP/mailer
jget "/s/$W?lang=cy" > /dev/null
jpost "/s/$W/your-views" lang=cy priority=housing "what-matters=Ateb" action=save > /dev/null
code=$(resume_code); all_codes+=("$code")
before=$(mails)
for i in $(seq 25); do
  jget "/s/$W/your-views?lang=cy" > /dev/null
  st=$(http POST "/s/$W/save" -b "$JAR" -c "$JAR" "${A[@]}" --data-urlencode "csrf=$(form_csrf)" \
    --data-urlencode lang=cy --data-urlencode "code=$code" --data-urlencode "email=target$i@example.com")
done
is "$(( $(mails) - before ))" 3 "25 posts to /s/<id>/save from one network send 3 emails"
is "$st" 429 "the others are refused with 429"
check "the refusal is in Welsh" body_has '<html lang="cy">'
check "the email is in the resident's language (Welsh)" grep -q "I barhau i ateb" "$(last_mail)"
before=$(mails)
for i in 1 2 3 4; do
  jget "/s/$W/your-views?lang=cy" > /dev/null
  st=$(http POST "/s/$W/save" -b "$JAR" -c "$JAR" -H "X-Forwarded-For: 10.$i.0.1" --data-urlencode "csrf=$(form_csrf)" \
    --data-urlencode lang=cy --data-urlencode "code=$code" --data-urlencode "email=Same@Example.com")
done
is "$(( $(mails) - before ))" 3 "one address gets at most 3 resume emails an hour, from any network"
is "$st" 429 "the fourth is refused"
cp "$TMP/conf.orig" "$conf"
sql "DELETE FROM rate_limit"
"$SRC/conf/stack" app-restart

# ---- receipts at rest, and shown once ---------------------------------------------------------
JAR=$TMP/sender
jget "/s/$W" > /dev/null
jpost "/s/$W/your-views" priority=housing "what-matters=Receipt test" action=continue > /dev/null
for _ in 1 2 3 4 5; do
  loc=$(header Location); [[ $loc == */check ]] && break
  jget "$loc" > /dev/null; jpost "$(form_action)" action=continue > /dev/null
done
jget "/s/$W/check" > /dev/null
sid=$(form_sid) send_csrf=$(form_csrf)
st=$(jpost "/s/$W/check" "sid=$sid")
receipt=$(head -1 "$TMP/body")
is "$st" 303 "send: redirected to the receipt"
cookie=$(grep -i '^set-cookie: yv_done=' "$TMP/head" | tr -d '\r')
age=$(sed -n 's/.*Max-Age=\([0-9]*\).*/\1/p' <<< "$cookie")
check "the receipt cookie lives minutes, not an hour (Max-Age $age)" test "${age:-3600}" -le 600
is "$(sql "SELECT COUNT(*) FROM response WHERE receipt_hash = '$(code_hash "$receipt")' AND submission_id = '$(code_hash "$sid")'")" 1 \
  "the receipt and the submission id are stored as keyed hashes"
mariadb-dump --defaults-file="$YV_STATE/my.cnf" -uroot yourvoice > "$TMP/dump.sql" 2> /dev/null
check "a database dump holds neither the receipt nor the submission id" bash -c "! grep -qF -e '$receipt' -e '$sid' '$TMP/dump.sql'"
st=$(jget "/s/$W/done")
is "$st" 200 "the receipt page answers"
check "it shows the receipt" body_has "$receipt"
is "$(header Cache-Control)" no-store "the receipt page is not cached"
check "and clears the receipt cookie" grep -qi '^set-cookie: yv_done=;.*Max-Age=0' "$TMP/head"
jget "/s/$W/done" > /dev/null
check "shown again, the receipt page no longer holds the receipt" bash -c "! grep -qF '$receipt' '$TMP/body'"
st=$(http POST "/s/$W/check" -b "$JAR" -c "$JAR" --data "csrf=$send_csrf&sid=$sid")
is "$(head -1 "$TMP/body")" "$receipt" "a replayed send still gets its receipt, derived again from its submission id"
is "$(sql "SELECT COUNT(*) FROM response WHERE submission_id = '$(code_hash "$sid")'")" 1 "and stores nothing twice"
JAR=$TMP/reader
jget /my-response > /dev/null
st=$(jpost /my-response "receipt=$receipt" action=show)
is "$st" 200 "my-response: the receipt finds the response (the typed code is hashed)"
is "$(header Cache-Control)" no-store "my-response: not cached"

# ---- slow and idle clients ----------------------------------------------------------------------
# 2,100 connections that send half a request and wait: nginx keeps answering.
python3 - "$YV_HTTP_PORT" > "$TMP/slow.out" 2>&1 <<'PY' &
import socket, sys, time
port = int(sys.argv[1]); held = []
for i in range(2100):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=2)
        s.send(b"GET / HTTP/1.1\r\nHost: x\r\n")
        held.append(s)
    except OSError as e:
        print("refused after", i, e); break
print("held", len(held)); sys.stdout.flush()
time.sleep(8)
PY
slow=$!
for _ in $(seq 60); do grep -q "^held\|refused" "$TMP/slow.out" && break; sleep 0.5; done
echo "# slow clients: $(cat "$TMP/slow.out")"
is "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$BASE/healthz")" 200 "/healthz answers while one client holds 2,100 half-open connections"
is "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$BASE/")" 200 "and so does the home page"
wait "$slow"
# A client that never finishes its request is dropped after client_header_timeout.
python3 - "$YV_HTTP_PORT" > "$TMP/idle.out" 2>&1 <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.send(b"GET / HTTP/1.1\r\n"); s.settimeout(25); t = time.time()
try:
    d = s.recv(100)
except OSError:
    d = b""
print("closed after %d s" % (time.time() - t))
PY
echo "# idle client: $(cat "$TMP/idle.out")"
check "a client that sends half a request is dropped within 20 s" bash -c "[ \$(sed -n 's/closed after \([0-9]*\) s/\1/p' '$TMP/idle.out') -le 20 ]"
check "the test nginx limits connections per address, as production does" grep -q "limit_conn yourvoice_conn 30;" "$YV_STATE/nginx.conf"
done_testing
