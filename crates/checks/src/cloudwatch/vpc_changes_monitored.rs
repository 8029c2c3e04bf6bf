//! VPC changes are monitored.
//!
//! ## What it checks
//! CIS 4.14: VPC changes raise an alarm. A multi-region trail that is logging all management
//! events delivers to a CloudWatch Logs log group; a metric filter on that group matches
//! CloudTrail records of `CreateVpc`, `DeleteVpc`, `ModifyVpcAttribute`,
//! `AcceptVpcPeeringConnection`, `CreateVpcPeeringConnection`, `DeleteVpcPeeringConnection`,
//! `RejectVpcPeeringConnection`, `AttachClassicLinkVpc`, `DetachClassicLinkVpc`,
//! `DisableVpcClassicLink`, `EnableVpcClassicLink`; a CloudWatch alarm on the filter's metric
//! notifies an SNS topic with a confirmed subscription. The filter is judged by what it matches
//! (its parsed pattern is run against those records and against unrelated activity), not by its
//! text. See `support/monitoring.rs`.
//!
//! ## Why it matters
//! A new peering connection or VPC attribute change can join networks that were meant to be apart.
//!
//! ## Remediation
//! ```sh
//! aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name VPCChanges \
//!   --metric-transformations metricName=VPCChanges,metricNamespace=CISBenchmark,metricValue=1 \
//!   --filter-pattern '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }'
//! aws sns create-topic --name security-alerts
//! aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint security@example.com
//! aws cloudwatch put-metric-alarm --alarm-name VPCChanges --metric-name VPCChanges \
//!   --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 \
//!   --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 \
//!   --alarm-actions <topic-arn>
//! ```
//! Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`,
//! `aws_sns_topic` and `aws_sns_topic_subscription`.
//!
//! ## References
//! - CIS Amazon Web Services Foundations Benchmark v5.0.0, recommendation 4.14
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-14
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

use crate::prelude::*;
use crate::support::monitoring::{self, EventSpec};

pub static CHECK: Check = Check {
    id: "cloudwatch.vpc_changes_monitored",
    title: "VPC changes are monitored",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("4.14"), fsbp("CloudWatch.14")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

static SPEC: EventSpec = EventSpec {
    what: "VPC changes",
    events: &[
        ("ec2.amazonaws.com", "CreateVpc"),
        ("ec2.amazonaws.com", "DeleteVpc"),
        ("ec2.amazonaws.com", "ModifyVpcAttribute"),
        ("ec2.amazonaws.com", "AcceptVpcPeeringConnection"),
        ("ec2.amazonaws.com", "CreateVpcPeeringConnection"),
        ("ec2.amazonaws.com", "DeleteVpcPeeringConnection"),
        ("ec2.amazonaws.com", "RejectVpcPeeringConnection"),
        ("ec2.amazonaws.com", "AttachClassicLinkVpc"),
        ("ec2.amazonaws.com", "DetachClassicLinkVpc"),
        ("ec2.amazonaws.com", "DisableVpcClassicLink"),
        ("ec2.amazonaws.com", "EnableVpcClassicLink"),
    ],
    extra: r#"{}"#,
    samples: &[],
    unrelated: r#"{"eventSource":"ec2.amazonaws.com","eventName":"DescribeVpcs"}"#,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    monitoring::run(cx, out, &SPEC);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    /// The pattern the CIS benchmark gives.
    const CIS_PATTERN: &str = r#"{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }"#;

    #[test]
    fn pass_fail_unknown() {
        monitoring_check_behaviour(&CHECK, CIS_PATTERN, &SPEC);
    }
}
