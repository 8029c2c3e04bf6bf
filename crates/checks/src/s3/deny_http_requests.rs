//! S3 bucket policies deny requests that do not use TLS.
//!
//! ## What it checks
//! Every bucket of the account (`s3 ListBuckets`) and its policy (`s3 GetBucketPolicy`). The
//! policy engine evaluates, against the bucket policy, an `s3:GetObject` and an `s3:PutObject`
//! request on an object of the bucket, sent over plain HTTP (`aws:SecureTransport` = `false`)
//! by a principal of the bucket's own account whose identity policy allows everything. The
//! bucket passes only when both requests end in an **explicit deny** from the bucket policy: a
//! `Deny` on `s3:*` (or `*`) with `"Bool": {"aws:SecureTransport": "false"}` for every
//! principal does, however it is spelled (`NotAction`, list values, `NumericLessThan` on
//! `s3:TlsVersion` alone does not). A bucket without a policy fails. A policy that could not be
//! read or parsed is UNKNOWN.
//!
//! ## Why it matters
//! Without the deny, any client may read and write objects over plain HTTP, where anyone on the
//! path can see and change the data and the request signature.
//!
//! ## Remediation
//! Add a statement like this one to the bucket policy (merge it with the existing statements):
//! ```sh
//! aws s3api put-bucket-policy --bucket acme-data --policy '{"Version":"2012-10-17","Statement":[{
//!   "Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",
//!   "Resource":["arn:aws:s3:::acme-data","arn:aws:s3:::acme-data/*"],
//!   "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}'
//! ```
//! Terraform: the same statement in `aws_s3_bucket_policy`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5

use crate::prelude::*;
use crate::support::s3::each_bucket;
use rampart_policy::{Decision, ExplainKind, NamedPolicy, Policy, PolicySet, Principal, Request};
use std::sync::LazyLock;

pub static CHECK: Check = Check {
    id: "s3.deny_http_requests",
    title: "S3 bucket policies deny requests that do not use TLS",
    severity: Severity::Medium,
    resource_type: ResourceType::S3Bucket,
    compliance: &[cis("2.1.1"), fsbp("S3.5")],
    related: &["s3.bucket_public_read"],
    lifecycle: Lifecycle::Stable,
    run,
};

static ALLOW_ALL: LazyLock<Option<Policy>> = LazyLock::new(|| {
    Policy::parse_str(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
    )
    .ok()
});

/// The requests that must be denied.
const ACTIONS: [&str; 2] = ["s3:GetObject", "s3:PutObject"];

