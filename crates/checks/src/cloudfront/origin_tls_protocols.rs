//! CloudFront distributions do not use deprecated SSL protocols towards custom origins.
//!
//! ## What it checks
//! Every custom origin of every CloudFront distribution (`cloudfront ListDistributions`,
//! `CustomOriginConfig.OriginSslProtocols`) must not allow `SSLv3`. The evidence also lists
//! origins that allow `TLSv1` or `TLSv1.1`, which are weak but not what Security Hub fails. A
//! distribution list that could not be read is UNKNOWN.
//!
//! ## Why it matters
//! SSLv3 is broken (POODLE): a network attacker between CloudFront and the origin can force it
//! and decrypt the traffic.
//!
//! ## Remediation
//! ```sh
//! aws cloudfront get-distribution-config --id E1A2B3C4D5E6F7 > dist.json
//! # set CustomOriginConfig.OriginSslProtocols to {"Quantity": 1, "Items": ["TLSv1.2"]}
//! aws cloudfront update-distribution --id E1A2B3C4D5E6F7 --if-match ETAG --distribution-config file://config.json
//! ```
//! Terraform: `origin_ssl_protocols = ["TLSv1.2"]` in `custom_origin_config`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-10

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "cloudfront.origin_tls_protocols",
    title: "CloudFront distributions do not use deprecated SSL protocols to custom origins",
    severity: Severity::Medium,
    resource_type: ResourceType::CloudFrontDistribution,
    compliance: &[fsbp("CloudFront.10")],
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
        let mut sslv3 = Vec::new();
        let mut weak = Vec::new();
        for o in &s.origins.items {
            let Some(c) = &o.custom_origin_config else {
                continue;
            };
            let p = &c.origin_ssl_protocols.items;
            if p.iter().any(|x| x == "SSLv3") {
                sslv3.push(o.id.as_str());
            } else if p.iter().any(|x| x == "TLSv1" || x == "TLSv1.1") {
                weak.push(o.id.as_str());
            }
        }
        let ev = json!({"sslv3_origins": sslv3, "tls1_0_or_1_1_origins": weak});
        if sslv3.is_empty() {
            out.pass(
                res,
                format!("{name} allows no SSLv3 towards its custom origins"),
                ev,
            );
        } else {
            out.fail(
                res,
                format!("{name} allows SSLv3 towards origin {}", sslv3.join(", ")),
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

    fn origin(protocols: serde_json::Value) -> serde_json::Value {
        json!({"Origins": {"Quantity": 1, "Items": [{"Id": "api", "DomainName": "api.acme-analytics.example",
            "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only",
              "OriginSslProtocols": {"Quantity": 2, "Items": protocols}}}]}})
    }

    #[test]
    fn sslv3_fails() {
        let o = outcomes(
            &CHECK,
            &inventory(vec![cloudfront_list(vec![
                cloudfront_item("E1", origin(json!(["SSLv3", "TLSv1.2"]))),
                cloudfront_item("E2", origin(json!(["TLSv1.2"]))),
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
