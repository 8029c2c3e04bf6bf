//! S3 bucket policies do not let other AWS accounts change the bucket's permissions.
//!
//! ## What it checks
//! Each bucket policy (`s3api get-bucket-policy`), through the policy engine: no principal of
//! another AWS account may perform the actions Security Hub lists as sensitive —
//! `s3:DeleteBucketPolicy`, `s3:PutBucketAcl`, `s3:PutBucketPolicy`,
//! `s3:PutEncryptionConfiguration` (on the bucket) and `s3:PutObjectAcl` (on an object under each
//! object path the policy names, or any object). Two
//! kinds of caller are evaluated, each with an identity policy that allows everything, as an
//! outsider's own account would:
//! - each account the policy names in an `Allow` statement's `Principal` other than this one
//!   (the named principal itself and any other principal of that account), and
//! - a principal of an account nobody named (`999988887777`) and an anonymous caller, as in the
//!   public-access checks, so `"Principal": "*"` grants count unless a condition really
//!   restricts them (`aws:PrincipalOrgID`, a fixed `aws:SourceArn`, ...).
//!
//! A bucket without a policy passes. A policy the engine cannot parse, or a bucket whose policy
//! could not be read, is UNKNOWN.
//!
//! ## Why it matters
//! These actions change who can access the bucket and how its data is encrypted. Another account
//! that holds them can make the bucket public, lock the owner out, or switch encryption to a key
//! it controls.
//!
//! ## Remediation
//! Remove the sensitive actions from statements naming other accounts (grant object reads or
//! writes only), then put the policy back:
//! ```sh
//! aws s3api put-bucket-policy --bucket acme-data --policy file://policy.json
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-6
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-walkthroughs-managing-access-example2.html

use crate::prelude::*;
use crate::support::exposure::{ExposureOptions, resource_policy_exposure};
use crate::support::s3::{each_bucket, object_probes};
use rampart_model::PolicyDocument;
use rampart_policy::{
    Context as PolicyContext, Decision, Effect, NamedPolicy, Policy, PolicySet, Principal, Request,
};
use std::sync::LazyLock;

