//! CloudFront distributions encrypt traffic to custom origins.
//!
//! ## What it checks
//! Every custom origin of every CloudFront distribution (`cloudfront ListDistributions`,
//! `CustomOriginConfig`): `OriginProtocolPolicy` must not be `http-only`, and it must not be
//! `match-viewer` while a cache behavior that targets the origin allows plain HTTP viewers
//! (`allow-all`), since CloudFront then fetches over HTTP too. S3 REST origins are always
//! fetched over HTTPS and are not judged. A distribution list that could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Traffic between CloudFront and the origin crosses the internet; over HTTP anyone on the path
//! can read or alter the content and the headers (authorisation tokens included).
//!
//! ## Remediation
//! ```sh
//! aws cloudfront get-distribution-config --id E1A2B3C4D5E6F7 > dist.json
//! # set CustomOriginConfig.OriginProtocolPolicy to "https-only" for each custom origin
//! aws cloudfront update-distribution --id E1A2B3C4D5E6F7 --if-match ETAG --distribution-config file://config.json
//! ```
//! Terraform: `origin_protocol_policy = "https-only"` in `custom_origin_config`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-9

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "cloudfront.origin_https",
    title: "CloudFront distributions encrypt traffic to custom origins",
    severity: Severity::Medium,
    resource_type: ResourceType::CloudFrontDistribution,
    compliance: &[fsbp("CloudFront.9")],
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
        let mut plain = Vec::new();
        for o in &s.origins.items {
            let Some(c) = &o.custom_origin_config else {
                continue;
            };
            let policy = c.origin_protocol_policy.as_deref().unwrap_or("");
            let viewer_http = s.behaviors().any(|b| {
                b.target_origin_id.as_deref() == Some(o.id.as_str())
                    && b.viewer_protocol_policy.as_deref() == Some("allow-all")
            });
            if policy == "http-only" || (policy == "match-viewer" && viewer_http) {
                plain.push(json!({"origin": o.id, "domain": o.domain_name, "OriginProtocolPolicy": policy}));
            }
        }
        if plain.is_empty() {
            out.pass(
                res,
                format!("{name} reaches its custom origins over HTTPS only"),
                json!({"plain_http_origins": []}),
            );
        } else {
            let ids: Vec<&str> = plain.iter().filter_map(|p| p["origin"].as_str()).collect();
            out.fail(
                res,
                format!(
                    "{name} can fetch from origin {} over plain HTTP",
                    ids.join(", ")
                ),
                json!({"plain_http_origins": plain}),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn custom(policy: &str, viewer: &str) -> serde_json::Value {
        json!({"Origins": {"Quantity": 1, "Items": [{"Id": "api", "DomainName": "api.acme-analytics.example",
            "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": policy,
              "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2"]}}}]},
            "DefaultCacheBehavior": {"TargetOriginId": "api", "ViewerProtocolPolicy": viewer}})
    }

    #[test]
    fn http_only_and_match_viewer_with_http_viewers_fail() {
        let o = outcomes(
            &CHECK,
            &inventory(vec![cloudfront_list(vec![
                cloudfront_item("E1", custom("http-only", "https-only")),
                cloudfront_item("E2", custom("match-viewer", "allow-all")),
                cloudfront_item("E3", custom("match-viewer", "redirect-to-https")),
                cloudfront_item("E4", custom("https-only", "allow-all")),
            ])]),
        );
        assert_eq!(
            statuses(&o),
            [
                ("E1".to_string(), Status::Fail),
                ("E2".to_string(), Status::Fail),
                ("E3".to_string(), Status::Pass),
                ("E4".to_string(), Status::Pass)
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
