#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Responses residents and councillors can trust: a receipt code finds,
# downloads and withdraws a response (and wrong codes say nothing, and are
# rate-limited); one response per browser; robots and bursts are flagged,
# not refused; the per-network request limit answers 429 and resets.
. "$(dirname "$0")/lib.sh"
W=what-matters

# A full what-matters journey for the resident in $JAR; prints the receipt.
respond() { # respond TEXT [extra first-page fields...]
  local text=$1; shift
  jget "/s/$W" > /dev/null
  jpost "$(form_action)" priority=schools "what-matters=$text" "$@" action=continue > /dev/null
  for _ in 1 2 3 4 5; do
    loc=$(header Location); [[ $loc == */check ]] && break
    jget "$loc" > /dev/null; jpost "$(form_action)" action=continue > /dev/null
  done
  send_check $W
}

JAR=$TMP/r1
receipt=$(respond "Safer crossings near the school")
rid=$(sql "SELECT id FROM response WHERE receipt_hash='$(code_hash "$receipt")'")
check "a response to find" test -n "$rid"
is "$(sql "SELECT flagged FROM response WHERE id=$rid")" 0 "an ordinary response is not flagged"

# One response per browser.
st=$(jget "/s/$W")
check "the same browser is told it has already responded" body_has "You have already responded"
check "and is pointed at /my-response" body_has 'href="/my-response"'

# /my-response
JAR=$TMP/m1
st=$(jget /my-response)
is "$st" 200 "my-response: the form answers"
st=$(jpost /my-response "receipt=$(echo "$receipt" | tr 'A-Z' 'a-z' | tr -d -)" action=show)
is "$st" 200 "my-response: the code, typed loosely, finds the response"
check "my-response: it is shown as counted" bash -c "grep -q 'id=\"status\">Counted' '$TMP/body'"
st=$(jpost /my-response "receipt=$receipt" action=download)
is "$st" 200 "my-response: download answers"
check "my-response: the download is a JSON attachment" bash -c "grep -qi '^content-disposition: attachment; filename=\"response-$receipt.json\"' '$TMP/head'"
check "my-response: the download holds the answers" bash -c "python3 -c 'import json,sys; d=json.load(open(\"$TMP/body\")); assert d[\"receipt\"]==\"$receipt\"; assert any(a[\"value\"]==\"Safer crossings near the school\" for a in d[\"answers\"])'"
jget /my-response > /dev/null
st=$(jpost /my-response "receipt=$receipt" action=withdraw-confirm)
is "$st" 200 "my-response: withdrawal answers"
check "my-response: withdrawal is confirmed" body_has "Your response has been withdrawn"
is "$(sql "SELECT status FROM response WHERE id=$rid")" withdrawn "withdrawal: the response is marked withdrawn"
is "$(sql "SELECT COUNT(*) FROM answer WHERE response_id=$rid")" 0 "withdrawal: its answers are deleted"
st=$(jpost /my-response "receipt=$receipt" action=withdraw)
is "$st" 409 "withdrawal: twice is refused"
st=$(jpost /my-response "receipt=ZZZZ-ZZZZ-ZZZZ" action=show)
is "$st" 422 "my-response: an unknown code is refused"
cp "$TMP/body" "$TMP/unknown"
st=$(jpost /my-response "receipt=12345" action=show)
is "$st" 422 "my-response: a malformed code is refused"
check "my-response: both say the same, so codes cannot be enumerated" bash -c "grep -q 'We could not find a response with that receipt code' '$TMP/unknown' && grep -q 'We could not find a response with that receipt code' '$TMP/body'"
st=$(http POST /my-response --data "receipt=$receipt&action=download")
is "$st" 403 "my-response: a POST without the anti-forgery token is refused"
# Guessing is rate-limited per network: 10 tries in 10 minutes.
for i in $(seq 12); do st=$(jpost /my-response "receipt=ZZZZ-ZZZZ-ZZZ$i" action=show); [ "$st" = 429 ] && break; done
is "$st" 429 "my-response: repeated guesses get 429"
check "429 says when to try again" test -n "$(header Retry-After)"
check "429 explains itself" body_has "Too many requests"
sql "UPDATE rate_limit SET window_start = window_start - INTERVAL 1 DAY WHERE bucket = 'receipt'"
jget /my-response > /dev/null
st=$(jpost /my-response "receipt=$receipt" action=show)
is "$st" 200 "my-response: the limit resets with its window"

