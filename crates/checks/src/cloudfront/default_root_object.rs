//! CloudFront distributions have a default root object configured.
//!
//! ## What it checks
//! Every CloudFront distribution (`cloudfront ListDistributions`): its full configuration
//! (`cloudfront GetDistribution`) must set `DefaultRootObject` (for example `index.html`). A
//! distribution whose configuration could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Without a default root object, a request for the distribution's root URL is passed to the
//! origin as is; an S3 origin that allows listing then returns the list of every object.
//!
//! ## Remediation
//! ```sh
//! aws cloudfront get-distribution-config --id E1A2B3C4D5E6F7 > dist.json
//! # set DistributionConfig.DefaultRootObject to "index.html", then:
//! aws cloudfront update-distribution --id E1A2B3C4D5E6F7 --if-match ETAG --distribution-config file://config.json
//! ```
//! Terraform: `default_root_object = "index.html"` on `aws_cloudfront_distribution`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DefaultRootObject.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-1

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "cloudfront.default_root_object",
    title: "CloudFront distributions have a default root object",
    severity: Severity::Critical,
    resource_type: ResourceType::CloudFrontDistribution,
    compliance: &[fsbp("CloudFront.1")],
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
        let cfg = match &d.config {
            Ok(c) => c,
            Err(g) => {
                out.unknown(res, "whether a default root object is set", g);
                continue;
            }
        };
        match cfg.default_root_object.as_deref().filter(|s| !s.is_empty()) {
            Some(o) => out.pass(
                res,
                format!("{name} serves `{o}` at its root"),
                json!({"DefaultRootObject": o}),
            ),
            None => out.fail(
                res,
                format!("{name} has no default root object"),
                json!({"DefaultRootObject": ""}),
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
    fn fails_without_and_passes_with_root_object() {
        let inv = inventory(vec![
            cloudfront_list(vec![
                cloudfront_item("E1", json!({})),
                cloudfront_item("E2", json!({})),
            ]),
            cloudfront_config("E1", json!({"DefaultRootObject": "", "Enabled": true})),
            cloudfront_config(
                "E2",
                json!({"DefaultRootObject": "index.html", "Enabled": true}),
            ),
        ]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            [
                ("E1".to_string(), Status::Fail),
                ("E2".to_string(), Status::Pass)
            ]
        );
    }

    #[test]
    fn unknown_without_full_config() {
        let inv = inventory(vec![cloudfront_list(vec![cloudfront_item(
            "E1",
            json!({}),
        )])]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
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
