#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Errors the GOV.UK way (issue #20): each message says what to do for its
# own question, in English and Welsh, for every question type (choice,
# multi, scale, ranking, number, date, text, postcode, email) and the
# officer's own <error>; each error-summary link goes to an input that is
# on the page; ranks are limited to 1..rank; not-after="today" refuses a
# future date; postcodes are stored and shown as "SY16 1AA"; the step
# count never grows as the resident goes.
. "$(dirname "$0")/lib.sh"
master=$(cat "$YV_STATE/run/app.pid")

# A survey of our own, removed at the end so later scripts see the set they
# expect.
E=error-checks
cat > "$YV_SURVEYS/$E.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<survey xmlns="urn:yourvoice:survey:1" id="error-checks" languages="en cy">
  <title xml:lang="en">Error checks</title>
  <title xml:lang="cy">Gwirio gwallau</title>
  <summary xml:lang="en">A test survey.</summary>
  <summary xml:lang="cy">Arolwg prawf.</summary>
  <organisation xml:lang="en">Bro Afon County Council</organisation>
  <organisation xml:lang="cy">Cyngor Sir Bro Afon</organisation>
  <contact><name>Rhian Pritchard</name><email>ymgynghori@broafon.example</email><phone>01632 960 123</phone></contact>
  <dates opens="2025-01-06T09:00" closes="2099-12-31T23:59" results="2100-01-31"/>
  <privacy><notice xml:lang="en">Test.</notice><notice xml:lang="cy">Prawf.</notice></privacy>
  <access mode="anonymous"/>
  <retention days="30"/>
  <abuse once-per="none" max-per-hour="0"/>
  <publication results="manual"/>
  <page id="first">
    <heading xml:lang="en">First</heading>
    <heading xml:lang="cy">Cyntaf</heading>
    <choice id="colour" required="true">
      <label xml:lang="en">Favourite colour</label>
      <label xml:lang="cy">Hoff liw</label>
      <option value="red"><label xml:lang="en">Red</label><label xml:lang="cy">Coch</label></option>
      <option value="blue"><label xml:lang="en">Blue</label><label xml:lang="cy">Glas</label></option>
    </choice>
    <multi id="services" required="true">
      <label xml:lang="en">Services you use</label>
      <label xml:lang="cy">Gwasanaethau rydych yn eu defnyddio</label>
      <option value="a"><label xml:lang="en">Libraries</label><label xml:lang="cy">Llyfrgelloedd</label></option>
      <option value="b"><label xml:lang="en">Parks</label><label xml:lang="cy">Parciau</label></option>
    </multi>
    <scale id="rating" min="1" max="5" required="true">
      <label xml:lang="en">How good is the bus</label>
      <label xml:lang="cy">Pa mor dda yw’r bws</label>
    </scale>
    <ranking id="top" rank="3" required="true">
      <label xml:lang="en">Your priorities</label>
      <label xml:lang="cy">Eich blaenoriaethau</label>
      <option value="roads"><label xml:lang="en">Roads</label><label xml:lang="cy">Ffyrdd</label></option>
      <option value="schools"><label xml:lang="en">Schools</label><label xml:lang="cy">Ysgolion</label></option>
      <option value="care"><label xml:lang="en">Care</label><label xml:lang="cy">Gofal</label></option>
      <option value="parks"><label xml:lang="en">Parks</label><label xml:lang="cy">Parciau</label></option>
      <option value="bins"><label xml:lang="en">Bins</label><label xml:lang="cy">Biniau</label></option>
      <option value="homes"><label xml:lang="en">Homes</label><label xml:lang="cy">Tai</label></option>
    </ranking>
  </page>
  <page id="red-page" show-if="answer('colour') = 'red'">
    <heading xml:lang="en">Red</heading>
    <heading xml:lang="cy">Coch</heading>
    <short-text id="why-red">
      <label xml:lang="en">Why red</label>
      <label xml:lang="cy">Pam coch</label>
    </short-text>
  </page>
  <page id="second">
    <heading xml:lang="en">Second</heading>
    <heading xml:lang="cy">Ail</heading>
    <number id="people" min="1" max="20" required="true">
      <label xml:lang="en">People at home</label>
      <label xml:lang="cy">Pobl yn y cartref</label>
    </number>
    <date id="visit" not-after="today" required="true">
      <label xml:lang="en">Last visit</label>
      <label xml:lang="cy">Ymweliad diwethaf</label>
    </date>
    <short-text id="town" required="true">
      <label xml:lang="en">Your town</label>
      <label xml:lang="cy">Eich tref</label>
    </short-text>
    <postcode id="pc" required="true">
      <label xml:lang="en">Home postcode</label>
      <label xml:lang="cy">Cod post y cartref</label>
    </postcode>
    <email id="mail" required="true">
      <label xml:lang="en">Email for replies</label>
      <label xml:lang="cy">E-bost ar gyfer atebion</label>
    </email>
    <choice id="own" required="true">
      <label xml:lang="en">Own words</label>
      <label xml:lang="cy">Geiriau eich hun</label>
      <error xml:lang="en">Select whether you rent or own your home</error>
      <error xml:lang="cy">Dewiswch a ydych yn rhentu neu’n berchen ar eich cartref</error>
      <option value="rent"><label xml:lang="en">Rent</label><label xml:lang="cy">Rhentu</label></option>
      <option value="own"><label xml:lang="en">Own</label><label xml:lang="cy">Perchen</label></option>
    </choice>
  </page>
