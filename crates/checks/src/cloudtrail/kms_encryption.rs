//! CloudTrail trails encrypt log files with a KMS key.
//!
//! ## What it checks
//! Every trail of the account, once (`cloudtrail DescribeTrails`): `KmsKeyId` must be set, so
//! log files are encrypted with SSE-KMS under a customer managed key rather than only with the
//! bucket's S3 managed key. When no region's trail list could be read, the result is UNKNOWN.
//!
//! ## Why it matters
//! With a KMS key, reading the logs needs `kms:Decrypt` on the key as well as access to the
//! bucket: one more control between an intruder with S3 access and the record of what they did.
//!
//! ## Remediation
//! Create a key whose policy lets CloudTrail encrypt (see the reference), then:
//! ```sh
//! aws cloudtrail update-trail --name acme-trail --kms-key-id alias/cloudtrail
//! ```
//! Terraform: `kms_key_id` on `aws_cloudtrail`.
//!
//! ## References
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-2

use crate::prelude::*;
use crate::support::cloudtrail::each_trail;
use rampart_model::ResourceRef;
use rampart_model::inventory::cloudtrail::Trail;

pub static CHECK: Check = Check {
    id: "cloudtrail.kms_encryption",
    title: "CloudTrail trails encrypt log files with a KMS key",
    severity: Severity::Medium,
    resource_type: ResourceType::CloudTrailTrail,
    compliance: &[cis("3.5"), fsbp("CloudTrail.2")],
    related: &["cloudtrail.multi_region_logging"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_trail(cx, out, judge);
}

fn judge(_cx: &Context<'_>, out: &mut Outcomes, t: &Trail, res: ResourceRef) {
    let ev = json!({"KmsKeyId": t.kms_key_id});
    match t.kms_key_id.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => out.pass(
            res,
            format!(
                "trail `{}` encrypts its log files with KMS key `{k}`",
                t.name
            ),
            ev,
        ),
        None => out.fail(
            res,
            format!(
                "trail `{}` does not encrypt its log files with a KMS key",
                t.name
            ),
            ev,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn pass_and_fail() {
        let inv = inventory(vec![cloudtrail_trails(vec![
            cloudtrail_trail(
                "good",
                json!({"KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/8d2e4b61-5a9c-4f07-b3e2-91c6d0a7f5e8"}),
            ),
            cloudtrail_trail("bad", json!({})),
        ])]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            [("bad".into(), Status::Fail), ("good".into(), Status::Pass)]
        );
    }

    #[test]
    fn unknown_when_trails_were_not_read() {
        let denied = error(
            "cloudtrail",
            "DescribeTrails",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![denied]))),
            Status::Unknown
        );
    }
}
