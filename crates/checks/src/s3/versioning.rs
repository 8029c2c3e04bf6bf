//! S3 buckets have versioning enabled.
//!
//! ## What it checks
//! Every bucket of the account (`s3 ListBuckets`) and its versioning configuration
//! (`s3 GetBucketVersioning`): `Status` must be `Enabled`. A bucket whose versioning is
//! `Suspended`, or that never had versioning, fails. A bucket whose versioning could not be read
//! is UNKNOWN.
//!
//! ## Why it matters
//! Versioning keeps every version of every object, so an overwritten or deleted object (by
//! mistake, or by ransomware with stolen keys) can be restored.
//!
//! ## Remediation
//! ```sh
//! aws s3api put-bucket-versioning --bucket acme-data --versioning-configuration Status=Enabled
//! ```
//! Terraform: `aws_s3_bucket_versioning` with `versioning_configuration { status = "Enabled" }`.
//! Add a lifecycle rule that expires noncurrent versions to bound the cost.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-14

use crate::prelude::*;
use crate::support::s3::each_bucket;

pub static CHECK: Check = Check {
    id: "s3.versioning",
    title: "S3 buckets have versioning enabled",
    severity: Severity::Low,
    resource_type: ResourceType::S3Bucket,
    compliance: &[fsbp("S3.14")],
    related: &["s3.mfa_delete"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_bucket(cx, out, "which S3 buckets exist", |out, b, res| {
        let v = match &b.versioning {
            Ok(v) => v,
            Err(g) => return out.unknown(res, "whether versioning is on", g),
        };
        let ev = json!({"Status": v.status});
        match v.status.as_deref() {
            Some("Enabled") => out.pass(
                res,
                format!("bucket `{}` has versioning enabled", b.name),
                ev,
            ),
            Some(s) => out.fail(
                res,
                format!("bucket `{}` has versioning {}", b.name, s.to_lowercase()),
                ev,
            ),
            None => out.fail(
                res,
                format!("bucket `{}` has never had versioning enabled", b.name),
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
            json!({"Buckets": [{"Name": "a"}, {"Name": "b"}, {"Name": "c"}, {"Name": "d"}]}),
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
        let inv = inventory(vec![
            list,
            v("a", json!({"Status": "Enabled", "MFADelete": "Disabled"})),
            v("b", json!({"Status": "Suspended", "MFADelete": "Disabled"})),
            v("c", json!({})),
            error(
                "s3",
                "GetBucketVersioning",
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
                ("d".into(), Status::Unknown)
            ]
        );
        assert!(o[1].message.contains("suspended"));
        assert_eq!(o[0].resource.arn.as_deref(), Some("arn:aws:s3:::a"));
    }
}
