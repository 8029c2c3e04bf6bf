//! S3 Block Public Access is on at the account level.
//!
//! ## What it checks
//! The account's S3 Block Public Access configuration (`s3control GetPublicAccessBlock`): all
//! four settings (`BlockPublicAcls`, `IgnorePublicAcls`, `BlockPublicPolicy`,
//! `RestrictPublicBuckets`) must be on. No configuration (`NoSuchPublicAccessBlockConfiguration`)
//! fails; a call that was denied or not made is UNKNOWN.
//!
//! ## Why it matters
//! The account setting overrides every bucket: with it on, no bucket policy or ACL, present or
//! future, can make data public by mistake.
//!
//! ## Remediation
//! ```sh
//! aws s3control put-public-access-block --account-id 123456789012 \
//!   --public-access-block-configuration \
//!   BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
//! ```
//! Terraform: `aws_s3_account_public_access_block` with the four arguments `true`. Serve public
//! content through CloudFront with origin access control instead of public buckets.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-1

use crate::prelude::*;
use crate::support::s3::bpa_evidence;
use rampart_model::inventory::s3::PublicAccessBlock;

pub static CHECK: Check = Check {
    id: "s3.account_block_public_access",
    title: "S3 Block Public Access is on at the account level",
    severity: Severity::Medium,
    resource_type: ResourceType::Account,
    compliance: &[cis("2.1.4"), fsbp("S3.1")],
    related: &["s3.bucket_block_public_access", "s3.bucket_public_read"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// The names of the settings that are off.
pub(crate) fn off_settings(p: &PublicAccessBlock) -> Vec<&'static str> {
    [
        ("BlockPublicAcls", p.block_public_acls),
        ("IgnorePublicAcls", p.ignore_public_acls),
        ("BlockPublicPolicy", p.block_public_policy),
        ("RestrictPublicBuckets", p.restrict_public_buckets),
    ]
    .into_iter()
    .filter(|(_, on)| !on)
    .map(|(n, _)| n)
    .collect()
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let setting = &cx.inv.s3.account_public_access_block;
    let ev = json!({"PublicAccessBlockConfiguration": bpa_evidence(setting)});
    match setting {
        Ok(Some(p)) if p.all_blocked() => out.pass(
            cx.account(),
            "S3 Block Public Access blocks all four kinds of public access for the account",
            ev,
        ),
        Ok(Some(p)) => out.fail(
            cx.account(),
            format!(
                "account-level S3 Block Public Access has {} off",
                off_settings(p).join(", ")
            ),
            ev,
        ),
        Ok(None) => out.fail(
            cx.account(),
            "account-level S3 Block Public Access is not configured",
            ev,
        ),
        Err(g) => out.unknown(
            cx.account(),
            "whether account-level S3 Block Public Access is on",
            g,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn pab(rpb: bool) -> serde_json::Value {
        call(
            "s3control",
            "GetPublicAccessBlock",
            Some("us-east-1"),
            json!({"AccountId": ACCOUNT}),
            json!({"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true,
                   "BlockPublicPolicy": true, "RestrictPublicBuckets": rpb}}),
        )
    }

    #[test]
    fn pass_fail_unknown() {
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![pab(true)]))),
            Status::Pass
        );
        let o = outcomes(&CHECK, &inventory(vec![pab(false)]));
        assert_eq!(only(&o), Status::Fail);
        assert!(
            o[0].message.contains("RestrictPublicBuckets"),
            "{}",
            o[0].message
        );
        let none = error(
            "s3control",
            "GetPublicAccessBlock",
            Some("us-east-1"),
            json!({"AccountId": ACCOUNT}),
            "NoSuchPublicAccessBlockConfiguration",
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![none]))),
            Status::Fail
        );
        let denied = error(
            "s3control",
            "GetPublicAccessBlock",
            Some("us-east-1"),
            json!({"AccountId": ACCOUNT}),
            "AccessDenied",
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![denied]))),
            Status::Unknown
        );
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}
