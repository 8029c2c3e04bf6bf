//! AWS Config is recording all resources in every region.
//!
//! ## What it checks
//! Each covered region (`config DescribeConfigurationRecorders`,
//! `DescribeConfigurationRecorderStatus`): a configuration recorder must
//! - record **all supported resource types** (`recordingGroup.allSupported`),
//! - be **recording** now (`recording` true in its status), with a last status other than
//!   `Failure`;
//!
//! and global resource types (IAM users, roles, policies) must be recorded
//! (`includeGlobalResourceTypes`) by at least one recording region, since AWS records them
//! only where asked. A region without a recorder fails. A region whose recorders or status
//! could not be read is UNKNOWN.
//!
//! ## Why it matters
//! AWS Config keeps the history of every resource's configuration and relationships: without
//! it in a region, changes there (a security group opened and closed again, a bucket policy
//! swapped) leave no record for an investigation or an audit.
//!
//! ## Remediation
//! In each region:
//! ```sh
//! aws configservice put-configuration-recorder --configuration-recorder \
//!   name=default,roleARN=arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig \
//!   --recording-group allSupported=true,includeGlobalResourceTypes=true
//! aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=acme-config
//! aws configservice start-configuration-recorder --configuration-recorder-name default
//! ```
//! Terraform: `aws_config_configuration_recorder` (with `recording_group { all_supported = true }`),
//! `aws_config_delivery_channel` and `aws_config_configuration_recorder_status` per region.
//!
//! ## References
//! - https://docs.aws.amazon.com/config/latest/developerguide/gs-cli.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html#config-1

use crate::prelude::*;
use rampart_model::Gap;
use rampart_model::inventory::config::Recorder;

