//! CloudWatch log groups keep their events for at least 365 days.
//!
//! ## What it checks
//! Every log group in every covered region (`logs DescribeLogGroups`): its `retentionInDays`
//! must be at least 365, or absent (the group's events never expire). This is the Security
//! Hub default of the control's `minRetentionTime` parameter (AWS Config rule
//! `cw-loggroup-retention-period-check`: NON_COMPLIANT below 365 days, "Never expire" is
//! COMPLIANT). A region whose log groups could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Logs are the evidence of an incident; many are noticed weeks or months later. Short
//! retention deletes that evidence before anyone looks, and many compliance regimes require a
//! year of logs.
//!
//! ## Remediation
//! ```sh
//! aws logs put-retention-policy --log-group-name vpc-flow-logs-acme-prod --retention-in-days 365
//! ```
//! Terraform: `retention_in_days = 365` (or more; `0` means never expire) on
//! `aws_cloudwatch_log_group`.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-16
//! - https://docs.aws.amazon.com/config/latest/developerguide/cw-loggroup-retention-period-check.html
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention

use crate::prelude::*;
use crate::support::regional::each;
use rampart_model::inventory::logs::LogGroup;

/// The Security Hub default of `minRetentionTime`, in days.
const MIN_RETENTION_DAYS: i64 = 365;

pub static CHECK: Check = Check {
    id: "cloudwatch.log_group_retention_1y",
    title: "CloudWatch log groups are retained for at least 365 days",
    severity: Severity::Medium,
    resource_type: ResourceType::LogsLogGroup,
    compliance: &[fsbp("CloudWatch.16")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// The log group's ARN without the trailing `:*`.
fn group_arn(g: &LogGroup) -> Option<String> {
    g.log_group_arn.clone().or_else(|| {
        g.arn
            .as_deref()
            .map(|a| a.trim_end_matches(":*").to_string())
    })
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each(
        cx,
        out,
        &cx.inv.logs.log_groups,
        "which CloudWatch log groups exist",
        |out, g| {
            let res = cx.resource(
                ResourceType::LogsLogGroup,
                &g.log_group_name,
                group_arn(g),
                Some(&g.region),
            );
            let ev = json!({"retentionInDays": g.retention_in_days, "minRetentionTime": MIN_RETENTION_DAYS});
            match g.retention_in_days {
                None => out.pass(
                    res,
                    format!("log group `{}` never expires its events", g.log_group_name),
                    ev,
                ),
                Some(d) if d >= MIN_RETENTION_DAYS => out.pass(
                    res,
                    format!("log group `{}` keeps its events {d} days", g.log_group_name),
                    ev,
                ),
                Some(d) => out.fail(
                    res,
                    format!(
                        "log group `{}` keeps its events only {d} days (less than {MIN_RETENTION_DAYS})",
                        g.log_group_name
                    ),
                    ev,
                ),
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    /// A log group as `aws logs describe-log-groups` prints it.
    fn group(name: &str, retention: Option<i64>) -> Value {
        let arn = format!("arn:aws:logs:us-east-1:123456789012:log-group:{name}");
        let mut g = json!({"logGroupName": name, "creationTime": 1_700_000_000_000_i64,
            "metricFilterCount": 0, "arn": format!("{arn}:*"), "storedBytes": 0,
            "logGroupClass": "STANDARD", "logGroupArn": arn});
        if let Some(d) = retention {
            g["retentionInDays"] = json!(d);
        }
        g
    }

    #[test]
    fn fails_below_365_days_and_passes_never_expire() {
        let inv = inventory(vec![call(
            "logs",
            "DescribeLogGroups",
            Some("us-east-1"),
            json!({}),
            json!({"logGroups": [group("flow", Some(90)), group("trail", Some(365)),
                                 group("archive", Some(3653)), group("/aws/lambda/f", None)]}),
        )]);
        let got = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&got),
            vec![
                ("flow".into(), Status::Fail),
                ("trail".into(), Status::Pass),
                ("archive".into(), Status::Pass),
                ("/aws/lambda/f".into(), Status::Pass),
            ]
        );
        assert_eq!(
            got[0].resource.arn.as_deref(),
            Some("arn:aws:logs:us-east-1:123456789012:log-group:flow")
        );
    }

    #[test]
    fn unknown_when_log_groups_not_listed() {
        let denied = error(
            "logs",
            "DescribeLogGroups",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![denied]))),
            Status::Unknown
        );
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}
