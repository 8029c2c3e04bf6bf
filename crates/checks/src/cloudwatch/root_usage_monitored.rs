//! Use of the root user is monitored.
//!
//! ## What it checks
//! CIS 4.3: uses of the root user raise an alarm. A multi-region trail that is logging all
//! management events delivers to a CloudWatch Logs log group; a metric filter on that group
//! matches sample CloudTrail records of uses of the root user; a CloudWatch alarm on the filter's
//! metric notifies an SNS topic with a confirmed subscription. The filter is judged by what it
//! matches (its parsed pattern is run against those records and against unrelated activity), not
//! by its text. See `support/monitoring.rs`.
//!
//! ## Why it matters
//! The root user has every permission and cannot be restricted; any use of it should be rare and seen.
//!
//! ## Remediation
//! ```sh
//! aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name RootAccountUsage \
//!   --metric-transformations metricName=RootAccountUsage,metricNamespace=CISBenchmark,metricValue=1 \
//!   --filter-pattern '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'
//! aws sns create-topic --name security-alerts
//! aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint security@example.com
//! aws cloudwatch put-metric-alarm --alarm-name RootAccountUsage --metric-name RootAccountUsage \
//!   --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 \
//!   --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 \
//!   --alarm-actions <topic-arn>
//! ```
//! Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`,
//! `aws_sns_topic` and `aws_sns_topic_subscription`.
//!
//! ## References
//! - CIS Amazon Web Services Foundations Benchmark v5.0.0, recommendation 4.3
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-1
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

use crate::prelude::*;
use crate::support::monitoring::{self, EventSpec};

pub static CHECK: Check = Check {
    id: "cloudwatch.root_usage_monitored",
    title: "Use of the root user is monitored",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("4.3"), fsbp("CloudWatch.1")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

static SPEC: EventSpec = EventSpec {
    what: "uses of the root user",
    events: &[],
    extra: r#"{}"#,
    samples: &[
        r#"{"userIdentity":{"type":"Root","principalId":"123456789012","arn":"arn:aws:iam::123456789012:root","accountId":"123456789012"},"eventSource":"iam.amazonaws.com","eventName":"CreateAccessKey","eventType":"AwsApiCall"}"#,
        r#"{"userIdentity":{"type":"Root","principalId":"123456789012","arn":"arn:aws:iam::123456789012:root","accountId":"123456789012"},"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","eventType":"AwsConsoleSignIn","responseElements":{"ConsoleLogin":"Success"}}"#,
    ],
    unrelated: r#"{}"#,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    monitoring::run(cx, out, &SPEC);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    /// The pattern the CIS benchmark gives.
    const CIS_PATTERN: &str = r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#;

    #[test]
    fn pass_fail_unknown() {
        monitoring_check_behaviour(&CHECK, CIS_PATTERN, &SPEC);
    }
}
