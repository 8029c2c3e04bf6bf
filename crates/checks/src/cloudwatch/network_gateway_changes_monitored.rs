//! Network gateway changes are monitored.
//!
//! ## What it checks
//! CIS 4.12: network gateway changes raise an alarm. A multi-region trail that is logging all
//! management events delivers to a CloudWatch Logs log group; a metric filter on that group
//! matches CloudTrail records of `CreateCustomerGateway`, `DeleteCustomerGateway`,
//! `AttachInternetGateway`, `CreateInternetGateway`, `DeleteInternetGateway`,
//! `DetachInternetGateway`; a CloudWatch alarm on the filter's metric notifies an SNS topic with a
//! confirmed subscription. The filter is judged by what it matches (its parsed pattern is run
//! against those records and against unrelated activity), not by its text. See
//! `support/monitoring.rs`.
//!
//! ## Why it matters
//! Gateways decide what traffic can enter or leave a VPC; a new one is a new way in or out.
//!
//! ## Remediation
//! ```sh
//! aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name NetworkGatewayChanges \
//!   --metric-transformations metricName=NetworkGatewayChanges,metricNamespace=CISBenchmark,metricValue=1 \
//!   --filter-pattern '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }'
//! aws sns create-topic --name security-alerts
//! aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint security@example.com
//! aws cloudwatch put-metric-alarm --alarm-name NetworkGatewayChanges --metric-name NetworkGatewayChanges \
//!   --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 \
//!   --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 \
//!   --alarm-actions <topic-arn>
//! ```
//! Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`,
//! `aws_sns_topic` and `aws_sns_topic_subscription`.
//!
//! ## References
//! - CIS Amazon Web Services Foundations Benchmark v5.0.0, recommendation 4.12
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-12
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

use crate::prelude::*;
use crate::support::monitoring::{self, EventSpec};

pub static CHECK: Check = Check {
    id: "cloudwatch.network_gateway_changes_monitored",
    title: "Network gateway changes are monitored",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("4.12"), fsbp("CloudWatch.12")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

static SPEC: EventSpec = EventSpec {
    what: "network gateway changes",
    events: &[
        ("ec2.amazonaws.com", "CreateCustomerGateway"),
        ("ec2.amazonaws.com", "DeleteCustomerGateway"),
        ("ec2.amazonaws.com", "AttachInternetGateway"),
        ("ec2.amazonaws.com", "CreateInternetGateway"),
        ("ec2.amazonaws.com", "DeleteInternetGateway"),
        ("ec2.amazonaws.com", "DetachInternetGateway"),
    ],
    extra: r#"{}"#,
    samples: &[],
    unrelated: r#"{"eventSource":"ec2.amazonaws.com","eventName":"DescribeInternetGateways"}"#,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    monitoring::run(cx, out, &SPEC);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    /// The pattern the CIS benchmark gives.
    const CIS_PATTERN: &str = r#"{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }"#;

    #[test]
    fn pass_fail_unknown() {
        monitoring_check_behaviour(&CHECK, CIS_PATTERN, &SPEC);
    }
}
