//! CloudTrail: trails (`DescribeTrails`) with their status (`GetTrailStatus`) and event
//! selectors (`GetEventSelectors`).
//!
//! `DescribeTrails` in every region lists the multi-region trails of the account again (as
//! shadow trails), so trails are deduplicated by ARN, keeping the copy from the trail's home
//! region and remembering every region that listed it. Per-trail calls name the trail by ARN or
//! by name; they are joined in `finalize` so their place in the file does not matter.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, GapKind, Observed};
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

/// CloudTrail data of the account.
#[derive(Debug, Clone)]
pub struct CloudTrail {
    /// Every trail, once, with status and selectors joined on. `Ok` as soon as one region's
    /// `DescribeTrails` answered (multi-region trails are visible from every region); regions
    /// that could not be read show in [`CloudTrail::trails_by_region`].
    pub trails: Observed<Vec<Trail>>,
    /// Per region, the ARNs of the trails its `DescribeTrails` listed (shadow trails included).
    pub trails_by_region: Regional<Vec<String>>,
    listed: Vec<Trail>,
    status: Vec<PerTrail<TrailStatus>>,
    selectors: Vec<PerTrail<EventSelectors>>,
}

impl Default for CloudTrail {
    fn default() -> Self {
        CloudTrail {
            trails: Err(Gap::not_collected("cloudtrail", "DescribeTrails", None)),
            trails_by_region: Regional::new("cloudtrail", "DescribeTrails"),
            listed: Vec::new(),
            status: Vec::new(),
            selectors: Vec::new(),
        }
    }
}

/// One per-trail result waiting for `finalize`.
#[derive(Debug, Clone)]
struct PerTrail<T> {
    region: Option<String>,
    /// The trail as the call named it: ARN or name.
    trail: String,
    value: Observed<T>,
}

fn status_not_collected() -> Observed<TrailStatus> {
    Err(Gap::not_collected("cloudtrail", "GetTrailStatus", None))
}

fn selectors_not_collected() -> Observed<EventSelectors> {
    Err(Gap::not_collected("cloudtrail", "GetEventSelectors", None))
}

/// A trail, as `DescribeTrails` prints it, with its status and event selectors.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Trail {
    pub name: String,
    #[serde(rename = "TrailARN")]
    pub trail_arn: String,
    /// The region the trail was created in (filled from the listing region when absent).
    #[serde(default)]
    pub home_region: String,
    #[serde(default)]
    pub is_multi_region_trail: bool,
    #[serde(default)]
    pub is_organization_trail: bool,
    #[serde(default)]
    pub include_global_service_events: bool,
    #[serde(default)]
    pub log_file_validation_enabled: bool,
    pub s3_bucket_name: Option<String>,
    pub s3_key_prefix: Option<String>,
    pub sns_topic_name: Option<String>,
    #[serde(rename = "SnsTopicARN")]
    pub sns_topic_arn: Option<String>,
    pub cloud_watch_logs_log_group_arn: Option<String>,
    pub cloud_watch_logs_role_arn: Option<String>,
    /// The KMS key that encrypts the log files (`None`: SSE-S3 only).
    pub kms_key_id: Option<String>,
    #[serde(default)]
    pub has_custom_event_selectors: bool,
    #[serde(default)]
    pub has_insight_selectors: bool,
    /// Regions whose `DescribeTrails` listed this trail, sorted.
    #[serde(skip)]
    pub seen_in: Vec<String>,
    /// `GetTrailStatus`.
    #[serde(skip_deserializing, default = "status_not_collected")]
    pub status: Observed<TrailStatus>,
    /// `GetEventSelectors`.
    #[serde(skip_deserializing, default = "selectors_not_collected")]
    pub event_selectors: Observed<EventSelectors>,
}

/// Whether a trail is logging, and how delivery goes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TrailStatus {
    pub is_logging: bool,
    pub latest_delivery_time: Option<Timestamp>,
    pub latest_delivery_error: Option<String>,
    pub start_logging_time: Option<Timestamp>,
    pub stop_logging_time: Option<Timestamp>,
    pub latest_cloud_watch_logs_delivery_time: Option<Timestamp>,
    pub latest_cloud_watch_logs_delivery_error: Option<String>,
    pub latest_digest_delivery_time: Option<Timestamp>,
}

/// A trail's event selectors (basic or advanced; a trail uses one kind).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EventSelectors {
    #[serde(default)]
    pub event_selectors: Vec<EventSelector>,
    #[serde(default)]
    pub advanced_event_selectors: Vec<AdvancedEventSelector>,
}

