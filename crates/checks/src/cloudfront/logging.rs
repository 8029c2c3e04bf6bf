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
    fn logging_off_fails_on_passes() {
        let inv = inventory(vec![
            list(vec![item("E1", json!({})), item("E2", json!({}))]),
            config(
                "E1",
                json!({"Logging": {"Enabled": false, "IncludeCookies": false, "Bucket": "", "Prefix": ""}}),
            ),
            config(
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
            list(vec![item("E1", json!({}))]),
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
