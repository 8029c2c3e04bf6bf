//! RDS DB instances are not publicly accessible.
//!
//! ## What it checks
//! Every DB instance in every covered region (`rds DescribeDBInstances`): `PubliclyAccessible`
//! must be false. A publicly accessible instance gets a public DNS name and address; whether its
//! security groups and network ACLs let traffic in is judged by the network checks
//! (`net.db_port_exposed`). A region whose instances could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! A public endpoint puts the database one security-group mistake away from the internet,
//! where database ports are scanned and brute-forced within minutes.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-instance --db-instance-identifier acme-db --no-publicly-accessible --apply-immediately
//! ```
//! Terraform: `publicly_accessible = false` on `aws_db_instance`; place it in private subnets.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "rds.instance_not_public",
    title: "RDS DB instances are not publicly accessible",
    severity: Severity::Critical,
    resource_type: ResourceType::RdsDbInstance,
    compliance: &[cis("2.2.3"), fsbp("RDS.2")],
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
            let address = d.endpoint.as_ref().and_then(|e| e.address.clone());
            let ev = json!({"PubliclyAccessible": d.publicly_accessible, "Endpoint": address,
                        "VpcSecurityGroups": d.security_group_ids().collect::<Vec<_>>()});
            if d.publicly_accessible {
                out.fail(
                    res,
                    format!(
                        "DB instance `{id}` is publicly accessible (PubliclyAccessible is true)"
                    ),
                    ev,
                );
            } else {
                out.pass(
                    res,
                    format!("DB instance `{id}` is not publicly accessible"),
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
                rds_db("good", json!({"PubliclyAccessible": false})),
                rds_db("bad", json!({"PubliclyAccessible": true})),
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