/// A basic event selector.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EventSelector {
    /// `ReadOnly`, `WriteOnly` or `All` (the default).
    pub read_write_type: Option<String>,
    /// Defaults to `true`.
    pub include_management_events: Option<bool>,
    #[serde(default)]
    pub data_resources: Vec<DataResource>,
    #[serde(default)]
    pub exclude_management_event_sources: Vec<String>,
}

/// Data events a basic selector records (`AWS::S3::Object` with ARN prefixes, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DataResource {
    #[serde(rename = "Type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub values: Vec<String>,
}

/// An advanced event selector.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdvancedEventSelector {
    pub name: Option<String>,
    #[serde(default)]
    pub field_selectors: Vec<AdvancedFieldSelector>,
}

/// One condition of an advanced event selector.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdvancedFieldSelector {
    /// `eventCategory`, `readOnly`, `resources.type`, `eventSource`, ...
    pub field: String,
    #[serde(default)]
    pub equals: Vec<String>,
    #[serde(default)]
    pub starts_with: Vec<String>,
    #[serde(default)]
    pub ends_with: Vec<String>,
    #[serde(default)]
    pub not_equals: Vec<String>,
    #[serde(default)]
    pub not_starts_with: Vec<String>,
    #[serde(default)]
    pub not_ends_with: Vec<String>,
}

impl EventSelectors {
    /// Some selector records every read and write management event from every source: a basic
    /// selector with management events on, `ReadWriteType` `All` and no excluded sources, or an
    /// advanced selector on `eventCategory = Management` with no other condition.
    pub fn records_all_management_events(&self) -> bool {
        let basic = self.event_selectors.iter().any(|s| {
            s.include_management_events.unwrap_or(true)
                && s.read_write_type.as_deref().is_none_or(|t| t == "All")
                && s.exclude_management_event_sources.is_empty()
        });
        let advanced = self.advanced_event_selectors.iter().any(|s| {
            let mut management = false;
            for f in &s.field_selectors {
                if f.field == "eventCategory" && f.equals == ["Management"] {
                    management = true;
                } else {
                    return false;
                }
            }
            management
        });
        basic || advanced
    }
}

impl Trail {
    /// The trail is logging. `None` while its status is unknown.
    pub fn is_logging(&self) -> Option<bool> {
        self.status.as_ref().ok().map(|s| s.is_logging)
    }
}

#[derive(Deserialize)]
struct DescribeTrailsResponse {
    #[serde(rename = "trailList", default)]
    trail_list: Vec<Trail>,
}

