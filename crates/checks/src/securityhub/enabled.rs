//! AWS Security Hub is enabled in every region.
//!
//! ## What it checks
//! Each covered region (`securityhub DescribeHub`): the hub must exist. Security Hub answers
//! `InvalidAccessException` where the account is not subscribed, which fails; the standards that
//! are on (`GetEnabledStandards`) are shown in the evidence. A region where the call was denied
//! or not made is UNKNOWN.
//!
//! ## Why it matters
//! Security Hub gathers the findings of GuardDuty, Inspector, Macie, IAM Access Analyzer and its
//! own controls in one place per region; a region without it has no central view of its risks.
//!
//! ## Remediation
//! In each region:
//! ```sh
//! aws securityhub enable-security-hub --enable-default-standards
//! ```
//! Terraform: `aws_securityhub_account` per region provider (and
//! `aws_securityhub_finding_aggregator` to gather regions into one).
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-standards-fsbp.html

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "securityhub.enabled",
    title: "AWS Security Hub is enabled in every region",
    severity: Severity::Medium,
    resource_type: ResourceType::Region,
    compliance: &[cis("4.16")],
    related: &["accessanalyzer.enabled_all_regions"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let sh = &cx.inv.securityhub;
    for (region, hub) in sh.hub.iter() {
        let res = cx.region(region);
        let standards: Vec<String> = sh
            .standards
            .get(region)
            .map(|l| l.iter().map(|s| s.standards_arn.clone()).collect())
            .unwrap_or_default();
        match hub {
            Ok(Some(h)) => out.pass(
                res,
                format!("Security Hub is enabled in {region}"),
                json!({"HubArn": h.hub_arn, "SubscribedAt": h.subscribed_at, "standards": standards}),
            ),
            Ok(None) => out.fail(
                res,
                format!("Security Hub is not enabled in {region}"),
                json!({"HubArn": null}),
            ),
            Err(g) => out.unknown(res, "whether Security Hub is enabled", &g),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn per_region_pass_fail_unknown() {
        let inv = inventory_in(
            &["ap-south-1", "eu-west-1", "us-east-1"],
            vec![
                call(
                    "securityhub",
                    "DescribeHub",
                    Some("us-east-1"),
                    json!({}),
                    json!({"HubArn": "arn:aws:securityhub:us-east-1:123456789012:hub/default",
                       "SubscribedAt": "2024-02-12T10:00:00.000Z", "AutoEnableControls": true,
                       "ControlFindingGenerator": "SECURITY_CONTROL"}),
                ),
                error(
                    "securityhub",
                    "DescribeHub",
                    Some("eu-west-1"),
                    json!({}),
                    "InvalidAccessException",
                ),
                error(
                    "securityhub",
                    "DescribeHub",
                    Some("ap-south-1"),
                    json!({}),
                    "AccessDeniedException",
                ),
            ],
        );
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            [
                ("123456789012/ap-south-1".to_string(), Status::Unknown),
                ("123456789012/eu-west-1".to_string(), Status::Fail),
                ("123456789012/us-east-1".to_string(), Status::Pass),
            ]
        );
        assert!(o[1].message.contains("eu-west-1"));
    }
}
