//! CloudFront distributions have standard access logging enabled.
//!
//! ## What it checks
//! Every CloudFront distribution (`cloudfront ListDistributions`): its full configuration
//! (`cloudfront GetDistribution`) must have `Logging.Enabled` true (standard logs to an S3
//! bucket, the setting Security Hub reads). A distribution whose configuration could not be read
//! is UNKNOWN. Logs delivered only through CloudWatch vended-log deliveries are not seen here.
//!
//! ## Why it matters
//! Access logs record every viewer request (who, from where, what, with what result): the
//! evidence an investigation of scraping, credential stuffing or data theft needs.
//!
//! ## Remediation
//! ```sh
//! aws cloudfront get-distribution-config --id E1A2B3C4D5E6F7 > dist.json
//! # set DistributionConfig.Logging to {"Enabled": true, "IncludeCookies": false, "Bucket": "acme-logs.s3.amazonaws.com", "Prefix": "cf/"}
//! aws cloudfront update-distribution --id E1A2B3C4D5E6F7 --if-match ETAG --distribution-config file://config.json
//! ```
//! Terraform: `logging_config { bucket = "acme-logs.s3.amazonaws.com" }`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-5

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "cloudfront.logging",
    title: "CloudFront distributions have logging enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::CloudFrontDistribution,
    compliance: &[fsbp("CloudFront.5")],
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
                out.unknown(res, "whether access logging is on", g);
                continue;
            }
        };
        match cfg.logging.as_ref().filter(|l| l.enabled) {
            Some(l) => out.pass(
                res,
                format!(
                    "{name} writes access logs to `{}`",
                    l.bucket.as_deref().unwrap_or("")
                ),
                json!({"Logging": {"Enabled": true, "Bucket": l.bucket, "Prefix": l.prefix}}),
            ),
            None => out.fail(
                res,
                format!("{name} has access logging off"),
                json!({"Logging": {"Enabled": false}}),
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
    fn logging_off_fails_on_passes() {
        let inv = inventory(vec![
            cloudfront_list(vec![
                cloudfront_item("E1", json!({})),
                cloudfront_item("E2", json!({})),
            ]),
            cloudfront_config(
                "E1",
                json!({"Logging": {"Enabled": false, "IncludeCookies": false, "Bucket": "", "Prefix": ""}}),
            ),
            cloudfront_config(
                "E2",
                json!({"Logging": {"Enabled": true, "IncludeCookies": false, "Bucket": "acme-logs.s3.amazonaws.com", "Prefix": "cf/"}}),
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
    fn denied_config_is_unknown() {
        let inv = inventory(vec![
            cloudfront_list(vec![cloudfront_item("E1", json!({}))]),
            error(
                "cloudfront",
                "GetDistribution",
                None,
                json!({"Id": "E1"}),
                "AccessDenied",
            ),
        ]);
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
