//! RDS DB instances have deletion protection enabled.
//!
//! ## What it checks
//! Every DB instance in every covered region (`rds DescribeDBInstances`) that is not a member
//! of a DB cluster: `DeletionProtection` must be true (cluster members are protected by the
//! cluster's own setting). A region whose instances could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Deletion protection stops a mistaken or malicious `delete-db-instance` (or a stack teardown)
//! from destroying the database; it must be turned off explicitly first.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-instance --db-instance-identifier acme-db --deletion-protection --apply-immediately
//! ```
//! Terraform: `deletion_protection = true` on `aws_db_instance`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-8

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "rds.deletion_protection",
    title: "RDS DB instances have deletion protection enabled",
    severity: Severity::Low,
    resource_type: ResourceType::RdsDbInstance,
    compliance: &[fsbp("RDS.8")],
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
            let ev = json!({"DeletionProtection": d.deletion_protection});
            if d.deletion_protection {
                out.pass(
                    res,
                    format!("DB instance `{id}` has deletion protection enabled"),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("DB instance `{id}` has deletion protection off"),
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
                rds_db("good", json!({"DeletionProtection": true})),
                rds_db("bad", json!({"DeletionProtection": false})),
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
}
