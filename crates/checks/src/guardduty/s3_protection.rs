//! GuardDuty S3 Protection is enabled in every region.
//!
//! ## What it checks
//! Each covered region's GuardDuty detector (`guardduty ListDetectors`, `GetDetector`
//! `Features`): the `S3_DATA_EVENTS` feature must be `ENABLED`. A region without a detector, or with a suspended detector, fails;
//! a region whose detector list or settings could not be read is UNKNOWN.
//!
//! ## Why it matters
//! S3 Protection watches CloudTrail data events on S3 objects for exfiltration and destruction patterns (unusual `GetObject` volumes, access from Tor or known-bad addresses); without it only bucket-level management events are analysed.
//!
//! ## Remediation
//! In each region (or as organization auto-enable from the delegated administrator):
//! ```sh
//! aws guardduty update-detector --detector-id 12abc34d567e8fa901bc2d34e56789f0 \
//!   --features '[{"Name":"S3_DATA_EVENTS","Status":"ENABLED"}]'
//! ```
//! Terraform: `aws_guardduty_detector_feature` for the detector.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-10
//! - https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-features-activation-model.html

use crate::guardduty::enabled::judge_feature;
use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "guardduty.s3_protection",
    title: "GuardDuty S3 Protection is enabled",
    severity: Severity::High,
    resource_type: ResourceType::GuardDutyDetector,
    compliance: &[fsbp("GuardDuty.10")],
    related: &["guardduty.enabled"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    judge_feature(cx, out, "S3 Protection", &["S3_DATA_EVENTS"], |s| {
        s.feature_enabled("S3_DATA_EVENTS")
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guardduty::enabled::tests::feature_behaviour;

    #[test]
    fn on_off_missing_suspended_unknown() {
        feature_behaviour(
            &CHECK,
            json!([{"Name": "S3_DATA_EVENTS", "Status": "ENABLED", "UpdatedAt": "2024-01-01T00:00:00+00:00"}]),
            json!([{"Name": "S3_DATA_EVENTS", "Status": "DISABLED", "UpdatedAt": "2024-01-01T00:00:00+00:00"}]),
        );
    }
}
