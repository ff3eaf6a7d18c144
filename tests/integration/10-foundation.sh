#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# The walking skeleton through nginx: list, form, submit with a receipt,
# errors (404, 405, 413, 400), security headers, and the database going
# away and coming back without restarting the app.
. "$(dirname "$0")/lib.sh"
S=what-matters

st=$(http GET /)
is "$st" 200 "home page answers 200"
check "home links the sample survey" body_has "href=\"/s/$S\""
check "home has the html lang attribute" body_has '<html lang="en">'
check "home offers Welsh with hreflang" body_has 'hreflang="cy" lang="cy">Cymraeg</a>'
check "CSP with frame-ancestors 'none' on a page" bash -c "grep -qi \"^content-security-policy:.*frame-ancestors 'none'\" '$TMP/head'"
check "nosniff on a page" bash -c "grep -qi '^x-content-type-options: nosniff' '$TMP/head'"
check "Referrer-Policy on a page" bash -c "grep -qi '^referrer-policy:' '$TMP/head'"

st=$(http GET "/s/$S")
is "$st" 200 "survey form answers 200"
check "form posts to the survey" body_has "action=\"/s/$S\""
sid=$(form_sid)
check "form carries a 32-hex submission id" test "${#sid}" -eq 32
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
st=$(http POST "/s/$S" -c "$TMP/jar" -b "$TMP/jar" --data-urlencode "sid=$sid" \
  --data-urlencode "$choice_q=$choice_v" --data-urlencode "$text_q=$payload")
is "$st" 303 "a valid submission redirects to the receipt"
is "$(header Location)" "/s/$S/done" "redirect goes to /s/<id>/done"
receipt=$(head -1 "$TMP/body")
st=$(http GET "/s/$S/done" -b "$TMP/jar")
is "$st" 200 "receipt page answers 200"
check "receipt page shows the receipt code" body_has "$receipt"
check "receipt code has the XXXX-XXXX-XXXX shape" bash -c "[[ '$receipt' =~ ^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$ ]]"
is "$(sql "SELECT COUNT(*) FROM response WHERE receipt='$receipt' AND survey_id='$S'")" 1 "the response row holds the receipt"
is "$(sql "SELECT value FROM answer a JOIN response r ON r.id=a.response_id WHERE r.receipt='$receipt' AND a.question_id='$text_q'")" \
  "$payload" "free text stored verbatim (script and SQL metacharacters)"
is "$(sql "SELECT value FROM answer a JOIN response r ON r.id=a.response_id WHERE r.receipt='$receipt' AND a.question_id='$choice_q'")" \
  "$choice_v" "the choice is stored with its value"

# A replayed POST (double click) gives the same receipt and no second row.
st=$(http POST "/s/$S" --data-urlencode "sid=$sid" --data-urlencode "$choice_q=$choice_v" --data-urlencode "$text_q=again")
is "$(head -1 "$TMP/body")" "$receipt" "a replayed submission gets the same receipt"
is "$(sql "SELECT COUNT(*) FROM response WHERE survey_id='$S'")" $((before + 1)) "a replayed submission is stored once"

# Escaping: the stored payload never comes back as markup on the form.
st=$(http POST "/s/$S" --data-urlencode "sid=$(printf '%032d' 7)" --data-urlencode "$choice_q=not-an-option" --data-urlencode "$text_q=$payload")
is "$st" 422 "an invalid choice is refused with 422"
check "the error is shown in a summary" body_has 'class="error-summary"'
check "what the resident typed is kept, escaped" body_has "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
check "raw script never appears in the page" bash -c "! grep -qF \"<script>alert('x')\" '$TMP/body'"

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
st=$(http POST "/s/$S" --data "sid=$sid&$text_q=%FF%FE")
is "$st" 400 "invalid UTF-8 answers 400"
st=$(http POST "/s/$S" --data "sid=$sid&$text_q=%zz")
is "$st" 400 "bad percent-encoding answers 400"
st=$(http POST "/s/$S" --data "$choice_q=$choice_v")
is "$st" 400 "a submission without its form id answers 400"

st=$(http GET "/?lang=cy")
check "?lang=cy gives a Welsh page" body_has '<html lang="cy">'
check "the Welsh page links back to English" body_has 'hreflang="en" lang="en">English</a>'
check "the language choice is remembered in a cookie" bash -c "grep -qi '^set-cookie: yv_lang=cy' '$TMP/head'"

st=$(http GET /healthz)
is "$st" 200 "healthz answers 200 with the database up"

# The database goes away: health 503, submissions 503 with nothing stored.
count=$(sql "SELECT COUNT(*) FROM response")
"$SRC/conf/stack" db-stop
st=$(http GET /healthz)
is "$st" 503 "healthz answers 503 with the database down"
st=$(http GET "/s/$S")
sid2=$(form_sid)
st=$(http POST "/s/$S" --data-urlencode "sid=$sid2" --data-urlencode "$choice_q=$choice_v" --data-urlencode "$text_q=kept for later")
is "$st" 503 "a submission with the database down answers 503"
check "503 says when to retry" test -n "$(header Retry-After)"
check "the 503 page keeps what the resident typed" body_has "kept for later"
"$SRC/conf/stack" db-start
is "$(sql "SELECT COUNT(*) FROM response")" "$count" "nothing was half-written while the database was down"
for _ in $(seq 20); do st=$(http GET /healthz); [ "$st" = 200 ] && break; sleep 0.5; done
is "$st" 200 "healthz recovers without restarting the app"
st=$(http POST "/s/$S" --data-urlencode "sid=$sid2" --data-urlencode "$choice_q=$choice_v" --data-urlencode "$text_q=kept for later")
is "$st" 303 "the same submission succeeds once the database is back"
is "$(sql "SELECT COUNT(*) FROM response")" $((count + 1)) "and is stored exactly once"
done_testing
