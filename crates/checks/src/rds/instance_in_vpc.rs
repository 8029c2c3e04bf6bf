//! RDS DB instances are deployed in a VPC.
//!
//! ## What it checks
//! RDS.18: every DB instance in every covered region (`rds DescribeDBInstances`) must run in a
//! VPC: its `DBSubnetGroup` names a `VpcId`. A region whose instances could not be listed is
//! UNKNOWN.
//!
//! ## Why it matters
//! Outside a VPC (EC2-Classic) an instance has no security groups, network ACLs or private
//! addressing of the account's own: its network exposure cannot be controlled.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-instance --db-instance-identifier acme-db --db-subnet-group-name acme-private --apply-immediately
//! ```
//! Terraform: `db_subnet_group_name` on `aws_db_instance`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-18

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "rds.instance_in_vpc",
    title: "RDS DB instances are deployed in a VPC",
    severity: Severity::High,
    resource_type: ResourceType::RdsDbInstance,
    compliance: &[fsbp("RDS.18")],
    related: &["rds.instance_not_public"],
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
            let ev =
                json!({"vpc_id": d.db_subnet_group.as_ref().and_then(|g| g.vpc_id.as_deref())});
            if d.db_subnet_group
                .as_ref()
                .and_then(|g| g.vpc_id.as_deref())
                .is_some_and(|v| !v.is_empty())
            {
                out.pass(res, format!("DB instance `{id}` runs in a VPC"), ev);
            } else {
                out.fail(
                    res,
                    format!("DB instance `{id}` is not in a VPC (no DBSubnetGroup VpcId)"),
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
                rds_db(
                    "good",
                    json!({"DBSubnetGroup": {"DBSubnetGroupName": "acme-private", "VpcId": "vpc-0a1", "SubnetGroupStatus": "Complete", "Subnets": []}}),
                ),
                rds_db("bad", json!({})),
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
