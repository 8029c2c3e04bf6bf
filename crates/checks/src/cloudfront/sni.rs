//! CloudFront distributions with a custom certificate serve HTTPS with SNI.
//!
//! ## What it checks
//! Every CloudFront distribution (`cloudfront ListDistributions`) that uses a custom certificate
//! must have `SSLSupportMethod` `sni-only`; `vip` (dedicated IP addresses) or `static-ip` fails.
//! A distribution on the default CloudFront certificate passes (the setting does not apply). A
//! distribution list that could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Dedicated-IP HTTPS exists for clients from before 2010; it costs extra and keeps legacy
//! clients, which usually also need weak TLS settings, in the supported set.
//!
//! ## Remediation
//! ```sh
//! aws cloudfront get-distribution-config --id E1A2B3C4D5E6F7 > dist.json
//! # set ViewerCertificate.SSLSupportMethod to "sni-only"
//! aws cloudfront update-distribution --id E1A2B3C4D5E6F7 --if-match ETAG --distribution-config file://config.json
//! ```
//! Terraform: `ssl_support_method = "sni-only"` in `viewer_certificate`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-https-dedicated-ip-or-sni.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-8

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "cloudfront.sni",
    title: "CloudFront distributions use SNI to serve HTTPS requests",
    severity: Severity::Low,
    resource_type: ResourceType::CloudFrontDistribution,
    compliance: &[fsbp("CloudFront.8")],
    related: &["cloudfront.custom_certificate"],
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
        let cert = d.settings().viewer_certificate.clone().unwrap_or_default();
        let method = cert.ssl_support_method.clone();
        let ev = json!({"custom_certificate": cert.is_custom(), "SSLSupportMethod": method});
        if !cert.is_custom() {
            out.pass(
                res,
                format!("{name} uses the default certificate, so SNI does not apply"),
                ev,
            );
        } else if method.as_deref() == Some("sni-only") {
            out.pass(res, format!("{name} serves HTTPS with SNI"), ev);
        } else {
            out.fail(
                res,
                format!(
                    "{name} serves HTTPS from dedicated IP addresses (`{}`) instead of SNI",
                    method.as_deref().unwrap_or("unset")
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
    fn vip_fails_sni_passes() {
        let cert = |m: &str| {
            json!({"ViewerCertificate": {"CloudFrontDefaultCertificate": false,
            "ACMCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012",
            "SSLSupportMethod": m, "MinimumProtocolVersion": "TLSv1.2_2021"}})
        };
        let o = outcomes(
            &CHECK,
            &inventory(vec![cloudfront_list(vec![
                cloudfront_item("E1", cert("vip")),
                cloudfront_item("E2", cert("sni-only")),
                cloudfront_item("E3", json!({})),
            ])]),
        );
        assert_eq!(
            statuses(&o),
            [
                ("E1".to_string(), Status::Fail),
                ("E2".to_string(), Status::Pass),
                ("E3".to_string(), Status::Pass)
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
