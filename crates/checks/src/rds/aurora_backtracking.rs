//! Amazon Aurora MySQL clusters have backtracking enabled.
//!
//! ## What it checks
//! RDS.14: every Aurora MySQL DB cluster (`Engine` `aurora-mysql` or `aurora`) in every covered
//! region (`rds DescribeDBClusters`) must have a `BacktrackWindow` greater than 0. Other engines
//! cannot backtrack and are not judged. A region whose clusters could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Backtracking rewinds the cluster to a point in time in minutes, without restoring a
//! backup: the quickest recovery from a destructive statement or a ransomware attack.
//!
//! ## Remediation
//! ```sh
//! # Backtracking can only be turned on when the cluster is created or restored.
//! aws rds restore-db-cluster-to-point-in-time --source-db-cluster-identifier acme-aurora \
//!   --db-cluster-identifier acme-aurora-2 --use-latest-restorable-time --backtrack-window 86400
//! ```
//! Terraform: `backtrack_window = 86400` on `aws_rds_cluster`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-14

use crate::prelude::*;
use crate::support::rds::each_cluster;

pub static CHECK: Check = Check {
    id: "rds.aurora_backtracking",
    title: "Amazon Aurora MySQL clusters have backtracking enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbCluster,
    compliance: &[fsbp("RDS.14")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_cluster(cx, out, |out, d, res| {
        if !matches!(d.engine.as_deref(), Some("aurora-mysql" | "aurora")) {
            return;
        }
        let id = &d.db_cluster_identifier;
        let ev = json!({"engine": d.engine, "BacktrackWindow": d.backtrack_window});
        if d.backtrack_window.unwrap_or(0) > 0 {
            out.pass(
                res,
                format!(
                    "Aurora MySQL cluster `{id}` can backtrack {} seconds",
                    d.backtrack_window.unwrap_or(0)
                ),
                ev,
            );
        } else {
            out.fail(
                res,
                format!("Aurora MySQL cluster `{id}` has backtracking turned off"),
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
                    json!({"Engine": "aurora-mysql", "BacktrackWindow": 86400, "Port": 3306}),
                ),
                rds_cluster(
                    "bad",
                    json!({"Engine": "aurora-mysql", "BacktrackWindow": 0, "Port": 3306}),
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
