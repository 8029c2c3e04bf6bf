//! The network of one region, indexed and with every CIDR parsed once: route tables by subnet
//! (explicit association, else the VPC's main table), network ACLs by subnet (else the VPC's
//! default ACL), security groups by ID with their ingress rules, subnets by ID.
//!
//! A layer whose call is missing is kept as its `Gap`, so the engine can say "unknown" for
//! exactly the targets that need it.

use crate::addr::{Family, parse_cidr};
use crate::ports::PortSet;
use ipnet::IpNet;
use rampart_model::inventory::ec2::{
    IpPermission, NetworkAcl, NetworkAclEntry, RouteTable, SecurityGroup, Subnet,
};
use rampart_model::{Gap, Inventory, Observed};
use std::collections::HashMap;

/// Transport protocols the engine follows. `all` in results means all three, every port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Proto {
    Tcp,
    Udp,
    Icmp,
}

impl Proto {
    /// Every protocol the engine follows.
    pub const ALL: [Proto; 3] = [Proto::Tcp, Proto::Udp, Proto::Icmp];

    /// `tcp`, `udp`, `icmp`.
    pub fn name(self) -> &'static str {
        match self {
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
            Proto::Icmp => "icmp",
        }
    }

    /// Parses `tcp`, `udp`, `icmp` (or their numbers).
    pub fn parse(s: &str) -> Option<Proto> {
        match s.to_ascii_lowercase().as_str() {
            "tcp" | "6" => Some(Proto::Tcp),
            "udp" | "17" => Some(Proto::Udp),
            "icmp" | "1" | "icmpv6" | "58" => Some(Proto::Icmp),
            _ => None,
        }
    }

    /// The IP protocol number on the wire (ICMP differs between IPv4 and IPv6).
    pub fn number(self, fam: Family) -> u8 {
        match (self, fam) {
            (Proto::Tcp, _) => 6,
            (Proto::Udp, _) => 17,
            (Proto::Icmp, Family::V4) => 1,
            (Proto::Icmp, Family::V6) => 58,
        }
    }

    /// Every port (TCP/UDP) or ICMP type.
    pub fn full(self) -> PortSet {
        match self {
            Proto::Tcp | Proto::Udp => PortSet::range(0, 65535),
            Proto::Icmp => PortSet::range(0, 255),
        }
    }

    /// The client ports return traffic goes to (AWS documents 1024-65535 as the range that
    /// covers every client); ICMP replies are any type.
    pub fn ephemeral(self) -> PortSet {
        match self {
            Proto::Tcp | Proto::Udp => PortSet::range(1024, 65535),
            Proto::Icmp => PortSet::range(0, 255),
        }
    }
}

/// Parses an EC2 protocol (`-1`, `tcp`, `6`, ...) to a protocol number; `None` is "all".
fn protocol_number(p: &str) -> Option<u8> {
    match p.to_ascii_lowercase().as_str() {
        "-1" | "all" => None,
        "tcp" => Some(6),
        "udp" => Some(17),
        "icmp" => Some(1),
        "icmpv6" => Some(58),
        n => Some(n.parse::<u8>().unwrap_or(255)),
    }
}

fn port_of(v: Option<i64>) -> Option<u32> {
    v.and_then(|p| u32::try_from(p).ok())
}

/// One network ACL rule, parsed.
#[derive(Debug, Clone)]
pub struct AclRule {
    pub number: i64,
    /// `None`: every protocol.
    pub proto: Option<u8>,
    pub allow: bool,
    pub cidr: IpNet,
    /// Ports (TCP/UDP) or ICMP types the rule covers; `None`: all.
    pub ports: Option<PortSet>,
}

