//! S3 buckets have at least one enabled lifecycle rule.
//!
//! ## What it checks
//! Every bucket of the account (`s3 ListBuckets`) and its lifecycle configuration
//! (`s3 GetBucketLifecycleConfiguration`): at least one rule must have `Status` `Enabled`. A
//! bucket with no lifecycle configuration (`NoSuchLifecycleConfiguration`), or whose rules are
//! all `Disabled`, fails. A bucket whose lifecycle configuration could not be read is UNKNOWN.
//! Like Security Hub S3.13 without its optional parameters (`targetTransitionDays`,
//! `targetExpirationDays`, `targetTransitionStorageClass`), any enabled rule passes, whatever
//! its actions.
//!
//! ## Why it matters
//! Without lifecycle rules, every object (and every incomplete multipart upload) stays until
//! someone deletes it: data outlives its retention period, and cost and exposure grow with it.
//!
//! ## Remediation
//! ```sh
//! aws s3api put-bucket-lifecycle-configuration --bucket acme-data --lifecycle-configuration \
//!   '{"Rules":[{"ID":"tiering","Status":"Enabled","Filter":{"Prefix":""},
//!     "Transitions":[{"Days":30,"StorageClass":"STANDARD_IA"}],
//!     "AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7}}]}'
//! ```
//! Terraform: `aws_s3_bucket_lifecycle_configuration` with a `rule { status = "Enabled" ... }`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-13

use crate::prelude::*;
use crate::support::s3::each_bucket;
use rampart_model::inventory::s3::LifecycleRule;

pub static CHECK: Check = Check {
    id: "s3.lifecycle_configured",
    title: "S3 buckets have a lifecycle configuration",
    severity: Severity::Low,
    resource_type: ResourceType::S3Bucket,
    compliance: &[fsbp("S3.13")],
    related: &["s3.versioned_lifecycle"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// The rules as evidence: ID, status and actions of each.
pub(crate) fn rules_evidence(rules: &[LifecycleRule]) -> serde_json::Value {
    json!({"Rules": rules
        .iter()
        .map(|r| json!({"ID": r.id, "Status": r.status, "Actions": r.actions}))
        .collect::<Vec<_>>()})
}

/// The ID (or position) of the first enabled rule, if any.
pub(crate) fn first_enabled(rules: &[LifecycleRule]) -> Option<String> {
    rules
        .iter()
        .position(LifecycleRule::enabled)
        .map(|i| match &rules[i].id {
            Some(id) if !id.is_empty() => format!("`{id}`"),
            _ => format!("#{}", i + 1),
        })
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_bucket(cx, out, "which S3 buckets exist", |out, b, res| {
        let rules = match &b.lifecycle {
            Ok(r) => r,
            Err(g) => return out.unknown(res, "whether lifecycle rules are configured", g),
        };
        let ev = rules_evidence(rules);
        match first_enabled(rules) {
            Some(rule) => out.pass(
                res,
                format!("bucket `{}` has enabled lifecycle rule {rule}", b.name),
                ev,
            ),
            None if rules.is_empty() => out.fail(
                res,
                format!("bucket `{}` has no lifecycle configuration", b.name),
                ev,
            ),
            None => out.fail(
                res,
                format!(
                    "bucket `{}` has {} lifecycle rule(s), all disabled",
                    b.name,
                    rules.len()
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
    fn pass_fail_unknown() {
        let list = call(
            "s3",
            "ListBuckets",
            Some("us-east-1"),
            json!({}),
            json!({"Buckets": [{"Name": "a"}, {"Name": "b"}, {"Name": "c"}, {"Name": "d"}, {"Name": "e"}]}),
        );
        let lc = |b: &str, r: serde_json::Value| {
            call(
                "s3",
                "GetBucketLifecycleConfiguration",
                Some("us-east-1"),
                json!({"Bucket": b}),
                r,
            )
        };
        let inv = inventory(vec![
            list,
            lc(
                "a",
                json!({"Rules": [
                    {"ID": "off", "Filter": {"Prefix": ""}, "Status": "Disabled",
                     "Expiration": {"Days": 30}},
                    {"ID": "tiering", "Filter": {"Prefix": ""}, "Status": "Enabled",
                     "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}]}]}),
            ),
            lc(
                "b",
                json!({"Rules": [{"ID": "off", "Filter": {"Prefix": ""}, "Status": "Disabled",
                    "Expiration": {"Days": 30}}]}),
            ),
            error(
                "s3",
                "GetBucketLifecycleConfiguration",
                Some("us-east-1"),
                json!({"Bucket": "c"}),
                "NoSuchLifecycleConfiguration",
            ),
            error(
                "s3",
                "GetBucketLifecycleConfiguration",
                Some("us-east-1"),
                json!({"Bucket": "d"}),
                "AccessDenied",
            ),
        ]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            [
                ("a".into(), Status::Pass),
                ("b".into(), Status::Fail),
                ("c".into(), Status::Fail),
                ("d".into(), Status::Unknown),
                ("e".into(), Status::Unknown),
            ]
        );
        assert!(o[0].message.contains("`tiering`"), "{}", o[0].message);
        assert!(o[1].message.contains("all disabled"), "{}", o[1].message);
        assert!(o[2].message.contains("no lifecycle configuration"));
        assert!(o[4].message.contains("not collected"), "{}", o[4].message);
    }

    #[test]
    fn rule_without_id_is_named_by_position() {
        let rules = [LifecycleRule {
            id: None,
            status: "Enabled".into(),
            actions: vec!["Expiration"],
        }];
        assert_eq!(first_enabled(&rules).as_deref(), Some("#1"));
    }
}
