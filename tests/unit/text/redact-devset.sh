#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# Scores `yourvoice redact` on the shared development set
# ($top_srcdir/../shared/data/redact) against the bar of issue 4: at most 1%
# of injected personal data left in, at most 1% of clean or near-miss
# answers altered. Prints both rates; skips when the set is absent (it is
# not part of the product). Needs python3 to read the JSON.
# Five rows of the set are marked clean although they name people ("Dr
# Schofield, Dianne and Mark"); tests/fixtures/redact/devset-relabel.jsonl
# marks them as names (each with the reason, and the text around the name
# that must stay), and this script says which rows it relabelled.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
set_dir=$top_srcdir/../shared/data/redact
if [ ! -f "$set_dir/redact.jsonl" ] || [ ! -f "$set_dir/redact.expect.jsonl" ]; then
  echo "1..0 # SKIP development set not found at $set_dir"
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "1..0 # SKIP python3 not found"
  exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$top_builddir/app/yourvoice" redact < "$set_dir/redact.jsonl" > "$tmp/out.jsonl" || true
python3 - "$set_dir/redact.expect.jsonl" "$tmp/out.jsonl" \
  "$top_srcdir/tests/fixtures/redact/devset-relabel.jsonl" <<'PY'
import json, sys
exp = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
relabel = {}
for l in open(sys.argv[3]):
    if l.strip():
        r = json.loads(l)
        relabel[r["id"]] = r
out = {}
for l in open(sys.argv[2]):
    d = json.loads(l)
    out[d["id"]] = d["text"]
leak = altered = pd = clean = damaged = 0
notes = []
for e in exp:
    t = out.get(e["id"])
    if e["id"] in relabel:
        r = relabel.pop(e["id"])
        print("# relabelled %s as %s: %s" % (e["id"], r["type"], r["why"]))
        pd += 1
        if t is None or any(x.lower() in t.lower() for x in r["must_not_contain"]):
            leak += 1
            notes.append("left in (relabelled %s): %r" % (e["id"], (t or "")[:160]))
        if t is None or not all(x in t for x in r["must_contain"]):
            damaged += 1
            notes.append("damaged around a name (%s): %r" % (e["id"], (t or "")[:160]))
        continue
    if "must_not_contain" in e:
        pd += 1
        if t is None or e["must_not_contain"].lower() in t.lower():
            leak += 1
            notes.append("left in (%s): %r" % (e["type"], e["must_not_contain"]))
    else:
        clean += 1
        if t is None or e["must_contain"] not in t:
            altered += 1
            notes.append("altered (%s): %r" % (e["type"], (t or "")[:160]))
lr = 100.0 * leak / pd
ar = 100.0 * altered / clean
print("# personal data left in: %d of %d = %.2f%% (bar 1%%)" % (leak, pd, lr))
print("# clean or near-miss answers altered: %d of %d = %.2f%% (bar 1%%)" % (altered, clean, ar))
for n in notes:
    print("# " + n)
print("%s 1 - at most 1%% of personal data left in (%.2f%%)" % ("ok" if lr <= 1.0 else "not ok", lr))
print("%s 2 - at most 1%% of clean answers altered (%.2f%%)" % ("ok" if ar <= 1.0 else "not ok", ar))
print("%s 3 - every relabelled row found in the set" % ("ok" if not relabel else "not ok"))
print("%s 4 - the text around relabelled names kept (%d damaged)" % ("ok" if damaged == 0 else "not ok", damaged))
print("1..4")
PY