impl AclRule {
    fn parse(e: &NetworkAclEntry) -> Option<AclRule> {
        let cidr = e
            .cidr_block
            .as_deref()
            .or(e.ipv6_cidr_block.as_deref())
            .and_then(parse_cidr)?;
        let proto = protocol_number(&e.protocol);
        let ports = match proto {
            Some(6) | Some(17) => {
                e.port_range
                    .and_then(|r| match (port_of(r.from), port_of(r.to)) {
                        (Some(a), Some(b)) => Some(PortSet::range(a, b)),
                        _ => None,
                    })
            }
            Some(1) | Some(58) => e
                .icmp_type_code
                .and_then(|t| t.kind)
                .and_then(|t| u32::try_from(t).ok())
                .map(PortSet::single),
            _ => None,
        };
        Some(AclRule {
            number: e.rule_number,
            proto,
            allow: e.is_allow(),
            cidr,
            ports,
        })
    }

    fn matches(&self, fam: Family, proto: Proto, peer: &IpNet) -> bool {
        self.proto.is_none_or(|p| p == proto.number(fam)) && self.cidr.contains(peer)
    }
}

/// One decision of an ACL over part of a port set.
#[derive(Debug, Clone)]
pub struct AclDecision {
    pub ports: PortSet,
    /// The deciding rule; `None` for the implicit final deny (`*`).
    pub rule: Option<i64>,
    pub allow: bool,
}

/// A network ACL, parsed, rules in evaluation order.
#[derive(Debug, Clone)]
pub struct Acl<'a> {
    pub id: &'a str,
    pub inbound: Vec<AclRule>,
    pub outbound: Vec<AclRule>,
}

impl<'a> Acl<'a> {
    fn new(acl: &'a NetworkAcl) -> Acl<'a> {
        let mut inbound = Vec::new();
        let mut outbound = Vec::new();
        for e in &acl.entries {
            if let Some(r) = AclRule::parse(e) {
                if e.egress {
                    outbound.push(r);
                } else {
                    inbound.push(r);
                }
            }
        }
        inbound.sort_by_key(|r| r.number);
        outbound.sort_by_key(|r| r.number);
        Acl {
            id: &acl.network_acl_id,
            inbound,
            outbound,
        }
    }

    /// Decides `ports` of `proto` traffic with `peer` (the source inbound, the destination
    /// outbound): rules in number order, the first match decides, unmatched traffic is denied.
    pub fn decide(
        &self,
        outbound: bool,
        fam: Family,
        proto: Proto,
        peer: &IpNet,
        ports: &PortSet,
    ) -> Vec<AclDecision> {
        let rules = if outbound {
            &self.outbound
        } else {
            &self.inbound
        };
        let mut left = ports.clone();
        let mut out = Vec::new();
        for r in rules {
            if left.is_empty() {
                break;
            }
            if Family::of(&r.cidr) != fam || !r.matches(fam, proto, peer) {
                continue;
            }
            let hit = match &r.ports {
                Some(p) => left.intersect(p),
                None => left.clone(),
            };
            if hit.is_empty() {
                continue;
            }
            left = left.subtract(&hit);
            out.push(AclDecision {
                ports: hit,
                rule: Some(r.number),
                allow: r.allow,
            });
        }
        if !left.is_empty() {
            out.push(AclDecision {
                ports: left,
                rule: None,
                allow: false,
            });
        }
        out
    }

    /// Every CIDR the ACL names in `fam`.
    pub fn cidrs(&self, fam: Family) -> impl Iterator<Item = IpNet> + '_ {
        self.inbound
            .iter()
            .chain(&self.outbound)
            .map(|r| r.cidr)
            .filter(move |c| Family::of(c) == fam)
    }
}

/// Where a route sends traffic.
#[derive(Debug, Clone)]
pub struct RouteEntry<'a> {
    pub dest: IpNet,
    /// How the destination was written (`0.0.0.0/0`, `pl-123 (203.0.113.0/24)`).
    pub dest_text: String,
    /// The target ID (`igw-...`, `nat-...`, `local`, `pcx-...`).
    pub target: &'a str,
    pub blackhole: bool,
}

/// A route table, parsed.
#[derive(Debug, Clone)]
pub struct Rtb<'a> {
    pub id: &'a str,
    pub routes: Vec<RouteEntry<'a>>,
    /// Prefix-list routes whose entries are unknown.
    pub gaps: Vec<Gap>,
}

