//! CloudWatch: metric alarms (`DescribeAlarms` `MetricAlarms`), per region.
//!
//! Alarms close the CIS monitoring chain: a metric filter publishes a metric, an alarm watches
//! it and notifies an SNS topic. Composite alarms are not needed for that and are ignored.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::snapshot::{Body, CallCx};
use serde::Deserialize;

/// CloudWatch data of the account, per region.
#[derive(Debug, Clone)]
pub struct CloudWatch {
    pub metric_alarms: Regional<Vec<MetricAlarm>>,
}

impl Default for CloudWatch {
    fn default() -> Self {
        CloudWatch {
            metric_alarms: Regional::new("cloudwatch", "DescribeAlarms"),
        }
    }
}

/// A metric alarm.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetricAlarm {
    pub alarm_name: String,
    pub alarm_arn: Option<String>,
    /// The watched metric (absent for metric-math alarms, which use `metrics`).
    pub metric_name: Option<String>,
    pub namespace: Option<String>,
    #[serde(default)]
    pub actions_enabled: bool,
    /// What happens on ALARM: SNS topic ARNs, Auto Scaling or EC2 actions.
    #[serde(default)]
    pub alarm_actions: Vec<String>,
    #[serde(default, rename = "OKActions")]
    pub ok_actions: Vec<String>,
    #[serde(default)]
    pub insufficient_data_actions: Vec<String>,
    /// `OK`, `ALARM` or `INSUFFICIENT_DATA`.
    pub state_value: Option<String>,
    pub statistic: Option<String>,
    pub comparison_operator: Option<String>,
    pub threshold: Option<f64>,
    pub period: Option<i64>,
    pub evaluation_periods: Option<i64>,
    /// Metric-math alarms: the queries, each naming a metric or an expression.
    #[serde(default)]
    pub metrics: Vec<MetricDataQuery>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

/// One query of a metric-math alarm.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetricDataQuery {
    pub id: String,
    pub expression: Option<String>,
    pub metric_stat: Option<MetricStat>,
}

/// The metric and statistic of a query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetricStat {
    pub metric: MetricId,
    pub stat: Option<String>,
}

/// A metric by namespace and name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetricId {
    pub namespace: Option<String>,
    pub metric_name: Option<String>,
}

impl MetricAlarm {
    /// The alarm watches `namespace`/`name`, directly or through a metric-math query.
    pub fn watches(&self, namespace: &str, name: &str) -> bool {
        let direct = self.namespace.as_deref() == Some(namespace)
            && self.metric_name.as_deref() == Some(name);
        direct
            || self.metrics.iter().any(|q| {
                q.metric_stat.as_ref().is_some_and(|s| {
                    s.metric.namespace.as_deref() == Some(namespace)
                        && s.metric.metric_name.as_deref() == Some(name)
                })
            })
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AlarmsResponse {
    #[serde(default)]
    metric_alarms: Vec<MetricAlarm>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "DescribeAlarms" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: AlarmsResponse| {
                let mut v = r.metric_alarms;
                for a in &mut v {
                    a.region.clone_from(&region);
                }
                v
            })?;
            Box::new(move |inv| inv.cloudwatch.metric_alarms.merge(region, v))
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl CloudWatch {
    pub(crate) fn finalize(&mut self, regions: &[String]) {
        self.metric_alarms.fill(regions);
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    #[test]
    fn metric_alarms() {
        let inv = test_load(
            r#"{"service": "cloudwatch", "operation": "DescribeAlarms", "region": "us-east-1",
                "response": {"MetricAlarms": [{"AlarmName": "unauthorized",
                  "AlarmArn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:unauthorized",
                  "AlarmConfigurationUpdatedTimestamp": "2026-01-01T00:00:00.000Z", "ActionsEnabled": true,
                  "OKActions": [], "AlarmActions": ["arn:aws:sns:us-east-1:123456789012:security"],
                  "InsufficientDataActions": [], "StateValue": "OK", "StateReason": "ok",
                  "StateUpdatedTimestamp": "2026-01-01T00:00:00.000Z", "MetricName": "UnauthorizedAPICalls",
                  "Namespace": "CISBenchmark", "Statistic": "Sum", "Dimensions": [], "Period": 300,
                  "EvaluationPeriods": 1, "Threshold": 1.0, "ComparisonOperator": "GreaterThanOrEqualToThreshold"},
                  {"AlarmName": "math", "ActionsEnabled": false, "Metrics": [{"Id": "m1", "MetricStat":
                    {"Metric": {"Namespace": "CISBenchmark", "MetricName": "RootUsage", "Dimensions": []},
                     "Period": 300, "Stat": "Sum"}, "ReturnData": false},
                    {"Id": "e1", "Expression": "m1 * 2", "ReturnData": true}]}],
                  "CompositeAlarms": []}},
               {"service": "cloudwatch", "operation": "DescribeAlarms", "region": "eu-west-1",
                "error": {"code": "AccessDenied", "message": "no"}}"#,
        )
        .unwrap();
        let alarms = inv.cloudwatch.metric_alarms.get("us-east-1").unwrap();
        let a = &alarms[0];
        assert!(a.actions_enabled && a.watches("CISBenchmark", "UnauthorizedAPICalls"));
        assert_eq!(
            a.alarm_actions,
            ["arn:aws:sns:us-east-1:123456789012:security"]
        );
        assert_eq!(a.state_value.as_deref(), Some("OK"));
        assert!(alarms[1].watches("CISBenchmark", "RootUsage"));
        assert!(!alarms[1].watches("CISBenchmark", "UnauthorizedAPICalls"));
        let g = inv.cloudwatch.metric_alarms.get("eu-west-1").unwrap_err();
        assert_eq!(g.kind, GapKind::AccessDenied);
    }

    #[test]
    fn bad_values_name_the_path() {
        let e = test_load(
            r#"{"service": "cloudwatch", "operation": "DescribeAlarms", "region": "us-east-1",
                "response": {"MetricAlarms": [{"AlarmName": "a", "AlarmActions": "arn:aws:sns:x"}]}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.place.path.as_deref(),
            Some("response.MetricAlarms[0].AlarmActions")
        );
    }
}
