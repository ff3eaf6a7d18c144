#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Surveys stored with their history (issue 22): every survey's XML lives in
# MariaDB, so a second app instance with no survey files at all serves the
# same set, and picks up a version stored through the first instance
# without being signalled. A changed file becomes a new version; an
# unchanged file does not override a newer version stored elsewhere; a
# removed file withdraws its survey. `yourvoice survey history` lists the
# versions and `yourvoice survey export` writes each back byte for byte.
. "$(dirname "$0")/lib.sh"
master=$(cat "$YV_STATE/run/app.pid")
CONF=$YV_STATE/yourvoice.conf
S=authoring-fixture
YV="$SRC/app/yourvoice"

sed -e '0,/id="what-matters"/s//id="authoring-fixture"/' \
  -e '0,/<title xml:lang="en">What matters to you?</s//<title xml:lang="en">Stored survey one</' \
  "$SRC/surveys/what-matters.xml" > "$TMP/one.xml"
sed -e 's/Stored survey one/Stored survey two/' "$TMP/one.xml" > "$TMP/two.xml"
sed -e 's/Stored survey one/Stored survey three/' -e 's/Which of these matters most to you?/Which one of these matters most to you?/' \
  "$TMP/one.xml" > "$TMP/three.xml"
cp "$TMP/one.xml" "$YV_SURVEYS/$S.xml"
kill -HUP "$master"
for _ in $(seq 50); do [ "$(http GET /s/$S)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/$S)" 200 "a new file is served after SIGHUP"
check "the served title is the file's" body_has "Stored survey one"
is "$(sql "SELECT CONCAT(version, ' ', origin, ' ', author, ' ', state) FROM survey_xml_version WHERE survey_id = '$S'")" \
  "1 file file published" "the file is stored as version 1, published, by 'file'"
is "$(sql "SELECT sha256 FROM survey_xml_version WHERE survey_id = '$S'")" "$(sha256sum < "$TMP/one.xml" | cut -c1-64)" \
  "with the SHA-256 of its bytes"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'survey-import' AND survey_id = '$S'")" 1 \
  "the import is in the audit log"

# history and export
"$YV" survey history "$S" --config "$CONF" > "$TMP/hist" 2>&1; rc=$?
is "$rc" 0 "survey history exits 0"
check "it lists version 1 from the file" grep -qP '^1\tpublished\t.*\tfile\tfile\t' "$TMP/hist"
"$YV" survey export "$S" --config "$CONF" > "$TMP/out.xml"; rc=$?
is "$rc" 0 "survey export exits 0"
check "export writes the served version byte for byte" cmp -s "$TMP/out.xml" "$TMP/one.xml"
"$YV" survey export "$S" --version 1 --output "$TMP/out1.xml" --config "$CONF" 2> /dev/null
check "export --version 1 --output writes the same bytes to the file" cmp -s "$TMP/out1.xml" "$TMP/one.xml"
"$YV" survey export "$S" --version 99 --config "$CONF" > /dev/null 2> "$TMP/err"; rc=$?
is "$rc" 1 "export of a version never stored exits 1"
check "and says so" grep -q "no such survey or version" "$TMP/err"
"$YV" survey export "$S" --version x --config "$CONF" > /dev/null 2>&1; rc=$?
is "$rc" 2 "a bad --version is a usage error"
"$YV" survey history no-such-survey --config "$CONF" > /dev/null 2>&1; rc=$?
is "$rc" 1 "history of a survey never stored exits 1"

# SIGHUP again with the file unchanged: no new version
kill -HUP "$master"
for _ in $(seq 30); do grep -q "SIGHUP: reloading" <(tail -n 5 "$YV_STATE/log/app.log") && break; sleep 0.2; done
sleep 1
is "$(sql "SELECT COUNT(*) FROM survey_xml_version WHERE survey_id = '$S'")" 1 "an unchanged file stores nothing new"

# A second instance on the same database, with an empty surveys directory
# of its own (another host, as far as it knows), talked to over FastCGI.
mkdir -p "$TMP/b-surveys"
sed -e "s|^listen = .*|listen = unix:$TMP/b.sock|" -e 's|^workers = .*|workers = 1|' \
  -e 's|^themes_interval = .*|themes_interval = 0|' -e "s|^surveys_dir = .*|surveys_dir = $TMP/b-surveys|" \
  "$CONF" > "$TMP/b.conf"
"$YV" serve --config "$TMP/b.conf" > "$TMP/b.log" 2>&1 &
bpid=$!
trap 'kill "$bpid" 2> /dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do [ -S "$TMP/b.sock" ] && break; sleep 0.2; done
# bget PATH: the body from instance B into $TMP/bbody, prints the status
bget() {
  env -i REQUEST_METHOD=GET DOCUMENT_URI="$1" REQUEST_URI="$1" QUERY_STRING= SERVER_NAME=127.0.0.1 \
    SERVER_PORT=80 REMOTE_ADDR=127.0.0.1 HTTP_ACCEPT_LANGUAGE=en cgi-fcgi -bind -connect "$TMP/b.sock" > "$TMP/bbody" 2> /dev/null
  local st
  st=$(sed -n '1,/^\r\?$/p' "$TMP/bbody" | grep -i '^Status:' | head -1 | awk '{print $2}')
  echo "${st:-200}"
}
check "instance B is running" kill -0 "$bpid"
is "$(bget /s/$S)" 200 "instance B, without the file, serves the survey stored by A"
check "with the stored title" grep -q "Stored survey one" "$TMP/bbody"
is "$(bget /s/what-matters)" 200 "and the sample surveys A imported"
check "B imported no file" bash -c "! grep -q 'stored .* as version' '$TMP/b.log'"

# A's file changes: A stores version 2 on SIGHUP; B serves it unasked.
cp "$TMP/two.xml" "$YV_SURVEYS/$S.xml"
kill -HUP "$master"
for _ in $(seq 50); do [ "$(sql "SELECT COUNT(*) FROM survey_xml_version WHERE survey_id = '$S'")" = 2 ] && break; sleep 0.2; done
is "$(sql "SELECT CONCAT(version, ' ', origin, ' ', state) FROM survey_xml_version WHERE survey_id = '$S' ORDER BY version DESC LIMIT 1")" \
  "2 file published" "a changed file becomes version 2"
for _ in $(seq 60); do bget /s/$S > /dev/null; grep -q "Stored survey two" "$TMP/bbody" && break; sleep 0.25; done
check "instance B serves version 2 without being signalled" grep -q "Stored survey two" "$TMP/bbody"
check "B says why it reloaded" grep -q "the stored surveys changed: reloading surveys" "$TMP/b.log"
check "B was never sent SIGHUP" bash -c "! grep -q 'SIGHUP: reloading' '$TMP/b.log'"
"$YV" survey export "$S" --version 1 --config "$CONF" > "$TMP/out1b.xml"
check "version 1 still exports byte for byte" cmp -s "$TMP/out1b.xml" "$TMP/one.xml"

# B's own directory gets another version: it becomes version 3 and A serves
# it; A's unchanged file (version 2) does not override it on A's reload.
cp "$TMP/three.xml" "$TMP/b-surveys/$S.xml"
kill -HUP "$bpid"
for _ in $(seq 60); do [ "$(http GET /s/$S)" = 200 ] && body_has "Stored survey three" && break; sleep 0.25; done
check "A serves the version B stored from its file" body_has "Stored survey three"
kill -HUP "$master"
sleep 1
for _ in $(seq 20); do http GET /s/$S > /dev/null; sleep 0.2; done
check "A's unchanged file does not override the newer version" body_has "Stored survey three"
is "$(sql "SELECT COUNT(*) FROM survey_xml_version WHERE survey_id = '$S'")" 3 "and stores nothing new"
"$YV" survey history "$S" --config "$CONF" > "$TMP/hist" 2>&1
is "$(grep -cP '^\d+\tpublished\t' "$TMP/hist")" 3 "history lists the three published versions"
check "newest first" bash -c "sed -n 2p '$TMP/hist' | grep -q '^3'"

# Officers see the versions and compare any two (/admin/versions, /admin/diff).
PW=correct-horse-battery-staple
adduser() { printf '%s\n' "$PW" | "$YV" user --config "$CONF" add "$@" > /dev/null 2>&1; }
adduser auth.olwen --role officer
adduser auth.tomos --role officer --survey what-matters
adduser auth.cllr --role councillor
sign_in() {
  http GET /admin -b "$1" -c "$1" > /dev/null
  http POST /admin/sign-in -b "$1" -c "$1" --data-urlencode "csrf=$(form_csrf)" \
    --data-urlencode "username=$2" --data-urlencode "password=$PW" > /dev/null
}
OJ=$TMP/olwen LJ=$TMP/tomos CJ=$TMP/cllr
sign_in "$OJ" auth.olwen
sign_in "$LJ" auth.tomos
sign_in "$CJ" auth.cllr
is "$(http GET /admin/versions/$S -b "$OJ")" 200 "an officer sees the versions page"
check "it lists version 3 from a survey file" grep -qE '<tr><td>3</td><td>Published</td><td>[0-9-]+ [0-9:]+</td><td>Survey file</td><td>file</td>' "$TMP/body"
check "and version 1" grep -q '<tr><td>1</td><td>Published</td>' "$TMP/body"
check "with a form to compare two versions" body_has "action=\"/admin/diff/$S\""
is "$(http GET "/admin/diff/$S?from=1&to=2" -b "$OJ")" 200 "the diff of versions 1 and 2"
check "shows the old title removed, escaped" body_has '&lt;title xml:lang=&quot;en&quot;&gt;Stored survey one&lt;/title&gt;'
check "and the new one added" body_has '&lt;title xml:lang=&quot;en&quot;&gt;Stored survey two&lt;/title&gt;'
check "each marked in words" bash -c "grep -q '− removed' '$TMP/body' && grep -q '+ added' '$TMP/body'"
check "with one line changed" body_has "Lines changed: 2."
check "and not the whole file" bash -c "! grep -q 'Rhian Pritchard' '$TMP/body'"
is "$(http GET "/admin/diff/$S?from=2&to=2" -b "$OJ")" 200 "a version compared with itself"
check "is said to be identical" body_has "The two versions are identical."
is "$(http GET "/admin/diff/$S?from=1&to=99" -b "$OJ")" 404 "a version never stored is 404"
is "$(http GET "/admin/diff/$S?from=1&to=x" -b "$OJ")" 400 "a version that is not a number is 400"
is "$(http GET "/admin/versions/$S?lang=cy" -b "$OJ")" 200 "the versions page in Welsh"
check "says so in Welsh" bash -c "grep -q 'Fersiynau' '$TMP/body' && grep -q 'Wedi’i chyhoeddi' '$TMP/body'"
http GET "/admin/diff/$S?from=1&to=2&lang=cy" -b "$OJ" > /dev/null
check "the diff in Welsh" body_has "Gwahaniaethau rhwng dwy fersiwn"
http GET "/?lang=en" -b "$OJ" -c "$OJ" > /dev/null
is "$(http GET /admin/versions/$S -b "$LJ")" 403 "an officer limited to another survey cannot see its versions"
is "$(http GET "/admin/diff/$S?from=1&to=2" -b "$LJ")" 403 "nor its diff"
is "$(http GET /admin/versions/what-matters -b "$LJ")" 200 "but sees the versions of their own survey"
is "$(http GET /admin/versions/$S -b "$CJ")" 403 "a councillor cannot see the versions"
is "$(sql "SELECT COUNT(*) FROM survey_xml_version WHERE survey_id = '$S'")" 3 "looking stores nothing"

# A resident answers version 3; the officer rolls back to version 1, which
# rewords a question they answered: the change is shown and must be confirmed.
JAR=$TMP/resident
jget /s/$S > /dev/null
jpost "$(form_action)" priority=care "what-matters=Stored surveys" action=continue > /dev/null
for _ in 1 2 3 4 5; do loc=$(header Location); [[ $loc == */check ]] && break; jget "$loc" > /dev/null; jpost "$(form_action)" action=continue > /dev/null; done
receipt=$(send_check $S)
is "$(sql "SELECT version_hash FROM response WHERE receipt_hash='$(code_hash "$receipt")'")" "$(sha256sum < "$TMP/three.xml" | cut -c1-64)" \
  "a resident's response is linked to the version they answered (3)"
http GET /admin/versions/$S -b "$OJ" > /dev/null
check "the versions page offers a rollback form" body_has "action=\"/admin/rollback/$S\""
st=$(http POST /admin/rollback/$S -b "$LJ" --data-urlencode "csrf=$(form_csrf)" --data-urlencode version=1)
is "$st" 403 "an officer limited to another survey cannot roll it back"
http GET /admin/versions/$S -b "$OJ" > /dev/null
st=$(http POST /admin/rollback/$S -b "$OJ" --data-urlencode version=1 --data-urlencode reason=x)
is "$st" 403 "a rollback without the anti-forgery token is refused"
http GET /admin/versions/$S -b "$OJ" > /dev/null
st=$(http POST /admin/rollback/$S -b "$OJ" --data-urlencode "csrf=$(form_csrf)" --data-urlencode version=1 \
  --data-urlencode "reason=Back to the <first> wording")
is "$st" 200 "rolling back a survey with responses asks first"
check "showing the question reworded, as check --previous does" grep -q "warning: .*priority" "$TMP/body"
check "with a confirmation form" body_has 'name="confirm" value="1"'
check "that keeps the reason, escaped" body_has 'value="Back to the &lt;first&gt; wording"'
is "$(sql "SELECT COUNT(*) FROM survey_xml_version WHERE survey_id = '$S'")" 3 "nothing is published before the confirmation"
st=$(http POST /admin/rollback/$S -b "$OJ" --data-urlencode "csrf=$(form_csrf)" --data-urlencode version=1 \
  --data-urlencode "reason=Back to the <first> wording" --data-urlencode confirm=1)
is "$st" 303 "the confirmed rollback is published"
is "$(header Location)" "/admin/versions/$S?done=4" "as version 4"
is "$(sql "SELECT CONCAT(origin, ' ', author, ' ', state) FROM survey_xml_version WHERE survey_id = '$S' AND version = 4")" \
  "rollback auth.olwen published" "stored as a rollback by the officer"
is "$(sql "SELECT reason FROM survey_xml_version WHERE survey_id = '$S' AND version = 4")" \
  "rollback to version 1: Back to the <first> wording" "with the reason"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'survey-rollback' AND survey_id = '$S' AND username = 'auth.olwen'")" 1 \
  "the rollback is audited"
"$YV" survey export "$S" --version 4 --config "$CONF" > "$TMP/out4.xml"
check "version 4 holds version 1's bytes exactly" cmp -s "$TMP/out4.xml" "$TMP/one.xml"
for _ in $(seq 50); do http GET /s/$S > /dev/null; body_has "Stored survey one" && break; sleep 0.2; done
check "instance A serves the old version at once" body_has "Stored survey one"
for _ in $(seq 60); do bget /s/$S > /dev/null; grep -q "Stored survey one" "$TMP/bbody" && break; sleep 0.25; done
check "instance B serves it within seconds" grep -q "Stored survey one" "$TMP/bbody"
is "$(sql "SELECT COUNT(*) FROM response WHERE survey_id = '$S' AND version_hash = '$(sha256sum < "$TMP/three.xml" | cut -c1-64)'")" 1 \
  "the response keeps its link to version 3"
# The commands read what the instances serve, not the folder's file (which
# still says "three"): the officer's paper form is the rolled-back version.
"$YV" paper "$S" --config "$CONF" > "$TMP/paper.html" 2> "$TMP/paper.err"
check "yourvoice paper prints the version served (rolled back), not the file's" \
  bash -c "grep -q 'Stored survey one' '$TMP/paper.html' && ! grep -q 'Stored survey three' '$TMP/paper.html'"

# A version that fails the check (a draft with an entity declaration, the
# hostile case the loader refuses) is refused with the messages of yourvoice check.
next=$(sql "SELECT MAX(version) + 1 FROM survey_xml_version WHERE survey_id = '$S'")
sed -e 's|^<survey |<!DOCTYPE survey [ <!ENTITY lol "lol"> ]>\n<survey |' "$TMP/one.xml" > "$TMP/hostile.xml"
hx=$(xxd -p "$TMP/hostile.xml" | tr -d '\n')
sql "INSERT INTO survey_xml_version (survey_id, version, xml, size, sha256, origin, source, author, reason, state, created_at)
     VALUES ('$S', $next, UNHEX('$hx'), LENGTH(UNHEX('$hx')), SHA2(UNHEX('$hx'), 256), 'web', '', 'test', 'hostile', 'draft', UTC_TIMESTAMP(3))"
http GET /admin/versions/$S -b "$OJ" > /dev/null
st=$(http POST /admin/rollback/$S -b "$OJ" --data-urlencode "csrf=$(form_csrf)" --data-urlencode "version=$next")
is "$st" 422 "a version that fails the check is refused"
mkdir -p "$TMP/chk"
cp "$TMP/hostile.xml" "$TMP/chk/$S.xml"
(cd "$TMP/chk" && "$YV" check "$S.xml" > "$TMP/chk.out" 2>&1)
check "the command line refuses it too" grep -q "^$S.xml:[0-9]*:[0-9]*: " "$TMP/chk.out"
sed -n 's|.*<li><code>\(.*\)</code></li>|\1|p' "$TMP/body" | sed -e 's/&quot;/"/g' -e "s/&#39;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' > "$TMP/page.out"
grep "^$S.xml:" "$TMP/chk.out" > "$TMP/chk.lines"
check "with exactly the messages of yourvoice check (file, line, column)" cmp -s "$TMP/page.out" "$TMP/chk.lines"
is "$(sql "SELECT COUNT(*) FROM survey_xml_version WHERE survey_id = '$S' AND state = 'published'")" 4 "nothing was published"

# A broken file on B: B's reload is refused and every instance keeps serving.
printf '<survey' > "$TMP/b-surveys/broken-b.xml"
kill -HUP "$bpid"
for _ in $(seq 50); do grep -q "reload refused" "$TMP/b.log" && break; sleep 0.2; done
check "B refuses a broken file" grep -q "reload refused" "$TMP/b.log"
is "$(bget /s/$S)" 200 "and keeps serving"
rm -f "$TMP/b-surveys/broken-b.xml"

# Removing the files does not withdraw a version published in the browser;
# `yourvoice survey withdraw` does, on every instance.
rm -f "$TMP/b-surveys/$S.xml" "$YV_SURVEYS/$S.xml"
kill -HUP "$bpid"
kill -HUP "$master"
sleep 2
for _ in $(seq 20); do http GET /s/$S > /dev/null; sleep 0.1; done
is "$(http GET /s/$S)" 200 "a survey rolled back in the browser stays served when the files go"
"$YV" survey withdraw "$S" --reason "test over" --config "$CONF" > "$TMP/wd" 2>&1; rc=$?
is "$rc" 0 "survey withdraw exits 0"
for _ in $(seq 60); do [ "$(http GET /s/$S)" = 404 ] && break; sleep 0.25; done
is "$(http GET /s/$S)" 404 "a withdrawn survey is not served by A (unsignalled)"
for _ in $(seq 60); do [ "$(bget /s/$S)" = 404 ] && break; sleep 0.25; done
is "$(bget /s/$S)" 404 "nor by B"
is "$(sql "SELECT CONCAT(state, ' ', reason) FROM survey_xml_version WHERE survey_id = '$S' ORDER BY version DESC LIMIT 1")" "withdrawn test over" \
  "withdrawn as a new version, with the reason"
"$YV" survey export "$S" --config "$CONF" > "$TMP/outw.xml"
check "its last version still exports" cmp -s "$TMP/outw.xml" "$TMP/one.xml"

# A file removed from the folder it was imported from withdraws its survey.
T=authoring-file
sed -e 's/id="authoring-fixture"/id="authoring-file"/' "$TMP/two.xml" > "$YV_SURVEYS/$T.xml"
kill -HUP "$master"
for _ in $(seq 50); do [ "$(http GET /s/$T)" = 200 ] && break; sleep 0.2; done
is "$(http GET /s/$T)" 200 "another file is served"
rm -f "$YV_SURVEYS/$T.xml"
kill -HUP "$master"
for _ in $(seq 50); do [ "$(http GET /s/$T)" = 404 ] && break; sleep 0.2; done
is "$(http GET /s/$T)" 404 "and withdrawn when its file is removed"
is "$(sql "SELECT CONCAT(origin, ' ', state) FROM survey_xml_version WHERE survey_id = '$T' ORDER BY version DESC LIMIT 1")" "file withdrawn" \
  "as a new file version, withdrawn"

kill "$bpid"
wait "$bpid" 2> /dev/null
done_testing
