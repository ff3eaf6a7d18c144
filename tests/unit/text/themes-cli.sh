#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# Runs the built `yourvoice themes` and `yourvoice redact` on the fixtures
# and checks the contract of issue 4: every valid id assigned, skipped lines
# reported with their number, shares = count / responses, small areas
# suppressed, byte-identical output for the same seed, redact keeps lines.
# Needs python3 to read the JSON; skips without it.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
yv=$top_builddir/app/yourvoice
fix=$top_srcdir/tests/unit/text/fixtures
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
if ! command -v python3 >/dev/null 2>&1; then
  echo "1..0 # SKIP python3 not found"
  exit 0
fi
n=0
t() { # t DESCRIPTION COMMAND...
  desc=$1; shift
  n=$((n + 1))
  if "$@" >"$tmp/out.$n" 2>&1; then echo "ok $n - $desc"; else echo "not ok $n - $desc"; sed 's/^/# /' "$tmp/out.$n"; fi
}

"$yv" themes --themes 4 --min-group 5 < "$fix/answers.jsonl" > "$tmp/s1.json" 2> "$tmp/err1"
rc=$?
t "themes exits 0" test "$rc" -eq 0
"$yv" themes --themes 4 --min-group 5 < "$fix/answers.jsonl" > "$tmp/s2.json" 2> "$tmp/s2.err"
t "same input and seed give byte-identical output" cmp "$tmp/s1.json" "$tmp/s2.json"
t "the invalid JSON line is reported with its number" grep -q "line 33:" "$tmp/err1"
t "the line without text is reported with its number" grep -q "line 34:.*text" "$tmp/err1"
"$yv" themes --themes 4 --seed 7 < "$fix/answers.jsonl" > "$tmp/s3.json" 2> "$tmp/s3.err"
t "another seed still gives a summary" test -s "$tmp/s3.json"

cat > "$tmp/check.py" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
ids = [json.loads(l)["id"] for l in open(sys.argv[2]) if l.strip().startswith("{") and '"text"' in l]
fails = []
def check(cond, what):
    if not cond: fails.append(what)
check(s["responses"] == len(ids), "responses %d != valid lines %d" % (s["responses"], len(ids)))
check(s["skipped"] == 2, "skipped %r != 2" % s["skipped"])
got = [a["id"] for a in s["assignments"]]
check(got == ids, "assignments do not list every valid id once, in input order")
check("bad1" not in got, "a skipped line is assigned")
tids = [t["id"] for t in s["themes"]]
topical = [t for t in s["themes"] if t.get("kind") != "nothing"]
check(1 <= len(topical) <= 4, "--themes 4 gave %d topical themes" % len(topical))
check(sum(t["count"] for t in s["themes"]) + s["other"] + s["unthemed"] == s["responses"],
      "theme counts + other + unthemed != responses")
labels = [t["label"] for t in s["themes"]]
check(len(set(l.rstrip("s") for l in labels)) == len(labels), "repeated labels %r" % labels)
for t in s["themes"]:
    cnt = sum(1 for a in s["assignments"] if a["themes"] and a["themes"][0] == t["id"])
    check(t["count"] == cnt, "%s count %d != answers with it as main theme %d" % (t["id"], t["count"], cnt))
    check(t["labels"]["en"] == t["label"] and t["labels"]["cy"], "%s labels %r" % (t["id"], t["labels"]))
    check(isinstance(t["description"], str) and t["description"].endswith("."), "%s description" % t["id"])
    check(abs(sum(t["stance"].values()) - 1) < 1e-3, "%s stance shares %r" % (t["id"], t["stance"]))
    check(abs(t["share"] - t["count"] / s["responses"]) < 1e-4, "%s share %r != count/responses" % (t["id"], t["share"]))
    check(isinstance(t["label"], str) and t["label"], "%s has no label" % t["id"])
    check(t.get("kind") == "nothing" or 1 <= len(t["phrases"]) <= 3, "%s phrases %r" % (t["id"], t["phrases"]))
    check(len(t["label"].split()) >= 2, "%s label of one word: %r" % (t["id"], t["label"]))
    check(len(t["quotes"]) <= 3, "%s more than 3 quotes" % t["id"])
    for q in t["quotes"]:
        check("@" not in q["text"] and "07700" not in q["text"], "quote not redacted: %r" % q["text"])
        a = [x for x in s["assignments"] if x["id"] == q["id"]]
        check(a and a[0]["themes"] and a[0]["themes"][0] == t["id"], "quote %s is not from its theme" % q["id"])
for a in s["assignments"]:
    check(all(x in tids for x in a["themes"]), "unknown theme in %r" % a)
    check(a["stance"] in ("praise", "complaint", "suggestion", "neutral"), "stance %r" % a)
check(s["unthemed"] == sum(1 for a in s["assignments"] if not a["themes"] and not a.get("other")), "unthemed count wrong")
check(s["other"] == sum(1 for a in s["assignments"] if a.get("other")), "other count wrong")
check(s["unthemed"] >= 1, "the empty answer should be unthemed")
areas = {a["area"]: a for a in s["by_area"]}
check(sorted(areas) == ["Chirk", "Gresford", "Llay", "Rhos"], "areas %r" % sorted(areas))
check(areas["Llay"].get("suppressed") is True and "themes" not in areas["Llay"], "Llay (4 answers) not suppressed")
check(areas["Gresford"].get("suppressed") is True, "Gresford (1 answer) not suppressed")
for name in ("Rhos", "Chirk"):
    a = areas[name]
    check(not a.get("suppressed") and len(a["themes"]) == len(tids), "%s should show its themes" % name)
    for th in a["themes"]:
        if th.get("suppressed"):
            check("share" not in th, "a suppressed cell shows a share")
            continue
        overall = [t for t in s["themes"] if t["id"] == th["id"]][0]["share"]
        check(overall == 0 or abs(th["lift"] - th["share"] / overall) < 0.01, "%s lift %r" % (name, th))
