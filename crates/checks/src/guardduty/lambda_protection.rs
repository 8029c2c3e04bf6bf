//! GuardDuty Lambda Protection is enabled in every region.
//!
//! ## What it checks
//! Each covered region's GuardDuty detector (`guardduty ListDetectors`, `GetDetector`
//! `Features`): the `LAMBDA_NETWORK_LOGS` feature must be `ENABLED`. A region without a detector, or with a suspended detector, fails;
//! a region whose detector list or settings could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Lambda Protection watches the network activity of Lambda functions for crypto-mining and calls to command-and-control hosts, the usual signs of a compromised function.
//!
//! ## Remediation
//! In each region (or as organization auto-enable from the delegated administrator):
//! ```sh
//! aws guardduty update-detector --detector-id 12abc34d567e8fa901bc2d34e56789f0 \
//!   --features '[{"Name":"LAMBDA_NETWORK_LOGS","Status":"ENABLED"}]'
//! ```
//! Terraform: `aws_guardduty_detector_feature` for the detector.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-6
//! - https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-features-activation-model.html

use crate::guardduty::enabled::judge_feature;
use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "guardduty.lambda_protection",
    title: "GuardDuty Lambda Protection is enabled",
    severity: Severity::High,
    resource_type: ResourceType::GuardDutyDetector,
    compliance: &[fsbp("GuardDuty.6")],
    related: &["guardduty.enabled"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    judge_feature(
        cx,
        out,
        "Lambda Protection",
        &["LAMBDA_NETWORK_LOGS"],
        |s| s.feature_enabled("LAMBDA_NETWORK_LOGS"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guardduty::enabled::tests::feature_behaviour;

    #[test]
    fn on_off_missing_suspended_unknown() {
        feature_behaviour(
            &CHECK,
            json!([{"Name": "LAMBDA_NETWORK_LOGS", "Status": "ENABLED"}]),
            json!([{"Name": "LAMBDA_NETWORK_LOGS", "Status": "DISABLED"}]),
        );
    }
}
