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
import re
import sys
import time
from urllib.parse import urlsplit, urlunsplit

try:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:
    sys.exit("record-snapshot: boto3 is required (pip install boto3)")

CFG = Config(retries={"mode": "adaptive", "max_attempts": 8}, read_timeout=60, connect_timeout=10)
# Where global services (IAM, S3 ListBuckets, S3 Control) are called, by partition.
HOME_REGION = {"aws": "us-east-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"}
AWS_HOSTS = (".amazonaws.com", ".amazonaws.com.cn", ".api.aws", ".c2s.ic.gov", ".sc2s.sgov.gov")


def _s3control_custom_endpoint(request, **_):
    """S3 Control puts the account id in front of the host (`123456789012.127.0.0.1`); a custom
    endpoint (AWS_ENDPOINT_URL, e.g. a moto server) has no such names, so drop that label."""
    u = urlsplit(request.url)
    host = re.sub(r"^\d{12}\.", "", u.netloc)
    if host != u.netloc:
        request.url = urlunsplit(u._replace(netloc=host))


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
        self.account = None
        self.home = "us-east-1"
        self.regions = []
        self.trails_done = set()

    def client(self, service, region):
        key = (service, region)
        if key not in self.clients:
            c = self.session.client(service, region_name=region or self.home, config=CFG)
            host = urlsplit(c.meta.endpoint_url).hostname or ""
            if service == "s3control" and not host.endswith(AWS_HOSTS):
                c.meta.events.register("before-sign.s3-control", _s3control_custom_endpoint)
            self.clients[key] = c
        return self.clients[key]

    def call(self, service, op, region, params=None, paginate=False, scope_region=True):
        params = params or {}
        entry = {"service": service, "operation": op, "region": region if scope_region else None, "params": params}
        try:
            c = self.client(service, region)  # UnknownServiceError on a botocore too old for it
            # botocore's own name mapping: DescribeDBInstances -> describe_db_instances,
            # ListVirtualMFADevices -> list_virtual_mfa_devices (a naive CamelCase split gets these wrong).
            method = {v: k for k, v in c.meta.method_to_api_mapping.items()}[op]
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
        except Exception as e:  # an unexpected response shape must not lose the whole recording
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
    except (ClientError, BotoCoreError):
        pass  # GetCredentialReport below records the failure
    r.call("iam", "GetCredentialReport", None, scope_region=False)
    r.call("iam", "GetAccountPasswordPolicy", None, scope_region=False)
    r.call("iam", "ListVirtualMFADevices", None, paginate=True, scope_region=False)
    r.call("iam", "GetAccountSummary", None, scope_region=False)
    r.call("iam", "ListServerCertificates", None, paginate=True, scope_region=False)
    r.call("account", "GetAlternateContact", None, {"AlternateContactType": "SECURITY"}, scope_region=False)
    # AWSOrganizationsNotInUseException = the account is in no organization.
    r.call("organizations", "DescribeOrganization", r.home, scope_region=False)


def record_s3(r, account):
    resp = r.call("s3", "ListBuckets", r.home, paginate=True)
    for b in (resp or {}).get("Buckets", []):
        name = b["Name"]
        loc = r.call("s3", "GetBucketLocation", r.home, {"Bucket": name})
        region = (loc or {}).get("LocationConstraint") or "us-east-1"
        region = "eu-west-1" if region == "EU" else region
        for op in ["GetBucketPolicy", "GetBucketPolicyStatus", "GetBucketAcl", "GetBucketEncryption",
                   "GetPublicAccessBlock", "GetBucketVersioning", "GetBucketLogging",
                   "GetBucketLifecycleConfiguration", "GetBucketNotificationConfiguration"]:
            r.call("s3", op, region, {"Bucket": name})
    r.call("s3control", "GetPublicAccessBlock", r.home, {"AccountId": account})


