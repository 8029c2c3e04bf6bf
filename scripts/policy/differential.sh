#!/usr/bin/env bash
# Differential test: runs the same requests through Rampart and through
# @cloud-copilot/iam-simulate 0.1.173 (installed outside the repo by peer-setup.sh; AGPL, an
# oracle only) and reports every disagreement.
#
#   scripts/policy/differential.sh                 # the conformance corpus (documented answers)
#   scripts/policy/differential.sh REQUESTS.jsonl  # any CONTRACT §4 JSON Lines file
#
# For the corpus, each disagreement is classified against the documented answer: when the peer
# differs from the documentation and the case pins the peer's answer (`peer`, the known
# divergences of iam-semantics.md §15 and others found here), it is "documentation wins"; any
# other disagreement is reported as unexpected. Exit status 1 when any unexpected disagreement
# was found (for a plain request file: any disagreement).
# Rampart is run with $RAMPART_SIMULATE (a command reading a file argument), default the
# `simulate` example of crates/policy in release mode.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
peer="$("$root/scripts/policy/peer-setup.sh")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ -z "${RAMPART_SIMULATE:-}" ]; then
  (cd "$root" && CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}" \
     cargo build -q -p rampart-policy --release --example simulate)
  RAMPART_SIMULATE="${CARGO_TARGET_DIR:-$root/target}/release/examples/simulate"
fi
corpus=0
if [ $# -eq 0 ]; then
  corpus=1
  python3 - "$root/crates/policy/tests/conformance/cases.json" > "$tmp/requests.jsonl" <<'PY'
import json, sys
for c in json.load(open(sys.argv[1]))["cases"]:
    r = {k: v for k, v in c.items() if k not in ("doc", "expect", "warn", "peer")}
    r["id"] = r.pop("name")
    print(json.dumps(r))
PY
else
  cp "$1" "$tmp/requests.jsonl"
fi
$RAMPART_SIMULATE "$tmp/requests.jsonl" > "$tmp/ours.jsonl" 2>/dev/null
node "$root/scripts/policy/peer-run.mjs" "$peer" < "$tmp/requests.jsonl" > "$tmp/peer.jsonl"
python3 - "$tmp/requests.jsonl" "$tmp/ours.jsonl" "$tmp/peer.jsonl" "$corpus" \
  "$root/crates/policy/tests/conformance/cases.json" <<'PY'
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ours = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
peer = [json.loads(l) for l in open(sys.argv[3]) if l.strip()]
corpus = sys.argv[4] == "1"
cases = {c["name"]: c for c in json.load(open(sys.argv[5]))["cases"]} if corpus else {}
def dec(o):
    return o.get("decision", "error")
agree = known = unexpected = 0
for r, o, p in zip(reqs, ours, peer):
    rid = r.get("id")
    a, b = dec(o), dec(p)
    if a == b:
        agree += 1
        continue
    c = cases.get(rid)
    if c is not None:
        doc = c["expect"]
        if a == doc and c.get("peer") == b:
            known += 1
            print(f"documentation wins  {rid}: rampart {a} (documented), iam-simulate {b}  [{c['doc']}]")
            continue
        who = "rampart" if a != doc else "iam-simulate"
        unexpected += 1
        print(f"DISAGREE ({who} differs from the documentation)  {rid}: documented {doc}, rampart {a}, iam-simulate {b}"
              + (f" ({p.get('error')})" if b == 'error' else "") + f"  [{c['doc']}]")
    else:
        unexpected += 1
        print(f"DISAGREE  {rid}: rampart {a}, iam-simulate {b}" + (f" ({p.get('error')})" if b == 'error' else ""))
print(f"\n{len(reqs)} requests: {agree} agree, {known} known divergences (documentation wins), {unexpected} other disagreements")
sys.exit(1 if unexpected else 0)
PY
