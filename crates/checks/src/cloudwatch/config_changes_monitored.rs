//! AWS Config configuration changes are monitored.
//!
//! ## What it checks
//! CIS 4.9: AWS Config configuration changes raise an alarm. A multi-region trail that is logging
//! all management events delivers to a CloudWatch Logs log group; a metric filter on that group
//! matches CloudTrail records of `StopConfigurationRecorder`, `DeleteDeliveryChannel`,
//! `PutDeliveryChannel`, `PutConfigurationRecorder`; a CloudWatch alarm on the filter's metric
//! notifies an SNS topic with a confirmed subscription. The filter is judged by what it matches
//! (its parsed pattern is run against those records and against unrelated activity), not by its
//! text. See `support/monitoring.rs`.
//!
//! ## Why it matters
//! Stopping the recorder erases the configuration history that investigations and audits rely on.
//!
//! ## Remediation
//! ```sh
//! aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name AWSConfigChanges \
//!   --metric-transformations metricName=AWSConfigChanges,metricNamespace=CISBenchmark,metricValue=1 \
//!   --filter-pattern '{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }'
//! aws sns create-topic --name security-alerts
//! aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint security@example.com
//! aws cloudwatch put-metric-alarm --alarm-name AWSConfigChanges --metric-name AWSConfigChanges \
//!   --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 \
//!   --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 \
//!   --alarm-actions <topic-arn>
//! ```
//! Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`,
//! `aws_sns_topic` and `aws_sns_topic_subscription`.
//!
//! ## References
//! - CIS Amazon Web Services Foundations Benchmark v5.0.0, recommendation 4.9
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-9
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

use crate::prelude::*;
use crate::support::monitoring::{self, EventSpec};

pub static CHECK: Check = Check {
    id: "cloudwatch.config_changes_monitored",
    title: "AWS Config configuration changes are monitored",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("4.9"), fsbp("CloudWatch.9")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

static SPEC: EventSpec = EventSpec {
    what: "AWS Config configuration changes",
    events: &[
        ("config.amazonaws.com", "StopConfigurationRecorder"),
        ("config.amazonaws.com", "DeleteDeliveryChannel"),
        ("config.amazonaws.com", "PutDeliveryChannel"),
        ("config.amazonaws.com", "PutConfigurationRecorder"),
    ],
    extra: r#"{}"#,
    samples: &[],
    unrelated: r#"{"eventSource":"config.amazonaws.com","eventName":"DescribeConfigurationRecorders"}"#,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    monitoring::run(cx, out, &SPEC);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    /// The pattern the CIS benchmark gives.
    const CIS_PATTERN: &str = r#"{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }"#;

    #[test]
    fn pass_fail_unknown() {
        monitoring_check_behaviour(&CHECK, CIS_PATTERN, &SPEC);
    }
}
