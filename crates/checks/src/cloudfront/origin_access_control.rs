//! CloudFront distributions use origin access control (OAC) for their S3 origins.
//!
//! ## What it checks
//! Every S3 REST-endpoint origin of every CloudFront distribution (`cloudfront
//! ListDistributions`) must have an `OriginAccessControlId`. A distribution with no S3 origin
//! passes (nothing to protect). A distribution list that could not be read is UNKNOWN. The older
//! origin access identity (OAI) does not count: OAC replaces it and supports SSE-KMS and every
//! region.
//!
//! ## Why it matters
//! Without OAC the bucket must be readable by others for CloudFront to fetch from it, so viewers
//! can bypass the distribution (and its WAF, signed URLs and logging) and read the bucket directly.
//!
//! ## Remediation
//! ```sh
//! aws cloudfront create-origin-access-control --origin-access-control-config \
//!   Name=acme-site,SigningProtocol=sigv4,SigningBehavior=always,OriginAccessControlOriginType=s3
//! aws cloudfront update-distribution --id E1A2B3C4D5E6F7 --if-match ETAG --distribution-config file://config.json
//! ```
//! Then allow only `cloudfront.amazonaws.com` with `aws:SourceArn` = the distribution in the
//! bucket policy. Terraform: `origin_access_control_id` in the `origin` block.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-13

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "cloudfront.origin_access_control",
    title: "CloudFront distributions use origin access control for S3 origins",
    severity: Severity::Medium,
    resource_type: ResourceType::CloudFrontDistribution,
    compliance: &[fsbp("CloudFront.13")],
    related: &["cloudfront.s3_origin_exists"],
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
        let s3: Vec<_> = s
            .origins
            .items
            .iter()
            .filter(|o| o.s3_bucket().is_some())
            .collect();
        let without: Vec<&str> = s3
            .iter()
            .filter(|o| o.oac().is_none())
            .map(|o| o.id.as_str())
            .collect();
        let ev = json!({"s3_origins": s3.iter().map(|o| json!({"origin": o.id, "OriginAccessControlId": o.oac()})).collect::<Vec<_>>()});
        if s3.is_empty() {
            out.pass(res, format!("{name} has no S3 origins"), ev);
        } else if without.is_empty() {
            out.pass(
                res,
                format!("{name} reaches its S3 origins through origin access control"),
                ev,
            );
        } else {
            out.fail(
                res,
                format!(
                    "{name} has S3 origin {} without origin access control",
                    without.join(", ")
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
    fn s3_origin_without_oac_fails() {
        let no_oac = json!({"Origins": {"Quantity": 1, "Items": [{"Id": "site", "DomainName": "acme-site.s3.amazonaws.com",
            "S3OriginConfig": {"OriginAccessIdentity": "origin-access-identity/cloudfront/E127EXAMPLE51Z"}, "OriginAccessControlId": ""}]}});
        let o = outcomes(
            &CHECK,
            &inventory(vec![cloudfront_list(vec![
                cloudfront_item("E1", no_oac),
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
