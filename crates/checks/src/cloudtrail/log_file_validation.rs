//! CloudTrail trails have log file validation enabled.
//!
//! ## What it checks
//! Every trail of the account, once (`cloudtrail DescribeTrails` in every region, shadow copies
//! of multi-region trails merged): `LogFileValidationEnabled` must be true. When no region's trail
//! list could be read, the result is UNKNOWN.
//!
//! ## Why it matters
//! With validation on, CloudTrail writes signed digest files, so anyone can prove a log file
//! was not changed or deleted after delivery, which an intruder covering their tracks would do.
//!
//! ## Remediation
//! ```sh
//! aws cloudtrail update-trail --name acme-trail --enable-log-file-validation
//! aws cloudtrail validate-logs --trail-arn arn:aws:cloudtrail:us-east-1:123456789012:trail/acme-trail \
//!   --start-time 2026-11-01T00:00:00Z
//! ```
//! Terraform: `enable_log_file_validation = true` on `aws_cloudtrail`.
//!
//! ## References
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-4

use crate::prelude::*;
use crate::support::cloudtrail::each_trail;
use rampart_model::ResourceRef;
use rampart_model::inventory::cloudtrail::Trail;

pub static CHECK: Check = Check {
    id: "cloudtrail.log_file_validation",
    title: "CloudTrail trails have log file validation enabled",
    severity: Severity::Low,
    resource_type: ResourceType::CloudTrailTrail,
    compliance: &[cis("3.2"), fsbp("CloudTrail.4")],
    related: &["cloudtrail.multi_region_logging"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_trail(cx, out, judge);
}

fn judge(_cx: &Context<'_>, out: &mut Outcomes, t: &Trail, res: ResourceRef) {
    let ev = json!({"LogFileValidationEnabled": t.log_file_validation_enabled});
    if t.log_file_validation_enabled {
        out.pass(
            res,
            format!("trail `{}` has log file validation enabled", t.name),
            ev,
        );
    } else {
        out.fail(
            res,
            format!("trail `{}` has log file validation off", t.name),
            ev,
        );
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
            cloudtrail_trail("good", json!({"LogFileValidationEnabled": true})),
            cloudtrail_trail("bad", json!({})),
        ])]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            [("bad".into(), Status::Fail), ("good".into(), Status::Pass)]
        );
        assert_eq!(
            o[0].resource.arn.as_deref(),
            Some("arn:aws:cloudtrail:us-east-1:123456789012:trail/bad")
        );
        assert!(o[0].message.contains("`bad`"));
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
