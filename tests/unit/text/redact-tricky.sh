#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# Scores `yourvoice redact` on the project's own tricky set
# (tests/fixtures/redact/tricky.jsonl, docs/redaction.md): English and Welsh
# answers with names without titles, obfuscated emails, phones in every UK
# form, addresses, dates of birth, vehicle registrations, handles and links,
# and near-misses that must stay (Sir Gâr, CO2, HS2, SA1, A470, Mr Men).
# A case is wrong when any of its personal data is left in (case-insensitive)
# or any text it must keep is missing. Prints recall per type and the share
# of clean cases altered, for the half tuned on, the held-out half and both;
# the bar (issue 16): at most 1 case in 30 wrong over the whole set, no
# clean case altered on more than 1 in 30 either.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
set_file=$top_srcdir/tests/fixtures/redact/tricky.jsonl
if ! command -v python3 >/dev/null 2>&1; then
  echo "1..0 # SKIP python3 not found"
  exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$top_builddir/app/yourvoice" redact < "$set_file" > "$tmp/out.jsonl" || true
python3 - "$set_file" "$tmp/out.jsonl" <<'PY'
import json, sys, collections
cases = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
out = {}
for l in open(sys.argv[2], encoding="utf-8"):
    d = json.loads(l)
    out[d["id"]] = d["text"]

def score(sel, label):
    items = collections.Counter(); caught = collections.Counter()
    wrong = []; clean = altered = 0
    for c in sel:
        t = out.get(c["id"])
        bad = t is None
        for x in c["leak"]:
            items[c["type"]] += 1
            if t is not None and x.lower() not in t.lower():
                caught[c["type"]] += 1
            else:
                bad = True
        kept = t is not None and all(k in t for k in c["keep"])
        if not kept:
            bad = True
        if c["type"] == "clean":
            clean += 1
            if t != c["text"] and not c["leak"]:
                altered += 1
        if bad:
            wrong.append(c)
    print("# %s: %d cases, %d wrong (%.1f%%, bar 3.3%%)" % (label, len(sel), len(wrong), 100.0 * len(wrong) / max(1, len(sel))))
    for k in sorted(items):
        print("#   recall %-8s %3d / %3d = %5.1f%%" % (k, caught[k], items[k], 100.0 * caught[k] / items[k]))
    print("#   clean cases altered: %d / %d = %.1f%%" % (altered, clean, 100.0 * altered / max(1, clean)))
    return wrong, altered, clean

tune = [c for c in cases if c["split"] == "tune"]
held = [c for c in cases if c["split"] == "held"]
blind = [c for c in cases if c["split"] == "blind"]
blind2 = [c for c in cases if c["split"] == "blind2"]
score(tune, "tuned half")
score(held, "held-out half")
score(blind, "blind (written after the code, never tuned on)")
score(blind2, "second blind batch (written after the code, never tuned on)")
wrong, altered, clean = score(cases, "whole set")
for c in wrong:
    print("# wrong (%s, %s): %r -> %r" % (c["split"], c["type"], c["text"], out.get(c["id"])))
n = 0
def check(cond, what):
    global n
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, what))
check(len(cases) >= 150, "the set has at least 150 cases (%d)" % len(cases))
check(len(out) == len(cases), "every case came back (%d of %d)" % (len(out), len(cases)))
check(30 * len(wrong) <= len(cases), "at most 1 case in 30 wrong (%d of %d)" % (len(wrong), len(cases)))
check(30 * altered <= clean, "at most 1 clean case in 30 altered (%d of %d)" % (altered, clean))
print("1..%d" % n)
PY
