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

    /// A `ListDistributions` item with the given settings merged over a plain S3 distribution.
    fn item(id: &str, over: serde_json::Value) -> serde_json::Value {
        let mut d = json!({"Id": id, "ARN": format!("arn:aws:cloudfront::123456789012:distribution/{id}"),
            "Status": "Deployed", "DomainName": "d111111abcdef8.cloudfront.net",
            "Aliases": {"Quantity": 0},
            "Origins": {"Quantity": 1, "Items": [{"Id": "site", "DomainName": "acme-site.s3.us-east-1.amazonaws.com",
                "OriginPath": "", "S3OriginConfig": {"OriginAccessIdentity": ""}, "OriginAccessControlId": "E2QWRUHEXAMPLE"}]},
            "OriginGroups": {"Quantity": 0},
            "DefaultCacheBehavior": {"TargetOriginId": "site", "ViewerProtocolPolicy": "redirect-to-https"},
            "CacheBehaviors": {"Quantity": 0},
            "ViewerCertificate": {"CloudFrontDefaultCertificate": true, "MinimumProtocolVersion": "TLSv1", "CertificateSource": "cloudfront"},
            "WebACLId": "", "Enabled": true, "Comment": ""});
        if let (Some(o), Some(e)) = (d.as_object_mut(), over.as_object()) {
            for (k, v) in e {
                o.insert(k.clone(), v.clone());
            }
        }
        d
    }

    fn list(items: Vec<serde_json::Value>) -> serde_json::Value {
        call(
            "cloudfront",
            "ListDistributions",
            None,
            json!({}),
            json!({"DistributionList": {"Marker": "", "MaxItems": 100, "IsTruncated": false, "Quantity": items.len(), "Items": items}}),
        )
    }

    /// A `GetDistribution` call for `id` with this `DistributionConfig`.
    #[allow(dead_code)]
    fn config(id: &str, cfg: serde_json::Value) -> serde_json::Value {
        call(
            "cloudfront",
            "GetDistribution",
            None,
            json!({"Id": id}),
            json!({"ETag": "E2QWRUHAPOMQZL", "Distribution": {"Id": id, "Status": "Deployed", "DistributionConfig": cfg}}),
        )
    }

    #[test]
    fn allow_all_on_any_behavior_fails() {
        let bad = item(
            "E1",
            json!({"CacheBehaviors": {"Quantity": 1, "Items": [
            {"PathPattern": "/img/*", "TargetOriginId": "site", "ViewerProtocolPolicy": "allow-all"}]}}),
        );
        let o = outcomes(
            &CHECK,
            &inventory(vec![list(vec![bad, item("E2", json!({}))])]),
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
