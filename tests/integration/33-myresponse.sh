#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# After sending (issue #20): the confirmation's punctuation in English and
# Welsh (no "?." after a title that ends in a question mark), a receipt code
# that cannot break, links to /my-response and the consultations;
# /my-response shows the answers in words in the resident's language,
# downloads JSON and CSV with question text and answer labels beside the
# ids, and withdraws only after a second "are you sure?" POST with its
# anti-forgery token.
. "$(dirname "$0")/lib.sh"
W=what-matters

# A what-matters response through every page, in language $1; prints the receipt.
respond() {
  local lang=$1 priority=$2
  jget "/s/$W?lang=$lang" > /dev/null
  jpost "$(form_action)" "priority=$priority" "what-matters=Safer crossings near the school" action=continue > /dev/null
  for _ in 1 2 3 4 5; do
    loc=$(header Location); [[ $loc == */check ]] && break
    jget "$loc" > /dev/null
    case $loc in
      */environment) jpost "$(form_action)" green-actions=trees green-actions=other "green-actions.other=Bike racks" action=continue > /dev/null ;;
      */one-thing) jpost "$(form_action)" "one-change=More buses" satisfaction=4 action=continue > /dev/null ;;
      */about-you) jpost "$(form_action)" "postcode=sy16 1aa" action=continue > /dev/null ;;
      *) jpost "$(form_action)" action=continue > /dev/null ;;
    esac
  done
  send_check $W
}

# ---- the confirmation ----
JAR=$TMP/mr-en; rm -f "$JAR"
receipt=$(respond en environment)
check "en: sent" bash -c "[[ '$receipt' =~ ^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$ ]]"
st=$(follow)
is "$st" 200 "en: the confirmation page"
check "en: thanks without a full stop after the question mark" body_has "Thank you for taking part in What matters to you?</p>"
check "en: no '?.' anywhere" bash -c "! grep -qF '?.' '$TMP/body'"
check "en: the receipt code is marked so it never breaks" body_has "<strong class=\"receipt\" id=\"receipt\">$receipt</strong>"
check "en: the receipt's style keeps it on one line" grep -q '\.receipt {[^}]*white-space: nowrap' "$SRC/public/yourvoice.css"
check "en: links to /my-response" body_has '<a href="/my-response">See, download or withdraw your response</a>'
check "en: links back to the consultations" body_has '<a href="/">See other consultations</a>'

JAR=$TMP/mr-cy; rm -f "$JAR"
receipt_cy=$(respond cy schools)
st=$(follow)
check "cy: thanks in Welsh, no full stop after the question mark" body_has "Diolch am gymryd rhan yn Beth sy’n bwysig i chi?</p>"
check "cy: no '?.'" bash -c "! grep -qF '?.' '$TMP/body'"
check "cy: links to /my-response in Welsh" body_has '<a href="/my-response">Gweld, lawrlwytho neu dynnu eich ymateb yn ôl</a>'
check "cy: links back to the consultations in Welsh" body_has '<a href="/">Gweld ymgynghoriadau eraill</a>'

# ---- /my-response: the answers in words ----
# Receipt lookups are limited per network (10 in 10 minutes); every test
# talks from loopback, so start and leave the count clear.
sql "DELETE FROM rate_limit WHERE bucket = 'receipt'"
JAR=$TMP/mr-look; rm -f "$JAR"
jget /my-response > /dev/null
st=$(jpost /my-response "receipt=$receipt" action=show)
is "$st" 200 "my-response: found"
answers() { sed -n '/id="answers"/,/<\/dl>/p' "$TMP/body"; }
check "my-response: the question is shown in words" bash -c "$(declare -f answers); TMP='$TMP' answers | grep -qF 'Which of these matters most to you?'"
check "my-response: the option's label, not its value" bash -c "$(declare -f answers); TMP='$TMP' answers | grep -qF 'The environment and climate change'"
check "my-response: every choice of a multi, by label" bash -c "$(declare -f answers); TMP='$TMP' answers | grep -qF 'Planting trees and looking after green spaces'"
check "my-response: the 'other' text with what it answers" bash -c "$(declare -f answers); TMP='$TMP' answers | grep -qF 'Please specify: Bike racks'"
check "my-response: the free text" bash -c "$(declare -f answers); TMP='$TMP' answers | grep -qF 'Safer crossings near the school'"
check "my-response: the scale out of its maximum" bash -c "$(declare -f answers); TMP='$TMP' answers | grep -qF '4 / 5'"
check "my-response: the postcode in its one form" bash -c "$(declare -f answers); TMP='$TMP' answers | grep -qF 'SY16 1AA'"
check "my-response: no internal ids in the list" bash -c "$(declare -f answers); ! TMP='$TMP' answers | grep -qE 'green-actions|>environment<'"
check "my-response: a link back to the consultations" body_has '<a href="/">See other consultations</a>'
jpost /my-response "receipt=$receipt" action=show lang=cy > /dev/null
check "my-response cy: the question in Welsh" bash -c "$(declare -f answers); TMP='$TMP' answers | grep -qF 'Pa un o’r rhain sydd bwysicaf i chi?'"
check "my-response cy: the label in Welsh" bash -c "$(declare -f answers); TMP='$TMP' answers | grep -qF 'Yr amgylchedd a newid hinsawdd'"

