//! RDS DB instances use a custom administrator username.
//!
//! ## What it checks
//! RDS.25: every DB instance in every covered region (`rds DescribeDBInstances`) that is not a
//! member of a DB cluster must have a `MasterUsername` other than the defaults the console
//! offers (`admin`, `postgres`, compared without case). Cluster members are judged on their
//! cluster (RDS.24). An instance whose user name is not printed is UNKNOWN; so is a region whose
//! instances could not be listed.
//!
//! ## Why it matters
//! A default administrator name leaves only the password to guess in a brute-force attack.
//!
//! ## Remediation
//! ```sh
//! # The administrator name cannot be changed: restore a snapshot under a new name.
//! aws rds restore-db-instance-from-db-snapshot --db-instance-identifier acme-db-2 \
//!   --db-snapshot-identifier acme-db-final
//! ```
//! Terraform: `username = "acme_dba"` on `aws_db_instance` (replaces the instance).
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.MasterAccounts.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-25

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "rds.instance_admin_username",
    title: "RDS DB instances use a custom administrator username",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbInstance,
    compliance: &[fsbp("RDS.25")],
    related: &["rds.cluster_admin_username"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// Administrator names the consoles and tools suggest.
pub(crate) const DEFAULT_ADMIN_NAMES: &[&str] = &["admin", "postgres"];

/// Whether `name` is a custom administrator name (`None`: not printed).
pub(crate) fn custom_admin(name: Option<&str>) -> Option<bool> {
    name.map(|n| {
        !DEFAULT_ADMIN_NAMES
            .iter()
            .any(|d| n.eq_ignore_ascii_case(d))
    })
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
            let id = &d.db_instance_identifier;
            let res = cx.resource(
                ResourceType::RdsDbInstance,
                id,
                Some(d.arn(&inv.partition, &inv.account_id)),
                Some(&d.region),
            );
            let ev = json!({"MasterUsername": d.master_username});
            match custom_admin(d.master_username.as_deref()) {
                Some(true) => out.pass(res, format!("DB instance `{id}` uses a custom administrator name"), ev),
                Some(false) => out.fail(res, format!("DB instance `{id}` uses the default administrator name `{}`", d.master_username.as_deref().unwrap_or("")), ev),
                None => out.push_unknown_message(res, format!("cannot tell DB instance `{id}`'s administrator name: MasterUsername is not printed"), ev),
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
                rds_db("good", json!({"MasterUsername": "acme_dba"})),
                rds_db("bad", json!({"MasterUsername": "Postgres"})),
                rds_db("nouser", json!({})),
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