# Coarse geo with each response, never the address: nginx on 127.0.0.1 is
# a trusted proxy in the test stack, so its X-Forwarded-For is believed.
sql "DELETE FROM rate_limit"
JAR=$TMP/g1
JAR=$TMP/g1b
jget "/s/$W" -H "X-Forwarded-For: 192.0.2.44" > /dev/null
jpost "$(form_action)" priority=jobs "what-matters=Work near home" action=continue > /dev/null
for _ in 1 2 3 4 5; do
  loc=$(header Location); [[ $loc == */check ]] && break
  jget "$loc" > /dev/null
  if [[ $loc == */about-you ]]; then jpost "$(form_action)" "postcode=SY16 1AA" action=continue > /dev/null
  else jpost "$(form_action)" action=continue > /dev/null; fi
done
jget "/s/$W/check" > /dev/null
sid=$(form_sid)
http POST "/s/$W/check" -b "$JAR" -H "X-Forwarded-For: 192.0.2.44" --data-urlencode "csrf=$(form_csrf)" --data-urlencode "sid=$sid" > /dev/null
receipt=$(head -1 "$TMP/body")
is "$(sql "SELECT CONCAT_WS(',', geo_country, geo_region, in_area) FROM response WHERE receipt_hash='$(code_hash "$receipt")'")" "GB,GB-WLS,1" \
  "geo: country, region and in-area flag are stored with the response"
check "geo: no column anywhere holds the address" bash -c "! mariadb --defaults-file='$YV_STATE/my.cnf' -uroot -N -B yourvoice -e 'SELECT * FROM response; SELECT * FROM partial; SELECT * FROM answer' | grep -q '192\.0\.2'"
# From an address that is not a trusted proxy, the same header is ignored.
JAR=$TMP/g2
jget "/s/$W" --interface 127.0.0.2 > /dev/null
jpost "$(form_action)" priority=jobs "what-matters=Forged" action=continue > /dev/null
for _ in 1 2 3 4 5; do
  loc=$(header Location); [[ $loc == */check ]] && break
  jget "$loc" > /dev/null; jpost "$(form_action)" action=continue > /dev/null
done
jget "/s/$W/check" --interface 127.0.0.2 > /dev/null
http POST "/s/$W/check" -b "$JAR" --interface 127.0.0.2 -H "X-Forwarded-For: 192.0.2.44" --data-urlencode "csrf=$(form_csrf)" --data-urlencode "sid=$(form_sid)" > /dev/null
receipt=$(head -1 "$TMP/body")
is "$(sql "SELECT COALESCE(geo_country, 'none') FROM response WHERE receipt_hash='$(code_hash "$receipt")'")" "none" \
  "geo: a forwarded address from an untrusted client is ignored"

