#!/usr/bin/env python3
"""Turn a `rampart collect` recording of the seeded moto account into the embedded demo.

    python3 scripts/demo/finish.py RAW.json OUT.json [--overlay DIR]

Two steps, both deterministic:

1. **Clock.** moto stamps every resource with the wall-clock time of the seed. The recording's
   `collected_at` becomes DEMO_NOW and every timestamp within two years of the real collection
   time keeps its distance from it, rounded to whole hours so that regenerating gives the same
   file (timestamps moto hard-codes, further away, stay). The credential report's CSV cells move
   too. URLs that name the moto endpoint (SQS queue URLs) get the AWS endpoint, and the one
   name moto derives from a memory address (a listener's default rule) gets a fixed one.
   DescribeSnapshots keeps the account's own snapshots (moto ignores `--owner-ids self`), and
   GetAccountAuthorizationDetails the AWS managed policies in use (moto, with
   MOTO_IAM_LOAD_MANAGED_POLICIES=true, lists all of them).
2. **Overlay.** `scripts/demo/overlay/*.json` (name order) patch what moto 5.2.5 cannot answer
   or represent (see each entry's `why`). Each file is a JSON array of entries:

       {"why": "...", "service": "iam", "operation": "GetCredentialReport", "region": null,
        "params": {...}                  # optional: the call's params must equal these
        # then exactly one of:
        "response": {...}                # the whole response (replaces an error too)
        "error": {"code": ..., "message": ...}
        "set": [{"path": [...], "value": ...}, ...]   # change fields of the response
        "csv": {"row": {"user": "carol"}, "set": {"column": "value"}}  # base64 CSV `Content`
        "csv": {"add": {"column": "value", ...}}  # a CSV row after the header (others N/A)
        "add": true + "response"/"error"  # a call the recording lacks
       }

   A `path` is a list of steps: a string (object key), an integer (array index) or an object
   (the array element whose fields equal it; `{"Tag:Name": "x"}` matches an element whose
   `Tags` list has Key `Name` and Value `x`; `{"*": {...}}` searches nested arrays for the first
   object matching). A missing last key is created.

   Values may use two forms resolved against the recording:
   - `"$days_ago:N"` -> the ISO time N days before DEMO_NOW (`$days_ago:-N` is in the future);
   - `{"$ref": {"service": ..., "operation": ..., "region": ..., "find": {...}, "get": "Field"}}`
     -> the field `get` of the first object anywhere in that call's response matching `find`
     (same matching as paths), so an overlay can name a resource moto created (an instance ID).

   Every entry must match exactly one call (or, with `add`, none): a stale overlay fails loudly.
"""
import base64
import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import sys

DEMO_NOW = "2026-11-20T09:00:00Z"
WINDOW = dt.timedelta(days=730)
TS = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})$")


def fail(msg):
    sys.exit(f"finish: {msg}")


def parse_ts(s):
    m = TS.match(s)
    if not m:
        return None
    tz = m.group(4)
    tz = "+00:00" if tz == "Z" else (tz if ":" in tz else tz[:3] + ":" + tz[3:])
    try:
        return dt.datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}{m.group(3) or ''}{tz}")
    except ValueError:
        return None


def fmt_like(orig, t):
    """Format `t` in the style of `orig` (same zone; the fraction, always zero here, dropped)."""
    tz = TS.match(orig).group(4)
    if tz != "Z":
        off = dt.timedelta(hours=int(tz[1:3]), minutes=int(tz[-2:]))
        t = t.astimezone(dt.timezone(off if tz[0] == "+" else -off))
    s = t.strftime("%Y-%m-%dT%H:%M:%S")
    return s + ("Z" if tz == "Z" else tz)


def moved(t, real_now, now):
    """`t` as seen from `now` instead of `real_now`, in whole hours: the seed's few seconds of
    jitter must not change the demo from one regeneration to the next."""
    hours = round((real_now - t).total_seconds() / 3600)
    return now - dt.timedelta(hours=hours)


