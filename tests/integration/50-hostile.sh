#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Hostile input: each case asserts the status, the message, and that
# nothing was stored (responses and partial saves counted before and after)
# and nothing leaked (no raw markup echoed, no header injected).
. "$(dirname "$0")/lib.sh"
W=what-matters
rows() { sql "SELECT (SELECT COUNT(*) FROM response) + (SELECT COUNT(*) FROM answer) + (SELECT COUNT(*) FROM partial)"; }
JAR=$TMP/h
jget "/s/$W" > /dev/null
page=$(form_action)
csrf=$(form_csrf)
before=$(rows)
post() { http POST "$page" -b "$JAR" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "csrf=$csrf&$1"; }

is "$(post 'priority=schools&what-matters=a%01b')" 400 "a control character in a value is refused"
check "the 400 page explains what to do" body_has "Go back, check what you typed"
is "$(post 'priority=schools&what-matters=%C0%80')" 400 "an overlong UTF-8 NUL is refused"
is "$(post 'priority=schools&what-matters=%ED%BF%BF')" 400 "a lone surrogate is refused"
is "$(post 'priority=schools&what-matters=%25%')" 400 "a truncated escape is refused"
fields=$(for i in $(seq 1200); do printf 'f%d=1&' "$i"; done)
is "$(post "$fields")" 400 "more fields than allowed is refused"
big=$(head -c 30000 /dev/zero | tr '\0' 'x')
is "$(post "priority=schools&what-matters=$big")" 400 "one field over the field limit is refused"
is "$(rows)" "$before" "nothing was stored by refused requests"

st=$(post 'priority=schools&priority=housing&what-matters=two+choices&action=continue')
is "$st" 422 "two values for a single choice are refused"
check "with the message to choose one of the answers" body_has "Select one of the answers shown for ‘Which of these matters most to you?’"
st=$(post 'priority=%3Cscript%3E&what-matters=x&action=continue')
is "$st" 422 "a value that is not an option is refused"
check "the bad value is not echoed as markup" bash -c "! grep -q '<script>' '$TMP/body'"
for n in 1e309 NaN inf -inf 0x10 "1 000" "١٢"; do
  JAR=$TMP/hb; rm -f "$JAR"
  jget "/s/budget-2026" > /dev/null
  st=$(http POST "/s/budget-2026/the-budget" -b "$JAR" --data-urlencode "csrf=$(form_csrf)" --data-urlencode "budget.schools=$n" --data-urlencode action=continue)
  is "$st" 422 "budget: '$n' is not accepted as a percentage"
done
JAR=$TMP/h
is "$(rows)" "$before" "nothing was stored by invalid answers"

# Unknown fields and fields of another survey are ignored, never stored.
st=$(post 'priority=schools&what-matters=Fine&budget.schools=-5&is_admin=1&action=continue')
is "$st" 303 "a valid page with unknown and foreign fields is accepted"
check "foreign and unknown fields are not kept in the saved answers" bash -c \
  "! mariadb --defaults-file='$YV_STATE/my.cnf' -uroot -N -B yourvoice -e 'SELECT answers FROM partial' | grep -qE 'budget.schools|is_admin'"

