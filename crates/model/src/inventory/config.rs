//! AWS Config: configuration recorders (`DescribeConfigurationRecorders`) joined with their
//! status (`DescribeConfigurationRecorderStatus`), per region.
//!
//! "Is AWS Config recording everything in every region" needs both calls: the recorder says what
//! it records, the status says whether it is on. They are joined by recorder name in `finalize`.
//! Member names are camelCase here, as botocore prints them for this service.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;

/// AWS Config data of the account, per region.
#[derive(Debug, Clone)]
pub struct Config {
    /// Recorders, each with its status joined on. No recorder is `Ok(vec![])`.
    pub recorders: Regional<Vec<Recorder>>,
    /// The raw statuses, as listed.
    pub statuses: Regional<Vec<RecorderStatus>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            recorders: Regional::new("config", "DescribeConfigurationRecorders"),
            statuses: Regional::new("config", "DescribeConfigurationRecorderStatus"),
        }
    }
}

fn status_not_collected() -> Observed<Option<RecorderStatus>> {
    Err(Gap::not_collected(
        "config",
        "DescribeConfigurationRecorderStatus",
        None,
    ))
}

/// A configuration recorder.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recorder {
    pub name: String,
    #[serde(rename = "roleARN")]
    pub role_arn: Option<String>,
    pub arn: Option<String>,
    pub recording_group: Option<RecordingGroup>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
    /// The recorder's status (`Ok(None)`: the status call answered without this recorder).
    #[serde(skip_deserializing, default = "status_not_collected")]
    pub status: Observed<Option<RecorderStatus>>,
}

/// What a recorder records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingGroup {
    #[serde(default)]
    pub all_supported: bool,
    #[serde(default)]
    pub include_global_resource_types: bool,
    #[serde(default)]
    pub resource_types: Vec<String>,
}

/// Whether a recorder is recording.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecorderStatus {
    pub name: String,
    #[serde(default)]
    pub recording: bool,
    /// `Pending`, `Success` or `Failure`.
    pub last_status: Option<String>,
    pub last_error_code: Option<String>,
    pub last_error_message: Option<String>,
    pub last_start_time: Option<Timestamp>,
    pub last_stop_time: Option<Timestamp>,
    pub last_status_change_time: Option<Timestamp>,
}

impl Recorder {
    /// Records every supported resource type, global ones included.
    pub fn records_everything(&self) -> bool {
        self.recording_group
            .as_ref()
            .is_some_and(|g| g.all_supported && g.include_global_resource_types)
    }

    /// The recorder is on. `None` while its status is unknown.
    pub fn is_recording(&self) -> Option<bool> {
        match &self.status {
            Ok(s) => Some(s.as_ref().is_some_and(|s| s.recording)),
            Err(_) => None,
        }
    }
}

#[derive(Deserialize)]
struct RecordersResponse {
    #[serde(rename = "ConfigurationRecorders", default)]
    recorders: Vec<Recorder>,
}

