//! GuardDuty: detectors (`ListDetectors`) with their settings (`GetDetector`), per region.
//!
//! A region has at most one detector. An empty detector list means GuardDuty is off there; a
//! detector can also exist and be suspended, which only `GetDetector` tells. The per-detector
//! calls may come before or after the list; they are joined in `finalize`.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use serde::Deserialize;
use std::collections::BTreeMap;

/// GuardDuty data of the account, per region.
#[derive(Debug, Clone)]
pub struct GuardDuty {
    /// Detectors, each with its settings joined on. No detector: `Ok(vec![])`.
    pub detectors: Regional<Vec<Detector>>,
    /// `GetDetector` results keyed by (region, detector id), joined in `finalize`.
    pending: BTreeMap<(String, String), Observed<DetectorSettings>>,
}

impl Default for GuardDuty {
    fn default() -> Self {
        GuardDuty {
            detectors: Regional::new("guardduty", "ListDetectors"),
            pending: BTreeMap::new(),
        }
    }
}

/// A GuardDuty detector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detector {
    pub detector_id: String,
    /// The region of the call that listed it.
    pub region: String,
    /// `GetDetector`.
    pub settings: Observed<DetectorSettings>,
}

impl Detector {
    /// The detector is enabled (not suspended). `None` while its settings are unknown.
    pub fn is_enabled(&self) -> Option<bool> {
        self.settings.as_ref().ok().map(|s| s.status == "ENABLED")
    }

    /// `arn:{partition}:guardduty:{region}:{account}:detector/{id}`.
    pub fn arn(&self, partition: &str, account: &str) -> String {
        format!(
            "arn:{partition}:guardduty:{}:{account}:detector/{}",
            self.region, self.detector_id
        )
    }
}

/// A detector's settings as `GetDetector` prints them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DetectorSettings {
    /// `ENABLED` or `DISABLED`.
    pub status: String,
    /// `FIFTEEN_MINUTES`, `ONE_HOUR` or `SIX_HOURS`.
    pub finding_publishing_frequency: Option<String>,
    pub service_role: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    /// Protection plans (`S3_DATA_EVENTS`, `EKS_AUDIT_LOGS`, `RUNTIME_MONITORING`, ...).
    #[serde(default)]
    pub features: Vec<DetectorFeature>,
}

/// One protection plan of a detector.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DetectorFeature {
    pub name: String,
    /// `ENABLED` or `DISABLED`.
    pub status: Option<String>,
    #[serde(default)]
    pub additional_configuration: Vec<FeatureConfiguration>,
}

/// An additional setting of a protection plan (`EKS_ADDON_MANAGEMENT`, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FeatureConfiguration {
    pub name: String,
    pub status: Option<String>,
}

