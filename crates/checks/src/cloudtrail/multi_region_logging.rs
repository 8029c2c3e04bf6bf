//! CloudTrail is enabled with a multi-region trail that is logging all management events.
//!
//! ## What it checks
//! The account's trails (`cloudtrail DescribeTrails` in every region, `GetTrailStatus`,
//! `GetEventSelectors`): at least one trail must be
//! 1. **multi-region** (`IsMultiRegionTrail`),
//! 2. **logging** now (`IsLogging`: a stopped trail records nothing), and
//! 3. recording **every read and write management event**: basic selectors with
//!    `IncludeManagementEvents` and `ReadWriteType` `All` (or a `ReadOnly` and a `WriteOnly`
//!    selector together) and no excluded event sources, or advanced selectors on
//!    `eventCategory` = `Management` that leave out neither read nor write events nor any event
//!    source.
//!
//! "Some trail logs in this region" is not enough: a single-region trail, a stopped trail or a
//! trail limited to write events fails. The finding is about the account. When no trail is
//! known to qualify but a multi-region trail's status or selectors could not be read, or no
//! region's trail list could be read, the result is UNKNOWN.
//!
//! ## Why it matters
//! CloudTrail is the record of who did what in the account. Without a trail covering every
//! region, an attacker works in a region nobody watches, and nothing is kept beyond the 90-day
//! event history.
//!
//! ## Remediation
//! ```sh
//! aws cloudtrail create-trail --name acme-trail --s3-bucket-name acme-cloudtrail-logs \
//!   --is-multi-region-trail --enable-log-file-validation --kms-key-id alias/cloudtrail
//! aws cloudtrail put-event-selectors --trail-name acme-trail \
//!   --event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true}]'
//! aws cloudtrail start-logging --name acme-trail
//! ```
//! Terraform: `aws_cloudtrail` with `is_multi_region_trail = true`, `enable_logging = true` and an
//! `event_selector { read_write_type = "All", include_management_events = true }`.
//!
//! ## References
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-1

use crate::prelude::*;
use crate::support::s3::admits;
use rampart_model::Gap;
use rampart_model::inventory::cloudtrail::{EventSelectors, Trail};

pub static CHECK: Check = Check {
    id: "cloudtrail.multi_region_logging",
    title: "CloudTrail has a multi-region trail logging all management events",
    severity: Severity::High,
    resource_type: ResourceType::Account,
    compliance: &[cis("3.1"), fsbp("CloudTrail.1")],
    related: &[
        "cloudtrail.log_file_validation",
        "cloudtrail.kms_encryption",
    ],
    lifecycle: Lifecycle::Stable,
    run,
};

/// Some selector records every management event that is read-only (`read`) or not.
fn covers_management(sel: &EventSelectors, read: bool) -> bool {
    let (want, other) = if read {
        ("ReadOnly", "true")
    } else {
        ("WriteOnly", "false")
    };
    let basic = sel.event_selectors.iter().any(|s| {
        s.include_management_events.unwrap_or(true)
            && s.exclude_management_event_sources.is_empty()
            && s.read_write_type
                .as_deref()
                .is_none_or(|t| t == "All" || t == want)
    });
    let advanced = sel.advanced_event_selectors.iter().any(|s| {
        let mut management = false;
        for f in &s.field_selectors {
            match f.field.as_str() {
                "eventCategory" if admits(f, "Management") => management = true,
                "readOnly" if admits(f, other) => {}
                _ => return false,
            }
        }
        management
    });
    basic || advanced
}

