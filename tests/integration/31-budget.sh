#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# The budget simulator without JavaScript (app/render/form_budget.c):
# "Update my total" (action=recalculate) re-renders the page with every
# entry kept, the balance in plain words and the consequence of each chosen
# level, without checking or storing anything; what a council-tax rise
# costs a Band D home (band-d="2256.00" in surveys/budget-2026.xml, worked
# out by hand below); the prompt when the budget contradicts an answer the
# officer paired with it, exactly when it does; and `yourvoice check`
# refusing a bad band-d figure with FILE:LINE:COL.
. "$(dirname "$0")/lib.sh"

B=budget-2026
JAR=$TMP/jar-budget
PAGE=/s/$B/the-budget

st=$(jget "$PAGE")
is "$st" 200 "the budget page answers"
lines=$(grep -o '<select name="budget\.[a-z-]*"' "$TMP/body" | sed 's/.*name="//; s/"//')
check "every service and the council tax have a control" test "$(echo $lines | wc -w)" -eq 12
check "the balance starts at nothing found" body_has "You have found £0: £12,500,000 still to find"
check "an 'Update my total' button recalculates without JavaScript" \
  body_has '<button type="submit" class="button button-secondary budget-update" name="action" value="recalculate">Update my total</button>'
check "the balance sits in the sticky bar, above the services" \
  bash -c "grep -n 'class=\"budget-balance\"' '$TMP/body' | head -1 | cut -d: -f1 | { read b; s=\$(grep -n 'name=\"budget.schools\"' '$TMP/body' | head -1 | cut -d: -f1); [ \"\$b\" -lt \"\$s\" ]; }"
check "the − / + stepper buttons wait for the script (hidden without it)" \
  body_has '<button type="button" class="step step-up" data-for="f-budget.schools" hidden>'
check "each level's meaning is available on demand" body_has '<details class="budget-more"><summary>More about Schools</summary>'