impl<'a> Rtb<'a> {
    fn new(inv: &'a Inventory, region: &str, t: &'a RouteTable) -> Rtb<'a> {
        let mut routes = Vec::new();
        let mut gaps = Vec::new();
        for r in &t.routes {
            let target = [
                &r.gateway_id,
                &r.nat_gateway_id,
                &r.transit_gateway_id,
                &r.vpc_peering_connection_id,
                &r.egress_only_internet_gateway_id,
                &r.instance_id,
                &r.network_interface_id,
                &r.local_gateway_id,
                &r.carrier_gateway_id,
                &r.core_network_arn,
            ]
            .into_iter()
            .find_map(|x| x.as_deref())
            .unwrap_or("unknown target");
            let blackhole = r.state.as_deref() == Some("blackhole");
            let direct = r
                .destination_cidr_block
                .as_deref()
                .or(r.destination_ipv6_cidr_block.as_deref());
            if let Some(d) = direct {
                if let Some(dest) = parse_cidr(d) {
                    routes.push(RouteEntry {
                        dest,
                        dest_text: d.to_string(),
                        target,
                        blackhole,
                    });
                }
            } else if let Some(pl) = r.destination_prefix_list_id.as_deref() {
                match inv.ec2.prefix_list_entries(region, pl) {
                    Ok(entries) => {
                        for e in entries {
                            if let Some(dest) = parse_cidr(&e.cidr) {
                                routes.push(RouteEntry {
                                    dest,
                                    dest_text: format!("{pl} ({})", e.cidr),
                                    target,
                                    blackhole,
                                });
                            }
                        }
                    }
                    // Gateway endpoints (S3, DynamoDB) route to AWS prefix lists: they never
                    // carry internet traffic, so an unknown entry list there changes nothing.
                    Err(_) if target.starts_with("vpce-") => {}
                    Err(g) => gaps.push(g),
                }
            }
        }
        Rtb {
            id: &t.route_table_id,
            routes,
            gaps,
        }
    }

    /// The most specific route whose destination contains all of `x`.
    pub fn lookup(&self, x: &IpNet) -> Option<&RouteEntry<'a>> {
        self.routes
            .iter()
            .filter(|r| Family::of(&r.dest) == Family::of(x) && r.dest.contains(x))
            .max_by_key(|r| r.dest.prefix_len())
    }

    /// Whether a usable route sends part of the IPv4 internet to a target `is_target` accepts.
    pub fn routes_internet_to(&self, is_target: impl Fn(&str) -> bool) -> bool {
        self.routes.iter().any(|r| {
            !r.blackhole
                && Family::of(&r.dest) == Family::V4
                && crate::addr::is_internet(&r.dest)
                && is_target(r.target)
        })
    }

    /// Every destination CIDR in `fam`.
    pub fn cidrs(&self, fam: Family) -> impl Iterator<Item = IpNet> + '_ {
        self.routes
            .iter()
            .map(|r| r.dest)
            .filter(move |c| Family::of(c) == fam)
    }
}

/// Where a security group rule admits traffic from.
#[derive(Debug, Clone)]
pub enum Source<'a> {
    Cidr(IpNet),
    /// A managed prefix list and its CIDRs (or why they are unknown).
    PrefixList(&'a str, Result<Vec<IpNet>, Gap>),
    /// Another security group (members' private addresses).
    Group(&'a str),
}

/// One ingress rule of a security group, parsed.
#[derive(Debug, Clone)]
pub struct SgRule<'a> {
    /// `None`: every protocol.
    proto: Option<u8>,
    from: Option<i64>,
    to: Option<i64>,
    pub sources: Vec<Source<'a>>,
}

