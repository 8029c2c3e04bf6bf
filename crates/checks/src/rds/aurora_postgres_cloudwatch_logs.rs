//! Aurora PostgreSQL DB clusters publish logs to CloudWatch Logs.
//!
//! ## What it checks
//! RDS.37: every Aurora PostgreSQL DB cluster (`Engine` `aurora-postgresql`) in every covered
//! region (`rds DescribeDBClusters`) must publish its `postgresql` log to CloudWatch Logs
//! (`EnabledCloudwatchLogsExports`). Other engines are not judged. A region whose clusters could
//! not be listed is UNKNOWN.
//!
//! ## Why it matters
//! The PostgreSQL log records connections, authentication failures, errors and (with
//! `log_statement`) the statements run; exported, it can be searched and alarmed on.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-cluster --db-cluster-identifier acme-aurora --apply-immediately \
//!   --cloudwatch-logs-export-configuration '{"EnableLogTypes":["postgresql"]}'
//! ```
//! Terraform: `enabled_cloudwatch_logs_exports = ["postgresql"]` on `aws_rds_cluster`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.CloudWatch.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-37

use super::cloudwatch_logs::missing_logs;
use crate::prelude::*;
use crate::support::rds::each_cluster;

pub static CHECK: Check = Check {
    id: "rds.aurora_postgres_cloudwatch_logs",
    title: "Aurora PostgreSQL DB clusters publish logs to CloudWatch Logs",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbCluster,
    compliance: &[fsbp("RDS.37")],
    related: &["rds.aurora_mysql_audit_logs"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_cluster(cx, out, |out, d, res| {
        if d.engine.as_deref() != Some("aurora-postgresql") {
            return;
        }
        let missing = missing_logs(&d.enabled_cloudwatch_logs_exports, &["postgresql"]);
        let id = &d.db_cluster_identifier;
        let ev = json!({"engine": d.engine, "EnabledCloudwatchLogsExports": d.enabled_cloudwatch_logs_exports, "missing": missing});
        if missing.is_empty() {
            out.pass(res, format!("Aurora PostgreSQL cluster `{id}` publishes its PostgreSQL log to CloudWatch Logs"), ev);
        } else {
            out.fail(res, format!("Aurora PostgreSQL cluster `{id}` does not publish its PostgreSQL log to CloudWatch Logs"), ev);
        }
    });
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
            &rds_cluster_inv(vec![
                rds_cluster("good", json!({})),
                rds_cluster("bad", json!({"EnabledCloudwatchLogsExports": []})),
                rds_cluster("my", json!({"Engine": "aurora-mysql", "Port": 3306})),
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
