//! S3 Block Public Access is on for each bucket.
//!
//! ## What it checks
//! Every bucket of the account (`s3 ListBuckets`) and its own Block Public Access configuration
//! (`s3 GetPublicAccessBlock`): all four settings must be on. No configuration fails. The
//! account-level setting (`s3control GetPublicAccessBlock`) does not change the outcome, as in
//! Security Hub, but the message says when it already protects the bucket. A bucket whose
//! setting could not be read is UNKNOWN.
//!
//! ## Why it matters
//! The bucket setting keeps the bucket private even if the account setting is relaxed later
//! (for one public website bucket, say), and blocks a public policy or ACL from being added.
//!
//! ## Remediation
//! ```sh
//! aws s3api put-public-access-block --bucket acme-data --public-access-block-configuration \
//!   BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
//! ```
//! Terraform: `aws_s3_bucket_public_access_block` with the four arguments `true`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-8

use crate::prelude::*;
use crate::s3::account_block_public_access::off_settings;
use crate::support::s3::{bpa_evidence, each_bucket};

pub static CHECK: Check = Check {
    id: "s3.bucket_block_public_access",
    title: "S3 Block Public Access is on for each bucket",
    severity: Severity::High,
    resource_type: ResourceType::S3Bucket,
    compliance: &[cis("2.1.4"), fsbp("S3.8")],
    related: &["s3.account_block_public_access", "s3.bucket_public_read"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let account = &cx.inv.s3.account_public_access_block;
    let account_all = matches!(account, Ok(Some(p)) if p.all_blocked());
    let note = if account_all {
        " (the account-level setting blocks public access for now)"
    } else {
        ""
    };
    each_bucket(cx, out, "which S3 buckets exist", |out, b, res| {
        let ev = json!({"bucket": bpa_evidence(&b.public_access_block), "account": bpa_evidence(account)});
        match &b.public_access_block {
            Ok(Some(p)) if p.all_blocked() => out.pass(
                res,
                format!(
                    "bucket `{}` has all four Block Public Access settings on",
                    b.name
                ),
                ev,
            ),
            Ok(Some(p)) => out.fail(
                res,
                format!(
                    "bucket `{}` has Block Public Access {} off{note}",
                    b.name,
                    off_settings(p).join(", ")
                ),
                ev,
            ),
            Ok(None) => out.fail(
                res,
                format!(
                    "bucket `{}` has no Block Public Access configuration{note}",
                    b.name
                ),
                ev,
            ),
            Err(g) => out.unknown(res, "whether the bucket blocks public access", g),
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
        let p = |b: &str, all: bool| {
            call(
                "s3",
                "GetPublicAccessBlock",
                Some("us-east-1"),
                json!({"Bucket": b}),
                json!({"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": all,
                   "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}),
            )
        };
        let inv = inventory(vec![
            list,
            p("a", true),
            p("b", false),
            error(
                "s3",
                "GetPublicAccessBlock",
                Some("us-east-1"),
                json!({"Bucket": "c"}),
                "NoSuchPublicAccessBlockConfiguration",
            ),
            error(
                "s3",
                "GetPublicAccessBlock",
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
        assert!(
            o[1].message.contains("IgnorePublicAcls"),
            "{}",
            o[1].message
        );
    }
}
