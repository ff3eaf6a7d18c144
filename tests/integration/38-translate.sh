#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Translation for translators (issue 22): `yourvoice translate export` and
# `import` leave every sample survey byte-identical when nothing changed; a
# translator's edited CSV and XLIFF change exactly the Welsh texts edited
# (and a missing one is put back in place) and the result passes
# `yourvoice check`; refusals name the row or line. On the web: the
# side-by-side page with its counts, the CSV and XLIFF downloads, an upload
# shown as old -> new Welsh with the check result, the updated file as an
# attachment, hostile XLIFF refused, and a limited officer kept out of
# another survey's translation.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
user() { printf '%s\n' "$PW" | "$YV" user --config "$CONF" "$@" > /dev/null 2>&1; }
W="$TMP/work"
mkdir -p "$W"

# ---- the command line ----
for f in "$SRC"/surveys/*.xml; do
  b=$(basename "$f")
  "$YV" translate export --format csv "$f" -o "$W/$b.csv" 2> /dev/null
  "$YV" translate export --format xliff "$f" -o "$W/$b.xlf" 2> /dev/null
  "$YV" translate import "$f" "$W/$b.csv" -o "$W/csv-$b" 2> /dev/null
  "$YV" translate import "$f" "$W/$b.xlf" -o "$W/xlf-$b" 2> /dev/null
  check "$b: CSV round trip is byte-identical" cmp -s "$f" "$W/csv-$b"
  check "$b: XLIFF round trip is byte-identical" cmp -s "$f" "$W/xlf-$b"
done

# A translator edits two Welsh texts in the CSV (one of them with a comma
# and a quote, so the cell is quoted) and leaves the rest.
WM="$SRC/surveys/what-matters.xml"
mkdir -p "$W/edited"
python3 - "$W/what-matters.xml.csv" "$W/edited.csv" << 'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
for r in rows[1:]:
    if r[0] == 'title':
        r[2] = 'Beth sy’n wirioneddol bwysig i chi?'
    if r[0] == 'organisation':
        r[2] = 'Cyngor Sir Bro Afon, "y cyngor"'
csv.writer(open(sys.argv[2], 'w', newline='', encoding='utf-8')).writerows(rows)
EOF
"$YV" translate import "$WM" "$W/edited.csv" -o "$W/edited/what-matters.xml" 2> "$TMP/err"
check "the edited CSV imports (two Welsh texts changed)" grep -q '^2 Welsh texts changed' "$TMP/err"
diff "$WM" "$W/edited/what-matters.xml" > "$TMP/diff"
is "$(grep -c '^[<>]' "$TMP/diff")" 4 "exactly two lines differ"
check "the Welsh title is the translator's" grep -qF '<title xml:lang="cy">Beth sy’n wirioneddol bwysig i chi?</title>' "$W/edited/what-matters.xml"
check "the Welsh organisation is the translator's" grep -qF '<organisation xml:lang="cy">Cyngor Sir Bro Afon, "y cyngor"</organisation>' "$W/edited/what-matters.xml"
check "the result passes yourvoice check" "$YV" check -q "$W/edited/what-matters.xml"

# The same through XLIFF: one target edited, with an ampersand.
sed 's|<target state="translated">Cyngor Sir Bro Afon</target>|<target state="translated">Cyngor Sir Bro Afon \&amp; y Cymoedd</target>|' \
  "$W/what-matters.xml.xlf" > "$W/edited.xlf"
mkdir -p "$W/edx"
"$YV" translate import "$WM" "$W/edited.xlf" -o "$W/edx/what-matters.xml" 2> "$TMP/err"
diff "$WM" "$W/edx/what-matters.xml" > "$TMP/diff"
check "the edited XLIFF changes exactly the organisation's Welsh" bash -c "[ \$(grep -c '^[<>]' '$TMP/diff') = 2 ] && grep -qF '<organisation xml:lang=\"cy\">Cyngor Sir Bro Afon &amp; y Cymoedd</organisation>' '$W/edx/what-matters.xml'"
check "the XLIFF result passes yourvoice check" "$YV" check -q "$W/edx/what-matters.xml"

# A survey missing a Welsh text fails the check; the translator's CSV puts it back.
mkdir -p "$W/missing"
grep -v '<label xml:lang="cy">Beth sydd bwysicaf i chi' "$WM" > "$W/missing/what-matters.xml" || true
check "without a Welsh label the survey fails the check" bash -c "! '$YV' check -q '$W/missing/what-matters.xml' > /dev/null"
"$YV" translate export --format csv "$W/missing/what-matters.xml" -o "$W/missing.csv" 2> /dev/null
check "the export marks it missing" grep -q ',missing,' "$W/missing.csv"
python3 - "$W/missing.csv" "$W/what-matters.xml.csv" "$W/missing-filled.csv" << 'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
full = {r[0]: r[2] for r in csv.reader(open(sys.argv[2], newline='', encoding='utf-8'))}
for r in rows[1:]:
    if r[3] == 'missing':
        r[2] = full[r[0]]
csv.writer(open(sys.argv[3], 'w', newline='', encoding='utf-8')).writerows(rows)
EOF
mkdir -p "$W/filled"
"$YV" translate import "$W/missing/what-matters.xml" "$W/missing-filled.csv" -o "$W/filled/what-matters.xml" 2> /dev/null
check "the missing Welsh is inserted beside its English, indented alike" cmp -s "$WM" "$W/filled/what-matters.xml"

# Refusals.
printf 'key,English,Welsh\nq/nope/label,Hello,Helo\n' > "$W/unknown.csv"
out=$("$YV" translate import "$WM" "$W/unknown.csv" 2> /dev/null); st=$?
check "an unknown key is refused with its row (exit 1)" bash -c "[ $st = 1 ] && grep -qF \"unknown.csv:2:1: row 2: unknown key 'q/nope/label'\" <<< \"\$1\"" _ "$out"
sed 's|^title,What matters to you?,|title,What matters to you now?,|' "$W/what-matters.xml.csv" > "$W/moved.csv"
out=$("$YV" translate import "$WM" "$W/moved.csv" 2> /dev/null)
check "an English text changed since the export is refused" grep -qF "row 2: the English of 'title' has changed" <<< "$out"
printf '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY big "aaaaaaaa">]>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file><body><trans-unit id="title"><source>What matters to you?</source><target>&big;</target></trans-unit></body></file></xliff>\n' > "$W/hostile.xlf"
out=$("$YV" translate import "$WM" "$W/hostile.xlf" 2> /dev/null); st=$?
check "an XLIFF with a DTD and an entity is refused" bash -c "[ $st = 1 ] && grep -qF 'hostile.xlf:2:1: DOCTYPE declarations are not allowed' <<< \"\$1\"" _ "$out"
out=$("$YV" translate import "$WM" "$W/hostile.xlf" -o "$W/never.xml" 2> /dev/null)
check "nothing is written when refused" test ! -e "$W/never.xml"

# ---- the web ----
sql "DELETE FROM audit_log WHERE username LIKE 'tr.%'; DELETE FROM admin_session WHERE user_id IN (SELECT id FROM app_user WHERE username LIKE 'tr.%'); DELETE FROM app_user WHERE username LIKE 'tr.%'" 2> /dev/null
check "an officer with every survey is added" user add tr.olwen --role officer
check "an officer limited to budget-2026 is added" user add tr.tomos --role officer --survey budget-2026
JO="$TMP/jar-olwen"
JT="$TMP/jar-tomos"
is "$(sign_in "$JO" tr.olwen)" 303 "the officer signs in"
is "$(sign_in "$JT" tr.tomos)" 303 "the limited officer signs in"

is "$(aget "$JO" /admin/translate/what-matters)" 200 "the translation page"
total=$(python3 -c 'import csv, sys; print(len(list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))) - 1)' "$W/what-matters.xml.csv")
check "it counts every text ($total)" grep -qF "Texts: <strong>$total</strong>" "$TMP/body"
unchanged=$(grep -c ',unchanged,line' "$W/what-matters.xml.csv")
check "it counts the Welsh the same as the English ($unchanged)" grep -qF "Welsh the same as the English: <strong>$unchanged</strong>" "$TMP/body"
check "an unchanged text is marked in words" grep -qF '<strong>Welsh the same as the English</strong>' "$TMP/body"
check "English and Welsh side by side, the Welsh marked lang=cy" grep -qF '<td lang="cy"><p>Beth sy’n bwysig i chi?</p></td>' "$TMP/body"
check "the upload form is multipart with an anti-forgery token" bash -c "grep -qF 'enctype=\"multipart/form-data\"' '$TMP/body' && grep -q 'name=\"csrf\"' '$TMP/body'"
is "$(aget "$JO" /admin/translate/what-matters?lang=cy)" 200 "the page in Welsh"
check "its words are Welsh" grep -qF 'Testunau:' "$TMP/body"
aget "$JO" /admin/translate/what-matters?lang=en > /dev/null # the language is remembered

is "$(aget "$JO" /admin/translate/what-matters.csv)" 200 "the CSV download"
check "as an attachment" bash -c "grep -qi '^Content-Disposition: attachment; filename=\"what-matters-translation.csv\"' '$TMP/head'"
check "the same CSV as the command line" cmp -s "$TMP/body" "$W/what-matters.xml.csv"
is "$(aget "$JO" /admin/translate/what-matters.xlf)" 200 "the XLIFF download"
check "XLIFF 1.2, en-GB to cy-GB" bash -c "grep -q 'urn:oasis:names:tc:xliff:document:1.2' '$TMP/body' && grep -q 'source-language=\"en-GB\" target-language=\"cy-GB\"' '$TMP/body'"

# Upload the translator's CSV: the page shows old -> new and the check.
aget "$JO" /admin/translate/what-matters > /dev/null
csrf=$(form_csrf)
st=$(http POST /admin/translate/what-matters -b "$JO" -c "$JO" -F "csrf=$csrf" -F "translations=@$W/edited.csv;type=text/csv")
is "$st" 200 "the upload is checked"
check "it shows the Welsh now and the new Welsh" bash -c "grep -qF '<td lang=\"cy\"><p>Beth sy’n bwysig i chi?</p></td><td lang=\"cy\"><p>Beth sy’n wirioneddol bwysig i chi?</p></td>' '$TMP/body'"
check "and says the result passes the check" grep -qF 'With them the survey file passes the check.' "$TMP/body"
check "two changes" grep -qF 'Welsh texts that would change: <strong>2</strong>' "$TMP/body"
check "the survey file on the server is unchanged" cmp -s "$WM" "$(sed -n 's/^surveys_dir *= *//p' "$CONF")/what-matters.xml"
# the download form: its hidden fields posted back
args=(-F "csrf=$(form_csrf)")
fields=$(python3 - "$TMP/body" << 'EOF'
import html, re, sys
b = open(sys.argv[1], encoding='utf-8').read()
form = b[b.index('action="/admin/translate/what-matters.xml"'):]
for n, v in re.findall(r'<input type="hidden" name="(key|en|cy)" value="([^"]*)"', form):
    print(n + '=' + html.unescape(v))
EOF
)
dargs=(--data-urlencode "csrf=$(form_csrf)")
while IFS= read -r l; do dargs+=(--data-urlencode "$l"); done <<< "$fields"
st=$(http POST /admin/translate/what-matters.xml -b "$JO" -c "$JO" "${dargs[@]}")
is "$st" 200 "the updated file downloads"
check "as an attachment named after the survey" bash -c "grep -qi '^Content-Disposition: attachment; filename=\"what-matters.xml\"' '$TMP/head'"
check "the same bytes as the command line's import" cmp -s "$TMP/body" "$W/edited/what-matters.xml"