check(s["language"] in ("en", "cy"), "language %r" % s["language"])
print("\n".join(fails))
sys.exit(1 if fails else 0)
PY
t "summary meets the contract" python3 "$tmp/check.py" "$tmp/s1.json" "$fix/answers.jsonl"

"$yv" themes --lang cy --themes 3 < "$fix/answers.jsonl" > "$tmp/cy.json" 2> "$tmp/cy.err"
t "--lang cy is reported as the language" grep -q '"language": "cy"' "$tmp/cy.json"
t "--themes 0 is refused" sh -c "! '$yv' themes --themes 0 < /dev/null 2>/dev/null"
t "--lang xx is refused" sh -c "! '$yv' themes --lang xx < /dev/null 2>/dev/null"
t "--help describes the options" sh -c "'$yv' themes --help | grep -q -- --min-group"
head -c 1100000 /dev/zero | tr '\0' 'a' > "$tmp/long.jsonl"; echo >> "$tmp/long.jsonl"
head -3 "$fix/answers.jsonl" >> "$tmp/long.jsonl"
"$yv" themes < "$tmp/long.jsonl" > "$tmp/long.json" 2> "$tmp/long.err"
t "an over-long line is reported and skipped" sh -c "grep -q 'line 1: longer than' '$tmp/long.err' && grep -q '\"responses\": 3' '$tmp/long.json'"
printf '{"id":"w1","text":"caf\351 parking \223too dear\224"}\n{"id":"e1","text":"\360\237\230\200"}\n' > "$tmp/cp.jsonl"
"$yv" themes < "$tmp/cp.jsonl" > "$tmp/cp.json" 2> "$tmp/cp.err"
t "a Windows-1252 line is decoded, with a warning naming the line" sh -c "grep -q 'line 1: not valid UTF-8, read as Windows-1252' '$tmp/cp.err' && grep -q 'café parking' '$tmp/cp.json'"
t "an emoji-only answer is counted (unthemed), not dropped" sh -c "grep -q '\"responses\": 2' '$tmp/cp.json' && grep -q '\"unthemed\": 1' '$tmp/cp.json'"
"$yv" themes < /dev/null > "$tmp/empty.json" 2> "$tmp/empty.err"
t "no input gives an empty summary" grep -q '"responses": 0' "$tmp/empty.json"

# The mixed Welsh/English fixture: the method is chosen from the answers,
# and a place word ("village", "pentref") does not pull answers of
# different topics into one theme.
mix=$top_srcdir/tests/fixtures/themes/mixed-cy-en
"$yv" themes < "$mix.jsonl" > "$tmp/mix.json" 2> "$tmp/mix.err"
cat > "$tmp/mix.py" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
z = {a["id"]: (a["themes"][0] if a["themes"] else None) for a in s["assignments"]}
assert s["method"] in ("nmf", "gsdmm"), s["method"]
village = [z[i] for i in ("schools-en7", "potholes-en6", "buses-en6")]
assert len(set(village)) == 3, "village answers share a theme: %r" % village
for t in s["themes"]:
    d = t["descriptions"]
    assert d["en"] == t["description"], t["id"]
    if not t["labels"].get("cy_is_english"):
        assert d["cy"].startswith("Y thema") or d["cy"].startswith("Atebion"), d
        assert t["labels"]["cy"] in d["cy"] or t.get("kind") == "nothing", d
PY
t "mixed set: method chosen from the data, village answers of three topics apart, Welsh descriptions" python3 "$tmp/mix.py" "$tmp/mix.json"

"$yv" redact < "$fix/redact.jsonl" > "$tmp/r.jsonl" 2> "$tmp/r.err"
t "redact exits 0" test $? -eq 0
t "redact writes one line per input line" test "$(wc -l < "$tmp/r.jsonl")" -eq "$(wc -l < "$fix/redact.jsonl")"
cat > "$tmp/rcheck.py" <<'PY'
import json, sys
inp = [l.rstrip("\n") for l in open(sys.argv[1])]
out = [l.rstrip("\n") for l in open(sys.argv[2])]
fails = []
for a, b in zip(inp, out):
    ja, jb = json.loads(a), json.loads(b)
    ta = ja.pop("text"); tb = jb.pop("text")
    if ja != jb: fails.append("fields other than text changed: %s" % b)
    if list(json.loads(a)) != list(json.loads(b)): fails.append("key order changed: %s" % b)
    for secret in ("07700", "@example", "LL11", "QQ 12", "Patel", "4111"):
        if secret in tb: fails.append("%r left in %r" % (secret, tb))
    if ta == tb and a != b: fails.append("unchanged text but line rewritten: %s" % b)
if inp[2] != out[2]: fails.append("a line without personal data must be byte-identical")
if not out[1].startswith('{"id":"p2","text":'): fails.append("compact spacing not kept: %s" % out[1])
print("\n".join(fails)); sys.exit(1 if fails else 0)
PY
t "redact rewrites only the text of each line" python3 "$tmp/rcheck.py" "$fix/redact.jsonl" "$tmp/r.jsonl"
printf '%s\n' '{"id": "x"' | "$yv" redact > "$tmp/bad.out" 2> "$tmp/bad.err"
t "redact reports an invalid line and drops it" sh -c "grep -q 'line 1:' '$tmp/bad.err' && test ! -s '$tmp/bad.out'"
t "no sanitizer or runtime error reported by any run" sh -c "! grep -l -e 'runtime error' -e 'Sanitizer' '$tmp'/*.err '$tmp/err1'"
echo "1..$n"