pub static CHECK: Check = Check {
    id: "config.enabled_all_regions",
    title: "AWS Config is recording all resources in every region",
    severity: Severity::Medium,
    resource_type: ResourceType::Region,
    compliance: &[cis("3.3"), fsbp("Config.1")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// A recorder that records every supported type and is on; `Err` when its status is unknown.
fn good(r: &Recorder) -> Result<bool, Gap> {
    let all = r.recording_group.as_ref().is_some_and(|g| g.all_supported);
    let status = r.status.as_ref().map_err(Clone::clone)?;
    let on = status.as_ref().is_some_and(|s| {
        s.recording
            && !s
                .last_status
                .as_deref()
                .is_some_and(|l| l.eq_ignore_ascii_case("failure"))
    });
    Ok(all && on)
}

fn describe(r: &Recorder) -> String {
    let all = r.recording_group.as_ref().is_some_and(|g| g.all_supported);
    match &r.status {
        _ if !all => format!("recorder `{}` records only some resource types", r.name),
        Ok(None) => format!("recorder `{}` has no status", r.name),
        Ok(Some(s)) if !s.recording => format!("recorder `{}` is stopped", r.name),
        Ok(Some(s)) => format!(
            "recorder `{}` last failed ({})",
            r.name,
            s.last_error_code.as_deref().unwrap_or("no error code")
        ),
        Err(g) => format!("recorder `{}`: {g}", r.name),
    }
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let recorders = &cx.inv.config.recorders;
    // Global resource types are recorded somewhere when a good recorder includes them.
    let globals_somewhere = recorders.iter().any(|(_, list)| {
        list.is_ok_and(|l| {
            l.iter().any(|r| {
                good(r).unwrap_or(false)
                    && r.recording_group
                        .as_ref()
                        .is_some_and(|g| g.include_global_resource_types)
            })
        })
    });
    for (region, list) in recorders.iter() {
        let res = cx.region(region);
        let list = match list {
            Ok(l) => l,
            Err(g) => {
                out.unknown(res, "whether AWS Config records here", &g);
                continue;
            }
        };
        let ev = json!({"recorders": list.iter().map(|r| json!({
            "name": r.name,
            "allSupported": r.recording_group.as_ref().map(|g| g.all_supported),
            "includeGlobalResourceTypes": r.recording_group.as_ref().map(|g| g.include_global_resource_types),
            "recording": r.status.as_ref().ok().and_then(|s| s.as_ref().map(|s| s.recording)),
            "lastStatus": r.status.as_ref().ok().and_then(|s| s.as_ref().and_then(|s| s.last_status.clone())),
        })).collect::<Vec<_>>(), "global_types_recorded_somewhere": globals_somewhere});
        if list.is_empty() {
            out.fail(
                res,
                format!("AWS Config has no configuration recorder in {region}"),
                ev,
            );
            continue;
        }
        let mut doubt = None;
        let mut passing = None;
        for r in list {
            match good(r) {
                Ok(true) => passing = Some(r),
                Ok(false) => {}
                Err(g) => doubt = Some(g),
            }
        }
        match (passing, doubt) {
            (Some(r), _) if globals_somewhere => out.pass(
                res,
                format!("recorder `{}` records all resource types in {region}", r.name),
                ev,
            ),
            (Some(r), _) => out.fail(
                res,
                format!(
                    "recorder `{}` records all regional resource types in {region}, but no region records global resource types (IAM)",
                    r.name
                ),
                ev,
            ),
            (None, Some(g)) => out.unknown(res, "whether AWS Config records here", &g),
            (None, None) => {
                let why: Vec<String> = list.iter().map(describe).collect();
                out.fail(
                    res,
                    format!("AWS Config is not recording all resources in {region}: {}", why.join("; ")),
                    ev,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    fn recorders(region: &str, all: bool, global: bool) -> Value {
        call(
            "config",
            "DescribeConfigurationRecorders",
            Some(region),
            json!({}),
            json!({"ConfigurationRecorders": [{"name": "default",
              "roleARN": "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
              "recordingGroup": {"allSupported": all, "includeGlobalResourceTypes": global,
                "resourceTypes": if all { json!([]) } else { json!(["AWS::EC2::Instance"]) },
                "exclusionByResourceTypes": {"resourceTypes": []},
                "recordingStrategy": {"useOnly": if all { "ALL_SUPPORTED_RESOURCE_TYPES" } else { "INCLUSION_BY_RESOURCE_TYPES" }}},
              "recordingMode": {"recordingFrequency": "CONTINUOUS", "recordingModeOverrides": []}}]}),
        )
    }

    fn status(region: &str, recording: bool) -> Value {
        call(
            "config",
            "DescribeConfigurationRecorderStatus",
            Some(region),
            json!({}),
            json!({"ConfigurationRecordersStatus": [{"name": "default", "lastStartTime": "2024-02-12T10:20:15+00:00",
                   "recording": recording, "lastStatus": "SUCCESS", "lastStatusChangeTime": "2026-11-20T08:30:41+00:00"}]}),
        )
    }

    const REGIONS: [&str; 4] = ["ap-south-1", "eu-central-1", "eu-west-1", "us-east-1"];

    #[test]
    fn per_region_pass_fail_unknown() {
        let inv = inventory_in(
            &REGIONS,
            vec![
                recorders("us-east-1", true, true),
                status("us-east-1", true),
                recorders("eu-west-1", true, false),
                status("eu-west-1", false),
                call(
                    "config",
                    "DescribeConfigurationRecorders",
                    Some("eu-central-1"),
                    json!({}),
                    json!({"ConfigurationRecorders": []}),
                ),
                recorders("ap-south-1", true, false),
                error(
                    "config",
                    "DescribeConfigurationRecorderStatus",
                    Some("ap-south-1"),
                    json!({}),
                    "AccessDeniedException",
                ),
            ],
        );
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            [
                ("123456789012/ap-south-1".to_string(), Status::Unknown),
                ("123456789012/eu-central-1".to_string(), Status::Fail),
                ("123456789012/eu-west-1".to_string(), Status::Fail),
                ("123456789012/us-east-1".to_string(), Status::Pass),
            ]
        );
        assert!(o[2].message.contains("stopped"), "{}", o[2].message);
        assert!(o[1].message.contains("no configuration recorder"));
    }

    #[test]
    fn partial_recording_and_missing_global_types_fail() {
        let inv = inventory_in(
            &["us-east-1"],
            vec![
                recorders("us-east-1", false, true),
                status("us-east-1", true),
            ],
        );
        let o = outcomes(&CHECK, &inv);
        assert_eq!(only(&o), Status::Fail);
        assert!(
            o[0].message.contains("only some resource types"),
            "{}",
            o[0].message
        );
        let inv = inventory_in(
            &["us-east-1"],
            vec![
                recorders("us-east-1", true, false),
                status("us-east-1", true),
            ],
        );
        let o = outcomes(&CHECK, &inv);
        assert_eq!(only(&o), Status::Fail);
        assert!(o[0].message.contains("global"), "{}", o[0].message);
        let inv = inventory_in(
            &["us-east-1"],
            vec![error(
                "config",
                "DescribeConfigurationRecorders",
                Some("us-east-1"),
                json!({}),
                "NoSuchConfigurationRecorderException",
            )],
        );
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Fail);
    }
}