</survey>
XML
check "the test survey passes yourvoice check" "$SRC/app/yourvoice" check "$YV_SURVEYS/$E.xml"
kill -HUP "$master"
for _ in $(seq 50); do [ "$(http GET /s/$E)" = 200 ] && break; sleep 0.2; done

# Every link of the error summary names an id that an input of the page has.
links_ok() {
  local ids n=0
  ids=$(sed -n '/class="error-summary"/,/<\/div>/p' "$TMP/body" | grep -o 'href="#[^"]*"' | sed 's/href="#//; s/"//')
  [ -n "$ids" ] || return 1
  for id in $ids; do
    grep -qE "<(input|select|textarea)[^>]* id=\"$id\"" "$TMP/body" || { echo "# no input has id $id"; return 1; }
    n=$((n + 1))
  done
  [ "$(echo "$ids" | sort -u | wc -l)" -eq "$n" ]
}
summary_has() { sed -n '/class="error-summary"/,/<\/div>/p' "$TMP/body" | grep -qF -- "$1"; }
progress() { grep -o '<p class="progress">[^<]*' "$TMP/body" | sed 's/.*>//'; }

for lang in en cy; do
  JAR=$TMP/err-$lang; rm -f "$JAR"
  st=$(jget "/s/$E?lang=$lang")
  is "$st" 200 "$lang: first page"
  if [ $lang = en ]; then
    is "$(progress)" "Step 1 of up to 3" "en: a page that may open is counted as 'up to'"
  else
    is "$(progress)" "Cam 1 o hyd at 3" "cy: the step count is Welsh"
  fi
  check "$lang: ranking offers only the places 1 to 3" bash -c "grep -o '<select name=\"top.roads\".*</select>' '$TMP/body' | grep -q 'value=\"3\"' && ! grep -o '<select name=\"top.roads\".*</select>' '$TMP/body' | grep -q 'value=\"4\"'"
  first=$(form_action)
  st=$(jpost "$first" action=continue)
  is "$st" 422 "$lang: empty required questions are refused"
  check "$lang: every summary link goes to an input on the page, no two alike" links_ok
  if [ $lang = en ]; then
    check "choice: says what to select" summary_has "Select an answer for ‘Favourite colour’"
    check "multi: says to select at least one" summary_has "Select at least one answer for ‘Services you use’"
    check "scale: says which numbers" summary_has "Select a number from 1 to 5 for ‘How good is the bus’"
    check "ranking: says how many and which numbers" summary_has "Rank your top 3 for ‘Your priorities’, using the numbers 1 to 3"
    check "choice: the link goes to its first radio" summary_has 'href="#f-colour-0"'
    check "ranking: the link goes to its first select" summary_has 'href="#f-top.roads"'
    check "ranking: the limit is stated on the page" body_has "Choose up to 3: give 1 to your first choice"
  else
    check "cy choice: says what to select" summary_has "Dewiswch ateb ar gyfer ‘Hoff liw’"
    check "cy multi: says to select at least one" summary_has "Dewiswch o leiaf un ateb ar gyfer ‘Gwasanaethau rydych yn eu defnyddio’"
    check "cy scale: says which numbers" summary_has "Dewiswch rif o 1 i 5 ar gyfer ‘Pa mor dda yw’r bws’"
    check "cy ranking: says how many" summary_has "Rhowch eich 3 uchaf yn eu trefn ar gyfer ‘Eich blaenoriaethau’"
    check "cy ranking: the limit is stated on the page" body_has "Dewiswch hyd at 3"
  fi
  # A 4th place is refused with what to do, not "a number of 0 or less".
  st=$(jpost "$first" colour=blue services=a rating=3 top.roads=1 top.schools=2 top.care=3 top.parks=4 action=continue)
  is "$st" 422 "$lang: a 4th place is refused"
  if [ $lang = en ]; then
    check "ranking: a 4th place says to rank only the top 3" summary_has "Rank only your top 3 for ‘Your priorities’: use the numbers 1 to 3"
    check "ranking: the link goes to the option given the 4th place" summary_has 'href="#f-top.parks"'
  else
    check "cy ranking: a 4th place is refused in Welsh" summary_has "Rhowch eich 3 uchaf yn unig yn eu trefn ar gyfer ‘Eich blaenoriaethau’"
  fi
  check "$lang: the 4th-place link names an input" links_ok
  st=$(jpost "$first" colour=blue services=a rating=3 top.roads=1 top.schools=1 top.care=3 action=continue)
  if [ $lang = en ]; then
    check "ranking: two firsts are refused" summary_has "Give each option a different number for ‘Your priorities’"
  else
    check "cy ranking: two firsts are refused" summary_has "Rhowch rif gwahanol i bob dewis ar gyfer ‘Eich blaenoriaethau’"
  fi
  st=$(jpost "$first" colour=blue services=a rating=3 top.roads=1 top.schools=2 top.care=3 action=continue)
  is "$(header Location)" "/s/$E/second" "$lang: a full top 3 goes on (the red page stays closed)"
  follow > /dev/null
  if [ $lang = en ]; then
    is "$(progress)" "Step 2 of 2" "en: the count shrinks when a page stays closed, never grows"
  else
    is "$(progress)" "Cam 2 o 2" "cy: the count shrinks when a page stays closed"
  fi
  second=$(form_action)
  st=$(jpost "$second" action=continue)
  is "$st" 422 "$lang: second page, empty, refused"
  check "$lang: second page summary links go to inputs" links_ok
  if [ $lang = en ]; then
    check "number: says to enter a number" summary_has "Enter a number for ‘People at home’"
    check "date: says to enter a date" summary_has "Enter a date for ‘Last visit’"
    check "text: says to enter an answer" summary_has "Enter your answer to ‘Your town’"
    check "postcode: says to enter a postcode, with an example" summary_has "Enter a postcode for ‘Home postcode’, like SY16 1AA"
    check "email: says to enter an email address" summary_has "Enter an email address for ‘Email for replies’, like name@example.com"
    check "author <error>: the officer's words are used" summary_has "Select whether you rent or own your home"
    check "date: the link goes to the day input" summary_has 'href="#f-visit.day"'
    check "text: the link goes to the text input" summary_has 'href="#f-town"'
  else
    check "cy number" summary_has "Rhowch rif ar gyfer ‘Pobl yn y cartref’"
    check "cy date" summary_has "Rhowch ddyddiad ar gyfer ‘Ymweliad diwethaf’"
    check "cy text" summary_has "Rhowch eich ateb i ‘Eich tref’"
    check "cy postcode" summary_has "Rhowch god post ar gyfer ‘Cod post y cartref’, fel SY16 1AA"
    check "cy email" summary_has "Rhowch gyfeiriad e-bost ar gyfer ‘E-bost ar gyfer atebion’"
    check "cy author <error>" summary_has "Dewiswch a ydych yn rhentu neu’n berchen ar eich cartref"
  fi
  # Wrong formats and limits.
  next_year=$(( $(date -u +%Y) + 1 ))
  st=$(jpost "$second" people=lots visit.day=1 visit.month=6 "visit.year=$next_year" town=Y pc=CF99 mail=nope own=rent action=continue)
  is "$st" 422 "$lang: wrong formats refused"
  check "$lang: format errors link to inputs" links_ok
  if [ $lang = en ]; then
    check "number: text is not a number" summary_has "Your answer to ‘People at home’ must be a number, like 12"
    check "date: a future date is refused where not-after=today" summary_has "The date for ‘Last visit’ must be today or in the past"
    check "postcode: a partial postcode is refused" summary_has "Enter a full UK postcode for ‘Home postcode’, like SY16 1AA"
    check "email: a malformed address is refused" summary_has "Enter an email address in the correct format for ‘Email for replies’"
  else
    check "cy number: not a number" summary_has "Rhaid i’ch ateb i ‘Pobl yn y cartref’ fod yn rhif, fel 12"
    check "cy date: a future date is refused" summary_has "Rhaid i’r dyddiad ar gyfer ‘Ymweliad diwethaf’ fod heddiw neu yn y gorffennol"
    check "cy postcode: partial refused" summary_has "Rhowch god post llawn yn y DU ar gyfer ‘Cod post y cartref’"
    check "cy email: malformed refused" summary_has "Rhowch gyfeiriad e-bost yn y fformat cywir ar gyfer ‘E-bost ar gyfer atebion’"
  fi
  st=$(jpost "$second" people=25 visit.day=31 visit.month=2 visit.year=2026 town=Y pc="sy16 1aa" mail=a@example.com own=rent action=continue)
  if [ $lang = en ]; then
    check "number: out of range says the range" summary_has "Your answer to ‘People at home’ must be between 1 and 20"
    check "date: 31 February is not a real date" summary_has "The date for ‘Last visit’ must be a real date, like 27 3 2026"
  else
    check "cy number: the range" summary_has "Rhaid i’ch ateb i ‘Pobl yn y cartref’ fod rhwng 1 a 20"
    check "cy date: not a real date" summary_has "Rhaid i’r dyddiad ar gyfer ‘Ymweliad diwethaf’ fod yn ddyddiad go iawn"
  fi
  # Today is allowed; the postcode is stored and shown in its one form.
  read -r y m d <<< "$(TZ=Europe/London date +'%Y %-m %-d')"
  st=$(jpost "$second" people=3 visit.day="$d" visit.month="$m" visit.year="$y" town=Y pc=" sy161aa " mail=a@example.com own=rent action=continue)
  is "$(header Location)" "/s/$E/check" "$lang: today is accepted where not-after=today"
  follow > /dev/null
  check "$lang: check your answers shows the postcode normalised" body_has "SY16 1AA"
  check "$lang: and not as typed" bash -c "! grep -q 'sy161aa' '$TMP/body'"
  jget "/s/$E/second" > /dev/null
  check "$lang: the page shows the postcode normalised" body_has 'value="SY16 1AA"'
  receipt=$(send_check $E)
  check "$lang: sent" bash -c "[[ '$receipt' =~ ^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$ ]]"
  rid=$(sql "SELECT id FROM response WHERE receipt_hash='$(code_hash "$receipt")'")
  is "$(sql "SELECT value FROM answer WHERE response_id=$rid AND question_id='pc'")" "SY16 1AA" "$lang: the postcode is stored as SY16 1AA"
