//! S3 buckets with versioning enabled have a lifecycle configuration.
//!
//! ## What it checks
//! Every bucket of the account (`s3 ListBuckets`) whose versioning (`s3 GetBucketVersioning`)
//! `Status` is `Enabled`: its lifecycle configuration (`s3 GetBucketLifecycleConfiguration`)
//! must have at least one rule with `Status` `Enabled`. Buckets whose versioning is `Suspended`
//! or was never enabled are not judged (no finding). A bucket whose versioning, or (when
//! versioned) whose lifecycle configuration, could not be read is UNKNOWN. Like Security Hub
//! S3.10 (AWS Config `s3-version-lifecycle-policy-check`, no parameters), any enabled rule
//! passes; the rule this check's remediation suggests expires noncurrent versions, which is
//! what bounds a versioned bucket's growth.
//!
//! ## Why it matters
//! A versioned bucket keeps every overwritten and deleted object as a noncurrent version. With
//! no lifecycle rule they are never removed: storage grows without bound, and data that was
//! meant to be deleted is still there to leak.
//!
//! ## Remediation
//! ```sh
//! aws s3api put-bucket-lifecycle-configuration --bucket acme-data --lifecycle-configuration \
//!   '{"Rules":[{"ID":"noncurrent","Status":"Enabled","Filter":{"Prefix":""},
//!     "NoncurrentVersionExpiration":{"NoncurrentDays":90},
//!     "Expiration":{"ExpiredObjectDeleteMarker":true}}]}'
//! ```
//! Terraform: `aws_s3_bucket_lifecycle_configuration` with a `rule { status = "Enabled"
//! noncurrent_version_expiration { noncurrent_days = 90 } }`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-configuration-examples.html
//! - https://docs.aws.amazon.com/config/latest/developerguide/s3-version-lifecycle-policy-check.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-10

use super::lifecycle_configured::{first_enabled, rules_evidence};
use crate::prelude::*;
use crate::support::s3::each_bucket;

pub static CHECK: Check = Check {
    id: "s3.versioned_lifecycle",
    title: "S3 buckets with versioning enabled have a lifecycle configuration",
    severity: Severity::Medium,
    resource_type: ResourceType::S3Bucket,
    compliance: &[fsbp("S3.10")],
    related: &["s3.lifecycle_configured", "s3.versioning"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_bucket(cx, out, "which S3 buckets exist", |out, b, res| {
        match &b.versioning {
            Ok(v) if v.enabled() => {}
            Ok(_) => return,
            Err(g) => return out.unknown(res, "whether versioning is on", g),
        }
        let rules = match &b.lifecycle {
            Ok(r) => r,
            Err(g) => return out.unknown(res, "whether lifecycle rules are configured", g),
        };
        let ev = rules_evidence(rules);
        match first_enabled(rules) {
            Some(rule) => out.pass(
                res,
                format!(
                    "versioned bucket `{}` has enabled lifecycle rule {rule}",
                    b.name
                ),
                ev,
            ),
            None if rules.is_empty() => out.fail(
                res,
                format!(
                    "versioned bucket `{}` has no lifecycle configuration: noncurrent versions are kept forever",
                    b.name
                ),
                ev,
            ),
            None => out.fail(
                res,
                format!(
                    "versioned bucket `{}` has lifecycle rules, all disabled",
                    b.name
                ),
                ev,
            ),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn only_versioned_buckets_are_judged() {
        let names = ["a", "b", "c", "d", "e", "f", "g"];
        let list = call(
            "s3",
            "ListBuckets",
            Some("us-east-1"),
            json!({}),
            json!({"Buckets": names.iter().map(|n| json!({"Name": n})).collect::<Vec<_>>()}),
        );
        let v = |b: &str, r: serde_json::Value| {
            call(
                "s3",
                "GetBucketVersioning",
                Some("us-east-1"),
                json!({"Bucket": b}),
                r,
            )
        };
        let on = json!({"Status": "Enabled", "MFADelete": "Disabled"});
        let lc = |b: &str, r: serde_json::Value| {
            call(
                "s3",
                "GetBucketLifecycleConfiguration",
                Some("us-east-1"),
                json!({"Bucket": b}),
                r,
            )
        };
        let no_lc = |b: &str, code: &str| {
            error(
                "s3",
                "GetBucketLifecycleConfiguration",
                Some("us-east-1"),
                json!({"Bucket": b}),
                code,
            )
        };
        let rule = |status: &str| {
            json!({"Rules": [{"ID": "noncurrent", "Filter": {"Prefix": ""}, "Status": status,
                "NoncurrentVersionExpiration": {"NoncurrentDays": 90}}]})
        };
        let inv = inventory(vec![
            list,
            // a: versioned with an enabled rule.
            v("a", on.clone()),
            lc("a", rule("Enabled")),
            // b: versioned, no lifecycle configuration.
            v("b", on.clone()),
            no_lc("b", "NoSuchLifecycleConfiguration"),
            // c: versioned, only a disabled rule.
            v("c", on.clone()),
            lc("c", rule("Disabled")),
            // d: versioned, lifecycle denied.
            v("d", on),
            no_lc("d", "AccessDenied"),
            // e: suspended, f: never versioned: not judged.
            v("e", json!({"Status": "Suspended", "MFADelete": "Disabled"})),
            no_lc("e", "NoSuchLifecycleConfiguration"),
            v("f", json!({})),
            // g: versioning unreadable.
            error(
                "s3",
                "GetBucketVersioning",
                Some("us-east-1"),
                json!({"Bucket": "g"}),
                "AccessDenied",
            ),
            lc("g", rule("Enabled")),
        ]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            [
                ("a".into(), Status::Pass),
                ("b".into(), Status::Fail),
                ("c".into(), Status::Fail),
                ("d".into(), Status::Unknown),
                ("g".into(), Status::Unknown),
            ]
        );
        assert!(o[0].message.contains("`noncurrent`"), "{}", o[0].message);
        assert!(o[1].message.contains("no lifecycle configuration"));
        assert!(o[2].message.contains("all disabled"));
        assert!(o[4].message.contains("versioning"), "{}", o[4].message);
    }
}
