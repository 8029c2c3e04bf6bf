//! At least one CloudTrail trail is enabled.
//!
//! ## What it checks
//! The account's trails (`cloudtrail DescribeTrails` in every region, `GetTrailStatus`): at
//! least one trail, single- or multi-region, must be logging now (`IsLogging`). A trail that
//! exists but is stopped does not count. This is the floor; `cloudtrail.multi_region_logging`
//! (CloudTrail.1) asks for the multi-region, all-management-events trail an account should
//! have. When no trail is known to be logging but a trail's status or a region's trail list
//! could not be read, the result is UNKNOWN.
//!
//! ## Why it matters
//! Without an enabled trail nothing is kept beyond the 90-day event history, and nothing is
//! delivered to S3 or CloudWatch Logs for investigation or alerting.
//!
//! ## Remediation
//! ```sh
//! aws cloudtrail create-trail --name acme-trail --s3-bucket-name acme-cloudtrail-logs \
//!   --is-multi-region-trail --enable-log-file-validation
//! aws cloudtrail start-logging --name acme-trail
//! ```
//! Terraform: `aws_cloudtrail` with `enable_logging = true`.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-3
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "cloudtrail.trail_enabled",
    title: "At least one CloudTrail trail is enabled",
    severity: Severity::High,
    resource_type: ResourceType::Account,
    compliance: &[fsbp("CloudTrail.3")],
    related: &["cloudtrail.multi_region_logging"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let ct = &cx.inv.cloudtrail;
    let trails = match &ct.trails {
        Ok(t) => t,
        Err(g) => return out.unknown(cx.account(), "whether any trail is logging", g),
    };
    if let Some(t) = trails
        .iter()
        .find(|t| t.status.as_ref().is_ok_and(|s| s.is_logging))
    {
        return out.pass(
            cx.account(),
            format!("trail `{}` is logging", t.name),
            json!({"trail": t.trail_arn, "IsLogging": true, "IsMultiRegionTrail": t.is_multi_region_trail}),
        );
    }
    // No trail is known to log: every trail's status and every region's list must be known
    // before that is a FAIL.
    if let Some((t, g)) = trails
        .iter()
        .find_map(|t| t.status.as_ref().err().map(|g| (t, g)))
    {
        return out.unknown(
            cx.account(),
            &format!("whether trail `{}` is logging", t.name),
            g,
        );
    }
    if let Some((region, g)) = ct
        .trails_by_region
        .iter()
        .find_map(|(r, l)| l.err().map(|g| (r, g)))
    {
        return out.unknown(cx.account(), &format!("which trails exist in {region}"), &g);
    }
    let stopped: Vec<&str> = trails.iter().map(|t| t.name.as_str()).collect();
    if stopped.is_empty() {
        out.fail(
            cx.account(),
            "the account has no CloudTrail trail",
            json!({"trails": []}),
        );
    } else {
        out.fail(
            cx.account(),
            format!(
                "no CloudTrail trail is logging (stopped: {})",
                stopped.join(", ")
            ),
            json!({"trails": stopped, "IsLogging": false}),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    fn status(name: &str, logging: bool) -> Value {
        call(
            "cloudtrail",
            "GetTrailStatus",
            Some("us-east-1"),
            json!({"Name": format!("arn:aws:cloudtrail:us-east-1:123456789012:trail/{name}")}),
            json!({"IsLogging": logging, "LatestDeliveryTime": "2026-11-20T08:57:41+00:00"}),
        )
    }

    fn run_one(calls: Vec<Value>) -> (Status, String) {
        let o = outcomes(&CHECK, &inventory(calls));
        assert_eq!(o.len(), 1, "{o:#?}");
        (o[0].status, o[0].message.clone())
    }

    #[test]
    fn passes_any_logging_trail_even_single_region() {
        let local = cloudtrail_trail("local", json!({"IsMultiRegionTrail": false}));
        let old = cloudtrail_trail("old", json!({}));
        let (s, m) = run_one(vec![
            cloudtrail_trails(vec![old, local]),
            status("old", false),
            status("local", true),
        ]);
        assert_eq!(s, Status::Pass);
        assert!(m.contains("`local`"), "{m}");
    }

    #[test]
    fn fails_no_trail_or_only_stopped_trails() {
        let (s, m) = run_one(vec![cloudtrail_trails(vec![])]);
        assert_eq!(s, Status::Fail);
        assert!(m.contains("no CloudTrail trail"), "{m}");
        let (s, m) = run_one(vec![
            cloudtrail_trails(vec![cloudtrail_trail("old", json!({}))]),
            status("old", false),
        ]);
        assert_eq!(s, Status::Fail);
        assert!(m.contains("old"), "{m}");
    }

    #[test]
    fn unknown_when_status_or_list_missing() {
        let (s, _) = run_one(vec![cloudtrail_trails(vec![cloudtrail_trail(
            "t",
            json!({}),
        )])]);
        assert_eq!(s, Status::Unknown);
        let denied = error(
            "cloudtrail",
            "DescribeTrails",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        );
        assert_eq!(run_one(vec![denied]).0, Status::Unknown);
        assert_eq!(run_one(vec![]).0, Status::Unknown);
    }
}
