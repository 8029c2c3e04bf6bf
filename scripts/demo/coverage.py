#!/usr/bin/env python3
"""Which checks the demo shows both ways: reads `rampart scan --format json` output.

    python3 scripts/demo/coverage.py FINDINGS.json [PREFIX...]

Prints, per check (optionally only those whose id starts with a PREFIX), its PASS/FAIL/UNKNOWN
counts, and lists the checks that lack a PASS or a FAIL.
"""
import json
import sys
from collections import defaultdict

d = json.load(open(sys.argv[1]))
prefixes = sys.argv[2:]
counts = defaultdict(lambda: defaultdict(int))
for f in d["findings"]:
    if not prefixes or any(f["check_id"].startswith(p) for p in prefixes):
        counts[f["check_id"]][f["status"]] += 1
lacking = []
for check in sorted(counts):
    c = counts[check]
    print(f"{check:55} PASS {c['PASS']:3} FAIL {c['FAIL']:3} UNKNOWN {c['UNKNOWN']:3}")
    if not (c["PASS"] and c["FAIL"]):
        lacking.append(check)
print(f"\n{len(counts) - len(lacking)} of {len(counts)} checks show a PASS and a FAIL; lacking: {' '.join(lacking)}")