done

# The step count never grows: through the red page, every page's total is
# at most the one before.
JAR=$TMP/err-steps; rm -f "$JAR"
jget "/s/$E?lang=en" > /dev/null
t1=$(progress | grep -oE '[0-9]+$')
st=$(jpost "$(form_action)" colour=red services=b rating=5 top.roads=3 top.schools=2 top.care=1 action=continue)
is "$(header Location)" "/s/$E/red-page" "red opens the red page"
follow > /dev/null
is "$(progress)" "Step 2 of 3" "the red page: step 2 of 3 (the count did not grow)"
t2=$(progress | grep -oE '[0-9]+$')
check "the total never grows" test "$t2" -le "$t1"

# The customer-care sample refuses a future contact date.
JAR=$TMP/err-care; rm -f "$JAR"
jget "/s/customer-care?lang=en" > /dev/null
svc=$(grep -o '<option value="[a-z0-9-]*"' "$TMP/body" | sed -n 2p | sed 's/.*value="//; s/"//')
st=$(jpost "$(form_action)" feedback-type=complaint "service=$svc" contact-date.day=1 contact-date.month=1 contact-date.year=2030 action=continue)
is "$st" 422 "customer-care: a 'last contacted' date in 2030 is refused"
check "customer-care: with a clear message" body_has "must be today or in the past"

# yourvoice check refuses a not-after that is not "today".
sed 's/not-after="today"/not-after="tomorrow"/' "$YV_SURVEYS/$E.xml" > "$TMP/$E.xml"
check "yourvoice check refuses not-after=\"tomorrow\"" bash -c "! '$SRC/app/yourvoice' check '$TMP/$E.xml' >/dev/null 2>&1"
# and an <error> given in one language only.
sed '/<error xml:lang="cy">/d' "$YV_SURVEYS/$E.xml" > "$TMP/$E.xml"
check "yourvoice check wants <error> in every language" bash -c "'$SRC/app/yourvoice' check '$TMP/$E.xml' 2>&1 | grep -q 'has no Welsh (cy) <error>'"

rm -f "$YV_SURVEYS/$E.xml"
kill -HUP "$master"
for _ in $(seq 50); do [ "$(http GET /s/$E)" = 404 ] && break; sleep 0.2; done
done_testing
