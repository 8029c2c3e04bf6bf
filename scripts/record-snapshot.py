#!/usr/bin/env python3
"""Record a Rampart snapshot (CONTRACT §1) of an AWS account with boto3, read-only.

Until `rampart collect` lands, this is how to capture an account for `rampart scan --snapshot`.
It makes only the read-only calls listed in docs/snapshot-calls.md (List*, Get*, Describe*, and
GenerateCredentialReport, which only asks IAM to prepare the report), merges pages, and writes
responses as the AWS CLI prints them (timestamps ISO-8601, blobs base64). Failed calls are
recorded as `error` entries, so Rampart reports UNKNOWN for what could not be read.

    pip install boto3
    python3 scripts/record-snapshot.py --output acct.json.gz [--profile P] [--regions us-east-1,eu-west-1]

Needs the AWS managed policies SecurityAudit + ViewOnlyAccess (or equivalent). Honours the
standard credential chain and AWS_ENDPOINT_URL.
"""
import argparse
import base64
import datetime
import gzip
import json
import sys
import time

try:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:
    sys.exit("record-snapshot: boto3 is required (pip install boto3)")

CFG = Config(retries={"mode": "adaptive", "max_attempts": 8}, read_timeout=60, connect_timeout=10)


def clean(v):
    """Make a boto3 response look like AWS CLI JSON output."""
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items() if k != "ResponseMetadata"}
    if isinstance(v, list):
        return [clean(x) for x in v]
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.isoformat()
    if isinstance(v, (bytes, bytearray)):
        return base64.b64encode(v).decode()
    if hasattr(v, "read"):
        return base64.b64encode(v.read()).decode()
    return v


class Recorder:
    def __init__(self, session):
        self.session = session
        self.calls = []
        self.clients = {}

    def client(self, service, region):
        key = (service, region)
        if key not in self.clients:
            self.clients[key] = self.session.client(service, region_name=region or "us-east-1", config=CFG)
        return self.clients[key]

    def call(self, service, op, region, params=None, paginate=False, scope_region=True):
        params = params or {}
        c = self.client(service, region)
        # botocore's own name mapping: DescribeDBInstances -> describe_db_instances,
        # ListVirtualMFADevices -> list_virtual_mfa_devices (a naive CamelCase split gets these wrong).
        method = {v: k for k, v in c.meta.method_to_api_mapping.items()}[op]
        entry = {"service": service, "operation": op, "region": region if scope_region else None, "params": params}
        try:
            if paginate and c.can_paginate(method):
                resp = c.get_paginator(method).paginate(**params).build_full_result()
            else:
                resp = getattr(c, method)(**params)
            entry["response"] = clean(resp)
        except ClientError as e:
            err = e.response.get("Error", {})
            entry["error"] = {"code": err.get("Code", "Unknown"), "message": err.get("Message", str(e))}
            resp = None
        except BotoCoreError as e:
            entry["error"] = {"code": type(e).__name__, "message": str(e)}
            resp = None
        self.calls.append(entry)
        print(f"  {service} {op} {region or ''} {'ok' if resp is not None else entry['error']['code']}", file=sys.stderr)
        return resp


def record_iam(r):
    r.call("iam", "GetAccountAuthorizationDetails", None, paginate=True, scope_region=False)
    try:
        for _ in range(10):
            state = r.client("iam", None).generate_credential_report().get("State")
            if state == "COMPLETE":
                break
            time.sleep(2)
    except ClientError:
        pass
    r.call("iam", "GetCredentialReport", None, scope_region=False)
    r.call("iam", "GetAccountPasswordPolicy", None, scope_region=False)
    r.call("iam", "ListVirtualMFADevices", None, paginate=True, scope_region=False)
    r.call("iam", "GetAccountSummary", None, scope_region=False)
    r.call("iam", "ListServerCertificates", None, paginate=True, scope_region=False)
    r.call("account", "GetAlternateContact", None, {"AlternateContactType": "SECURITY"}, scope_region=False)


