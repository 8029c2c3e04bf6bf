//! CloudFront distributions do not point to S3 buckets that do not exist.
//!
//! ## What it checks
//! Every S3 REST-endpoint origin (`bucket.s3.amazonaws.com`, `bucket.s3.<region>.amazonaws.com`)
//! of every CloudFront distribution (`cloudfront ListDistributions`) must name a bucket of this
//! account (`s3 ListBuckets`). A bucket that is not in the account fails: either it was deleted,
//! and anyone can create a bucket of that name and serve content through the distribution, or
//! it belongs to another account, which the message names as the other possibility. S3 website
//! endpoints are custom origins and not judged. UNKNOWN when the distributions or the buckets
//! could not be listed.
//!
//! ## Why it matters
//! A distribution whose origin bucket was deleted is a subdomain takeover waiting to happen:
//! whoever re-creates the bucket name serves their content under the company's domain.
//!
//! ## Remediation
//! Point the origin at an existing bucket of the account (or re-create the bucket), or remove the
//! origin:
//! ```sh
//! aws s3api create-bucket --bucket acme-site --region us-east-1
//! aws cloudfront update-distribution --id E1A2B3C4D5E6F7 --if-match ETAG --distribution-config file://config.json
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistS3AndCustomOrigins.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-12

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "cloudfront.s3_origin_exists",
    title: "CloudFront distributions do not point to non-existent S3 origins",
    severity: Severity::High,
    resource_type: ResourceType::CloudFrontDistribution,
    compliance: &[fsbp("CloudFront.12")],
    related: &["cloudfront.origin_access_control"],
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
        let buckets = match &inv.s3.buckets {
            Ok(b) => b,
            Err(g) => {
                out.unknown(res, "whether its S3 origins exist", g);
                continue;
            }
        };
        let s = d.settings();
        let mut missing = Vec::new();
        let mut found = Vec::new();
        for o in &s.origins.items {
            let Some(bucket) = o.s3_bucket() else {
                continue;
            };
            if buckets.iter().any(|b| b.name == bucket) {
                found.push(bucket);
            } else {
                missing.push(bucket);
            }
        }
        let ev = json!({"missing_buckets": missing, "account_buckets": found});
        if missing.is_empty() {
            out.pass(
                res,
                format!("{name} points only at S3 buckets of this account"),
                ev,
            );
        } else {
            out.fail(
                res,
                format!("{name} points at S3 bucket {} which is not in this account: deleted (anyone may re-create it) or owned by another account", missing.join(", ")),
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

    fn buckets(names: &[&str]) -> serde_json::Value {
        let b: Vec<_> = names
            .iter()
            .map(|n| json!({"Name": n, "CreationDate": "2026-01-10T12:00:00+00:00"}))
            .collect();
        call(
            "s3",
            "ListBuckets",
            Some("us-east-1"),
            json!({}),
            json!({"Buckets": b, "Owner": {"DisplayName": "acme", "ID": "abc"}}),
        )
    }

    #[test]
    fn missing_bucket_fails() {
        let o = outcomes(
            &CHECK,
            &inventory(vec![
                cloudfront_list(vec![cloudfront_item("E1", json!({}))]),
                buckets(&["acme-logs"]),
            ]),
        );
        assert_eq!(only(&o), Status::Fail);
        assert!(o[0].message.contains("acme-site"));
        let o = outcomes(
            &CHECK,
            &inventory(vec![
                cloudfront_list(vec![cloudfront_item("E1", json!({}))]),
                buckets(&["acme-site"]),
            ]),
        );
        assert_eq!(only(&o), Status::Pass);
    }

    #[test]
    fn unknown_without_bucket_list() {
        let o = outcomes(
            &CHECK,
            &inventory(vec![cloudfront_list(vec![cloudfront_item(
                "E1",
                json!({}),
            )])]),
        );
        assert_eq!(only(&o), Status::Unknown);
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
