//! GuardDuty EKS Audit Log Monitoring is enabled in every region.
//!
//! ## What it checks
//! Each covered region's GuardDuty detector (`guardduty ListDetectors`, `GetDetector`
//! `Features`): the `EKS_AUDIT_LOGS` feature must be `ENABLED`. A region without a detector, or with a suspended detector, fails;
//! a region whose detector list or settings could not be read is UNKNOWN.
//!
//! ## Why it matters
//! EKS Audit Log Monitoring analyses Kubernetes audit logs of EKS clusters for anonymous access, privileged pods and credential theft inside clusters.
//!
//! ## Remediation
//! In each region (or as organization auto-enable from the delegated administrator):
//! ```sh
//! aws guardduty update-detector --detector-id 12abc34d567e8fa901bc2d34e56789f0 \
//!   --features '[{"Name":"EKS_AUDIT_LOGS","Status":"ENABLED"}]'
//! ```
//! Terraform: `aws_guardduty_detector_feature` for the detector.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-5
//! - https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-features-activation-model.html

use crate::guardduty::enabled::judge_feature;
use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "guardduty.eks_audit_logs",
    title: "GuardDuty EKS Audit Log Monitoring is enabled",
    severity: Severity::High,
    resource_type: ResourceType::GuardDutyDetector,
    compliance: &[fsbp("GuardDuty.5")],
    related: &["guardduty.enabled"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    judge_feature(
        cx,
        out,
        "EKS Audit Log Monitoring",
        &["EKS_AUDIT_LOGS"],
        |s| s.feature_enabled("EKS_AUDIT_LOGS"),
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
            json!([{"Name": "EKS_AUDIT_LOGS", "Status": "ENABLED"}]),
            json!([{"Name": "EKS_AUDIT_LOGS", "Status": "DISABLED"}]),
        );
    }
}