budget() { # budget line=value...: every line, with the given changes
  local out=() l v
  for l in $lines; do
    v=0
    for kv in "$@"; do [ "${kv%%=*}" = "$l" ] && v=${kv#*=}; done
    out+=("$l=$v")
  done
  printf '%s\n' "${out[@]}"
}
# The option selected in the select named $1 of the last page.
selected() {
  perl -0ne 'if (/<select name="\Q'"$1"'\E".*?<\/select>/s) { my $s = $&; print $1 if $s =~ /<option value="([^"]*)" selected/ }' "$TMP/body"
}
consequence() { # the live consequence text of line $1
  perl -0ne 'print $1 if /<p class="consequence" id="c-\Q'"$1"'\E" aria-live="polite">(.*?)<\/p>/s' "$TMP/body"
}

responses() { sql "SELECT COUNT(*) FROM response WHERE survey_id='$B'"; }
before=$(responses)

# Schools -5% (£5,930,000), highways -25% (£3,700,000), libraries -10%
# (£460,000), housing +10% (-£970,000), council tax +4% (8 steps of
# £520,000 = £4,160,000): £13,280,000 found, £780,000 over the target.
mapfile -t mix < <(budget budget.schools=-5 budget.highways=-25 budget.libraries=-10 budget.housing=10 budget.council-tax=4)
st=$(jpost "$PAGE" "${mix[@]}" action=recalculate)
is "$st" 200 "recalculate: the same page again (not a redirect, not an error)"
check "recalculate: no error summary (nothing is validated)" bash -c "! grep -q 'class=\"error-summary\"' '$TMP/body'"
check "recalculate: over the target, in plain words" \
  body_has "You have found £13,280,000: £780,000 more than the £12,500,000 needed"
kept=1
for kv in "${mix[@]}"; do
  got=$(selected "${kv%%=*}")
  [ "$got" = "${kv#*=}" ] || { kept=0; echo "# ${kv%%=*}: selected '$got', sent '${kv#*=}'"; }
done
is "$kept" 1 "recalculate: every one of the 12 entries is kept as chosen"
is "$(consequence budget.highways)" "-25%: Only dangerous potholes repaired; most rural bus routes end." \
  "recalculate: the consequence of the chosen highways level"
is "$(consequence budget.libraries)" "-10%: Shorter opening hours at every library." \
  "recalculate: the consequence of the chosen libraries level"
is "$(consequence budget.housing)" "+10%: More help to keep people in their homes before a crisis." \
  "recalculate: the consequence of a rise"
is "$(consequence budget.leisure)" "No change: the service carries on as it is." \
  "recalculate: an unchanged service says so"
# Band D £2,256.00 a year: 4% is £90.24 a year; £90.24 / 52 = £1.7354 -> £1.74 a week.
is "$(consequence budget.council-tax)" "Raises £4,160,000 a year. A Band D home would pay £90.24 more a year (£1.74 a week)." \
  "band D: a 4% rise costs £90.24 a year, £1.74 a week"
is "$(responses)" "$before" "recalculate: no response is stored"
jget "$PAGE" > /dev/null
is "$(selected budget.highways)" "0" "recalculate: nothing is saved (the page as saved still shows no change)"

# Short of the target; and choices that add to spending.
mapfile -t short < <(budget budget.highways=-25 budget.council-tax=0.5)
jpost "$PAGE" "${short[@]}" action=recalculate > /dev/null
check "recalculate: still to find, in plain words" body_has "You have found £4,220,000: £8,280,000 still to find"
# One step of 0.5% raises £520,000; Band D £2,256.00: 0.5% is £11.28 a year;
# / 52 = £0.2169 -> £0.22 a week.
is "$(consequence budget.council-tax)" "Raises £520,000 a year. A Band D home would pay £11.28 more a year (£0.22 a week)." \
  "band D: a 0.5% rise costs £11.28 a year, £0.22 a week"
mapfile -t adds < <(budget budget.schools=5)
jpost "$PAGE" "${adds[@]}" action=recalculate > /dev/null
check "recalculate: choices that add to spending say so" \
  body_has "Your choices add £5,930,000 to spending: £18,430,000 still to find"
is "$(consequence budget.council-tax)" "No rise: a Band D home pays the same as now." "band D: no rise costs nothing"
# 9.5%: £2,256.00 x 9.5% = £214.32 a year; / 52 = £4.1215 -> £4.12 a week.
mapfile -t most < <(budget budget.council-tax=9.5)
jpost "$PAGE" "${most[@]}" action=recalculate lang=cy > /dev/null
check "recalculate in Welsh: the balance in Welsh" body_has "Rydych wedi dod o hyd i £9,880,000: £2,620,000 ar ôl i’w ganfod"
check "band D in Welsh: 9.5% costs £214.32 a year, £4.12 a week" body_has "£214.32"
check "band D in Welsh: the week's figure" body_has "£4.12"
check "recalculate in Welsh: the button is Welsh" body_has "Diweddaru fy nghyfanswm"

# ---- Contradictions: tax-view 'no-rise' paired with a council-tax rise ----
JAR=$TMP/jar-contra
jget "$PAGE?lang=en" > /dev/null
check "no prompt before the paired question is answered" bash -c "! grep -q 'budget-prompt' '$TMP/body'"
mapfile -t taxed < <(budget budget.schools=-5 budget.adult-care=-10 budget.council-tax=4)
st=$(jpost "$PAGE" "${taxed[@]}" action=continue)
is "$st" 303 "a budget that meets the target moves on"
jget "/s/$B/priorities" > /dev/null
jpost "/s/$B/priorities" protect.schools=1 protect.adult-care=2 protect.children=3 action=continue > /dev/null
jget "/s/$B/council-tax" > /dev/null
st=$(jpost "/s/$B/council-tax" tax-view=no-rise action=continue)
is "$st" 303 "'council tax should not rise' is accepted"
jget "/s/$B/check" > /dev/null
MSG="You said council tax should not rise, but your budget raises it."
check "check page: the prompt appears (no-rise + a 4% rise)" body_has "$MSG"
check "check page: the prompt links back to the budget" body_has '<a href="/s/budget-2026/the-budget#q-budget">Change your budget</a>'
check "check page: the prompt does not block sending" body_has 'name="sid"'
jget "$PAGE" > /dev/null
check "budget page: the prompt is shown (not hidden) while the rise stays" \
  bash -c "grep -q 'data-field=\"budget.council-tax\" data-when=\"rise\"><p><strong>Check this:</strong> $MSG' '$TMP/body'"
jget "/s/$B/check?lang=cy" > /dev/null
check "check page in Welsh: the prompt in Welsh" body_has "Dywedoch na ddylai’r dreth gyngor godi, ond mae eich cyllideb yn ei chodi."
check "check page in Welsh: the interface words in Welsh" body_has "Newid eich cyllideb"
# The same answer with no rise: no contradiction.
mapfile -t flat < <(budget budget.schools=-5 budget.adult-care=-10 budget.council-tax=0)
jget "$PAGE?lang=en" > /dev/null
jpost "$PAGE" "${flat[@]}" action=recalculate > /dev/null
check "budget page: with no rise the prompt is there for the script but hidden" \
  bash -c "grep -q 'data-field=\"budget.council-tax\" data-when=\"rise\" hidden>' '$TMP/body'"
st=$(jpost "$PAGE" "${flat[@]}" action=continue)
is "$st" 303 "the budget without a rise meets the target"
jget "/s/$B/check" > /dev/null
check "check page: no prompt when the budget has no rise" bash -c "! grep -q 'budget-prompt' '$TMP/body'"
# A rise with another answer: no contradiction either.
jget "$PAGE" > /dev/null
jpost "$PAGE" "${taxed[@]}" action=continue > /dev/null
jget "/s/$B/council-tax" > /dev/null
jpost "/s/$B/council-tax" tax-view=small-rise action=continue > /dev/null
jget "/s/$B/check" > /dev/null
check "check page: no prompt for 'a small rise' with a rise" bash -c "! grep -q 'budget-prompt' '$TMP/body'"
# The second declared pair: 'protect' (a larger rise) with no rise at all.
jget "/s/$B/council-tax" > /dev/null
jpost "/s/$B/council-tax" tax-view=protect action=continue > /dev/null
jget "/s/$B/check" > /dev/null
check "check page: no prompt for 'protect' with a rise" bash -c "! grep -q 'budget-prompt' '$TMP/body'"
jget "$PAGE" > /dev/null
jpost "$PAGE" "${flat[@]}" action=continue > /dev/null
jget "/s/$B/check" > /dev/null
check "check page: 'protect' with no rise prompts" body_has "You said council tax should rise more to protect services"
check "check page: only the pair that holds is prompted" bash -c "! grep -q '$MSG' '$TMP/body'"
# A prompt, never a block: the response is sent as it stands.
sid=$(form_sid)
st=$(jpost "/s/$B/check" "sid=$sid")
is "$st" 303 "the response is sent with the prompt showing"
is "$(header Location)" "/s/$B/done" "sending leads to the receipt"

# ---- yourvoice check: the band-d figure ----
mkdir -p "$TMP/bad"
n=$(grep -n '<council-tax ' "$SRC/surveys/$B.xml" | cut -d: -f1)
for bad in -12 0 12.345 100000; do
  sed "s/band-d=\"2256.00\"/band-d=\"$bad\"/" "$SRC/surveys/$B.xml" > "$TMP/bad/$B.xml"
  out=$("$SRC/app/yourvoice" check --schema "$SRC/surveys/schema/survey.rng" "$TMP/bad/$B.xml")
  rc=$?
  is "$rc" 1 "check: band-d=\"$bad\" is refused"
  is "$out" "$TMP/bad/$B.xml:$n:7: council tax: band-d=\"$bad\" must be the yearly council tax of a Band D home in pounds, more than 0 and under 100000, with at most two decimal places (like 1820.50)" \
    "check: band-d=\"$bad\" is reported at FILE:LINE:COL"
done
sed 's/band-d="2256.00"/band-d="1820.5"/' "$SRC/surveys/$B.xml" > "$TMP/bad/$B.xml"
check "check: band-d=\"1820.5\" is fine" "$SRC/app/yourvoice" check --quiet --schema "$SRC/surveys/schema/survey.rng" "$TMP/bad/$B.xml"

done_testing