#[derive(Deserialize)]
struct SelectorsResponse {
    #[serde(rename = "TrailARN")]
    trail_arn: Option<String>,
    #[serde(flatten)]
    selectors: EventSelectors,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "DescribeTrails" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: DescribeTrailsResponse| {
                let mut v = r.trail_list;
                for t in &mut v {
                    t.seen_in = vec![region.clone()];
                    if t.home_region.is_empty() {
                        t.home_region.clone_from(&region);
                    }
                }
                v
            })?;
            Box::new(move |inv| {
                let ct = &mut inv.cloudtrail;
                match v {
                    Ok(list) => {
                        let arns = list.iter().map(|t| t.trail_arn.clone()).collect();
                        ct.trails_by_region.merge(region, Ok(arns));
                        ct.listed.extend(list);
                    }
                    Err(g) => ct.trails_by_region.merge(region, Err(g)),
                }
            })
        }
        "GetTrailStatus" => {
            let trail = cx.param("Name")?;
            let value = cx
                .observe(body, |r: TrailStatus| r)?
                .map_err(|g| g.about(format!("trail {trail}")));
            let region = cx.region.map(str::to_string);
            Box::new(move |inv| {
                inv.cloudtrail.status.push(PerTrail {
                    region,
                    trail,
                    value,
                })
            })
        }
        "GetEventSelectors" => {
            let param = cx.param("TrailName")?;
            let v = cx.observe(body, |r: SelectorsResponse| r)?;
            let (trail, value) = match v {
                Ok(r) => (
                    r.trail_arn.filter(|a| !a.is_empty()).unwrap_or(param),
                    Ok(r.selectors),
                ),
                Err(g) => {
                    let g = g.about(format!("trail {param}"));
                    (param, Err(g))
                }
            };
            let region = cx.region.map(str::to_string);
            Box::new(move |inv| {
                inv.cloudtrail.selectors.push(PerTrail {
                    region,
                    trail,
                    value,
                })
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

/// The per-trail result for `t`: by ARN from any region, or by name from its home region; the
/// home region's answer wins, then the last one in the file.
fn pick<T: Clone>(results: &[PerTrail<T>], t: &Trail, op: &str) -> Observed<T> {
    let mut best: Option<(bool, usize)> = None;
    for (i, r) in results.iter().enumerate() {
        let home = r.region.as_deref().is_none_or(|reg| reg == t.home_region);
        let matches = r.trail == t.trail_arn || (r.trail == t.name && home);
        if matches && best.is_none_or(|(best_home, _)| home || !best_home) {
            best = Some((home, i));
        }
    }
    match best {
        Some((_, i)) => results[i].value.clone(),
        None => Err(Gap::not_collected("cloudtrail", op, Some(&t.home_region))
            .about(format!("trail {}", t.trail_arn))),
    }
}

impl CloudTrail {
    pub(crate) fn finalize(&mut self, regions: &[String]) {
        self.trails_by_region.fill(regions);
        let mut answered = false;
        let mut first_gap = None;
        for (_, v) in self.trails_by_region.iter() {
            match v {
                Ok(_) => answered = true,
                Err(g) if first_gap.is_none() && g.kind != GapKind::NotCollected => {
                    first_gap = Some(g);
                }
                Err(_) => {}
            }
        }
        if !answered {
            if let Some(g) = first_gap {
                self.trails = Err(g);
            }
            self.listed.clear();
            return;
        }
        // Each ARN once: the copy listed by the trail's home region wins.
        let mut by_arn: BTreeMap<String, (bool, Trail)> = BTreeMap::new();
        for t in std::mem::take(&mut self.listed) {
            let from_home = t.seen_in.first() == Some(&t.home_region);
            match by_arn.entry(t.trail_arn.clone()) {
                Entry::Vacant(e) => {
                    e.insert((from_home, t));
                }
                Entry::Occupied(e) => {
                    let (have_home, have) = e.into_mut();
                    let mut seen = std::mem::take(&mut have.seen_in);
                    seen.extend(t.seen_in.iter().cloned());
                    if from_home && !*have_home {
                        *have = t;
                        *have_home = true;
                    }
                    seen.sort();
                    seen.dedup();
                    have.seen_in = seen;
                }
            }
        }
        let mut trails: Vec<Trail> = by_arn.into_values().map(|(_, t)| t).collect();
        for t in &mut trails {
            t.status = pick(&self.status, t, "GetTrailStatus");
            t.event_selectors = pick(&self.selectors, t, "GetEventSelectors");
        }
        self.status.clear();
        self.selectors.clear();
        self.trails = Ok(trails);
    }

    /// Looks up a trail by ARN.
    pub fn trail(&self, arn: &str) -> Option<&Trail> {
        self.trails
            .as_ref()
            .ok()?
            .iter()
            .find(|t| t.trail_arn == arn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::test_load;

    const ARN: &str = "arn:aws:cloudtrail:us-east-1:123456789012:trail/main";
    const LOCAL: &str = "arn:aws:cloudtrail:eu-west-1:123456789012:trail/local";

    fn trail(region: &str, shadow_bucket: &str) -> String {
        format!(
            r#"{{"service": "cloudtrail", "operation": "DescribeTrails", "region": "{region}",
                "params": {{"includeShadowTrails": true}},
                "response": {{"trailList": [{{"Name": "main", "S3BucketName": "{shadow_bucket}",
                  "IncludeGlobalServiceEvents": true, "IsMultiRegionTrail": true, "HomeRegion": "us-east-1",
                  "TrailARN": "{ARN}", "LogFileValidationEnabled": true,
                  "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:ct:*",
                  "CloudWatchLogsRoleArn": "arn:aws:iam::123456789012:role/ct",
                  "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/k", "HasCustomEventSelectors": false,
                  "HasInsightSelectors": false, "IsOrganizationTrail": false}}]}}}}"#
        )
    }

    fn calls(per_trail_first: bool) -> String {
        let listing = format!(
            r#"{},{},
            {{"service": "cloudtrail", "operation": "DescribeTrails", "region": "eu-west-1",
              "response": {{"trailList": [{{"Name": "local", "S3BucketName": "b", "IsMultiRegionTrail": false,
                "HomeRegion": "eu-west-1", "TrailARN": "{LOCAL}", "LogFileValidationEnabled": false,
                "IncludeGlobalServiceEvents": false, "IsOrganizationTrail": false}}]}}}}"#,
            trail("eu-west-1", "shadow-copy"),
            trail("us-east-1", "home-copy"),
        );
        let per = format!(
            r#"{{"service": "cloudtrail", "operation": "GetTrailStatus", "region": "us-east-1",
               "params": {{"Name": "{ARN}"}},
               "response": {{"IsLogging": true, "LatestDeliveryTime": "2026-11-22T10:00:00+00:00",
                 "StartLoggingTime": "2026-01-01T00:00:00+00:00", "LatestDeliveryAttemptTime": "2026-11-22T10:00:00Z"}}}},
              {{"service": "cloudtrail", "operation": "GetTrailStatus", "region": "eu-west-1",
               "params": {{"Name": "local"}}, "error": {{"code": "AccessDeniedException", "message": "denied"}}}},
              {{"service": "cloudtrail", "operation": "GetEventSelectors", "region": "us-east-1",
               "params": {{"TrailName": "main"}},
               "response": {{"TrailARN": "{ARN}", "EventSelectors": [{{"ReadWriteType": "All",
                 "IncludeManagementEvents": true, "DataResources": [{{"Type": "AWS::S3::Object",
                 "Values": ["arn:aws:s3"]}}], "ExcludeManagementEventSources": []}}]}}}},
              {{"service": "cloudtrail", "operation": "GetEventSelectors", "region": "eu-west-1",
               "params": {{"TrailName": "local"}},
               "response": {{"TrailARN": "{LOCAL}", "AdvancedEventSelectors": [{{"Name": "mgmt",
                 "FieldSelectors": [{{"Field": "eventCategory", "Equals": ["Management"]}},
                                    {{"Field": "readOnly", "Equals": ["false"]}}]}}]}}}}"#
        );
        if per_trail_first {
            format!("{per},{listing}")
        } else {
            format!("{listing},{per}")
        }
    }

    #[test]
    fn dedupes_trails_and_joins_in_any_order() {
        for first in [false, true] {
            let inv = test_load(&calls(first)).unwrap();
            let ct = &inv.cloudtrail;
            assert_eq!(ct.trails.as_ref().unwrap().len(), 2);
            let main = ct.trail(ARN).unwrap();
            assert_eq!(main.s3_bucket_name.as_deref(), Some("home-copy"));
            assert_eq!(main.seen_in, ["eu-west-1", "us-east-1"]);
            assert!(main.is_multi_region_trail && main.log_file_validation_enabled);
            assert_eq!(main.is_logging(), Some(true));
            assert!(main.status.as_ref().unwrap().latest_delivery_time.is_some());
            let sel = main.event_selectors.as_ref().unwrap();
            assert!(sel.records_all_management_events());
            assert_eq!(
                sel.event_selectors[0].data_resources[0].values,
                ["arn:aws:s3"]
            );

            let local = ct.trail(LOCAL).unwrap();
            let g = local.status.as_ref().unwrap_err();
            assert_eq!(g.kind, GapKind::AccessDenied);
            assert_eq!(g.subject.as_deref(), Some("trail local"));
            let sel = local.event_selectors.as_ref().unwrap();
            assert_eq!(sel.advanced_event_selectors[0].field_selectors.len(), 2);
            assert!(!sel.records_all_management_events());
            assert_eq!(ct.trails_by_region.get("eu-west-1").unwrap().len(), 2);
        }
    }

    #[test]
    fn missing_per_trail_calls_and_denied_regions() {
        let inv = test_load(&format!(
            r#"{},
               {{"service": "cloudtrail", "operation": "DescribeTrails", "region": "eu-west-1",
                "error": {{"code": "AccessDeniedException"}}}},
               {{"service": "cloudtrail", "operation": "GetTrailStatus", "region": "eu-west-1",
                "params": {{"Name": "main"}}, "response": {{"IsLogging": false}}}}"#,
            trail("us-east-1", "b")
        ))
        .unwrap();
        let ct = &inv.cloudtrail;
        let main = ct.trail(ARN).unwrap();
        // A status asked by name outside the home region is not this trail's.
        let g = main.status.as_ref().unwrap_err();
        assert_eq!(
            (g.kind, g.region.as_deref()),
            (GapKind::NotCollected, Some("us-east-1"))
        );
        assert_eq!(g.subject.as_deref(), Some(&*format!("trail {ARN}")));
        assert_eq!(
            main.event_selectors.as_ref().unwrap_err().operation,
            "GetEventSelectors"
        );
        let g = ct.trails_by_region.get("eu-west-1").unwrap_err();
        assert_eq!(g.kind, GapKind::AccessDenied);

        let inv = test_load(
            r#"{"service": "cloudtrail", "operation": "DescribeTrails", "region": "eu-west-1",
                "error": {"code": "AccessDeniedException"}}"#,
        )
        .unwrap();
        assert_eq!(
            inv.cloudtrail.trails.unwrap_err().kind,
            GapKind::AccessDenied
        );
        let inv = test_load("").unwrap();
        assert_eq!(
            inv.cloudtrail.trails.unwrap_err().kind,
            GapKind::NotCollected
        );
    }

    #[test]
    fn bad_values_name_the_path() {
        let e = test_load(
            r#"{"service": "cloudtrail", "operation": "GetTrailStatus", "region": "us-east-1",
                "params": {"Name": "t"}, "response": {"IsLogging": "yes"}}"#,
        )
        .unwrap_err();
        assert_eq!(e.place.path.as_deref(), Some("response.IsLogging"));
    }
}
