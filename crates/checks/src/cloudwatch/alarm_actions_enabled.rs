//! CloudWatch alarm actions are activated.
//!
//! ## What it checks
//! Every metric alarm in every covered region (`cloudwatch DescribeAlarms`, `MetricAlarms`):
//! `ActionsEnabled` must be true (AWS Config rule `cloudwatch-alarm-action-enabled-check`).
//! Whether any action is configured at all is `cloudwatch.alarm_action_configured`
//! (CloudWatch.15). Composite alarms are not read yet and get no finding. A region whose
//! alarms could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! With actions deactivated, an alarm changes state but runs none of its actions: no
//! notification, no scaling, no recovery, even though the alarm looks configured.
//!
//! ## Remediation
//! ```sh
//! aws cloudwatch enable-alarm-actions --alarm-names high-cpu
//! ```
//! Terraform: `actions_enabled = true` (the default) on `aws_cloudwatch_metric_alarm`.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-17
//! - https://docs.aws.amazon.com/config/latest/developerguide/cloudwatch-alarm-action-enabled-check.html
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_EnableAlarmActions.html

use crate::cloudwatch::alarm_action_configured::{actions_evidence, alarm_ref};
use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "cloudwatch.alarm_actions_enabled",
    title: "CloudWatch alarm actions are activated",
    severity: Severity::High,
    resource_type: ResourceType::CloudWatchAlarm,
    compliance: &[fsbp("CloudWatch.17")],
    related: &["cloudwatch.alarm_action_configured"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each(
        cx,
        out,
        &cx.inv.cloudwatch.metric_alarms,
        "which CloudWatch alarms exist",
        |out, a| {
            let res = alarm_ref(cx, a);
            let ev = actions_evidence(a);
            if a.actions_enabled {
                out.pass(
                    res,
                    format!("alarm `{}` has its actions activated", a.alarm_name),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("alarm `{}` has its actions deactivated", a.alarm_name),
                    ev,
                );
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudwatch::alarm_action_configured::tests::alarms;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn fails_when_actions_deactivated() {
        let topic = "arn:aws:sns:us-east-1:123456789012:ops-alerts";
        let inv = inventory(vec![alarms(&[
            ("active", true, &[topic]),
            ("muted", false, &[topic]),
        ])]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("active".into(), Status::Pass),
                ("muted".into(), Status::Fail)
            ]
        );
    }

    #[test]
    fn unknown_when_alarms_not_listed() {
        let denied = error(
            "cloudwatch",
            "DescribeAlarms",
            Some("us-east-1"),
            json!({}),
            "AccessDenied",
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![denied]))),
            Status::Unknown
        );
    }
}
