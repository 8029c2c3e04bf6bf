//! CloudFront distributions are protected by an AWS WAF web ACL.
//!
//! ## What it checks
//! Every CloudFront distribution (`cloudfront ListDistributions`) must have a `WebACLId` (a
//! WAFv2 web ACL ARN or a WAF Classic web ACL ID). A distribution list that could not be read is
//! UNKNOWN.
//!
//! ## Why it matters
//! A web ACL at the edge blocks common exploits, bad bots and floods before they reach the
//! origin.
//!
//! ## Remediation
//! ```sh
//! aws cloudfront get-distribution-config --id E1A2B3C4D5E6F7 > dist.json
//! # set DistributionConfig.WebACLId to the web ACL ARN (a CLOUDFRONT-scope web ACL in us-east-1)
//! aws cloudfront update-distribution --id E1A2B3C4D5E6F7 --if-match ETAG --distribution-config file://config.json
//! ```
//! Terraform: `web_acl_id` on `aws_cloudfront_distribution`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-web-awswaf.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-6

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "cloudfront.waf_enabled",
    title: "CloudFront distributions have AWS WAF enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::CloudFrontDistribution,
    compliance: &[fsbp("CloudFront.6")],
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
        match d.settings().web_acl_id.as_deref().filter(|s| !s.is_empty()) {
            Some(acl) => out.pass(
                res,
                format!("{name} is protected by web ACL `{acl}`"),
                json!({"WebACLId": acl}),
            ),
            None => out.fail(
                res,
                format!("{name} has no AWS WAF web ACL"),
                json!({"WebACLId": ""}),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn without_web_acl_fails() {
        let acl = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/0a1b2c3d-1111-2222-3333-444455556666";
        let o = outcomes(
            &CHECK,
            &inventory(vec![cloudfront_list(vec![
                cloudfront_item("E1", json!({})),
                cloudfront_item("E2", json!({"WebACLId": acl})),
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
