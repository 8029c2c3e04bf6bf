//! AWS Organizations changes are monitored.
//!
//! ## What it checks
//! CIS 4.15: AWS Organizations changes raise an alarm. A multi-region trail that is logging all
//! management events delivers to a CloudWatch Logs log group; a metric filter on that group
//! matches CloudTrail records of `AcceptHandshake`, `AttachPolicy`, `CreateAccount`,
//! `CreateOrganizationalUnit`, `CreatePolicy`, `DeclineHandshake`, `DeleteOrganization`,
//! `DeleteOrganizationalUnit`, `DeletePolicy`, `DetachPolicy`, `DisablePolicyType`,
//! `EnablePolicyType`, `InviteAccountToOrganization`, `LeaveOrganization`, `MoveAccount`,
//! `RemoveAccountFromOrganization`, `UpdatePolicy`, `UpdateOrganizationalUnit`; a CloudWatch alarm
//! on the filter's metric notifies an SNS topic with a confirmed subscription. The filter is
//! judged by what it matches (its parsed pattern is run against those records and against
//! unrelated activity), not by its text. See `support/monitoring.rs`.
//!
//! ## Why it matters
//! Organization changes move accounts out from under SCPs or change the SCPs themselves.
//!
//! ## Remediation
//! ```sh
//! aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name OrganizationsChanges \
//!   --metric-transformations metricName=OrganizationsChanges,metricNamespace=CISBenchmark,metricValue=1 \
//!   --filter-pattern '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }'
//! aws sns create-topic --name security-alerts
//! aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint security@example.com
//! aws cloudwatch put-metric-alarm --alarm-name OrganizationsChanges --metric-name OrganizationsChanges \
//!   --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 \
//!   --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 \
//!   --alarm-actions <topic-arn>
//! ```
//! Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`,
//! `aws_sns_topic` and `aws_sns_topic_subscription`.
//!
//! ## References
//! - CIS Amazon Web Services Foundations Benchmark v5.0.0, recommendation 4.15
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

use crate::prelude::*;
use crate::support::monitoring::{self, EventSpec};

pub static CHECK: Check = Check {
    id: "cloudwatch.organizations_changes_monitored",
    title: "AWS Organizations changes are monitored",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("4.15")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

static SPEC: EventSpec = EventSpec {
    what: "AWS Organizations changes",
    events: &[
        ("organizations.amazonaws.com", "AcceptHandshake"),
        ("organizations.amazonaws.com", "AttachPolicy"),
        ("organizations.amazonaws.com", "CreateAccount"),
        ("organizations.amazonaws.com", "CreateOrganizationalUnit"),
        ("organizations.amazonaws.com", "CreatePolicy"),
        ("organizations.amazonaws.com", "DeclineHandshake"),
        ("organizations.amazonaws.com", "DeleteOrganization"),
        ("organizations.amazonaws.com", "DeleteOrganizationalUnit"),
        ("organizations.amazonaws.com", "DeletePolicy"),
        ("organizations.amazonaws.com", "DetachPolicy"),
        ("organizations.amazonaws.com", "DisablePolicyType"),
        ("organizations.amazonaws.com", "EnablePolicyType"),
        ("organizations.amazonaws.com", "InviteAccountToOrganization"),
        ("organizations.amazonaws.com", "LeaveOrganization"),
        ("organizations.amazonaws.com", "MoveAccount"),
        (
            "organizations.amazonaws.com",
            "RemoveAccountFromOrganization",
        ),
        ("organizations.amazonaws.com", "UpdatePolicy"),
        ("organizations.amazonaws.com", "UpdateOrganizationalUnit"),
    ],
    extra: r#"{}"#,
    samples: &[],
    unrelated: r#"{"eventSource":"organizations.amazonaws.com","eventName":"DescribeOrganization"}"#,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    monitoring::run(cx, out, &SPEC);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    /// The pattern the CIS benchmark gives.
    const CIS_PATTERN: &str = r#"{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }"#;

    #[test]
    fn pass_fail_unknown() {
        monitoring_check_behaviour(&CHECK, CIS_PATTERN, &SPEC);
    }
}
