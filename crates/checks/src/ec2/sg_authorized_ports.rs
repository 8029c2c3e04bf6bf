//! Security groups only allow unrestricted incoming traffic to authorized ports.
//!
//! ## What it checks
//! EC2.18: no ingress rule of any security group, in every covered region (`ec2
//! DescribeSecurityGroups`), lets `0.0.0.0/0` or `::/0` reach a TCP or UDP port other than the
//! authorized ones: Security Hub's defaults, TCP 80 and 443 and no UDP port. A rule for all
//! protocols, or a TCP range reaching past 80 and 443, fails; ICMP rules carry no port and are
//! not judged. A region whose groups could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Only web ports are meant to face the whole internet; any other port open to `/0` is an
//! administration, database or internal service offered to every scanner.
//!
//! ## Remediation
//! ```sh
//! aws ec2 revoke-security-group-ingress --group-id sg-0123456789abcdef0 \
//!   --ip-permissions 'IpProtocol=tcp,FromPort=8080,ToPort=8080,IpRanges=[{CidrIp=0.0.0.0/0}]'
//! ```
//! Terraform: narrow the `cidr_blocks` / `ipv6_cidr_blocks` of the ingress rules that open other
//! ports, or put the service behind a load balancer listening on 443.
//!
//! ## References
//! - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18

use crate::prelude::*;
use crate::support::regional::each;
use rampart_model::inventory::ec2::IpPermission;
use serde_json::Value;

pub static CHECK: Check = Check {
    id: "ec2.sg_authorized_ports",
    title: "Security groups only allow unrestricted incoming traffic for authorized ports",
    severity: Severity::High,
    resource_type: ResourceType::Ec2SecurityGroup,
    compliance: &[fsbp("EC2.18")],
    related: &["ec2.sg_high_risk_ports", "net.all_ports_exposed"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// Security Hub's default `authorizedTcpPorts`.
const AUTHORIZED_TCP: &[i64] = &[80, 443];
/// Security Hub's default `authorizedUdpPorts` (none).
const AUTHORIZED_UDP: &[i64] = &[];

/// Whether every port of the inclusive range is authorized (a missing or `-1` bound: every port).
fn within(from: Option<i64>, to: Option<i64>, authorized: &[i64]) -> bool {
    match (from, to) {
        (Some(f), Some(t)) if f >= 0 && t >= f => (f..=t).all(|p| authorized.contains(&p)),
        _ => false,
    }
}

/// The rule's unauthorized exposure to the whole internet, as evidence entries.
fn violations(p: &IpPermission) -> Vec<Value> {
    let allowed = match p.protocol() {
        "all" => false,
        "tcp" => within(p.from_port, p.to_port, AUTHORIZED_TCP),
        "udp" => within(p.from_port, p.to_port, AUTHORIZED_UDP),
        // ICMP and other protocols have no ports.
        _ => true,
    };
    if allowed {
        return Vec::new();
    }
    let v4 = p
        .ip_ranges
        .iter()
        .filter(|r| r.cidr_ip.trim() == "0.0.0.0/0")
        .map(|_| "0.0.0.0/0");
    let v6 = p
        .ipv6_ranges
        .iter()
        .filter(|r| r.cidr_ipv6.trim() == "::/0")
        .map(|_| "::/0");
    v4.chain(v6)
        .map(|source| {
            json!({"protocol": p.protocol(), "from_port": p.from_port, "to_port": p.to_port,
                   "source": source})
        })
        .collect()
}

fn describe(rule: &Value) -> String {
    let proto = rule["protocol"].as_str().unwrap_or("?");
    if proto == "all" {
        return format!(
            "all traffic from {}",
            rule["source"].as_str().unwrap_or("?")
        );
    }
    let (f, t) = (rule["from_port"].as_i64(), rule["to_port"].as_i64());
    let ports = match (f, t) {
        (Some(f), Some(t)) if f == t => f.to_string(),
        (Some(f), Some(t)) if f >= 0 => format!("{f}-{t}"),
        _ => "all ports".to_string(),
    };
    format!(
        "{proto} {ports} from {}",
        rule["source"].as_str().unwrap_or("?")
    )
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.ec2.security_groups,
        "which security groups exist here",
        |out, sg| {
            let res = cx.resource(
                ResourceType::Ec2SecurityGroup,
                &sg.group_id,
                Some(sg.arn(&inv.partition, &inv.account_id)),
                Some(&sg.region),
            );
            let bad: Vec<Value> = sg.ip_permissions.iter().flat_map(violations).collect();
            let ev = json!({"vpc_id": sg.vpc_id, "authorized_tcp_ports": AUTHORIZED_TCP,
                            "authorized_udp_ports": AUTHORIZED_UDP, "rules": bad});
            if bad.is_empty() {
                out.pass(
                    res,
                    format!(
                        "security group `{}` ({}) opens no port other than TCP 80 and 443 to the internet",
                        sg.group_id, sg.group_name
                    ),
                    ev,
                );
            } else {
                let what: Vec<String> = bad.iter().map(describe).collect();
                out.fail(
                    res,
                    format!(
                        "security group `{}` ({}) allows unauthorized ports from the internet: {}",
                        sg.group_id,
                        sg.group_name,
                        what.join("; ")
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

    #[test]
    fn pass_fail_unknown() {
        let inv = inventory(vec![security_groups(&[
            (
                "sg-web",
                json!([
                    sg_rule("tcp", 80, 80, "0.0.0.0/0"),
                    sg_rule("tcp", 443, 443, "::/0"),
                    sg_rule("tcp", 22, 22, "10.0.0.0/8"),
                    sg_rule("icmp", -1, -1, "0.0.0.0/0")
                ]),
            ),
            ("sg-all", json!([sg_rule("-1", 0, 0, "0.0.0.0/0")])),
            ("sg-range", json!([sg_rule("tcp", 80, 443, "0.0.0.0/0")])),
            ("sg-alt", json!([sg_rule("tcp", 8080, 8080, "::/0")])),
            ("sg-dns", json!([sg_rule("udp", 53, 53, "0.0.0.0/0")])),
            ("sg-none", json!([])),
        ])]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("sg-web".to_string(), Status::Pass),
                ("sg-all".to_string(), Status::Fail),
                ("sg-range".to_string(), Status::Fail),
                ("sg-alt".to_string(), Status::Fail),
                ("sg-dns".to_string(), Status::Fail),
                ("sg-none".to_string(), Status::Pass),
            ]
        );
        assert!(
            o[1].message.contains("all traffic from 0.0.0.0/0"),
            "{}",
            o[1].message
        );
        assert!(o[2].message.contains("tcp 80-443"), "{}", o[2].message);
        assert!(
            o[3].message.contains("tcp 8080 from ::/0"),
            "{}",
            o[3].message
        );
        assert!(o[4].message.contains("udp 53"), "{}", o[4].message);
        let denied = inventory(vec![error(
            "ec2",
            "DescribeSecurityGroups",
            Some("us-east-1"),
            json!({}),
            "UnauthorizedOperation",
        )]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &denied)),
            vec![("123456789012/us-east-1".to_string(), Status::Unknown)]
        );
    }
}
