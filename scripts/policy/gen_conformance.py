#!/usr/bin/env python3
"""Generate crates/policy/tests/conformance/cases.json, the IAM conformance corpus.

Each case is a CONTRACT §4 simulation request plus:
  name    unique, stable
  doc     the AWS documentation page whose documented answer the case checks
  expect  "Allow" | "ImplicitDeny" | "ExplicitDeny" | "error" (the request must be rejected)
  warn    (optional) a warning code the engine must report (documentation leaves it open)
  peer    (optional) what @cloud-copilot/iam-simulate 0.1.173 answers when it differs
          ("documentation wins", iam-semantics.md §15)

Run: python3 scripts/policy/gen_conformance.py   (edit this file, not the JSON)
"""

import json
import os

UG = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
EVAL = UG + "reference_policies_evaluation-logic.html"
BASICS = UG + "reference_policies_evaluation-logic_policy-eval-basics.html"
DENYALLOW = UG + "reference_policies_evaluation-logic_policy-eval-denyallow.html"
CROSS = UG + "reference_policies_evaluation-logic-cross-account.html"
BOUNDARY = UG + "access_policies_boundaries.html"
SESSION = UG + "access_policies.html#policies_session"
ACTION = UG + "reference_policies_elements_action.html"
NOTACTION = UG + "reference_policies_elements_notaction.html"
RESOURCE = UG + "reference_policies_elements_resource.html"
NOTRESOURCE = UG + "reference_policies_elements_notresource.html"
PRINCIPAL = UG + "reference_policies_elements_principal.html"
NOTPRINCIPAL = UG + "reference_policies_elements_notprincipal.html"
CONDITION = UG + "reference_policies_elements_condition.html"
OPERATORS = UG + "reference_policies_elements_condition_operators.html"
MULTI = UG + "reference_policies_condition-single-vs-multi-valued-context-keys.html"
MULTICOND = UG + "reference_policies_multi-value-conditions.html"
VARIABLES = UG + "reference_policies_variables.html"
VERSION = UG + "reference_policies_elements_version.html"
GLOBALKEYS = UG + "reference_policies_condition-keys.html"
GRAMMAR = UG + "reference_policies_grammar.html"
STATEMENT = UG + "reference_policies_elements_statement.html"
ROLES = UG + "id_roles_compare-resource-policies.html"
SWITCH = UG + "id_roles_use_permissions-to-switch.html"
MFA = UG + "reference_policies_examples_aws_my-sec-creds-self-manage-mfa-only.html"
TAGS = UG + "access_tags.html"
SCP = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html"
RCP = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html"
KMS = "https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html"
BPA = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"
GCI = "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html"

A = "111111111111"
B = "222222222222"
ALICE = f"arn:aws:iam::{A}:user/alice"
BOB = f"arn:aws:iam::{A}:user/bob"
CAROL_B = f"arn:aws:iam::{B}:user/carol"
ROLE = f"arn:aws:iam::{A}:role/app"
ROLE_PATH = f"arn:aws:iam::{A}:role/team/app"
SESS = f"arn:aws:sts::{A}:assumed-role/app/s1"
SESS2 = f"arn:aws:sts::{A}:assumed-role/app/s2"
ROLE_B = f"arn:aws:iam::{B}:role/ext"
SESS_B = f"arn:aws:sts::{B}:assumed-role/ext/s1"
FED = f"arn:aws:sts::{A}:federated-user/fred"
ROOT = f"arn:aws:iam::{A}:root"
ROOT_B = f"arn:aws:iam::{B}:root"
OBJ = "arn:aws:s3:::bucket/key.txt"
BUCKET = "arn:aws:s3:::bucket"
KEY = f"arn:aws:kms:us-east-1:{A}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
QUEUE = f"arn:aws:sqs:us-east-1:{A}:q"


def pol(*stmts, version="2012-10-17"):
    d = {}
    if version is not None:
        d["Version"] = version
    d["Statement"] = list(stmts)
    return d


def stmt(effect, action, resource="*", **kw):
    s = {"Effect": effect}
    if isinstance(action, dict):
        s.update(action)
    else:
        s["Action"] = action
    if isinstance(resource, dict):
        s.update(resource)
    elif resource is not None:
        s["Resource"] = resource
    for k, v in kw.items():
        s[k] = v
    return s


def allow(action="*", resource="*", **kw):
    return stmt("Allow", action, resource, **kw)


def deny(action="*", resource="*", **kw):
    return stmt("Deny", action, resource, **kw)


ALLOW_ALL = pol(allow())
# The AWS managed RCPFullAWSAccess, attached to every level (customer RCPs are Deny-only).
RCP_FULL = pol(allow(Principal="*"))
CASES = []


def case(name, doc, expect, principal=ALICE, action="s3:GetObject", resource=OBJ,
         resource_account=A, identity=None, **fields):
    r = {"name": name, "doc": doc, "expect": expect,
         "principal": principal, "action": action, "resource": resource}
    if resource_account is not None:
        r["resource_account"] = resource_account
    if identity is not None:
        r["identity_policies"] = identity
    for k in ("warn", "peer"):
        if k in fields:
            r[k] = fields.pop(k)
    r.update(fields)
    # Service keys only exist for the actions that support them (Service Authorization
    # Reference): s3:prefix and s3:max-keys belong to s3:ListBucket on the bucket.
    ctx = {k.lower() for k in (r.get("context") or {})}
    if ctx & {"s3:prefix", "s3:max-keys"} and r["action"] == "s3:GetObject":
        r["action"] = "s3:ListBucket"
        r["resource"] = BUCKET
        for p in r.get("identity_policies") or []:
            sts = p["Statement"] if isinstance(p["Statement"], list) else [p["Statement"]]
            for st in sts:
                if st.get("Action") == "s3:GetObject":
                    st["Action"] = "s3:ListBucket"
    CASES.append(r)


# ---- A. evaluation basics --------------------------------------------------------------------
case("no-policies-implicit-deny", EVAL, "ImplicitDeny", identity=[])
case("identity-allow", BASICS, "Allow", identity=[pol(allow("s3:GetObject", OBJ))])
case("identity-deny-overrides-allow", DENYALLOW, "ExplicitDeny",
     identity=[pol(allow("s3:*"), deny("s3:GetObject"))])
case("deny-in-other-identity-policy", DENYALLOW, "ExplicitDeny",
     identity=[pol(allow("s3:*")), pol(deny("s3:GetObject", OBJ))])
