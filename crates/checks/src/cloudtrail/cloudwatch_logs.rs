//! CloudTrail trails deliver to Amazon CloudWatch Logs.
//!
//! ## What it checks
//! Every trail of the account, once (`cloudtrail DescribeTrails`): `CloudWatchLogsLogGroupArn`
//! must be set. The latest delivery to CloudWatch Logs and any delivery error (`GetTrailStatus`) are
//! shown in the evidence. When no region's trail list could be read, the result is UNKNOWN.
//!
//! ## Why it matters
//! Delivered to CloudWatch Logs, trail events can drive metric filters and alarms (CIS
//! section 4) and be searched in minutes; in S3 alone nobody is told when something happens.
//!
//! ## Remediation
//! ```sh
//! aws logs create-log-group --log-group-name aws-cloudtrail-logs-acme
//! aws cloudtrail update-trail --name acme-trail \
//!   --cloud-watch-logs-log-group-arn arn:aws:logs:us-east-1:123456789012:log-group:aws-cloudtrail-logs-acme:* \
//!   --cloud-watch-logs-role-arn arn:aws:iam::123456789012:role/CloudTrailCloudWatchLogsRole
//! ```
//! Terraform: `cloud_watch_logs_group_arn` and `cloud_watch_logs_role_arn` on `aws_cloudtrail`.
//!
//! ## References
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-5

use crate::prelude::*;
use crate::support::cloudtrail::each_trail;
use rampart_model::ResourceRef;
use rampart_model::inventory::cloudtrail::Trail;

pub static CHECK: Check = Check {
    id: "cloudtrail.cloudwatch_logs",
    title: "CloudTrail trails deliver to Amazon CloudWatch Logs",
    severity: Severity::Low,
    resource_type: ResourceType::CloudTrailTrail,
    compliance: &[fsbp("CloudTrail.5")],
    related: &["cloudtrail.multi_region_logging"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_trail(cx, out, judge);
}

fn judge(_cx: &Context<'_>, out: &mut Outcomes, t: &Trail, res: ResourceRef) {
    let status = t.status.as_ref().ok();
    let ev = json!({
        "CloudWatchLogsLogGroupArn": t.cloud_watch_logs_log_group_arn,
        "LatestCloudWatchLogsDeliveryTime": status.and_then(|s| s.latest_cloud_watch_logs_delivery_time),
        "LatestCloudWatchLogsDeliveryError": status.and_then(|s| s.latest_cloud_watch_logs_delivery_error.clone()),
    });
    match t
        .cloud_watch_logs_log_group_arn
        .as_deref()
        .filter(|a| !a.is_empty())
    {
        Some(g) => out.pass(
            res,
            format!("trail `{}` delivers to CloudWatch Logs group `{g}`", t.name),
            ev,
        ),
        None => out.fail(
            res,
            format!("trail `{}` does not deliver to CloudWatch Logs", t.name),
            ev,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn pass_and_fail() {
        let inv = inventory(vec![cloudtrail_trails(vec![
            cloudtrail_trail(
                "good",
                json!({"CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:ct:*",
                                 "CloudWatchLogsRoleArn": "arn:aws:iam::123456789012:role/ct"}),
            ),
            cloudtrail_trail("bad", json!({})),
        ])]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            [("bad".into(), Status::Fail), ("good".into(), Status::Pass)]
        );
    }

    #[test]
    fn unknown_when_trails_were_not_read() {
        let denied = error(
            "cloudtrail",
            "DescribeTrails",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![denied]))),
            Status::Unknown
        );
    }
}
