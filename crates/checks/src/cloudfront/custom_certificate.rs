//! CloudFront distributions use a custom SSL/TLS certificate.
//!
//! ## What it checks
//! Every CloudFront distribution (`cloudfront ListDistributions`): its `ViewerCertificate` must
//! name an ACM or IAM certificate rather than the default `*.cloudfront.net` certificate
//! (`CloudFrontDefaultCertificate`). A distribution list that could not be read is UNKNOWN.
//!
//! ## Why it matters
//! The default certificate only covers `*.cloudfront.net` names: viewers reach the content under
//! a shared domain, and the distribution cannot serve its own domain over HTTPS or choose a
//! modern minimum TLS version.
//!
//! ## Remediation
//! ```sh
//! aws acm request-certificate --region us-east-1 --domain-name www.example.com --validation-method DNS
//! aws cloudfront update-distribution --id E1A2B3C4D5E6F7 --if-match ETAG --distribution-config file://config.json
//! ```
//! Terraform: `viewer_certificate { acm_certificate_arn = ..., ssl_support_method = "sni-only" }`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-7

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "cloudfront.custom_certificate",
    title: "CloudFront distributions use custom SSL/TLS certificates",
    severity: Severity::Medium,
    resource_type: ResourceType::CloudFrontDistribution,
    compliance: &[fsbp("CloudFront.7")],
    related: &["cloudfront.sni"],
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
        let ev = json!({"CloudFrontDefaultCertificate": cert.cloud_front_default_certificate,
            "ACMCertificateArn": cert.acm_certificate_arn, "IAMCertificateId": cert.iam_certificate_id});
        if cert.is_custom() {
            out.pass(res, format!("{name} uses a custom certificate"), ev);
        } else {
            out.fail(
                res,
                format!("{name} uses the default CloudFront certificate"),
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
    fn default_certificate_fails() {
        let custom = json!({"ViewerCertificate": {"CloudFrontDefaultCertificate": false,
            "ACMCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012",
            "SSLSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021", "CertificateSource": "acm"}});
        let o = outcomes(
            &CHECK,
            &inventory(vec![cloudfront_list(vec![
                cloudfront_item("E1", json!({})),
                cloudfront_item("E2", custom),
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