# Automated RDS snapshots are named after their time: rds:<db>-YYYY-MM-DD-HH-MM.
RDS_AUTO = re.compile(r"^(.*rds:.*-)(\d{4}-\d{2}-\d{2}-\d{2}-\d{2})(.*)$")
EPOCH_S = re.compile(r"^\d{10}(\.\d+)?$")


def shift_value(v, real_now, now):
    """Move every timestamp of the recording (ISO strings, epoch milliseconds, epoch-second
    strings) that lies within WINDOW of the collection time."""
    if isinstance(v, str):
        t = parse_ts(v)
        if t is not None and abs(t - real_now) <= WINDOW:
            return fmt_like(v, moved(t, real_now, now))
        m = RDS_AUTO.match(v)
        if m:
            t = dt.datetime.strptime(m.group(2), "%Y-%m-%d-%H-%M").replace(tzinfo=dt.timezone.utc)
            if abs(t - real_now) <= WINDOW:
                return m.group(1) + moved(t, real_now, now).strftime("%Y-%m-%d-%H-%M") + m.group(3)
        if EPOCH_S.match(v):
            t = dt.datetime.fromtimestamp(float(v), dt.timezone.utc)
            if abs(t - real_now) <= WINDOW:
                return str(int(moved(t, real_now, now).timestamp()))
        return v
    if isinstance(v, bool):
        return v
    if isinstance(v, int) and 10**12 <= v < 10**13:
        t = dt.datetime.fromtimestamp(v / 1000, dt.timezone.utc)
        if abs(t - real_now) <= WINDOW:
            return int(moved(t, real_now, now).timestamp() * 1000)
        return v
    if isinstance(v, list):
        return [shift_value(x, real_now, now) for x in v]
    if isinstance(v, dict):
        return {k: shift_value(x, real_now, now) for k, x in v.items()}
    return v


# moto names a listener's default rule after the Python object's address (`id(self)`).
DEFAULT_RULE = re.compile(r"^(arn:aws:elasticloadbalancing:.*:listener-rule/.*/[0-9a-f]{16})/(\d{9,})$")


def stable_rule_arn(v):
    """A default rule ARN whose last part is an object address gets a fixed one (from the
    listener's ARN), so that regenerating gives the same file."""
    if isinstance(v, str):
        m = DEFAULT_RULE.match(v)
        return f"{m.group(1)}/{hashlib.sha256(m.group(1).encode()).hexdigest()[:16]}" if m else v
    if isinstance(v, list):
        return [stable_rule_arn(x) for x in v]
    if isinstance(v, dict):
        return {k: stable_rule_arn(x) for k, x in v.items()}
    return v


LOCAL = re.compile(r"^https?://(127\.0\.0\.1|localhost):\d+(/.*)?$")


def unlocal(v, service, region):
    """The moto endpoint in URLs it builds (SQS queue URLs) becomes the AWS endpoint."""
    if isinstance(v, str):
        m = LOCAL.match(v)
        return f"https://{service}.{region or 'us-east-1'}.amazonaws.com{m.group(2) or ''}" if m else v
    if isinstance(v, list):
        return [unlocal(x, service, region) for x in v]
    if isinstance(v, dict):
        return {k: unlocal(x, service, region) for k, x in v.items()}
    return v


def map_csv(content_b64, fn):
    text = base64.b64decode(content_b64).decode()
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return content_b64
    header, body = rows[0], rows[1:]
    body = [fn(dict(zip(header, r))) for r in body]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for r in body:
        w.writerow([r.get(h, "") for h in header])
    return base64.b64encode(out.getvalue().rstrip("\n").encode()).decode()


def matches(obj, sel):
    if not isinstance(obj, dict):
        return False
    for k, want in sel.items():
        if k.startswith("Tag:"):
            tags = obj.get("Tags") or obj.get("TagList") or []
            if not any(isinstance(t, dict) and t.get("Key") == k[4:] and t.get("Value") == want for t in tags):
                return False
        elif obj.get(k) != want:
            return False
    return True