# A robot fills the hidden field: stored, flagged, not refused.
JAR=$TMP/r2
receipt=$(respond "Cheap pills" website=http://spam.example)
is "$(sql "SELECT CONCAT(flagged, ':', flag_reason) FROM response WHERE receipt_hash='$(code_hash "$receipt")'")" "1:honeypot" "honeypot: the response is kept and flagged"

# Many responses from one network within the hour: flagged.
sql "UPDATE rate_limit SET hits = 100000 WHERE bucket = 'submit:$W'"
JAR=$TMP/r3
receipt=$(respond "Bins")
is "$(sql "SELECT CONCAT(flagged, ':', flag_reason) FROM response WHERE receipt_hash='$(code_hash "$receipt")'")" "1:many-from-network" "a burst from one network is flagged"
sql "DELETE FROM rate_limit WHERE bucket = 'submit:$W'"

# Many from one provider (ASN 64500 in the fixture database), each network under its limit.
asn_key=$(printf 'asn:64500' | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(od -An -tx1 -v "$YV_STATE/secret.key" | tr -d ' \n')" | sed 's/.*= //')
via() { # via ADDRESS TEXT: a whole journey forwarded for ADDRESS; prints the receipt
  JAR=$TMP/via-$1; rm -f "$JAR"
  jget "/s/$W" > /dev/null
  jpost "$(form_action)" priority=schools "what-matters=$2" action=continue > /dev/null
  for _ in 1 2 3 4 5; do loc=$(header Location); [[ $loc == */check ]] && break; jget "$loc" > /dev/null; jpost "$(form_action)" action=continue > /dev/null; done
  jget "/s/$W/check" > /dev/null
  http POST "/s/$W/check" -b "$JAR" -H "X-Forwarded-For: $1" --data-urlencode "csrf=$(form_csrf)" --data-urlencode "sid=$(form_sid)" > /dev/null
  head -1 "$TMP/body"
}
sql "DELETE FROM rate_limit WHERE bucket = 'submit:$W'"
first=$(via 192.0.2.77 "Provider one")
is "$(sql "SELECT flagged FROM response WHERE receipt_hash='$(code_hash "$first")'")" 0 "one response from a provider is not flagged"
is "$(sql "SELECT COUNT(*) FROM rate_limit WHERE bucket = 'submit:$W' AND network_key = '$asn_key'")" 1 "responses are counted per provider, under a keyed hash"
sql "UPDATE rate_limit SET hits = 100000 WHERE network_key = '$asn_key'; DELETE FROM rate_limit WHERE bucket = 'submit:$W' AND network_key <> '$asn_key'"
second=$(via 192.0.2.99 "Provider two")
is "$(sql "SELECT flag_reason FROM response WHERE receipt_hash='$(code_hash "$second")'")" many-from-provider "a burst from one provider is flagged"
sql "DELETE FROM rate_limit WHERE bucket = 'submit:$W'"

# Tighter limits: restart the app with a 5 s minimum fill time and 40 requests a minute.
conf=$YV_STATE/yourvoice.conf
cp "$conf" "$TMP/conf.orig"
sed -i -e 's/^min_fill_seconds = .*/min_fill_seconds = 30/' -e 's/^rate_limit_per_minute = .*/rate_limit_per_minute = 40/' "$conf"
sql "DELETE FROM rate_limit"
"$SRC/conf/stack" app-restart
JAR=$TMP/r4
receipt=$(respond "Too quick")
is "$(sql "SELECT CONCAT(flagged, ':', flag_reason) FROM response WHERE receipt_hash='$(code_hash "$receipt")'")" "1:too-fast" "a response sent faster than a person could is flagged"
for i in $(seq 50); do st=$(http GET "/?lang=cy"); [ "$st" = 429 ] && break; done
is "$st" 429 "requests past the per-network limit get 429"
check "the 429 page is in the resident's language" body_has '<html lang="cy">'
check "429 carries Retry-After" test -n "$(header Retry-After)"
is "$(http GET /healthz)" 200 "/healthz is exempt from the limit"
is "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/static/yourvoice.css")" 200 "static files are exempt"
sql "UPDATE rate_limit SET window_start = window_start - INTERVAL 1 DAY WHERE bucket = 'req'"
is "$(http GET /)" 200 "the limit resets with its window"
is "$(sql "SELECT COUNT(*) FROM rate_limit WHERE network_key LIKE '127.%' OR network_key LIKE '%.0/24'")" 0 "the network is stored only as a keyed hash"
cp "$TMP/conf.orig" "$conf"
"$SRC/conf/stack" app-restart
# Well under its limit, a network's requests are counted in each worker and
# written a few at a time (a batch of limit / 4 / (4 x workers), at most
# 32): fewer round trips to the database, and no request counted twice or
# left unwritten beyond a batch per worker.
sql "DELETE FROM rate_limit WHERE bucket = 'req'"
# Not across a minute's end: a worker drops a closed window's unwritten hits.
while [ "$(date +%-S)" -ge 45 ]; do sleep 1; done
inserts() { sql "SHOW GLOBAL STATUS LIKE 'Com_insert'" | cut -f2; }
before=$(inserts)
for _ in $(seq 100); do http GET /privacy -H "X-Forwarded-For: 198.18.7.1" > /dev/null; done
writes=$(( $(inserts) - before ))
hits=$(sql "SELECT COALESCE(SUM(hits), 0) FROM rate_limit WHERE bucket = 'req'")
echo "# 100 requests: $writes INSERTs, $hits hits written"
check "100 requests from one network take far fewer than 100 writes ($writes)" test "$writes" -lt 40
limit=$(sed -n 's/^rate_limit_per_minute = //p' "$conf") workers=$(sed -n 's/^workers = //p' "$conf")
batch=$(( limit / 4 / (4 * workers) )); [ "$batch" -gt 32 ] && batch=32; [ "$batch" -lt 1 ] && batch=1
check "and the written count is within a batch per worker of 100 ($hits, batch $batch)" \
  test "$hits" -ge $(( 100 - workers * (batch - 1) )) -a "$hits" -le 100
# Every client here is 127.0.0.1; MariaDB's note of its own listening address is not a client's.
check "no log the stack writes holds the client address" bash -c "! grep -h '127\.0\.0\.1' '$YV_STATE'/log/* | grep -v 'Server socket created on IP'"
done_testing
