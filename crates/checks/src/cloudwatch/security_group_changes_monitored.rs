//! Security group changes are monitored.
//!
//! ## What it checks
//! CIS 4.10: security group changes raise an alarm. A multi-region trail that is logging all
//! management events delivers to a CloudWatch Logs log group; a metric filter on that group
//! matches CloudTrail records of `AuthorizeSecurityGroupIngress`, `AuthorizeSecurityGroupEgress`,
//! `RevokeSecurityGroupIngress`, `RevokeSecurityGroupEgress`, `CreateSecurityGroup`,
//! `DeleteSecurityGroup`; a CloudWatch alarm on the filter's metric notifies an SNS topic with a
//! confirmed subscription. The filter is judged by what it matches (its parsed pattern is run
//! against those records and against unrelated activity), not by its text. See
//! `support/monitoring.rs`.
//!
//! ## Why it matters
//! One added ingress rule can open a database or an administration port to the internet.
//!
//! ## Remediation
//! ```sh
//! aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name SecurityGroupChanges \
//!   --metric-transformations metricName=SecurityGroupChanges,metricNamespace=CISBenchmark,metricValue=1 \
//!   --filter-pattern '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }'
//! aws sns create-topic --name security-alerts
//! aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint security@example.com
//! aws cloudwatch put-metric-alarm --alarm-name SecurityGroupChanges --metric-name SecurityGroupChanges \
//!   --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 \
//!   --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 \
//!   --alarm-actions <topic-arn>
//! ```
//! Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`,
//! `aws_sns_topic` and `aws_sns_topic_subscription`.
//!
//! ## References
//! - CIS Amazon Web Services Foundations Benchmark v5.0.0, recommendation 4.10
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-10
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

use crate::prelude::*;
use crate::support::monitoring::{self, EventSpec};

pub static CHECK: Check = Check {
    id: "cloudwatch.security_group_changes_monitored",
    title: "Security group changes are monitored",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("4.10"), fsbp("CloudWatch.10")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

static SPEC: EventSpec = EventSpec {
    what: "security group changes",
    events: &[
        ("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress"),
        ("ec2.amazonaws.com", "AuthorizeSecurityGroupEgress"),
        ("ec2.amazonaws.com", "RevokeSecurityGroupIngress"),
        ("ec2.amazonaws.com", "RevokeSecurityGroupEgress"),
        ("ec2.amazonaws.com", "CreateSecurityGroup"),
        ("ec2.amazonaws.com", "DeleteSecurityGroup"),
    ],
    extra: r#"{}"#,
    samples: &[],
    unrelated: r#"{"eventSource":"ec2.amazonaws.com","eventName":"DescribeSecurityGroups"}"#,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    monitoring::run(cx, out, &SPEC);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    /// The pattern the CIS benchmark gives.
    const CIS_PATTERN: &str = r#"{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }"#;

    #[test]
    fn pass_fail_unknown() {
        monitoring_check_behaviour(&CHECK, CIS_PATTERN, &SPEC);
    }
}
