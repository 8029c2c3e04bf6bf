//! S3 buckets have MFA delete enabled.
//!
//! ## What it checks
//! Every bucket of the account (`s3 ListBuckets`) and its versioning configuration
//! (`s3 GetBucketVersioning`): `MFADelete` must be `Enabled`. MFA delete exists only on a
//! versioned bucket, so a bucket without versioning fails too. A bucket whose versioning could
//! not be read is UNKNOWN.
//!
//! ## Why it matters
//! With MFA delete, permanently deleting an object version or turning versioning off needs the
//! root user's MFA code, so stolen access keys cannot wipe the bucket's history.
//!
//! ## Remediation
//! Only the root user can enable it, with its MFA device, from the CLI:
//! ```sh
//! aws s3api put-bucket-versioning --bucket acme-data \
//!   --versioning-configuration Status=Enabled,MFADelete=Enabled \
//!   --mfa "arn:aws:iam::123456789012:mfa/root-account-mfa-device 123456"
//! ```
//! Terraform: `mfa_delete = "Enabled"` in `aws_s3_bucket_versioning` (applied with root
//! credentials and the `mfa` argument).
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-20

use crate::prelude::*;
use crate::support::s3::each_bucket;

pub static CHECK: Check = Check {
    id: "s3.mfa_delete",
    title: "S3 buckets have MFA delete enabled",
    severity: Severity::Low,
    resource_type: ResourceType::S3Bucket,
    compliance: &[cis("2.1.2"), fsbp("S3.20")],
    related: &["s3.versioning"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_bucket(cx, out, "which S3 buckets exist", |out, b, res| {
        let v = match &b.versioning {
            Ok(v) => v,
            Err(g) => return out.unknown(res, "whether MFA delete is on", g),
        };
        let ev = json!({"Status": v.status, "MFADelete": v.mfa_delete});
        if v.mfa_delete_enabled() {
            out.pass(
                res,
                format!("bucket `{}` has MFA delete enabled", b.name),
                ev,
            );
        } else {
            let versioning = v.status.as_deref().unwrap_or("never enabled");
            out.fail(
                res,
                format!(
                    "bucket `{}` does not have MFA delete enabled (versioning: {versioning})",
                    b.name
                ),
                ev,
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn calls(versioning: Option<serde_json::Value>) -> Vec<serde_json::Value> {
        let mut v = vec![call(
            "s3",
            "ListBuckets",
            Some("us-east-1"),
            json!({}),
            json!({"Buckets": [{"Name": "acme-data", "CreationDate": "2024-01-02T03:04:05+00:00"}]}),
        )];
        let p = json!({"Bucket": "acme-data"});
        v.push(match versioning {
            Some(r) => call("s3", "GetBucketVersioning", Some("us-east-1"), p, r),
            None => error(
                "s3",
                "GetBucketVersioning",
                Some("us-east-1"),
                p,
                "AccessDenied",
            ),
        });
        v
    }

    #[test]
    fn pass_fail_unknown() {
        let o = outcomes(
            &CHECK,
            &inventory(calls(Some(
                json!({"Status": "Enabled", "MFADelete": "Enabled"}),
            ))),
        );
        assert_eq!(only(&o), Status::Pass);
        let o = outcomes(
            &CHECK,
            &inventory(calls(Some(
                json!({"Status": "Enabled", "MFADelete": "Disabled"}),
            ))),
        );
        assert_eq!(only(&o), Status::Fail);
        assert!(o[0].message.contains("acme-data"));
        // A bucket that never had versioning prints `{}`.
        let o = outcomes(&CHECK, &inventory(calls(Some(json!({})))));
        assert_eq!(only(&o), Status::Fail);
        assert!(o[0].message.contains("never enabled"), "{}", o[0].message);
        let o = outcomes(&CHECK, &inventory(calls(None)));
        assert_eq!(only(&o), Status::Unknown);
    }
}
