#!/usr/bin/env python3
"""Regenerates crates/checks/frameworks/*.json, the compliance frameworks as data.

Usage:
    scripts/frameworks/gen.py [--prowler DIR] [--check]

DIR is a git clone of https://github.com/prowler-cloud/prowler (Apache-2.0); without
--prowler the script clones it at the pinned commit into a cache directory (the only step that
needs the network; the build never does). --check regenerates into memory and exits 1 when a
checked-in file differs (the Rust tests embed the files, so this only matters after editing the
inputs below).

How requirements reach Rampart's checks: each framework file names, per requirement, the
Security Hub control IDs (`aws-fsbp:S3.8`) and CIS v5.0 recommendations
(`cis-aws-foundations-5.0:2.1.1`) that implement it. Rampart resolves those to checks at run time
through each check's own `fsbp()` / `cis()` metadata, so adding a check never means editing a
framework file. The control lists come from Prowler's compliance files: requirement -> Prowler
checks -> the Security Hub controls and CIS recommendations Prowler maps those same checks to.

Inputs written by Rampart (beside this script):
  cis-5.0-notes.json       one-line summaries in our own words, our automated/manual judgement,
                           manual procedures
  securityhub-extra.json   Security Hub controls that Prowler's FSBP file lacks, and the current
                           AWS title of controls AWS renamed since (title_overrides)
  hkma-tm-e-1.json         the HKMA TM-E-1 requirements and our mapping (no public mapping exists)
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

PROWLER_URL = "https://github.com/prowler-cloud/prowler"
PROWLER_COMMIT = "3e000faa3109230b748e4418a13c11c9e59f5cfb"
PROWLER_LICENCE = "Apache-2.0"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "crates", "checks", "frameworks")
GENERATED = "scripts/frameworks/gen.py (generated: do not edit, rerun the script)"

CIS = "cis-aws-foundations-5.0"
FSBP = "aws-fsbp"


def prowler_dir(arg):
    if arg:
        return arg
    cache = os.path.join(tempfile.gettempdir(), "rampart-prowler-" + PROWLER_COMMIT[:12])
    if not os.path.isdir(cache):
        subprocess.run(["git", "clone", "--filter=blob:none", "--no-checkout", PROWLER_URL, cache], check=True)
    return cache


def load(pdir, name):
    """A Prowler compliance file at the pinned commit (or the work tree when not a git dir)."""
    path = "prowler/compliance/aws/" + name
    try:
        text = subprocess.run(["git", "-C", pdir, "show", PROWLER_COMMIT + ":" + path],
                              check=True, capture_output=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        with open(os.path.join(pdir, path), "rb") as f:
            text = f.read()
    return json.loads(text)


def source(file, extra=None):
    s = {"url": PROWLER_URL + "/blob/" + PROWLER_COMMIT + "/prowler/compliance/aws/" + file,
         "repository": PROWLER_URL, "commit": PROWLER_COMMIT, "licence": PROWLER_LICENCE}
    if extra:
        s.update(extra)
    return s


def first_sentence(text, limit=220):
    """The first sentence of public-domain text (NIST, 45 CFR), cut at `limit` characters."""
    text = " ".join((text or "").split())
    m = re.match(r"(.+?[.])(\s|$)", text)
    s = m.group(1) if m else text
    if len(s) > limit:
        s = s[: limit - 1].rsplit(" ", 1)[0] + "…"
    return s


def uniq(xs):
    seen, out = set(), []
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def ctl_sort_key(c):
    fw, _, cid = c.partition(":")
    parts = re.split(r"[.\-]", cid)
    return (fw, [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts])


class Mapper:
    """Prowler check -> Security Hub control IDs and CIS v5.0 recommendations."""

    def __init__(self, fsbp_reqs, cis_reqs):
        self.map = {}
        for r in fsbp_reqs:
            for c in r["prowler_checks"]:
                self.map.setdefault(c, set()).add(FSBP + ":" + r["id"])
        for r in cis_reqs:
            for c in r["prowler_checks"]:
                self.map.setdefault(c, set()).add(CIS + ":" + r["id"])

    def controls(self, prowler_checks):
        out = set()
        for c in prowler_checks:
            out |= self.map.get(c, set())
        return sorted(out, key=ctl_sort_key)


def gen_cis(pdir):
    d = load(pdir, "cis_5.0_aws.json")
    notes = json.load(open(os.path.join(HERE, "cis-5.0-notes.json")))
    reqs, seen = [], set()
    for r in d["Requirements"]:
        rid = r["Id"]
        if rid in seen:
            # Prowler's file spells 1.10 as "1.1" (a number read as a float somewhere upstream).
            rid = rid + "0"
        seen.add(rid)
        a = r["Attributes"][0]
        n = notes.get(rid)
        if n is None:
            sys.exit(f"cis-5.0-notes.json has no entry for {rid}")
        req = {"id": rid, "title": r["Description"].strip(), "section": a["Section"],
               "profile": a.get("Profile"), "cis_assessment": a.get("AssessmentStatus"),
               "summary": n["summary"], "assessment": n["assessment"]}
        if n.get("procedure"):
            req["procedure"] = n["procedure"]
        req["prowler_checks"] = uniq(r["Checks"])
        reqs.append(req)
    missing = set(k for k in notes if not k.startswith("_")) - seen
    if missing:
        sys.exit(f"cis-5.0-notes.json names recommendations Prowler's file lacks: {sorted(missing)}")
    return {"key": CIS, "name": d["Name"], "version": "5.0.0",
            "description": "Every recommendation of sections 1-5 (IAM, storage, logging, monitoring, networking). "
                           "Titles from the benchmark; summaries and manual procedures in Rampart's words. "
                           "Checks map here through their cis() metadata.",
            "source": source("cis_5.0_aws.json", {"benchmark": "https://www.cisecurity.org/benchmark/amazon_web_services"}),
            "requirements": reqs}


def gen_fsbp(pdir):
    d = load(pdir, "aws_foundational_security_best_practices_aws.json")
    reqs = []
    for r in d["Requirements"]:
        a = r["Attributes"][0]
        # Security Hub spells the OpenSearch controls `Opensearch.N`; Prowler's file `OpenSearch.N`.
        r["Id"] = re.sub(r"^OpenSearch\.", "Opensearch.", r["Id"])
        reqs.append({"id": r["Id"], "title": r["Name"].strip(), "section": a.get("Service") or a.get("Section"),
                     "severity": a.get("Severity"), "assessment": "automated",
                     "prowler_checks": uniq(r["Checks"])})
    have = {r["id"] for r in reqs}
    extra = json.load(open(os.path.join(HERE, "securityhub-extra.json")))
    # Controls AWS has renamed since Prowler's list was written: the current Security Hub title.
    for o in extra.get("title_overrides", []):
        r = next((r for r in reqs if r["id"] == o["id"]), None)
        if r is None:
            sys.exit(f"securityhub-extra.json title_overrides names {o['id']}, which Prowler's list lacks "
                     "(put it under controls instead)")
        r["title"] = o["title"]
        r["url"] = o["url"]
    for c in extra["controls"]:
        if c["id"] in have:
            continue
        reqs.append({"id": c["id"], "title": c["title"], "section": c["id"].split(".")[0],
                     "assessment": "automated", "url": c["url"], "prowler_checks": []})
    reqs.sort(key=lambda r: ctl_sort_key("x:" + r["id"]))
    return {"key": FSBP, "name": "AWS Foundational Security Best Practices (AWS Security Hub controls)", "version": "",
            "description": "Security Hub control IDs, one ID space shared by FSBP and Security Hub's CIS, NIST and PCI "
                           "standards. Checks map here through their fsbp() metadata.",
            "source": source("aws_foundational_security_best_practices_aws.json",
                             {"also": "scripts/frameworks/securityhub-extra.json (controls Prowler's list lacks, and renamed controls; titles from "
                                      "https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-controls-reference.html)"}),
            "requirements": reqs}


def gen_pci(pdir, m):
    d = load(pdir, "pci_4.0_aws.json")
    groups = {}
    for r in d["Requirements"]:
        sec = r["Attributes"][0]["Section"].strip()
        mt = re.match(r"^([A-Z]?[0-9]+(?:\.[0-9]+)*)\s*:?\s*(.*)$", sec)
        rid, title = (mt.group(1), mt.group(2).strip()) if mt else (sec, sec)
        g = groups.setdefault(rid, {"id": rid, "title": title, "section": ("Appendix " if rid[0].isalpha() else "Requirement ") + rid.split(".")[0],
                                    "prowler_checks": []})
        g["prowler_checks"] += r["Checks"]
    reqs = []
    for g in groups.values():
        g["prowler_checks"] = uniq(g["prowler_checks"])
        g["controls"] = m.controls(g["prowler_checks"])
        g["assessment"] = "automated" if g["prowler_checks"] else "manual"
        reqs.append(g)
    reqs.sort(key=lambda r: ctl_sort_key("x:" + r["id"]))
    return {"key": "pci-dss-4.0", "name": d["Name"], "version": "4.0",
            "description": "The PCI DSS v4.0 requirements that AWS configuration can support, as listed by the source "
                           "(not the whole standard). Titles are the source's section headings.",
            "source": source("pci_4.0_aws.json"), "requirements": reqs}


def gen_named(pdir, file, id_re, summary_from_text):
    """NIST, HIPAA, SOC 2 and ISO: the requirement's number is the first word of Prowler's `Name`
    (`id_re` finds it), or Prowler's `Id` when `id_re` is None."""
    d = load(pdir, file)
    reqs = []
    for r in d["Requirements"]:
        nm = " ".join((r.get("Name") or "").split())
        mt = re.match(id_re, nm) if id_re else None
        if id_re is None:
            rid, title = r["Id"], nm
        elif mt:
            rid, title = mt.group(1), mt.group(2).strip()
        elif re.match(r"^(.*?)\s*\(([A-Z]{2}-\d+)\)$", nm):
            # NIST base controls are spelled `Least Privilege (AC-6)`.
            mt = re.match(r"^(.*?)\s*\(([A-Z]{2}-\d+)\)$", nm)
            rid, title = mt.group(2), mt.group(1).strip()
        else:
            rid, title = r["Id"], nm
        if not title:
            title = first_sentence(r.get("Description"), 120)
        a = r["Attributes"][0]
        sec = a.get("Section") or a.get("Category") or ""
        if a.get("SubSection"):
            sec = sec + " / " + a["SubSection"]
        req = {"id": rid, "title": title or rid, "section": sec}
        if summary_from_text:
            req["summary"] = first_sentence(r.get("Description"))
        req["prowler_checks"] = uniq(r["Checks"])
        req["controls"] = None
        prev = next((x for x in reqs if x["id"] == rid), None)
        if prev is not None:
            # The source lists a few requirements twice (NIST IA-5(1)(h)): merge their checks.
            prev["prowler_checks"] = uniq(prev["prowler_checks"] + req["prowler_checks"])
            continue
        reqs.append(req)
    return d, reqs


