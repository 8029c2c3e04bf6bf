//! The S3 bucket that receives CloudTrail logs has server access logging enabled.
//!
//! ## What it checks
//! Every trail of the account, once (`cloudtrail DescribeTrails`), and the bucket it delivers to
//! (`S3BucketName`), looked up among the account's buckets (`s3 ListBuckets`) with its logging
//! configuration (`s3 GetBucketLogging`): a `LoggingEnabled` target must be set. A bucket that is
//! not in this account's bucket list (a central logging account's bucket) cannot be judged from
//! here and is UNKNOWN, as is a bucket whose logging configuration could not be read.
//!
//! ## Why it matters
//! Access logs on the trail bucket show who read, changed or deleted the audit trail itself:
//! the first thing an intruder goes after.
//!
//! ## Remediation
//! ```sh
//! aws s3api put-bucket-logging --bucket acme-cloudtrail-logs --bucket-logging-status \
//!   '{"LoggingEnabled":{"TargetBucket":"acme-access-logs","TargetPrefix":"acme-cloudtrail-logs/"}}'
//! ```
//! Terraform: `aws_s3_bucket_logging` on the trail's bucket. Log to a different bucket than the
//! trail's, so that the logs do not log themselves.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-7

use crate::prelude::*;
use crate::support::cloudtrail::{each_trail, trail_bucket};
use rampart_model::ResourceRef;
use rampart_model::inventory::cloudtrail::Trail;

pub static CHECK: Check = Check {
    id: "cloudtrail.bucket_access_logging",
    title: "The S3 bucket that receives CloudTrail logs has server access logging enabled",
    severity: Severity::Low,
    resource_type: ResourceType::CloudTrailTrail,
    compliance: &[cis("3.4"), fsbp("CloudTrail.7")],
    related: &["cloudtrail.multi_region_logging"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_trail(cx, out, judge);
}

fn judge(cx: &Context<'_>, out: &mut Outcomes, t: &Trail, res: ResourceRef) {
    let Some((b, res)) = trail_bucket(cx, out, t, res, "logs access", "access logging") else {
        return;
    };
    let bucket = b.name.as_str();
    match &b.logging {
        Ok(Some(l)) => out.pass(
            res,
            format!("trail `{}` delivers to bucket `{bucket}`, which logs access to `{}`", t.name, l.target_bucket),
            json!({"S3BucketName": bucket, "TargetBucket": l.target_bucket, "TargetPrefix": l.target_prefix}),
        ),
        Ok(None) => out.fail(
            res,
            format!("trail `{}` delivers to bucket `{bucket}`, which has server access logging off", t.name),
            json!({"S3BucketName": bucket, "LoggingEnabled": null}),
        ),
        Err(g) => out.unknown(res, &format!("whether bucket `{bucket}` logs access"), g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn pass_fail_and_unknown_for_buckets_elsewhere() {
        let inv = inventory(vec![
            cloudtrail_trails(vec![
                cloudtrail_trail("a", json!({"S3BucketName": "logged"})),
                cloudtrail_trail("b", json!({"S3BucketName": "unlogged"})),
                cloudtrail_trail("c", json!({"S3BucketName": "central-logs-999988887777"})),
                cloudtrail_trail("d", json!({"S3BucketName": "denied"})),
            ]),
            call(
                "s3",
                "ListBuckets",
                Some("us-east-1"),
                json!({}),
                json!({"Buckets": [{"Name": "logged"}, {"Name": "unlogged"}, {"Name": "denied"}]}),
            ),
            call(
                "s3",
                "GetBucketLogging",
                Some("us-east-1"),
                json!({"Bucket": "logged"}),
                json!({"LoggingEnabled": {"TargetBucket": "access-logs", "TargetPrefix": "logged/"}}),
            ),
            call(
                "s3",
                "GetBucketLogging",
                Some("us-east-1"),
                json!({"Bucket": "unlogged"}),
                json!({}),
            ),
            error(
                "s3",
                "GetBucketLogging",
                Some("us-east-1"),
                json!({"Bucket": "denied"}),
                "AccessDenied",
            ),
        ]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            [
                ("a".into(), Status::Pass),
                ("b".into(), Status::Fail),
                ("c".into(), Status::Unknown),
                ("d".into(), Status::Unknown)
            ]
        );
        assert!(o[2].message.contains("another account"), "{}", o[2].message);
        assert!(o[1].message.contains("`unlogged`"));
    }

    #[test]
    fn unknown_when_trails_were_not_read() {
        let denied = error(
            "cloudtrail",
            "DescribeTrails",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![denied]))),
            Status::Unknown
        );
    }
}
