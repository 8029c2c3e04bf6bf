//! Aurora MySQL DB clusters publish audit logs to CloudWatch Logs.
//!
//! ## What it checks
//! RDS.34: every Aurora MySQL DB cluster (`Engine` `aurora-mysql` or `aurora`) in every covered
//! region (`rds DescribeDBClusters`) must publish its `audit` log to CloudWatch Logs
//! (`EnabledCloudwatchLogsExports`). Other engines are not judged. A region whose clusters could
//! not be listed is UNKNOWN.
//!
//! ## Why it matters
//! The audit log (Advanced Auditing) records who connected and what they ran; exported, it
//! survives the cluster and can be searched and alarmed on.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-cluster --db-cluster-identifier acme-aurora --apply-immediately \
//!   --cloudwatch-logs-export-configuration '{"EnableLogTypes":["audit"]}'
//! ```
//! Terraform: `enabled_cloudwatch_logs_exports = ["audit"]` on `aws_rds_cluster` (and
//! `server_audit_logging = 1` in its cluster parameter group).
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Integrating.CloudWatch.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-34

use super::cloudwatch_logs::missing_logs;
use crate::prelude::*;
use crate::support::rds::each_cluster;

pub static CHECK: Check = Check {
    id: "rds.aurora_mysql_audit_logs",
    title: "Aurora MySQL DB clusters publish audit logs to CloudWatch Logs",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbCluster,
    compliance: &[fsbp("RDS.34")],
    related: &["rds.aurora_postgres_cloudwatch_logs"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_cluster(cx, out, |out, d, res| {
        if !matches!(d.engine.as_deref(), Some("aurora-mysql" | "aurora")) {
            return;
        }
        let missing = missing_logs(&d.enabled_cloudwatch_logs_exports, &["audit"]);
        let id = &d.db_cluster_identifier;
        let ev = json!({"engine": d.engine, "EnabledCloudwatchLogsExports": d.enabled_cloudwatch_logs_exports, "missing": missing});
        if missing.is_empty() {
            out.pass(
                res,
                format!("Aurora MySQL cluster `{id}` publishes its audit log to CloudWatch Logs"),
                ev,
            );
        } else {
            out.fail(
                res,
                format!(
                    "Aurora MySQL cluster `{id}` does not publish its audit log to CloudWatch Logs"
                ),
                ev,
            );
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
                rds_cluster(
                    "good",
                    json!({"Engine": "aurora-mysql", "Port": 3306, "EnabledCloudwatchLogsExports": ["audit", "error"]}),
                ),
                rds_cluster(
                    "bad",
                    json!({"Engine": "aurora-mysql", "Port": 3306, "EnabledCloudwatchLogsExports": ["error"]}),
                ),
                rds_cluster("pg", json!({})),
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