def finish(reqs, m):
    for r in reqs:
        r["controls"] = m.controls(r["prowler_checks"])
        r["assessment"] = "automated" if r["prowler_checks"] else "manual"
    return reqs


def gen_hkma():
    h = json.load(open(os.path.join(HERE, "hkma-tm-e-1.json")))
    reqs = []
    for r in h["requirements"]:
        r = dict(r)
        r.setdefault("controls", [])
        reqs.append(r)
    return {"key": "hkma-tm-e-1", "name": h["name"], "version": h["version"],
            "description": "Written by Rampart: the HKMA publishes no AWS mapping. Section numbers and titles follow "
                           "TM-E-1; summaries and the choice of supporting AWS controls are Rampart's judgement and "
                           "cover only the AWS infrastructure side of each section.",
            "source": {"url": h["url"], "publisher": "Hong Kong Monetary Authority",
                       "licence": "mapping: Apache-2.0 (Rampart); the module text is not reproduced",
                       "input": "scripts/frameworks/hkma-tm-e-1.json"},
            "requirements": reqs}


def render(doc):
    out = {"generated_by": GENERATED}
    out.update(doc)
    return json.dumps(out, indent=1, ensure_ascii=False) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prowler")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    pdir = prowler_dir(args.prowler)

    cis = gen_cis(pdir)
    fsbp = gen_fsbp(pdir)
    m = Mapper(fsbp["requirements"], cis["requirements"])
    docs = [cis, fsbp, gen_pci(pdir, m)]

    d, reqs = gen_named(pdir, "nist_800_53_revision_5_aws.json",
                        r"^([A-Z]{2}-\d+(?:\([^)]*\))*)\s*(.*)$", True)
    docs.append({"key": "nist-800-53-r5", "name": "NIST SP 800-53 Revision 5", "version": "r5",
                 "description": "The NIST SP 800-53 r5 controls and parts the source maps to AWS checks (not the whole "
                                "catalogue). Summaries are the first sentence of the NIST text (US Government work, "
                                "public domain).",
                 "source": source("nist_800_53_revision_5_aws.json",
                                  {"catalogue": "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final"}),
                 "requirements": finish(reqs, m)})

    d, reqs = gen_named(pdir, "iso27001_2022_aws.json", None, False)
    docs.append({"key": "iso-27001-2022", "name": "ISO/IEC 27001:2022 Annex A", "version": "2022",
                 "description": "Annex A controls as listed by the source, with the AWS checks it maps to. Control "
                                "titles only: the standard's text is ISO copyright and not reproduced.",
                 "source": source("iso27001_2022_aws.json"), "requirements": finish(reqs, m)})

    d, reqs = gen_named(pdir, "hipaa_aws.json",
                        r"^(\d+\.\d+(?:\([^)]*\))*)\s*(.*)$", True)
    docs.append({"key": "hipaa", "name": "HIPAA Security Rule (45 CFR Part 164 Subpart C)", "version": "",
                 "description": "The Security Rule implementation specifications the source maps to AWS checks. Summaries "
                                "are the first sentence of the regulation (US federal law, public domain).",
                 "source": source("hipaa_aws.json", {"regulation": "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C"}),
                 "requirements": finish(reqs, m)})

    d, reqs = gen_named(pdir, "soc2_aws.json", r"^([A-Z]+\d+\.\d+)\s*(.*)$", False)
    docs.append({"key": "soc2", "name": "SOC 2 (AICPA Trust Services Criteria 2017)", "version": "TSC 2017",
                 "description": "The Trust Services Criteria the source maps to AWS checks (not all criteria).",
                 "source": source("soc2_aws.json"), "requirements": finish(reqs, m)})

    docs.append(gen_hkma())

    stale = []
    for doc in docs:
        ids = [r["id"] for r in doc["requirements"]]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            sys.exit(f"{doc['key']}: duplicate requirement IDs {dup}")
        text = render(doc)
        path = os.path.join(OUT, doc["key"] + ".json")
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            stale.append(path)
            if not args.check:
                os.makedirs(OUT, exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    for p in stale:
        print(("stale: " if args.check else "wrote ") + os.path.relpath(p, ROOT))
    if args.check and stale:
        sys.exit(1)


if __name__ == "__main__":
    main()