/// Whether the trail qualifies: `Ok(Err(reason))` when it does not.
fn judge(t: &Trail) -> Result<Result<(), String>, Gap> {
    if !t.is_multi_region_trail {
        return Ok(Err("is a single-region trail".into()));
    }
    let logging = t.status.as_ref().map(|s| s.is_logging);
    let covered = t
        .event_selectors
        .as_ref()
        .map(|s| (covers_management(s, true), covers_management(s, false)));
    match (logging, covered) {
        (Ok(false), _) => Ok(Err("is not logging".into())),
        (_, Ok((true, false))) => Ok(Err("does not record write management events".into())),
        (_, Ok((false, true))) => Ok(Err("does not record read management events".into())),
        (_, Ok((false, false))) => Ok(Err("does not record all management events".into())),
        (Ok(true), Ok((true, true))) => Ok(Ok(())),
        (Err(g), _) | (_, Err(g)) => Err(g.clone()),
    }
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let trails = match &cx.inv.cloudtrail.trails {
        Ok(t) => t,
        Err(g) => return out.unknown(cx.account(), "whether a multi-region trail is logging", g),
    };
    let mut reasons = Vec::new();
    let mut doubt: Option<Gap> = None;
    for t in trails {
        match judge(t) {
            Ok(Ok(())) => {
                return out.pass(
                    cx.account(),
                    format!(
                        "multi-region trail `{}` is logging all read and write management events",
                        t.name
                    ),
                    json!({"trail": t.trail_arn, "home_region": t.home_region}),
                );
            }
            Ok(Err(why)) => reasons.push(format!("`{}` {why}", t.name)),
            Err(g) => {
                reasons.push(format!("`{}`: {g}", t.name));
                doubt.get_or_insert(g);
            }
        }
    }
    let ev = json!({"trails": reasons});
    if let Some(g) = doubt {
        return out.unknown(cx.account(), "whether a multi-region trail is logging", &g);
    }
    let msg = if trails.is_empty() {
        "there is no CloudTrail trail".to_string()
    } else {
        format!(
            "no multi-region trail is logging all management events: {}",
            reasons.join("; ")
        )
    };
    out.fail(cx.account(), msg, ev);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    fn trail(name: &str, multi: bool, logging: Option<bool>, selectors: Value) -> Vec<Value> {
        let arn = format!("arn:aws:cloudtrail:us-east-1:123456789012:trail/{name}");
        let mut v = vec![
            call(
                "cloudtrail",
                "DescribeTrails",
                Some("us-east-1"),
                json!({}),
                json!({"trailList": [{"Name": name, "S3BucketName": "acme-cloudtrail-logs", "IsMultiRegionTrail": multi,
                       "HomeRegion": "us-east-1", "TrailARN": arn, "IncludeGlobalServiceEvents": true,
                       "LogFileValidationEnabled": true, "IsOrganizationTrail": false}]}),
            ),
            call(
                "cloudtrail",
                "GetEventSelectors",
                Some("us-east-1"),
                json!({"TrailName": arn}),
                {
                    let mut s = selectors;
                    s["TrailARN"] = json!(arn);
                    s
                },
            ),
        ];
        v.push(match logging {
            Some(l) => call(
                "cloudtrail",
                "GetTrailStatus",
                Some("us-east-1"),
                json!({"Name": arn}),
                json!({"IsLogging": l, "LatestDeliveryTime": "2026-11-20T08:57:41+00:00"}),
            ),
            None => error(
                "cloudtrail",
                "GetTrailStatus",
                Some("us-east-1"),
                json!({"Name": arn}),
                "AccessDeniedException",
            ),
        });
        v
    }

    fn all() -> Value {
        json!({"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true,
               "DataResources": [], "ExcludeManagementEventSources": []}]})
    }

    fn run_one(calls: Vec<Value>) -> (Status, String) {
        let o = outcomes(&CHECK, &inventory(calls));
        assert_eq!(o.len(), 1);
        (o[0].status, o[0].message.clone())
    }

    #[test]
    fn passes_logging_multi_region_trail_with_all_management_events() {
        let (s, m) = run_one(trail("main", true, Some(true), all()));
        assert_eq!(s, Status::Pass);
        assert!(m.contains("`main`"));
        let adv = json!({"AdvancedEventSelectors": [{"Name": "Management events", "FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Management"]}]}]});
        assert_eq!(
            run_one(trail("main", true, Some(true), adv)).0,
            Status::Pass
        );
        let split = json!({"EventSelectors": [{"ReadWriteType": "ReadOnly", "IncludeManagementEvents": true},
                                              {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true}]});
        assert_eq!(
            run_one(trail("main", true, Some(true), split)).0,
            Status::Pass
        );
    }

    #[test]
    fn fails_stopped_single_region_or_partial_trails() {
        let (s, m) = run_one(trail("main", true, Some(false), all()));
        assert_eq!(s, Status::Fail);
        assert!(m.contains("is not logging"), "{m}");
        let (s, m) = run_one(trail("local", false, Some(true), all()));
        assert_eq!(s, Status::Fail);
        assert!(m.contains("single-region"), "{m}");
        let writes = json!({"EventSelectors": [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true}]});
        let (s, m) = run_one(trail("main", true, Some(true), writes));
        assert_eq!(s, Status::Fail);
        assert!(m.contains("read management"), "{m}");
        let no_kms = json!({"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true,
            "ExcludeManagementEventSources": ["kms.amazonaws.com"]}]});
        assert_eq!(
            run_one(trail("main", true, Some(true), no_kms)).0,
            Status::Fail
        );
        let adv = json!({"AdvancedEventSelectors": [{"FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Management"]}, {"Field": "readOnly", "Equals": ["false"]}]}]});
        assert_eq!(
            run_one(trail("main", true, Some(true), adv)).0,
            Status::Fail
        );
        let none = call(
            "cloudtrail",
            "DescribeTrails",
            Some("us-east-1"),
            json!({}),
            json!({"trailList": []}),
        );
        let (s, m) = run_one(vec![none]);
        assert_eq!(s, Status::Fail);
        assert!(m.contains("no CloudTrail trail"));
    }

    #[test]
    fn unknown_when_status_or_trails_missing() {
        let (s, m) = run_one(trail("main", true, None, all()));
        assert_eq!(s, Status::Unknown);
        assert!(m.contains("denied"), "{m}");
        assert_eq!(run_one(vec![]).0, Status::Unknown);
        let denied = error(
            "cloudtrail",
            "DescribeTrails",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        );
        assert_eq!(run_one(vec![denied]).0, Status::Unknown);
    }
}
