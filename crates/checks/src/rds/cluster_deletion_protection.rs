//! RDS DB clusters have deletion protection enabled.
//!
//! ## What it checks
//! RDS.7: every DB cluster in every covered region (`rds DescribeDBClusters`) must have
//! `DeletionProtection` true. A region whose clusters could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Deletion protection stops a mistaken or malicious `delete-db-cluster` from destroying the
//! database; it must be turned off explicitly first.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-cluster --db-cluster-identifier acme-aurora --deletion-protection --apply-immediately
//! ```
//! Terraform: `deletion_protection = true` on `aws_rds_cluster`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html#USER_DeletionProtection
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-7

use crate::prelude::*;
use crate::support::rds::each_cluster;

pub static CHECK: Check = Check {
    id: "rds.cluster_deletion_protection",
    title: "RDS DB clusters have deletion protection enabled",
    severity: Severity::Low,
    resource_type: ResourceType::RdsDbCluster,
    compliance: &[fsbp("RDS.7")],
    related: &["rds.deletion_protection"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_cluster(cx, out, |out, d, res| {
        let id = &d.db_cluster_identifier;
        let ev = json!({"DeletionProtection": d.deletion_protection});
        if d.deletion_protection {
            out.pass(
                res,
                format!("DB cluster `{id}` has deletion protection"),
                ev,
            );
        } else {
            out.fail(
                res,
                format!(
                    "DB cluster `{id}` can be deleted without first turning off deletion protection"
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
                rds_cluster("good", json!({})),
                rds_cluster("bad", json!({"DeletionProtection": false})),
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
