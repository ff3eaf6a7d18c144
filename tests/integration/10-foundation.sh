#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# The walking skeleton through nginx: list, form, submit with a receipt,
# errors (404, 405, 413, 400), security headers, and the database going
# away and coming back without restarting the app.
. "$(dirname "$0")/lib.sh"
S=what-matters

# Every statement of the application prepares against the migrated schema
# (a typo in a rarely used one is found here, not when its page first runs).
out=$("$SRC/app/yourvoice" migrate --config "$YV_STATE/yourvoice.conf" --check-statements 2>&1)
check "every SQL statement prepares against the migrated schema ($out)" \
  bash -c "[[ '$out' == *' statements prepared against database '* ]]"

st=$(http GET /)
is "$st" 200 "home page answers 200"
check "home links the sample survey" body_has "href=\"/s/$S\""
check "home has the html lang attribute" body_has '<html lang="en">'
check "home offers Welsh with hreflang" body_has 'hreflang="cy" lang="cy">Cymraeg</a>'
check "CSP with frame-ancestors 'none' on a page" bash -c "grep -qi \"^content-security-policy:.*frame-ancestors 'none'\" '$TMP/head'"
check "nosniff on a page" bash -c "grep -qi '^x-content-type-options: nosniff' '$TMP/head'"
check "Referrer-Policy on a page" bash -c "grep -qi '^referrer-policy:' '$TMP/head'"

st=$(jget "/s/$S")
is "$st" 200 "survey form answers 200"
action=$(form_action)
check "the first page posts to its own page" bash -c "[[ '$action' == /s/$S/* ]]"
csrf=$(form_csrf)
check "the form carries an anti-forgery token" test "${#csrf}" -eq 64
cp "$TMP/body" "$TMP/form.html"
if command -v xmllint >/dev/null; then
  check "form is well-formed HTML" bash -c "xmllint --html --noout '$TMP/form.html' 2>&1 | grep -v 'Tag \\(main\\|header\\|footer\\|nav\\|section\\) invalid' | grep -qE 'error' && exit 1 || exit 0"
fi

# The first page's questions: a single choice and a free text.
choice_q=$(grep -o 'type="radio" name="[a-z0-9-]*"' "$TMP/form.html" | head -1 | sed 's/.*name="//; s/"//')
choice_v=$(grep -o "type=\"radio\" name=\"$choice_q\" id=\"[^\"]*\" value=\"[^\"]*\"" "$TMP/form.html" | head -1 | sed 's/.*value="//; s/"//')
text_q=$(grep -o '<textarea[^>]*name="[a-z0-9-]*"' "$TMP/form.html" | head -1 | sed 's/.*name="//; s/"//')
check "the form has a single-choice question" test -n "$choice_q" -a -n "$choice_v"
check "the form has a free-text question" test -n "$text_q"

before=$(sql "SELECT COUNT(*) FROM response WHERE survey_id='$S'")
payload="<script>alert('x')</script> Ni'n hoffi'r parc; DROP TABLE response; --"
st=$(jpost "$action" "$choice_q=$choice_v" "$text_q=$payload" action=continue)
is "$st" 303 "a valid page redirects to the next one"
# The remaining pages are optional: continue through them to the check page.
for _ in 1 2 3 4 5 6; do
  loc=$(header Location)
  [[ $loc == */check ]] && break
  jget "$loc" > /dev/null
  jpost "$(form_action)" action=continue > /dev/null
done
is "$(header Location)" "/s/$S/check" "the last page leads to check your answers"
jget "/s/$S/check" > /dev/null
check "check your answers shows the free text escaped" body_has "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
sid=$(form_sid)
check "the send form carries a 32-hex submission id" test "${#sid}" -eq 32
st=$(jpost "/s/$S/check" "sid=$sid")
is "$st" 303 "sending redirects to the receipt"
is "$(header Location)" "/s/$S/done" "redirect goes to /s/<id>/done"
receipt=$(head -1 "$TMP/body")
st=$(jget "/s/$S/done")
is "$st" 200 "receipt page answers 200"
check "receipt page shows the receipt code" body_has "$receipt"
check "receipt code has the XXXX-XXXX-XXXX shape" bash -c "[[ '$receipt' =~ ^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$ ]]"
is "$(sql "SELECT COUNT(*) FROM response WHERE receipt_hash='$(code_hash "$receipt")' AND survey_id='$S'")" 1 "the response row holds the receipt"
is "$(sql "SELECT value FROM answer a JOIN response r ON r.id=a.response_id WHERE r.receipt_hash='$(code_hash "$receipt")' AND a.question_id='$text_q'")" \
  "$payload" "free text stored verbatim (script and SQL metacharacters)"
is "$(sql "SELECT value FROM answer a JOIN response r ON r.id=a.response_id WHERE r.receipt_hash='$(code_hash "$receipt")' AND a.question_id='$choice_q'")" \
  "$choice_v" "the choice is stored with its value"
