//! RDS DB instances are deployed in multiple Availability Zones.
//!
//! ## What it checks
//! Every DB instance in every covered region (`rds DescribeDBInstances`) that is not a member
//! of a DB cluster: `MultiAZ` must be true. Members of Aurora and Multi-AZ DB clusters
//! (`DBClusterIdentifier` set) get their availability from the cluster and are not judged here. A
//! region whose instances could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! A single-AZ instance is down, and may lose recent writes, whenever its Availability Zone or
//! host fails; Multi-AZ keeps a synchronous standby and fails over automatically.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-instance --db-instance-identifier acme-db --multi-az --apply-immediately
//! ```
//! Terraform: `multi_az = true` on `aws_db_instance`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-5

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "rds.multi_az",
    title: "RDS DB instances are deployed in multiple Availability Zones",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbInstance,
    compliance: &[cis("2.2.4"), fsbp("RDS.5")],
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
            let ev = json!({"MultiAZ": d.multi_az});
            if d.multi_az {
                out.pass(
                    res,
                    format!("DB instance `{id}` is a Multi-AZ deployment"),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("DB instance `{id}` runs in a single Availability Zone"),
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
                rds_db("good", json!({"MultiAZ": true})),
                rds_db("bad", json!({"MultiAZ": false})),
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
