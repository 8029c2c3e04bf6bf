//! Network ACLs do not allow ingress from the whole internet to remote administration ports.
//!
//! ## What it checks
//! CIS 5.2 / EC2.21: for each network ACL, inbound traffic from `0.0.0.0/0` and from `::/0` to
//! TCP 22 and 3389 is judged the way AWS evaluates ACLs: entries in rule-number order, the
//! first entry for the whole internet that covers the port decides. An earlier `deny` of
//! `0.0.0.0/0` therefore shuts a later `allow`; an `allow` on all protocols counts for every
//! port. Narrower sources are not the benchmark's concern.
//!
//! ## Why it matters
//! Network ACLs are the subnet-wide filter: one that admits SSH or RDP from anywhere leaves only
//! the security groups between the internet and every instance in its subnets.
//!
//! ## Remediation
//! ```sh
//! aws ec2 create-network-acl-entry --network-acl-id acl-0123456789abcdef0 --ingress \
//!   --rule-number 50 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny
//! aws ec2 create-network-acl-entry --network-acl-id acl-0123456789abcdef0 --ingress \
//!   --rule-number 51 --protocol tcp --port-range From=3389,To=3389 --cidr-block 0.0.0.0/0 --rule-action deny
//! ```
//! Terraform: an `aws_network_acl_rule` with `rule_action = "deny"` and a lower `rule_number`.
//!
//! ## References
//! - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21

use crate::prelude::*;
use crate::support::sg::{Family, nacl_decision};

pub static CHECK: Check = Check {
    id: "ec2.nacl_admin_ports",
    title: "Network ACLs do not allow ingress from the internet to remote administration ports",
    severity: Severity::Medium,
    resource_type: ResourceType::Ec2NetworkAcl,
    compliance: &[cis("5.2"), fsbp("EC2.21")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    for (region, acls) in inv.ec2.network_acls.iter() {
        let acls = match acls {
            Ok(a) => a,
            Err(g) => {
                out.unknown(cx.region(region), "which network ACLs exist here", &g);
                continue;
            }
        };
        for acl in acls {
            let res = cx.resource(
                ResourceType::Ec2NetworkAcl,
                &acl.network_acl_id,
                Some(acl.arn(&inv.partition, &inv.account_id)),
                Some(region),
            );
            let mut open = Vec::new();
            let mut decisions = Vec::new();
            for family in [Family::V4, Family::V6] {
                for port in [22, 3389] {
                    let d = nacl_decision(acl, port, family);
                    decisions.push(json!({"source": family.any(), "port": port,
                        "decided_by_rule": d.map(|x| x.0), "allowed": d.is_some_and(|x| x.1)}));
                    if let Some((rule, true)) = d {
                        open.push(format!("{port} from {} (rule {rule})", family.any()));
                    }
                }
            }
            if open.is_empty() {
                out.pass(
                    res,
                    format!(
                        "network ACL `{}` does not admit the internet to ports 22 or 3389",
                        acl.network_acl_id
                    ),
                    json!({"decisions": decisions}),
                );
            } else {
                out.fail(
                    res,
                    format!(
                        "network ACL `{}` admits the internet to {}",
                        acl.network_acl_id,
                        open.join(", ")
                    ),
                    json!({"decisions": decisions, "vpc_id": acl.vpc_id}),
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

    fn entry(
        n: i64,
        proto: &str,
        action: &str,
        cidr: &str,
        ports: Option<(i64, i64)>,
    ) -> serde_json::Value {
        let mut e = json!({"Egress": false, "Protocol": proto, "RuleAction": action, "RuleNumber": n, "CidrBlock": cidr});
        if let Some((f, t)) = ports {
            e["PortRange"] = json!({"From": f, "To": t});
        }
        e
    }

    fn acls(list: Vec<(&str, Vec<serde_json::Value>)>) -> serde_json::Value {
        let acls: Vec<_> = list
            .into_iter()
            .map(|(id, mut entries)| {
                entries.push(entry(32767, "-1", "deny", "0.0.0.0/0", None));
                json!({"NetworkAclId": id, "VpcId": "vpc-1", "OwnerId": ACCOUNT, "IsDefault": false,
                       "Associations": [], "Entries": entries, "Tags": []})
            })
            .collect();
        call(
            "ec2",
            "DescribeNetworkAcls",
            Some("us-east-1"),
            json!({}),
            json!({"NetworkAcls": acls}),
        )
    }

    #[test]
    fn first_matching_rule_decides() {
        let inv = inventory(vec![acls(vec![
            // The AWS default ACL: allow everything.
            (
                "acl-default",
                vec![entry(100, "-1", "allow", "0.0.0.0/0", None)],
            ),
            // A range over 22.
            (
                "acl-range",
                vec![entry(100, "6", "allow", "0.0.0.0/0", Some((0, 1024)))],
            ),
            // An earlier deny shuts the later allow.
            (
                "acl-deny-first",
                vec![
                    entry(50, "6", "deny", "0.0.0.0/0", Some((22, 22))),
                    entry(51, "6", "deny", "0.0.0.0/0", Some((3389, 3389))),
                    entry(100, "-1", "allow", "0.0.0.0/0", None),
                ],
            ),
            // A narrower deny does not: the rest of the internet still gets in.
            (
                "acl-narrow-deny",
                vec![
                    entry(50, "6", "deny", "198.51.100.0/24", Some((22, 22))),
                    entry(100, "6", "allow", "0.0.0.0/0", Some((22, 22))),
                ],
            ),
            // Only web ports and a private source for SSH.
            (
                "acl-web",
                vec![
                    entry(100, "6", "allow", "0.0.0.0/0", Some((443, 443))),
                    entry(110, "6", "allow", "10.0.0.0/8", Some((22, 22))),
                ],
            ),
        ])]);
        let got = statuses(&outcomes(&CHECK, &inv));
        assert_eq!(
            got,
            vec![
                ("acl-default".into(), Status::Fail),
                ("acl-range".into(), Status::Fail),
                ("acl-deny-first".into(), Status::Pass),
                ("acl-narrow-deny".into(), Status::Fail),
                ("acl-web".into(), Status::Pass),
            ]
        );
    }

    #[test]
    fn unreadable_region_is_unknown() {
        let inv = inventory(vec![error(
            "ec2",
            "DescribeNetworkAcls",
            Some("us-east-1"),
            json!({}),
            "UnauthorizedOperation",
        )]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![("123456789012/us-east-1".into(), Status::Unknown)]
        );
    }
}
