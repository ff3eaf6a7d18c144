#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# The survey editor in /admin (issue 22): an officer creates a survey from a
# sample with a new id (a draft, not served), publishes it (served), a
# resident answers it; a broken text is refused with exactly the messages
# of `yourvoice check` (file:line:col, each linked to its numbered line)
# and nothing is published; the fixed text, with a question added, is
# previewed in English and Welsh, saved as a draft, and published after
# the check --previous warnings are confirmed (the survey has responses);
# a resident answers the new question and the answer is stored. A limited
# officer gets 403 on another survey's editor; hostile XML (DTD and
# entities, XInclude, deep nesting) is refused with the command line's
# messages; an over-long body is refused at the edge.
. "$(dirname "$0")/lib.sh"
YV="$SRC/app/yourvoice"
CONF="$YV_STATE/yourvoice.conf"
PW=correct-horse-battery-staple
user() { printf '%s\n' "$PW" | "$YV" user --config "$CONF" "$@" > /dev/null 2>&1; }
S=editor-fixture
W="$TMP/work"
mkdir -p "$W/chk"

sql "DELETE FROM survey_xml_version WHERE survey_id = '$S'" 2> /dev/null
sql "DELETE FROM audit_log WHERE username LIKE 'ed.%'; DELETE FROM admin_session WHERE user_id IN (SELECT id FROM app_user WHERE username LIKE 'ed.%'); DELETE FROM app_user WHERE username LIKE 'ed.%'" 2> /dev/null
check "an officer with every survey is added" user add ed.olwen --role officer
check "an officer limited to budget-2026 is added" user add ed.tomos --role officer --survey budget-2026
JO="$TMP/jar-olwen"
JT="$TMP/jar-tomos"
is "$(sign_in "$JO" ed.olwen)" 303 "the officer signs in"
is "$(sign_in "$JT" ed.tomos)" 303 "the limited officer signs in"

# epost JAR ACTION [curl -F args...]: the editor's form of $S, multipart,
# with the anti-forgery token of the page last fetched.
epost() {
  local jar=$1 action=$2; shift 2
  http POST "/admin/edit/$S" -b "$jar" -c "$jar" -F "csrf=$(form_csrf)" -F "action=$action" "$@"
}
# page_msgs: the messages of the error summary, unescaped, one a line.
page_msgs() {
  sed -n 's|.*<li><a href="#[^"]*">\([a-z0-9-]*\.xml:[0-9]*:[0-9]*: .*\)</a></li>|\1|p' "$TMP/body" |
    sed -e 's/&quot;/"/g' -e "s/&#39;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
}
# cli_msgs FILE: what yourvoice check prints for FILE named $S.xml.
cli_msgs() {
  cp "$1" "$W/chk/$S.xml"
  (cd "$W/chk" && "$YV" check "$S.xml" 2>&1 | grep "^$S.xml:")
}

# ---- a new survey from a sample ----
is "$(aget "$JO" /admin)" 200 "the dashboard"
check "links to Create a survey" body_has 'href="/admin/new"'
is "$(aget "$JO" /admin/new)" 200 "the new survey page"
check "offers the sample what-matters" body_has '<option value="what-matters">'
check "and the empty template" body_has '<option value="">'
st=$(apost_fields "$JO" /admin/new "id=Not An Id" from=what-matters)
is "$st" 422 "an id that is not an id is refused"
check "saying what an id is" body_has "lower-case letters, digits and hyphens"
aget "$JO" /admin/new > /dev/null
st=$(apost_fields "$JO" /admin/new id=what-matters from=)
is "$st" 422 "an id that exists is refused"
check "saying so" body_has "already exists"
aget "$JO" /admin/new > /dev/null
st=$(apost_fields "$JO" /admin/new id=$S from=what-matters)
is "$st" 303 "a new survey from the sample what-matters"
is "$(header Location)" "/admin/edit/$S?saved=1" "opens the editor on draft version 1"
is "$(sql "SELECT CONCAT(origin, ' ', author, ' ', state) FROM survey_xml_version WHERE survey_id = '$S' AND version = 1")" \
  "web ed.olwen draft" "stored as a draft by the officer"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'survey-create' AND survey_id = '$S' AND username = 'ed.olwen'")" 1 \
  "the creation is audited"
is "$(http GET /s/$S)" 404 "a draft is not served"
is "$(aget "$JO" /admin/surveys)" 200 "the survey files page"
check "lists the survey not yet published, linked to its editor" bash -c \
  "grep -qF 'Surveys not yet published' '$TMP/body' && grep -qF 'href=\"/admin/edit/$S\">$S</a>' '$TMP/body'"
