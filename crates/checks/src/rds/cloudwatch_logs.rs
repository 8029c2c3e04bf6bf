//! RDS DB instances publish logs to CloudWatch Logs.
//!
//! ## What it checks
//! RDS.9: every DB instance in every covered region (`rds DescribeDBInstances`) that is not a
//! member of a DB cluster must publish its engine's logs to CloudWatch Logs
//! (`EnabledCloudwatchLogsExports`), as Security Hub lists them: Oracle `alert`, `audit`,
//! `trace`, `listener`; PostgreSQL `postgresql`, `upgrade`; MySQL and MariaDB `audit`, `error`,
//! `general`, `slowquery`; SQL Server `error`, `agent`. Aurora members publish through their
//! cluster (RDS.34, RDS.37). An instance of another engine (Db2, RDS Custom) is UNKNOWN; so is
//! a region whose instances could not be listed.
//!
//! ## Why it matters
//! Database logs leave the instance only when exported: without them, failed logins,
//! privilege changes and errors cannot be searched, alarmed on or kept after the instance is
//! gone.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-instance --db-instance-identifier acme-db --apply-immediately \
//!   --cloudwatch-logs-export-configuration '{"EnableLogTypes":["postgresql","upgrade"]}'
//! ```
//! Terraform: `enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]` on `aws_db_instance`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-9

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "rds.cloudwatch_logs",
    title: "RDS DB instances publish logs to CloudWatch Logs",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbInstance,
    compliance: &[fsbp("RDS.9")],
    related: &["rds.postgres_cloudwatch_logs"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// The log types Security Hub expects an instance of `engine` to publish; `None` for engines it
/// does not list.
pub(crate) fn required_logs(engine: &str) -> Option<&'static [&'static str]> {
    let e = engine.to_ascii_lowercase();
    if e.starts_with("oracle") {
        Some(&["alert", "audit", "trace", "listener"])
    } else if e == "postgres" {
        Some(&["postgresql", "upgrade"])
    } else if e == "mysql" || e == "mariadb" {
        Some(&["audit", "error", "general", "slowquery"])
    } else if e.starts_with("sqlserver") {
        Some(&["error", "agent"])
    } else {
        None
    }
}

/// The log types of `required` that `exported` lacks (compared without case).
pub(crate) fn missing_logs<'a>(exported: &[String], required: &[&'a str]) -> Vec<&'a str> {
    required
        .iter()
        .copied()
        .filter(|r| !exported.iter().any(|x| x.eq_ignore_ascii_case(r)))
        .collect()
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.rds.db_instances,
        "which RDS DB instances exist",
        |out, d| {
            if d.db_cluster_identifier.is_some() {
                // Judged on the DB cluster.
                return;
            }
            let required = d.engine.as_deref().and_then(required_logs);
            let missing = required
                .map(|r| missing_logs(&d.enabled_cloudwatch_logs_exports, r))
                .unwrap_or_default();
            let id = &d.db_instance_identifier;
            let res = cx.resource(
                ResourceType::RdsDbInstance,
                id,
                Some(d.arn(&inv.partition, &inv.account_id)),
                Some(&d.region),
            );
            let ev = json!({"engine": d.engine, "EnabledCloudwatchLogsExports": d.enabled_cloudwatch_logs_exports, "missing": missing});
            match required.map(|_| missing.is_empty()) {
                Some(true) => out.pass(res, format!("DB instance `{id}` publishes its logs to CloudWatch Logs"), ev),
                Some(false) => out.fail(res, format!("DB instance `{id}` does not publish {} logs to CloudWatch Logs", missing.join(", ")), ev),
                None => out.push_unknown_message(res, format!("cannot tell which logs DB instance `{id}` should publish: Security Hub lists none for engine `{}`", d.engine.as_deref().unwrap_or("?")), ev),
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn pass_fail_unknown() {
        let o = outcomes(
            &CHECK,
            &rds_inv(vec![
                rds_db(
                    "good",
                    json!({"EnabledCloudwatchLogsExports": ["postgresql", "upgrade"]}),
                ),
                rds_db(
                    "bad",
                    json!({"EnabledCloudwatchLogsExports": ["postgresql"]}),
                ),
                rds_db(
                    "db2",
                    json!({"Engine": "db2-se", "EnabledCloudwatchLogsExports": ["diag.log"]}),
                ),
            ]),
        );
        assert_eq!(
            statuses(&o),
            [
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("good".to_string(), Status::Pass),
                ("bad".to_string(), Status::Fail),
                ("db2".to_string(), Status::Unknown),
            ]
        );
        assert!(
            o[1..]
                .iter()
                .all(|f| f.message.contains(&format!("`{}`", f.resource.id))),
            "{o:#?}"
        );
        assert!(
            o[1].resource
                .arn
                .as_deref()
                .is_some_and(|a| a.starts_with("arn:aws:rds:us-east-1:123456789012:"))
        );
    }
}
