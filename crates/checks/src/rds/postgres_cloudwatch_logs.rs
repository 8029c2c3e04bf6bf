//! RDS for PostgreSQL DB instances publish logs to CloudWatch Logs.
//!
//! ## What it checks
//! RDS.36: every RDS for PostgreSQL DB instance (`Engine` `postgres`) in every covered region
//! (`rds DescribeDBInstances`) must publish its `postgresql` log to CloudWatch Logs
//! (`EnabledCloudwatchLogsExports`, Security Hub's default `logTypes`). Other engines are not
//! judged. A region whose instances could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! The PostgreSQL log records connections, authentication failures, errors and (with
//! `log_statement`) the statements run; exported, it can be searched and alarmed on.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-instance --db-instance-identifier acme-db --apply-immediately \
//!   --cloudwatch-logs-export-configuration '{"EnableLogTypes":["postgresql"]}'
//! ```
//! Terraform: `enabled_cloudwatch_logs_exports = ["postgresql"]` on `aws_db_instance`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Concepts.PostgreSQL.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-36

use super::cloudwatch_logs::missing_logs;
use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "rds.postgres_cloudwatch_logs",
    title: "RDS for PostgreSQL DB instances publish logs to CloudWatch Logs",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbInstance,
    compliance: &[fsbp("RDS.36")],
    related: &["rds.cloudwatch_logs"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.rds.db_instances,
        "which RDS DB instances exist",
        |out, d| {
            if d.engine.as_deref() != Some("postgres") {
                return;
            }
            let missing = missing_logs(&d.enabled_cloudwatch_logs_exports, &["postgresql"]);
            let id = &d.db_instance_identifier;
            let res = cx.resource(
                ResourceType::RdsDbInstance,
                id,
                Some(d.arn(&inv.partition, &inv.account_id)),
                Some(&d.region),
            );
            let ev = json!({"engine": d.engine, "EnabledCloudwatchLogsExports": d.enabled_cloudwatch_logs_exports, "missing": missing});
            if missing.is_empty() {
                out.pass(
                    res,
                    format!("DB instance `{id}` publishes its PostgreSQL log to CloudWatch Logs"),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!(
                        "DB instance `{id}` does not publish its PostgreSQL log to CloudWatch Logs"
                    ),
                    ev,
                );
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
                    json!({"EnabledCloudwatchLogsExports": ["postgresql"]}),
                ),
                rds_db("bad", json!({"EnabledCloudwatchLogsExports": ["upgrade"]})),
                rds_db("mysql", json!({"Engine": "mysql"})),
            ]),
        );
        assert_eq!(
            statuses(&o),
            [
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("good".to_string(), Status::Pass),
                ("bad".to_string(), Status::Fail),
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
