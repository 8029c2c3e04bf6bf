//! No resource is reachable from the internet on an administration port (SSH 22, RDP 3389).
//!
//! ## What it checks
//! Every instance, network interface, load balancer and its targets, and RDS instance in every
//! covered region, through the reachability engine (`rampart net exposure`): route tables,
//! network ACLs in both directions, security groups, public addresses and internet-facing load
//! balancers (`DescribeInstances`, `DescribeNetworkInterfaces`, `DescribeSubnets`,
//! `DescribeRouteTables`, `DescribeNetworkAcls`, `DescribeSecurityGroups`,
//! `GetManagedPrefixListEntries`, `rds DescribeDBInstances`, `elbv2` and `elb` calls). It fails
//! when TCP 22 or 3389 is reachable from any internet address, directly or through a load
//! balancer; it is UNKNOWN when a layer's data is missing. Unlike the security-group checks of
//! CIS 5.2/5.3 and Security Hub EC2.13/EC2.14 (which judge a rule on its own), an open group on
//! an instance nobody can route to passes here, and a private instance behind a public network
//! load balancer fails.
//!
//! ## Why it matters
//! SSH and RDP are the first ports scanners try; an administration service reachable from the
//! internet is one weak password or unpatched daemon away from a compromised host.
//!
//! ## Remediation
//! Remove the rule that admits the internet, and reach instances through Session Manager or a
//! VPN instead:
//! ```sh
//! aws ec2 revoke-security-group-ingress --group-id sg-0123456789abcdef0 --protocol tcp --port 22 --cidr 0.0.0.0/0
//! ```
//! `rampart net path --from internet --to i-0123456789abcdef0 --port 22 --snapshot FILE` shows
//! every layer that lets the traffic through.
//!
//! ## References
//! - https://docs.aws.amazon.com/vpc/latest/userguide/infrastructure-security.html
//! - https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html
//! - https://docs.aws.amazon.com/vpc/latest/reachability/what-is-reachability-analyzer.html

use crate::prelude::*;
use crate::support::net::{includes_any, judge};
use rampart_net::Proto;

pub static CHECK: Check = Check {
    id: "net.admin_port_exposed",
    title: "No resource is reachable from the internet on SSH or RDP",
    severity: Severity::High,
    resource_type: ResourceType::Ec2Instance,
    compliance: &[],
    related: &["net.all_ports_exposed"],
    lifecycle: Lifecycle::Preview,
    run,
};

/// SSH and RDP.
const ADMIN_PORTS: &[u32] = &[22, 3389];

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    judge(cx, out, "an administration port (22, 3389)", |e| {
        includes_any(e, Proto::Tcp, ADMIN_PORTS)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::net::fixtures::{rule, vpc};
    use crate::support::testing::*;

    #[test]
    fn ssh_open_to_the_internet_fails() {
        let inv = inventory(vpc(json!([rule("tcp", 22, 22, "0.0.0.0/0")])));
        let o = outcomes(&CHECK, &inv);
        assert_eq!(statuses(&o), vec![("i-0web".into(), Status::Fail)]);
        assert!(
            o[0].message.contains("tcp 22 from 0.0.0.0/0"),
            "{}",
            o[0].message
        );
    }

    #[test]
    fn ssh_from_a_private_range_passes() {
        let inv = inventory(vpc(json!([
            rule("tcp", 22, 22, "10.0.0.0/8"),
            rule("tcp", 443, 443, "0.0.0.0/0")
        ])));
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Pass);
    }

    #[test]
    fn denied_security_groups_are_unknown() {
        let mut calls = vpc(json!([]));
        calls[3] = error(
            "ec2",
            "DescribeSecurityGroups",
            Some("us-east-1"),
            json!({}),
            "UnauthorizedOperation",
        );
        let o = outcomes(&CHECK, &inventory(calls));
        assert_eq!(only(&o), Status::Unknown);
        assert!(
            o[0].message.contains("DescribeSecurityGroups"),
            "{}",
            o[0].message
        );
    }
}
