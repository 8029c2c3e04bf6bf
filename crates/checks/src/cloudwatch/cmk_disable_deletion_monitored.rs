//! Disabling or scheduled deletion of customer managed keys is monitored.
//!
//! ## What it checks
//! CIS 4.7: disabling or scheduled deletion of customer managed KMS keys raise an alarm. A multi-
//! region trail that is logging all management events delivers to a CloudWatch Logs log group; a
//! metric filter on that group matches CloudTrail records of `DisableKey`, `ScheduleKeyDeletion`;
//! a CloudWatch alarm on the filter's metric notifies an SNS topic with a confirmed subscription.
//! The filter is judged by what it matches (its parsed pattern is run against those records and
//! against unrelated activity), not by its text. See `support/monitoring.rs`.
//!
//! ## Why it matters
//! Data encrypted under a disabled or deleted key cannot be read: a quiet way to destroy it or hold it to ransom.
//!
//! ## Remediation
//! ```sh
//! aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name DisableOrDeleteCMK \
//!   --metric-transformations metricName=DisableOrDeleteCMK,metricNamespace=CISBenchmark,metricValue=1 \
//!   --filter-pattern '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }'
//! aws sns create-topic --name security-alerts
//! aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint security@example.com
//! aws cloudwatch put-metric-alarm --alarm-name DisableOrDeleteCMK --metric-name DisableOrDeleteCMK \
//!   --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 \
//!   --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 \
//!   --alarm-actions <topic-arn>
//! ```
//! Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`,
//! `aws_sns_topic` and `aws_sns_topic_subscription`.
//!
//! ## References
//! - CIS Amazon Web Services Foundations Benchmark v5.0.0, recommendation 4.7
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-7
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

use crate::prelude::*;
use crate::support::monitoring::{self, EventSpec};

pub static CHECK: Check = Check {
    id: "cloudwatch.cmk_disable_deletion_monitored",
    title: "Disabling or scheduled deletion of customer managed keys is monitored",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("4.7"), fsbp("CloudWatch.7")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

static SPEC: EventSpec = EventSpec {
    what: "disabling or scheduled deletion of customer managed KMS keys",
    events: &[
        ("kms.amazonaws.com", "DisableKey"),
        ("kms.amazonaws.com", "ScheduleKeyDeletion"),
    ],
    extra: r#"{}"#,
    samples: &[],
    unrelated: r#"{"eventSource":"kms.amazonaws.com","eventName":"Decrypt"}"#,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    monitoring::run(cx, out, &SPEC);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    /// The pattern the CIS benchmark gives.
    const CIS_PATTERN: &str = r#"{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }"#;

    #[test]
    fn pass_fail_unknown() {
        monitoring_check_behaviour(&CHECK, CIS_PATTERN, &SPEC);
    }
}