impl<'a> SgRule<'a> {
    fn new(inv: &'a Inventory, region: &str, p: &'a IpPermission) -> SgRule<'a> {
        let mut sources = Vec::new();
        for r in &p.ip_ranges {
            if let Some(c) = parse_cidr(&r.cidr_ip) {
                sources.push(Source::Cidr(c));
            }
        }
        for r in &p.ipv6_ranges {
            if let Some(c) = parse_cidr(&r.cidr_ipv6) {
                sources.push(Source::Cidr(c));
            }
        }
        for pl in &p.prefix_list_ids {
            let id = pl.prefix_list_id.as_str();
            let entries = inv
                .ec2
                .prefix_list_entries(region, id)
                .map(|es| es.iter().filter_map(|e| parse_cidr(&e.cidr)).collect());
            sources.push(Source::PrefixList(id, entries));
        }
        for g in &p.user_id_group_pairs {
            if let Some(id) = g.group_id.as_deref() {
                sources.push(Source::Group(id));
            }
        }
        SgRule {
            proto: protocol_number(&p.ip_protocol),
            from: p.from_port,
            to: p.to_port,
            sources,
        }
    }

    /// The ports (or ICMP types) the rule allows for `proto` in `fam`; empty when it does not
    /// apply.
    pub fn ports(&self, fam: Family, proto: Proto) -> PortSet {
        match self.proto {
            None => proto.full(),
            Some(n) if n != proto.number(fam) => PortSet::empty(),
            Some(_) => match proto {
                Proto::Icmp => match self.from {
                    None | Some(-1) => proto.full(),
                    Some(t) => u32::try_from(t).map(PortSet::single).unwrap_or_default(),
                },
                _ => match (port_of(self.from), port_of(self.to)) {
                    (Some(a), Some(b)) => PortSet::range(a, b),
                    _ => proto.full(),
                },
            },
        }
    }

    /// `tcp 22`, `tcp 1024-65535`, `all`, `icmp`.
    pub fn describe(&self, fam: Family, proto: Proto) -> String {
        match self.proto {
            None => "all".to_string(),
            Some(_) if proto == Proto::Icmp => match self.from {
                None | Some(-1) => "icmp".to_string(),
                Some(t) => format!("icmp type {t}"),
            },
            Some(_) => format!("{} {}", proto.name(), self.ports(fam, proto).describe()),
        }
    }
}

/// A security group's ingress rules, parsed.
#[derive(Debug, Clone)]
pub struct Sg<'a> {
    pub id: &'a str,
    pub rules: Vec<SgRule<'a>>,
}

/// The network of one region.
pub struct RegionIndex<'a> {
    pub region: &'a str,
    pub subnets: Observed<HashMap<&'a str, &'a Subnet>>,
    rtbs: Observed<Vec<Rtb<'a>>>,
    rtb_by_subnet: HashMap<&'a str, usize>,
    main_rtb_by_vpc: HashMap<&'a str, usize>,
    acls: Observed<Vec<Acl<'a>>>,
    acl_by_subnet: HashMap<&'a str, usize>,
    default_acl_by_vpc: HashMap<&'a str, usize>,
    sgs: Observed<HashMap<&'a str, Sg<'a>>>,
}

