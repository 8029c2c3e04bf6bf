//! Unused network ACLs are removed.
//!
//! ## What it checks
//! EC2.16: every network ACL in every covered region (`ec2 DescribeNetworkAcls`) must be
//! associated with at least one subnet (`Associations`). A VPC's default network ACL cannot be
//! deleted, so it is not judged. A region whose network ACLs could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! An unused network ACL is clutter that hides the rules that do apply, and a stale, permissive
//! one can be associated with a subnet by mistake later.
//!
//! ## Remediation
//! ```sh
//! aws ec2 delete-network-acl --network-acl-id acl-0123456789abcdef0
//! ```
//! Terraform: remove the unused `aws_network_acl`.
//!
//! ## References
//! - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-16

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ec2.nacl_unused",
    title: "Unused network ACLs are removed",
    severity: Severity::Low,
    resource_type: ResourceType::Ec2NetworkAcl,
    compliance: &[fsbp("EC2.16")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.ec2.network_acls,
        "which network ACLs exist here",
        |out, acl| {
            if acl.is_default {
                // Cannot be deleted: not judged.
                return;
            }
            let id = &acl.network_acl_id;
            let res = cx.resource(
                ResourceType::Ec2NetworkAcl,
                id,
                Some(acl.arn(&inv.partition, &inv.account_id)),
                Some(&acl.region),
            );
            let subnets: Vec<&str> = acl
                .associations
                .iter()
                .filter_map(|a| a.subnet_id.as_deref())
                .collect();
            let ev = json!({"vpc_id": acl.vpc_id, "subnets": subnets});
            if subnets.is_empty() {
                out.fail(
                    res,
                    format!("network ACL `{id}` is not associated with any subnet"),
                    ev,
                );
            } else {
                out.pass(
                    res,
                    format!(
                        "network ACL `{id}` is associated with {} subnet(s)",
                        subnets.len()
                    ),
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

    fn acl(id: &str, default: bool, subnets: &[&str]) -> serde_json::Value {
        let assoc: Vec<_> = subnets
            .iter()
            .map(|s| json!({"NetworkAclAssociationId": format!("aclassoc-{s}"), "NetworkAclId": id, "SubnetId": s}))
            .collect();
        json!({"NetworkAclId": id, "VpcId": "vpc-1", "OwnerId": ACCOUNT, "IsDefault": default,
            "Entries": [{"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "deny",
                         "RuleNumber": 32767}],
            "Associations": assoc, "Tags": []})
    }

    #[test]
    fn pass_fail_unknown() {
        let inv = inventory_in(
            &["us-east-1", "eu-west-1"],
            vec![
                ec2_list(
                    "DescribeNetworkAcls",
                    "us-east-1",
                    "NetworkAcls",
                    vec![
                        acl("acl-default", true, &[]),
                        acl("acl-used", false, &["subnet-1", "subnet-2"]),
                        acl("acl-stale", false, &[]),
                    ],
                ),
                error(
                    "ec2",
                    "DescribeNetworkAcls",
                    Some("eu-west-1"),
                    json!({}),
                    "UnauthorizedOperation",
                ),
            ],
        );
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("acl-used".to_string(), Status::Pass),
                ("acl-stale".to_string(), Status::Fail),
            ]
        );
        assert_eq!(
            o[2].resource.arn.as_deref(),
            Some("arn:aws:ec2:us-east-1:123456789012:network-acl/acl-stale")
        );
    }
}
