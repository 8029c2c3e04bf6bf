//! CloudWatch alarms have an action configured for the ALARM state.
//!
//! ## What it checks
//! Every metric alarm in every covered region (`cloudwatch DescribeAlarms`, `MetricAlarms`):
//! its `AlarmActions` must name at least one action (an SNS topic, Auto Scaling, EC2 or
//! Systems Manager action). This is the Security Hub default of the control's parameters
//! (`alarmActionRequired` true, `insufficientDataActionRequired` and `okActionRequired`
//! false), so `OKActions` and `InsufficientDataActions` are shown but not required. Whether the
//! actions are activated is `cloudwatch.alarm_actions_enabled` (CloudWatch.17). Composite
//! alarms are not read yet and get no finding. A region whose alarms could not be listed is
//! UNKNOWN.
//!
//! ## Why it matters
//! An alarm without an action changes state on a dashboard and nobody is told: the breach it
//! was built to catch goes unnoticed.
//!
//! ## Remediation
//! Re-create the alarm with its settings plus an action (`put-metric-alarm` replaces the
//! whole alarm, so repeat every setting that `describe-alarms` prints):
//! ```sh
//! aws cloudwatch put-metric-alarm --alarm-name high-cpu --namespace AWS/EC2 \
//!   --metric-name CPUUtilization --statistic Average --period 300 --evaluation-periods 1 \
//!   --threshold 80 --comparison-operator GreaterThanThreshold \
//!   --alarm-actions arn:aws:sns:us-east-1:123456789012:ops-alerts
//! ```
//! Terraform: `alarm_actions = [aws_sns_topic.ops_alerts.arn]` on `aws_cloudwatch_metric_alarm`.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-15
//! - https://docs.aws.amazon.com/config/latest/developerguide/cloudwatch-alarm-action-check.html
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions

use crate::prelude::*;
use crate::support::regional::each;
use rampart_model::ResourceRef;
use rampart_model::inventory::cloudwatch::MetricAlarm;
use serde_json::Value;

pub static CHECK: Check = Check {
    id: "cloudwatch.alarm_action_configured",
    title: "CloudWatch alarms have an action configured for the ALARM state",
    severity: Severity::High,
    resource_type: ResourceType::CloudWatchAlarm,
    compliance: &[fsbp("CloudWatch.15")],
    related: &["cloudwatch.alarm_actions_enabled"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// How findings name an alarm.
pub(crate) fn alarm_ref(cx: &Context<'_>, a: &MetricAlarm) -> ResourceRef {
    cx.resource(
        ResourceType::CloudWatchAlarm,
        &a.alarm_name,
        a.alarm_arn.clone(),
        Some(&a.region),
    )
}

/// The alarm's actions, as evidence.
pub(crate) fn actions_evidence(a: &MetricAlarm) -> Value {
    json!({"ActionsEnabled": a.actions_enabled, "AlarmActions": a.alarm_actions,
           "OKActions": a.ok_actions, "InsufficientDataActions": a.insufficient_data_actions})
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each(
        cx,
        out,
        &cx.inv.cloudwatch.metric_alarms,
        "which CloudWatch alarms exist",
        |out, a| {
            let res = alarm_ref(cx, a);
            let ev = actions_evidence(a);
            if a.alarm_actions.is_empty() {
                out.fail(
                    res,
                    format!("alarm `{}` has no action for the ALARM state", a.alarm_name),
                    ev,
                );
            } else {
                out.pass(
                    res,
                    format!(
                        "alarm `{}` has {} action(s) for the ALARM state",
                        a.alarm_name,
                        a.alarm_actions.len()
                    ),
                    ev,
                );
            }
        },
    );
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    /// A `DescribeAlarms` call in us-east-1 holding metric alarms
    /// `(name, ActionsEnabled, AlarmActions)`, as `aws cloudwatch describe-alarms` prints them.
    pub(crate) fn alarms(items: &[(&str, bool, &[&str])]) -> Value {
        let list: Vec<Value> = items
            .iter()
            .map(|(name, enabled, actions)| {
                json!({"AlarmName": name,
                   "AlarmArn": format!("arn:aws:cloudwatch:us-east-1:123456789012:alarm:{name}"),
                   "AlarmConfigurationUpdatedTimestamp": "2026-01-05T10:00:00.000000+00:00",
                   "ActionsEnabled": enabled, "OKActions": [], "AlarmActions": actions,
                   "InsufficientDataActions": [], "StateValue": "OK",
                   "StateReason": "Threshold Crossed: 1 datapoint [0.0] was not greater than the threshold (80.0).",
                   "StateUpdatedTimestamp": "2026-01-05T10:05:00.000000+00:00",
                   "MetricName": "CPUUtilization", "Namespace": "AWS/EC2", "Statistic": "Average",
                   "Dimensions": [{"Name": "InstanceId", "Value": "i-0abcd1234ef567890"}],
                   "Period": 300, "EvaluationPeriods": 1, "Threshold": 80.0,
                   "ComparisonOperator": "GreaterThanThreshold"})
            })
            .collect();
        call(
            "cloudwatch",
            "DescribeAlarms",
            Some("us-east-1"),
            json!({}),
            json!({"MetricAlarms": list, "CompositeAlarms": []}),
        )
    }

    const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:ops-alerts";

    #[test]
    fn fails_without_alarm_action() {
        let inv = inventory(vec![alarms(&[
            ("notifies", true, &[TOPIC]),
            ("silent", true, &[]),
            ("disabled-but-set", false, &[TOPIC]),
        ])]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("notifies".into(), Status::Pass),
                ("silent".into(), Status::Fail),
                ("disabled-but-set".into(), Status::Pass),
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
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}
