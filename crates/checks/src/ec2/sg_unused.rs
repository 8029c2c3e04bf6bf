//! Unused security groups are removed.
//!
//! ## What it checks
//! EC2.22: every security group in every covered region (`ec2 DescribeSecurityGroups`) must be
//! attached to at least one network interface of that region (`ec2 DescribeNetworkInterfaces`,
//! which lists the interfaces of instances, load balancers, RDS, Lambda, VPC endpoints and
//! every other service). A VPC's `default` group cannot be deleted and is not judged. A region
//! whose groups could not be listed is UNKNOWN; when only its network interfaces could not be
//! listed, each of its groups is UNKNOWN.
//!
//! ## Why it matters
//! Unused groups pile up, hide the rules that matter, and get attached again by mistake with
//! whatever stale, wide rules they still carry.
//!
//! ## Remediation
//! ```sh
//! aws ec2 describe-network-interfaces --filters Name=group-id,Values=sg-0123456789abcdef0
//! aws ec2 delete-security-group --group-id sg-0123456789abcdef0
//! ```
//! Terraform: remove the unused `aws_security_group`.
//!
//! ## References
//! - https://docs.aws.amazon.com/vpc/latest/userguide/deleting-security-groups.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-22

use crate::prelude::*;
use crate::support::regional::each;
use std::collections::BTreeMap;

pub static CHECK: Check = Check {
    id: "ec2.sg_unused",
    title: "Unused EC2 security groups are removed",
    severity: Severity::Medium,
    resource_type: ResourceType::Ec2SecurityGroup,
    compliance: &[fsbp("EC2.22")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.ec2.security_groups,
        "which security groups exist here",
        |out, sg| {
            if sg.is_default() {
                // Cannot be deleted: not judged.
                return;
            }
            let res = cx.resource(
                ResourceType::Ec2SecurityGroup,
                &sg.group_id,
                Some(sg.arn(&inv.partition, &inv.account_id)),
                Some(&sg.region),
            );
            let enis = match inv.ec2.network_interfaces.get(&sg.region) {
                Ok(e) => e,
                Err(g) => {
                    out.unknown(
                        res,
                        &format!(
                            "whether security group `{}` is attached to anything",
                            sg.group_id
                        ),
                        &g,
                    );
                    return;
                }
            };
            let mut users: BTreeMap<&str, Option<&str>> = BTreeMap::new();
            for e in enis
                .iter()
                .filter(|e| e.groups.iter().any(|g| g.group_id == sg.group_id))
            {
                users.insert(&e.network_interface_id, e.interface_type.as_deref());
            }
            let ev = json!({"vpc_id": sg.vpc_id, "network_interfaces": users.keys().collect::<Vec<_>>()});
            if users.is_empty() {
                out.fail(
                    res,
                    format!(
                        "security group `{}` ({}) is not attached to any network interface",
                        sg.group_id, sg.group_name
                    ),
                    ev,
                );
            } else {
                out.pass(
                    res,
                    format!(
                        "security group `{}` ({}) is attached to {} network interface(s)",
                        sg.group_id,
                        sg.group_name,
                        users.len()
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

    fn named(mut groups: serde_json::Value, names: &[(usize, &str)]) -> serde_json::Value {
        for (i, n) in names {
            groups["response"]["SecurityGroups"][*i]["GroupName"] = json!(n);
        }
        groups
    }

    #[test]
    fn pass_fail_unknown() {
        let sgs = named(
            security_groups(&[
                ("sg-used", json!([])),
                ("sg-idle", json!([])),
                ("sg-default", json!([])),
            ]),
            &[(2, "default")],
        );
        let enis = ec2_list(
            "DescribeNetworkInterfaces",
            "us-east-1",
            "NetworkInterfaces",
            vec![
                json!({"NetworkInterfaceId": "eni-1", "InterfaceType": "interface", "Status": "in-use",
                "SubnetId": "subnet-1", "VpcId": "vpc-0a1b2c3d", "OwnerId": ACCOUNT, "PrivateIpAddress": "10.0.0.5",
                "Groups": [{"GroupName": "sg-used-name", "GroupId": "sg-used"}], "Ipv6Addresses": [],
                "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.0.5"}], "TagSet": []}),
            ],
        );
        let inv = inventory(vec![sgs.clone(), enis]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("sg-used".to_string(), Status::Pass),
                ("sg-idle".to_string(), Status::Fail),
            ]
        );
        assert!(o[1].message.contains("`sg-idle`"), "{}", o[1].message);
        // Network interfaces unreadable: every group is UNKNOWN, never FAIL.
        let inv = inventory(vec![
            sgs,
            error(
                "ec2",
                "DescribeNetworkInterfaces",
                Some("us-east-1"),
                json!({}),
                "UnauthorizedOperation",
            ),
        ]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("sg-used".to_string(), Status::Unknown),
                ("sg-idle".to_string(), Status::Unknown),
            ]
        );
    }
}
