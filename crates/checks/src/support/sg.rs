//! Security-group and network-ACL rule questions shared by the CIS 5.x / EC2.x checks:
//! "which ingress rules let the whole internet reach this port".
//!
//! A rule covers a TCP port when its protocol is TCP or "all" (`-1`) and the port is within its
//! range (a missing range means every port), so a group open on **all** ports fails every
//! single-port question: it is never "not checked".

use crate::run::{Context, Outcomes};
use rampart_model::ResourceType;
use rampart_model::inventory::ec2::{IpPermission, NetworkAcl, SecurityGroup};
use serde_json::{Value, json};

/// The address family of "the whole internet".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `0.0.0.0/0`.
    V4,
    /// `::/0`.
    V6,
}

impl Family {
    pub fn any(self) -> &'static str {
        match self {
            Family::V4 => "0.0.0.0/0",
            Family::V6 => "::/0",
        }
    }
}

/// Whether a rule with `protocol` (normalised) and inclusive range covers TCP/UDP `port`.
/// `None` bounds (or -1) mean every port.
pub fn covers(
    protocol: &str,
    from: Option<i64>,
    to: Option<i64>,
    port: i64,
    udp_too: bool,
) -> bool {
    let proto_ok = match protocol {
        "all" => true,
        "tcp" => true,
        "udp" => udp_too,
        _ => false,
    };
    if !proto_ok {
        return false;
    }
    if protocol == "all" {
        return true;
    }
    match (from, to) {
        (Some(f), Some(t)) if f >= 0 && t >= 0 => f <= port && port <= t,
        _ => true,
    }
}

/// Ingress rules of `sg` open to the whole internet (per `families`) on any of `ports`, as
/// evidence entries. Empty: the group does not open these ports to the internet.
pub fn open_rules(
    sg: &SecurityGroup,
    ports: &[i64],
    families: &[Family],
    udp_too: bool,
) -> Vec<Value> {
    let mut out = Vec::new();
    for p in &sg.ip_permissions {
        let hit: Vec<i64> = ports
            .iter()
            .copied()
            .filter(|port| covers(p.protocol(), p.from_port, p.to_port, *port, udp_too))
            .collect();
        if hit.is_empty() {
            continue;
        }
        for source in world_sources(p, families) {
            out.push(json!({
                "protocol": p.protocol(),
                "from_port": p.from_port,
                "to_port": p.to_port,
                "source": source,
                "ports_exposed": hit,
            }));
        }
    }
    out
}

fn world_sources(p: &IpPermission, families: &[Family]) -> Vec<&'static str> {
    let mut v = Vec::new();
    if families.contains(&Family::V4) && p.ip_ranges.iter().any(|r| r.cidr_ip.trim() == "0.0.0.0/0")
    {
        v.push("0.0.0.0/0");
    }
    if families.contains(&Family::V6) && p.ipv6_ranges.iter().any(|r| r.cidr_ipv6.trim() == "::/0")
    {
        v.push("::/0");
    }
    v
}

/// Runs a per-security-group port check: FAIL for each group with a rule open to the internet
/// on one of `ports`, PASS for the others, UNKNOWN for regions whose groups were not listed.
pub fn run_port_check(
    cx: &Context<'_>,
    out: &mut Outcomes,
    ports: &[i64],
    families: &[Family],
    udp_too: bool,
    what: &str,
) {
    let inv = cx.inv;
    let wide = families
        .iter()
        .map(|f| f.any())
        .collect::<Vec<_>>()
        .join(" or ");
    for (region, groups) in inv.ec2.security_groups.iter() {
        let groups = match groups {
            Ok(g) => g,
            Err(g) => {
                out.unknown(cx.region(region), "which security groups exist here", &g);
                continue;
            }
        };
        for sg in groups {
            let res = cx.resource(
                ResourceType::Ec2SecurityGroup,
                &sg.group_id,
                Some(sg.arn(&inv.partition, &inv.account_id)),
                Some(region),
            );
            let rules = open_rules(sg, ports, families, udp_too);
            if rules.is_empty() {
                out.pass(
                    res,
                    format!(
                        "security group `{}` ({}) does not open {what} to {wide}",
                        sg.group_id, sg.group_name
                    ),
                    json!({"vpc_id": sg.vpc_id}),
                );
            } else {
                let mut exposed: Vec<i64> = rules
                    .iter()
                    .flat_map(|r| r["ports_exposed"].as_array().cloned().unwrap_or_default())
                    .filter_map(|v| v.as_i64())
                    .collect();
                exposed.sort_unstable();
                exposed.dedup();
                let list = exposed
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                out.fail(
                    res,
                    format!(
                        "security group `{}` ({}) allows {wide} to reach port {list}",
                        sg.group_id, sg.group_name
                    ),
                    json!({"vpc_id": sg.vpc_id, "rules": rules}),
                );
            }
        }
    }
}

/// The first inbound rule of `acl`, in rule-number order, that matches traffic from the whole
/// internet (`family`) to TCP `port`: network ACLs are evaluated in order and the first match
/// decides, so an earlier deny of `0.0.0.0/0` shuts a later allow.
pub fn nacl_decision(acl: &NetworkAcl, port: i64, family: Family) -> Option<(i64, bool)> {
    let mut entries: Vec<_> = acl.entries.iter().filter(|e| !e.egress).collect();
    entries.sort_by_key(|e| e.rule_number);
    entries
        .into_iter()
        .find(|e| {
            let cidr = match family {
                Family::V4 => e.cidr_block.as_deref(),
                Family::V6 => e.ipv6_cidr_block.as_deref(),
            };
            cidr.map(str::trim) == Some(family.any())
                && covers(
                    e.protocol_name(),
                    e.port_range.and_then(|r| r.from),
                    e.port_range.and_then(|r| r.to),
                    port,
                    false,
                )
        })
        .map(|e| (e.rule_number, e.is_allow()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_of_protocols_and_ranges() {
        assert!(covers("all", None, None, 22, false));
        assert!(covers("tcp", Some(0), Some(65535), 3389, false));
        assert!(covers("tcp", Some(22), Some(22), 22, false));
        assert!(!covers("tcp", Some(23), Some(80), 22, false));
        assert!(!covers("udp", Some(0), Some(65535), 22, false));
        assert!(covers("udp", Some(445), Some(445), 445, true));
        assert!(!covers("icmp", Some(-1), Some(-1), 22, false));
    }
}
