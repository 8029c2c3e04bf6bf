//! An IAM Access Analyzer external access analyzer is active in every region.
//!
//! ## What it checks
//! Each covered region (`accessanalyzer ListAnalyzers`): at least one analyzer of type
//! `ACCOUNT` or `ORGANIZATION` (the external-access kinds) with status `ACTIVE`. Unused-access
//! analyzers do not count. A region whose analyzers could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Access Analyzer continuously finds resources shared outside the account or organization —
//! public buckets, cross-account roles, KMS keys — in the region it runs in; a region without
//! one is a blind spot.
//!
//! ## Remediation
//! ```sh
//! for r in $(aws ec2 describe-regions --query 'Regions[].RegionName' --output text); do
//!   aws accessanalyzer create-analyzer --region "$r" --analyzer-name account-analyzer --type ACCOUNT
//! done
//! ```
//! Terraform: `aws_accessanalyzer_analyzer` with `type = "ACCOUNT"` in each region provider.
//!
//! ## References
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-28

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "accessanalyzer.enabled_all_regions",
    title: "IAM Access Analyzer is enabled in every region",
    severity: Severity::High,
    resource_type: ResourceType::Region,
    compliance: &[cis("1.19"), fsbp("IAM.28")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    for (region, analyzers) in cx.inv.accessanalyzer.analyzers.iter() {
        let res = cx.region(region);
        let analyzers = match analyzers {
            Ok(a) => a,
            Err(g) => {
                out.unknown(res, "whether an analyzer runs here", &g);
                continue;
            }
        };
        let active: Vec<&str> = analyzers
            .iter()
            .filter(|a| {
                matches!(a.kind.as_str(), "ACCOUNT" | "ORGANIZATION") && a.status == "ACTIVE"
            })
            .map(|a| a.arn.as_str())
            .collect();
        let all: Vec<_> = analyzers
            .iter()
            .map(|a| json!({"name": a.name, "type": a.kind, "status": a.status}))
            .collect();
        if active.is_empty() {
            out.fail(
                res,
                format!("no active external access analyzer in {region}"),
                json!({"analyzers": all}),
            );
        } else {
            out.pass(
                res,
                format!("external access analyzer active in {region}"),
                json!({"active": active}),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn analyzers(region: &str, list: serde_json::Value) -> serde_json::Value {
        call(
            "accessanalyzer",
            "ListAnalyzers",
            Some(region),
            json!({}),
            json!({"analyzers": list}),
        )
    }

    fn analyzer(kind: &str, status: &str) -> serde_json::Value {
        json!({"arn": format!("arn:aws:access-analyzer:us-east-1:123456789012:analyzer/{kind}"), "name": kind,
               "type": kind, "createdAt": "2025-01-01T00:00:00+00:00", "status": status, "tags": {}})
    }

    #[test]
    fn per_region_pass_fail_unknown() {
        let inv = inventory_in(
            &["ap-south-1", "eu-west-1", "us-east-1"],
            vec![
                analyzers("us-east-1", json!([analyzer("ACCOUNT", "ACTIVE")])),
                analyzers(
                    "eu-west-1",
                    json!([
                        analyzer("ACCOUNT_UNUSED_ACCESS", "ACTIVE"),
                        analyzer("ACCOUNT", "DISABLED")
                    ]),
                ),
            ],
        );
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("123456789012/ap-south-1".into(), Status::Unknown),
                ("123456789012/eu-west-1".into(), Status::Fail),
                ("123456789012/us-east-1".into(), Status::Pass),
            ]
        );
    }
}