def record_s3(r, account):
    resp = r.call("s3", "ListBuckets", "us-east-1")
    for b in (resp or {}).get("Buckets", []):
        name = b["Name"]
        loc = r.call("s3", "GetBucketLocation", "us-east-1", {"Bucket": name})
        region = ((loc or {}).get("LocationConstraint") or "us-east-1").replace("EU", "eu-west-1")
        for op in ["GetBucketPolicy", "GetBucketPolicyStatus", "GetBucketAcl", "GetBucketEncryption",
                   "GetPublicAccessBlock", "GetBucketVersioning", "GetBucketLogging"]:
            r.call("s3", op, region, {"Bucket": name})
    r.call("s3control", "GetPublicAccessBlock", "us-east-1", {"AccountId": account})


def record_region(r, region):
    ec2 = [("DescribeInstances", {}), ("DescribeSecurityGroups", {}), ("DescribeNetworkAcls", {}),
           ("DescribeRouteTables", {}), ("DescribeSubnets", {}), ("DescribeVpcs", {}),
           ("DescribeInternetGateways", {}), ("DescribeVolumes", {}), ("DescribeFlowLogs", {})]
    for op, p in ec2:
        r.call("ec2", op, region, p, paginate=True)
    snaps = r.call("ec2", "DescribeSnapshots", region, {"OwnerIds": ["self"]}, paginate=True)
    for s in (snaps or {}).get("Snapshots", []):
        r.call("ec2", "DescribeSnapshotAttribute", region,
               {"SnapshotId": s["SnapshotId"], "Attribute": "createVolumePermission"})
    r.call("ec2", "GetEbsEncryptionByDefault", region)
    keys = r.call("kms", "ListKeys", region, paginate=True)
    for k in (keys or {}).get("Keys", []):
        for op in ["DescribeKey", "GetKeyPolicy", "GetKeyRotationStatus"]:
            r.call("kms", op, region, {"KeyId": k["KeyId"]})
    r.call("kms", "ListAliases", region, paginate=True)
    trails = r.call("cloudtrail", "DescribeTrails", region)
    for t in (trails or {}).get("trailList", []):
        r.call("cloudtrail", "GetTrailStatus", region, {"Name": t["TrailARN"]})
        r.call("cloudtrail", "GetEventSelectors", region, {"TrailName": t["TrailARN"]})
    r.call("config", "DescribeConfigurationRecorders", region)
    r.call("config", "DescribeConfigurationRecorderStatus", region)
    r.call("logs", "DescribeMetricFilters", region, paginate=True)
    r.call("logs", "DescribeLogGroups", region, paginate=True)
    r.call("cloudwatch", "DescribeAlarms", region, paginate=True)
    r.call("sns", "ListTopics", region, paginate=True)
    r.call("sns", "ListSubscriptions", region, paginate=True)
    dets = r.call("guardduty", "ListDetectors", region, paginate=True)
    for d in (dets or {}).get("DetectorIds", []):
        r.call("guardduty", "GetDetector", region, {"DetectorId": d})
    r.call("accessanalyzer", "ListAnalyzers", region, paginate=True)
    r.call("securityhub", "DescribeHub", region)
    r.call("securityhub", "GetEnabledStandards", region, paginate=True)
    r.call("rds", "DescribeDBInstances", region, paginate=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", "-o", required=True, help="snapshot file (.json or .json.gz)")
    ap.add_argument("--profile")
    ap.add_argument("--regions", help="comma-separated; default: every enabled region")
    a = ap.parse_args()
    session = boto3.Session(profile_name=a.profile)
    r = Recorder(session)
    ident = session.client("sts", config=CFG).get_caller_identity()
    account = ident["Account"]
    partition = ident["Arn"].split(":")[1]
    if a.regions:
        regions = [x.strip() for x in a.regions.split(",") if x.strip()]
    else:
        resp = session.client("ec2", region_name="us-east-1", config=CFG).describe_regions()
        regions = sorted(x["RegionName"] for x in resp["Regions"])
    print(f"recording account {account} in {len(regions)} region(s)", file=sys.stderr)
    record_iam(r)
    record_s3(r, account)
    for region in regions:
        record_region(r, region)
    snap = {"rampart_snapshot": 1, "account_id": account, "partition": partition,
            "collected_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "regions": regions, "calls": r.calls}
    data = json.dumps(snap, indent=1).encode()
    opener = gzip.open if a.output.endswith(".gz") else open
    with opener(a.output, "wb") as f:
        f.write(data)
    failed = [c for c in r.calls if "error" in c]
    print(f"wrote {a.output}: {len(r.calls)} calls, {len(failed)} failed", file=sys.stderr)


if __name__ == "__main__":
    main()