is "$(aget "$JT" /admin/surveys)" 200 "the limited officer's survey files page"
check "does not list it" bash -c "! grep -qF 'href=\"/admin/edit/$S\"' '$TMP/body'"
is "$(aget "$JO" "/admin/edit/$S?saved=1")" 200 "the editor opens on the draft"
check "it says the draft was saved" body_has "Saved as draft version 1."
check "the text area holds the sample with the new id" body_has "id=&quot;$S&quot;"
check "the form is multipart, with a file upload and a reason" bash -c \
  "grep -qF 'enctype=\"multipart/form-data\"' '$TMP/body' && grep -qF 'type=\"file\"' '$TMP/body' && grep -qF 'name=\"reason\"' '$TMP/body'"
for b in check preview-en preview-cy draft publish; do
  check "with the button $b" body_has "name=\"action\" value=\"$b\""
done
"$YV" survey export $S --version 1 --config "$CONF" > "$W/v1.xml"
check "the draft is the sample with only the id changed" bash -c \
  "diff <(sed 's/id=\"$S\"/id=\"what-matters\"/' '$W/v1.xml') '$SRC/surveys/what-matters.xml'"
st=$(epost "$JO" publish -F "xml=<$W/v1.xml" -F "reason=first publication")
is "$st" 303 "publishing the new survey"
is "$(header Location)" "/admin/edit/$S?published=2" "as version 2"
for _ in $(seq 60); do [ "$(http GET /s/$S)" = 200 ] && break; sleep 0.25; done
is "$(http GET /s/$S)" 200 "the new survey is served"
is "$(sql "SELECT CONCAT(origin, ' ', state, ' ', reason) FROM survey_xml_version WHERE survey_id = '$S' AND version = 2")" \
  "web published first publication" "published from the browser with the reason"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'survey-publish' AND survey_id = '$S'")" 1 "the publication is audited"

# A resident answers version 2.
answer() { # answer EXTRA-FIELDS...: a full response to $S
  JAR=$TMP/resident-$RANDOM
  jget /s/$S > /dev/null
  jpost "$(form_action)" priority=care "what-matters=The editor" "$@" action=continue > /dev/null
  for _ in 1 2 3 4 5; do loc=$(header Location); [[ $loc == */check ]] && break; jget "$loc" > /dev/null; jpost "$(form_action)" action=continue > /dev/null; done
  send_check $S
}
r1=$(answer)
is "$(sql "SELECT COUNT(*) FROM response WHERE survey_id = '$S' AND receipt_hash = '$(code_hash "$r1")'")" 1 "a resident answers it"

# ---- a broken text: the check's messages, nothing published ----
sed -e 's/<choice id="priority" required="true">/<choice id="priority" required="maybe">/' "$W/v1.xml" > "$W/broken.xml"
cli_msgs "$W/broken.xml" > "$W/broken.cli"
check "the command line refuses the broken text" test -s "$W/broken.cli"
aget "$JO" /admin/edit/$S > /dev/null
st=$(epost "$JO" check -F "xml=<$W/broken.xml")
is "$st" 422 "Check on a broken text answers 422"
page_msgs > "$W/broken.page"
check "with exactly the messages of yourvoice check (file, line, column)" cmp -s "$W/broken.page" "$W/broken.cli"
line=$(head -1 "$W/broken.cli" | cut -d: -f2)
check "in an error summary" body_has 'class="error-summary"'
check "each message linked to its line (#L$line)" body_has "<a href=\"#L$line\">$S.xml:$line:"
check "in a numbered listing of the text" body_has "<tr id=\"L$line\"><td class=\"diff-num\">$line</td>"
is "$(sql "SELECT COUNT(*) FROM survey_xml_version WHERE survey_id = '$S'")" 2 "nothing is stored on Check"
st=$(epost "$JO" publish -F "xml=<$W/broken.xml")
is "$st" 422 "Publish of a broken text is refused"
check "saying nothing was published" body_has "Nothing was published"
page_msgs > "$W/broken.page2"
check "with the same messages" cmp -s "$W/broken.page2" "$W/broken.cli"
is "$(sql "SELECT COUNT(*) FROM survey_xml_version WHERE survey_id = '$S'")" 2 "nothing is stored"
"$YV" survey export $S --config "$CONF" > "$W/served.xml"
check "the served version is unchanged" cmp -s "$W/served.xml" "$W/v1.xml"
st=$(epost "$JO" draft -F "xml=<$W/broken.xml" -F "reason=work in progress")
is "$st" 422 "a broken text may be saved as a draft"
check "saying it fails the check" body_has "Saved as draft version 3, but it fails the check"
is "$(sql "SELECT state FROM survey_xml_version WHERE survey_id = '$S' AND version = 3")" draft "stored as draft version 3"
"$YV" survey export $S --config "$CONF" > "$W/served.xml"
check "and the served version is still version 2" cmp -s "$W/served.xml" "$W/v1.xml"
is "$(aget "$JO" /admin/edit/$S)" 200 "the editor opens on the newest draft"
check "the broken text" body_has "required=&quot;maybe&quot;"

