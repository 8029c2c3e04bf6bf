//! Amazon GuardDuty is enabled in every region.
//!
//! ## What it checks
//! Each covered region (`guardduty ListDetectors`, `GetDetector`): the region must have a
//! detector whose `Status` is `ENABLED`. A region without a detector fails, and so does a
//! suspended detector (`DISABLED`). A region whose detector list, or whose detector's settings,
//! could not be read is UNKNOWN.
//!
//! ## Why it matters
//! GuardDuty watches CloudTrail, VPC Flow Logs and DNS logs for compromised credentials,
//! crypto-mining and reconnaissance. A region without it is where an attacker works unseen,
//! which is why it must be on in regions you do not use too.
//!
//! ## Remediation
//! In each region (or for the organization from the delegated administrator):
//! ```sh
//! aws guardduty create-detector --enable --finding-publishing-frequency FIFTEEN_MINUTES
//! aws guardduty update-detector --detector-id 12abc34d567e8fa901bc2d34e56789f0 --enable
//! ```
//! Terraform: `aws_guardduty_detector { enable = true }` per region provider.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-1
//! - https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html

use crate::prelude::*;
use rampart_model::ResourceRef;
use rampart_model::inventory::guardduty::{Detector, DetectorSettings};

pub static CHECK: Check = Check {
    id: "guardduty.enabled",
    title: "GuardDuty is enabled in every region",
    severity: Severity::High,
    resource_type: ResourceType::Region,
    compliance: &[fsbp("GuardDuty.1")],
    related: &["guardduty.s3_protection", "securityhub.enabled"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// The finding resource for a detector.
pub(crate) fn detector_ref(cx: &Context<'_>, d: &Detector) -> ResourceRef {
    cx.resource(
        ResourceType::GuardDutyDetector,
        d.detector_id.clone(),
        Some(d.arn(&cx.inv.partition, &cx.inv.account_id)),
        Some(&d.region),
    )
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    for (region, list) in cx.inv.guardduty.detectors.iter() {
        let res = cx.region(region);
        let detectors = match list {
            Ok(l) => l,
            Err(g) => {
                out.unknown(res, "whether GuardDuty is enabled", &g);
                continue;
            }
        };
        let Some(d) = detectors.first() else {
            out.fail(
                res,
                format!("GuardDuty has no detector in {region}"),
                json!({"DetectorIds": []}),
            );
            continue;
        };
        let ev = json!({"DetectorId": d.detector_id,
                        "Status": d.settings.as_ref().ok().map(|s| s.status.clone())});
        match d.is_enabled() {
            Some(true) => out.pass(
                res,
                format!(
                    "GuardDuty detector {} is enabled in {region}",
                    d.detector_id
                ),
                ev,
            ),
            Some(false) => out.fail(
                res,
                format!(
                    "GuardDuty detector {} is suspended in {region}",
                    d.detector_id
                ),
                ev,
            ),
            None => {
                if let Err(g) = &d.settings {
                    out.unknown(res, "whether the GuardDuty detector is enabled", g);
                }
            }
        }
    }
}

/// Judges one GuardDuty protection plan in every region: per detector PASS when `enabled`
/// says so, FAIL when it is off, the detector is suspended, or the region has no detector;
/// UNKNOWN when the list or the settings are missing. `plan` names it in messages.
pub(crate) fn judge_feature(
    cx: &Context<'_>,
    out: &mut Outcomes,
    plan: &str,
    features: &[&str],
    enabled: impl Fn(&DetectorSettings) -> bool,
) {
    for (region, list) in cx.inv.guardduty.detectors.iter() {
        let detectors = match list {
            Ok(l) => l,
            Err(g) => {
                out.unknown(cx.region(region), &format!("whether {plan} is enabled"), &g);
                continue;
            }
        };
        if detectors.is_empty() {
            out.fail(
                cx.region(region),
                format!("GuardDuty has no detector in {region}, so {plan} is off"),
                json!({"DetectorIds": []}),
            );
        }
        for d in detectors {
            let res = detector_ref(cx, d);
            let s = match &d.settings {
                Ok(s) => s,
                Err(g) => {
                    out.unknown(res, &format!("whether {plan} is enabled"), g);
                    continue;
                }
            };
            let shown: Vec<_> = s
                .features
                .iter()
                .filter(|f| features.contains(&f.name.as_str()))
                .map(|f| {
                    json!({"Name": f.name, "Status": f.status,
                           "AdditionalConfiguration": f.additional_configuration.iter()
                               .map(|c| json!({"Name": c.name, "Status": c.status})).collect::<Vec<_>>()})
                })
                .collect();
            let ev = json!({"DetectorStatus": s.status, "Features": shown});
            if s.status != "ENABLED" {
                out.fail(
                    res,
                    format!(
                        "GuardDuty detector {} in {region} is suspended, so {plan} is off",
                        d.detector_id
                    ),
                    ev,
                );
            } else if enabled(s) {
                out.pass(
                    res,
                    format!(
                        "{plan} is enabled on detector {} in {region}",
                        d.detector_id
                    ),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!(
                        "{plan} is not enabled on detector {} in {region}",
                        d.detector_id
                    ),
                    ev,
                );
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    pub(crate) const DETECTOR: &str = "12abc34d567e8fa901bc2d34e56789f0";

    /// `ListDetectors` + `GetDetector` in `region` with this status and these features.
    pub(crate) fn detector(region: &str, status: &str, features: Value) -> Vec<Value> {
        vec![
            call(
                "guardduty",
                "ListDetectors",
                Some(region),
                json!({}),
                json!({"DetectorIds": [DETECTOR]}),
            ),
            call(
                "guardduty",
                "GetDetector",
                Some(region),
                json!({"DetectorId": DETECTOR}),
                json!({"CreatedAt": "2024-01-01T00:00:00.000Z", "FindingPublishingFrequency": "SIX_HOURS",
                       "ServiceRole": "arn:aws:iam::123456789012:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
                       "Status": status, "UpdatedAt": "2024-01-01T00:00:00.000Z", "Tags": {},
                       "Features": features}),
            ),
        ]
    }

    pub(crate) fn no_detector(region: &str) -> Value {
        call(
            "guardduty",
            "ListDetectors",
            Some(region),
            json!({}),
            json!({"DetectorIds": []}),
        )
    }

    /// Checks a protection-plan check: `on` features pass, `off` fail, a region without a
    /// detector fails, a suspended detector fails, denied settings are UNKNOWN.
    pub(crate) fn feature_behaviour(check: &Check, on: Value, off: Value) {
        let mut calls = detector("us-east-1", "ENABLED", on.clone());
        calls.extend(detector("eu-west-1", "ENABLED", off));
        calls.push(no_detector("ap-south-1"));
        let inv = inventory_in(&["ap-south-1", "eu-west-1", "us-east-1"], calls);
        let o = outcomes(check, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("123456789012/ap-south-1".into(), Status::Fail),
                (DETECTOR.into(), Status::Fail),
                (DETECTOR.into(), Status::Pass),
            ],
            "{o:#?}"
        );
        assert_eq!(o[1].resource.region.as_deref(), Some("eu-west-1"));
        let inv = inventory(detector("us-east-1", "DISABLED", on));
        assert_eq!(only(&outcomes(check, &inv)), Status::Fail);
        let denied = vec![
            call(
                "guardduty",
                "ListDetectors",
                Some("us-east-1"),
                json!({}),
                json!({"DetectorIds": [DETECTOR]}),
            ),
            error(
                "guardduty",
                "GetDetector",
                Some("us-east-1"),
                json!({"DetectorId": DETECTOR}),
                "AccessDeniedException",
            ),
        ];
        assert_eq!(only(&outcomes(check, &inventory(denied))), Status::Unknown);
        assert_eq!(only(&outcomes(check, &inventory(vec![]))), Status::Unknown);
    }

    #[test]
    fn per_region_enabled_missing_suspended_unknown() {
        let mut calls = detector("us-east-1", "ENABLED", json!([]));
        calls.extend(detector("eu-west-1", "DISABLED", json!([])));
        calls.push(no_detector("ap-south-1"));
        calls.push(error(
            "guardduty",
            "ListDetectors",
            Some("sa-east-1"),
            json!({}),
            "AccessDeniedException",
        ));
        let inv = inventory_in(
            &["ap-south-1", "eu-west-1", "sa-east-1", "us-east-1"],
            calls,
        );
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("123456789012/ap-south-1".into(), Status::Fail),
                ("123456789012/eu-west-1".into(), Status::Fail),
                ("123456789012/sa-east-1".into(), Status::Unknown),
                ("123456789012/us-east-1".into(), Status::Pass),
            ]
        );
        assert!(o[1].message.contains("suspended"));
    }
}
