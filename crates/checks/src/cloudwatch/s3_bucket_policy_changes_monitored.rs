//! S3 bucket policy changes are monitored.
//!
//! ## What it checks
//! CIS 4.8: S3 bucket policy changes raise an alarm. A multi-region trail that is logging all
//! management events delivers to a CloudWatch Logs log group; a metric filter on that group
//! matches CloudTrail records of `PutBucketAcl`, `PutBucketPolicy`, `PutBucketCors`,
//! `PutBucketLifecycle`, `PutBucketReplication`, `DeleteBucketPolicy`, `DeleteBucketCors`,
//! `DeleteBucketLifecycle`, `DeleteBucketReplication`; a CloudWatch alarm on the filter's metric
//! notifies an SNS topic with a confirmed subscription. The filter is judged by what it matches
//! (its parsed pattern is run against those records and against unrelated activity), not by its
//! text. See `support/monitoring.rs`.
//!
//! ## Why it matters
//! A changed bucket policy or ACL is how data becomes public or shared with another account.
//!
//! ## Remediation
//! ```sh
//! aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name S3BucketPolicyChanges \
//!   --metric-transformations metricName=S3BucketPolicyChanges,metricNamespace=CISBenchmark,metricValue=1 \
//!   --filter-pattern '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }'
//! aws sns create-topic --name security-alerts
//! aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint security@example.com
//! aws cloudwatch put-metric-alarm --alarm-name S3BucketPolicyChanges --metric-name S3BucketPolicyChanges \
//!   --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 \
//!   --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 \
//!   --alarm-actions <topic-arn>
//! ```
//! Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`,
//! `aws_sns_topic` and `aws_sns_topic_subscription`.
//!
//! ## References
//! - CIS Amazon Web Services Foundations Benchmark v5.0.0, recommendation 4.8
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-8
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

use crate::prelude::*;
use crate::support::monitoring::{self, EventSpec};

pub static CHECK: Check = Check {
    id: "cloudwatch.s3_bucket_policy_changes_monitored",
    title: "S3 bucket policy changes are monitored",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("4.8"), fsbp("CloudWatch.8")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

static SPEC: EventSpec = EventSpec {
    what: "S3 bucket policy changes",
    events: &[
        ("s3.amazonaws.com", "PutBucketAcl"),
        ("s3.amazonaws.com", "PutBucketPolicy"),
        ("s3.amazonaws.com", "PutBucketCors"),
        ("s3.amazonaws.com", "PutBucketLifecycle"),
        ("s3.amazonaws.com", "PutBucketReplication"),
        ("s3.amazonaws.com", "DeleteBucketPolicy"),
        ("s3.amazonaws.com", "DeleteBucketCors"),
        ("s3.amazonaws.com", "DeleteBucketLifecycle"),
        ("s3.amazonaws.com", "DeleteBucketReplication"),
    ],
    extra: r#"{}"#,
    samples: &[],
    unrelated: r#"{"eventSource":"s3.amazonaws.com","eventName":"GetBucketPolicy"}"#,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    monitoring::run(cx, out, &SPEC);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    /// The pattern the CIS benchmark gives.
    const CIS_PATTERN: &str = r#"{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }"#;

    #[test]
    fn pass_fail_unknown() {
        monitoring_check_behaviour(&CHECK, CIS_PATTERN, &SPEC);
    }
}
