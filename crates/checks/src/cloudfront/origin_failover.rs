//! CloudFront distributions have origin failover configured.
//!
//! ## What it checks
//! Every CloudFront distribution (`cloudfront ListDistributions`) must have an origin group
//! (`OriginGroups`) with at least two origins, so CloudFront retries a secondary origin when the
//! primary fails. A distribution list that could not be read is UNKNOWN.
//!
//! ## Why it matters
//! With a single origin, an outage or deletion of that origin takes the whole site down.
//!
//! ## Remediation
//! Add a second origin and an origin group (primary and secondary) and point the cache behaviors
//! at the group:
//! ```sh
//! aws cloudfront get-distribution-config --id E1A2B3C4D5E6F7 > dist.json
//! aws cloudfront update-distribution --id E1A2B3C4D5E6F7 --if-match ETAG --distribution-config file://config.json
//! ```
//! Terraform: `origin_group` with `failover_criteria` and two `member` blocks.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-4

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "cloudfront.origin_failover",
    title: "CloudFront distributions have origin failover configured",
    severity: Severity::Low,
    resource_type: ResourceType::CloudFrontDistribution,
    compliance: &[fsbp("CloudFront.4")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    let list = match &inv.cloudfront.distributions {
        Ok(l) => l,
        Err(g) => return out.unknown(cx.account(), "which CloudFront distributions exist", g),
    };
    for d in list {
        let res = cx.resource(
            ResourceType::CloudFrontDistribution,
            &d.id,
            Some(d.arn(&inv.partition, &inv.account_id)),
            None,
        );
        let name = format!("distribution `{}`", d.id);
        let s = d.settings();
        let group = s
            .origin_groups
            .items
            .iter()
            .find(|g| g.members.items.len() >= 2);
        match group {
            Some(g) => out.pass(
                res,
                format!("{name} fails over within origin group `{}`", g.id),
                json!({"origin_group": g.id, "members": g.members.items.iter().map(|m| &m.origin_id).collect::<Vec<_>>()}),
            ),
            None => out.fail(res, format!("{name} has no origin group with two origins"), json!({"origin_groups": s.origin_groups.items.len()})),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn group_of_two_passes() {
        let group = json!({"Quantity": 1, "Items": [{"Id": "ha", "FailoverCriteria": {"StatusCodes": {"Quantity": 1, "Items": [503]}},
            "Members": {"Quantity": 2, "Items": [{"OriginId": "site"}, {"OriginId": "site-dr"}]}}]});
        let o = outcomes(
            &CHECK,
            &inventory(vec![cloudfront_list(vec![
                cloudfront_item("E1", json!({})),
                cloudfront_item("E2", json!({"OriginGroups": group})),
            ])]),
        );
        assert_eq!(
            statuses(&o),
            [
                ("E1".to_string(), Status::Fail),
                ("E2".to_string(), Status::Pass)
            ]
        );
    }

    #[test]
    fn unknown_when_list_denied() {
        let inv = inventory(vec![error(
            "cloudfront",
            "ListDistributions",
            None,
            json!({}),
            "AccessDenied",
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}
