//! S3 buckets have server access logging enabled.
//!
//! ## What it checks
//! Every bucket of the account (`s3 ListBuckets`) and its logging configuration
//! (`s3 GetBucketLogging`): a `LoggingEnabled` target bucket must be set. A bucket whose
//! logging configuration could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Server access logs record every request made to the bucket, including anonymous and denied
//! ones that CloudTrail data events may not show: they are the trail for investigating access
//! to the data.
//!
//! ## Remediation
//! ```sh
//! aws s3api put-bucket-logging --bucket acme-data --bucket-logging-status \
//!   '{"LoggingEnabled":{"TargetBucket":"acme-access-logs","TargetPrefix":"acme-data/"}}'
//! ```
//! Terraform: `aws_s3_bucket_logging` with `target_bucket` and `target_prefix`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-9

use crate::prelude::*;
use crate::support::s3::each_bucket;

pub static CHECK: Check = Check {
    id: "s3.server_access_logging",
    title: "S3 buckets have server access logging enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::S3Bucket,
    compliance: &[fsbp("S3.9")],
    related: &["cloudtrail.bucket_access_logging"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_bucket(cx, out, "which S3 buckets exist", |out, b, res| {
        match &b.logging {
            Ok(Some(l)) => out.pass(
                res,
                format!(
                    "bucket `{}` logs requests to `{}/{}`",
                    b.name, l.target_bucket, l.target_prefix
                ),
                json!({"TargetBucket": l.target_bucket, "TargetPrefix": l.target_prefix}),
            ),
            Ok(None) => out.fail(
                res,
                format!("bucket `{}` has server access logging off", b.name),
                json!({"LoggingEnabled": null}),
            ),
            Err(g) => out.unknown(res, "whether access logging is on", g),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn pass_fail_unknown() {
        let list = call(
            "s3",
            "ListBuckets",
            Some("us-east-1"),
            json!({}),
            json!({"Buckets": [{"Name": "a"}, {"Name": "b"}, {"Name": "c"}]}),
        );
        let l = |b: &str, r: serde_json::Value| {
            call(
                "s3",
                "GetBucketLogging",
                Some("us-east-1"),
                json!({"Bucket": b}),
                r,
            )
        };
        let inv = inventory(vec![
            list,
            l(
                "a",
                json!({"LoggingEnabled": {"TargetBucket": "logs", "TargetPrefix": "a/"}}),
            ),
            l("b", json!({})),
        ]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            [
                ("a".into(), Status::Pass),
                ("b".into(), Status::Fail),
                ("c".into(), Status::Unknown)
            ]
        );
        assert!(o[1].message.contains("`b`"));
        assert!(o[2].message.contains("not collected"));
    }
}
