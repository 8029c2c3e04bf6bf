//! Network ACL changes are monitored.
//!
//! ## What it checks
//! CIS 4.11: network ACL changes raise an alarm. A multi-region trail that is logging all
//! management events delivers to a CloudWatch Logs log group; a metric filter on that group
//! matches CloudTrail records of `CreateNetworkAcl`, `CreateNetworkAclEntry`, `DeleteNetworkAcl`,
//! `DeleteNetworkAclEntry`, `ReplaceNetworkAclEntry`, `ReplaceNetworkAclAssociation`; a CloudWatch
//! alarm on the filter's metric notifies an SNS topic with a confirmed subscription. The filter is
//! judged by what it matches (its parsed pattern is run against those records and against
//! unrelated activity), not by its text. See `support/monitoring.rs`.
//!
//! ## Why it matters
//! Network ACLs are the subnet-wide filter; changing one can expose every instance in a subnet.
//!
//! ## Remediation
//! ```sh
//! aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name NACLChanges \
//!   --metric-transformations metricName=NACLChanges,metricNamespace=CISBenchmark,metricValue=1 \
//!   --filter-pattern '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }'
//! aws sns create-topic --name security-alerts
//! aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint security@example.com
//! aws cloudwatch put-metric-alarm --alarm-name NACLChanges --metric-name NACLChanges \
//!   --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 \
//!   --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 \
//!   --alarm-actions <topic-arn>
//! ```
//! Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`,
//! `aws_sns_topic` and `aws_sns_topic_subscription`.
//!
//! ## References
//! - CIS Amazon Web Services Foundations Benchmark v5.0.0, recommendation 4.11
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-11
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

use crate::prelude::*;
use crate::support::monitoring::{self, EventSpec};

pub static CHECK: Check = Check {
    id: "cloudwatch.nacl_changes_monitored",
    title: "Network ACL changes are monitored",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("4.11"), fsbp("CloudWatch.11")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

static SPEC: EventSpec = EventSpec {
    what: "network ACL changes",
    events: &[
        ("ec2.amazonaws.com", "CreateNetworkAcl"),
        ("ec2.amazonaws.com", "CreateNetworkAclEntry"),
        ("ec2.amazonaws.com", "DeleteNetworkAcl"),
        ("ec2.amazonaws.com", "DeleteNetworkAclEntry"),
        ("ec2.amazonaws.com", "ReplaceNetworkAclEntry"),
        ("ec2.amazonaws.com", "ReplaceNetworkAclAssociation"),
    ],
    extra: r#"{}"#,
    samples: &[],
    unrelated: r#"{"eventSource":"ec2.amazonaws.com","eventName":"DescribeNetworkAcls"}"#,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    monitoring::run(cx, out, &SPEC);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    /// The pattern the CIS benchmark gives.
    const CIS_PATTERN: &str = r#"{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }"#;

    #[test]
    fn pass_fail_unknown() {
        monitoring_check_behaviour(&CHECK, CIS_PATTERN, &SPEC);
    }
}
