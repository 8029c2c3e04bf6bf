#!/usr/bin/env python3
"""Generate a large synthetic Rampart snapshot (CONTRACT §1) for benchmarks.

The account is fictional (account 123456789012 by default); every response has the shape
`aws <service> <operation> --output json` prints (botocore member names, ISO-8601 timestamps),
and every operation listed in docs/snapshot-calls.md appears, per region / per resource.

Defaults (all multiplied by --scale):
  10,000 IAM roles (trust policy, 1-2 inline policies, 1-3 attached managed policies)
   2,000 IAM users (with a full credential report), 40 groups, 500 customer managed policies
   5,000 S3 buckets, every per-bucket call (a policy on half of them)
  EC2 in 4 regions: VPCs, subnets, IGWs, route tables, NACLs, ~50,000 security group rules,
   instances, volumes, snapshots (+ attributes), flow logs
  KMS keys (+ describe / policy / rotation per key), aliases, CloudTrail trails, Config,
   CloudWatch Logs, alarms, SNS, GuardDuty, Access Analyzer, Security Hub, RDS

--pad-mb N grows the (uncompressed) JSON to about N MB by adding more IAM roles and S3
buckets, roughly half of the extra bytes each.

Usage:
  python3 bench/gen_account.py --out /tmp/big.json
  python3 bench/gen_account.py --out /tmp/big.json.gz --scale 0.1 --seed 7
  python3 bench/gen_account.py --out /tmp/100mb.json --pad-mb 100

Python 3.11+, standard library only. Output is deterministic for a given set of options.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import os
import random
import sys
import time
from datetime import datetime, timezone

ACCOUNT = "123456789012"
OTHER_ACCOUNTS = ["210987654321", "345678901234", "456789012345", "567890123456"]
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"]
AZ_IDS = {
    "us-east-1": ["use1-az4", "use1-az6", "use1-az1"],
    "us-west-2": ["usw2-az1", "usw2-az2", "usw2-az3"],
    "eu-west-1": ["euw1-az1", "euw1-az2", "euw1-az3"],
    "ap-southeast-2": ["apse2-az1", "apse2-az3", "apse2-az2"],
}
COLLECTED_AT = "2026-11-20T09:00:00Z"
NOW = datetime(2026, 11, 20, 9, 0, 0, tzinfo=timezone.utc).timestamp()
DAY = 86400.0
SETUP = NOW - 3 * 365 * DAY

BASE = {
    "roles": 10_000,
    "users": 2_000,
    "groups": 40,
    "policies": 500,
    "buckets": 5_000,
    "sg_rules": 50_000,
    "vpcs_per_region": 8,
    "instances_per_region": 400,
    "snapshots_per_region": 150,
    "keys_per_region": 40,
    "trails_per_region": 2,
    "db_per_region": 20,
    "log_groups_per_region": 60,
    "server_certs": 20,
}

_dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True).encode


def iso(ts: float) -> str:
    return datetime.fromtimestamp(int(ts), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def pol(*stmts):
    return {"Version": "2012-10-17", "Statement": list(stmts)}


# Services/actions used to build realistic identity policies.
ACTIONS = {
    "s3": ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject", "s3:GetBucketLocation", "s3:Get*", "s3:List*"],
    "dynamodb": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"],
    "sqs": ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
    "sns": ["sns:Publish", "sns:Subscribe"],
    "kms": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
    "logs": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
    "secretsmanager": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
    "ssm": ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
    "ec2": ["ec2:Describe*", "ec2:StartInstances", "ec2:StopInstances", "ec2:CreateTags"],
    "lambda": ["lambda:InvokeFunction", "lambda:GetFunction"],
    "iam": ["iam:PassRole", "iam:GetRole", "iam:CreateRole", "iam:AttachRolePolicy"],
    "sts": ["sts:AssumeRole"],
    "ecr": ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
}
SERVICE_NAMES = list(ACTIONS)
TEAMS = ["analytics", "platform", "payments", "search", "growth", "data", "infra", "security", "mobile", "ml"]
ENVS = ["prod", "staging", "dev", "sandbox"]
WORDS = ["orders", "events", "reports", "ingest", "billing", "users", "catalog", "images", "exports", "feeds", "audit",
         "metrics", "etl", "ledger", "sessions", "notifications", "search", "recs", "backups", "archive"]

AWS_MANAGED = [
    ("AdministratorAccess", "/", "ANPAIWMBCKSKIEE64ZLYK", pol({"Effect": "Allow", "Action": "*", "Resource": "*"})),
    ("ReadOnlyAccess", "/", "ANPAILL3HVNFSB6DCOWYQ", pol({"Effect": "Allow", "Action": ["ec2:Describe*", "s3:Get*", "s3:List*", "iam:Get*", "iam:List*"], "Resource": "*"})),
    ("PowerUserAccess", "/", "ANPAJYRXTHIB4FOVS3ZXS", pol({"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"})),
    ("AmazonS3ReadOnlyAccess", "/", "ANPAIZTJ4DXE7G6AGAE6M", pol({"Effect": "Allow", "Action": ["s3:Get*", "s3:List*", "s3:Describe*"], "Resource": "*"})),
    ("AmazonSSMManagedInstanceCore", "/", "ANPAIXSHM2BNB2D3AXXRU", pol({"Effect": "Allow", "Action": ["ssm:UpdateInstanceInformation", "ssmmessages:*", "ec2messages:*"], "Resource": "*"})),
    ("AWSLambdaBasicExecutionRole", "/service-role/", "ANPAJNCQGXC42545SKXIK", pol({"Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"})),
    ("AmazonECSTaskExecutionRolePolicy", "/service-role/", "ANPAJG4T4G4PV56DE72PY", pol({"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"})),
    ("AWSSupportAccess", "/", "ANPAJSNKQX2OW67GF4S7E", pol({"Effect": "Allow", "Action": ["support:*"], "Resource": "*"})),
    ("IAMUserChangePassword", "/", "ANPAJ4L4MM2A7QIEB56MS", pol({"Effect": "Allow", "Action": ["iam:ChangePassword"], "Resource": ["arn:aws:iam::*:user/${aws:username}"]}, {"Effect": "Allow", "Action": ["iam:GetAccountPasswordPolicy"], "Resource": "*"})),
    ("AWSCloudShellFullAccess", "/", "ANPAZKAPJZG4NQJ6WVXBC", pol({"Effect": "Allow", "Action": ["cloudshell:*"], "Resource": "*"})),
]


class Gen:
    def __init__(self, seed: int, scale: float):
        self.rng = random.Random(seed)
        self.n = {k: max(1, round(v * scale)) for k, v in BASE.items()}
        self.counts: dict[str, int] = {}
        self.policy_attach: dict[str, int] = {}  # policy ARN -> attachment count
        self.boundary_use: dict[str, int] = {}
        self.role_seq = 0
        self.bucket_seq = 0
        self.bucket_entries: list[tuple[str, str, str]] = []  # name, region, creation date
        self.bucket_calls: list[str] = []
        self.role_strs: list[str] = []
        self.size_roles = 0
        self.size_buckets = 0
        self.customer_policies: list[str] = []  # ARNs
        self.bucket_names_sample: list[str] = []
        self.key_arns: dict[str, list[str]] = {r: [] for r in REGIONS}

    # ---------------------------------------------------------------- ids
    def b32(self, n: int) -> str:
        return base64.b32encode(self.rng.randbytes((n * 5 + 7) // 8)).decode()[:n]

    def hexid(self, n: int) -> str:
        return format(self.rng.getrandbits(n * 4), f"0{n}x")

    def uuid(self) -> str:
        h = self.hexid(32)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

    def ts(self, lo: float, hi: float) -> str:
        return iso(self.rng.uniform(lo, hi))

    def days_ago(self, lo: float, hi: float) -> str:
        return iso(NOW - self.rng.uniform(lo, hi) * DAY)

    # ---------------------------------------------------------------- calls
    @staticmethod
    def call(service, op, region, params, response=None, error=None) -> str:
        c = {"service": service, "operation": op, "region": region, "params": params}
        if error is not None:
            c["error"] = {"code": error[0], "message": error[1]}
        else:
            c["response"] = response
        return _dumps(c)

    # ---------------------------------------------------------------- IAM
    def managed_policies(self):
        rng = self.rng
        self.aws_managed = [(name, f"arn:aws:iam::aws:policy{path}{name}", path, pid, doc) for name, path, pid, doc in AWS_MANAGED]
        self.customer = []
        for i in range(self.n["policies"]):
            team = rng.choice(TEAMS)
            name = f"{team}-{rng.choice(WORDS)}-access-{i:04d}"
            arn = f"arn:aws:iam::{ACCOUNT}:policy/{name}"
            nver = rng.choice((1, 1, 2, 3))
            created = SETUP + rng.uniform(0, 700) * DAY
            versions = []
            for v in range(nver):
                versions.append((f"v{v + 1}", iso(created + v * 40 * DAY), self.identity_doc(rng.randint(1, 4), allow_star=(i % 97 == 0))))
            self.customer.append((name, arn, "ANPA" + self.b32(17), created, versions, i % 13 == 0))
            self.customer_policies.append(arn)

    def identity_doc(self, nstmt: int, allow_star=False):
        rng = self.rng
        stmts = []
        if allow_star:
            stmts.append({"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"})
        for s in range(nstmt):
            svc = rng.choice(SERVICE_NAMES)
            acts = rng.sample(ACTIONS[svc], k=min(len(ACTIONS[svc]), rng.randint(1, 4)))
            if svc == "s3":
                b = f"acme-{rng.choice(WORDS)}-{rng.choice(ENVS)}"
                res = [f"arn:aws:s3:::{b}", f"arn:aws:s3:::{b}/*"]
            elif svc in ("dynamodb",):
                res = f"arn:aws:dynamodb:{rng.choice(REGIONS)}:{ACCOUNT}:table/{rng.choice(WORDS)}"
            elif svc == "sqs":
                res = f"arn:aws:sqs:{rng.choice(REGIONS)}:{ACCOUNT}:{rng.choice(WORDS)}-queue"
            elif svc == "iam":
                res = f"arn:aws:iam::{ACCOUNT}:role/{rng.choice(TEAMS)}-*" if rng.random() < 0.7 else "*"
            elif svc == "kms":
                res = f"arn:aws:kms:{rng.choice(REGIONS)}:{ACCOUNT}:key/{self.uuid()}"
            else:
                res = "*"
            st = {"Sid": f"S{s}{svc.capitalize().replace('-', '')}", "Effect": "Allow", "Action": acts if len(acts) > 1 else acts[0], "Resource": res}
            r = rng.random()
            if r < 0.08:
                st["Condition"] = {"IpAddress": {"aws:SourceIp": [f"203.0.113.0/24", f"198.51.100.{rng.randint(0, 255)}/32"]}}
            elif r < 0.14:
                st["Condition"] = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
            elif r < 0.18:
                st["Effect"] = "Deny"
            stmts.append(st)
        return pol(*stmts)

    def pick_attached(self, k):
        rng = self.rng
        out = []
        for _ in range(k):
            if rng.random() < 0.35:
                name, arn, *_ = rng.choice(self.aws_managed)
            else:
                name, arn, *_ = rng.choice(self.customer)
            if any(a["PolicyArn"] == arn for a in out):
                continue
            self.policy_attach[arn] = self.policy_attach.get(arn, 0) + 1
            out.append({"PolicyName": name, "PolicyArn": arn})
        return out

    def trust_doc(self):
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            svc = rng.choice(["ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "glue.amazonaws.com",
                              "states.amazonaws.com", "events.amazonaws.com"])
            return pol({"Effect": "Allow", "Principal": {"Service": svc}, "Action": "sts:AssumeRole"}), svc
        if r < 0.55:
            other = rng.choice(OTHER_ACCOUNTS)
            st = {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{other}:root"}, "Action": "sts:AssumeRole"}
            if rng.random() < 0.6:
                st["Condition"] = {"StringEquals": {"sts:ExternalId": self.hexid(16)}}
            return pol(st), "cross-account"
        if r < 0.75:
            st = {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "sts:AssumeRole"}
            if rng.random() < 0.5:
                st["Condition"] = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
            return pol(st), "account"
        if r < 0.9:
            repo = f"acme-analytics/{rng.choice(WORDS)}-{rng.choice(['service', 'infra', 'app', 'jobs'])}"
            cond = {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}
            if rng.random() < 0.85:
                cond["StringLike"] = {"token.actions.githubusercontent.com:sub": f"repo:{repo}:ref:refs/heads/main"}
            return pol({"Effect": "Allow", "Principal": {"Federated": f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"},
                        "Action": "sts:AssumeRoleWithWebIdentity", "Condition": cond}), "oidc"
        return pol({"Effect": "Allow", "Principal": {"Federated": f"arn:aws:iam::{ACCOUNT}:saml-provider/AcmeOkta"},
                    "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
                    "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}), "saml"

    def add_role(self):
        rng = self.rng
        i = self.role_seq
        self.role_seq += 1
        team = rng.choice(TEAMS)
        env = rng.choice(ENVS)
        name = f"{team}-{env}-{rng.choice(WORDS)}-{i:06d}"
        path = "/" if rng.random() < 0.8 else f"/{team}/"
        arn = f"arn:aws:iam::{ACCOUNT}:role{path}{name}"
        created_ts = SETUP + rng.uniform(0, 1000) * DAY
        created = iso(created_ts)
        rid = "AROA" + self.b32(17)
        trust, kind = self.trust_doc()
        inline = [{"PolicyName": f"{name}-inline-{k}", "PolicyDocument": self.identity_doc(rng.randint(1, 3), allow_star=(rng.random() < 0.01))}
                  for k in range(rng.randint(1, 2))]
        role = {"Path": path, "RoleName": name, "RoleId": rid, "Arn": arn, "CreateDate": created,
                "AssumeRolePolicyDocument": trust, "InstanceProfileList": [], "RolePolicyList": inline,
                "AttachedManagedPolicies": self.pick_attached(rng.randint(1, 3)),
                "Tags": [{"Key": "team", "Value": team}, {"Key": "env", "Value": env}],
                "RoleLastUsed": {}}
        if kind == "ec2.amazonaws.com":
            role["InstanceProfileList"] = [{"Path": path, "InstanceProfileName": name, "InstanceProfileId": "AIPA" + self.b32(17),
                                            "Arn": f"arn:aws:iam::{ACCOUNT}:instance-profile{path}{name}", "CreateDate": created,
                                            "Roles": [{"Path": path, "RoleName": name, "RoleId": rid, "Arn": arn, "CreateDate": created,
                                                       "AssumeRolePolicyDocument": trust}]}]
        if rng.random() < 0.75:
            role["RoleLastUsed"] = {"LastUsedDate": iso(max(created_ts, NOW - rng.uniform(0, 400) * DAY)), "Region": rng.choice(REGIONS)}
        if rng.random() < 0.1:
            b = rng.choice(self.customer)
            role["PermissionsBoundary"] = {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": b[1]}
            self.boundary_use[b[1]] = self.boundary_use.get(b[1], 0) + 1
        s = _dumps(role)
        self.role_strs.append(s)
        self.size_roles += len(s) + 1
        return s

    def iam(self, calls):
        rng = self.rng
        n = self.n
        groups = []
        group_names = []
        for g in range(n["groups"]):
            gname = f"{rng.choice(TEAMS)}-{rng.choice(['admins', 'devs', 'readers', 'oncall'])}-{g:03d}"
            group_names.append(gname)
            groups.append({"Path": "/", "GroupName": gname, "GroupId": "AGPA" + self.b32(17),
                           "Arn": f"arn:aws:iam::{ACCOUNT}:group/{gname}", "CreateDate": self.ts(SETUP, SETUP + 300 * DAY),
                           "GroupPolicyList": ([{"PolicyName": f"{gname}-inline", "PolicyDocument": self.identity_doc(2)}] if g % 4 == 0 else []),
                           "AttachedManagedPolicies": self.pick_attached(rng.randint(1, 3))})
        users = []
        rows = []
        mfa_devices = [{"SerialNumber": f"arn:aws:iam::{ACCOUNT}:mfa/root-account-mfa-device",
                        "User": {"UserId": ACCOUNT, "Arn": f"arn:aws:iam::{ACCOUNT}:root", "CreateDate": iso(SETUP),
                                 "PasswordLastUsed": self.days_ago(1, 30)},
                        "EnableDate": iso(SETUP + 600)}]
        root_used = self.days_ago(1, 30)
        na5 = ["false", "N/A", "N/A", "N/A", "N/A"]
        rows.append(["<root_account>", f"arn:aws:iam::{ACCOUNT}:root", iso(SETUP), "not_supported", root_used, "not_supported",
                     "not_supported", "true"] + na5 + na5 + ["false", "N/A", "false", "N/A"])
        for u in range(n["users"]):
            uname = f"{rng.choice(['a', 'b', 'c', 'd', 'e', 'j', 'k', 'm', 's', 't'])}{rng.choice(WORDS)}.{u:05d}"
            if u % 10 == 9:
                uname = f"svc-{rng.choice(WORDS)}-{u:05d}"
            created_ts = SETUP + rng.uniform(0, 1000) * DAY
            created = iso(created_ts)
            uid = "AIDA" + self.b32(17)
            arn = f"arn:aws:iam::{ACCOUNT}:user/{uname}"
            svc = uname.startswith("svc-")
            ug = rng.sample(group_names, k=min(len(group_names), rng.randint(0, 2))) if not svc else []
            user = {"Path": "/", "UserName": uname, "UserId": uid, "Arn": arn, "CreateDate": created,
                    "UserPolicyList": [], "GroupList": ug, "AttachedManagedPolicies": [], "Tags": []}
            if rng.random() < 0.15:
                user["UserPolicyList"] = [{"PolicyName": f"{uname}-inline", "PolicyDocument": self.identity_doc(rng.randint(1, 2))}]
            if rng.random() < 0.2 or not ug:
                user["AttachedManagedPolicies"] = self.pick_attached(rng.randint(1, 2))
            users.append(user)
            pw = not svc and rng.random() < 0.85
            mfa = pw and rng.random() < 0.7
            if pw:
                pw_used = "no_information" if rng.random() < 0.05 else iso(max(created_ts, NOW - rng.expovariate(1 / 30) * DAY))
                changed_ts = max(created_ts, NOW - rng.uniform(1, 89) * DAY)
                pcols = ["true", pw_used, iso(changed_ts), iso(changed_ts + 90 * DAY)]
            else:
                pcols = ["false", "N/A", "N/A", "N/A"]
            keys = []
            nkeys = rng.choice((0, 1, 1, 2)) if not svc else rng.choice((1, 1, 2))
            for k in range(2):
                if k < nkeys:
                    rot_ts = max(created_ts, NOW - rng.uniform(1, 700) * DAY)
                    active = rng.random() < 0.9
                    if rng.random() < 0.15:
                        keys += ["true" if active else "false", iso(rot_ts), "N/A", "N/A", "N/A"]
                    else:
                        used = iso(max(rot_ts, NOW - rng.expovariate(1 / 20) * DAY))
                        keys += ["true" if active else "false", iso(rot_ts), used, rng.choice(REGIONS),
                                 rng.choice(["s3", "ec2", "iam", "sts", "dynamodb", "lambda", "cloudformation"])]
                else:
                    keys += na5
            rows.append([uname, arn, created] + pcols + ["true" if mfa else "false"] + keys + ["false", "N/A", "false", "N/A"])
            if mfa:
                hw = rng.random() < 0.1
                if not hw:
                    mfa_devices.append({"SerialNumber": f"arn:aws:iam::{ACCOUNT}:mfa/{uname}",
                                        "User": {"Path": "/", "UserName": uname, "UserId": uid, "Arn": arn, "CreateDate": created},
                                        "EnableDate": iso(created_ts + 3600)})
        self.counts["iam_users"] = len(users)
        self.counts["iam_groups"] = len(groups)
        for _ in range(self.n["roles"]):
            self.add_role()
        self.iam_users = users
        self.iam_groups = groups

        header = ("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,"
                  "mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,"
                  "access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
                  "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,"
                  "cert_2_last_rotated")
        csv = header + "\n" + "\n".join(",".join(r) for r in rows)
        calls.append(self.call("iam", "GetCredentialReport", None, {}, {
            "Content": base64.b64encode(csv.encode()).decode(), "ReportFormat": "text/csv", "GeneratedTime": iso(NOW - 300)}))
        calls.append(self.call("iam", "GetAccountPasswordPolicy", None, {}, {"PasswordPolicy": {
            "MinimumPasswordLength": 14, "RequireSymbols": True, "RequireNumbers": True, "RequireUppercaseCharacters": True,
            "RequireLowercaseCharacters": True, "AllowUsersToChangePassword": True, "ExpirePasswords": True, "MaxPasswordAge": 90,
            "PasswordReusePrevention": 24, "HardExpiry": False}}))
        calls.append(self.call("iam", "ListVirtualMFADevices", None, {}, {"VirtualMFADevices": mfa_devices}))
        certs = []
        for c in range(self.n["server_certs"]):
            up = SETUP + rng.uniform(0, 900) * DAY
            certs.append({"Path": "/", "ServerCertificateName": f"acme-cert-{c:03d}", "ServerCertificateId": "ASCA" + self.b32(17),
                          "Arn": f"arn:aws:iam::{ACCOUNT}:server-certificate/acme-cert-{c:03d}", "UploadDate": iso(up),
                          "Expiration": iso(up + 397 * DAY)})
        calls.append(self.call("iam", "ListServerCertificates", None, {}, {"ServerCertificateMetadataList": certs}))
        self.mfa_count = len(mfa_devices)

    def iam_finish(self, calls):
        """Account summary and GetAccountAuthorizationDetails, built last so padding roles are counted."""
        pols = []
        for name, arn, path, pid, doc in self.aws_managed:
            if arn not in self.policy_attach:
                continue
            pols.append({"PolicyName": name, "PolicyId": pid, "Arn": arn, "Path": path, "DefaultVersionId": "v1",
                         "AttachmentCount": self.policy_attach[arn], "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
                         "CreateDate": iso(SETUP - 900 * DAY), "UpdateDate": iso(SETUP - 900 * DAY),
                         "PolicyVersionList": [{"Document": doc, "VersionId": "v1", "IsDefaultVersion": True, "CreateDate": iso(SETUP - 900 * DAY)}]})
        for name, arn, pid, created, versions, desc in self.customer:
            p = {"PolicyName": name, "PolicyId": pid, "Arn": arn, "Path": "/", "DefaultVersionId": versions[-1][0],
                 "AttachmentCount": self.policy_attach.get(arn, 0), "PermissionsBoundaryUsageCount": self.boundary_use.get(arn, 0),
                 "IsAttachable": True, "CreateDate": iso(created), "UpdateDate": versions[-1][1],
                 "PolicyVersionList": [{"Document": d, "VersionId": v, "IsDefaultVersion": k == len(versions) - 1, "CreateDate": t}
                                       for k, (v, t, d) in enumerate(versions)][::-1]}
            if desc:
                p["Description"] = f"Access policy {name}"
            pols.append(p)
        calls.insert(0, self.call("iam", "GetAccountSummary", None, {}, {"SummaryMap": {
            "GroupPolicySizeQuota": 5120, "InstanceProfilesQuota": 5000, "Policies": len(self.customer), "GroupsPerUserQuota": 10,
            "InstanceProfiles": sum(1 for s in self.role_strs if '"InstanceProfileName"' in s), "AttachedPoliciesPerUserQuota": 10,
            "Users": len(self.iam_users), "PoliciesQuota": 5000, "Providers": 2, "AccountMFAEnabled": 1, "AccessKeysPerUserQuota": 2,
            "AssumeRolePolicySizeQuota": 2048, "PolicyVersionsInUseQuota": 10000, "GlobalEndpointTokenVersion": 1,
            "VersionsPerPolicyQuota": 5, "AttachedPoliciesPerGroupQuota": 10, "PolicySizeQuota": 6144, "Groups": len(self.iam_groups),
            "AccountSigningCertificatesPresent": 0, "UsersQuota": 5000, "ServerCertificatesQuota": 20, "MFADevices": self.mfa_count,
            "UserPolicySizeQuota": 2048, "PolicyVersionsInUse": sum(self.policy_attach.values()),
            "ServerCertificates": self.n["server_certs"], "Roles": self.role_seq, "RolesQuota": max(1000, self.role_seq + 100),
            "SigningCertificatesPerUserQuota": 2, "MFADevicesInUse": self.mfa_count, "RolePolicySizeQuota": 10240,
            "AttachedPoliciesPerRoleQuota": 10, "AccountAccessKeysPresent": 0, "AccountPasswordPresent": 1, "GroupsQuota": 300}}))
        head = ('{"service":"iam","operation":"GetAccountAuthorizationDetails","region":null,"params":{},"response":{'
                '"UserDetailList":[' + ",".join(_dumps(u) for u in self.iam_users) + '],'
                '"GroupDetailList":[' + ",".join(_dumps(g) for g in self.iam_groups) + '],"RoleDetailList":[')
        tail = '],"Policies":[' + ",".join(_dumps(p) for p in pols) + "]}}"
        # Returned as three pieces so the (possibly huge) role list is never joined twice.
        calls.insert(0, (head, self.role_strs, tail))
        self.counts["iam_roles"] = self.role_seq
        self.counts["iam_policies_customer"] = len(self.customer)

    # ---------------------------------------------------------------- S3
    def add_bucket(self):
        rng = self.rng
        i = self.bucket_seq
        self.bucket_seq += 1
        name = f"acme-{rng.choice(TEAMS)}-{rng.choice(WORDS)}-{rng.choice(ENVS)}-{i:06d}"
        region = rng.choices(REGIONS, weights=(5, 2, 2, 1))[0]
        created = self.ts(SETUP, NOW - DAY)
        self.bucket_entries.append((name, region, created))
        p = {"Bucket": name}
        out = []
        loc = {"us-east-1": None, "eu-west-1": "EU" if rng.random() < 0.2 else "eu-west-1"}.get(region, region)
        out.append(self.call("s3", "GetBucketLocation", region, p, {"LocationConstraint": loc}))
        barn = f"arn:aws:s3:::{name}"
        denied = rng.random() < 0.01
        if denied:
            out.append(self.call("s3", "GetBucketPolicy", region, p, error=("AccessDenied", "Access Denied")))
            out.append(self.call("s3", "GetBucketPolicyStatus", region, p, error=("AccessDenied", "Access Denied")))
        elif i % 2 == 0:
            stmts = [{"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                      "Resource": [barn, barn + "/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]
            public = False
            r = rng.random()
            if r < 0.05:
                stmts.append({"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": barn + "/*"})
                public = True
            elif r < 0.5:
                stmts.append({"Sid": "CrossAccountRead", "Effect": "Allow",
                              "Principal": {"AWS": [f"arn:aws:iam::{a}:root" for a in rng.sample(OTHER_ACCOUNTS, k=rng.randint(1, 2))]},
                              "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": [barn, barn + "/*"]})
            else:
                stmts.append({"Sid": "RoleWrite", "Effect": "Allow",
                              "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/{rng.choice(TEAMS)}-prod-{rng.choice(WORDS)}-{rng.randrange(max(1, self.role_seq)):06d}"},
                              "Action": ["s3:PutObject", "s3:GetObject"], "Resource": barn + "/*"})
            out.append(self.call("s3", "GetBucketPolicy", region, p, {"Policy": _dumps(pol(*stmts))}))
            out.append(self.call("s3", "GetBucketPolicyStatus", region, p, {"PolicyStatus": {"IsPublic": public}}))
        else:
            out.append(self.call("s3", "GetBucketPolicy", region, p, error=("NoSuchBucketPolicy", "The bucket policy does not exist")))
            out.append(self.call("s3", "GetBucketPolicyStatus", region, p, error=("NoSuchBucketPolicy", "The bucket policy does not exist")))
        grants = [{"Grantee": {"DisplayName": "acme-aws-root", "ID": self.owner_id, "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"}]
        if rng.random() < 0.03:
            grants.append({"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"})
        elif rng.random() < 0.05:
            grants.append({"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/s3/LogDelivery"}, "Permission": "WRITE"})
        if denied:
            out.append(self.call("s3", "GetBucketAcl", region, p, error=("AccessDenied", "Access Denied")))
        else:
            out.append(self.call("s3", "GetBucketAcl", region, p, {"Owner": {"DisplayName": "acme-aws-root", "ID": self.owner_id}, "Grants": grants}))
        if rng.random() < 0.4 and self.key_arns[region]:
            rule = {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": rng.choice(self.key_arns[region])},
                    "BucketKeyEnabled": True}
        else:
            rule = {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": False}
        out.append(self.call("s3", "GetBucketEncryption", region, p, {"ServerSideEncryptionConfiguration": {"Rules": [rule]}}))
        if rng.random() < 0.8:
            v = rng.random() < 0.9
            out.append(self.call("s3", "GetPublicAccessBlock", region, p, {"PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": v, "RestrictPublicBuckets": v}}))
        else:
            out.append(self.call("s3", "GetPublicAccessBlock", region, p,
                                 error=("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found")))
        r = rng.random()
        ver = {} if r < 0.4 else ({"Status": "Suspended", "MFADelete": "Disabled"} if r < 0.5 else {"Status": "Enabled", "MFADelete": "Enabled" if r > 0.98 else "Disabled"})
        out.append(self.call("s3", "GetBucketVersioning", region, p, ver))
        log = {} if rng.random() < 0.5 else {"LoggingEnabled": {"TargetBucket": "acme-s3-access-logs", "TargetPrefix": f"{name}/"}}
        out.append(self.call("s3", "GetBucketLogging", region, p, log))
        for s in out:
            self.size_buckets += len(s) + 2
        self.bucket_calls.extend(out)
        self.size_buckets += len(name) + len(created) + 70  # its ListBuckets entry

    def s3(self):
        self.owner_id = self.hexid(64)
        for _ in range(self.n["buckets"]):
            self.add_bucket()

    def s3_finish(self, calls):
        calls.append(self.call("s3", "ListBuckets", "us-east-1", {}, {
            "Buckets": [{"Name": n, "CreationDate": c, "BucketRegion": r} for n, r, c in self.bucket_entries],
            "Owner": {"DisplayName": "acme-aws-root", "ID": self.owner_id}}))
        calls.extend(self.bucket_calls)
        calls.append(self.call("s3control", "GetPublicAccessBlock", "us-east-1", {"AccountId": ACCOUNT}, {
            "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": False,
                                               "RestrictPublicBuckets": False}}))
        self.counts["s3_buckets"] = self.bucket_seq

    # ---------------------------------------------------------------- KMS (before S3 so buckets can reference keys)
    def kms(self, calls):
        rng = self.rng
        nkeys = 0
        for region in REGIONS:
            keys, aliases, per = [], [], []
            for k in range(self.n["keys_per_region"]):
                kid = self.uuid()
                arn = f"arn:aws:kms:{region}:{ACCOUNT}:key/{kid}"
                aws_managed = k < 4
                created = SETUP + rng.uniform(0, 900) * DAY
                state = "Enabled"
                r = rng.random()
                if not aws_managed and r < 0.05:
                    state = "PendingDeletion"
                elif not aws_managed and r < 0.1:
                    state = "Disabled"
                meta = {"AWSAccountId": ACCOUNT, "KeyId": kid, "Arn": arn, "CreationDate": iso(created), "Enabled": state == "Enabled",
                        "Description": (f"Default key that protects my {['S3 objects', 'EBS volumes', 'RDS database', 'Lambda functions'][k]} when no other key is defined"
                                        if aws_managed else f"{rng.choice(TEAMS)} {rng.choice(WORDS)} key"),
                        "KeyUsage": "ENCRYPT_DECRYPT", "KeyState": state, "Origin": "AWS_KMS", "KeyManager": "AWS" if aws_managed else "CUSTOMER",
                        "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT", "KeySpec": "SYMMETRIC_DEFAULT", "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"],
                        "MultiRegion": False}
                if state == "PendingDeletion":
                    meta["DeletionDate"] = iso(NOW + rng.uniform(1, 29) * DAY)
                    meta["PendingDeletionWindowInDays"] = 30
                keys.append({"KeyId": kid, "KeyArn": arn})
                p = {"KeyId": kid}
                per.append(self.call("kms", "DescribeKey", region, p, {"KeyMetadata": meta}))
                policy = pol({"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                              "Action": "kms:*", "Resource": "*"},
                             {"Sid": "Allow use of the key", "Effect": "Allow",
                              "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/{rng.choice(TEAMS)}-prod-app"},
                              "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*"})
                per.append(self.call("kms", "GetKeyPolicy", region, {"KeyId": kid, "PolicyName": "default"}, {"Policy": _dumps(policy), "PolicyName": "default"}))
                if rng.random() < 0.02:
                    per.append(self.call("kms", "GetKeyRotationStatus", region, p, error=("AccessDeniedException", f"User is not authorized to perform: kms:GetKeyRotationStatus on resource: {arn}")))
                else:
                    on = aws_managed or (state == "Enabled" and rng.random() < 0.6)
                    rs = {"KeyRotationEnabled": on, "KeyId": arn}
                    if on:
                        rs["RotationPeriodInDays"] = 365
                        rs["NextRotationDate"] = iso(NOW + rng.uniform(1, 365) * DAY)
                    per.append(self.call("kms", "GetKeyRotationStatus", region, p, rs))
                alias = f"alias/aws/{['s3', 'ebs', 'rds', 'lambda'][k]}" if aws_managed else f"alias/{rng.choice(TEAMS)}-{rng.choice(WORDS)}-{k:03d}"
                aliases.append({"AliasName": alias, "AliasArn": f"arn:aws:kms:{region}:{ACCOUNT}:{alias}", "TargetKeyId": kid,
                                "CreationDate": iso(created), "LastUpdatedDate": iso(created)})
                if not aws_managed and state == "Enabled":
                    self.key_arns[region].append(arn)
                nkeys += 1
            calls.append(self.call("kms", "ListKeys", region, {}, {"Keys": keys}))
            calls.extend(per)
            calls.append(self.call("kms", "ListAliases", region, {}, {"Aliases": aliases}))
        self.counts["kms_keys"] = nkeys

    # ---------------------------------------------------------------- EC2
    def ec2(self, calls):
        rng = self.rng
        rules_per_region = self.n["sg_rules"] // len(REGIONS)
        totals = {"vpcs": 0, "subnets": 0, "security_groups": 0, "sg_rules": 0, "instances": 0, "nacls": 0, "volumes": 0, "snapshots": 0}
        for ri, region in enumerate(REGIONS):
            azs = [f"{region}{c}" for c in "abc"]
            vpcs, subnets, igws, rtbs, nacls, sgs, reservations, volumes, snaps, snap_attrs, flows = ([] for _ in range(11))
            vpc_subnets: dict[str, list[tuple[str, bool]]] = {}
            for v in range(self.n["vpcs_per_region"]):
                default = v == 0
                vid = "vpc-0" + self.hexid(16)
                cidr = "172.31.0.0/16" if default else f"10.{(ri * 40 + v) % 256}.0.0/16"
                base = cidr.split(".")
                vpc = {"OwnerId": ACCOUNT, "InstanceTenancy": "default",
                       "CidrBlockAssociationSet": [{"AssociationId": "vpc-cidr-assoc-0" + self.hexid(16), "CidrBlock": cidr, "CidrBlockState": {"State": "associated"}}],
                       "IsDefault": default, "VpcId": vid, "State": "available", "CidrBlock": cidr, "DhcpOptionsId": "dopt-0" + self.hexid(16)}
                if not default:
                    vpc["Tags"] = [{"Key": "Name", "Value": f"acme-{rng.choice(TEAMS)}-{rng.choice(ENVS)}"}]
                vpcs.append(vpc)
                igw = "igw-0" + self.hexid(16)
                igws.append({"Attachments": [{"State": "available", "VpcId": vid}], "InternetGatewayId": igw, "OwnerId": ACCOUNT, "Tags": []})
                sn_list = []
                for s in range(4 if not default else 3):
                    sid = "subnet-0" + self.hexid(16)
                    public = default or s < 2
                    az = azs[s % 3]
                    scidr = f"172.31.{s * 16}.0/20" if default else f"{base[0]}.{base[1]}.{s if public else 10 + s}.0/24"
                    subnets.append({"AvailabilityZone": az, "AvailabilityZoneId": AZ_IDS[region][s % 3], "AvailableIpAddressCount": rng.randint(100, 250),
                                    "CidrBlock": scidr, "DefaultForAz": default, "MapPublicIpOnLaunch": public, "State": "available",
                                    "SubnetId": sid, "VpcId": vid, "OwnerId": ACCOUNT, "AssignIpv6AddressOnCreation": False,
                                    "Ipv6CidrBlockAssociationSet": [], "SubnetArn": f"arn:aws:ec2:{region}:{ACCOUNT}:subnet/{sid}"})
                    sn_list.append((sid, public))
                vpc_subnets[vid] = sn_list
                local = {"DestinationCidrBlock": cidr, "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"}
                main_id = "rtb-0" + self.hexid(16)
                main_routes = [local] + ([{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": igw, "Origin": "CreateRoute", "State": "active"}] if default else [])
                rtbs.append({"Associations": [{"Main": True, "RouteTableAssociationId": "rtbassoc-0" + self.hexid(16), "RouteTableId": main_id,
                                               "AssociationState": {"State": "associated"}}],
                             "PropagatingVgws": [], "RouteTableId": main_id, "Routes": main_routes, "Tags": [], "VpcId": vid, "OwnerId": ACCOUNT})
                if not default:
                    pub_id = "rtb-0" + self.hexid(16)
                    rtbs.append({"Associations": [{"Main": False, "RouteTableAssociationId": "rtbassoc-0" + self.hexid(16), "RouteTableId": pub_id,
                                                   "SubnetId": sid, "AssociationState": {"State": "associated"}} for sid, pub in sn_list if pub],
                                 "PropagatingVgws": [], "RouteTableId": pub_id,
                                 "Routes": [local, {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": igw, "Origin": "CreateRoute", "State": "active"}],
                                 "Tags": [{"Key": "Name", "Value": "public"}], "VpcId": vid, "OwnerId": ACCOUNT})
                dflt = [{"CidrBlock": "0.0.0.0/0", "Egress": e, "Protocol": "-1", "RuleAction": a, "RuleNumber": n}
                        for e in (True, False) for n, a in ((100, "allow"), (32767, "deny"))]
                def assoc(aclid, sids):
                    return [{"NetworkAclAssociationId": "aclassoc-0" + self.hexid(16), "NetworkAclId": aclid, "SubnetId": x} for x in sids]
                dacl = "acl-0" + self.hexid(16)
                if default:
                    nacls.append({"Associations": assoc(dacl, [x for x, _ in sn_list]), "Entries": dflt, "IsDefault": True,
                                  "NetworkAclId": dacl, "Tags": [], "VpcId": vid, "OwnerId": ACCOUNT})
                else:
                    nacls.append({"Associations": assoc(dacl, [x for x, p in sn_list if not p]), "Entries": dflt, "IsDefault": True,
                                  "NetworkAclId": dacl, "Tags": [], "VpcId": vid, "OwnerId": ACCOUNT})
                    pacl = "acl-0" + self.hexid(16)
                    entries = [{"CidrBlock": "0.0.0.0/0", "Egress": True, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
                               {"CidrBlock": "0.0.0.0/0", "Egress": True, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767}]
                    for n_, port in enumerate((80, 443, 22 if rng.random() < 0.5 else 3389)):
                        entries.append({"CidrBlock": "0.0.0.0/0", "Egress": False, "Protocol": "6", "RuleAction": "allow", "RuleNumber": 100 + 10 * n_,
                                        "PortRange": {"From": port, "To": port}})
                    entries.append({"CidrBlock": "0.0.0.0/0", "Egress": False, "Protocol": "6", "RuleAction": "allow", "RuleNumber": 140,
                                    "PortRange": {"From": 1024, "To": 65535}})
                    entries.append({"CidrBlock": "0.0.0.0/0", "Egress": False, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767})
                    nacls.append({"Associations": assoc(pacl, [x for x, p in sn_list if p]), "Entries": entries, "IsDefault": False,
                                  "NetworkAclId": pacl, "Tags": [{"Key": "Name", "Value": "public-nacl"}], "VpcId": vid, "OwnerId": ACCOUNT})
                if v % 2 == 1:
                    flows.append({"CreationTime": self.ts(SETUP, NOW - 30 * DAY), "DeliverLogsPermissionArn": f"arn:aws:iam::{ACCOUNT}:role/VPCFlowLogsRole",
                                  "DeliverLogsStatus": "SUCCESS", "FlowLogId": "fl-0" + self.hexid(16), "FlowLogStatus": "ACTIVE",
                                  "LogGroupName": f"vpc-flow-logs-{vid}", "ResourceId": vid, "TrafficType": rng.choice(["ALL", "ALL", "REJECT"]),
                                  "LogDestinationType": "cloud-watch-logs", "LogFormat": "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}",
                                  "Tags": [], "MaxAggregationInterval": 600})
            # security groups: default SG per VPC, then app groups until the rule budget is spent
            vids = list(vpc_subnets)
            sg_ids_by_vpc: dict[str, list[str]] = {v: [] for v in vids}
            nrules = 0
            for vid in vids:
                gid = "sg-0" + self.hexid(16)
                sg_ids_by_vpc[vid].append(gid)
                sgs.append({"Description": "default VPC security group", "GroupName": "default",
                            "IpPermissions": [{"IpProtocol": "-1", "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [],
                                               "UserIdGroupPairs": [{"GroupId": gid, "UserId": ACCOUNT}]}],
                            "OwnerId": ACCOUNT, "GroupId": gid,
                            "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}],
                            "VpcId": vid, "SecurityGroupArn": f"arn:aws:ec2:{region}:{ACCOUNT}:security-group/{gid}"})
                nrules += 2
            k = 0
            while nrules < rules_per_region:
                vid = vids[1 + k % (len(vids) - 1)] if len(vids) > 1 else vids[0]
                gid = "sg-0" + self.hexid(16)
                perms = []
                for _ in range(rng.randint(2, 12)):
                    r = rng.random()
                    if r < 0.06:
                        port = rng.choice((22, 3389, 3306, 5432, 6379, 9200, 27017))
                        perm = {"FromPort": port, "IpProtocol": "tcp", "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                                "Ipv6Ranges": [{"CidrIpv6": "::/0"}] if rng.random() < 0.3 else [], "PrefixListIds": [], "ToPort": port, "UserIdGroupPairs": []}
                    elif r < 0.08:
                        perm = {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}
                    elif r < 0.3 and sg_ids_by_vpc[vid]:
                        port = rng.choice((443, 8080, 5432, 6379, 9092, 8443))
                        perm = {"FromPort": port, "IpProtocol": "tcp", "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [], "ToPort": port,
                                "UserIdGroupPairs": [{"GroupId": g, "UserId": ACCOUNT} for g in rng.sample(sg_ids_by_vpc[vid], k=min(2, len(sg_ids_by_vpc[vid])))]}
                    elif r < 0.35:
                        perm = {"FromPort": 443, "IpProtocol": "tcp", "IpRanges": [], "Ipv6Ranges": [],
                                "PrefixListIds": [{"PrefixListId": "pl-0" + self.hexid(16), "Description": "corp VPN"}], "ToPort": 443, "UserIdGroupPairs": []}
                    else:
                        lo = rng.choice((80, 443, 22, 8000, 1024, 53, 123, 2049))
                        hi = lo if rng.random() < 0.85 else lo + rng.randint(1, 1000)
                        perm = {"FromPort": lo, "IpProtocol": rng.choice(("tcp", "tcp", "tcp", "udp")),
                                "IpRanges": [{"CidrIp": f"10.{rng.randrange(256)}.{rng.randrange(256)}.0/24", "Description": f"{rng.choice(WORDS)} subnet"}
                                             for _ in range(rng.randint(1, 3))] +
                                            ([{"CidrIp": f"203.0.113.{rng.randrange(256)}/32"}] if rng.random() < 0.2 else []),
                                "Ipv6Ranges": [], "PrefixListIds": [], "ToPort": hi, "UserIdGroupPairs": []}
                    nrules += len(perm["IpRanges"]) + len(perm["Ipv6Ranges"]) + len(perm["PrefixListIds"]) + len(perm["UserIdGroupPairs"])
                    perms.append(perm)
                egress = [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}]
                nrules += 1
                name = f"{rng.choice(TEAMS)}-{rng.choice(WORDS)}-{k:05d}"
                sgs.append({"Description": f"{name} security group", "GroupName": name, "IpPermissions": perms, "OwnerId": ACCOUNT,
                            "GroupId": gid, "IpPermissionsEgress": egress, "VpcId": vid,
                            "SecurityGroupArn": f"arn:aws:ec2:{region}:{ACCOUNT}:security-group/{gid}",
                            "Tags": [{"Key": "Name", "Value": name}]})
                sg_ids_by_vpc[vid].append(gid)
                k += 1
            # instances + volumes
            keys = self.key_arns[region] or [None]
            for n_ in range(self.n["instances_per_region"]):
                vid = rng.choice(vids)
                sid, public = rng.choice(vpc_subnets[vid])
                iid = "i-0" + self.hexid(16)
                state = "running" if rng.random() < 0.85 else "stopped"
                launch = self.ts(SETUP, NOW - DAY)
                priv = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(4, 250)}"
                pub = f"{rng.choice(('203.0.113', '198.51.100'))}.{rng.randrange(1, 255)}" if public and state == "running" and rng.random() < 0.7 else None
                groups = [{"GroupId": g, "GroupName": "sg"} for g in rng.sample(sg_ids_by_vpc[vid], k=min(len(sg_ids_by_vpc[vid]), rng.randint(1, 3)))]
                vol = "vol-0" + self.hexid(16)
                tokens = "required" if rng.random() < 0.6 else "optional"
                inst = {"AmiLaunchIndex": 0, "ImageId": "ami-0" + self.hexid(16), "InstanceId": iid,
                        "InstanceType": rng.choice(("t3.micro", "t3.medium", "m6i.large", "m7i.xlarge", "c6g.large", "r6i.2xlarge")),
                        "KeyName": "acme-ops", "LaunchTime": launch, "Monitoring": {"State": "disabled"},
                        "Placement": {"AvailabilityZone": azs[0], "GroupName": "", "Tenancy": "default"},
                        "PrivateDnsName": f"ip-{priv.replace('.', '-')}.{region}.compute.internal", "PrivateIpAddress": priv,
                        "ProductCodes": [], "PublicDnsName": "", "State": {"Code": 16 if state == "running" else 80, "Name": state},
                        "StateTransitionReason": "", "SubnetId": sid, "VpcId": vid, "Architecture": "x86_64",
                        "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"AttachTime": launch, "DeleteOnTermination": True, "Status": "attached", "VolumeId": vol}}],
                        "EbsOptimized": True, "EnaSupport": True, "Hypervisor": "xen", "RootDeviceName": "/dev/xvda", "RootDeviceType": "ebs",
                        "SecurityGroups": groups, "SourceDestCheck": True, "VirtualizationType": "hvm",
                        "Tags": [{"Key": "Name", "Value": f"{rng.choice(WORDS)}-{n_:04d}"}],
                        "MetadataOptions": {"State": "applied", "HttpTokens": tokens, "HttpPutResponseHopLimit": 2 if tokens == "required" else 1,
                                            "HttpEndpoint": "enabled", "HttpProtocolIpv6": "disabled", "InstanceMetadataTags": "disabled"},
                        "NetworkInterfaces": [{"Attachment": {"AttachTime": launch, "AttachmentId": "eni-attach-0" + self.hexid(16), "DeleteOnTermination": True,
                                                              "DeviceIndex": 0, "Status": "attached", "NetworkCardIndex": 0},
                                               "Description": "", "Groups": groups, "Ipv6Addresses": [], "NetworkInterfaceId": "eni-0" + self.hexid(16),
                                               "OwnerId": ACCOUNT, "PrivateIpAddress": priv, "SourceDestCheck": True, "Status": "in-use",
                                               "SubnetId": sid, "VpcId": vid, "InterfaceType": "interface",
                                               "PrivateIpAddresses": [{"Primary": True, "PrivateIpAddress": priv}]}],
                        "PlatformDetails": "Linux/UNIX"}
                if pub:
                    inst["PublicIpAddress"] = pub
                    inst["PublicDnsName"] = f"ec2-{pub.replace('.', '-')}.{region}.compute.amazonaws.com"
                    assoc = {"IpOwnerId": "amazon", "PublicDnsName": inst["PublicDnsName"], "PublicIp": pub}
                    inst["NetworkInterfaces"][0]["Association"] = assoc
                if rng.random() < 0.7:
                    inst["IamInstanceProfile"] = {"Arn": f"arn:aws:iam::{ACCOUNT}:instance-profile/app-{rng.choice(WORDS)}", "Id": "AIPA" + self.b32(17)}
                if state == "stopped":
                    inst["StateTransitionReason"] = "User initiated (2026-01-17 12:04:51 GMT)"
                    inst["StateReason"] = {"Code": "Client.UserInitiatedShutdown", "Message": "Client.UserInitiatedShutdown: User initiated shutdown"}
                reservations.append({"Groups": [], "Instances": [inst], "OwnerId": ACCOUNT, "ReservationId": "r-0" + self.hexid(16)})
                enc = rng.random() < 0.75
                volume = {"Attachments": [{"AttachTime": launch, "Device": "/dev/xvda", "InstanceId": iid, "State": "attached", "VolumeId": vol,
                                           "DeleteOnTermination": True}],
                          "AvailabilityZone": azs[0], "CreateTime": launch, "Encrypted": enc, "Size": rng.choice((8, 20, 30, 100, 500)),
                          "SnapshotId": "", "State": "in-use", "VolumeId": vol, "Iops": 3000, "VolumeType": "gp3", "MultiAttachEnabled": False,
                          "Throughput": 125}
                if enc and keys[0]:
                    volume["KmsKeyId"] = rng.choice(keys)
                volumes.append(volume)
            for s in range(self.n["snapshots_per_region"]):
                src = rng.choice(volumes)
                snap_id = "snap-0" + self.hexid(16)
                sn = {"Description": f"backup {src['VolumeId']}", "Encrypted": src["Encrypted"], "OwnerId": ACCOUNT, "Progress": "100%",
                      "SnapshotId": snap_id, "StartTime": self.ts(SETUP, NOW), "State": "completed", "VolumeId": src["VolumeId"],
                      "VolumeSize": src["Size"], "StorageTier": "standard"}
                if "KmsKeyId" in src:
                    sn["KmsKeyId"] = src["KmsKeyId"]
                snaps.append(sn)
                perms = []
                if not src["Encrypted"] and rng.random() < 0.05:
                    perms = [{"Group": "all"}]
                elif rng.random() < 0.1:
                    perms = [{"UserId": rng.choice(OTHER_ACCOUNTS)}]
                snap_attrs.append(self.call("ec2", "DescribeSnapshotAttribute", region, {"SnapshotId": snap_id, "Attribute": "createVolumePermission"},
                                            {"CreateVolumePermissions": perms, "SnapshotId": snap_id}))
            calls.append(self.call("ec2", "DescribeVpcs", region, {}, {"Vpcs": vpcs}))
            calls.append(self.call("ec2", "DescribeSubnets", region, {}, {"Subnets": subnets}))
            calls.append(self.call("ec2", "DescribeInternetGateways", region, {}, {"InternetGateways": igws}))
            calls.append(self.call("ec2", "DescribeRouteTables", region, {}, {"RouteTables": rtbs}))
            calls.append(self.call("ec2", "DescribeNetworkAcls", region, {}, {"NetworkAcls": nacls}))
            calls.append(self.call("ec2", "DescribeSecurityGroups", region, {}, {"SecurityGroups": sgs}))
            calls.append(self.call("ec2", "DescribeInstances", region, {}, {"Reservations": reservations}))
            calls.append(self.call("ec2", "DescribeVolumes", region, {}, {"Volumes": volumes}))
            calls.append(self.call("ec2", "DescribeSnapshots", region, {"OwnerIds": ["self"]}, {"Snapshots": snaps}))
            calls.extend(snap_attrs)
            calls.append(self.call("ec2", "GetEbsEncryptionByDefault", region, {}, {"EbsEncryptionByDefault": ri % 2 == 0, "SseType": "sse-ebs"}))
            calls.append(self.call("ec2", "DescribeFlowLogs", region, {}, {"FlowLogs": flows}))
            totals["vpcs"] += len(vpcs)
            totals["subnets"] += len(subnets)
            totals["security_groups"] += len(sgs)
            totals["sg_rules"] += nrules
            totals["instances"] += len(reservations)
            totals["nacls"] += len(nacls)
            totals["volumes"] += len(volumes)
            totals["snapshots"] += len(snaps)
        for k_, v_ in totals.items():
            self.counts["ec2_" + k_] = v_

    # ---------------------------------------------------------------- everything else, per region
    def regional(self, calls):
        rng = self.rng
        home = REGIONS[0]
        org = {"Name": "acme-org-trail", "S3BucketName": "acme-cloudtrail-logs", "IncludeGlobalServiceEvents": True, "IsMultiRegionTrail": True,
               "HomeRegion": home, "TrailARN": f"arn:aws:cloudtrail:{home}:{ACCOUNT}:trail/acme-org-trail", "LogFileValidationEnabled": True,
               "CloudWatchLogsLogGroupArn": f"arn:aws:logs:{home}:{ACCOUNT}:log-group:aws-cloudtrail-logs-acme:*",
               "CloudWatchLogsRoleArn": f"arn:aws:iam::{ACCOUNT}:role/service-role/CloudTrailCloudWatchLogsRole",
               "KmsKeyId": (self.key_arns[home] or [f"arn:aws:kms:{home}:{ACCOUNT}:key/{self.uuid()}"])[0],
               "HasCustomEventSelectors": False, "HasInsightSelectors": False, "IsOrganizationTrail": False}
        ntrails = 1
        topic = f"arn:aws:sns:{home}:{ACCOUNT}:security-alerts"
        ndb = 0
        for ri, region in enumerate(REGIONS):
            trails = [org]
            for t in range(self.n["trails_per_region"] - 1):
                name = f"{region}-{rng.choice(WORDS)}-trail-{t}"
                trails.append({"Name": name, "S3BucketName": "acme-cloudtrail-logs", "S3KeyPrefix": name, "IncludeGlobalServiceEvents": False,
                               "IsMultiRegionTrail": False, "HomeRegion": region, "TrailARN": f"arn:aws:cloudtrail:{region}:{ACCOUNT}:trail/{name}",
                               "LogFileValidationEnabled": rng.random() < 0.5, "HasCustomEventSelectors": True, "HasInsightSelectors": False,
                               "IsOrganizationTrail": False})
                ntrails += 1
            calls.append(self.call("cloudtrail", "DescribeTrails", region, {}, {"trailList": trails}))
            for t in trails:
                logging = t is org or rng.random() < 0.6
                st = {"IsLogging": logging, "LatestDeliveryTime": iso(NOW - 180), "StartLoggingTime": iso(SETUP + DAY),
                      "LatestDeliveryAttemptTime": "", "LatestNotificationAttemptTime": "", "LatestNotificationAttemptSucceeded": "",
                      "LatestDeliveryAttemptSucceeded": "", "TimeLoggingStarted": "", "TimeLoggingStopped": ""}
                if not logging:
                    st["StopLoggingTime"] = self.ts(SETUP + 2 * DAY, NOW)
                calls.append(self.call("cloudtrail", "GetTrailStatus", region, {"Name": t["TrailARN"]}, st))
                sel = [{"ReadWriteType": "All" if t is org else rng.choice(["All", "WriteOnly"]), "IncludeManagementEvents": True,
                        "DataResources": [] if t is org else [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}],
                        "ExcludeManagementEventSources": []}]
                calls.append(self.call("cloudtrail", "GetEventSelectors", region, {"TrailName": t["TrailARN"]}, {"TrailARN": t["TrailARN"], "EventSelectors": sel}))
            on = ri < 3
            rec = [{"arn": f"arn:aws:config:{region}:{ACCOUNT}:configuration-recorder/default/{self.hexid(16)}", "name": "default",
                    "roleARN": f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
                    "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": region == home, "resourceTypes": [],
                                       "exclusionByResourceTypes": {"resourceTypes": []}, "recordingStrategy": {"useOnly": "ALL_SUPPORTED_RESOURCE_TYPES"}},
                    "recordingMode": {"recordingFrequency": "CONTINUOUS", "recordingModeOverrides": []}, "recordingScope": "PAID"}] if on else []
            calls.append(self.call("config", "DescribeConfigurationRecorders", region, {}, {"ConfigurationRecorders": rec}))
            calls.append(self.call("config", "DescribeConfigurationRecorderStatus", region, {}, {"ConfigurationRecordersStatus": [
                {"arn": r["arn"], "name": r["name"], "lastStartTime": iso(SETUP + DAY), "recording": ri != 2, "lastStatus": "SUCCESS",
                 "lastStatusChangeTime": iso(NOW - 1800)} for r in rec]}))
            filters, alarms = [], []
            if region == home:
                for i, (n, pat) in enumerate([
                        ("UnauthorizedAPICalls", '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }'),
                        ("RootAccountUsage", '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'),
                        ("ConsoleSignInWithoutMfa", '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }'),
                        ("CloudTrailChanges", "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }")]):
                    filters.append({"filterName": f"CIS-{n}", "filterPattern": pat, "metricTransformations": [
                        {"metricName": n, "metricNamespace": "CISBenchmark", "metricValue": "1"}],
                        "creationTime": int((SETUP + DAY) * 1000) + i, "logGroupName": "aws-cloudtrail-logs-acme", "applyOnTransformedLogs": False})
                    if i < 3:
                        alarms.append({"AlarmName": f"CIS-{n}", "AlarmArn": f"arn:aws:cloudwatch:{region}:{ACCOUNT}:alarm:CIS-{n}",
                                       "AlarmConfigurationUpdatedTimestamp": iso(SETUP + DAY), "ActionsEnabled": True, "OKActions": [],
                                       "AlarmActions": [topic], "InsufficientDataActions": [], "StateValue": "OK", "StateReason": "Threshold Crossed",
                                       "StateUpdatedTimestamp": iso(NOW - 600), "MetricName": n, "Namespace": "CISBenchmark", "Statistic": "Sum",
                                       "Dimensions": [], "Period": 300, "EvaluationPeriods": 1, "Threshold": 1.0,
                                       "ComparisonOperator": "GreaterThanOrEqualToThreshold", "TreatMissingData": "notBreaching"})
            for a in range(self.n["log_groups_per_region"] // 3):
                alarms.append({"AlarmName": f"{rng.choice(WORDS)}-high-cpu-{a}", "AlarmArn": f"arn:aws:cloudwatch:{region}:{ACCOUNT}:alarm:{a}",
                               "ActionsEnabled": True, "OKActions": [], "AlarmActions": [], "InsufficientDataActions": [],
                               "StateValue": rng.choice(["OK", "ALARM", "INSUFFICIENT_DATA"]), "StateReason": "", "StateUpdatedTimestamp": iso(NOW - 3600),
                               "MetricName": "CPUUtilization", "Namespace": "AWS/EC2", "Statistic": "Average",
                               "Dimensions": [{"Name": "InstanceId", "Value": "i-0" + self.hexid(16)}], "Period": 300, "EvaluationPeriods": 3,
                               "Threshold": 80.0, "ComparisonOperator": "GreaterThanThreshold"})
            calls.append(self.call("logs", "DescribeMetricFilters", region, {}, {"metricFilters": filters}))
            groups = [{"logGroupName": f"/aws/lambda/{rng.choice(WORDS)}-{g:04d}", "creationTime": int(rng.uniform(SETUP, NOW) * 1000),
                       "metricFilterCount": 0, "arn": f"arn:aws:logs:{region}:{ACCOUNT}:log-group:/aws/lambda/x-{g:04d}:*",
                       "storedBytes": rng.randrange(10 ** 9), "logGroupClass": "STANDARD"} for g in range(self.n["log_groups_per_region"])]
            for g in groups:
                if rng.random() < 0.6:
                    g["retentionInDays"] = rng.choice((7, 30, 90, 365))
            if region == home:
                groups.append({"logGroupName": "aws-cloudtrail-logs-acme", "creationTime": int(SETUP * 1000), "retentionInDays": 365,
                               "metricFilterCount": len(filters), "arn": f"arn:aws:logs:{region}:{ACCOUNT}:log-group:aws-cloudtrail-logs-acme:*",
                               "storedBytes": 48211093376, "logGroupClass": "STANDARD"})
            calls.append(self.call("logs", "DescribeLogGroups", region, {}, {"logGroups": groups}))
            calls.append(self.call("cloudwatch", "DescribeAlarms", region, {}, {"MetricAlarms": alarms, "CompositeAlarms": []}))
            topics = [{"TopicArn": f"arn:aws:sns:{region}:{ACCOUNT}:{rng.choice(WORDS)}-{t}"} for t in range(10)]
            subs = [{"SubscriptionArn": f"{t['TopicArn']}:{self.uuid()}", "Owner": ACCOUNT, "Protocol": "sqs",
                     "Endpoint": f"arn:aws:sqs:{region}:{ACCOUNT}:{t['TopicArn'].rsplit(':', 1)[1]}-q", "TopicArn": t["TopicArn"]} for t in topics]
            if region == home:
                topics.append({"TopicArn": topic})
                subs.append({"SubscriptionArn": f"{topic}:{self.uuid()}", "Owner": ACCOUNT, "Protocol": "email",
                             "Endpoint": "security@acme-analytics.example", "TopicArn": topic})
            calls.append(self.call("sns", "ListTopics", region, {}, {"Topics": topics}))
            calls.append(self.call("sns", "ListSubscriptions", region, {}, {"Subscriptions": subs}))
            if ri < 3:
                det = self.hexid(32)
                calls.append(self.call("guardduty", "ListDetectors", region, {}, {"DetectorIds": [det]}))
                calls.append(self.call("guardduty", "GetDetector", region, {"DetectorId": det}, {
                    "CreatedAt": "2024-02-12T10:05:33.412Z", "FindingPublishingFrequency": "SIX_HOURS",
                    "ServiceRole": f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
                    "Status": "ENABLED" if ri < 2 else "DISABLED", "UpdatedAt": "2025-06-02T14:21:09.870Z",
                    "DataSources": {"CloudTrail": {"Status": "ENABLED"}, "DNSLogs": {"Status": "ENABLED"}, "FlowLogs": {"Status": "ENABLED"},
                                    "S3Logs": {"Status": "ENABLED"}}, "Tags": {},
                    "Features": [{"Name": f, "Status": "ENABLED", "UpdatedAt": "2025-06-02T14:21:09+00:00"}
                                 for f in ("CLOUD_TRAIL", "DNS_LOGS", "FLOW_LOGS", "S3_DATA_EVENTS")]}))
            else:
                calls.append(self.call("guardduty", "ListDetectors", region, {}, {"DetectorIds": []}))
            an = [{"arn": f"arn:aws:access-analyzer:{region}:{ACCOUNT}:analyzer/acme-{region}", "name": f"acme-{region}", "type": "ACCOUNT",
                   "createdAt": iso(SETUP + DAY), "lastResourceAnalyzed": "arn:aws:s3:::acme-cloudtrail-logs",
                   "lastResourceAnalyzedAt": iso(NOW - 7200), "tags": {}, "status": "ACTIVE"}] if ri < 2 else []
            calls.append(self.call("accessanalyzer", "ListAnalyzers", region, {}, {"analyzers": an}))
            if ri < 3:
                calls.append(self.call("securityhub", "DescribeHub", region, {}, {"HubArn": f"arn:aws:securityhub:{region}:{ACCOUNT}:hub/default",
                    "SubscribedAt": "2024-02-12T10:11:05.123Z", "AutoEnableControls": True, "ControlFindingGenerator": "SECURITY_CONTROL"}))
                calls.append(self.call("securityhub", "GetEnabledStandards", region, {}, {"StandardsSubscriptions": [
                    {"StandardsSubscriptionArn": f"arn:aws:securityhub:{region}:{ACCOUNT}:subscription/{s}", "StandardsArn": f"arn:aws:securityhub:{region}::standards/{s}",
                     "StandardsInput": {}, "StandardsStatus": "READY", "StandardsControlsUpdatable": "READY_FOR_UPDATES"}
                    for s in ("aws-foundational-security-best-practices/v/1.0.0", "cis-aws-foundations-benchmark/v/5.0.0")]}))
            else:
                err = ("InvalidAccessException", f"Account {ACCOUNT} is not subscribed to AWS Security Hub")
                calls.append(self.call("securityhub", "DescribeHub", region, {}, error=err))
                calls.append(self.call("securityhub", "GetEnabledStandards", region, {}, error=err))
            dbs = []
            for d in range(self.n["db_per_region"]):
                ident = f"{rng.choice(WORDS)}-{rng.choice(ENVS)}-{d:03d}"
                eng, ver, port = rng.choice((("postgres", "16.4", 5432), ("mysql", "8.0.35", 3306), ("aurora-postgresql", "15.6", 5432)))
                enc = rng.random() < 0.8
                db = {"DBInstanceIdentifier": ident, "DBInstanceClass": rng.choice(("db.t3.medium", "db.r6g.large", "db.m6i.xlarge")),
                      "Engine": eng, "DBInstanceStatus": "available", "MasterUsername": "admin",
                      "Endpoint": {"Address": f"{ident}.c{self.hexid(11)}.{region}.rds.amazonaws.com", "Port": port, "HostedZoneId": "Z2R2ITUGPM61AM"},
                      "AllocatedStorage": rng.choice((20, 100, 500)), "InstanceCreateTime": self.ts(SETUP, NOW),
                      "BackupRetentionPeriod": rng.choice((0, 1, 7, 14, 35)), "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-0" + self.hexid(16), "Status": "active"}],
                      "AvailabilityZone": f"{region}a", "MultiAZ": rng.random() < 0.5, "EngineVersion": ver, "AutoMinorVersionUpgrade": rng.random() < 0.7,
                      "PubliclyAccessible": rng.random() < 0.1, "StorageType": "gp3", "StorageEncrypted": enc,
                      "DbiResourceId": "db-" + self.b32(26), "CACertificateIdentifier": "rds-ca-rsa2048-g1",
                      "DBInstanceArn": f"arn:aws:rds:{region}:{ACCOUNT}:db:{ident}", "IAMDatabaseAuthenticationEnabled": rng.random() < 0.3,
                      "DeletionProtection": rng.random() < 0.6, "CopyTagsToSnapshot": True, "EnabledCloudwatchLogsExports": [],
                      "TagList": [{"Key": "team", "Value": rng.choice(TEAMS)}]}
                if enc and self.key_arns[region]:
                    db["KmsKeyId"] = rng.choice(self.key_arns[region])
                dbs.append(db)
            ndb += len(dbs)
            calls.append(self.call("rds", "DescribeDBInstances", region, {}, {"DBInstances": dbs}))
        self.counts["cloudtrail_trails"] = ntrails
        self.counts["rds_instances"] = ndb


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output file (.json or .json.gz)")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every count (default 1.0)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1); same options give the same file")
    ap.add_argument("--pad-mb", type=float, default=0.0,
                    help="grow the uncompressed JSON to about N MB (1 MB = 1,000,000 bytes) with extra IAM roles and S3 buckets")
    args = ap.parse_args(argv)
    if args.scale <= 0:
        ap.error("--scale must be > 0")
    t0 = time.monotonic()
    g = Gen(args.seed, args.scale)
    calls: list = []
    g.managed_policies()
    g.iam(calls)
    g.kms(calls)
    g.s3()
    g.ec2(calls)
    g.regional(calls)

    head = _dumps({"rampart_snapshot": 1, "account_id": ACCOUNT, "partition": "aws", "collected_at": COLLECTED_AT, "regions": REGIONS})
    head = head[:-1] + ',"calls":[\n'
    fixed = len(head) + 3 + sum(len(c) + 2 for c in calls) + 80_000  # + IAM summary/users/groups/policies estimate
    fixed += sum(len(_dumps(u)) + 1 for u in g.iam_users[:50]) * max(1, len(g.iam_users)) // max(1, min(50, len(g.iam_users)))
    fixed += len(g.customer) * 1500

    target = int(args.pad_mb * 1_000_000)
    if target:
        extra_r = extra_b = 0
        while fixed + g.size_roles + g.size_buckets < target:
            # keep the extra bytes split about evenly between roles and buckets
            if extra_r <= extra_b:
                before = g.size_roles
                for _ in range(100):
                    g.add_role()
                extra_r += g.size_roles - before
            else:
                before = g.size_buckets
                for _ in range(25):
                    g.add_bucket()
                extra_b += g.size_buckets - before

    g.s3_finish(calls)
    g.iam_finish(calls)

    out = args.out
    os.makedirs(os.path.dirname(os.path.abspath(out)) or ".", exist_ok=True)
    raw = open(out, "wb")
    f = gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0) if out.endswith(".gz") else raw
    size = 0
    buf: list[str] = [head]

    def flush():
        nonlocal size
        data = "".join(buf).encode()
        size += len(data)
        f.write(data)
        buf.clear()

    first = True
    pending = 0
    for c in calls:
        if not first:
            buf.append(",\n")
        first = False
        if isinstance(c, tuple):
            h, roles, tail = c
            buf.append(h)
            for i in range(0, len(roles), 2000):
                if i:
                    buf.append(",")
                buf.append(",".join(roles[i:i + 2000]))
                flush()
            buf.append(tail)
            pending = 0
        else:
            buf.append(c)
            pending += len(c)
        if pending > 8_000_000:
            flush()
            pending = 0
    buf.append("\n]}\n")
    flush()
    if f is not raw:
        f.close()
    raw.close()

    ncalls = len(calls)
    g.counts["calls"] = ncalls
    file_size = os.path.getsize(out)
    width = max(len(k) for k in g.counts)
    for k, v in g.counts.items():
        print(f"{k:<{width}}  {v:>10,}", file=sys.stderr)
    print(f"{'json_bytes':<{width}}  {size:>10,}", file=sys.stderr)
    print(f"wrote {out}: {file_size:,} bytes ({file_size / 1e6:.1f} MB) in {time.monotonic() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