#[derive(Deserialize)]
struct StatusResponse {
    #[serde(rename = "ConfigurationRecordersStatus", default)]
    statuses: Vec<RecorderStatus>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "DescribeConfigurationRecorders" => {
            let region = cx.region()?;
            // `NoSuchConfigurationRecorderException`: there is none.
            let v = cx
                .observe_optional(body, |r: RecordersResponse| {
                    let mut v = r.recorders;
                    for rec in &mut v {
                        rec.region.clone_from(&region);
                    }
                    Some(v)
                })?
                .map(Option::unwrap_or_default);
            Box::new(move |inv| inv.config.recorders.merge(region, v))
        }
        "DescribeConfigurationRecorderStatus" => {
            let region = cx.region()?;
            let v = cx
                .observe_optional(body, |r: StatusResponse| Some(r.statuses))?
                .map(Option::unwrap_or_default);
            Box::new(move |inv| inv.config.statuses.merge(region, v))
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Config {
    pub(crate) fn finalize(&mut self, regions: &[String]) {
        self.recorders.fill(regions);
        self.statuses.fill(regions);
        let listed: Vec<String> = self.recorders.iter().map(|(r, _)| r.to_string()).collect();
        for region in listed {
            let statuses = self.statuses.get(&region).map(|s| s.to_vec());
            let Some(Ok(recorders)) = self.recorders.entry_mut(&region) else {
                continue;
            };
            for rec in recorders {
                rec.status = match &statuses {
                    Ok(list) => Ok(list.iter().find(|s| s.name == rec.name).cloned()),
                    Err(g) => Err(g.clone().about(format!("recorder {}", rec.name))),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    const RECORDERS: &str = r#"{"service": "config", "operation": "DescribeConfigurationRecorders",
        "region": "us-east-1", "response": {"ConfigurationRecorders": [{"name": "default",
          "roleARN": "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
          "recordingGroup": {"allSupported": true, "includeGlobalResourceTypes": true, "resourceTypes": [],
            "exclusionByResourceTypes": {"resourceTypes": []}, "recordingStrategy": {"useOnly": "ALL_SUPPORTED_RESOURCE_TYPES"}},
          "recordingMode": {"recordingFrequency": "CONTINUOUS", "recordingModeOverrides": []}}]}}"#;
    const STATUS: &str = r#"{"service": "config", "operation": "DescribeConfigurationRecorderStatus",
        "region": "us-east-1", "response": {"ConfigurationRecordersStatus": [{"name": "default",
          "lastStartTime": "2026-01-01T00:00:00.000000+00:00", "recording": true, "lastStatus": "SUCCESS",
          "lastStatusChangeTime": "2026-11-23T09:00:00.000000+00:00"}]}}"#;

    #[test]
    fn joins_status_in_any_order() {
        for calls in [
            format!("{RECORDERS},{STATUS}"),
            format!("{STATUS},{RECORDERS}"),
        ] {
            let inv = test_load(&calls).unwrap();
            let rec = &inv.config.recorders.get("us-east-1").unwrap()[0];
            assert!(rec.records_everything());
            assert!(
                rec.role_arn
                    .as_deref()
                    .unwrap()
                    .ends_with("AWSServiceRoleForConfig")
            );
            assert_eq!(rec.is_recording(), Some(true));
            assert_eq!(
                rec.status
                    .as_ref()
                    .unwrap()
                    .as_ref()
                    .unwrap()
                    .last_status
                    .as_deref(),
                Some("SUCCESS")
            );
        }
    }

    #[test]
    fn none_configured_and_denied() {
        let inv = test_load(&format!(
            r#"{RECORDERS},
               {{"service": "config", "operation": "DescribeConfigurationRecorderStatus", "region": "us-east-1",
                "error": {{"code": "AccessDeniedException", "message": "no"}}}},
               {{"service": "config", "operation": "DescribeConfigurationRecorders", "region": "eu-west-1",
                "error": {{"code": "NoSuchConfigurationRecorderException", "message": "none"}}}}"#
        ))
        .unwrap();
        let rec = &inv.config.recorders.get("us-east-1").unwrap()[0];
        let g = rec.status.as_ref().unwrap_err();
        assert_eq!(
            (g.kind, g.subject.as_deref()),
            (GapKind::AccessDenied, Some("recorder default"))
        );
        assert_eq!(rec.is_recording(), None);
        assert!(inv.config.recorders.get("eu-west-1").unwrap().is_empty());
    }

    #[test]
    fn bad_values_name_the_path() {
        let e = test_load(
            r#"{"service": "config", "operation": "DescribeConfigurationRecorderStatus", "region": "us-east-1",
                "response": {"ConfigurationRecordersStatus": [{"name": "default", "recording": "on"}]}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.place.path.as_deref(),
            Some("response.ConfigurationRecordersStatus[0].recording")
        );
    }
}