/// For each probe action: `Ok(Some(statement))` denied by that statement, `Ok(None)` not
/// denied; `Err` when the policy cannot be evaluated.
fn http_denials(
    policy_text: &str,
    bucket_arn: &str,
    account: &str,
    partition: &str,
) -> Result<Vec<(&'static str, Option<String>)>, String> {
    let policy = Policy::parse_str(policy_text).map_err(|e| e.to_string())?;
    let allow_all = ALLOW_ALL
        .as_ref()
        .ok_or("internal: the probe identity policy does not parse")?;
    let principal = Principal::parse(Some(&format!(
        "arn:{partition}:iam::{account}:role/rampart-probe"
    )))
    .map_err(|e| format!("internal: probe principal: {e}"))?;
    let set = PolicySet {
        identity: vec![NamedPolicy::new(
            "caller's own policy (allows everything)",
            allow_all,
        )],
        resource: Some(NamedPolicy::new("bucket policy", &policy)),
        resource_kind: None,
        permissions_boundary: None,
        session: None,
        scps: vec![],
        rcps: vec![],
    };
    let object = format!("{bucket_arn}/rampart-probe-object");
    let mut out = Vec::new();
    for action in ACTIONS {
        let ctx = rampart_policy::Context::new()
            .with("aws:SecureTransport", "false")
            .with("aws:SourceIp", "198.51.100.23");
        let req = Request::new(principal.clone(), action, &object)
            .with_resource_account(Some(account))
            .with_context(ctx);
        let ev = rampart_policy::evaluate(&req, &set);
        let by = (ev.decision == Decision::ExplicitDeny).then(|| {
            ev.explain
                .iter()
                .find(|e| e.kind == ExplainKind::ExplicitDeny)
                .and_then(|e| e.statement.as_ref())
                .map_or_else(|| "a statement".to_string(), |s| s.to_string())
        });
        out.push((action, by));
    }
    Ok(out)
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each_bucket(cx, out, "which S3 buckets exist", |out, b, res| {
        let doc = match &b.policy {
            Ok(Some(d)) => d,
            Ok(None) => {
                return out.fail(
                    res,
                    format!("bucket `{}` has no bucket policy, so requests over plain HTTP are not denied", b.name),
                    json!({"policy": null}),
                );
            }
            Err(g) => return out.unknown(res, "whether the bucket policy denies HTTP", g),
        };
        match http_denials(doc.as_str(), &b.arn, &inv.account_id, &inv.partition) {
            Err(e) => out.push_unknown_message(
                res,
                format!("the policy of bucket `{}` cannot be evaluated: {e}", b.name),
                json!({"error": e}),
            ),
            Ok(results) => {
                let ev = json!({
                    "probe": {"aws:SecureTransport": "false", "principal": "a role of this account allowed everything"},
                    "results": results.iter().map(|(a, by)| json!({"action": a, "explicit_deny": by})).collect::<Vec<_>>(),
                });
                let open: Vec<&str> = results
                    .iter()
                    .filter(|(_, by)| by.is_none())
                    .map(|(a, _)| *a)
                    .collect();
                if open.is_empty() {
                    let by = results
                        .first()
                        .and_then(|(_, b)| b.clone())
                        .unwrap_or_default();
                    out.pass(
                        res,
                        format!("bucket `{}` denies requests over plain HTTP ({by})", b.name),
                        ev,
                    );
                } else {
                    out.fail(
                        res,
                        format!(
                            "the policy of bucket `{}` does not deny {} over plain HTTP (no Deny on `aws:SecureTransport` = false covers it)",
                            b.name,
                            open.join(" and ")
                        ),
                        ev,
                    );
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    fn list() -> Value {
        call(
            "s3",
            "ListBuckets",
            Some("us-east-1"),
            json!({}),
            json!({"Buckets": [{"Name": "acme-data", "CreationDate": "2024-01-02T03:04:05+00:00"}],
                    "Owner": {"DisplayName": "acme", "ID": "abc"}}),
        )
    }

    fn with_policy(statements: Value) -> Vec<Value> {
        let p = json!({"Version": "2012-10-17", "Statement": statements});
        vec![
            list(),
            call(
                "s3",
                "GetBucketPolicy",
                Some("us-east-1"),
                json!({"Bucket": "acme-data"}),
                json!({"Policy": p.to_string()}),
            ),
        ]
    }

    fn run_one(calls: Vec<Value>) -> (Status, String) {
        let o = outcomes(&CHECK, &inventory(calls));
        assert_eq!(o.len(), 1, "{o:#?}");
        (o[0].status, o[0].message.clone())
    }

    #[test]
    fn passes_deny_on_insecure_transport_in_any_spelling() {
        for st in [
            json!({"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                   "Resource": ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"],
                   "Condition": {"Bool": {"aws:SecureTransport": "false"}}}),
            json!({"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": ["s3:Get*", "s3:Put*"],
                   "Resource": "arn:aws:s3:::acme-data/*",
                   "Condition": {"Bool": {"aws:SecureTransport": ["false"]}}}),
            json!({"Effect": "Deny", "Principal": "*", "NotAction": "s3:ListBucket", "Resource": "*",
                   "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}}}),
        ] {
            let (s, m) = run_one(with_policy(json!([st])));
            assert_eq!(s, Status::Pass, "{st}: {m}");
        }
    }

    #[test]
    fn fails_without_policy_or_with_partial_or_wrong_deny() {
        let (s, m) = run_one(vec![
            list(),
            error(
                "s3",
                "GetBucketPolicy",
                Some("us-east-1"),
                json!({"Bucket": "acme-data"}),
                "NoSuchBucketPolicy",
            ),
        ]);
        assert_eq!(s, Status::Fail);
        assert!(m.contains("no bucket policy"), "{m}");
        // Only reads are denied.
        let (s, m) = run_one(with_policy(
            json!([{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::acme-data/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]),
        ));
        assert_eq!(s, Status::Fail);
        assert!(
            m.contains("s3:PutObject") && !m.contains("s3:GetObject"),
            "{m}"
        );
        // An Allow that requires TLS is not a deny.
        let (s, _) = run_one(with_policy(
            json!([{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
            "Action": "s3:*", "Resource": "arn:aws:s3:::acme-data/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]),
        ));
        assert_eq!(s, Status::Fail);
        // The deny names another bucket.
        let (s, _) = run_one(with_policy(
            json!([{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": "arn:aws:s3:::other/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]),
        ));
        assert_eq!(s, Status::Fail);
    }

    #[test]
    fn unknown_when_policy_denied_or_unparseable_or_no_list() {
        let (s, m) = run_one(vec![
            list(),
            error(
                "s3",
                "GetBucketPolicy",
                Some("us-east-1"),
                json!({"Bucket": "acme-data"}),
                "AccessDenied",
            ),
        ]);
        assert_eq!(s, Status::Unknown);
        assert!(m.contains("denied"), "{m}");
        let (s, _) = run_one(with_policy(
            json!([{"Effect": "Sometimes", "Principal": "*", "Action": "s3:*", "Resource": "*"}]),
        ));
        assert_eq!(s, Status::Unknown);
        let (s, _) = run_one(vec![list()]);
        assert_eq!(s, Status::Unknown);
        let (s, _) = run_one(vec![]);
        assert_eq!(s, Status::Unknown);
    }
}