def record_region(r, region):
    ec2 = [("DescribeInstances", {}), ("DescribeSecurityGroups", {}), ("DescribeNetworkAcls", {}),
           ("DescribeRouteTables", {}), ("DescribeSubnets", {}), ("DescribeVpcs", {}),
           ("DescribeInternetGateways", {}), ("DescribeVolumes", {}), ("DescribeFlowLogs", {}),
           ("DescribeNetworkInterfaces", {}), ("DescribeNatGateways", {}),
           ("DescribeEgressOnlyInternetGateways", {}), ("DescribeVpcEndpoints", {}),
           ("DescribeVpcPeeringConnections", {}), ("DescribeAddresses", {}),
           ("DescribeVpnConnections", {}), ("DescribeTransitGateways", {})]
    for op, p in ec2:
        r.call("ec2", op, region, p, paginate=True)
    pls = r.call("ec2", "DescribeManagedPrefixLists", region, paginate=True)
    for pl in (pls or {}).get("PrefixLists", []):
        r.call("ec2", "GetManagedPrefixListEntries", region, {"PrefixListId": pl["PrefixListId"]}, paginate=True)
    snaps = r.call("ec2", "DescribeSnapshots", region, {"OwnerIds": ["self"]}, paginate=True)
    for s in (snaps or {}).get("Snapshots", []):
        if s.get("OwnerId") not in (None, r.account):
            continue  # not ours (some endpoints ignore OwnerIds); AWS would refuse the attribute call
        r.call("ec2", "DescribeSnapshotAttribute", region,
               {"SnapshotId": s["SnapshotId"], "Attribute": "createVolumePermission"})
    r.call("ec2", "GetEbsEncryptionByDefault", region)
    keys = r.call("kms", "ListKeys", region, paginate=True)
    for k in (keys or {}).get("Keys", []):
        for op in ["DescribeKey", "GetKeyPolicy", "GetKeyRotationStatus"]:
            # PolicyName was required before botocore 1.31 and some endpoints still need it.
            p = {"KeyId": k["KeyId"], "PolicyName": "default"} if op == "GetKeyPolicy" else {"KeyId": k["KeyId"]}
            r.call("kms", op, region, p)
    r.call("kms", "ListAliases", region, paginate=True)
    trails = r.call("cloudtrail", "DescribeTrails", region)
    for t in (trails or {}).get("trailList", []):
        # DescribeTrails lists multi-region trails in every region (shadow copies); ask about each
        # trail once, in its home region when that is being recorded (GetEventSelectors answers
        # TrailNotFoundException for a shadow copy), else here by ARN.
        home = t.get("HomeRegion") or region
        if (home != region and home in r.regions) or t["TrailARN"] in r.trails_done:
            continue
        r.trails_done.add(t["TrailARN"])
        r.call("cloudtrail", "GetTrailStatus", region, {"Name": t["TrailARN"]})
        r.call("cloudtrail", "GetEventSelectors", region, {"TrailName": t["TrailARN"]})
    r.call("config", "DescribeConfigurationRecorders", region)
    r.call("config", "DescribeConfigurationRecorderStatus", region)
    r.call("logs", "DescribeMetricFilters", region, paginate=True)
    r.call("logs", "DescribeLogGroups", region, paginate=True)
    r.call("cloudwatch", "DescribeAlarms", region, paginate=True)
    topics = r.call("sns", "ListTopics", region, paginate=True)
    for t in (topics or {}).get("Topics", []):
        r.call("sns", "GetTopicAttributes", region, {"TopicArn": t["TopicArn"]})
    r.call("sns", "ListSubscriptions", region, paginate=True)
    dets = r.call("guardduty", "ListDetectors", region, paginate=True)
    for d in (dets or {}).get("DetectorIds", []):
        r.call("guardduty", "GetDetector", region, {"DetectorId": d})
    r.call("accessanalyzer", "ListAnalyzers", region, paginate=True)
    r.call("securityhub", "DescribeHub", region)
    r.call("securityhub", "GetEnabledStandards", region, paginate=True)
    r.call("rds", "DescribeDBInstances", region, paginate=True)
    r.call("rds", "DescribeDBClusters", region, paginate=True)
    # Automated snapshots cannot be shared: only manual ones have a `restore` attribute to read.
    snaps = r.call("rds", "DescribeDBSnapshots", region, paginate=True)
    for s in (snaps or {}).get("DBSnapshots", []):
        if s.get("SnapshotType") == "manual":
            r.call("rds", "DescribeDBSnapshotAttributes", region, {"DBSnapshotIdentifier": s["DBSnapshotIdentifier"]})
    csnaps = r.call("rds", "DescribeDBClusterSnapshots", region, paginate=True)
    for s in (csnaps or {}).get("DBClusterSnapshots", []):
        if s.get("SnapshotType") == "manual":
            r.call("rds", "DescribeDBClusterSnapshotAttributes", region,
                   {"DBClusterSnapshotIdentifier": s["DBClusterSnapshotIdentifier"]})
    acls = r.call("wafv2", "ListWebACLs", region, {"Scope": "REGIONAL"}, paginate=True)
    for a in (acls or {}).get("WebACLs", []):
        r.call("wafv2", "ListResourcesForWebACL", region,
               {"WebACLArn": a["ARN"], "ResourceType": "APPLICATION_LOAD_BALANCER"})
    record_apps_and_data(r, region)
    record_platform_and_edge(r, region)


