//! GuardDuty EKS Runtime Monitoring is enabled in every region.
//!
//! ## What it checks
//! Each covered region's GuardDuty detector (`guardduty ListDetectors`, `GetDetector`
//! `Features`): EKS Runtime Monitoring with automated agent management must be on, that is
//! the `RUNTIME_MONITORING` feature `ENABLED` with its `EKS_ADDON_MANAGEMENT` configuration
//! `ENABLED` (or, on detectors still using the older feature, `EKS_RUNTIME_MONITORING` with
//! `EKS_ADDON_MANAGEMENT`). A region without a detector, or with a suspended detector, fails;
//! a region whose detector list or settings could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Runtime Monitoring sees what runs inside EKS nodes and containers (processes, file access,
//! network connections): container escapes and crypto-miners that audit logs never show.
//! Without automated agent management, new clusters get no agent.
//!
//! ## Remediation
//! ```sh
//! aws guardduty update-detector --detector-id 12abc34d567e8fa901bc2d34e56789f0 \
//!   --features '[{"Name":"RUNTIME_MONITORING","Status":"ENABLED",
//!     "AdditionalConfiguration":[{"Name":"EKS_ADDON_MANAGEMENT","Status":"ENABLED"}]}]'
//! ```
//! Terraform: `aws_guardduty_detector_feature` `RUNTIME_MONITORING` with an
//! `additional_configuration { name = "EKS_ADDON_MANAGEMENT", status = "ENABLED" }`.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-7
//! - https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html

use crate::guardduty::enabled::judge_feature;
use crate::prelude::*;
use rampart_model::inventory::guardduty::DetectorSettings;

pub static CHECK: Check = Check {
    id: "guardduty.eks_runtime_monitoring",
    title: "GuardDuty EKS Runtime Monitoring is enabled",
    severity: Severity::High,
    resource_type: ResourceType::GuardDutyDetector,
    compliance: &[fsbp("GuardDuty.7")],
    related: &["guardduty.enabled", "guardduty.eks_audit_logs"],
    lifecycle: Lifecycle::Stable,
    run,
};

const FEATURES: [&str; 2] = ["RUNTIME_MONITORING", "EKS_RUNTIME_MONITORING"];

/// Runtime monitoring of EKS with automated agent management.
fn eks_runtime_on(s: &DetectorSettings) -> bool {
    s.features.iter().any(|f| {
        FEATURES.contains(&f.name.as_str())
            && f.status.as_deref() == Some("ENABLED")
            && f.additional_configuration
                .iter()
                .any(|c| c.name == "EKS_ADDON_MANAGEMENT" && c.status.as_deref() == Some("ENABLED"))
    })
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    judge_feature(
        cx,
        out,
        "EKS Runtime Monitoring with automated agent management",
        &FEATURES,
        eks_runtime_on,
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
            json!([{"Name": "RUNTIME_MONITORING", "Status": "ENABLED",
                    "AdditionalConfiguration": [{"Name": "EKS_ADDON_MANAGEMENT", "Status": "ENABLED"},
                                                {"Name": "ECS_FARGATE_AGENT_MANAGEMENT", "Status": "DISABLED"}]}]),
            // Runtime monitoring on, but without the EKS agent: not enough.
            json!([{"Name": "RUNTIME_MONITORING", "Status": "ENABLED",
                    "AdditionalConfiguration": [{"Name": "EKS_ADDON_MANAGEMENT", "Status": "DISABLED"}]}]),
        );
        feature_behaviour(
            &CHECK,
            json!([{"Name": "EKS_RUNTIME_MONITORING", "Status": "ENABLED",
                    "AdditionalConfiguration": [{"Name": "EKS_ADDON_MANAGEMENT", "Status": "ENABLED"}]}]),
            json!([{"Name": "EKS_RUNTIME_MONITORING", "Status": "DISABLED",
                    "AdditionalConfiguration": [{"Name": "EKS_ADDON_MANAGEMENT", "Status": "ENABLED"}]}]),
        );
    }
}
