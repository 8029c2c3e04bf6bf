//! EC2 instances managed by Systems Manager have a patch compliance status of COMPLIANT.
//!
//! ## What it checks
//! Every patch compliance record in every covered region (`ssm
//! ListResourceComplianceSummaries`, items with `ComplianceType` `Patch`): its `Status` must be
//! `COMPLIANT`. Instances with no patch data are not judged, as in Security Hub; a region whose
//! summaries could not be read is UNKNOWN.
//!
//! ## Why it matters
//! A managed instance reporting missing patches runs software with published vulnerabilities
//! that the patch baseline says must be fixed.
//!
//! ## Remediation
//! Install the missing patches with Patch Manager and review the baseline:
//! ```sh
//! aws ssm list-compliance-items --resource-ids i-0123456789abcdef0 --resource-types ManagedInstance \
//!   --filters Key=ComplianceType,Values=Patch Key=Status,Values=NON_COMPLIANT
//! aws ssm send-command --document-name AWS-RunPatchBaseline \
//!   --targets Key=InstanceIds,Values=i-0123456789abcdef0 --parameters Operation=Install
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/systems-manager/latest/userguide/patch-manager.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ssm-controls.html#ssm-2

use crate::prelude::*;
use crate::support::regional::each;
use rampart_model::ResourceRef;
use rampart_model::inventory::ssm::ComplianceSummary;

pub static CHECK: Check = Check {
    id: "ssm.patch_compliance",
    title: "EC2 instances managed by Systems Manager have a patch compliance status of COMPLIANT",
    severity: Severity::High,
    resource_type: ResourceType::SsmPatchCompliance,
    compliance: &[fsbp("SSM.2")],
    related: &["ssm.instances_managed", "ssm.association_compliance"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// How findings name a compliance record: its type, the resource ID, and the managed node's ARN.
pub(crate) fn compliance_ref(
    cx: &Context<'_>,
    kind: ResourceType,
    s: &ComplianceSummary,
) -> ResourceRef {
    let (p, a) = (&cx.inv.partition, &cx.inv.account_id);
    let arn = if s.resource_id.starts_with("i-") {
        format!("arn:{p}:ec2:{}:{a}:instance/{}", s.region, s.resource_id)
    } else {
        format!(
            "arn:{p}:ssm:{}:{a}:managed-instance/{}",
            s.region, s.resource_id
        )
    };
    cx.resource(kind, &s.resource_id, Some(arn), Some(&s.region))
}

/// Judges every compliance record of one type (`Patch`, `Association`).
pub(crate) fn judge(
    cx: &Context<'_>,
    out: &mut Outcomes,
    compliance_type: &str,
    kind: ResourceType,
) {
    let what = format!(
        "the {} compliance of managed instances",
        compliance_type.to_lowercase()
    );
    each(
        cx,
        out,
        &cx.inv.ssm.compliance_summaries,
        &what,
        |out, s| {
            if s.compliance_type != compliance_type {
                return;
            }
            let res = compliance_ref(cx, kind, s);
            let ev = json!({"ComplianceType": s.compliance_type, "Status": s.status,
                        "OverallSeverity": s.overall_severity, "NonCompliantCount": s.non_compliant_count(),
                        "ExecutionTime": s.execution_summary.as_ref().and_then(|e| e.execution_time)});
            let subject = compliance_type.to_lowercase();
            match s.status.as_str() {
                "COMPLIANT" => out.pass(
                    res,
                    format!("instance `{}` is {subject} compliant", s.resource_id),
                    ev,
                ),
                "NON_COMPLIANT" => out.fail(
                    res,
                    format!(
                        "instance `{}` is not {subject} compliant ({} items, severity {})",
                        s.resource_id,
                        s.non_compliant_count()
                            .map_or_else(|| "some".to_string(), |n| n.to_string()),
                        s.overall_severity.as_deref().unwrap_or("unspecified")
                    ),
                    ev,
                ),
                other => out.push_unknown_message(
                    res,
                    format!(
                        "instance `{}` has {subject} compliance status `{other}`",
                        s.resource_id
                    ),
                    ev,
                ),
            }
        },
    );
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    judge(cx, out, "Patch", ResourceType::SsmPatchCompliance);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    /// A `ListResourceComplianceSummaries` call with (type, instance, status) items.
    pub(crate) fn summaries(items: &[(&str, &str, &str)]) -> Value {
        call(
            "ssm",
            "ListResourceComplianceSummaries",
            Some("us-east-1"),
            json!({}),
            json!({"ResourceComplianceSummaryItems": items.iter().map(|(t, id, st)| json!({
                "ComplianceType": t, "ResourceType": "ManagedInstance", "ResourceId": id, "Status": st,
                "OverallSeverity": if *st == "COMPLIANT" { "UNSPECIFIED" } else { "CRITICAL" },
                "ExecutionSummary": {"ExecutionTime": "2026-11-19T03:00:00+00:00"},
                "CompliantSummary": {"CompliantCount": 40},
                "NonCompliantSummary": {"NonCompliantCount": if *st == "COMPLIANT" { 0 } else { 3 }}})).collect::<Vec<_>>()}),
        )
    }

    #[test]
    fn fails_missing_patches() {
        let inv = inventory(vec![summaries(&[
            ("Patch", "i-ok", "COMPLIANT"),
            ("Patch", "i-behind", "NON_COMPLIANT"),
            ("Association", "i-ok", "NON_COMPLIANT"),
            ("Patch", "mi-0123456789abcdef0", "COMPLIANT"),
        ])]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("i-ok".into(), Status::Pass),
                ("i-behind".into(), Status::Fail),
                ("mi-0123456789abcdef0".into(), Status::Pass),
            ]
        );
        assert!(o[1].message.contains("3 items"), "{}", o[1].message);
        assert_eq!(
            o[2].resource.arn.as_deref(),
            Some("arn:aws:ssm:us-east-1:123456789012:managed-instance/mi-0123456789abcdef0")
        );
    }

    #[test]
    fn unknown_when_denied() {
        let inv = inventory(vec![error(
            "ssm",
            "ListResourceComplianceSummaries",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}
