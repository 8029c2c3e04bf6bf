//! Console sign-ins without MFA are monitored.
//!
//! ## What it checks
//! CIS 4.2: console sign-ins without MFA raise an alarm. A multi-region trail that is logging all
//! management events delivers to a CloudWatch Logs log group; a metric filter on that group
//! matches sample CloudTrail records of console sign-ins without MFA; a CloudWatch alarm on the
//! filter's metric notifies an SNS topic with a confirmed subscription. The filter is judged by
//! what it matches (its parsed pattern is run against those records and against unrelated
//! activity), not by its text. See `support/monitoring.rs`.
//!
//! ## Why it matters
//! A password-only console sign-in is the one a stolen password makes possible.
//!
//! ## Remediation
//! ```sh
//! aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name NoMFAConsoleSignin \
//!   --metric-transformations metricName=NoMFAConsoleSignin,metricNamespace=CISBenchmark,metricValue=1 \
//!   --filter-pattern '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }'
//! aws sns create-topic --name security-alerts
//! aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint security@example.com
//! aws cloudwatch put-metric-alarm --alarm-name NoMFAConsoleSignin --metric-name NoMFAConsoleSignin \
//!   --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 \
//!   --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 \
//!   --alarm-actions <topic-arn>
//! ```
//! Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm`,
//! `aws_sns_topic` and `aws_sns_topic_subscription`.
//!
//! ## References
//! - CIS Amazon Web Services Foundations Benchmark v5.0.0, recommendation 4.2
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-3
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

use crate::prelude::*;
use crate::support::monitoring::{self, EventSpec};

pub static CHECK: Check = Check {
    id: "cloudwatch.console_signin_without_mfa_monitored",
    title: "Console sign-ins without MFA are monitored",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("4.2"), fsbp("CloudWatch.3")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

static SPEC: EventSpec = EventSpec {
    what: "console sign-ins without MFA",
    events: &[],
    extra: r#"{}"#,
    samples: &[
        r#"{"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","eventType":"AwsConsoleSignIn","additionalEventData":{"LoginTo":"https://console.aws.amazon.com/console/home","MobileVersion":"No","MFAUsed":"No"},"responseElements":{"ConsoleLogin":"Success"}}"#,
    ],
    unrelated: r#"{"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","eventType":"AwsConsoleSignIn","additionalEventData":{"MFAUsed":"Yes"},"responseElements":{"ConsoleLogin":"Success"}}"#,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    monitoring::run(cx, out, &SPEC);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    /// The pattern the CIS benchmark gives.
    const CIS_PATTERN: &str = r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }"#;

    #[test]
    fn pass_fail_unknown() {
        monitoring_check_behaviour(&CHECK, CIS_PATTERN, &SPEC);
    }
}
