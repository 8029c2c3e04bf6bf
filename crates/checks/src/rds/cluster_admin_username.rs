//! RDS DB clusters use a custom administrator username.
//!
//! ## What it checks
//! RDS.24: every DB cluster in every covered region (`rds DescribeDBClusters`) must have a
//! `MasterUsername` other than the defaults the console offers (`admin`, `postgres`, compared
//! without case). A cluster whose user name is not printed is UNKNOWN; so is a region whose
//! clusters could not be listed.
//!
//! ## Why it matters
//! A default administrator name leaves only the password to guess in a brute-force attack.
//!
//! ## Remediation
//! ```sh
//! # The administrator name cannot be changed: restore a snapshot under a new name.
//! aws rds restore-db-cluster-from-snapshot --db-cluster-identifier acme-aurora-2 \
//!   --snapshot-identifier acme-aurora-final --engine aurora-postgresql
//! ```
//! Terraform: `master_username = "acme_dba"` on `aws_rds_cluster` (replaces the cluster).
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.MasterAccounts.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-24

use super::instance_admin_username::custom_admin;
use crate::prelude::*;
use crate::support::rds::each_cluster;

pub static CHECK: Check = Check {
    id: "rds.cluster_admin_username",
    title: "RDS DB clusters use a custom administrator username",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbCluster,
    compliance: &[fsbp("RDS.24")],
    related: &["rds.instance_admin_username"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_cluster(cx, out, |out, d, res| {
        let id = &d.db_cluster_identifier;
        let ev = json!({"MasterUsername": d.master_username});
        match custom_admin(d.master_username.as_deref()) {
                Some(true) => out.pass(res, format!("DB cluster `{id}` uses a custom administrator name"), ev),
                Some(false) => out.fail(res, format!("DB cluster `{id}` uses the default administrator name `{}`", d.master_username.as_deref().unwrap_or("")), ev),
                None => out.push_unknown_message(res, format!("cannot tell DB cluster `{id}`'s administrator name: MasterUsername is not printed"), ev),
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
                rds_cluster("bad", json!({"MasterUsername": "admin"})),
                rds_cluster("nouser", json!({"MasterUsername": null})),
            ]),
        );
        assert_eq!(
            statuses(&o),
            [
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("good".to_string(), Status::Pass),
                ("bad".to_string(), Status::Fail),
                ("nouser".to_string(), Status::Unknown),
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