# Every key type: by default ListCertificates returns RSA-2048 certificates only.
ACM_KEY_TYPES = ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"]


def record_apps_and_data(r, region):
    """Lambda, Secrets Manager, SQS, DynamoDB, ECR, ACM and Systems Manager (FSBP controls)."""
    fns = r.call("lambda", "ListFunctions", region, paginate=True)
    for f in (fns or {}).get("Functions", []):
        r.call("lambda", "GetPolicy", region, {"FunctionName": f["FunctionName"]})
    r.call("secretsmanager", "ListSecrets", region, {"IncludePlannedDeletion": True}, paginate=True)
    queues = r.call("sqs", "ListQueues", region, paginate=True)
    for url in (queues or {}).get("QueueUrls", []):
        r.call("sqs", "GetQueueAttributes", region, {"QueueUrl": url, "AttributeNames": ["All"]})
    tables = r.call("dynamodb", "ListTables", region, paginate=True)
    for name in (tables or {}).get("TableNames", []):
        r.call("dynamodb", "DescribeTable", region, {"TableName": name})
        r.call("dynamodb", "DescribeContinuousBackups", region, {"TableName": name})
    r.call("application-autoscaling", "DescribeScalableTargets", region, {"ServiceNamespace": "dynamodb"}, paginate=True)
    repos = r.call("ecr", "DescribeRepositories", region, paginate=True)
    for repo in (repos or {}).get("repositories", []):
        r.call("ecr", "GetLifecyclePolicy", region,
               {"repositoryName": repo["repositoryName"], "registryId": repo["registryId"]})
    r.call("ecr", "GetRegistryScanningConfiguration", region)
    r.call("acm", "ListCertificates", region, {"Includes": {"keyTypes": ACM_KEY_TYPES}}, paginate=True)
    r.call("ssm", "DescribeInstanceInformation", region, paginate=True)
    r.call("ssm", "ListResourceComplianceSummaries", region, paginate=True)
    docs = r.call("ssm", "ListDocuments", region, {"Filters": [{"Key": "Owner", "Values": ["Self"]}]}, paginate=True)
    for d in (docs or {}).get("DocumentIdentifiers", []):
        r.call("ssm", "DescribeDocumentPermission", region, {"Name": d["Name"], "PermissionType": "Share"})


def recorded(r, service, op, region):
    """The response of a call already recorded (another part of the recorder may list the same
    resources), else None; a recorded failure also counts as recorded (returns {})."""
    for c in reversed(r.calls):
        if (c["service"], c["operation"], c["region"]) == (service, op, region) and not c["params"]:
            return c.get("response", {})
    return None