is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username = 'tr.olwen' AND action IN ('translation-check', 'translation-download') AND survey_id = 'what-matters'")" 2 \
  "the check and the download are audited"

# Hostile XLIFF through the upload.
aget "$JO" /admin/translate/what-matters > /dev/null
st=$(http POST /admin/translate/what-matters -b "$JO" -c "$JO" -F "csrf=$(form_csrf)" -F "translations=@$W/hostile.xlf;type=application/xliff+xml")
is "$st" 422 "a hostile XLIFF upload is refused"
check "with the line and what is wrong" grep -qF 'hostile.xlf:2: DOCTYPE declarations are not allowed' "$TMP/body"
check "and nothing imported" grep -qF 'Nothing was imported.' "$TMP/body"
aget "$JO" /admin/translate/what-matters > /dev/null
st=$(http POST /admin/translate/what-matters -b "$JO" -c "$JO" -F "csrf=$(form_csrf)" -F "translations=@$W/unknown.csv;type=text/csv")
check "an unknown key in an upload is refused with its row" bash -c "[ $st = 422 ] && grep -qF \"row 2: unknown key &#39;q/nope/label&#39;\" '$TMP/body'"
st=$(http POST /admin/translate/what-matters -b "$JO" -c "$JO" -F "csrf=forged" -F "translations=@$W/edited.csv;type=text/csv")
is "$st" 403 "an upload without the anti-forgery token is refused"

# Who may.
is "$(aget "$JT" /admin/translate/what-matters)" 403 "a limited officer gets 403 on another survey's translation"
is "$(aget "$JT" /admin/translate/what-matters.csv)" 403 "and on its CSV"
is "$(aget "$JT" /admin/translate/budget-2026)" 200 "but sees their own survey's"
is "$(aget "$TMP/nobody" /admin/translate/what-matters)" 200 "signed out: the sign-in page"
check "and not the texts" bash -c "! grep -q \"Beth sy’n bwysig\" '$TMP/body'"
is "$(aget "$JO" /admin/translate/no-such-survey)" 404 "an unknown survey is 404"

done_testing