# ---- the fixed text: a question added and one reworded ----
sed -e '/<heading xml:lang="cy">Eich barn<\/heading>/a\
    <long-text id="editor-extra" max-length="500">\
      <label xml:lang="en">Anything else about the editor?</label>\
      <label xml:lang="cy">Unrhyw beth arall am y golygydd?</label>\
    </long-text>' \
  -e 's/Which of these matters most to you?/Which one of these matters most to you?/' "$W/v1.xml" > "$W/fixed.xml"
check "the fixed text passes the command line's check" bash -c "[ -z \"\$(cli_msgs '$W/fixed.xml')\" ]"
st=$(epost "$JO" check -F "xml=<$W/fixed.xml")
is "$st" 200 "Check on the fixed text"
check "says it passes" body_has "The survey passes the check"
check "and offers each page of the text to preview" \
  bash -c "grep -qF 'name=\"preview_page\"' '$TMP/body' && grep -qF '<option value=\"about-you\">Page 4 of 4: About you</option>' '$TMP/body'"
st=$(epost "$JO" preview-en -F "xml=<$W/fixed.xml")
is "$st" 200 "preview in English"
check "shows the first page as residents see it, with the new question" bash -c \
  "grep -qF 'Anything else about the editor?' '$TMP/body' && grep -qF 'Which one of these matters most to you?' '$TMP/body' && grep -qF 'notice-preview' '$TMP/body'"
check "in English" body_has '<html lang="en"'
aget "$JO" /admin/edit/$S > /dev/null
st=$(epost "$JO" preview-cy -F "xml=<$W/fixed.xml")
is "$st" 200 "preview in Welsh"
check "shows the Welsh texts" bash -c "grep -qF 'Unrhyw beth arall am y golygydd?' '$TMP/body' && grep -qF '<html lang=\"cy\"' '$TMP/body'"
aget "$JO" /admin/edit/$S > /dev/null
st=$(epost "$JO" preview-en -F "xml=<$W/fixed.xml" -F "preview_page=one-thing")
is "$st" 200 "preview of a later page of the text"
check "shows that page, not the first" bash -c \
  "grep -qF 'One change' '$TMP/body' && ! grep -qF 'Which one of these matters most to you?' '$TMP/body'"
is "$(sql "SELECT COUNT(*) FROM survey_xml_version WHERE survey_id = '$S'")" 3 "nothing is stored on Preview"
aget "$JO" "/admin/edit/$S?lang=en" > /dev/null
st=$(epost "$JO" draft -F "xml=<$W/fixed.xml" -F "reason=add a question")
is "$st" 303 "the fixed text is saved as a draft"
is "$(header Location)" "/admin/edit/$S?saved=4" "as version 4"
aget "$JO" /admin/edit/$S > /dev/null
st=$(epost "$JO" publish -F "xml=<$W/fixed.xml" -F "reason=add a question")
is "$st" 200 "publishing a change to a survey with responses asks first"
check "showing the check --previous warning about the reworded question" grep -q "warning: .*priority" "$TMP/body"
check "with a confirmation checkbox" body_has 'type="checkbox" id="confirm" name="confirm" value="1"'
is "$(sql "SELECT COUNT(*) FROM survey_xml_version WHERE survey_id = '$S'")" 4 "nothing is published before the confirmation"
st=$(epost "$JO" publish -F "xml=<$W/fixed.xml" -F "reason=add a question" -F confirm=1)
is "$st" 303 "the confirmed publication"
is "$(header Location)" "/admin/versions/$S?done=5" "redirects to the versions page"
aget "$JO" "$(header Location)" > /dev/null
check "which confirms it" body_has "The version is published as the newest version"
check "and links to the editor" body_has "href=\"/admin/edit/$S\""
is "$(sql "SELECT CONCAT(origin, ' ', author, ' ', state) FROM survey_xml_version WHERE survey_id = '$S' AND version = 5")" \
  "web ed.olwen published" "stored as published by the officer"