def find_deep(v, sel):
    if isinstance(v, dict):
        if matches(v, sel):
            return v
        v = list(v.values())
    if isinstance(v, list):
        for x in v:
            hit = find_deep(x, sel)
            if hit is not None:
                return hit
    return None


def call_key(c):
    return f"{c['service']} {c['operation']} {c.get('region')} {json.dumps(c.get('params', {}), sort_keys=True)}"


def find_calls(calls, e):
    return [c for c in calls
            if c["service"] == e["service"] and c["operation"] == e["operation"]
            and c.get("region") == e.get("region")
            and ("params" not in e or c.get("params", {}) == e["params"])]


def resolve(v, calls, now):
    if isinstance(v, str) and v.startswith("$days_ago:"):
        t = now - dt.timedelta(days=float(v.split(":", 1)[1]))
        return t.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(v, dict) and set(v) == {"$ref"}:
        r = v["$ref"]
        hits = find_calls(calls, r)
        if len(hits) != 1:
            fail(f"$ref {json.dumps(r)} matches {len(hits)} calls")
        obj = find_deep(hits[0].get("response"), r["find"])
        if obj is None or r["get"] not in obj:
            fail(f"$ref {json.dumps(r)}: nothing in the response matches")
        return obj[r["get"]]
    if isinstance(v, list):
        return [resolve(x, calls, now) for x in v]
    if isinstance(v, dict):
        return {k: resolve(x, calls, now) for k, x in v.items()}
    return v


def set_path(root, path, value, where):
    cur = root
    for i, step in enumerate(path):
        last = i == len(path) - 1
        if isinstance(step, str):
            if not isinstance(cur, dict):
                fail(f"{where}: step {step!r} expects an object")
            if last:
                cur[step] = value
                return
            if step not in cur:
                fail(f"{where}: no key {step!r}")
            cur = cur[step]
        elif isinstance(step, int):
            if not isinstance(cur, list) or not -len(cur) <= step < len(cur):
                fail(f"{where}: no index {step}")
            if last:
                cur[step] = value
                return
            cur = cur[step]
        elif isinstance(step, dict):
            if "*" in step:
                hit = find_deep(cur, step["*"])
            else:
                hit = next((x for x in cur if matches(x, step)), None) if isinstance(cur, list) else None
            if hit is None:
                fail(f"{where}: nothing matches {json.dumps(step)}")
            if last:
                hit.clear()
                hit.update(value)
                return
            cur = hit
        else:
            fail(f"{where}: bad path step {step!r}")


