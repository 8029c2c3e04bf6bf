//! CloudFront distributions require HTTPS from viewers.
//!
//! ## What it checks
//! Every CloudFront distribution (`cloudfront ListDistributions`): the default cache behavior
//! and every other cache behavior must have `ViewerProtocolPolicy` `https-only` or
//! `redirect-to-https`; `allow-all` fails. A distribution list that could not be read is UNKNOWN.
//!
//! ## Why it matters
//! With `allow-all`, viewers can fetch content over plain HTTP, where anyone on the path can
//! read or change it (session cookies, injected scripts).
//!
//! ## Remediation
//! ```sh
//! aws cloudfront get-distribution-config --id E1A2B3C4D5E6F7 > dist.json
//! # set ViewerProtocolPolicy to "redirect-to-https" in every cache behavior, then:
//! aws cloudfront update-distribution --id E1A2B3C4D5E6F7 --if-match ETAG --distribution-config file://config.json
//! ```
//! Terraform: `viewer_protocol_policy = "redirect-to-https"` in every cache behavior.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-3

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "cloudfront.viewer_https",
    title: "CloudFront distributions require encryption in transit",
    severity: Severity::Medium,
    resource_type: ResourceType::CloudFrontDistribution,
    compliance: &[fsbp("CloudFront.3")],
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
        let open: Vec<&str> = s
            .behaviors()
            .filter(|b| b.viewer_protocol_policy.as_deref() == Some("allow-all"))
            .map(|b| b.pattern())
            .collect();
        let ev = json!({"allow_all_path_patterns": open});
        if open.is_empty() {
            out.pass(
                res,
                format!("{name} requires HTTPS (or redirects to it) on every cache behavior"),
                ev,
            );
        } else {
            out.fail(
                res,
                format!(
                    "{name} accepts plain HTTP from viewers for {}",
                    open.join(", ")
                ),
                ev,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn allow_all_on_any_behavior_fails() {
        let bad = cloudfront_item(
            "E1",
            json!({"CacheBehaviors": {"Quantity": 1, "Items": [
            {"PathPattern": "/img/*", "TargetOriginId": "site", "ViewerProtocolPolicy": "allow-all"}]}}),
        );
        let o = outcomes(
            &CHECK,
            &inventory(vec![cloudfront_list(vec![
                bad,
                cloudfront_item("E2", json!({})),
            ])]),
        );
        assert_eq!(
            statuses(&o),
            [
                ("E1".to_string(), Status::Fail),
                ("E2".to_string(), Status::Pass)
            ]
        );
        assert!(o[0].message.contains("/img/*"));
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
