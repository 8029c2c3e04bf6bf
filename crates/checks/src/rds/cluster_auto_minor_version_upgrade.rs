//! RDS DB clusters have automatic minor version upgrade enabled.
//!
//! ## What it checks
//! RDS.35: every DB cluster in every covered region (`rds DescribeDBClusters`) must have
//! `AutoMinorVersionUpgrade` true. A cluster whose response does not print the field is
//! UNKNOWN (older API versions printed it for Multi-AZ DB clusters only); so is a region whose
//! clusters could not be listed.
//!
//! ## Why it matters
//! Minor versions carry security fixes; applying them automatically in the maintenance
//! window keeps the cluster patched without anyone remembering to.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-cluster --db-cluster-identifier acme-aurora --auto-minor-version-upgrade --apply-immediately
//! ```
//! Terraform: `auto_minor_version_upgrade = true` on `aws_rds_cluster`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_UpgradeDBInstance.Maintenance.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-35

use crate::prelude::*;
use crate::support::rds::each_cluster;

pub static CHECK: Check = Check {
    id: "rds.cluster_auto_minor_version_upgrade",
    title: "RDS DB clusters have automatic minor version upgrade enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbCluster,
    compliance: &[fsbp("RDS.35")],
    related: &["rds.auto_minor_version_upgrade"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_cluster(cx, out, |out, d, res| {
        let id = &d.db_cluster_identifier;
        let ev = json!({"AutoMinorVersionUpgrade": d.auto_minor_version_upgrade});
        match d.auto_minor_version_upgrade {
                Some(true) => out.pass(res, format!("DB cluster `{id}` applies minor version upgrades automatically"), ev),
                Some(false) => out.fail(res, format!("DB cluster `{id}` does not apply minor version upgrades automatically"), ev),
                None => out.push_unknown_message(res, format!("cannot tell whether DB cluster `{id}` upgrades minor versions automatically: AutoMinorVersionUpgrade is not printed"), ev),
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
                rds_cluster("good", json!({"AutoMinorVersionUpgrade": true})),
                rds_cluster("bad", json!({"AutoMinorVersionUpgrade": false})),
                rds_cluster("unprinted", json!({})),
            ]),
        );
        assert_eq!(
            statuses(&o),
            [
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("good".to_string(), Status::Pass),
                ("bad".to_string(), Status::Fail),
                ("unprinted".to_string(), Status::Unknown),
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
