//! CloudWatch Logs: metric filters (`DescribeMetricFilters`) and log groups
//! (`DescribeLogGroups`), per region.
//!
//! The CIS monitoring checks follow a chain: trail → log group → metric filter whose pattern
//! matches the events → alarm on the filter's metric → SNS topic with a subscriber. This module
//! holds the middle links. Member names are camelCase, as botocore prints them for this service.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;

/// CloudWatch Logs data of the account, per region.
#[derive(Debug, Clone)]
pub struct Logs {
    pub metric_filters: Regional<Vec<MetricFilter>>,
    pub log_groups: Regional<Vec<LogGroup>>,
}

impl Default for Logs {
    fn default() -> Self {
        Logs {
            metric_filters: Regional::new("logs", "DescribeMetricFilters"),
            log_groups: Regional::new("logs", "DescribeLogGroups"),
        }
    }
}

/// A metric filter on a log group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricFilter {
    pub filter_name: String,
    /// The filter pattern (`{ ($.errorCode = "*UnauthorizedOperation") || ... }`).
    #[serde(default)]
    pub filter_pattern: String,
    #[serde(default)]
    pub metric_transformations: Vec<MetricTransformation>,
    pub log_group_name: Option<String>,
    /// Epoch milliseconds in the response.
    pub creation_time: Option<Timestamp>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

/// The metric a filter publishes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricTransformation {
    pub metric_name: String,
    pub metric_namespace: String,
    #[serde(default)]
    pub metric_value: String,
}

/// A log group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogGroup {
    pub log_group_name: String,
    /// `arn:...:log-group:NAME:*` (with the trailing `:*`).
    pub arn: Option<String>,
    /// `arn:...:log-group:NAME` (without it).
    pub log_group_arn: Option<String>,
    pub creation_time: Option<Timestamp>,
    /// `None`: logs never expire.
    pub retention_in_days: Option<i64>,
    pub kms_key_id: Option<String>,
    pub metric_filter_count: Option<i64>,
    pub stored_bytes: Option<i64>,
    pub log_group_class: Option<String>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MetricFiltersResponse {
    #[serde(default)]
    metric_filters: Vec<MetricFilter>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LogGroupsResponse {
    #[serde(default)]
    log_groups: Vec<LogGroup>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "DescribeMetricFilters" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: MetricFiltersResponse| {
                let mut v = r.metric_filters;
                for f in &mut v {
                    f.region.clone_from(&region);
                }
                v
            })?;
            Box::new(move |inv| inv.logs.metric_filters.merge(region, v))
        }
        "DescribeLogGroups" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: LogGroupsResponse| {
                let mut v = r.log_groups;
                for g in &mut v {
                    g.region.clone_from(&region);
                }
                v
            })?;
            Box::new(move |inv| inv.logs.log_groups.merge(region, v))
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Logs {
    pub(crate) fn finalize(&mut self, regions: &[String]) {
        self.metric_filters.fill(regions);
        self.log_groups.fill(regions);
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    #[test]
    fn filters_and_groups() {
        let inv = test_load(
            r#"{"service": "logs", "operation": "DescribeMetricFilters", "region": "us-east-1",
                "response": {"metricFilters": [{"filterName": "unauthorized",
                  "filterPattern": "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }",
                  "metricTransformations": [{"metricName": "UnauthorizedAPICalls", "metricNamespace": "CISBenchmark",
                    "metricValue": "1"}],
                  "creationTime": 1768046400000, "logGroupName": "ct"}]}},
               {"service": "logs", "operation": "DescribeMetricFilters", "region": "us-east-1",
                "response": {"metricFilters": [{"filterName": "second", "filterPattern": "",
                  "metricTransformations": [], "logGroupName": "ct"}]}},
               {"service": "logs", "operation": "DescribeLogGroups", "region": "us-east-1",
                "response": {"logGroups": [{"logGroupName": "ct", "creationTime": 1768046400000,
                  "retentionInDays": 365, "metricFilterCount": 1,
                  "arn": "arn:aws:logs:us-east-1:123456789012:log-group:ct:*", "storedBytes": 0,
                  "logGroupClass": "STANDARD", "logGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:ct"}]}},
               {"service": "logs", "operation": "DescribeLogGroups", "region": "eu-west-1",
                "error": {"code": "AccessDeniedException"}}"#,
        )
        .unwrap();
        let filters = inv.logs.metric_filters.get("us-east-1").unwrap();
        assert_eq!(filters.len(), 2, "pages merge");
        let f = &filters[0];
        assert!(f.filter_pattern.contains("UnauthorizedOperation"));
        assert_eq!(
            f.metric_transformations[0].metric_name,
            "UnauthorizedAPICalls"
        );
        assert_eq!(f.metric_transformations[0].metric_namespace, "CISBenchmark");
        assert_eq!(f.log_group_name.as_deref(), Some("ct"));
        assert_eq!(f.creation_time.unwrap().to_string(), "2026-01-10T12:00:00Z");
        let g = &inv.logs.log_groups.get("us-east-1").unwrap()[0];
        assert_eq!(
            (g.retention_in_days, g.region.as_str()),
            (Some(365), "us-east-1")
        );
        assert_eq!(
            inv.logs.log_groups.get("eu-west-1").unwrap_err().kind,
            GapKind::AccessDenied
        );
        assert_eq!(
            inv.logs.metric_filters.get("eu-west-1").unwrap_err().kind,
            GapKind::NotCollected
        );
    }

    #[test]
    fn bad_values_name_the_path() {
        let e = test_load(
            r#"{"service": "logs", "operation": "DescribeLogGroups", "region": "us-east-1",
                "response": {"logGroups": [{"logGroupName": "x", "retentionInDays": "forever"}]}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.place.path.as_deref(),
            Some("response.logGroups[0].retentionInDays")
        );
    }
}