def apply(calls, e, now, where):
    for k in ("why", "service", "operation"):
        if not e.get(k):
            fail(f"{where}: entry needs `{k}`")
    kinds = [k for k in ("response", "error", "set", "csv") if k in e]
    if len(kinds) != 1:
        fail(f"{where}: entry needs exactly one of response/error/set/csv, has {kinds}")
    hits = find_calls(calls, e)
    if e.get("add"):
        if hits:
            fail(f"{where}: `add` but the recording already has {call_key(hits[0])}")
        call = {"service": e["service"], "operation": e["operation"], "region": e.get("region"),
                "params": e.get("params", {})}
        calls.append(call)
        hits = [call]
    if len(hits) != 1:
        fail(f"{where}: matches {len(hits)} calls of the recording (want 1): "
             f"{e['service']} {e['operation']} {e.get('region')} {json.dumps(e.get('params'))}")
    call = hits[0]
    if "response" in e:
        call.pop("error", None)
        call["response"] = resolve(e["response"], calls, now)
    elif "error" in e:
        call.pop("response", None)
        call["error"] = e["error"]
    else:
        if "response" not in call:
            fail(f"{where}: the recorded call failed ({call['error'].get('code')}); patch needs a response")
        if "set" in e:
            for s in e["set"]:
                set_path(call["response"], s["path"], resolve(s["value"], calls, now), where)
        elif "add" in e["csv"]:
            spec = e["csv"]["add"]

            def add(content):
                text = base64.b64decode(content).decode()
                header = next(csv.reader(io.StringIO(text)))
                unknown = set(spec) - set(header)
                if unknown:
                    fail(f"{where}: no column(s) {sorted(unknown)}")
                out = io.StringIO()
                csv.writer(out, lineterminator="\n").writerow([resolve(spec.get(h, "N/A"), calls, now) for h in header])
                lines = text.rstrip("\n").split("\n")
                lines.insert(1, out.getvalue().rstrip("\n"))  # AWS lists <root_account> first
                return base64.b64encode("\n".join(lines).encode()).decode()
            call["response"]["Content"] = add(call["response"]["Content"])
        else:
            spec = e["csv"]
            seen = []

            def fix(row):
                if all(row.get(k) == v for k, v in spec["row"].items()):
                    seen.append(1)
                    for k, v in spec["set"].items():
                        if k not in row:
                            fail(f"{where}: no column {k!r}")
                        row[k] = resolve(v, calls, now)
                return row
            call["response"]["Content"] = map_csv(call["response"]["Content"], fix)
            if len(seen) != 1:
                fail(f"{where}: {len(seen)} CSV rows match {json.dumps(spec['row'])} (want 1)")


def main(argv):
    if len(argv) < 3:
        fail("usage: finish.py RAW.json OUT.json [--overlay DIR]")
    raw, out = argv[1], argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    overlay_dir = argv[argv.index("--overlay") + 1] if "--overlay" in argv else os.path.join(here, "overlay")
    with open(raw) as f:
        snap = json.load(f)
    real_now = parse_ts(snap["collected_at"])
    now = parse_ts(DEMO_NOW)
    calls = []
    for c in snap["calls"]:
        c = stable_rule_arn(unlocal(shift_value(c, real_now, now), c["service"], c.get("region")))
        if c["service"] == "iam" and c["operation"] == "GetCredentialReport" and "response" in c:
            c["response"]["Content"] = map_csv(
                c["response"]["Content"], lambda row: {k: shift_value(v, real_now, now) for k, v in row.items()})
        calls.append(c)
    snap["collected_at"] = DEMO_NOW
    # moto ignores `DescribeSnapshots --owner-ids self` and lists ~1,300 public AMI snapshots of
    # other accounts per region; AWS answers with the account's own only.
    for c in calls:
        if c["service"] == "ec2" and c["operation"] == "DescribeSnapshots" and "response" in c:
            c["response"]["Snapshots"] = [s for s in c["response"]["Snapshots"]
                                          if s.get("OwnerId") in (None, snap["account_id"])]
    # With MOTO_IAM_LOAD_MANAGED_POLICIES=true moto lists all ~1,300 AWS managed policies in
    # GetAccountAuthorizationDetails; AWS lists the AWS managed policies in use (attached).
    for c in calls:
        if c["service"] == "iam" and c["operation"] == "GetAccountAuthorizationDetails" and "response" in c:
            c["response"]["Policies"] = [p for p in c["response"].get("Policies", [])
                                         if not p.get("Arn", "").startswith("arn:aws:iam::aws:policy/")
                                         or p.get("AttachmentCount", 0) > 0
                                         or p.get("PermissionsBoundaryUsageCount", 0) > 0]
    n = 0
    for name in sorted(os.listdir(overlay_dir)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(overlay_dir, name)) as f:
            entries = json.load(f)
        for i, e in enumerate(entries):
            apply(calls, e, now, f"overlay/{name} entry {i}")
            n += 1
    snap["calls"] = calls
    with open(out, "w") as f:
        json.dump(snap, f, indent=1, sort_keys=False)
        f.write("\n")
    print(f"finish: {out}: {len(calls)} calls, clock moved by {now - real_now}, {n} overlay entries", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