"$YV" survey export $S --config "$CONF" > "$W/served.xml"
check "the served version is the fixed text, byte for byte" cmp -s "$W/served.xml" "$W/fixed.xml"
for _ in $(seq 60); do http GET /s/$S > /dev/null; body_has "Anything else about the editor?" && break; sleep 0.25; done
check "residents see the new question" body_has "Anything else about the editor?"
r2=$(answer "editor-extra=Easy to use")
is "$(sql "SELECT a.value FROM answer a JOIN response r ON r.id = a.response_id WHERE r.receipt_hash = '$(code_hash "$r2")' AND a.question_id = 'editor-extra'")" \
  "Easy to use" "the answer to the new question is stored"
is "$(sql "SELECT version_hash FROM response WHERE receipt_hash = '$(code_hash "$r2")'")" "$(sha256sum < "$W/fixed.xml" | cut -c1-64)" \
  "with the version the resident answered"

# ---- who may ----
is "$(aget "$JT" /admin/edit/$S)" 403 "a limited officer gets 403 on another survey's editor"
aget "$JT" /admin/edit/budget-2026 > /dev/null
st=$(http POST /admin/edit/$S -b "$JT" -F "csrf=$(form_csrf)" -F action=publish -F "xml=<$W/fixed.xml")
is "$st" 403 "and cannot publish it"
is "$(aget "$JT" /admin/edit/budget-2026)" 200 "but opens their own survey's editor"
"$YV" survey export budget-2026 --config "$CONF" > "$W/budget.xml"
check "whose text is over the default field limit ($(wc -c < "$W/budget.xml") bytes)" test "$(wc -c < "$W/budget.xml")" -gt 20000
st=$(http POST /admin/edit/budget-2026 -b "$JT" -F "csrf=$(form_csrf)" -F action=check -F "xml=<$W/budget.xml")
is "$st" 200 "the whole of it is checked from the text area"
check "and passes" body_has "The survey passes the check"
aget "$JO" /admin/edit/$S > /dev/null
st=$(http POST /admin/edit/$S -b "$JO" -F csrf=forged -F action=publish -F "xml=<$W/fixed.xml")
is "$st" 403 "a form without the anti-forgery token is refused"
is "$(aget "$TMP/nobody" /admin/edit/$S)" 200 "signed out: the sign-in page"
check "not the text" bash -c "! grep -q 'editor-extra' '$TMP/body'"
is "$(aget "$JO" /admin/edit/no-such-survey)" 404 "an unknown survey is 404"

# ---- hostile XML through the upload ----
sed -e 's|^<survey |<!DOCTYPE survey [ <!ENTITY lol "lol"> ]>\n<survey |' "$W/fixed.xml" > "$W/h-dtd.xml"
sed -e 's|<heading xml:lang="en">Your views</heading>|<heading xml:lang="en"><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/></heading>|' \
  "$W/fixed.xml" > "$W/h-xinclude.xml"
python3 -c "
import sys
s = open(sys.argv[1], encoding='utf-8').read()
s = s.replace('<page id=\"your-views\">', '<page id=\"your-views\">' + '<x>' * 5000 + '</x>' * 5000, 1)
open(sys.argv[2], 'w', encoding='utf-8').write(s)" "$W/fixed.xml" "$W/h-deep.xml"
for h in dtd xinclude deep; do
  cli_msgs "$W/h-$h.xml" > "$W/h-$h.cli"
  aget "$JO" /admin/edit/$S > /dev/null
  st=$(epost "$JO" publish -F "file=@$W/h-$h.xml;type=text/xml")
  is "$st" 422 "hostile XML ($h) uploaded is refused"
  page_msgs > "$W/h-$h.page"
  check "with exactly the command line's messages ($h: $(head -1 "$W/h-$h.cli" | cut -c1-70))" \
    bash -c "[ -s '$W/h-$h.cli' ] && cmp -s '$W/h-$h.page' '$W/h-$h.cli'"
done
check "the file in the page is never read" bash -c "! grep -q 'root:' '$TMP/body'"
is "$(sql "SELECT COUNT(*) FROM survey_xml_version WHERE survey_id = '$S'")" 5 "nothing hostile is stored"
head -c 400000 /dev/zero | tr '\0' 'a' > "$W/huge.xml"
aget "$JO" /admin/edit/$S > /dev/null
st=$(epost "$JO" check -F "xml=<$W/huge.xml")
is "$st" 413 "a text over the request limit is refused at the edge"

# ---- links ----
is "$(aget "$JO" /admin/surveys)" 200 "the survey files page"
check "links each loaded survey to its editor" body_has 'href="/admin/edit/what-matters"'
check "and to Create a survey" body_has 'href="/admin/new"'
is "$(aget "$JO" /admin/edit/$S?lang=cy)" 200 "the editor in Welsh"
check "its words are Welsh" body_has "Golygu’r arolwg"
aget "$JO" /admin/edit/$S?lang=en > /dev/null

done_testing