impl<'a> RegionIndex<'a> {
    /// Indexes `region` of `inv`.
    pub fn new(inv: &'a Inventory, region: &'a str) -> RegionIndex<'a> {
        let e = &inv.ec2;
        let subnets = e
            .subnets
            .get(region)
            .map(|l| l.iter().map(|s| (s.subnet_id.as_str(), s)).collect());
        let mut rtb_by_subnet = HashMap::new();
        let mut main_rtb_by_vpc = HashMap::new();
        let rtbs = e.route_tables.get(region).map(|l| {
            l.iter()
                .enumerate()
                .map(|(i, t)| {
                    for a in &t.associations {
                        if let Some(s) = a.subnet_id.as_deref() {
                            rtb_by_subnet.insert(s, i);
                        }
                        if a.main
                            && let Some(v) = t.vpc_id.as_deref()
                        {
                            main_rtb_by_vpc.insert(v, i);
                        }
                    }
                    Rtb::new(inv, region, t)
                })
                .collect()
        });
        let mut acl_by_subnet = HashMap::new();
        let mut default_acl_by_vpc = HashMap::new();
        let acls = e.network_acls.get(region).map(|l| {
            l.iter()
                .enumerate()
                .map(|(i, a)| {
                    for s in &a.associations {
                        if let Some(s) = s.subnet_id.as_deref() {
                            acl_by_subnet.insert(s, i);
                        }
                    }
                    if a.is_default
                        && let Some(v) = a.vpc_id.as_deref()
                    {
                        default_acl_by_vpc.insert(v, i);
                    }
                    Acl::new(a)
                })
                .collect()
        });
        let sgs = e.security_groups.get(region).map(|l| {
            l.iter()
                .map(|g: &'a SecurityGroup| {
                    let rules = g
                        .ip_permissions
                        .iter()
                        .map(|p| SgRule::new(inv, region, p))
                        .collect();
                    (
                        g.group_id.as_str(),
                        Sg {
                            id: &g.group_id,
                            rules,
                        },
                    )
                })
                .collect()
        });
        RegionIndex {
            region,
            subnets,
            rtbs,
            rtb_by_subnet,
            main_rtb_by_vpc,
            acls,
            acl_by_subnet,
            default_acl_by_vpc,
            sgs,
        }
    }

    /// The route table of a subnet: its explicit association, else its VPC's main table.
    pub fn route_table(&self, subnet: &str, vpc: Option<&str>) -> Result<&Rtb<'a>, String> {
        let rtbs = self.rtbs.as_ref().map_err(|g| g.to_string())?;
        let i = self
            .rtb_by_subnet
            .get(subnet)
            .or_else(|| vpc.and_then(|v| self.main_rtb_by_vpc.get(v)))
            .ok_or_else(|| {
                format!("no route table of {subnet} (nor a main table of its VPC) was listed")
            })?;
        rtbs.get(*i)
            .ok_or_else(|| format!("route table of {subnet} missing"))
    }

    /// Whether the subnet's table is its own (explicit) or the VPC's main one.
    pub fn route_table_is_main(&self, subnet: &str) -> bool {
        !self.rtb_by_subnet.contains_key(subnet)
    }

    /// The network ACL of a subnet: its association, else its VPC's default ACL.
    pub fn acl(&self, subnet: &str, vpc: Option<&str>) -> Result<&Acl<'a>, String> {
        let acls = self.acls.as_ref().map_err(|g| g.to_string())?;
        let i = self
            .acl_by_subnet
            .get(subnet)
            .or_else(|| vpc.and_then(|v| self.default_acl_by_vpc.get(v)))
            .ok_or_else(|| format!("no network ACL of {subnet} was listed"))?;
        acls.get(*i)
            .ok_or_else(|| format!("network ACL of {subnet} missing"))
    }

    /// A security group by ID.
    pub fn sg(&self, id: &str) -> Result<&Sg<'a>, String> {
        let sgs = self.sgs.as_ref().map_err(|g| g.to_string())?;
        sgs.get(id)
            .ok_or_else(|| format!("security group {id} was not listed by DescribeSecurityGroups"))
    }

    /// A subnet's IPv4 and IPv6 blocks.
    pub fn subnet_cidrs(&self, subnet: &str) -> Result<Vec<IpNet>, String> {
        let subnets = self.subnets.as_ref().map_err(|g| g.to_string())?;
        let s = subnets
            .get(subnet)
            .ok_or_else(|| format!("subnet {subnet} was not listed by DescribeSubnets"))?;
        let mut out: Vec<IpNet> = s
            .cidr_block
            .as_deref()
            .and_then(parse_cidr)
            .into_iter()
            .collect();
        out.extend(
            s.ipv6_cidr_block_association_set
                .iter()
                .filter_map(|a| a.ipv6_cidr_block.as_deref().and_then(parse_cidr)),
        );
        Ok(out)
    }

    /// The VPC of a subnet, when listed.
    pub fn subnet_vpc(&self, subnet: &str) -> Option<&'a str> {
        self.subnets
            .as_ref()
            .ok()
            .and_then(|m| m.get(subnet))
            .and_then(|s| s.vpc_id.as_deref())
    }
}