def record_platform_and_edge(r, region):
    """EFS, EKS, API Gateway, OpenSearch and load balancer settings (FSBP controls)."""
    fss = r.call("efs", "DescribeFileSystems", region, paginate=True)
    for f in (fss or {}).get("FileSystems", []):
        r.call("efs", "DescribeBackupPolicy", region, {"FileSystemId": f["FileSystemId"]})
        r.call("efs", "DescribeMountTargets", region, {"FileSystemId": f["FileSystemId"]})
    r.call("efs", "DescribeAccessPoints", region, paginate=True)
    clusters = r.call("eks", "ListClusters", region, paginate=True)
    for name in (clusters or {}).get("clusters", []):
        r.call("eks", "DescribeCluster", region, {"name": name})
    apis = r.call("apigateway", "GetRestApis", region, paginate=True)
    for a in (apis or {}).get("items", []):
        r.call("apigateway", "GetStages", region, {"restApiId": a["id"]})
    apis = r.call("apigatewayv2", "GetApis", region, paginate=True)
    for a in (apis or {}).get("Items", []):
        r.call("apigatewayv2", "GetStages", region, {"ApiId": a["ApiId"]}, paginate=True)
        r.call("apigatewayv2", "GetRoutes", region, {"ApiId": a["ApiId"]}, paginate=True)
    names = r.call("opensearch", "ListDomainNames", region)
    for d in (names or {}).get("DomainNames", []):
        r.call("opensearch", "DescribeDomain", region, {"DomainName": d["DomainName"]})
    lbs = recorded(r, "elbv2", "DescribeLoadBalancers", region)
    if lbs is None:
        lbs = r.call("elbv2", "DescribeLoadBalancers", region, paginate=True)
    for lb in (lbs or {}).get("LoadBalancers", []):
        arn = lb["LoadBalancerArn"]
        listeners = next((c.get("response", {}) for c in r.calls if c["operation"] == "DescribeListeners"
                          and c["params"].get("LoadBalancerArn") == arn), None)
        if listeners is None:
            listeners = r.call("elbv2", "DescribeListeners", region, {"LoadBalancerArn": arn}, paginate=True)
        if lb.get("Type") == "application":
            # Listener rules: which target groups each listener forwards to (rampart net).
            for l in (listeners or {}).get("Listeners", []):
                r.call("elbv2", "DescribeRules", region, {"ListenerArn": l["ListenerArn"]}, paginate=True)
        r.call("elbv2", "DescribeLoadBalancerAttributes", region, {"LoadBalancerArn": arn})
    tgs = recorded(r, "elbv2", "DescribeTargetGroups", region)
    if tgs is None:
        tgs = r.call("elbv2", "DescribeTargetGroups", region, paginate=True)
        for tg in (tgs or {}).get("TargetGroups", []):
            r.call("elbv2", "DescribeTargetHealth", region, {"TargetGroupArn": tg["TargetGroupArn"]})
    clbs = recorded(r, "elb", "DescribeLoadBalancers", region)
    if clbs is None:
        clbs = r.call("elb", "DescribeLoadBalancers", region, paginate=True)
    for lb in (clbs or {}).get("LoadBalancerDescriptions", []):
        name = lb["LoadBalancerName"]
        r.call("elb", "DescribeLoadBalancerAttributes", region, {"LoadBalancerName": name})
        r.call("elb", "DescribeLoadBalancerPolicies", region, {"LoadBalancerName": name})


def record_cloudfront(r):
    """CloudFront is global: its distributions, once, from the home region."""
    dists = r.call("cloudfront", "ListDistributions", r.home, paginate=True)
    for d in ((dists or {}).get("DistributionList") or {}).get("Items", []):
        r.call("cloudfront", "GetDistribution", r.home, {"Id": d["Id"]})


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", "-o", required=True, help="snapshot file (.json or .json.gz)")
    ap.add_argument("--profile")
    ap.add_argument("--regions", help="comma-separated; default: every enabled region")
    a = ap.parse_args()
    session = boto3.Session(profile_name=a.profile)
    r = Recorder(session)
    try:
        ident = session.client("sts", config=CFG).get_caller_identity()
    except (BotoCoreError, ClientError) as e:
        sys.exit(f"record-snapshot: cannot tell which account these credentials belong to: {e}")
    account = ident["Account"]
    partition = ident["Arn"].split(":")[1]
    r.home = HOME_REGION.get(partition, session.region_name or "us-east-1")
    if a.regions:
        regions = [x.strip() for x in a.regions.split(",") if x.strip()]
    else:
        resp = session.client("ec2", region_name=r.home, config=CFG).describe_regions()
        regions = sorted(x["RegionName"] for x in resp["Regions"])
    r.account, r.regions = account, regions
    print(f"recording account {account} in {len(regions)} region(s)", file=sys.stderr)
    record_iam(r)
    record_s3(r, account)
    record_cloudfront(r)
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
