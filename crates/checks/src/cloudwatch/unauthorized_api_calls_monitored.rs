//! Unauthorized API calls are monitored.
//!
//! ## What it checks
//! CIS 4.1: unauthorized API calls raise an alarm. A multi-region trail that is logging all
//! management events delivers to a CloudWatch Logs log group; a metric filter on that group
//! matches sample CloudTrail records of unauthorized API calls; a CloudWatch alarm on the filter's
//! metric notifies an SNS topic with a confirmed subscription. The filter is judged by what it
//! matches (its parsed pattern is run against those records and against unrelated activity), not
//! by its text. See `support/monitoring.rs`.
//!
//! ## Why it matters
//! Repeated unauthorized calls are how credential misuse and privilege probing show up first.
//!
//! ## Remediation
//! ```sh
//! aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name UnauthorizedAPICalls \
//!   --metric-transformations metricName=UnauthorizedAPICalls,metricNamespace=CISBenchmark,metricValue=1 \
//!   --filter-pattern '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }'
//! aws sns create-topic --name security-alerts
//! aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint security@example.com
//! aws cloudwatch put-metric-alarm --alarm-name UnauthorizedAPICalls --metric-name UnauthorizedAPICalls \
//!   --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 \
//!   --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 \
//!   --alarm-actions <topic-arn>
//! ```
//! Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`,
//! `aws_sns_topic` and `aws_sns_topic_subscription`.
//!
//! ## References
//! - CIS Amazon Web Services Foundations Benchmark v5.0.0, recommendation 4.1
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-2
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

use crate::prelude::*;
use crate::support::monitoring::{self, EventSpec};

pub static CHECK: Check = Check {
    id: "cloudwatch.unauthorized_api_calls_monitored",
    title: "Unauthorized API calls are monitored",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("4.1"), fsbp("CloudWatch.2")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

static SPEC: EventSpec = EventSpec {
    what: "unauthorized API calls",
    events: &[],
    extra: r#"{}"#,
    samples: &[
        r#"{"eventSource":"ec2.amazonaws.com","eventName":"RunInstances","errorCode":"Client.UnauthorizedOperation","errorMessage":"You are not authorized to perform this operation."}"#,
        r#"{"eventSource":"iam.amazonaws.com","eventName":"CreateUser","errorCode":"AccessDenied","errorMessage":"User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:CreateUser"}"#,
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
    const CIS_PATTERN: &str = r#"{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }"#;

    #[test]
    fn pass_fail_unknown() {
        monitoring_check_behaviour(&CHECK, CIS_PATTERN, &SPEC);
    }
}
