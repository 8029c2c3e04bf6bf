//! RDS DB clusters are configured for multiple Availability Zones.
//!
//! ## What it checks
//! RDS.15: every DB cluster in every covered region (`rds DescribeDBClusters`) must have `MultiAZ`
//! true: its instances span more than one Availability Zone, so a reader can take over from a
//! failed writer. A region whose clusters could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! A cluster whose instances all sit in one Availability Zone is down for as long as that zone
//! is.
//!
//! ## Remediation
//! ```sh
//! aws rds create-db-instance --db-cluster-identifier acme-aurora --db-instance-identifier acme-aurora-2 \
//!   --db-instance-class db.r6g.large --engine aurora-postgresql --availability-zone us-east-1b
//! ```
//! Terraform: a second `aws_rds_cluster_instance` in another `availability_zone`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-15

use crate::prelude::*;
use crate::support::rds::each_cluster;

pub static CHECK: Check = Check {
    id: "rds.cluster_multi_az",
    title: "RDS DB clusters are configured for multiple Availability Zones",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbCluster,
    compliance: &[fsbp("RDS.15")],
    related: &["rds.multi_az"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_cluster(cx, out, |out, d, res| {
        let id = &d.db_cluster_identifier;
        let ev = json!({"MultiAZ": d.multi_az, "members": d.members.len()});
        if d.multi_az {
            out.pass(
                res,
                format!("DB cluster `{id}` spans several Availability Zones"),
                ev,
            );
        } else {
            out.fail(
                res,
                format!("DB cluster `{id}` runs in a single Availability Zone"),
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
                rds_cluster("bad", json!({"MultiAZ": false})),
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
