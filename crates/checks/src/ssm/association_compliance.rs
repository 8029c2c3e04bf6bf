//! EC2 instances managed by Systems Manager have an association compliance status of COMPLIANT.
//!
//! ## What it checks
//! Every association compliance record in every covered region (`ssm
//! ListResourceComplianceSummaries`, items with `ComplianceType` `Association`): its `Status`
//! must be `COMPLIANT`, meaning every State Manager association targeting the instance last
//! ran successfully. Instances with no association data are not judged; a region whose
//! summaries could not be read is UNKNOWN.
//!
//! ## Why it matters
//! State Manager associations enforce configuration (agents installed, settings applied,
//! inventory collected). A failing association means the instance silently drifted from it.
//!
//! ## Remediation
//! Find the failing association and its error, fix it, and run it again:
//! ```sh
//! aws ssm list-compliance-items --resource-ids i-0123456789abcdef0 --resource-types ManagedInstance \
//!   --filters Key=ComplianceType,Values=Association Key=Status,Values=NON_COMPLIANT
//! aws ssm start-associations-once --association-ids 0a1b2c3d-4e5f-6789-abcd-ef0123456789
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-state.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ssm-controls.html#ssm-3

use super::patch_compliance::judge;
use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "ssm.association_compliance",
    title: "EC2 instances managed by Systems Manager have an association compliance status of COMPLIANT",
    severity: Severity::Low,
    resource_type: ResourceType::SsmAssociationCompliance,
    compliance: &[fsbp("SSM.3")],
    related: &["ssm.instances_managed", "ssm.patch_compliance"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    judge(
        cx,
        out,
        "Association",
        ResourceType::SsmAssociationCompliance,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::ssm::patch_compliance::tests::summaries;
    use crate::support::testing::*;

    #[test]
    fn fails_failed_associations() {
        let inv = inventory(vec![summaries(&[
            ("Association", "i-ok", "COMPLIANT"),
            ("Association", "i-drift", "NON_COMPLIANT"),
            ("Patch", "i-drift", "COMPLIANT"),
        ])]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("i-ok".into(), Status::Pass),
                ("i-drift".into(), Status::Fail)
            ]
        );
        assert_eq!(o[0].resource.kind, ResourceType::SsmAssociationCompliance);
    }

    #[test]
    fn unknown_when_not_collected() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}