# SQL metacharacters and script payloads: stored verbatim, shown escaped.
evil="'); DROP TABLE answer; -- <img src=x onerror=alert(1)> \" & \\\\ %00"
JAR=$TMP/h2
jget "/s/$W" > /dev/null
jpost "$(form_action)" priority=schools "what-matters=$evil" action=continue > /dev/null
for _ in 1 2 3 4 5; do loc=$(header Location); [[ $loc == */check ]] && break; jget "$loc" > /dev/null; jpost "$(form_action)" "one-change=$evil" action=continue > /dev/null; done
jget "/s/$W/check" > /dev/null
check "check page: the payload is escaped" body_has "&lt;img src=x onerror=alert(1)&gt; &quot; &amp;"
check "check page: no live markup from the payload" bash -c "! grep -q '<img src=x' '$TMP/body'"
receipt=$(send_check $W)
is "$(sql "SELECT value FROM answer a JOIN response r ON r.id=a.response_id WHERE r.receipt_hash='$(code_hash "$receipt")' AND question_id='what-matters'")" "$evil" "the payload is stored verbatim"
is "$(sql "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='yourvoice' AND table_name='answer'")" 1 "and the answer table is still there"
JAR=$TMP/h3
jget /my-response > /dev/null
jpost /my-response "receipt=$receipt" action=download > /dev/null
printf '%s' "$evil" > "$TMP/evil"
check "JSON export: the payload comes back verbatim in valid JSON" python3 -c "
import json, sys
d = json.load(open('$TMP/body'))
want = open('$TMP/evil').read()
sys.exit(0 if any(a['value'] == want for a in d['answers']) else 1)"

# Header injection, open redirects, spoofed addresses, long URLs.
st=$(http GET "/?lang=cy%0d%0aSet-Cookie:%20evil=1")
check "header injection through a parameter does nothing" bash -c "! grep -qi '^set-cookie: evil' '$TMP/head'"
st=$(http GET "//evil.example/")
check "a scheme-relative path is not followed anywhere" bash -c "[ '$st' = 404 ] && [ -z \"\$(grep -i '^location:' '$TMP/head')\" ]"
st=$(http GET "/resume/https:%2F%2Fevil.example")
is "$st" 404 "a URL in place of a resume code is refused"
check "no redirect leaves the site" bash -c "! grep -qi '^location: *[a-z]*://' '$TMP/head'"
long=$(head -c 5000 /dev/zero | tr '\0' 'a')
st=$(http GET "/s/$W?x=$long")
is "$st" 414 "a URL past the limit answers 414"
st=$(http GET "/s/$W?x=$(head -c 20000 /dev/zero | tr '\0' 'a')")
check "a URL past nginx's header buffers is refused too" test "$st" = 414 -o "$st" = 400
st=$(http GET / -H 'X-Forwarded-For: 10.1.2.3' -H 'X-Real-IP: 10.1.2.3')
is "$st" 200 "spoofed client-address headers are accepted as ordinary headers"
check "and never reach a log" bash -c "! grep -rq '10\.1\.2\.3' '$YV_STATE/log'"
st=$(http GET "/s/$W/%2e%2e/%2e%2e/etc/passwd")
check "encoded path traversal finds nothing" test "$st" = 404 -o "$st" = 400
# Paths are decoded and checked once, at the edge (issue 16): a backslash or
# a control character gets 400, and no link on any page starts with "//" or
# a backslash (browsers open "/\\evil.example" as another site).
for p in "/%5C%5Cevil.example" "/%09/evil.example" "/%5Cevil.example/" "/s/%0d%0aX" "/r/x%7F"; do
  st=$(http GET "$p")
  is "$st" 400 "the path $p is refused with 400"
  check "and its page links nowhere outside the site ($p)" bash -c "grep -q 'href=\"/?lang=' '$TMP/body' && ! grep -Eo 'href=\"[^\"]*\"' '$TMP/body' | grep -Eq 'href=\"(//|[^\"]*[\\\\[:cntrl:]])'"
done
st=$(http GET "//evil.example/x?lang=cy")
check "a doubled slash is folded: the language link is a site path" bash -c "grep -q 'href=\"/evil.example/x?lang=en\"' '$TMP/body'"
st=$(http POST "$page" -b "$JAR" -H 'Content-Type: text/plain' --data "csrf=$csrf&priority=schools")
is "$st" 403 "a body that is not a form is not read as one"
# Residents' forms take no files: a multipart body (a file part standing
# for a field, past the field limits) is not read as a form there.
st=$(http POST "$page" -b "$JAR" -F "csrf=$csrf" -F "priority=@/dev/null;filename=x.txt" -F action=continue)
is "$st" 403 "a multipart body is not read as a resident's form"
done_testing
