//! RDS DB instances apply minor engine upgrades automatically.
//!
//! ## What it checks
//! Every DB instance in every covered region (`rds DescribeDBInstances`):
//! `AutoMinorVersionUpgrade` must be true. An instance whose answer lacks the field is UNKNOWN, as is
//! a region whose instances could not be listed.
//!
//! ## Why it matters
//! Minor versions carry the engine's security fixes; without automatic upgrades an instance
//! keeps known vulnerabilities until someone remembers to patch it.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-instance --db-instance-identifier acme-db --auto-minor-version-upgrade --apply-immediately
//! ```
//! Terraform: `auto_minor_version_upgrade = true` on `aws_db_instance`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-13

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "rds.auto_minor_version_upgrade",
    title: "RDS DB instances apply minor engine upgrades automatically",
    severity: Severity::High,
    resource_type: ResourceType::RdsDbInstance,
    compliance: &[cis("2.2.2"), fsbp("RDS.13")],
    related: &[],
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
            let id = &d.db_instance_identifier;
            let res = cx.resource(
                ResourceType::RdsDbInstance,
                id,
                Some(d.arn(&inv.partition, &inv.account_id)),
                Some(&d.region),
            );
            let ev = json!({"AutoMinorVersionUpgrade": d.auto_minor_version_upgrade, "EngineVersion": d.engine_version});
            match d.auto_minor_version_upgrade {
                Some(true) => out.pass(
                    res,
                    format!("DB instance `{id}` upgrades minor engine versions automatically"),
                    ev,
                ),
                Some(false) => out.fail(
                    res,
                    format!("DB instance `{id}` has automatic minor version upgrades off"),
                    ev,
                ),
                None => out.push_unknown_message(
                    res,
                    format!(
                        "DB instance `{id}`: the listing has no `AutoMinorVersionUpgrade` field"
                    ),
                    ev,
                ),
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
                rds_db("good", json!({"AutoMinorVersionUpgrade": true})),
                rds_db("bad", json!({"AutoMinorVersionUpgrade": false})),
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
    fn unknown_without_the_field() {
        let o = outcomes(&CHECK, &rds_inv(vec![rds_db("x", json!({}))]));
        assert_eq!(o[1].status, Status::Unknown);
    }
}
