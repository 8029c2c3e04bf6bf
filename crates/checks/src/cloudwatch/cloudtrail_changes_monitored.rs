//! CloudTrail configuration changes are monitored.
//!
//! ## What it checks
//! CIS 4.5: CloudTrail configuration changes raise an alarm. A multi-region trail that is logging
//! all management events delivers to a CloudWatch Logs log group; a metric filter on that group
//! matches CloudTrail records of `CreateTrail`, `UpdateTrail`, `DeleteTrail`, `StartLogging`,
//! `StopLogging`; a CloudWatch alarm on the filter's metric notifies an SNS topic with a confirmed
//! subscription. The filter is judged by what it matches (its parsed pattern is run against those
//! records and against unrelated activity), not by its text. See `support/monitoring.rs`.
//!
//! ## Why it matters
//! Stopping or redirecting the trail is how an intruder hides what comes next.
//!
//! ## Remediation
//! ```sh
//! aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name CloudTrailCfgChanges \
//!   --metric-transformations metricName=CloudTrailCfgChanges,metricNamespace=CISBenchmark,metricValue=1 \
//!   --filter-pattern '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }'
//! aws sns create-topic --name security-alerts
//! aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint security@example.com
//! aws cloudwatch put-metric-alarm --alarm-name CloudTrailCfgChanges --metric-name CloudTrailCfgChanges \
//!   --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 \
//!   --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 \
//!   --alarm-actions <topic-arn>
//! ```
//! Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`,
//! `aws_sns_topic` and `aws_sns_topic_subscription`.
//!
//! ## References
//! - CIS Amazon Web Services Foundations Benchmark v5.0.0, recommendation 4.5
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-5
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

use crate::prelude::*;
use crate::support::monitoring::{self, EventSpec};

pub static CHECK: Check = Check {
    id: "cloudwatch.cloudtrail_changes_monitored",
    title: "CloudTrail configuration changes are monitored",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("4.5"), fsbp("CloudWatch.5")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

static SPEC: EventSpec = EventSpec {
    what: "CloudTrail configuration changes",
    events: &[
        ("cloudtrail.amazonaws.com", "CreateTrail"),
        ("cloudtrail.amazonaws.com", "UpdateTrail"),
        ("cloudtrail.amazonaws.com", "DeleteTrail"),
        ("cloudtrail.amazonaws.com", "StartLogging"),
        ("cloudtrail.amazonaws.com", "StopLogging"),
    ],
    extra: r#"{}"#,
    samples: &[],
    unrelated: r#"{"eventSource":"cloudtrail.amazonaws.com","eventName":"DescribeTrails"}"#,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    monitoring::run(cx, out, &SPEC);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    /// The pattern the CIS benchmark gives.
    const CIS_PATTERN: &str = r#"{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"#;

    #[test]
    fn pass_fail_unknown() {
        monitoring_check_behaviour(&CHECK, CIS_PATTERN, &SPEC);
    }
}
