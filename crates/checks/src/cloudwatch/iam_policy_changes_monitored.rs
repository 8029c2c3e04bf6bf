//! IAM policy changes are monitored.
//!
//! ## What it checks
//! CIS 4.4: IAM policy changes raise an alarm. A multi-region trail that is logging all management
//! events delivers to a CloudWatch Logs log group; a metric filter on that group matches
//! CloudTrail records of `DeleteGroupPolicy`, `DeleteRolePolicy`, `DeleteUserPolicy`,
//! `PutGroupPolicy`, `PutRolePolicy`, `PutUserPolicy`, `CreatePolicy`, `DeletePolicy`,
//! `CreatePolicyVersion`, `DeletePolicyVersion`, `AttachRolePolicy`, `DetachRolePolicy`,
//! `AttachUserPolicy`, `DetachUserPolicy`, `AttachGroupPolicy`, `DetachGroupPolicy`; a CloudWatch
//! alarm on the filter's metric notifies an SNS topic with a confirmed subscription. The filter is
//! judged by what it matches (its parsed pattern is run against those records and against
//! unrelated activity), not by its text. See `support/monitoring.rs`.
//!
//! ## Why it matters
//! Changed policies change who can do what; an unexpected change is often the first step of privilege escalation.
//!
//! ## Remediation
//! ```sh
//! aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name IAMPolicyChanges \
//!   --metric-transformations metricName=IAMPolicyChanges,metricNamespace=CISBenchmark,metricValue=1 \
//!   --filter-pattern '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}'
//! aws sns create-topic --name security-alerts
//! aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint security@example.com
//! aws cloudwatch put-metric-alarm --alarm-name IAMPolicyChanges --metric-name IAMPolicyChanges \
//!   --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 \
//!   --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 \
//!   --alarm-actions <topic-arn>
//! ```
//! Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`,
//! `aws_sns_topic` and `aws_sns_topic_subscription`.
//!
//! ## References
//! - CIS Amazon Web Services Foundations Benchmark v5.0.0, recommendation 4.4
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-4
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

use crate::prelude::*;
use crate::support::monitoring::{self, EventSpec};

pub static CHECK: Check = Check {
    id: "cloudwatch.iam_policy_changes_monitored",
    title: "IAM policy changes are monitored",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("4.4"), fsbp("CloudWatch.4")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

static SPEC: EventSpec = EventSpec {
    what: "IAM policy changes",
    events: &[
        ("iam.amazonaws.com", "DeleteGroupPolicy"),
        ("iam.amazonaws.com", "DeleteRolePolicy"),
        ("iam.amazonaws.com", "DeleteUserPolicy"),
        ("iam.amazonaws.com", "PutGroupPolicy"),
        ("iam.amazonaws.com", "PutRolePolicy"),
        ("iam.amazonaws.com", "PutUserPolicy"),
        ("iam.amazonaws.com", "CreatePolicy"),
        ("iam.amazonaws.com", "DeletePolicy"),
        ("iam.amazonaws.com", "CreatePolicyVersion"),
        ("iam.amazonaws.com", "DeletePolicyVersion"),
        ("iam.amazonaws.com", "AttachRolePolicy"),
        ("iam.amazonaws.com", "DetachRolePolicy"),
        ("iam.amazonaws.com", "AttachUserPolicy"),
        ("iam.amazonaws.com", "DetachUserPolicy"),
        ("iam.amazonaws.com", "AttachGroupPolicy"),
        ("iam.amazonaws.com", "DetachGroupPolicy"),
    ],
    extra: r#"{}"#,
    samples: &[],
    unrelated: r#"{"eventSource":"iam.amazonaws.com","eventName":"GetUser"}"#,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    monitoring::run(cx, out, &SPEC);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    /// The pattern the CIS benchmark gives.
    const CIS_PATTERN: &str = r#"{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}"#;

    #[test]
    fn pass_fail_unknown() {
        monitoring_check_behaviour(&CHECK, CIS_PATTERN, &SPEC);
    }
}
