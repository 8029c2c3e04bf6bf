//! RDS DB instances copy tags to snapshots.
//!
//! ## What it checks
//! RDS.17: every DB instance in every covered region (`rds DescribeDBInstances`) that is not a
//! member of a DB cluster must have `CopyTagsToSnapshot` true. Cluster members take the
//! setting from their cluster (RDS.16). A region whose instances could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Tags carry ownership, data classification and the conditions of tag-based access policies;
//! snapshots without them escape those policies and inventories.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-instance --db-instance-identifier acme-db --copy-tags-to-snapshot --apply-immediately
//! ```
//! Terraform: `copy_tags_to_snapshot = true` on `aws_db_instance`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Tagging.html#USER_Tagging.CopyTags
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-17

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "rds.copy_tags_to_snapshot",
    title: "RDS DB instances copy tags to snapshots",
    severity: Severity::Low,
    resource_type: ResourceType::RdsDbInstance,
    compliance: &[fsbp("RDS.17")],
    related: &["rds.cluster_copy_tags_to_snapshot"],
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
            if d.db_cluster_identifier.is_some() {
                // Judged on the DB cluster.
                return;
            }
            let id = &d.db_instance_identifier;
            let res = cx.resource(
                ResourceType::RdsDbInstance,
                id,
                Some(d.arn(&inv.partition, &inv.account_id)),
                Some(&d.region),
            );
            let ev = json!({"CopyTagsToSnapshot": d.copy_tags_to_snapshot});
            if d.copy_tags_to_snapshot {
                out.pass(
                    res,
                    format!("DB instance `{id}` copies its tags to its snapshots"),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("DB instance `{id}` does not copy its tags to its snapshots"),
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
                rds_db("good", json!({"CopyTagsToSnapshot": true})),
                rds_db("bad", json!({"CopyTagsToSnapshot": false})),
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
