//! RDS DB clusters have IAM database authentication configured.
//!
//! ## What it checks
//! RDS.12: every DB cluster in every covered region (`rds DescribeDBClusters`) must have
//! `IAMDatabaseAuthenticationEnabled` true. A region whose clusters could not be listed is
//! UNKNOWN.
//!
//! ## Why it matters
//! With IAM authentication, database logins use short-lived tokens tied to IAM identities
//! instead of long-lived passwords, and access is granted and revoked with IAM policies.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-cluster --db-cluster-identifier acme-aurora --enable-iam-database-authentication --apply-immediately
//! ```
//! Terraform: `iam_database_authentication_enabled = true` on `aws_rds_cluster`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.IAMDBAuth.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-12

use crate::prelude::*;
use crate::support::rds::each_cluster;

pub static CHECK: Check = Check {
    id: "rds.cluster_iam_authentication",
    title: "RDS DB clusters have IAM database authentication configured",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbCluster,
    compliance: &[fsbp("RDS.12")],
    related: &["rds.iam_authentication"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_cluster(cx, out, |out, d, res| {
        let id = &d.db_cluster_identifier;
        let ev = json!({"IAMDatabaseAuthenticationEnabled": d.iam_database_authentication_enabled});
        if d.iam_database_authentication_enabled {
            out.pass(
                res,
                format!("DB cluster `{id}` accepts IAM database authentication"),
                ev,
            );
        } else {
            out.fail(
                res,
                format!("DB cluster `{id}` does not have IAM database authentication enabled"),
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
                rds_cluster("bad", json!({"IAMDatabaseAuthenticationEnabled": false})),
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