sess=$(awk '$6 == "yv_s" { print $7 }' "$JAR")
is "$(sql "SELECT COUNT(*) FROM partial WHERE session_hash = SHA2('$sess', 256)")" 0 "the partial save is gone once the response is stored"

# A replayed send (double click) gives the same receipt and no second row.
st=$(http POST "/s/$S/check" -b "$JAR" --data-urlencode "csrf=$csrf" --data-urlencode "sid=$sid")
is "$(head -1 "$TMP/body")" "$receipt" "a replayed submission gets the same receipt"
is "$(sql "SELECT COUNT(*) FROM response WHERE survey_id='$S'")" $((before + 1)) "a replayed submission is stored once"

# Validation: the page comes back with an error summary and what was typed, escaped.
JAR=$TMP/jar2
jget "/s/$S" > /dev/null
st=$(jpost "$action" "$choice_q=not-an-option" "$text_q=$payload" action=continue)
is "$st" 422 "an invalid choice is refused with 422"
check "the error is shown in a summary" body_has 'class="error-summary"'
check "what the resident typed is kept, escaped" body_has "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
check "raw script never appears in the page" bash -c "! grep -qF \"<script>alert('x')\" '$TMP/body'"
st=$(http POST "$action" -b "$JAR" --data-urlencode "$choice_q=$choice_v" --data-urlencode "$text_q=no token")
is "$st" 403 "a POST without the anti-forgery token is refused"
st=$(http POST "$action" --data-urlencode "csrf=$csrf" --data-urlencode "$choice_q=$choice_v")
is "$st" 403 "a token from another session is refused"
JAR=$TMP/jar

st=$(http GET /s/no-such-survey)
is "$st" 404 "unknown survey answers 404"
check "404 is a page saying so" body_has "Page not found"
check "security headers on errors too" bash -c "grep -qi '^x-content-type-options: nosniff' '$TMP/head'"
st=$(http GET "/s/$S/../../etc/passwd")
check "path traversal finds nothing" test "$st" = 404 -o "$st" = 400
st=$(http DELETE "/s/$S")
is "$st" 405 "wrong method answers 405"
check "405 says which methods are allowed" test -n "$(header Allow)"
st=$(http POST / --data "a=1")
is "$st" 405 "POST to the home page answers 405"

head -c 400000 /dev/zero | tr '\0' 'a' > "$TMP/big"
st=$(http POST "/s/$S" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$TMP/big")
is "$st" 413 "an oversized body answers 413"
check "413 is a bilingual page" body_has "Mae eich atebion yn rhy hir"
st=$(http POST "$action" -b "$JAR" --data "csrf=$csrf&$text_q=%FF%FE")
is "$st" 400 "invalid UTF-8 answers 400"
st=$(http POST "$action" -b "$JAR" --data "csrf=$csrf&$text_q=%zz")
is "$st" 400 "bad percent-encoding answers 400"
check "the 400 page says what to do" body_has "Go back, check what you typed"

st=$(http GET "/?lang=cy")
check "?lang=cy gives a Welsh page" body_has '<html lang="cy">'
check "the Welsh page links back to English" body_has 'hreflang="en" lang="en">English</a>'
check "the language choice is remembered in a cookie" bash -c "grep -qi '^set-cookie: yv_lang=cy' '$TMP/head'"

st=$(http GET /healthz)
is "$st" 200 "healthz answers 200 with the database up"

# The database goes away: health 503, submissions 503 with nothing stored.
JAR=$TMP/jar3
jget "/s/$S" > /dev/null
jpost "$action" "$choice_q=$choice_v" "$text_q=kept for later" action=continue > /dev/null
for _ in 1 2 3 4 5 6; do
  loc=$(header Location); [[ $loc == */check ]] && break
  jget "$loc" > /dev/null; jpost "$(form_action)" action=continue > /dev/null
done
jget "/s/$S/check" > /dev/null
sid2=$(form_sid)
csrf3=$(form_csrf)
count=$(sql "SELECT COUNT(*) FROM response")
"$SRC/conf/stack" db-stop
st=$(http GET /healthz)
is "$st" 503 "healthz answers 503 with the database down"
st=$(http POST "/s/$S/check" -b "$JAR" --data-urlencode "csrf=$csrf3" --data-urlencode "sid=$sid2")
is "$st" 503 "sending with the database down answers 503"
check "503 says when to retry" test -n "$(header Retry-After)"
"$SRC/conf/stack" db-start
is "$(sql "SELECT COUNT(*) FROM response")" "$count" "nothing was half-written while the database was down"
for _ in $(seq 20); do st=$(http GET /healthz); [ "$st" = 200 ] && break; sleep 0.5; done
is "$st" 200 "healthz recovers without restarting the app"
jget "/s/$S/check" > /dev/null
check "the saved answers survived the outage" body_has "kept for later"
st=$(jpost "/s/$S/check" "sid=$sid2")
is "$st" 303 "the same response is sent once the database is back"
is "$(sql "SELECT COUNT(*) FROM response")" $((count + 1)) "and is stored exactly once"
done_testing