# ---- downloads ----
st=$(jpost /my-response "receipt=$receipt" action=download lang=en)
is "$st" 200 "download: JSON"
check "download: a JSON attachment" bash -c "grep -qi '^content-disposition: attachment; filename=\"response-$receipt.json\"' '$TMP/head'"
check "download JSON: question text, answer labels and ids" python3 - "$TMP/body" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
a = {x["field"]: x for x in d["answers"]}
p = a["priority"]
assert p["question_id"] == "priority" and p["question"] == "Which of these matters most to you?", p
assert p["value"] == "environment" and p["answer"] == "The environment and climate change", p
o = a["green-actions.other"]
assert o["question_id"] == "green-actions" and o["answer"] == "Bike racks" and o["item"] == "Please specify", o
assert a["postcode"]["answer"] == "SY16 1AA", a["postcode"]
PY
jpost /my-response "receipt=$receipt" action=show lang=en > /dev/null # the download left no form
st=$(jpost /my-response "receipt=$receipt" action=download-csv lang=en)
is "$st" 200 "download: CSV"
check "download: a CSV attachment" bash -c "grep -qi '^content-disposition: attachment; filename=\"response-$receipt.csv\"' '$TMP/head' && grep -qi '^content-type: text/csv' '$TMP/head'"
check "download CSV: readable columns and rows" python3 - "$TMP/body" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert list(rows[0].keys()) == ["question_id", "question", "field", "item", "value", "answer"], rows[0].keys()
p = [r for r in rows if r["field"] == "priority"][0]
assert p["question"] == "Which of these matters most to you?" and p["answer"] == "The environment and climate change", p
assert any(r["field"] == "green-actions" and r["answer"] == "Planting trees and looking after green spaces" for r in rows)
PY

# ---- withdraw, with a confirmation step ----
sql "DELETE FROM rate_limit WHERE bucket = 'receipt'"
rid=$(sql "SELECT id FROM response WHERE receipt_hash='$(code_hash "$receipt")'")
n0=$(sql "SELECT COUNT(*) FROM answer WHERE response_id=$rid")
jpost /my-response "receipt=$receipt" action=show lang=en > /dev/null
st=$(jpost /my-response "receipt=$receipt" action=withdraw)
is "$st" 200 "withdraw: the first POST asks"
check "withdraw: 'Are you sure?'" body_has "<h1>Are you sure you want to withdraw your response?</h1>"
check "withdraw: the confirmation is a POST form with an anti-forgery token" bash -c "grep -q '<form method=\"post\" action=\"/my-response\"' '$TMP/body' && grep -q 'name=\"csrf\" value=\"[0-9a-f]\{16,\}\"' '$TMP/body' && grep -q 'value=\"withdraw-confirm\"' '$TMP/body'"
check "withdraw: a way to keep it" body_has "No, keep my response"
check "withdraw: nothing withdrawn by the first POST" test "$(sql "SELECT status FROM response WHERE id=$rid")" != withdrawn
is "$(sql "SELECT COUNT(*) FROM answer WHERE response_id=$rid")" "$n0" "withdraw: no answer deleted by the first POST"
st=$(http POST /my-response -b "$JAR" --data-urlencode "receipt=$receipt" --data-urlencode action=withdraw-confirm --data-urlencode csrf=0000000000000000)
check "withdraw: a confirmation without the right token is refused" test "$st" = 403
check "withdraw: still counted after the forged POST" test "$(sql "SELECT status FROM response WHERE id=$rid")" != withdrawn
jpost /my-response "receipt=$receipt" action=show > /dev/null
st=$(jpost /my-response "receipt=$receipt" action=withdraw-confirm)
is "$st" 200 "withdraw: the confirmation withdraws"
check "withdraw: it says so" body_has "Your response has been withdrawn"
is "$(sql "SELECT status FROM response WHERE id=$rid")" withdrawn "withdraw: the response is marked withdrawn"
is "$(sql "SELECT COUNT(*) FROM answer WHERE response_id=$rid")" 0 "withdraw: its answers are deleted"
st=$(jpost /my-response "receipt=$receipt" action=withdraw)
is "$st" 409 "withdraw: asking again once withdrawn is refused"
sql "DELETE FROM rate_limit WHERE bucket = 'receipt'"
done_testing