pub static CHECK: Check = Check {
    id: "s3.cross_account_policy_actions",
    title: "S3 permissions granted to other AWS accounts in bucket policies are restricted",
    severity: Severity::High,
    resource_type: ResourceType::S3Bucket,
    compliance: &[fsbp("S3.6")],
    related: &["s3.bucket_public_write"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// Bucket-level actions the control names.
const BUCKET_ACTIONS: [&str; 4] = [
    "s3:DeleteBucketPolicy",
    "s3:PutBucketAcl",
    "s3:PutBucketPolicy",
    "s3:PutEncryptionConfiguration",
];
/// Object-level action the control names.
const OBJECT_ACTIONS: [&str; 1] = ["s3:PutObjectAcl"];

/// The identity policy of an outside caller: everything (its account's admins decide).
static ALLOW_ALL: LazyLock<Option<Policy>> = LazyLock::new(|| {
    Policy::parse_str(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
    )
    .ok()
});

/// One sensitive action another account may perform.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CrossGrant {
    account: String,
    caller: String,
    action: String,
}

/// The accounts other than `own` that `Allow` statements name, with the principal strings that
/// name them (`111122223333`, `arn:aws:iam::111122223333:role/x`).
fn named_accounts(policy: &Policy, own: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for st in policy
        .statements
        .iter()
        .filter(|s| s.effect == Effect::Allow)
    {
        let Some(pb) = st.principal.as_ref().filter(|p| !p.negated) else {
            continue;
        };
        for v in &pb.principals.aws {
            let account = if v.len() == 12 && v.bytes().all(|c| c.is_ascii_digit()) {
                Some(v.as_str())
            } else if v.starts_with("arn:") {
                v.split(':').nth(4).filter(|a| !a.is_empty())
            } else {
                None
            };
            if let Some(a) = account
                && a != own
                && !out.iter().any(|(x, y): &(String, String)| x == a && y == v)
            {
                out.push((a.to_string(), v.clone()));
            }
        }
    }
    out
}

/// What principals of other named accounts may do among the sensitive actions.
fn named_account_grants(
    policy: &Policy,
    own: &str,
    partition: &str,
    bucket_arn: &str,
) -> Result<Vec<CrossGrant>, String> {
    let Some(allow_all) = ALLOW_ALL.as_ref() else {
        return Err("internal: the probe identity policy does not parse".into());
    };
    let objects = object_probes(bucket_arn, policy);
    let mut out: Vec<CrossGrant> = Vec::new();
    for (account, named) in named_accounts(policy, own) {
        let mut callers = Vec::new();
        if !named.contains('*') && !named.contains('?') {
            callers.push(named.clone());
        }
        callers.push(format!("arn:{partition}:iam::{account}:role/rampart-probe"));
        for caller in callers {
            let Ok(principal) = Principal::parse(Some(&caller)) else {
                continue;
            };
            let set = PolicySet {
                identity: vec![NamedPolicy::new(
                    "the other account's own policy",
                    allow_all,
                )],
                resource: Some(NamedPolicy::new("bucket policy", policy)),
                resource_kind: None,
                permissions_boundary: None,
                session: None,
                scps: vec![],
                rcps: vec![],
            };
            let probes = BUCKET_ACTIONS.iter().map(|a| (*a, bucket_arn)).chain(
                OBJECT_ACTIONS
                    .iter()
                    .flat_map(|a| objects.iter().map(move |o| (*a, o.as_str()))),
            );
            for (action, resource) in probes {
                if out
                    .iter()
                    .any(|g| g.account == account && g.action == action)
                {
                    continue;
                }
                let ctx = PolicyContext::new()
                    .with("aws:SecureTransport", "true")
                    .with("aws:SourceIp", "198.51.100.23");
                let req = Request::new(principal.clone(), action, resource)
                    .with_resource_account(Some(own))
                    .with_context(ctx);
                if rampart_policy::evaluate(&req, &set).decision == Decision::Allow {
                    out.push(CrossGrant {
                        account: account.clone(),
                        caller: caller.clone(),
                        action: action.to_string(),
                    });
                }
            }
        }
    }
    Ok(out)
}

/// Every grant of a sensitive action to another account: named accounts first, then an
/// account nobody named and anonymous callers (through the shared exposure probes).
fn cross_account_grants(
    cx: &Context<'_>,
    doc: &PolicyDocument,
    bucket_arn: &str,
) -> Result<Vec<CrossGrant>, String> {
    let policy = Policy::parse_str(doc.as_str()).map_err(|e| e.to_string())?;
    let own = cx.inv.account_id.as_str();
    let mut grants = named_account_grants(&policy, own, &cx.inv.partition, bucket_arn)?;
    // Only a statement open to everyone (`Principal` `*`, or `NotPrincipal`) can grant an
    // account nobody named or an anonymous caller: without one, the outsider probes would
    // find nothing, so they are skipped.
    let open = policy.statements.iter().any(|s| {
        s.effect == Effect::Allow
            && s.principal
                .as_ref()
                .is_some_and(|p| p.negated || p.principals.any)
    });
    if !open {
        return Ok(grants);
    }
    let objects = object_probes(bucket_arn, &policy);
    let probes = std::iter::once((&BUCKET_ACTIONS[..], bucket_arn))
        .chain(objects.iter().map(|o| (&OBJECT_ACTIONS[..], o.as_str())));
    for (actions, arn) in probes {
        let e = resource_policy_exposure(doc, arn, own, actions, ExposureOptions::default())?;
        for g in e.grants {
            if grants
                .iter()
                .any(|x| x.account == g.caller.describe() && x.action == g.action)
            {
                continue;
            }
            grants.push(CrossGrant {
                account: g.caller.describe().to_string(),
                caller: g.statement,
                action: g.action,
            });
        }
    }
    Ok(grants)
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_bucket(
        cx,
        out,
        "which bucket policies grant other accounts",
        |out, b, res| {
            let doc = match &b.policy {
                Ok(Some(d)) => d,
                Ok(None) => {
                    return out.pass(
                        res,
                        format!("bucket `{}` has no bucket policy", b.name),
                        json!({"policy": null}),
                    );
                }
                Err(g) => return out.unknown(res, "what the bucket policy grants", g),
            };
            match cross_account_grants(cx, doc, &b.arn) {
            Err(e) => out.push_unknown_message(
                res,
                format!("cannot tell what the policy of bucket `{}` grants: {e}", b.name),
                json!({"parse_error": e}),
            ),
            Ok(grants) if grants.is_empty() => out.pass(
                res,
                format!(
                    "the policy of bucket `{}` grants no other account the sensitive bucket actions",
                    b.name
                ),
                json!({"actions": BUCKET_ACTIONS.iter().chain(OBJECT_ACTIONS.iter()).collect::<Vec<_>>()}),
            ),
            Ok(grants) => {
                let mut by_account: Vec<(String, Vec<String>)> = Vec::new();
                for g in &grants {
                    match by_account.iter_mut().find(|(a, _)| *a == g.account) {
                        Some((_, acts)) => {
                            if !acts.contains(&g.action) {
                                acts.push(g.action.clone());
                            }
                        }
                        None => by_account.push((g.account.clone(), vec![g.action.clone()])),
                    }
                }
                let parts: Vec<String> = by_account
                    .iter()
                    .map(|(a, acts)| format!("{a} may {}", acts.join(", ")))
                    .collect();
                let ev: Vec<_> = grants
                    .iter()
                    .map(|g| json!({"account": g.account, "via": g.caller, "action": g.action}))
                    .collect();
                out.fail(
                    res,
                    format!("the policy of bucket `{}` lets other accounts change it: {}", b.name, parts.join("; ")),
                    json!({"cross_account_grants": ev}),
                );
            }
        }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    fn bucket(policy: Option<Value>) -> Vec<Value> {
        let p = json!({"Bucket": "acme-data"});
        vec![
            call(
                "s3",
                "ListBuckets",
                Some("us-east-1"),
                json!({}),
                json!({"Buckets": [{"Name": "acme-data", "CreationDate": "2024-01-01T00:00:00+00:00"}]}),
            ),
            match policy {
                Some(st) => call(
                    "s3",
                    "GetBucketPolicy",
                    Some("us-east-1"),
                    p,
                    json!({"Policy": json!({"Version": "2012-10-17", "Statement": st}).to_string()}),
                ),
                None => error(
                    "s3",
                    "GetBucketPolicy",
                    Some("us-east-1"),
                    p,
                    "NoSuchBucketPolicy",
                ),
            },
        ]
    }

    fn run_one(policy: Option<Value>) -> (Status, String) {
        let o = outcomes(&CHECK, &inventory(bucket(policy)));
        assert_eq!(o.len(), 1, "{o:#?}");
        (o[0].status, o[0].message.clone())
    }

    #[test]
    fn fails_named_account_with_sensitive_actions() {
        let (s, m) = run_one(Some(json!([{"Sid": "Partner", "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": ["s3:GetObject", "s3:PutBucketPolicy", "s3:PutObject*"],
            "Resource": ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"]}])));
        assert_eq!(s, Status::Fail);
        assert!(
            m.contains("111122223333 may s3:PutBucketPolicy, s3:PutObjectAcl"),
            "{m}"
        );
        let (s, m) = run_one(Some(json!([{"Effect": "Allow",
            "Principal": {"AWS": ["arn:aws:iam::444455556666:role/backup"]},
            "Action": "s3:*", "Resource": "arn:aws:s3:::acme-data"}])));
        assert_eq!(s, Status::Fail);
        assert!(m.contains("444455556666"), "{m}");
    }

    #[test]
    fn fails_everyone_unless_restricted() {
        let open = json!([{"Effect": "Allow", "Principal": "*", "Action": "s3:PutBucketAcl",
                           "Resource": "arn:aws:s3:::acme-data"}]);
        assert_eq!(run_one(Some(open)).0, Status::Fail);
        let dropbox = json!([{"Sid": "DropBox", "Effect": "Allow", "Principal": "*",
                              "Action": ["s3:PutObject", "s3:PutObjectAcl"],
                              "Resource": "arn:aws:s3:::acme-data/incoming/*"}]);
        let (s, m) = run_one(Some(dropbox));
        assert_eq!(s, Status::Fail);
        assert!(m.contains("s3:PutObjectAcl"), "{m}");
        let org = json!([{"Effect": "Allow", "Principal": "*", "Action": "s3:PutBucketAcl",
                          "Resource": "arn:aws:s3:::acme-data",
                          "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]);
        assert_eq!(run_one(Some(org)).0, Status::Pass);
    }

    #[test]
    fn passes_reads_own_account_and_no_policy() {
        let reads = json!([{"Effect": "Allow", "Principal": {"AWS": "111122223333"},
                            "Action": ["s3:GetObject", "s3:ListBucket"],
                            "Resource": ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"]},
                           {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/admin"},
                            "Action": "s3:*", "Resource": ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"]},
                           {"Effect": "Deny", "Principal": "*", "Action": "s3:*",
                            "Resource": ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"],
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]);
        assert_eq!(run_one(Some(reads)).0, Status::Pass);
        assert_eq!(run_one(None).0, Status::Pass);
    }

    #[test]
    fn unknown_when_policy_denied() {
        let mut calls = bucket(None);
        calls[1] = error(
            "s3",
            "GetBucketPolicy",
            Some("us-east-1"),
            json!({"Bucket": "acme-data"}),
            "AccessDenied",
        );
        assert_eq!(only(&outcomes(&CHECK, &inventory(calls))), Status::Unknown);
    }
}
