//! RDS DB instances have IAM database authentication enabled.
//!
//! ## What it checks
//! Every DB instance in every covered region (`rds DescribeDBInstances`) whose engine supports
//! IAM database authentication (MySQL, MariaDB, PostgreSQL) and that is not a member of a DB
//! cluster (judged by the cluster's setting, Security Hub RDS.12):
//! `IAMDatabaseAuthenticationEnabled` must be true. A region whose instances could not be listed is
//! UNKNOWN.
//!
//! ## Why it matters
//! With IAM authentication, database logins use short-lived tokens tied to IAM identities,
//! governed and logged like every other AWS access, instead of long-lived passwords shared in
//! configuration files.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-instance --db-instance-identifier acme-db \
//!   --enable-iam-database-authentication --apply-immediately
//! ```
//! Terraform: `iam_database_authentication_enabled = true` on `aws_db_instance`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-10

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "rds.iam_authentication",
    title: "RDS DB instances have IAM database authentication enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbInstance,
    compliance: &[fsbp("RDS.10")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// Engines with IAM database authentication (Aurora engines run as clusters).
fn supports_iam_auth(engine: &str) -> bool {
    matches!(engine, "mysql" | "mariadb" | "postgres") || engine.starts_with("aurora")
}

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
            if !d.engine.as_deref().is_some_and(supports_iam_auth) {
                return;
            }
            let id = &d.db_instance_identifier;
            let res = cx.resource(
                ResourceType::RdsDbInstance,
                id,
                Some(d.arn(&inv.partition, &inv.account_id)),
                Some(&d.region),
            );
            let ev = json!({"IAMDatabaseAuthenticationEnabled": d.iam_database_authentication_enabled, "Engine": d.engine});
            if d.iam_database_authentication_enabled {
                out.pass(
                    res,
                    format!("DB instance `{id}` accepts IAM database authentication"),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("DB instance `{id}` has IAM database authentication off"),
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
                rds_db("good", json!({"IAMDatabaseAuthenticationEnabled": true})),
                rds_db("bad", json!({"IAMDatabaseAuthenticationEnabled": false})),
            ]),
        );
        assert_eq!(
            statuses(&o),
            [
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("good".to_string(), Status::Pass),
                ("bad".to_string(), Status::Fail)
            ]
        );
        assert!(o[2].message.contains("`bad`"), "{}", o[2].message);
        assert_eq!(
            o[1].resource.arn.as_deref(),
            Some("arn:aws:rds:us-east-1:123456789012:db:good")
        );
    }

    #[test]
    fn other_engines_and_cluster_members_are_not_judged() {
        let o = outcomes(
            &CHECK,
            &rds_inv(vec![
                rds_db("ora", json!({"Engine": "oracle-ee"})),
                rds_db(
                    "aur",
                    json!({"Engine": "aurora-postgresql", "DBClusterIdentifier": "acme-aurora"}),
                ),
            ]),
        );
        assert_eq!(o.len(), 1, "{o:#?}");
    }
}
