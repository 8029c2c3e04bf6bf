//! Route table changes are monitored.
//!
//! ## What it checks
//! CIS 4.13: route table changes raise an alarm. A multi-region trail that is logging all
//! management events delivers to a CloudWatch Logs log group; a metric filter on that group
//! matches CloudTrail records of `CreateRoute`, `CreateRouteTable`, `ReplaceRoute`,
//! `ReplaceRouteTableAssociation`, `DeleteRouteTable`, `DeleteRoute`, `DisassociateRouteTable`; a
//! CloudWatch alarm on the filter's metric notifies an SNS topic with a confirmed subscription.
//! The filter is judged by what it matches (its parsed pattern is run against those records and
//! against unrelated activity), not by its text. See `support/monitoring.rs`.
//!
//! ## Why it matters
//! A changed route can send a private subnet's traffic through an internet gateway or another VPC.
//!
//! ## Remediation
//! ```sh
//! aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name RouteTableChanges \
//!   --metric-transformations metricName=RouteTableChanges,metricNamespace=CISBenchmark,metricValue=1 \
//!   --filter-pattern '{($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }'
//! aws sns create-topic --name security-alerts
//! aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint security@example.com
//! aws cloudwatch put-metric-alarm --alarm-name RouteTableChanges --metric-name RouteTableChanges \
//!   --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 \
//!   --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 \
//!   --alarm-actions <topic-arn>
//! ```
//! Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`,
//! `aws_sns_topic` and `aws_sns_topic_subscription`.
//!
//! ## References
//! - CIS Amazon Web Services Foundations Benchmark v5.0.0, recommendation 4.13
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-13
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

use crate::prelude::*;
use crate::support::monitoring::{self, EventSpec};

pub static CHECK: Check = Check {
    id: "cloudwatch.route_table_changes_monitored",
    title: "Route table changes are monitored",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("4.13"), fsbp("CloudWatch.13")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

static SPEC: EventSpec = EventSpec {
    what: "route table changes",
    events: &[
        ("ec2.amazonaws.com", "CreateRoute"),
        ("ec2.amazonaws.com", "CreateRouteTable"),
        ("ec2.amazonaws.com", "ReplaceRoute"),
        ("ec2.amazonaws.com", "ReplaceRouteTableAssociation"),
        ("ec2.amazonaws.com", "DeleteRouteTable"),
        ("ec2.amazonaws.com", "DeleteRoute"),
        ("ec2.amazonaws.com", "DisassociateRouteTable"),
    ],
    extra: r#"{}"#,
    samples: &[],
    unrelated: r#"{"eventSource":"ec2.amazonaws.com","eventName":"DescribeRouteTables"}"#,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    monitoring::run(cx, out, &SPEC);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    /// The pattern the CIS benchmark gives.
    const CIS_PATTERN: &str = r#"{($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }"#;

    #[test]
    fn pass_fail_unknown() {
        monitoring_check_behaviour(&CHECK, CIS_PATTERN, &SPEC);
    }
}