impl DetectorSettings {
    /// The protection plan `name` is enabled.
    pub fn feature_enabled(&self, name: &str) -> bool {
        self.features
            .iter()
            .any(|f| f.name == name && f.status.as_deref() == Some("ENABLED"))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListDetectorsResponse {
    #[serde(default)]
    detector_ids: Vec<String>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "ListDetectors" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: ListDetectorsResponse| {
                r.detector_ids
                    .into_iter()
                    .map(|id| Detector {
                        settings: Err(Gap::not_collected(
                            "guardduty",
                            "GetDetector",
                            Some(&region),
                        )
                        .about(format!("detector {id}"))),
                        detector_id: id,
                        region: region.clone(),
                    })
                    .collect::<Vec<_>>()
            })?;
            Box::new(move |inv| inv.guardduty.detectors.merge(region, v))
        }
        "GetDetector" => {
            let region = cx.region()?;
            let id = cx.param("DetectorId")?;
            let v = cx
                .observe(body, |r: DetectorSettings| r)?
                .map_err(|g| g.about(format!("detector {id}")));
            Box::new(move |inv| {
                inv.guardduty.pending.insert((region, id), v);
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl GuardDuty {
    pub(crate) fn finalize(&mut self, regions: &[String]) {
        let mut pending = std::mem::take(&mut self.pending);
        let listed: Vec<String> = self.detectors.iter().map(|(r, _)| r.to_string()).collect();
        for region in listed {
            let Some(Ok(detectors)) = self.detectors.entry_mut(&region) else {
                continue;
            };
            for d in detectors {
                if let Some(v) = pending.remove(&(region.clone(), d.detector_id.clone())) {
                    d.settings = v;
                }
            }
        }
        self.detectors.fill(regions);
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    const LIST: &str = r#"{"service": "guardduty", "operation": "ListDetectors", "region": "us-east-1",
        "response": {"DetectorIds": ["12abc34d567e8fa901bc2d34e56789f0"]}}"#;
    const GET: &str = r#"{"service": "guardduty", "operation": "GetDetector", "region": "us-east-1",
        "params": {"DetectorId": "12abc34d567e8fa901bc2d34e56789f0"},
        "response": {"CreatedAt": "2024-01-01T00:00:00.000Z", "FindingPublishingFrequency": "SIX_HOURS",
          "ServiceRole": "arn:aws:iam::123456789012:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
          "Status": "ENABLED", "UpdatedAt": "2024-01-01T00:00:00.000Z",
          "DataSources": {"CloudTrail": {"Status": "ENABLED"}},
          "Tags": {}, "Features": [{"Name": "S3_DATA_EVENTS", "Status": "ENABLED", "UpdatedAt": "2024-01-01T00:00:00+00:00"},
            {"Name": "EKS_RUNTIME_MONITORING", "Status": "DISABLED",
             "AdditionalConfiguration": [{"Name": "EKS_ADDON_MANAGEMENT", "Status": "DISABLED"}]}]}}"#;

    #[test]
    fn joins_detector_settings_in_any_order() {
        for calls in [format!("{LIST},{GET}"), format!("{GET},{LIST}")] {
            let inv = test_load(&calls).unwrap();
            let d = &inv.guardduty.detectors.get("us-east-1").unwrap()[0];
            assert_eq!(d.is_enabled(), Some(true));
            let s = d.settings.as_ref().unwrap();
            assert_eq!(s.finding_publishing_frequency.as_deref(), Some("SIX_HOURS"));
            assert!(s.feature_enabled("S3_DATA_EVENTS"));
            assert!(!s.feature_enabled("EKS_RUNTIME_MONITORING"));
            assert_eq!(
                s.features[1].additional_configuration[0].name,
                "EKS_ADDON_MANAGEMENT"
            );
            assert_eq!(
                d.arn("aws", "123456789012"),
                "arn:aws:guardduty:us-east-1:123456789012:detector/12abc34d567e8fa901bc2d34e56789f0"
            );
        }
    }

    #[test]
    fn gaps() {
        let inv = test_load(&format!(
            r#"{LIST},
               {{"service": "guardduty", "operation": "ListDetectors", "region": "eu-west-1",
                "response": {{"DetectorIds": ["d2"]}}}},
               {{"service": "guardduty", "operation": "GetDetector", "region": "eu-west-1",
                "params": {{"DetectorId": "d2"}}, "error": {{"code": "AccessDeniedException"}}}}"#
        ))
        .unwrap();
        let d = &inv.guardduty.detectors.get("us-east-1").unwrap()[0];
        let g = d.settings.as_ref().unwrap_err();
        assert_eq!(
            (g.kind, g.operation.as_str()),
            (GapKind::NotCollected, "GetDetector")
        );
        let d = &inv.guardduty.detectors.get("eu-west-1").unwrap()[0];
        let g = d.settings.as_ref().unwrap_err();
        assert_eq!(
            (g.kind, g.subject.as_deref()),
            (GapKind::AccessDenied, Some("detector d2"))
        );
        assert_eq!(d.is_enabled(), None);
    }

    #[test]
    fn bad_values_name_the_path() {
        let e = test_load(
            r#"{"service": "guardduty", "operation": "ListDetectors", "region": "us-east-1",
                "response": {"DetectorIds": "d1"}}"#,
        )
        .unwrap_err();
        assert_eq!(e.place.path.as_deref(), Some("response.DetectorIds"));
    }
}
