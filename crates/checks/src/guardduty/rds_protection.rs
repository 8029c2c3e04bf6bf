//! GuardDuty RDS Protection is enabled in every region.
//!
//! ## What it checks
//! Each covered region's GuardDuty detector (`guardduty ListDetectors`, `GetDetector`
//! `Features`): the `RDS_LOGIN_EVENTS` feature must be `ENABLED`. A region without a detector, or with a suspended detector, fails;
//! a region whose detector list or settings could not be read is UNKNOWN.
//!
//! ## Why it matters
//! RDS Protection analyses Aurora and RDS login activity for brute force and logins from unusual places; without it a database password attack leaves no GuardDuty finding.
//!
//! ## Remediation
//! In each region (or as organization auto-enable from the delegated administrator):
//! ```sh
//! aws guardduty update-detector --detector-id 12abc34d567e8fa901bc2d34e56789f0 \
//!   --features '[{"Name":"RDS_LOGIN_EVENTS","Status":"ENABLED"}]'
//! ```
//! Terraform: `aws_guardduty_detector_feature` for the detector.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-9
//! - https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-features-activation-model.html

use crate::guardduty::enabled::judge_feature;
use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "guardduty.rds_protection",
    title: "GuardDuty RDS Protection is enabled",
    severity: Severity::High,
    resource_type: ResourceType::GuardDutyDetector,
    compliance: &[fsbp("GuardDuty.9")],
    related: &["guardduty.enabled"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    judge_feature(cx, out, "RDS Protection", &["RDS_LOGIN_EVENTS"], |s| {
        s.feature_enabled("RDS_LOGIN_EVENTS")
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
            json!([{"Name": "RDS_LOGIN_EVENTS", "Status": "ENABLED"}]),
            json!([]),
        );
    }
}
