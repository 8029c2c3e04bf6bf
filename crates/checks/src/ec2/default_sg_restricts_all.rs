//! The default security group of every VPC restricts all traffic.
//!
//! ## What it checks
//! CIS 5.5 / EC2.2: each VPC's `default` security group has no inbound and no outbound rules.
//! Anything attached to the default group without thought then gets no network access.
//!
//! ## Why it matters
//! Resources land in the default group when nobody picks one; AWS creates it allowing all
//! traffic between its members and all outbound traffic.
//!
//! ## Remediation
//! ```sh
//! aws ec2 revoke-security-group-ingress --group-id sg-0123456789abcdef0 \
//!   --ip-permissions 'IpProtocol=-1,UserIdGroupPairs=[{GroupId=sg-0123456789abcdef0}]'
//! aws ec2 revoke-security-group-egress --group-id sg-0123456789abcdef0 \
//!   --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'
//! ```
//! Terraform: manage it with an empty `aws_default_security_group` (no `ingress`/`egress`).
//!
//! ## References
//! - https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "ec2.default_sg_restricts_all",
    title: "Default security groups allow no inbound or outbound traffic",
    severity: Severity::High,
    resource_type: ResourceType::Ec2SecurityGroup,
    compliance: &[cis("5.5"), fsbp("EC2.2")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    for (region, groups) in inv.ec2.security_groups.iter() {
        let groups = match groups {
            Ok(g) => g,
            Err(g) => {
                out.unknown(cx.region(region), "which security groups exist here", &g);
                continue;
            }
        };
        for sg in groups.iter().filter(|g| g.is_default()) {
            let res = cx.resource(
                ResourceType::Ec2SecurityGroup,
                &sg.group_id,
                Some(sg.arn(&inv.partition, &inv.account_id)),
                Some(region),
            );
            let (i, e) = (sg.ip_permissions.len(), sg.ip_permissions_egress.len());
            let ev = json!({"vpc_id": sg.vpc_id, "inbound_rules": i, "outbound_rules": e});
            if i == 0 && e == 0 {
                out.pass(
                    res,
                    format!(
                        "default security group `{}` of {} has no rules",
                        sg.group_id,
                        sg.vpc_id.as_deref().unwrap_or("its VPC")
                    ),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!(
                        "default security group `{}` of {} has {i} inbound and {e} outbound rule(s)",
                        sg.group_id,
                        sg.vpc_id.as_deref().unwrap_or("its VPC")
                    ),
                    ev,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn group(
        id: &str,
        name: &str,
        ingress: serde_json::Value,
        egress: serde_json::Value,
    ) -> serde_json::Value {
        json!({"GroupId": id, "GroupName": name, "Description": "default VPC security group", "OwnerId": ACCOUNT,
               "VpcId": "vpc-1", "IpPermissions": ingress, "IpPermissionsEgress": egress})
    }

    #[test]
    fn pass_fail_unknown() {
        let self_ref = json!([{"IpProtocol": "-1", "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [],
            "UserIdGroupPairs": [{"GroupId": "sg-def1", "UserId": ACCOUNT}]}]);
        let inv = inventory_in(
            &["eu-west-1", "us-east-1"],
            vec![call(
                "ec2",
                "DescribeSecurityGroups",
                Some("us-east-1"),
                json!({}),
                json!({"SecurityGroups": [
                    group("sg-def1", "default", self_ref, json!([sg_rule("-1", 0, 0, "0.0.0.0/0")])),
                    group("sg-def2", "default", json!([]), json!([])),
                    group("sg-web", "web", json!([sg_rule("tcp", 443, 443, "0.0.0.0/0")]), json!([])),
                ]}),
            )],
        );
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("123456789012/eu-west-1".into(), Status::Unknown),
                ("sg-def1".into(), Status::Fail),
                ("sg-def2".into(), Status::Pass),
            ]
        );
    }
}
