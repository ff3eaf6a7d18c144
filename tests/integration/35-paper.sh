#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Paper forms (issue 20): /s/<id>/paper prints every sample survey in each
# of its languages as a form: every question's text, routing instructions
# where the survey has conditions, the budget as a table of steps to
# circle with the savings target, the return address, the privacy notice
# and the closing date, with the print stylesheet linked; and `yourvoice
# paper` prints the same HTML as the page's main content.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"

# texts ID LANG WHAT: the survey file's texts of one kind, one a line, as
# the page escapes them: question labels, choice labels, or address lines.
texts() {
  python3 - "$SRC/surveys/$1.xml" "$2" "$3" <<'PY'
import sys, html, re, xml.etree.ElementTree as ET
path, lang, what = sys.argv[1:4]
NS = "{urn:yourvoice:survey:1}"
XL = "{http://www.w3.org/XML/1998/namespace}lang"
root = ET.parse(path).getroot()
def norm(t): return html.escape(re.sub(r"\s+", " ", t or "").strip(), quote=True).replace("&#x27;", "&#39;")
if what == "address":
    for l in root.iter(NS + "line"): print(norm(l.text))
    sys.exit()
types = ["choice", "multi", "scale", "ranking", "number", "date", "short-text", "long-text",
         "email", "postcode", "pattern", "budget"]
for page in root.iter(NS + "page"):
    for q in page:
        if q.tag[len(NS):] not in types: continue
        if what == "labels":
            for l in q.findall(NS + "label"):
                if l.get(XL, root.get(XL)) == lang: print(norm(l.text))
        elif what == "options":
            for o in q.iter(NS + "option"):
                for l in o.findall(NS + "label"):
                    if l.get(XL) == lang: print(norm(l.text))
PY
}

for f in "$SRC"/surveys/*.xml; do
  id=$(basename "$f" .xml)
  for lang in en cy; do
    st=$(http GET "/s/$id/paper?lang=$lang")
    is "$st" 200 "$id ($lang): the paper form is served"
    cp "$TMP/body" "$TMP/page-$id-$lang"
    check "$id ($lang): the page is in its language" body_has "<html lang=\"$lang\">"
    missing=0
    while IFS= read -r l; do
      [ -n "$l" ] && ! grep -qF -- "$l" "$TMP/body" && { missing=$((missing + 1)); echo "#   missing: $l"; }
    done < <(texts "$id" "$lang" labels)
    nq=$(texts "$id" "$lang" labels | grep -c .)
    is "$missing" 0 "$id ($lang): every question's text appears ($nq questions)"
    is "$(grep -c 'class="paper-question"' "$TMP/body")" "$nq" "$id ($lang): each question has its numbered place"
    check "$id ($lang): the last question is numbered $nq" body_has "<span class=\"paper-number\">$nq.</span>"
    missing=0
    while IFS= read -r l; do
      [ -n "$l" ] && ! grep -qF -- "$l" "$TMP/body" && missing=$((missing + 1))
    done < <(texts "$id" "$lang" options)
    is "$missing" 0 "$id ($lang): every option appears"
    check "$id ($lang): boxes to tick or write in" body_has 'class="paper-box"'
    if grep -q 'show-if=' "$f"; then
      check "$id ($lang): routing instructions from the conditions" \
        bash -c "grep -q 'class=\"routing\"' '$TMP/body'"
    fi
    if grep -q '<budget' "$f"; then
      check "$id ($lang): the budget as a table with steps to circle" \
        bash -c "grep -qF 'class=\"paper-budget\"' '$TMP/body' && grep -q 'class=\"paper-step\">-[0-9]' '$TMP/body' && grep -q 'class=\"paper-step\">0<' '$TMP/body'"
      check "$id ($lang): and the savings target" bash -c "grep -qF 'class=\"paper-target\"' '$TMP/body' && grep -qF '£12,500,000' '$TMP/body'"
    fi
    missing=0
    while IFS= read -r l; do ! grep -qF -- "$l" "$TMP/body" && missing=$((missing + 1)); done < <(texts "$id" "$lang" address)
    is "$missing" 0 "$id ($lang): the return address from <contact>"
    if grep -q 'standing="true"' "$f"; then
      check "$id ($lang): a standing survey's form has no closing date" bash -c "! grep -q 'Please send this form back by\|Anfonwch y ffurflen hon yn ôl erbyn' '$TMP/body'"
    else
      check "$id ($lang): the closing date" body_has "2099, 23:59"
    fi
    check "$id ($lang): the privacy notice" body_has 'class="paper-privacy"'
    css=$(grep -o '<link rel="stylesheet" href="/static/css/paper\.[0-9a-f]*\.css">' "$TMP/body" | head -1 | sed 's/.*href="//; s/">//')
    check "$id ($lang): the print stylesheet is linked" test -n "$css"
    # yourvoice paper: the same HTML as the page's main content
    "$YV" paper "$id" --lang "$lang" --surveys "$SRC/surveys" --config "$YV_STATE/yourvoice.conf" > "$TMP/cli" 2> "$TMP/cli.err"
    sed -n '/^<main id="main" tabindex="-1">$/,/^<\/main>$/p' "$TMP/page-$id-$lang" | sed '1d;$d' > "$TMP/main"
    check "$id ($lang): yourvoice paper prints the page's main content" \
      bash -c "[ -s '$TMP/main' ] && cmp -s '$TMP/main' '$TMP/cli'"
  done
done

http GET "$css" > /dev/null
check "the print stylesheet sets A4 pages and keeps questions whole" \
  bash -c "grep -q 'size: A4' '$TMP/body' && grep -q 'page-break-inside: avoid' '$TMP/body' && grep -q '@media print' '$TMP/body'"

http GET "/s/what-matters/paper?lang=cy" > /dev/null
check "Welsh routing is written in Welsh" bash -c "grep -q 'class=\"routing\"' '$TMP/body' && ! grep -qF 'Answer the questions in this part' '$TMP/body'"
http GET /s/what-matters/paper > /dev/null
check "a part shown on a condition says when to answer it" \
  body_has "Answer the questions in this part only if you answered “The environment and climate change” to question 1."
check "and the question before it says where to go otherwise" \
  body_has "If you answered “Schools” to question 1, go to question 4."
http GET /s/customer-care/paper > /dev/null
check "a yes/no condition gives a go-to instruction" body_has "If you answered “No” to question"

check "yourvoice paper refuses an unknown language" bash -c "! '$YV' paper what-matters --lang fr --surveys '$SRC/surveys' > /dev/null 2>&1"
check "and a name that is not a survey id" bash -c "! '$YV' paper ../etc --surveys '$SRC/surveys' > /dev/null 2>&1"
is "$(http GET /s/no-such-survey/paper)" 404 "an unknown survey has no paper form"

done_testing