case("allow-other-action-only", BASICS, "ImplicitDeny", identity=[pol(allow("s3:PutObject"))])
case("allow-other-resource-only", BASICS, "ImplicitDeny",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::other/*"))])
case("deny-before-allow-order-irrelevant", EVAL, "ExplicitDeny",
     identity=[pol(deny("s3:GetObject"), allow("s3:GetObject"))])
case("resource-policy-deny-overrides-identity-allow", DENYALLOW, "ExplicitDeny",
     identity=[ALLOW_ALL],
     resource_policy=pol(deny("s3:GetObject", OBJ, Principal="*")))
case("boundary-without-allow", BOUNDARY, "ImplicitDeny", identity=[ALLOW_ALL],
     permission_boundary=pol(allow("ec2:*")))
case("boundary-and-identity-allow", BOUNDARY, "Allow", identity=[pol(allow("s3:GetObject"))],
     permission_boundary=pol(allow("s3:*")))
case("boundary-allows-identity-does-not", BOUNDARY, "ImplicitDeny", identity=[],
     permission_boundary=pol(allow("s3:*")))
case("boundary-explicit-deny", BOUNDARY, "ExplicitDeny", identity=[ALLOW_ALL],
     permission_boundary=pol(allow(), deny("s3:GetObject")))
case("session-policy-and-identity-allow", SESSION, "Allow", principal=SESS,
     identity=[ALLOW_ALL], session_policy=pol(allow("s3:GetObject")))
case("session-policy-without-allow", SESSION, "ImplicitDeny", principal=SESS,
     identity=[ALLOW_ALL], session_policy=pol(allow("s3:PutObject")))
case("session-policy-deny", SESSION, "ExplicitDeny", principal=SESS, identity=[ALLOW_ALL],
     session_policy=pol(allow(), deny("s3:GetObject")))
case("session-policy-does-not-grant", SESSION, "ImplicitDeny", principal=SESS, identity=[],
     session_policy=ALLOW_ALL)
case("scp-full-access-and-identity-allow", SCP, "Allow", identity=[ALLOW_ALL],
     scps=[[ALLOW_ALL]])
case("scp-without-allow", SCP, "ImplicitDeny", identity=[ALLOW_ALL],
     scps=[[pol(allow("ec2:*"))]])
case("scp-explicit-deny", SCP, "ExplicitDeny", identity=[ALLOW_ALL],
     scps=[[ALLOW_ALL, pol(deny("s3:GetObject"))]])
case("scp-one-level-without-allow", SCP, "ImplicitDeny", identity=[ALLOW_ALL],
     scps=[[ALLOW_ALL], [pol(allow("ec2:*"))], [ALLOW_ALL]])
case("scp-every-level-allows", SCP, "Allow", identity=[ALLOW_ALL],
     scps=[[ALLOW_ALL], [pol(allow("s3:*"))], [pol(allow("s3:Get*"))]])
case("scp-allow-does-not-grant", SCP, "ImplicitDeny", identity=[], scps=[[ALLOW_ALL]])
case("scp-not-for-service-linked-role", SCP, "Allow",
     principal=f"arn:aws:sts::{A}:assumed-role/AWSServiceRoleForConfig/s",
     identity=[ALLOW_ALL], scps=[[pol(deny())]])
case("scp-applies-to-member-root", SCP, "ExplicitDeny", principal=ROOT,
     scps=[[ALLOW_ALL, pol(deny("s3:*"))]])
case("scp-level-lists-several-policies", SCP, "Allow", identity=[ALLOW_ALL],
     scps=[[pol(allow("ec2:*")), pol(allow("s3:GetObject"))]])
case("rcp-deny", RCP, "ExplicitDeny", identity=[ALLOW_ALL],
     rcps=[[RCP_FULL, pol(deny("s3:GetObject", Principal="*"))]])
case("rcp-level-without-allow", RCP, "ImplicitDeny", identity=[ALLOW_ALL],
     rcps=[[pol(allow("s3:PutObject", Principal="*"))]], warn="rcp-level-without-full-access",
     peer="error")
case("rcp-not-for-unsupported-service", RCP, "Allow", action="ec2:DescribeInstances",
     resource="*", identity=[ALLOW_ALL], rcps=[[RCP_FULL, pol(deny("ec2:*", Principal="*"))]])
case("rcp-deny-cross-account-principal", RCP, "ExplicitDeny", principal=CAROL_B,
     identity=[ALLOW_ALL], resource_policy=pol(allow("s3:GetObject", OBJ,
                                                      Principal={"AWS": CAROL_B})),
     rcps=[[RCP_FULL,
            pol(deny("s3:*", Principal="*",
                     Condition={"StringNotEquals": {"aws:PrincipalOrgID": "o-mine"}}))]])
case("rcp-condition-org-matches", RCP, "Allow", principal=CAROL_B,
     context={"aws:PrincipalOrgID": "o-mine"},
     identity=[ALLOW_ALL], resource_policy=pol(allow("s3:GetObject", OBJ,
                                                      Principal={"AWS": CAROL_B})),
     rcps=[[RCP_FULL,
            pol(deny("s3:*", Principal="*",
                     Condition={"StringNotEquals": {"aws:PrincipalOrgID": "o-mine"}}))]])
case("get-caller-identity-always-allowed", GCI, "Allow", action="sts:GetCallerIdentity",
     resource="*", identity=[pol(deny())])

# ---- B. same-account resource policies --------------------------------------------------------
case("bucket-policy-names-user", BASICS, "Allow", identity=[],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": ALICE})))
case("bucket-policy-names-role-session-allowed", BASICS, "Allow", principal=SESS, identity=[],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": ROLE})))
case("role-arn-grant-capped-by-boundary", BOUNDARY, "ImplicitDeny", principal=SESS, identity=[],
     permission_boundary=pol(allow("ec2:*")),
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": ROLE})))
case("role-arn-grant-capped-by-session-policy", SESSION, "ImplicitDeny", principal=SESS,
     identity=[], session_policy=pol(allow("ec2:*")),
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": ROLE})))
case("session-arn-grant-not-capped-by-session-policy", SESSION, "Allow", principal=SESS,
     identity=[], session_policy=pol(allow("ec2:*")),
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": SESS})),
     peer="ImplicitDeny")
case("user-arn-grant-not-capped-by-boundary", BOUNDARY, "Allow", identity=[],
     permission_boundary=pol(allow("ec2:*")),
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": ALICE})))
case("account-grant-needs-identity", BASICS, "ImplicitDeny", identity=[],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": ROOT})))
case("account-grant-with-identity", BASICS, "Allow", identity=[pol(allow("s3:GetObject"))],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": ROOT})))
case("account-id-form-needs-identity", PRINCIPAL, "ImplicitDeny", identity=[],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": A})))
case("account-grant-capped-by-boundary", BOUNDARY, "ImplicitDeny",
     identity=[pol(allow("s3:GetObject"))], permission_boundary=pol(allow("ec2:*")),
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": ROOT})))
case("wildcard-principal-same-account-user", BASICS, "Allow", identity=[],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal="*")))
case("federated-user-session-grant", BASICS, "Allow", principal=FED, identity=[],
     session_policy=pol(allow("ec2:*")),
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": FED})))
case("resource-policy-names-other-user", BASICS, "ImplicitDeny", identity=[],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": BOB})))
case("resource-policy-denies-user", DENYALLOW, "ExplicitDeny", identity=[ALLOW_ALL],
     resource_policy=pol(deny("s3:*", OBJ, Principal={"AWS": ALICE})))
case("resource-policy-deny-account-covers-users", DENYALLOW, "ExplicitDeny", identity=[ALLOW_ALL],
     resource_policy=pol(deny("s3:*", OBJ, Principal={"AWS": A})))
case("sqs-queue-policy-names-user", BASICS, "Allow", action="sqs:SendMessage", resource=QUEUE,
     identity=[], resource_policy=pol(allow("sqs:SendMessage", QUEUE, Principal={"AWS": ALICE})))
case("resource-policy-action-mismatch", BASICS, "ImplicitDeny", identity=[],
     resource_policy=pol(allow("s3:PutObject", OBJ, Principal={"AWS": ALICE})))
case("identity-allow-with-unrelated-resource-policy", BASICS, "Allow",
     identity=[pol(allow("s3:GetObject"))],
     resource_policy=pol(allow("s3:PutObject", OBJ, Principal={"AWS": BOB})))

# ---- C. cross-account ---------------------------------------------------------------------------
case("cross-account-both-sides-allow", CROSS, "Allow", principal=CAROL_B,
     identity=[pol(allow("s3:GetObject"))],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": CAROL_B})))
case("cross-account-identity-missing", CROSS, "ImplicitDeny", principal=CAROL_B, identity=[],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": CAROL_B})))
case("cross-account-no-resource-policy", CROSS, "ImplicitDeny", principal=CAROL_B,
     identity=[ALLOW_ALL])
case("cross-account-account-grant", CROSS, "Allow", principal=CAROL_B, identity=[ALLOW_ALL],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": ROOT_B})))
case("cross-account-wildcard-needs-identity", CROSS, "ImplicitDeny", principal=CAROL_B,
     identity=[], resource_policy=pol(allow("s3:GetObject", OBJ, Principal="*")))
case("cross-account-wildcard-with-identity", CROSS, "Allow", principal=CAROL_B,
     identity=[pol(allow("s3:GetObject"))],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal="*")))
case("cross-account-scp-deny", CROSS, "ExplicitDeny", principal=CAROL_B, identity=[ALLOW_ALL],
     scps=[[ALLOW_ALL, pol(deny("s3:*"))]],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": CAROL_B})))
case("cross-account-org-condition-matches", CROSS, "Allow", principal=CAROL_B,
     identity=[ALLOW_ALL], context={"aws:PrincipalOrgID": "o-abc"},
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal="*",
                               Condition={"StringEquals": {"aws:PrincipalOrgID": "o-abc"}})))
case("cross-account-org-condition-fails", CROSS, "ImplicitDeny", principal=CAROL_B,
     identity=[ALLOW_ALL], context={"aws:PrincipalOrgID": "o-zzz"},
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal="*",
                               Condition={"StringEquals": {"aws:PrincipalOrgID": "o-abc"}})))
case("cross-account-resource-deny", CROSS, "ExplicitDeny", principal=CAROL_B,
     identity=[ALLOW_ALL],
     resource_policy=pol(allow("s3:*", OBJ, Principal={"AWS": CAROL_B}),
                         deny("s3:GetObject", OBJ, Principal={"AWS": ROOT_B})))
case("cross-account-role-session-by-role-arn", CROSS, "Allow", principal=SESS_B,
     identity=[ALLOW_ALL],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": ROLE_B})))
case("cross-account-boundary-caps", CROSS, "ImplicitDeny", principal=SESS_B,
     identity=[ALLOW_ALL], permission_boundary=pol(allow("ec2:*")),
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": ROLE_B})))
case("cross-account-other-account-named", CROSS, "ImplicitDeny", principal=CAROL_B,
     identity=[ALLOW_ALL],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": "333333333333"})))
case("cross-account-resource-account-from-arn", CROSS, "ImplicitDeny", principal=CAROL_B,
     action="sqs:SendMessage", resource=QUEUE, resource_account=None, identity=[ALLOW_ALL])

# ---- D. anonymous, service principals, Block Public Access --------------------------------------
case("anonymous-public-grant", PRINCIPAL, "Allow", principal=None,
     resource_policy=pol(allow("s3:GetObject", "arn:aws:s3:::bucket/*", Principal="*")))
case("anonymous-aws-star-grant", PRINCIPAL, "Allow", principal=None,
     resource_policy=pol(allow("s3:GetObject", "arn:aws:s3:::bucket/*",
                               Principal={"AWS": "*"})))
case("anonymous-no-resource-policy", PRINCIPAL, "ImplicitDeny", principal=None)
case("anonymous-account-grant", PRINCIPAL, "ImplicitDeny", principal=None,
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": A})))
case("anonymous-identity-policies-ignored", PRINCIPAL, "ImplicitDeny", principal=None,
     identity=[ALLOW_ALL])
case("anonymous-public-grant-with-deny", DENYALLOW, "ExplicitDeny", principal=None,
     resource_policy=pol(allow("s3:GetObject", "arn:aws:s3:::bucket/*", Principal="*"),
                         deny("s3:*", "arn:aws:s3:::bucket/*", Principal="*",
                              Condition={"Bool": {"aws:SecureTransport": "false"}})),
     context={"aws:SecureTransport": "false"})
case("service-principal-named", PRINCIPAL, "Allow", principal="cloudtrail.amazonaws.com",
     action="s3:PutObject",
     resource_policy=pol(allow("s3:PutObject", "arn:aws:s3:::bucket/*",
                               Principal={"Service": "cloudtrail.amazonaws.com"})))
case("service-principal-other", PRINCIPAL, "ImplicitDeny", principal="config.amazonaws.com",
     action="s3:PutObject",
     resource_policy=pol(allow("s3:PutObject", "arn:aws:s3:::bucket/*",
                               Principal={"Service": "cloudtrail.amazonaws.com"})))
case("service-principal-source-arn-matches", GLOBALKEYS, "Allow",
     principal="sns.amazonaws.com", action="sqs:SendMessage", resource=QUEUE,
     context={"aws:SourceArn": f"arn:aws:sns:us-east-1:{A}:topic"},
     resource_policy=pol(allow("sqs:SendMessage", QUEUE, Principal={"Service": "sns.amazonaws.com"},
                               Condition={"ArnEquals": {"aws:SourceArn": f"arn:aws:sns:us-east-1:{A}:topic"}})))
case("service-principal-source-arn-fails", GLOBALKEYS, "ImplicitDeny",
     principal="sns.amazonaws.com", action="sqs:SendMessage", resource=QUEUE,
     context={"aws:SourceArn": f"arn:aws:sns:us-east-1:{B}:topic"},
     resource_policy=pol(allow("sqs:SendMessage", QUEUE, Principal={"Service": "sns.amazonaws.com"},
                               Condition={"ArnEquals": {"aws:SourceArn": f"arn:aws:sns:us-east-1:{A}:topic"}})))
case("service-principal-not-subject-to-scp", SCP, "Allow", principal="cloudtrail.amazonaws.com",
     action="s3:PutObject", scps=[[pol(deny())]],
     resource_policy=pol(allow("s3:PutObject", "arn:aws:s3:::bucket/*",
                               Principal={"Service": "cloudtrail.amazonaws.com"})))
case("service-principal-is-aws-service-key", GLOBALKEYS, "Allow",
     principal="cloudtrail.amazonaws.com", action="s3:PutObject",
     resource_policy=pol(allow("s3:PutObject", "arn:aws:s3:::bucket/*", Principal="*",
                               Condition={"Bool": {"aws:PrincipalIsAWSService": "true"}})))
case("bpa-blocks-anonymous-public-grant", BPA, "ImplicitDeny", principal=None,
     settings={"s3_block_public_access": True}, warn="unclear-bpa-decision",
     peer="ExplicitDeny",
     resource_policy=pol(allow("s3:GetObject", "arn:aws:s3:::bucket/*", Principal="*")))
case("bpa-blocks-cross-account-when-public", BPA, "ImplicitDeny", principal=CAROL_B,
     identity=[ALLOW_ALL], settings={"s3_block_public_access": True}, peer="ExplicitDeny",
     resource_policy=pol(allow("s3:GetObject", "arn:aws:s3:::bucket/*", Principal="*"),
                         allow("s3:GetObject", "arn:aws:s3:::bucket/*", Principal={"AWS": CAROL_B})))
case("bpa-keeps-same-account", BPA, "Allow", settings={"s3_block_public_access": True},
     identity=[],
     resource_policy=pol(allow("s3:GetObject", "arn:aws:s3:::bucket/*", Principal="*")))
case("bpa-keeps-service-principal", BPA, "Allow", principal="cloudtrail.amazonaws.com",
     action="s3:PutObject", settings={"s3_block_public_access": True},
     resource_policy=pol(allow("s3:PutObject", "arn:aws:s3:::bucket/*", Principal="*")))
case("bpa-non-public-policy-unaffected", BPA, "Allow", principal=CAROL_B, identity=[ALLOW_ALL],
     settings={"s3_block_public_access": True}, context={"aws:PrincipalOrgID": "o-abc"},
     resource_policy=pol(allow("s3:GetObject", "arn:aws:s3:::bucket/*", Principal="*",
                               Condition={"StringEquals": {"aws:PrincipalOrgID": "o-abc"}})))

# ---- E. role trust policies --------------------------------------------------------------------
AR = "sts:AssumeRole"
case("trust-names-user-same-account", ROLES, "Allow", action=AR, resource=ROLE, identity=[],
     resource_policy=pol(stmt("Allow", AR, None, Principal={"AWS": ALICE})))
case("trust-names-account-identity-allows", SWITCH, "Allow", action=AR, resource=ROLE,
     identity=[pol(allow(AR, ROLE))],
     resource_policy=pol(stmt("Allow", AR, None, Principal={"AWS": ROOT})))
case("trust-names-account-no-identity", SWITCH, "ImplicitDeny", action=AR, resource=ROLE,
     identity=[], resource_policy=pol(stmt("Allow", AR, None, Principal={"AWS": ROOT})))
case("trust-does-not-name-caller", ROLES, "ImplicitDeny", action=AR, resource=ROLE,
     identity=[pol(allow(AR))],
     resource_policy=pol(stmt("Allow", AR, None, Principal={"AWS": BOB})))
case("trust-missing-identity-allow-not-enough", ROLES, "ImplicitDeny", action=AR, resource=ROLE,
     identity=[pol(allow(AR))])
case("trust-cross-account-both", SWITCH, "Allow", principal=CAROL_B, action=AR, resource=ROLE,
     identity=[pol(allow(AR, ROLE))],
     resource_policy=pol(stmt("Allow", AR, None, Principal={"AWS": B})))
case("trust-cross-account-no-identity", SWITCH, "ImplicitDeny", principal=CAROL_B, action=AR,
     resource=ROLE, identity=[],
     resource_policy=pol(stmt("Allow", AR, None, Principal={"AWS": B})))
case("trust-cross-account-names-user-still-needs-identity", CROSS, "ImplicitDeny",
     principal=CAROL_B, action=AR, resource=ROLE, identity=[],
     resource_policy=pol(stmt("Allow", AR, None, Principal={"AWS": CAROL_B})))
case("trust-service-principal", ROLES, "Allow", principal="lambda.amazonaws.com", action=AR,
     resource=ROLE,
     resource_policy=pol(stmt("Allow", AR, None, Principal={"Service": "lambda.amazonaws.com"})))
case("trust-web-identity-aud-matches", UG + "id_roles_create_for-idp_oidc.html", "Allow",
     principal="cognito-identity.amazonaws.com", action="sts:AssumeRoleWithWebIdentity",
     resource=ROLE, context={"cognito-identity.amazonaws.com:aud": "us-east-1:pool"},
     resource_policy=pol(stmt("Allow", "sts:AssumeRoleWithWebIdentity", None,
                              Principal={"Federated": "cognito-identity.amazonaws.com"},
                              Condition={"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:pool"}})))
case("trust-web-identity-aud-mismatch", UG + "id_roles_create_for-idp_oidc.html", "ImplicitDeny",
     principal="cognito-identity.amazonaws.com", action="sts:AssumeRoleWithWebIdentity",
     resource=ROLE, context={"cognito-identity.amazonaws.com:aud": "us-east-1:other"},
     resource_policy=pol(stmt("Allow", "sts:AssumeRoleWithWebIdentity", None,
                              Principal={"Federated": "cognito-identity.amazonaws.com"},
                              Condition={"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:pool"}})))
case("trust-external-id-matches", UG + "id_roles_create_for-user_externalid.html", "Allow",
     principal=CAROL_B, action=AR, resource=ROLE, identity=[ALLOW_ALL],
     context={"sts:ExternalId": "xyz"},
     resource_policy=pol(stmt("Allow", AR, None, Principal={"AWS": B},
                              Condition={"StringEquals": {"sts:ExternalId": "xyz"}})))
case("trust-external-id-missing", UG + "id_roles_create_for-user_externalid.html",
     "ImplicitDeny", principal=CAROL_B, action=AR, resource=ROLE, identity=[ALLOW_ALL],
     resource_policy=pol(stmt("Allow", AR, None, Principal={"AWS": B},
                              Condition={"StringEquals": {"sts:ExternalId": "xyz"}})))
case("trust-names-role-path", PRINCIPAL, "Allow", principal=f"arn:aws:sts::{A}:assumed-role/app/s1",
     action=AR, resource=f"arn:aws:iam::{A}:role/target", identity=[],
     resource_policy=pol(stmt("Allow", AR, None, Principal={"AWS": ROLE_PATH})))

# ---- F. KMS key policies -----------------------------------------------------------------------
case("kms-key-policy-enables-iam", KMS, "Allow", action="kms:Decrypt", resource=KEY,
     identity=[pol(allow("kms:Decrypt"))],
     resource_policy=pol(allow("kms:*", "*", Principal={"AWS": ROOT})))
case("kms-account-grant-no-identity", KMS, "ImplicitDeny", action="kms:Decrypt", resource=KEY,
     identity=[], resource_policy=pol(allow("kms:*", "*", Principal={"AWS": ROOT})))
case("kms-key-policy-names-user", KMS, "Allow", action="kms:Decrypt", resource=KEY, identity=[],
     resource_policy=pol(allow("kms:Decrypt", "*", Principal={"AWS": ALICE})))
case("kms-key-policy-without-account-identity-useless", KMS, "ImplicitDeny",
     action="kms:Decrypt", resource=KEY, identity=[ALLOW_ALL],
     resource_policy=pol(allow("kms:*", "*", Principal={"AWS": BOB})))
case("kms-no-key-policy", KMS, "ImplicitDeny", action="kms:Decrypt", resource=KEY,
     identity=[ALLOW_ALL])
case("kms-root-needs-key-policy", KMS, "ImplicitDeny", principal=ROOT, action="kms:Decrypt",
     resource=KEY, resource_policy=pol(allow("kms:*", "*", Principal={"AWS": BOB})))
case("kms-root-with-account-statement", KMS, "Allow", principal=ROOT, action="kms:Decrypt",
     resource=KEY, resource_policy=pol(allow("kms:*", "*", Principal={"AWS": ROOT})))
case("kms-identity-deny-applies", KMS, "ExplicitDeny", action="kms:Decrypt", resource=KEY,
     identity=[pol(deny("kms:Decrypt"))],
     resource_policy=pol(allow("kms:Decrypt", "*", Principal={"AWS": ALICE})))
case("kms-cross-account-both", KMS, "Allow", principal=CAROL_B, action="kms:Decrypt",
     resource=KEY, resource_account=None, identity=[pol(allow("kms:Decrypt", KEY))],
     resource_policy=pol(allow("kms:Decrypt", "*", Principal={"AWS": ROOT_B})))
case("kms-cross-account-no-identity", KMS, "ImplicitDeny", principal=CAROL_B,
     action="kms:Decrypt", resource=KEY, resource_account=None, identity=[],
     resource_policy=pol(allow("kms:Decrypt", "*", Principal={"AWS": ROOT_B})))
case("kms-via-service-condition", KMS, "Allow", action="kms:Decrypt", resource=KEY, identity=[],
     context={"kms:ViaService": "s3.us-east-1.amazonaws.com"},
     resource_policy=pol(allow("kms:Decrypt", "*", Principal={"AWS": ALICE},
                               Condition={"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}})))

# ---- G. root -----------------------------------------------------------------------------------
case("root-allowed-in-own-account", UG + "id_root-user.html", "Allow", principal=ROOT)
case("root-bare-account-id", UG + "id_root-user.html", "Allow", principal=A)
case("root-resource-policy-deny", UG + "id_root-user.html", "ExplicitDeny", principal=ROOT,
     resource_policy=pol(deny("s3:*", OBJ, Principal="*")))
case("root-cross-account-needs-resource-policy", CROSS, "ImplicitDeny", principal=ROOT_B)
case("root-cross-account-granted", CROSS, "Allow", principal=ROOT_B,
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": B})))

# ---- H. action matching ------------------------------------------------------------------------
case("action-case-insensitive", ACTION, "Allow", identity=[pol(allow("S3:getobject"))])
case("action-request-case-insensitive", ACTION, "Allow", action="S3:GETOBJECT",
     identity=[pol(allow("s3:GetObject"))])
case("action-prefix-wildcard", ACTION, "Allow", identity=[pol(allow("s3:Get*"))])
case("action-suffix-wildcard", ACTION, "Allow", identity=[pol(allow("s3:*Object"))])
case("action-star", ACTION, "Allow", identity=[pol(allow("*"))])
case("action-infix-wildcard", ACTION, "Allow", action="iam:CreateAccessKey", resource="*",
     identity=[pol(allow("iam:*AccessKey*"))])
case("action-question-mark", ACTION, "Allow", identity=[pol(allow("s3:GetObjec?"))])
case("action-question-mark-needs-one-char", ACTION, "ImplicitDeny",
     identity=[pol(allow("s3:GetObject?"))])
case("action-list-miss", ACTION, "ImplicitDeny", identity=[pol(allow(["s3:PutObject", "s3:List*"]))])
case("action-list-hit", ACTION, "Allow", identity=[pol(allow(["s3:PutObject", "s3:GetObject"]))])
case("action-service-prefix-exact", ACTION, "ImplicitDeny", action="s3express:CreateSession",
     resource="*", identity=[pol(allow("s3:*"))])
case("action-empty-list", STATEMENT, "ImplicitDeny", identity=[pol(allow([]))])
case("notaction-allow-other-service", NOTACTION, "Allow", action="ec2:RunInstances",
     resource="*", identity=[pol(allow({"NotAction": "iam:*"}))])
case("notaction-allow-excluded", NOTACTION, "ImplicitDeny", action="iam:CreateUser",
     resource="*", identity=[pol(allow({"NotAction": "iam:*"}))])
case("notaction-deny-mfa-absent", MFA, "ExplicitDeny", action="ec2:RunInstances", resource="*",
     identity=[ALLOW_ALL, pol(deny({"NotAction": ["iam:ChangePassword", "sts:GetSessionToken"]},
                                   Condition={"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}))])
case("notaction-deny-mfa-present", MFA, "Allow", action="ec2:RunInstances", resource="*",
     context={"aws:MultiFactorAuthPresent": "true"},
     identity=[ALLOW_ALL, pol(deny({"NotAction": ["iam:ChangePassword", "sts:GetSessionToken"]},
                                   Condition={"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}))])
case("notaction-deny-excluded-action", MFA, "Allow", action="iam:ChangePassword", resource="*",
     context={"aws:MultiFactorAuthPresent": "false"},
     identity=[ALLOW_ALL, pol(deny({"NotAction": ["iam:ChangePassword", "sts:GetSessionToken"]},
                                   Condition={"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}))])
case("notaction-allow-resource-still-matters", NOTACTION, "ImplicitDeny",
     identity=[pol(allow({"NotAction": "iam:*"}, "arn:aws:s3:::other/*"))])
case("notaction-empty-list-matches-all", NOTACTION, "Allow", identity=[pol(allow({"NotAction": []}))])

# ---- I. resource matching ----------------------------------------------------------------------
case("resource-exact", RESOURCE, "Allow", identity=[pol(allow("s3:GetObject", OBJ))])
case("resource-case-sensitive", RESOURCE, "ImplicitDeny",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::Bucket/key.txt"))])
case("resource-object-wildcard", RESOURCE, "Allow",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::bucket/*"))])
case("resource-bucket-vs-objects-disjoint", RESOURCE, "ImplicitDeny", action="s3:ListBucket",
     resource=BUCKET, identity=[pol(allow("s3:ListBucket", "arn:aws:s3:::bucket/*"))])
case("resource-bucket-arn-not-objects", RESOURCE, "ImplicitDeny",
     identity=[pol(allow("s3:GetObject", BUCKET))])
case("resource-wildcard-region-account", RESOURCE, "Allow", action="ec2:StopInstances",
     resource=f"arn:aws:ec2:us-east-1:{A}:instance/i-123",
     identity=[pol(allow("ec2:StopInstances", "arn:aws:ec2:*:*:instance/*"))])
case("resource-wildcard-spans-slash", RESOURCE, "Allow", resource="arn:aws:s3:::bucket/a/b/c.txt",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::bucket/a/*"))])
case("resource-star", RESOURCE, "Allow", identity=[pol(allow("s3:GetObject", "*"))])
case("resource-region-mismatch", RESOURCE, "ImplicitDeny", action="ec2:StopInstances",
     resource=f"arn:aws:ec2:eu-west-1:{A}:instance/i-123",
     identity=[pol(allow("ec2:StopInstances", f"arn:aws:ec2:us-east-1:{A}:instance/*"))])
case("resource-account-mismatch", RESOURCE, "ImplicitDeny", action="ec2:StopInstances",
     resource=f"arn:aws:ec2:us-east-1:{A}:instance/i-123",
     identity=[pol(allow("ec2:StopInstances", f"arn:aws:ec2:us-east-1:{B}:instance/*"))])
case("notresource-allow-other", NOTRESOURCE, "Allow",
     identity=[pol(allow("s3:*", {"NotResource": "arn:aws:s3:::secret/*"}))])
case("notresource-allow-excluded", NOTRESOURCE, "ImplicitDeny", resource="arn:aws:s3:::secret/x",
     identity=[pol(allow("s3:*", {"NotResource": "arn:aws:s3:::secret/*"}))])
case("notresource-deny-everything-else", NOTRESOURCE, "ExplicitDeny",
     identity=[ALLOW_ALL, pol(deny("s3:*", {"NotResource": ["arn:aws:s3:::public/*"]}))])
case("notresource-deny-listed-spared", NOTRESOURCE, "Allow", resource="arn:aws:s3:::public/x",
     identity=[ALLOW_ALL, pol(deny("s3:*", {"NotResource": ["arn:aws:s3:::public/*"]}))])
case("resource-log-stream-colons", RESOURCE, "Allow", action="logs:PutLogEvents",
     resource=f"arn:aws:logs:us-east-1:{A}:log-group:app:log-stream:s1",
     identity=[pol(allow("logs:PutLogEvents", f"arn:aws:logs:us-east-1:{A}:log-group:app:*"))])
case("resource-empty-region-must-be-empty", RESOURCE, "ImplicitDeny",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:us-east-1::bucket/key.txt"))])
case("resource-question-mark", RESOURCE, "Allow",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::bucket/key.tx?"))])
case("resource-empty-list", RESOURCE, "ImplicitDeny", identity=[pol(allow("s3:GetObject", []))])
case("resource-list-hit", RESOURCE, "Allow",
     identity=[pol(allow("s3:GetObject", ["arn:aws:s3:::other/*", "arn:aws:s3:::bucket/*"]))])
case("resource-partition-mismatch", RESOURCE, "ImplicitDeny",
     identity=[pol(allow("s3:GetObject", "arn:aws-cn:s3:::bucket/*"))])
case("resource-brackets-literal", RESOURCE, "ImplicitDeny", resource="arn:aws:s3:::bucket/a",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::bucket/[a]"))])
case("wildcard-only-action-ignores-specific-arn", UG + "reference_policies_elements_resource.html",
     "ImplicitDeny", action="s3:ListAllMyBuckets", resource=BUCKET, warn="wildcard-only-action",
     peer="error",
     identity=[pol(allow("s3:ListAllMyBuckets", BUCKET))])
case("resource-star-matches-no-resource", RESOURCE, "Allow", action="s3:ListAllMyBuckets",
     resource="*", identity=[pol(allow("s3:ListAllMyBuckets", "*"))])

# ---- J. principal forms ------------------------------------------------------------------------
case("principal-role-with-path-matches-session", PRINCIPAL, "Allow", principal=SESS, identity=[],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": ROLE_PATH})))
case("principal-no-partial-wildcard", PRINCIPAL, "ImplicitDeny", principal=SESS, identity=[],
     resource_policy=pol(allow("s3:GetObject", OBJ,
                               Principal={"AWS": f"arn:aws:iam::{A}:role/ap*"})))
case("principal-list", PRINCIPAL, "Allow", identity=[],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": [BOB, ALICE]})))
case("principal-session-arn-other-session", PRINCIPAL, "ImplicitDeny", principal=SESS2,
     identity=[], resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": SESS})))
case("principal-user-name-case-sensitive", PRINCIPAL, "ImplicitDeny", identity=[],
     resource_policy=pol(allow("s3:GetObject", OBJ,
                               Principal={"AWS": f"arn:aws:iam::{A}:user/Alice"})))
case("principal-unique-id-matches-nothing", PRINCIPAL, "ImplicitDeny", identity=[],
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal={"AWS": "AIDAEXAMPLEID12345678"})))
case("principal-service-list", PRINCIPAL, "Allow", principal="config.amazonaws.com",
     action="s3:PutObject",
     resource_policy=pol(allow("s3:PutObject", "arn:aws:s3:::bucket/*",
                               Principal={"Service": ["cloudtrail.amazonaws.com", "config.amazonaws.com"]})))
case("principal-role-arn-not-user", PRINCIPAL, "ImplicitDeny", identity=[],
     resource_policy=pol(allow("s3:GetObject", OBJ,
                               Principal={"AWS": f"arn:aws:iam::{A}:role/alice"})))
case("notprincipal-deny-exempts-user-and-account", NOTPRINCIPAL, "Allow", identity=[ALLOW_ALL],
     resource_policy=pol(deny("s3:*", OBJ, NotPrincipal={"AWS": [ALICE, ROOT]})))
case("notprincipal-deny-account-only-denies-user", NOTPRINCIPAL, "ExplicitDeny",
     identity=[ALLOW_ALL], peer="Allow",
     resource_policy=pol(deny("s3:*", OBJ, NotPrincipal={"AWS": [ROOT]})))
case("notprincipal-deny-role-only-denies-session", NOTPRINCIPAL, "ExplicitDeny", principal=SESS,
     identity=[ALLOW_ALL], peer="Allow",
     resource_policy=pol(deny("s3:*", OBJ, NotPrincipal={"AWS": [ROLE, ROOT]})))
case("notprincipal-deny-full-chain-exempts-session", NOTPRINCIPAL, "Allow", principal=SESS,
     identity=[ALLOW_ALL],
     resource_policy=pol(deny("s3:*", OBJ, NotPrincipal={"AWS": [SESS, ROLE, ROOT]})))
case("notprincipal-deny-other-user-denied", NOTPRINCIPAL, "ExplicitDeny", identity=[ALLOW_ALL],
     resource_policy=pol(deny("s3:*", OBJ, NotPrincipal={"AWS": [BOB, ROOT]})))
case("notprincipal-allow-grants-anonymous", NOTPRINCIPAL, "Allow", principal=None,
     resource_policy=pol(allow("s3:GetObject", OBJ, NotPrincipal={"AWS": BOB})))
case("notprincipal-allow-excludes-listed", NOTPRINCIPAL, "ImplicitDeny", identity=[],
     resource_policy=pol(allow("s3:GetObject", OBJ, NotPrincipal={"AWS": ALICE})))
case("notprincipal-deny-with-boundary-always-denies", BOUNDARY, "ExplicitDeny",
     identity=[ALLOW_ALL], permission_boundary=ALLOW_ALL, warn="notprincipal-with-boundary",
     resource_policy=pol(deny("s3:*", OBJ, NotPrincipal={"AWS": [ALICE, ROOT]})))

# ---- K. conditions -----------------------------------------------------------------------------
def cond(c):
    return [pol(allow("s3:GetObject", Condition=c))]


case("string-equals-match", OPERATORS, "Allow", context={"s3:prefix": "home/"},
     identity=cond({"StringEquals": {"s3:prefix": "home/"}}))
case("string-equals-mismatch", OPERATORS, "ImplicitDeny", context={"s3:prefix": "other/"},
     identity=cond({"StringEquals": {"s3:prefix": "home/"}}))
case("string-equals-case-sensitive", OPERATORS, "ImplicitDeny", context={"aws:PrincipalTag/team": "Blue"},
     identity=cond({"StringEquals": {"aws:PrincipalTag/team": "blue"}}))
case("string-not-equals-missing-key-true", OPERATORS, "ExplicitDeny", identity=[
    ALLOW_ALL, pol(deny("s3:*", Condition={"StringNotEquals": {"aws:PrincipalOrgID": "o-1"}}))])
case("string-not-equals-listed-value", OPERATORS, "Allow", context={"aws:PrincipalOrgID": "o-1"},
     identity=[ALLOW_ALL, pol(deny("s3:*", Condition={"StringNotEquals": {"aws:PrincipalOrgID": ["o-1", "o-2"]}}))])
case("string-not-equals-nor-semantics", MULTICOND, "ExplicitDeny", context={"aws:PrincipalOrgID": "o-3"},
     identity=[ALLOW_ALL, pol(deny("s3:*", Condition={"StringNotEquals": {"aws:PrincipalOrgID": ["o-1", "o-2"]}}))])
case("string-equals-ignore-case", OPERATORS, "Allow", context={"aws:PrincipalTag/team": "BLUE"},
     identity=cond({"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "blue"}}))
case("string-not-equals-ignore-case", OPERATORS, "ImplicitDeny", context={"aws:PrincipalTag/team": "BLUE"},
     identity=cond({"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/team": "blue"}}))
case("string-like-glob", OPERATORS, "Allow", context={"s3:prefix": "home/alice/docs"},
     identity=cond({"StringLike": {"s3:prefix": "home/*/docs"}}))
case("string-like-question", OPERATORS, "ImplicitDeny", context={"s3:prefix": "ab"},
     identity=cond({"StringLike": {"s3:prefix": "a??"}}))
case("string-not-like", OPERATORS, "ExplicitDeny", context={"s3:prefix": "tmp/x"},
     identity=[ALLOW_ALL, pol(deny("s3:*", Condition={"StringNotLike": {"s3:prefix": "home/*"}}))])
case("string-equals-star-literal", OPERATORS, "ImplicitDeny", context={"s3:prefix": "home/x"},
     identity=cond({"StringEquals": {"s3:prefix": "home/*"}}))
case("condition-values-or", CONDITION, "Allow", context={"aws:RequestedRegion": "eu-west-1"},
     identity=cond({"StringEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}))
case("condition-keys-and", CONDITION, "ImplicitDeny",
     context={"aws:RequestedRegion": "eu-west-1", "aws:PrincipalTag/team": "red"},
     identity=cond({"StringEquals": {"aws:RequestedRegion": "eu-west-1", "aws:PrincipalTag/team": "blue"}}))
case("condition-operators-and", CONDITION, "ImplicitDeny",
     context={"aws:RequestedRegion": "eu-west-1", "aws:SourceIp": "10.0.0.1"},
     identity=cond({"StringEquals": {"aws:RequestedRegion": "eu-west-1"},
                    "IpAddress": {"aws:SourceIp": "192.0.2.0/24"}}))
case("numeric-less-than", OPERATORS, "Allow", context={"s3:max-keys": "5"},
     identity=cond({"NumericLessThan": {"s3:max-keys": "10"}}))
case("numeric-less-than-fails", OPERATORS, "ImplicitDeny", context={"s3:max-keys": "50"},
     identity=cond({"NumericLessThan": {"s3:max-keys": 10}}))
case("numeric-equals-decimal", OPERATORS, "Allow", context={"s3:max-keys": "10.0"},
     identity=cond({"NumericEquals": {"s3:max-keys": "10"}}))
case("numeric-unparsable-no-match", OPERATORS, "ImplicitDeny", context={"s3:max-keys": "ten"},
     identity=cond({"NumericLessThanEquals": {"s3:max-keys": "10"}}))
case("numeric-greater-than-equals", OPERATORS, "Allow", context={"aws:MultiFactorAuthAge": "3600"},
     identity=cond({"NumericGreaterThanEquals": {"aws:MultiFactorAuthAge": "3600"}}))
case("date-greater-than-iso", OPERATORS, "Allow", context={"aws:CurrentTime": "2026-06-01T00:00:00Z"},
     identity=cond({"DateGreaterThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}))
case("date-less-than-iso-fails", OPERATORS, "ImplicitDeny", context={"aws:CurrentTime": "2026-06-01T00:00:00Z"},
     identity=cond({"DateLessThan": {"aws:CurrentTime": "2026-01-01"}}))
case("date-epoch-policy-value", OPERATORS, "Allow", context={"aws:CurrentTime": "2026-06-01T00:00:00Z"},
     identity=cond({"DateGreaterThan": {"aws:CurrentTime": "1767225600"}}), peer="ImplicitDeny")
case("date-epoch-context-value", OPERATORS, "Allow", context={"aws:EpochTime": "1780272000"},
     identity=cond({"DateGreaterThan": {"aws:EpochTime": "2026-01-01T00:00:00Z"}}))
case("date-timezone-offset", OPERATORS, "Allow", context={"aws:CurrentTime": "2026-01-01T00:30:00Z"},
     identity=cond({"DateEquals": {"aws:CurrentTime": "2026-01-01T01:30:00+01:00"}}))
case("date-not-equals", OPERATORS, "Allow", context={"aws:CurrentTime": "2026-01-02T00:00:00Z"},
     identity=cond({"DateNotEquals": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}))
case("bool-true", OPERATORS, "Allow", context={"aws:SecureTransport": "true"},
     identity=cond({"Bool": {"aws:SecureTransport": "true"}}))
case("bool-json-boolean-value", OPERATORS, "Allow", context={"aws:SecureTransport": True},
     identity=cond({"Bool": {"aws:SecureTransport": True}}))
case("bool-secure-transport-deny", OPERATORS, "ExplicitDeny", context={"aws:SecureTransport": "false"},
     identity=[ALLOW_ALL, pol(deny("s3:*", Condition={"Bool": {"aws:SecureTransport": "false"}}))])
case("bool-missing-key-false", OPERATORS, "ImplicitDeny",
     identity=cond({"Bool": {"aws:MultiFactorAuthPresent": "true"}}))
case("bool-if-exists-missing-true", OPERATORS, "Allow",
     identity=cond({"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}))
case("bool-if-exists-present-false", OPERATORS, "ImplicitDeny", context={"aws:MultiFactorAuthPresent": "false"},
     identity=cond({"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}))
case("ip-address-v4", OPERATORS, "Allow", context={"aws:SourceIp": "203.0.113.7"},
     identity=cond({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}))
case("ip-address-v4-outside", OPERATORS, "ImplicitDeny", context={"aws:SourceIp": "198.51.100.7"},
     identity=cond({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}))
case("ip-address-v6", OPERATORS, "Allow", context={"aws:SourceIp": "2001:db8:1234::1"},
     identity=cond({"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}))
case("ip-address-single-host", OPERATORS, "Allow", context={"aws:SourceIp": "203.0.113.7"},
     identity=cond({"IpAddress": {"aws:SourceIp": "203.0.113.7"}}))
case("not-ip-address-missing-key-denies", OPERATORS, "ExplicitDeny",
     identity=[ALLOW_ALL, pol(deny("s3:*", Condition={"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}))])
case("not-ip-address-inside", OPERATORS, "Allow", context={"aws:SourceIp": "203.0.113.9"},
     identity=[ALLOW_ALL, pol(deny("s3:*", Condition={"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}))])
case("arn-like-wildcard", OPERATORS, "Allow", context={"aws:SourceArn": f"arn:aws:sns:us-east-1:{A}:t1"},
     identity=cond({"ArnLike": {"aws:SourceArn": f"arn:aws:sns:*:{A}:*"}}))
case("arn-equals-behaves-like-arn-like", OPERATORS, "Allow",
     context={"aws:SourceArn": f"arn:aws:sns:us-east-1:{A}:t1"},
     identity=cond({"ArnEquals": {"aws:SourceArn": f"arn:aws:sns:*:{A}:*"}}))
case("arn-like-non-arn-value", OPERATORS, "ImplicitDeny", context={"aws:SourceArn": "not-an-arn"},
     identity=cond({"ArnLike": {"aws:SourceArn": "arn:aws:*:*:*:*"}}))
case("arn-not-equals", OPERATORS, "ExplicitDeny", context={"aws:SourceArn": f"arn:aws:sns:us-east-1:{B}:t1"},
     identity=[ALLOW_ALL, pol(deny("s3:*", Condition={"ArnNotEquals": {"aws:SourceArn": f"arn:aws:sns:us-east-1:{A}:t1"}}))])
case("arn-like-partwise", OPERATORS, "ImplicitDeny",
     context={"aws:SourceArn": f"arn:aws:sns:us-east-1:{A}:t1"},
     identity=cond({"ArnLike": {"aws:SourceArn": f"arn:aws:sqs:*:{A}:*"}}))
case("null-true-key-absent", OPERATORS, "Allow", identity=cond({"Null": {"aws:TokenIssueTime": "true"}}))
case("null-true-key-present", OPERATORS, "ImplicitDeny", context={"aws:TokenIssueTime": "2026-01-01T00:00:00Z"},
     identity=cond({"Null": {"aws:TokenIssueTime": "true"}}))
case("null-false-key-present", OPERATORS, "Allow", context={"aws:TokenIssueTime": "2026-01-01T00:00:00Z"},
     identity=cond({"Null": {"aws:TokenIssueTime": "false"}}))
EC2I = f"arn:aws:ec2:us-east-1:{A}:instance/*"
case("string-equals-if-exists-missing", OPERATORS, "Allow", action="ec2:RunInstances", resource=EC2I,
     identity=[pol(allow("ec2:RunInstances", Condition={"StringEqualsIfExists": {"ec2:InstanceType": "t3.micro"}}))])
case("string-equals-if-exists-present-mismatch", OPERATORS, "ImplicitDeny", action="ec2:RunInstances",
     resource=EC2I, context={"ec2:InstanceType": "m5.large"},
     identity=[pol(allow("ec2:RunInstances", Condition={"StringEqualsIfExists": {"ec2:InstanceType": "t3.micro"}}))])
case("positive-operator-missing-key-false", CONDITION, "ImplicitDeny",
     identity=cond({"StringEquals": {"aws:PrincipalTag/team": "blue"}}))
case("condition-key-case-insensitive", CONDITION, "Allow", context={"AWS:SOURCEIP": "203.0.113.7"},
     identity=cond({"IpAddress": {"aws:sourceip": "203.0.113.0/24"}}))
case("tag-key-suffix-case-insensitive", TAGS, "Allow", context={"aws:PrincipalTag/TEAM": "blue"},
     identity=cond({"StringEquals": {"aws:PrincipalTag/team": "blue"}}))
case("for-any-value-match", MULTICOND, "Allow", context={"aws:TagKeys": ["team", "env"]},
     identity=cond({"ForAnyValue:StringEquals": {"aws:TagKeys": ["env"]}}))
case("for-any-value-no-match", MULTICOND, "ImplicitDeny", context={"aws:TagKeys": ["team"]},
     identity=cond({"ForAnyValue:StringEquals": {"aws:TagKeys": ["env"]}}))
case("for-any-value-absent-false", MULTICOND, "ImplicitDeny",
     identity=cond({"ForAnyValue:StringEquals": {"aws:TagKeys": ["env"]}}))
case("for-any-value-empty-false", MULTICOND, "ImplicitDeny", context={"aws:TagKeys": []},
     identity=cond({"ForAnyValue:StringEquals": {"aws:TagKeys": ["env"]}}))
case("for-all-values-subset", MULTICOND, "Allow", context={"aws:TagKeys": ["team", "env"]},
     identity=cond({"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env", "owner"]}}))
case("for-all-values-not-subset", MULTICOND, "ImplicitDeny", context={"aws:TagKeys": ["team", "cost"]},
     identity=cond({"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}))
case("for-all-values-absent-vacuous-true", MULTICOND, "Allow",
     identity=cond({"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}))
case("for-all-values-string-not-equals", MULTICOND, "ExplicitDeny", context={"aws:TagKeys": ["a", "b"]},
     identity=[ALLOW_ALL, pol(deny("s3:*", Condition={"ForAllValues:StringNotEquals": {"aws:TagKeys": ["x"]}}))])
case("for-any-value-string-not-equals", MULTICOND, "Allow", context={"aws:TagKeys": ["x"]},
     identity=[ALLOW_ALL, pol(deny("s3:*", Condition={"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["x"]}}))])
case("for-any-value-string-like", MULTICOND, "Allow", context={"aws:TagKeys": ["cost-center"]},
     identity=cond({"ForAnyValue:StringLike": {"aws:TagKeys": ["cost-*"]}}))
case("for-all-values-single-valued-key", MULTI, "Allow", context={"aws:RequestedRegion": "eu-west-1"},
     identity=cond({"ForAllValues:StringEquals": {"aws:RequestedRegion": ["eu-west-1"]}}))
case("binary-equals", OPERATORS, "Allow", context={"key": "QmluYXJ5VmFsdWU="},
     identity=cond({"BinaryEquals": {"key": "QmluYXJ5VmFsdWU="}}))
case("unknown-operator-never-holds", OPERATORS, "ImplicitDeny", context={"s3:prefix": "a"},
     identity=cond({"StringEqualz": {"s3:prefix": "a"}}), warn="unknown-operator")
case("operator-name-case-sensitive", OPERATORS, "ImplicitDeny", context={"s3:prefix": "a"},
     identity=cond({"stringequals": {"s3:prefix": "a"}}))
case("derived-username", GLOBALKEYS, "Allow",
     identity=cond({"StringEquals": {"aws:username": "alice"}}))
case("derived-username-absent-for-role", GLOBALKEYS, "ImplicitDeny", principal=SESS,
     identity=cond({"StringEquals": {"aws:username": "app"}}))
case("derived-principal-type", GLOBALKEYS, "Allow", principal=SESS,
     identity=cond({"StringEquals": {"aws:PrincipalType": "AssumedRole"}}))
case("derived-principal-account", GLOBALKEYS, "Allow",
     identity=cond({"StringEquals": {"aws:PrincipalAccount": A}}))
case("derived-principal-arn-of-session-is-role", GLOBALKEYS, "Allow", principal=SESS,
     identity=cond({"ArnEquals": {"aws:PrincipalArn": ROLE}}))
case("context-overrides-derived", GLOBALKEYS, "Allow", principal=SESS,
     context={"aws:PrincipalArn": ROLE_PATH},
     identity=cond({"ArnLike": {"aws:PrincipalArn": f"arn:aws:iam::{A}:role/team/*"}}))
case("derived-principal-is-aws-service-false", GLOBALKEYS, "Allow",
     identity=cond({"Bool": {"aws:PrincipalIsAWSService": "false"}}))

# ---- L. policy variables -----------------------------------------------------------------------
case("variable-username-own-folder", VARIABLES, "Allow", resource="arn:aws:s3:::bucket/home/alice/f",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*"))])
case("variable-username-other-folder", VARIABLES, "ImplicitDeny", resource="arn:aws:s3:::bucket/home/bob/f",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*"))])
case("variable-literal-in-2008", VERSION, "ImplicitDeny", resource="arn:aws:s3:::bucket/home/alice/f",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*"),
                   version="2008-10-17")], peer="Allow")
case("variable-literal-without-version", VERSION, "ImplicitDeny", resource="arn:aws:s3:::bucket/home/alice/f",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*"),
                   version=None)], peer="Allow")
case("variable-literal-text-matches-in-2008", VERSION, "Allow",
     resource="arn:aws:s3:::bucket/home/${aws:username}/f",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*"),
                   version="2008-10-17")])
case("variable-default-value", VARIABLES, "Allow", resource="arn:aws:s3:::bucket/company-wide/f",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'company-wide'}/*"))])
case("variable-missing-matches-nothing", VARIABLES, "ImplicitDeny", principal=SESS,
     resource="arn:aws:s3:::bucket/home//f", warn="variable-missing",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*"))])
EC2_I1 = f"arn:aws:ec2:us-east-1:{A}:instance/i-1"
case("variable-principal-tag-in-condition", VARIABLES, "Allow", action="ec2:StopInstances",
     resource=EC2_I1, context={"aws:PrincipalTag/team": "blue", "aws:ResourceTag/team": "blue"},
     identity=[pol(allow("ec2:StopInstances", Condition={"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}))])
case("variable-principal-tag-mismatch", VARIABLES, "ImplicitDeny", action="ec2:StopInstances",
     resource=EC2_I1, context={"aws:PrincipalTag/team": "blue", "aws:ResourceTag/team": "red"},
     identity=[pol(allow("ec2:StopInstances", Condition={"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}))])
case("variable-special-star-literal", VARIABLES, "Allow", resource="arn:aws:s3:::bucket/a*b",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::bucket/a${*}b"))])
case("variable-special-star-not-wildcard", VARIABLES, "ImplicitDeny", resource="arn:aws:s3:::bucket/axxb",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::bucket/a${*}b"))])
case("variable-in-string-like", VARIABLES, "Allow", context={"s3:prefix": "home/alice/x"},
     identity=cond({"StringLike": {"s3:prefix": "home/${aws:username}/*"}}))
case("variable-missing-negated-operator-matches", VARIABLES, "ExplicitDeny", principal=SESS,
     context={"s3:prefix": "home/x"},
     identity=[ALLOW_ALL, pol(deny("s3:*", Condition={"StringNotLike": {"s3:prefix": "home/${aws:username}/*"}}))])
case("variable-value-is-literal", VARIABLES, "ImplicitDeny",
     context={"aws:PrincipalTag/p": "*", "s3:prefix": "anything"},
     identity=cond({"StringLike": {"s3:prefix": "${aws:PrincipalTag/p}"}}))
case("variable-userid-root", VARIABLES, "Allow", principal=ROOT,
     resource=f"arn:aws:s3:::bucket/{A}/x",
     identity=[pol(allow("s3:GetObject", "arn:aws:s3:::bucket/${aws:userid}/*"))])

# ---- M. grammar --------------------------------------------------------------------------------
case("single-statement-object", GRAMMAR, "Allow",
     identity=[{"Version": "2012-10-17", "Statement": allow("s3:GetObject")}])
case("policy-as-json-string", GRAMMAR, "Allow", principal=None,
     resource_policy=json.dumps(pol(allow("s3:GetObject", "arn:aws:s3:::bucket/*", Principal="*"))))
case("policy-url-encoded", UG + "access_policies_manage-attach-detach.html", "Allow",
     identity=["%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22%2A%22%7D%7D"])
case("effect-case-sensitive-error", UG + "reference_policies_elements_effect.html", "error",
     identity=[pol({"Effect": "allow", "Action": "*", "Resource": "*"})])
case("action-and-notaction-error", GRAMMAR, "error",
     identity=[pol({"Effect": "Allow", "Action": "*", "NotAction": "s3:*", "Resource": "*"})])
case("missing-statement-error", GRAMMAR, "error", identity=[{"Version": "2012-10-17"}])
case("unknown-version-error", VERSION, "error",
     identity=[{"Version": "2012-10-18", "Statement": [allow()]}])
case("principal-string-not-star-error", PRINCIPAL, "error",
     resource_policy=pol(allow("s3:GetObject", OBJ, Principal=ALICE)))
case("bad-principal-in-request-error", PRINCIPAL, "error", principal="alice")
case("statement-sid-irrelevant", UG + "reference_policies_elements_sid.html", "Allow",
     identity=[pol(allow("s3:GetObject", Sid="Any text at all"))])


# What @cloud-copilot/iam-simulate 0.1.173 answers where it differs from the cited page, found
# by scripts/policy/differential.sh and checked against that page: the differential reports
# these as "documentation wins". (Cases above may also pin `peer` inline.)
PEER_KNOWN = {
    # SCPs do not apply to service-linked roles or service principals (Organizations UG).
    "scp-not-for-service-linked-role": "ExplicitDeny",
    "service-principal-not-subject-to-scp": "ExplicitDeny",
    # RCPs apply only to the services that support them.
    "rcp-not-for-unsupported-service": "ExplicitDeny",
    # Federated-user session ARN named in a resource policy: no cap (evaluation-logic table).
    "federated-user-session-grant": "ImplicitDeny",
    # The peer does not derive global keys from the principal (its README: "coming soon").
    "service-principal-is-aws-service-key": "ImplicitDeny",
    "derived-username": "ImplicitDeny",
    "derived-principal-type": "ImplicitDeny",
    "derived-principal-account": "ImplicitDeny",
    "derived-principal-arn-of-session-is-role": "ImplicitDeny",
    "derived-principal-is-aws-service-false": "ImplicitDeny",
    "variable-username-own-folder": "ImplicitDeny",
    "variable-in-string-like": "ImplicitDeny",
    "variable-missing-negated-operator-matches": "Allow",
    "variable-userid-root": "ImplicitDeny",
    # A role cannot be assumed without its trust policy allowing it.
    "trust-missing-identity-allow-not-enough": "Allow",
    # The account root user: allowed in its own account unless denied; KMS needs the key policy.
    "kms-root-with-account-statement": "ImplicitDeny",
    "root-allowed-in-own-account": "ImplicitDeny",
    "root-bare-account-id": "ImplicitDeny",
    "root-cross-account-granted": "ImplicitDeny",
    # Deny+NotPrincipal exempts only principals listed with every parent (NotPrincipal page).
    "notprincipal-deny-other-user-denied": "Allow",
    # Before 2012-10-17, `${...}` is literal text, so it matches itself.
    "variable-literal-text-matches-in-2008": "ImplicitDeny",
    # Date operators accept epoch seconds on either side.
    "date-epoch-context-value": "ImplicitDeny",
    # BinaryEquals on a key the peer does not know for the action (it drops such keys).
    "binary-equals": "ImplicitDeny",
    # Operator names are case-sensitive; a misspelt one never matches.
    "operator-name-case-sensitive": "Allow",
    # A principal string other than "*" is invalid; so is an unparsable request principal.
    "principal-string-not-star-error": "Allow",
    "bad-principal-in-request-error": "ImplicitDeny",
}


def main():
    for c in CASES:
        if c["name"] in PEER_KNOWN and "peer" not in c:
            c["peer"] = PEER_KNOWN[c["name"]]
    unknown = set(PEER_KNOWN) - {c["name"] for c in CASES}
    if unknown:
        raise SystemExit(f"PEER_KNOWN names unknown cases: {sorted(unknown)}")
    names = [c["name"] for c in CASES]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise SystemExit(f"duplicate case names: {sorted(dup)}")
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "..", "crates", "policy", "tests", "conformance", "cases.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    doc = {
        "_generated": "by scripts/policy/gen_conformance.py; edit that script, then rerun it",
        "cases": CASES,
    }
    with open(out, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(CASES)} cases to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
