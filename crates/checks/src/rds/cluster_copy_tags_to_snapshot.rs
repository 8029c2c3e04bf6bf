//! RDS DB clusters copy tags to snapshots.
//!
//! ## What it checks
//! RDS.16: every DB cluster in every covered region (`rds DescribeDBClusters`) must have
//! `CopyTagsToSnapshot` true. A region whose clusters could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Tags carry ownership, data classification and the conditions of tag-based access policies;
//! snapshots without them escape those policies and inventories.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-cluster --db-cluster-identifier acme-aurora --copy-tags-to-snapshot --apply-immediately
//! ```
//! Terraform: `copy_tags_to_snapshot = true` on `aws_rds_cluster`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_Tagging.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-16

use crate::prelude::*;
use crate::support::rds::each_cluster;

pub static CHECK: Check = Check {
    id: "rds.cluster_copy_tags_to_snapshot",
    title: "RDS DB clusters copy tags to snapshots",
    severity: Severity::Low,
    resource_type: ResourceType::RdsDbCluster,
    compliance: &[fsbp("RDS.16")],
    related: &["rds.copy_tags_to_snapshot"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_cluster(cx, out, |out, d, res| {
        let id = &d.db_cluster_identifier;
        let ev = json!({"CopyTagsToSnapshot": d.copy_tags_to_snapshot});
        if d.copy_tags_to_snapshot {
            out.pass(
                res,
                format!("DB cluster `{id}` copies its tags to its snapshots"),
                ev,
            );
        } else {
            out.fail(
                res,
                format!("DB cluster `{id}` does not copy its tags to its snapshots"),
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
                rds_cluster("bad", json!({"CopyTagsToSnapshot": false})),
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
