//! No resource is reachable from the internet on every port.
//!
//! ## What it checks
//! Through the reachability engine (`rampart net exposure`), every resource in every covered
//! region: it fails when the internet reaches every TCP port or every UDP port of it (protocol
//! `all`, or a full 0-65535 range) after route tables, network ACLs (both directions),
//! security groups and public addresses. A group that allows all traffic on an instance whose
//! network ACL admits only a few ports passes here (the security-group checks still report the
//! group). UNKNOWN when a layer's data is missing.
//!
//! ## Why it matters
//! Every service on the host, including ones nobody meant to publish (databases, admin
//! consoles, debug ports), is open to the internet.
//!
//! ## Remediation
//! Replace the all-traffic rule with rules for the ports the service needs:
//! ```sh
//! aws ec2 revoke-security-group-ingress --group-id sg-0123456789abcdef0 --ip-permissions IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]
//! aws ec2 authorize-security-group-ingress --group-id sg-0123456789abcdef0 --protocol tcp --port 443 --cidr 0.0.0.0/0
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
//! - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html

use crate::prelude::*;
use crate::support::net::judge;

pub static CHECK: Check = Check {
    id: "net.all_ports_exposed",
    title: "No resource is reachable from the internet on every port",
    severity: Severity::Critical,
    resource_type: ResourceType::Ec2Instance,
    compliance: &[],
    related: &["net.admin_port_exposed", "net.db_port_exposed"],
    lifecycle: Lifecycle::Preview,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    judge(cx, out, "every port", |e| e.all_ports());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::net::fixtures::vpc;
    use crate::support::testing::*;

    fn all_traffic(cidr: &str) -> serde_json::Value {
        json!([{"IpProtocol": "-1", "IpRanges": [{"CidrIp": cidr}], "Ipv6Ranges": [],
                "PrefixListIds": [], "UserIdGroupPairs": []}])
    }

    #[test]
    fn all_traffic_from_the_internet_fails() {
        let o = outcomes(&CHECK, &inventory(vpc(all_traffic("0.0.0.0/0"))));
        assert_eq!(only(&o), Status::Fail);
        assert!(o[0].message.contains("all 0-65535"), "{}", o[0].message);
    }

    #[test]
    fn an_acl_that_admits_few_ports_passes() {
        let mut calls = vpc(all_traffic("0.0.0.0/0"));
        // The subnet's ACL admits only HTTPS (and replies).
        calls[2] = call(
            "ec2",
            "DescribeNetworkAcls",
            Some("us-east-1"),
            json!({}),
            json!({"NetworkAcls": [
            {"NetworkAclId": "acl-01", "VpcId": "vpc-01", "IsDefault": false,
             "Associations": [{"NetworkAclAssociationId": "aclassoc-01", "NetworkAclId": "acl-01", "SubnetId": "subnet-0pub"}],
             "Entries": [
               {"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
               {"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767},
               {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "6", "RuleAction": "allow", "RuleNumber": 100,
                "PortRange": {"From": 443, "To": 443}},
               {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767}]}]}),
        );
        assert_eq!(only(&outcomes(&CHECK, &inventory(calls))), Status::Pass);
    }

    #[test]
    fn missing_route_tables_are_unknown() {
        let mut calls = vpc(all_traffic("0.0.0.0/0"));
        calls.remove(1);
        let o = outcomes(&CHECK, &inventory(calls));
        assert_eq!(only(&o), Status::Unknown);
        assert!(
            o[0].message.contains("DescribeRouteTables"),
            "{}",
            o[0].message
        );
    }
}
