//! Reachability from the internet: every target (interface, database, load balancer and what it
//! forwards to), every path through the layers, and the widest source that gets through.
//!
//! Inbound traffic from the internet to an address in a VPC passes, in order:
//! 1. the internet gateway: the return route of the subnet (its explicit route table, else the
//!    VPC's main one) for the source, longest prefix first, must lead to an internet gateway
//!    (a NAT gateway or egress-only gateway carries outbound connections only);
//! 2. the subnet's network ACL inbound (rules in number order, first match decides), and the
//!    ACL outbound for the reply to the client's ephemeral ports (ACLs are stateless);
//! 3. the security groups of the interface (stateful, allow-only, the union of every group);
//! 4. a public address on the interface (public IPv4, Elastic IP, or a global IPv6 address).
//!
//! An internet-facing load balancer adds a second leg: listener → target group → target, where
//! the target's groups and ACL must admit the load balancer (or, for a network load balancer
//! that preserves client addresses, the client). Data a layer needs that was not collected makes
//! the answer unknown, never "not exposed".

use crate::addr::{Family, candidates, is_internet, parse_cidr};
use crate::index::{Acl, AclDecision, Proto, RegionIndex, Rtb, Sg, Source};
use crate::ports::PortSet;
use ipnet::IpNet;
use rampart_model::inventory::ec2::{Instance, NetworkInterface};
use rampart_model::inventory::elbv2::{Action, LoadBalancer, Rule};
use rampart_model::{Inventory, ResourceRef, ResourceType};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

/// One way the internet reaches a resource (CONTRACT §5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exposure {
    pub resource: ResourceRef,
    /// The address the internet connects to (public IP, IPv6 address, or DNS name).
    pub address: String,
    /// `tcp`, `udp`, `icmp` or `all`.
    pub protocol: &'static str,
    /// Inclusive port ranges (ICMP: types).
    pub ports: PortSet,
    /// The widest internet source that gets in.
    pub from: String,
    /// The hops that let it through, in order.
    pub path: Vec<String>,
}

impl Exposure {
    /// Whether the exposure includes `port` of `proto` (an `all` exposure includes every port).
    pub fn includes(&self, proto: Proto, port: u32) -> bool {
        (self.protocol == "all" || self.protocol == proto.name()) && self.ports.contains(port)
    }

    /// Whether every TCP and UDP port is open (protocol `all`, or a full TCP or UDP range).
    pub fn all_ports(&self) -> bool {
        self.protocol == "all"
            || (matches!(self.protocol, "tcp" | "udp") && self.ports.covers(&Proto::Tcp.full()))
    }
}

/// The verdict on one resource.
#[derive(Debug, Clone)]
pub struct TargetReport {
    pub resource: ResourceRef,
    pub exposures: Vec<Exposure>,
    /// Why part of the answer is unknown (a missing call, named).
    pub unknown: Vec<String>,
    /// Why it is not reachable, where it is not (for people reading a PASS).
    pub notes: Vec<String>,
    /// It accepts no traffic at all (a stopped instance, a DB instance that is not publicly
    /// accessible), whatever the network layers say.
    pub inactive: bool,
}

/// Every target of every region.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub targets: Vec<TargetReport>,
    /// Region-wide unknowns: resources that may exist but could not be listed.
    pub region_unknown: Vec<(String, String)>,
}

impl Analysis {
    /// Every exposure, target by target.
    pub fn exposures(&self) -> impl Iterator<Item = &Exposure> {
        self.targets.iter().flat_map(|t| t.exposures.iter())
    }
}

/// One hop of an explained path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    pub text: String,
    pub ok: bool,
}

impl Hop {
    fn ok(text: impl Into<String>) -> Hop {
        Hop {
            text: text.into(),
            ok: true,
        }
    }
    fn fail(text: impl Into<String>) -> Hop {
        Hop {
            text: text.into(),
            ok: false,
        }
    }
}

/// A path question: one protocol and port to one resource.
#[derive(Debug, Clone)]
pub struct Focus {
    pub to: String,
    pub proto: Proto,
    pub port: u32,
}

/// A way traffic gets to a node, before it is tied to a resource.
#[derive(Debug, Clone)]
struct Reach {
    proto: Proto,
    from: IpNet,
    ports: PortSet,
    hops: Vec<String>,
}

/// What a node's layers let through, and what could not be decided.
#[derive(Debug, Clone, Default)]
struct NodeResult {
    reaches: Vec<Reach>,
    unknown: Vec<String>,
    /// Explain mode only: hop lists of attempts that were stopped.
    failures: Vec<Vec<Hop>>,
}

/// Where traffic enters: an interface (or a load balancer node) in a subnet with its groups.
#[derive(Debug, Clone)]
struct Node<'a> {
    subnet: &'a str,
    vpc: Option<&'a str>,
    /// `None`: no security group layer (a network load balancer created without one).
    groups: Option<Vec<&'a str>>,
    /// Names the node in hops when it has no groups.
    label: String,
}

/// Ports a target serves; `None` means any port the layers let through.
type Service = Option<Vec<(Proto, PortSet)>>;

fn service_ports(service: &Service, proto: Proto) -> Option<PortSet> {
    match service {
        None => Some(proto.full()),
        Some(v) => {
            let p = v
                .iter()
                .filter(|(q, _)| *q == proto)
                .fold(PortSet::empty(), |acc, (_, s)| acc.union(s));
            (!p.is_empty()).then_some(p)
        }
    }
}

/// The outcome of one source block through route table and network ACL.
enum Step {
    Pass(Vec<(PortSet, Vec<Hop>)>),
    Fail(Vec<Hop>),
    Unknown(String),
}

fn route_refusal(target: &str) -> &'static str {
    if target.starts_with("nat-") {
        "a NAT gateway carries outbound connections only"
    } else if target.starts_with("eigw-") {
        "an egress-only internet gateway blocks connections from the internet"
    } else if target == "local" {
        "the source is inside the VPC"
    } else if target.starts_with("vgw-") {
        "replies go to a VPN gateway, not to the internet"
    } else if target.starts_with("pcx-") {
        "replies go to a peered VPC, not to the internet"
    } else if target.starts_with("vpce-") {
        "replies go to a VPC endpoint, not to the internet"
    } else {
        "replies do not go to an internet gateway"
    }
}

/// The target groups a listener action sends requests to: a `forward` action's group, or the
/// groups of its `ForwardConfig` that have a weight above zero (a group of weight 0 gets no
/// requests). Other actions (`redirect`, `fixed-response`, `authenticate-*`) forward nothing.
fn forwarded_groups(a: &Action) -> Vec<&str> {
    if !a.kind.eq_ignore_ascii_case("forward") {
        return Vec::new();
    }
    match &a.forward_config {
        Some(f) if !f.target_groups.is_empty() => f
            .target_groups
            .iter()
            .filter(|t| t.weight != Some(0))
            .filter_map(|t| t.target_group_arn.as_deref())
            .collect(),
        _ => a.target_group_arn.as_deref().into_iter().collect(),
    }
}

/// A transit gateway or a Cloud WAN core network (which routes through transit gateways).
fn is_transit(target: &str) -> bool {
    target.starts_with("tgw-") || target.contains(":core-network/")
}

fn acl_rule_name(acl: &Acl<'_>, d: &AclDecision) -> String {
    match d.rule {
        Some(n) => format!("{} rule {n}", acl.id),
        None => format!("{} rule * (default)", acl.id),
    }
}

/// Route and ACL checks for traffic from block `x` on `ports`.
fn probe(
    rtb: &Rtb<'_>,
    acl: &Acl<'_>,
    fam: Family,
    proto: Proto,
    x: &IpNet,
    ports: &PortSet,
) -> Step {
    let mut hops = Vec::new();
    // Replies that go to a transit gateway: what happens after it is not in the inventory.
    let mut transit = None;
    match rtb.lookup(x) {
        None => {
            if let Some(g) = rtb.gaps.first() {
                return Step::Unknown(format!("{}: a prefix-list route is unknown: {g}", rtb.id));
            }
            hops.push(Hop::fail(format!(
                "{} has no route for {x}: replies cannot reach the internet",
                rtb.id
            )));
            return Step::Fail(hops);
        }
        Some(r) if r.target.starts_with("igw-") && !r.blackhole => {
            if let Some(g) = rtb.gaps.first()
                && r.dest.prefix_len() == 0
            {
                // A more specific prefix-list route might take the replies elsewhere.
                return Step::Unknown(format!("{}: a prefix-list route is unknown: {g}", rtb.id));
            }
            hops.push(Hop::ok(r.target));
            hops.push(Hop::ok(format!(
                "{} {} -> {}",
                rtb.id, r.dest_text, r.target
            )));
        }
        Some(r) if is_transit(r.target) && !r.blackhole => {
            transit = Some(r);
            hops.push(Hop::ok(format!(
                "{} {} -> {}",
                rtb.id, r.dest_text, r.target
            )));
        }
        Some(r) => {
            let why = if r.blackhole {
                "the route is a blackhole"
            } else {
                route_refusal(r.target)
            };
            hops.push(Hop::fail(format!(
                "{} {} -> {}: {why}",
                rtb.id, r.dest_text, r.target
            )));
            return Step::Fail(hops);
        }
    }
    let inbound = acl.decide(false, fam, proto, x, ports);
    let allowed: Vec<&AclDecision> = inbound.iter().filter(|d| d.allow).collect();
    if allowed.is_empty() {
        let denies: Vec<String> = inbound
            .iter()
            .map(|d| format!("{} deny", acl_rule_name(acl, d)))
            .collect();
        hops.push(Hop::fail(format!(
            "{} (inbound {} {} from {x})",
            denies.join(", "),
            proto.name(),
            ports.describe()
        )));
        return Step::Fail(hops);
    }
    let ret = acl.decide(true, fam, proto, x, &proto.ephemeral());
    let Some(back) = ret.iter().find(|d| d.allow) else {
        let denies: Vec<String> = ret
            .iter()
            .map(|d| format!("{} deny", acl_rule_name(acl, d)))
            .collect();
        hops.push(Hop::ok(format!("{} allow", acl_rule_name(acl, allowed[0]))));
        hops.push(Hop::fail(format!(
            "{} (outbound replies to {x} on {} {}: network ACLs are stateless)",
            denies.join(", "),
            proto.name(),
            proto.ephemeral().describe()
        )));
        return Step::Fail(hops);
    };
    if let Some(r) = transit {
        // The internet cannot come in through a transit gateway by itself, but a network attached
        // to it can: a central ingress or inspection VPC whose internet gateway, firewall or load
        // balancer forwards to this subnet, with the replies routed back the same way. Whether
        // one does depends on transit gateway route tables and other VPCs, which are not
        // collected. (Replies to a connection made to this VPC's own public address cannot take
        // that way: the internet gateway translates the public address only for traffic it
        // carries.)
        return Step::Unknown(format!(
            "{} {} -> {}: replies to {x} go to a transit gateway, so a network attached to it \
             (central ingress or inspection) may forward internet traffic here; its routes \
             are not collected ({} allows {} {} in)",
            rtb.id,
            r.dest_text,
            r.target,
            acl.id,
            proto.name(),
            ports.describe()
        ));
    }
    let back_hop = Hop::ok(format!("{} allow return", acl_rule_name(acl, back)));
    Step::Pass(
        allowed
            .into_iter()
            .map(|d| {
                let mut h = hops.clone();
                h.push(Hop::ok(format!("{} allow", acl_rule_name(acl, d))));
                h.push(back_hop.clone());
                (d.ports.clone(), h)
            })
            .collect(),
    )
}

/// A security group rule's way in from the internet: (hop text, internet source blocks,
/// protocol, ports).
type Attempt = (String, Vec<IpNet>, Proto, PortSet);

/// What one security group admits from the internet for one family and service, and what about
/// it is unknown (prefix lists whose entries were not collected).
#[derive(Debug, Default)]
struct GroupAttempts {
    attempts: Vec<Attempt>,
    unknown: Vec<String>,
}

/// (route table, network ACL, family, protocol, source block, ports) of one probe.
type ProbeKey<'a> = (&'a str, &'a str, Family, Proto, IpNet, PortSet);

/// Results that do not depend on the interface, computed once per region: the route and ACL
/// verdict per (route table, ACL, family, protocol, source block, ports), the blocks a source
/// splits into against a subnet's route and ACL blocks, and what each security group admits.
#[derive(Default)]
struct Caches<'a> {
    probes: HashMap<ProbeKey<'a>, Rc<Step>>,
    candidates: HashMap<(&'a str, &'a str, Family, IpNet), Rc<[IpNet]>>,
    groups: HashMap<(&'a str, Family, Service), Rc<GroupAttempts>>,
}

/// What `sg` admits from the internet in `fam`, limited to `service` ports.
fn group_attempts(sg: &Sg<'_>, fam: Family, service: &Service) -> GroupAttempts {
    let mut out = GroupAttempts::default();
    for rule in &sg.rules {
        for proto in Proto::ALL {
            let mut p = rule.ports(fam, proto);
            if p.is_empty() {
                continue;
            }
            match service_ports(service, proto) {
                Some(s) => p = p.intersect(&s),
                None => continue,
            }
            if p.is_empty() {
                continue;
            }
            for src in &rule.sources {
                let (blocks, label): (Vec<IpNet>, String) = match src {
                    Source::Cidr(c) => (vec![*c], c.to_string()),
                    Source::PrefixList(pl, Ok(v)) => (v.clone(), pl.to_string()),
                    Source::PrefixList(pl, Err(g)) => {
                        out.unknown.push(format!(
                            "{} admits {} from prefix list {pl} whose entries are unknown: {g}",
                            sg.id,
                            rule.describe(fam, proto)
                        ));
                        continue;
                    }
                    Source::Group(_) => continue,
                };
                let blocks: Vec<IpNet> = blocks
                    .into_iter()
                    .filter(|b| Family::of(b) == fam && is_internet(b))
                    .collect();
                if blocks.is_empty() {
                    continue;
                }
                out.attempts.push((
                    format!("{} {} from {label}", sg.id, rule.describe(fam, proto)),
                    blocks,
                    proto,
                    p.clone(),
                ));
            }
        }
    }
    out
}

/// What the internet can send to `node` in family `fam`, limited to `service` ports.
fn reach_node<'a>(
    idx: &RegionIndex<'a>,
    cache: &mut Caches<'a>,
    node: &Node<'_>,
    fam: Family,
    service: &Service,
    explain: bool,
) -> Result<NodeResult, String> {
    let rtb = idx.route_table(node.subnet, node.vpc)?;
    let acl = idx.acl(node.subnet, node.vpc)?;
    let mut out = NodeResult::default();
    let mut attempts: Vec<Rc<GroupAttempts>> = Vec::new();
    match &node.groups {
        None => {
            let mut own = GroupAttempts::default();
            for proto in Proto::ALL {
                if let Some(p) = service_ports(service, proto) {
                    own.attempts.push((
                        format!("{} has no security group", node.label),
                        vec![fam.any()],
                        proto,
                        p,
                    ));
                }
            }
            attempts.push(Rc::new(own));
        }
        Some(ids) => {
            for id in ids {
                let sg = idx.sg(id)?;
                let key = (sg.id, fam, service.clone());
                let g = match cache.groups.get(&key) {
                    Some(g) => g.clone(),
                    None => {
                        let g = Rc::new(group_attempts(sg, fam, service));
                        cache.groups.insert(key, g.clone());
                        g
                    }
                };
                out.unknown.extend(g.unknown.iter().cloned());
                attempts.push(g);
            }
        }
    }
    if explain && attempts.iter().all(|g| g.attempts.is_empty()) {
        // Nothing admits the internet: still show what the network layers would do.
        let ports = Proto::ALL
            .iter()
            .find_map(|&p| service_ports(service, p).map(|s| (p, s)));
        if let Some((proto, p)) = ports {
            let mut hops = match probe(rtb, acl, fam, proto, &fam.any(), &p) {
                Step::Pass(mut v) => v.pop().map(|(_, h)| h).unwrap_or_default(),
                Step::Fail(h) => h,
                Step::Unknown(r) => vec![Hop::fail(r)],
            };
            let groups = node
                .groups
                .as_ref()
                .map(|g| g.join(", "))
                .unwrap_or_default();
            hops.push(Hop::fail(format!(
                "no rule of {groups} admits {} {} from the internet",
                proto.name(),
                p.describe()
            )));
            out.failures.push(hops);
        }
    }
    for (sg_hop, blocks, proto, ports) in attempts.iter().flat_map(|g| g.attempts.iter()) {
        let proto = *proto;
        for s in blocks {
            let xs = cache
                .candidates
                .entry((rtb.id, acl.id, fam, *s))
                .or_insert_with(|| {
                    let mut splits: Vec<IpNet> = acl.cidrs(fam).collect();
                    splits.extend(rtb.cidrs(fam));
                    candidates(s, &splits)
                        .into_iter()
                        .filter(is_internet)
                        .collect()
                })
                .clone();
            for x in xs.iter() {
                let step = cache
                    .probes
                    .entry((rtb.id, acl.id, fam, proto, *x, ports.clone()))
                    .or_insert_with(|| Rc::new(probe(rtb, acl, fam, proto, x, ports)))
                    .clone();
                match &*step {
                    Step::Pass(parts) => {
                        for (p, hops) in parts {
                            let mut hops: Vec<String> =
                                hops.iter().map(|h| h.text.clone()).collect();
                            hops.push(sg_hop.clone());
                            out.reaches.push(Reach {
                                proto,
                                from: *x,
                                ports: p.clone(),
                                hops,
                            });
                        }
                    }
                    Step::Fail(hops) => {
                        if explain {
                            let mut h = hops.clone();
                            h.push(Hop::ok(sg_hop.clone()));
                            out.failures.push(h);
                        }
                    }
                    Step::Unknown(r) => {
                        if !out.unknown.contains(r) {
                            out.unknown.push(r.clone());
                        }
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Turns the reaches of one address into exposures: for each port the widest source wins, and
/// ports that share source and path are merged.
fn summarize<'r>(
    resource: &ResourceRef,
    address: &str,
    reaches: impl IntoIterator<Item = &'r Reach>,
) -> Vec<Exposure> {
    let mut reaches: Vec<&Reach> = reaches.into_iter().collect();
    reaches.sort_by_key(|r| r.from.prefix_len());
    let mut covered: BTreeMap<Proto, PortSet> = BTreeMap::new();
    let mut groups: Vec<(Proto, IpNet, &Vec<String>, PortSet)> = Vec::new();
    for r in reaches {
        let have = covered.entry(r.proto).or_default();
        let new = r.ports.subtract(have);
        if new.is_empty() {
            continue;
        }
        *have = have.union(&new);
        match groups
            .iter_mut()
            .find(|g| g.0 == r.proto && g.1 == r.from && *g.2 == r.hops)
        {
            Some(g) => g.3 = g.3.union(&new),
            None => groups.push((r.proto, r.from, &r.hops, new)),
        }
    }
    let mut out: Vec<Exposure> = Vec::new();
    let mut merged = vec![false; groups.len()];
    for i in 0..groups.len() {
        let (proto, from, hops, ports) = &groups[i];
        if *proto != Proto::Tcp || !ports.covers(&Proto::Tcp.full()) {
            continue;
        }
        let full = |q: Proto| {
            groups
                .iter()
                .position(|g| g.0 == q && g.1 == *from && g.2 == *hops && g.3.covers(&q.full()))
        };
        if let (Some(u), Some(c)) = (full(Proto::Udp), full(Proto::Icmp)) {
            merged[i] = true;
            merged[u] = true;
            merged[c] = true;
            out.push(Exposure {
                resource: resource.clone(),
                address: address.to_string(),
                protocol: "all",
                ports: PortSet::range(0, 65535),
                from: from.to_string(),
                path: (*hops).clone(),
            });
        }
    }
    for (i, (proto, from, hops, ports)) in groups.into_iter().enumerate() {
        if merged[i] {
            continue;
        }
        out.push(Exposure {
            resource: resource.clone(),
            address: address.to_string(),
            protocol: proto.name(),
            ports,
            from: from.to_string(),
            path: hops.clone(),
        });
    }
    out
}

/// Accumulates reports per resource, in first-seen order.
#[derive(Default)]
struct Reports {
    list: Vec<TargetReport>,
    by_key: HashMap<(ResourceType, String), usize>,
    failures: Vec<(usize, Vec<Hop>)>,
    /// Evaluated only on the way to a path question's target; not part of the answer.
    hidden: Vec<usize>,
}

impl Reports {
    fn get(&mut self, r: &ResourceRef) -> &mut TargetReport {
        let key = (r.kind, r.id.clone());
        let i = match self.by_key.get(&key) {
            Some(i) => *i,
            None => {
                self.list.push(TargetReport {
                    resource: r.clone(),
                    exposures: Vec::new(),
                    unknown: Vec::new(),
                    notes: Vec::new(),
                    inactive: false,
                });
                self.by_key.insert(key, self.list.len() - 1);
                self.list.len() - 1
            }
        };
        &mut self.list[i]
    }

    fn index(&mut self, r: &ResourceRef) -> usize {
        self.get(r);
        self.by_key[&(r.kind, r.id.clone())]
    }

    fn note(&mut self, r: &ResourceRef, n: String) {
        let t = self.get(r);
        if !t.notes.contains(&n) {
            t.notes.push(n);
        }
    }

    fn unknown(&mut self, r: &ResourceRef, n: String) {
        let t = self.get(r);
        if !t.unknown.contains(&n) {
            t.unknown.push(n);
        }
    }

    fn fail_trace(&mut self, r: &ResourceRef, hops: Vec<Hop>) {
        let i = self.index(r);
        self.failures.push((i, hops));
    }
}

/// Shared state of one region's analysis.
struct Ctx<'a, 'i> {
    inv: &'a Inventory,
    idx: &'i RegionIndex<'a>,
    region: &'a str,
    focus: Option<&'i Focus>,
    memo: HashMap<String, Rc<Result<NodeResult, String>>>,
    cache: Caches<'a>,
    /// Instances by ID (the first listed wins), built on first use.
    instances: Option<Result<HashMap<&'a str, &'a Instance>, String>>,
    reports: Reports,
    region_unknown: Vec<String>,
}

impl<'a> Ctx<'a, '_> {
    fn resource(&self, kind: ResourceType, id: &str, arn: Option<String>) -> ResourceRef {
        ResourceRef {
            kind,
            id: id.to_string(),
            arn,
            region: Some(self.region.to_string()),
            account_id: self.inv.account_id.clone(),
        }
    }

    fn explain(&self) -> bool {
        self.focus.is_some()
    }

    fn service_for_focus(&self, service: Service) -> Service {
        match self.focus {
            None => service,
            Some(f) => {
                let want = PortSet::single(f.port);
                match service_ports(&service, f.proto) {
                    Some(p) if !p.intersect(&want).is_empty() => Some(vec![(f.proto, want)]),
                    _ => Some(vec![]),
                }
            }
        }
    }

    fn node_result(
        &mut self,
        node: &Node<'a>,
        fam: Family,
        service: &Service,
    ) -> Rc<Result<NodeResult, String>> {
        let key = format!(
            "{}|{:?}|{:?}|{:?}|{}",
            node.subnet, node.groups, fam, service, node.label
        );
        if let Some(r) = self.memo.get(&key) {
            return r.clone();
        }
        let explain = self.explain();
        let r = Rc::new(reach_node(
            self.idx,
            &mut self.cache,
            node,
            fam,
            service,
            explain,
        ));
        self.memo.insert(key, r.clone());
        r
    }

    /// Evaluates a node for `resource` at `address`; returns the node's result, whose reaches
    /// [`reaches_of`] lists (shared, not copied, between the nodes that have the same one).
    fn evaluate(
        &mut self,
        resource: &ResourceRef,
        node: &Node<'a>,
        fam: Family,
        address: &str,
        service: Service,
    ) -> Rc<Result<NodeResult, String>> {
        let service = self.service_for_focus(service);
        let r = self.node_result(node, fam, &service);
        match &*r {
            Err(reason) => {
                self.reports.unknown(resource, reason.clone());
            }
            Ok(nr) => {
                for u in &nr.unknown {
                    self.reports.unknown(resource, u.clone());
                }
                for f in &nr.failures {
                    let mut h = vec![Hop::ok(format!("{address} in {}", node.subnet))];
                    h.extend(f.iter().cloned());
                    self.reports.fail_trace(resource, h);
                }
            }
        }
        r
    }

    fn add_direct(
        &mut self,
        resource: &ResourceRef,
        node: &Node<'a>,
        addrs: &[(Family, String)],
        service: Service,
    ) {
        self.reports.get(resource);
        if addrs.is_empty() {
            self.reports.note(
                resource,
                "it has no public IPv4, Elastic IP or IPv6 address".into(),
            );
            if self.explain() {
                self.reports.fail_trace(
                    resource,
                    vec![Hop::fail("no public IPv4, Elastic IP or IPv6 address")],
                );
            }
            // Without a public address the internet can still arrive through a transit gateway
            // (central ingress): when the subnet routes internet blocks there, the answer for
            // the blocks its groups and ACL admit is unknown, not "unreachable".
            if self
                .idx
                .route_table(node.subnet, node.vpc)
                .is_ok_and(|t| t.routes_internet_to(is_transit))
            {
                let private = format!("{} (private address)", node.label);
                self.evaluate(resource, node, Family::V4, &private, service);
            }
            return;
        }
        for (fam, addr) in addrs {
            let r = self.evaluate(resource, node, *fam, addr, service.clone());
            let reaches = reaches_of(&r);
            if reaches.is_empty() {
                self.reports.note(
                    resource,
                    format!("{addr}: route tables, network ACLs or security groups stop internet traffic"),
                );
            }
            let ex = summarize(resource, addr, reaches);
            self.reports.get(resource).exposures.extend(ex);
        }
    }
}

/// The reaches of a node's result (none when it could not be evaluated).
fn reaches_of(r: &Result<NodeResult, String>) -> &[Reach] {
    match r {
        Ok(nr) => &nr.reaches,
        Err(_) => &[],
    }
}

/// Public addresses of an interface as (family, address).
fn eni_addresses(eni: &NetworkInterface) -> Vec<(Family, String)> {
    let mut out: Vec<(Family, String)> = eni
        .public_ipv4s()
        .into_iter()
        .map(|a| (Family::V4, a.to_string()))
        .collect();
    for a in &eni.ipv6_addresses {
        if parse_cidr(&format!("{}/128", a.ipv6_address)).is_some_and(|n| is_internet(&n)) {
            out.push((Family::V6, a.ipv6_address.clone()));
        }
    }
    out
}

fn instance_addresses(i: &Instance) -> Vec<InstanceInterface> {
    // (interface id, subnet, groups, addresses) of each interface, from DescribeInstances.
    let mut out = Vec::new();
    for ni in &i.network_interfaces {
        let mut addrs: Vec<(Family, String)> = Vec::new();
        let assoc = ni
            .private_ip_addresses
            .iter()
            .filter_map(|p| p.association.as_ref())
            .chain(ni.association.as_ref());
        for a in assoc {
            if let Some(ip) = &a.public_ip
                && !addrs.iter().any(|(_, x)| x == ip)
            {
                addrs.push((Family::V4, ip.clone()));
            }
        }
        for a in &ni.ipv6_addresses {
            if parse_cidr(&format!("{}/128", a.ipv6_address)).is_some_and(|n| is_internet(&n)) {
                addrs.push((Family::V6, a.ipv6_address.clone()));
            }
        }
        out.push((
            ni.network_interface_id.clone().unwrap_or_default(),
            ni.subnet_id.clone().or_else(|| i.subnet_id.clone()),
            ni.groups.iter().map(|g| g.group_id.clone()).collect(),
            addrs,
        ));
    }
    if out.is_empty() {
        let addrs = i
            .public_ip_address
            .iter()
            .map(|a| (Family::V4, a.clone()))
            .collect();
        out.push((
            String::new(),
            i.subnet_id.clone(),
            i.security_groups
                .iter()
                .map(|g| g.group_id.clone())
                .collect(),
            addrs,
        ));
    }
    out
}

/// (interface id, subnet, group ids, public addresses) of one instance interface.
type InstanceInterface = (String, Option<String>, Vec<String>, Vec<(Family, String)>);

/// What kind of owner an interface has.
enum Owner<'a> {
    Instance(&'a str),
    Lambda(String),
    /// Handled elsewhere (load balancer node, RDS, NAT gateway).
    Skip,
    Plain,
}

fn owner(eni: &NetworkInterface) -> Owner<'_> {
    let ty = eni.interface_type.as_deref().unwrap_or("interface");
    let desc = eni.description.as_deref().unwrap_or("");
    let requester = eni.requester_id.as_deref().unwrap_or("");
    if matches!(
        ty,
        "natGateway"
            | "nat_gateway"
            | "network_load_balancer"
            | "load_balancer"
            | "gateway_load_balancer"
    ) || desc.starts_with("ELB ")
        || desc == "RDSNetworkInterface"
        || requester == "amazon-rds"
        || requester == "amazon-elb"
    {
        return Owner::Skip;
    }
    if let Some(id) = eni
        .attachment
        .as_ref()
        .and_then(|a| a.instance_id.as_deref())
    {
        return Owner::Instance(id);
    }
    if ty == "lambda" || desc.starts_with("AWS Lambda VPC ENI-") {
        let name = desc.strip_prefix("AWS Lambda VPC ENI-").unwrap_or(desc);
        // The description ends in `-<uuid>` (36 characters).
        let name = if name.len() > 37 && name.is_char_boundary(name.len() - 37) {
            &name[..name.len() - 37]
        } else {
            name
        };
        return Owner::Lambda(if name.is_empty() {
            eni.network_interface_id.clone()
        } else {
            name.to_string()
        });
    }
    Owner::Plain
}

/// A backend an internet-facing load balancer forwards to.
struct Backend<'a> {
    resource: ResourceRef,
    node: Option<Node<'a>>,
    /// Why it gets no traffic (stopped, unused).
    blocked: Option<String>,
}

impl<'a> Ctx<'a, '_> {
    fn instance_state(&mut self, id: &str) -> Result<Option<&'a Instance>, String> {
        let inv = self.inv;
        let region = self.region;
        let by_id = self.instances.get_or_insert_with(|| {
            inv.ec2
                .instances
                .get(region)
                .map(|list| {
                    let mut m = HashMap::with_capacity(list.len());
                    for i in list.iter() {
                        m.entry(i.instance_id.as_str()).or_insert(i);
                    }
                    m
                })
                .map_err(|g| g.to_string())
        });
        match by_id {
            Ok(m) => Ok(m.get(id).copied()),
            Err(g) => Err(g.clone()),
        }
    }

    fn instance_ref(&self, i: &Instance) -> ResourceRef {
        self.resource(
            ResourceType::Ec2Instance,
            &i.instance_id,
            Some(i.arn(&self.inv.partition, &self.inv.account_id)),
        )
    }

    /// Interfaces: from DescribeNetworkInterfaces, else from the instances' own lists.
    fn interfaces(&mut self) {
        let inv = self.inv;
        let region = self.region;
        match inv.ec2.network_interfaces.get(region) {
            Ok(list) => {
                for eni in list {
                    let resource = match owner(eni) {
                        Owner::Skip => continue,
                        Owner::Instance(id) => {
                            match self.instance_state(id) {
                                Ok(Some(i)) => {
                                    let r = self.instance_ref(i);
                                    if self.focus.is_some_and(|f| {
                                        !matches_focus(f, &r, &[eni.network_interface_id.as_str()])
                                    }) {
                                        continue;
                                    }
                                    if i.state_name() != Some("running") {
                                        self.stopped(&r, i);
                                        continue;
                                    }
                                    r
                                }
                                Ok(None) => {
                                    let r = self.resource(ResourceType::Ec2Instance, id, None);
                                    self.reports.unknown(
                                    &r,
                                    format!("instance {id} (of {}) was not listed by DescribeInstances", eni.network_interface_id),
                                );
                                    continue;
                                }
                                Err(g) => {
                                    let r = self.resource(ResourceType::Ec2Instance, id, None);
                                    self.reports.unknown(&r, format!("whether it runs: {g}"));
                                    continue;
                                }
                            }
                        }
                        Owner::Lambda(name) => {
                            self.resource(ResourceType::LambdaFunction, &name, None)
                        }
                        Owner::Plain => self.resource(
                            ResourceType::Ec2NetworkInterface,
                            &eni.network_interface_id,
                            Some(eni.arn(&inv.partition, &inv.account_id)),
                        ),
                    };
                    if let Some(f) = self.focus
                        && !matches_focus(f, &resource, &[eni.network_interface_id.as_str()])
                    {
                        continue;
                    }
                    let Some(subnet) = eni.subnet_id.as_deref() else {
                        continue;
                    };
                    let node = Node {
                        subnet,
                        vpc: eni.vpc_id.as_deref(),
                        groups: Some(eni.groups.iter().map(|g| g.group_id.as_str()).collect()),
                        label: eni.network_interface_id.clone(),
                    };
                    let addrs = eni_addresses(eni);
                    self.add_direct(&resource, &node, &addrs, None);
                }
            }
            Err(g) => {
                self.region_unknown.push(format!(
                    "network interfaces other than EC2 instances' (standalone, Lambda, endpoints) are unknown: {g}"
                ));
                let Ok(list) = inv.ec2.instances.get(region) else {
                    return;
                };
                for i in list {
                    let r = self.instance_ref(i);
                    if let Some(f) = self.focus
                        && !matches_focus(f, &r, &[])
                    {
                        continue;
                    }
                    if i.state_name() != Some("running") {
                        self.stopped(&r, i);
                        continue;
                    }
                    for (_eni, subnet, groups, addrs) in instance_addresses(i) {
                        let Some(subnet) = subnet else { continue };
                        let node = Node {
                            subnet: leak_free(i, &subnet),
                            vpc: i.vpc_id.as_deref(),
                            groups: Some(groups.iter().map(|g| group_ref(i, g)).collect()),
                            label: i.instance_id.clone(),
                        };
                        self.add_direct(&r, &node, &addrs, None);
                    }
                }
            }
        }
        // Instances whose state is unknown still need a verdict.
        if let Err(g) = inv.ec2.instances.get(region) {
            self.region_unknown
                .push(format!("which instances run is unknown: {g}"));
        }
    }

    fn stopped(&mut self, r: &ResourceRef, i: &Instance) {
        self.reports.get(r).inactive = true;
        let state = i.state_name().unwrap_or("in an unknown state");
        self.reports.note(
            r,
            format!(
                "instance {} is {state}: only running instances accept traffic",
                i.instance_id
            ),
        );
        if self.explain() {
            self.reports.fail_trace(
                r,
                vec![Hop::fail(format!("instance {} is {state}", i.instance_id))],
            );
        }
    }

    /// Publicly accessible RDS instances, through any subnet of their subnet group.
    fn databases(&mut self) {
        let inv = self.inv;
        let list = match inv.rds.db_instances.get(self.region) {
            Ok(l) => l,
            Err(g) => {
                self.region_unknown
                    .push(format!("which databases exist is unknown: {g}"));
                return;
            }
        };
        for db in list {
            let r = self.resource(
                ResourceType::RdsDbInstance,
                &db.db_instance_identifier,
                Some(db.arn(&inv.partition, &inv.account_id)),
            );
            let address = db.endpoint.as_ref().and_then(|e| e.address.clone());
            if let Some(f) = self.focus
                && !matches_focus(f, &r, &[address.as_deref().unwrap_or("")])
            {
                continue;
            }
            self.reports.get(&r);
            let status = db.db_instance_status.as_deref().unwrap_or("");
            if matches!(status, "stopped" | "stopping" | "deleting") {
                self.reports.note(&r, format!("DB instance is {status}"));
                if self.explain() {
                    self.reports
                        .fail_trace(&r, vec![Hop::fail(format!("DB instance is {status}"))]);
                }
                continue;
            }
            if !db.publicly_accessible {
                self.reports.note(
                    &r,
                    "PubliclyAccessible is false: its endpoint resolves to a private address"
                        .into(),
                );
                if self.explain() {
                    self.reports.fail_trace(
                        &r,
                        vec![Hop::fail("PubliclyAccessible is false: the endpoint resolves to a private address")],
                    );
                }
                continue;
            }
            let Some(port) = db
                .endpoint
                .as_ref()
                .and_then(|e| e.port)
                .and_then(|p| u32::try_from(p).ok())
            else {
                self.reports
                    .unknown(&r, "the DB instance has no endpoint port yet".into());
                continue;
            };
            let address = address.unwrap_or_else(|| db.db_instance_identifier.clone());
            let groups: Vec<&str> = db.security_group_ids().collect();
            let vpc = db
                .db_subnet_group
                .as_ref()
                .and_then(|g| g.vpc_id.as_deref());
            let subnets: Vec<&str> = db
                .db_subnet_group
                .as_ref()
                .map(|g| {
                    g.subnets
                        .iter()
                        .map(|s| s.subnet_identifier.as_str())
                        .collect()
                })
                .unwrap_or_default();
            let mut reaches = Vec::new();
            for subnet in subnets {
                let node = Node {
                    subnet,
                    vpc,
                    groups: Some(groups.clone()),
                    label: db.db_instance_identifier.clone(),
                };
                let mut rs = reaches_of(&self.evaluate(
                    &r,
                    &node,
                    Family::V4,
                    &address,
                    Some(vec![(Proto::Tcp, PortSet::single(port))]),
                ))
                .to_vec();
                for x in &mut rs {
                    x.hops.insert(
                        0,
                        format!(
                            "{} (PubliclyAccessible) in {subnet}",
                            db.db_instance_identifier
                        ),
                    );
                }
                reaches.extend(rs);
            }
            if reaches.is_empty() {
                self.reports.note(
                    &r,
                    "route tables, network ACLs or security groups stop internet traffic".into(),
                );
            }
            let ex = summarize(&r, &address, &reaches);
            self.reports.get(&r).exposures.extend(ex);
        }
    }

    /// The node a target (instance ID or IP) stands for.
    fn backend(&mut self, target_type: &str, id: &str) -> Option<Backend<'a>> {
        let inv = self.inv;
        match target_type {
            "instance" => {
                let i = match self.instance_state(id) {
                    Ok(Some(i)) => i,
                    Ok(None) => return None,
                    Err(g) => {
                        let r = self.resource(ResourceType::Ec2Instance, id, None);
                        self.reports.unknown(&r, format!("whether it runs: {g}"));
                        return None;
                    }
                };
                let resource = self.instance_ref(i);
                if i.state_name() != Some("running") {
                    return Some(Backend {
                        resource,
                        node: None,
                        blocked: Some(format!(
                            "instance {} is {}",
                            id,
                            i.state_name().unwrap_or("not running")
                        )),
                    });
                }
                // The primary interface (device index 0) receives load balancer traffic.
                let primary = i
                    .network_interfaces
                    .iter()
                    .find(|n| n.subnet_id.is_some())
                    .map(|n| {
                        (
                            n.subnet_id.as_deref(),
                            n.groups
                                .iter()
                                .map(|g| g.group_id.as_str())
                                .collect::<Vec<_>>(),
                        )
                    });
                let (subnet, groups) = match primary {
                    Some((Some(s), g)) => (s, g),
                    _ => (
                        i.subnet_id.as_deref()?,
                        i.security_groups
                            .iter()
                            .map(|g| g.group_id.as_str())
                            .collect(),
                    ),
                };
                Some(Backend {
                    resource,
                    node: Some(Node {
                        subnet,
                        vpc: i.vpc_id.as_deref(),
                        groups: Some(groups),
                        label: id.to_string(),
                    }),
                    blocked: None,
                })
            }
            "ip" => {
                let enis = inv.ec2.network_interfaces.get(self.region).ok()?;
                let eni = enis.iter().find(|e| {
                    e.private_ip_address.as_deref() == Some(id)
                        || e.private_ip_addresses
                            .iter()
                            .any(|p| p.private_ip_address.as_deref() == Some(id))
                })?;
                let resource = match owner(eni) {
                    Owner::Instance(iid) => match self.instance_state(iid) {
                        Ok(Some(i)) => self.instance_ref(i),
                        _ => self.resource(ResourceType::Ec2Instance, iid, None),
                    },
                    Owner::Lambda(n) => self.resource(ResourceType::LambdaFunction, &n, None),
                    _ => self.resource(
                        ResourceType::Ec2NetworkInterface,
                        &eni.network_interface_id,
                        Some(eni.arn(&inv.partition, &inv.account_id)),
                    ),
                };
                Some(Backend {
                    resource,
                    node: Some(Node {
                        subnet: eni.subnet_id.as_deref()?,
                        vpc: eni.vpc_id.as_deref(),
                        groups: Some(eni.groups.iter().map(|g| g.group_id.as_str()).collect()),
                        label: eni.network_interface_id.clone(),
                    }),
                    blocked: None,
                })
            }
            _ => None,
        }
    }

    /// The second leg: from the load balancer's nodes to a backend on `port`.
    #[allow(clippy::too_many_arguments)]
    fn backend_leg(
        &mut self,
        lb_subnets: &[&str],
        lb_vpc: Option<&str>,
        lb_groups: &[&str],
        node: &Node<'a>,
        port: u32,
        preserve_client: Option<IpNet>,
    ) -> Result<Option<(IpNet, Vec<String>)>, String> {
        let idx = self.idx;
        let want = PortSet::single(port);
        let tacl = idx.acl(node.subnet, node.vpc)?;
        let groups = node.groups.clone().unwrap_or_default();
        let target_cidrs = idx.subnet_cidrs(node.subnet)?;
        let mut failures = Vec::new();
        for lb_subnet in lb_subnets {
            let lb_cidrs = idx.subnet_cidrs(lb_subnet)?;
            let lacl = idx.acl(lb_subnet, lb_vpc)?;
            // Source the target sees: the client (preserved) or the load balancer node.
            let peers: Vec<IpNet> = match preserve_client {
                Some(x) => vec![x],
                None => lb_cidrs
                    .iter()
                    .filter(|c| Family::of(c) == Family::V4)
                    .copied()
                    .collect(),
            };
            for peer in peers {
                let fam = Family::of(&peer);
                // Security groups of the target.
                let mut sg_hop = None;
                let mut from = peer;
                'groups: for id in &groups {
                    let sg = idx.sg(id)?;
                    for rule in &sg.rules {
                        if rule.ports(fam, Proto::Tcp).intersect(&want).is_empty() {
                            continue;
                        }
                        for src in &rule.sources {
                            let hit = match src {
                                Source::Group(g) => lb_groups.contains(g).then(|| g.to_string()),
                                Source::Cidr(c) if Family::of(c) == fam => {
                                    if c.contains(&peer) {
                                        Some(c.to_string())
                                    } else if preserve_client.is_some()
                                        && peer.contains(c)
                                        && is_internet(c)
                                    {
                                        from = *c;
                                        Some(c.to_string())
                                    } else {
                                        None
                                    }
                                }
                                Source::PrefixList(pl, Ok(v)) => {
                                    v.iter().any(|c| c.contains(&peer)).then(|| pl.to_string())
                                }
                                _ => None,
                            };
                            if let Some(src) = hit {
                                sg_hop = Some(format!(
                                    "{} {} from {src}",
                                    sg.id,
                                    rule.describe(fam, Proto::Tcp)
                                ));
                                break 'groups;
                            }
                        }
                    }
                }
                let Some(sg_hop) = sg_hop else {
                    failures.push(format!(
                        "no rule of {} admits tcp {port} from the load balancer",
                        groups.join(", ")
                    ));
                    continue;
                };
                let tin = tacl.decide(false, fam, Proto::Tcp, &from, &want);
                let Some(tin) = tin.iter().find(|d| d.allow) else {
                    failures.push(format!("{} denies tcp {port} from {from}", tacl.id));
                    continue;
                };
                let tout = tacl.decide(true, fam, Proto::Tcp, &from, &Proto::Tcp.ephemeral());
                let Some(tout) = tout.iter().find(|d| d.allow) else {
                    failures.push(format!("{} denies replies to {from}", tacl.id));
                    continue;
                };
                let mut hops = Vec::new();
                if preserve_client.is_none() {
                    let Some(tc) = target_cidrs.iter().find(|c| Family::of(c) == fam) else {
                        continue;
                    };
                    let lout = lacl.decide(true, fam, Proto::Tcp, tc, &want);
                    let Some(lout) = lout.iter().find(|d| d.allow) else {
                        failures.push(format!("{} denies tcp {port} to {tc}", lacl.id));
                        continue;
                    };
                    let lin = lacl.decide(false, fam, Proto::Tcp, tc, &Proto::Tcp.ephemeral());
                    let Some(lin) = lin.iter().find(|d| d.allow) else {
                        failures.push(format!("{} denies replies from {tc}", lacl.id));
                        continue;
                    };
                    hops.push(format!("{} allow outbound", acl_rule_name(lacl, lout)));
                    hops.push(format!("{} allow return", acl_rule_name(lacl, lin)));
                }
                hops.push(format!("{} allow", acl_rule_name(tacl, tin)));
                hops.push(format!("{} allow return", acl_rule_name(tacl, tout)));
                hops.push(sg_hop);
                return Ok(Some((from, hops)));
            }
        }
        if self.explain() && !failures.is_empty() {
            return Err(format!("blocked: {}", failures.join("; ")));
        }
        Ok(None)
    }

    fn load_balancers(&mut self) {
        let inv = self.inv;
        let lbs = match inv.elbv2.load_balancers.get(self.region) {
            Ok(l) => l,
            Err(g) => {
                self.region_unknown.push(format!(
                    "load balancers are unknown, so any instance could be behind one: {g}"
                ));
                return;
            }
        };
        let tgs = inv.elbv2.target_groups.get(self.region);
        for lb in lbs {
            self.load_balancer(lb, &tgs);
        }
    }

    fn load_balancer(
        &mut self,
        lb: &'a LoadBalancer,
        tgs: &Result<&'a Vec<rampart_model::inventory::elbv2::TargetGroup>, rampart_model::Gap>,
    ) {
        if !lb.is_internet_facing() || !matches!(lb.kind(), "application" | "network") {
            return;
        }
        if lb.state.as_ref().and_then(|s| s.code.as_deref()) == Some("failed") {
            return;
        }
        let r = self.resource(
            ResourceType::ElbV2LoadBalancer,
            &lb.load_balancer_name,
            Some(lb.load_balancer_arn.clone()),
        );
        let listeners = match &lb.listeners {
            Ok(l) => l,
            Err(g) => {
                let msg = format!("what {} forwards is unknown: {g}", lb.load_balancer_name);
                self.reports.unknown(&r, msg.clone());
                self.region_unknown.push(msg);
                return;
            }
        };
        let mut service: Vec<(Proto, PortSet)> = Vec::new();
        for l in listeners {
            let Some(p) = l.port.and_then(|p| u32::try_from(p).ok()) else {
                continue;
            };
            let proto = l.protocol.as_deref().unwrap_or("TCP");
            if matches!(proto, "UDP" | "TCP_UDP") {
                service.push((Proto::Udp, PortSet::single(p)));
            }
            if proto != "UDP" {
                service.push((Proto::Tcp, PortSet::single(p)));
            }
        }
        let is_nlb = lb.kind() == "network";
        let groups: Option<Vec<&str>> = if lb.security_groups.is_empty() && is_nlb {
            None
        } else {
            Some(lb.security_groups.iter().map(String::as_str).collect())
        };
        let address = lb
            .dns_name
            .clone()
            .unwrap_or_else(|| lb.load_balancer_name.clone());
        let ip_type = lb.ip_address_type.as_deref().unwrap_or("ipv4");
        let mut fams = Vec::new();
        if ip_type != "dualstack-without-public-ipv4" {
            fams.push(Family::V4);
        }
        if ip_type.starts_with("dualstack") {
            fams.push(Family::V6);
        }
        let subnets: Vec<&str> = lb
            .availability_zones
            .iter()
            .filter_map(|z| z.subnet_id.as_deref())
            .collect();
        let lb_focus = self
            .focus
            .is_none_or(|f| matches_focus(f, &r, &[address.as_str()]));
        let saved_focus = self.focus;
        if !lb_focus {
            // Backends may still be the focus: evaluate the front leg without tracing it.
            self.focus = None;
        }
        let mut reaches = Vec::new();
        for fam in &fams {
            for subnet in &subnets {
                let node = Node {
                    subnet,
                    vpc: lb.vpc_id.as_deref(),
                    groups: groups.clone(),
                    label: lb.load_balancer_name.clone(),
                };
                let nr = self.evaluate(&r, &node, *fam, &address, Some(service.clone()));
                reaches.extend(reaches_of(&nr).iter().cloned());
            }
        }
        self.focus = saved_focus;
        if lb_focus {
            if reaches.is_empty() {
                self.reports.note(
                    &r,
                    "route tables, network ACLs or security groups stop internet traffic".into(),
                );
            }
            let ex = summarize(&r, &address, &reaches);
            self.reports.get(&r).exposures.extend(ex);
        } else {
            let i = self.reports.index(&r);
            self.reports.hidden.push(i);
        }
        // Second leg: listener -> target group -> target.
        let tgs = match tgs {
            Ok(t) => *t,
            Err(g) => {
                self.region_unknown.push(format!(
                    "what {} forwards to is unknown: {g}",
                    lb.load_balancer_name
                ));
                return;
            }
        };
        reaches.sort_by_key(|x| x.from.prefix_len());
        for l in listeners {
            let Some(lport) = l.port.and_then(|p| u32::try_from(p).ok()) else {
                continue;
            };
            // The widest way in to this listener.
            let Some(front) = reaches
                .iter()
                .find(|x| x.proto == Proto::Tcp && x.ports.contains(lport))
            else {
                continue;
            };
            let mut arns: Vec<&str> = Vec::new();
            let rules: &[Rule] = match &l.rules {
                Ok(r) if !is_nlb => r,
                _ => &[],
            };
            // The default actions, then every rule's: a `forward` (one target group, or several
            // weighted ones) reaches its groups; `redirect` and `fixed-response` reach nothing.
            for a in l
                .default_actions
                .iter()
                .chain(rules.iter().flat_map(|r| r.actions.iter()))
            {
                for arn in forwarded_groups(a) {
                    if !arns.contains(&arn) {
                        arns.push(arn);
                    }
                }
            }
            if !is_nlb && l.rules.is_err() {
                // Rules not read: any target group of the load balancer may be behind a rule.
                for tg in tgs.iter() {
                    if tg.load_balancer_arns.contains(&lb.load_balancer_arn)
                        && !arns.contains(&tg.target_group_arn.as_str())
                    {
                        arns.push(&tg.target_group_arn);
                    }
                }
            }
            for arn in arns {
                let Some(tg) = tgs.iter().find(|t| t.target_group_arn == arn) else {
                    continue;
                };
                let targets = match &tg.targets {
                    Ok(t) => t,
                    Err(g) => {
                        self.region_unknown.push(format!(
                            "the targets of {} behind {} are unknown: {g}",
                            tg.target_group_name, lb.load_balancer_name
                        ));
                        continue;
                    }
                };
                let ttype = tg.target_type.as_deref().unwrap_or("instance");
                for t in targets {
                    let Some(port) = t
                        .target
                        .port
                        .or(tg.port)
                        .and_then(|p| u32::try_from(p).ok())
                    else {
                        continue;
                    };
                    if t.target_health.as_ref().and_then(|h| h.state.as_deref()) == Some("unused") {
                        continue;
                    }
                    let leg = format!(
                        "{} listener {} {lport} -> {} port {port}",
                        lb.load_balancer_name,
                        l.protocol.as_deref().unwrap_or("TCP"),
                        tg.target_group_name
                    );
                    if ttype == "lambda" {
                        let name = t.target.id.rsplit(':').next().unwrap_or(&t.target.id);
                        let br = self.resource(
                            ResourceType::LambdaFunction,
                            name,
                            Some(t.target.id.clone()),
                        );
                        if self.focus.is_some_and(|f| !matches_focus(f, &br, &[])) {
                            continue;
                        }
                        let mut path = front.hops.clone();
                        path.push(leg);
                        self.add_exposure(&br, &address, Proto::Tcp, lport, front.from, path);
                        continue;
                    }
                    let Some(b) = self.backend(ttype, &t.target.id) else {
                        continue;
                    };
                    if let Some(f) = self.focus
                        && !matches_focus(f, &b.resource, &[t.target.id.as_str()])
                    {
                        continue;
                    }
                    if let Some(f) = self.focus
                        && (f.proto != Proto::Tcp || f.port != port)
                    {
                        continue;
                    }
                    if let Some(why) = b.blocked {
                        self.reports.note(
                            &b.resource,
                            format!("{why}, so {} cannot reach it", lb.load_balancer_name),
                        );
                        if self.explain() {
                            let mut h: Vec<Hop> = front.hops.iter().map(Hop::ok).collect();
                            h.push(Hop::ok(leg.clone()));
                            h.push(Hop::fail(why));
                            self.reports.fail_trace(&b.resource, h);
                        }
                        continue;
                    }
                    let Some(node) = b.node else { continue };
                    // Network load balancers keep the client's address for instance targets.
                    let preserve = (is_nlb && ttype == "instance").then_some(front.from);
                    match self.backend_leg(&subnets, lb.vpc_id.as_deref(), &lb.security_groups.iter().map(String::as_str).collect::<Vec<_>>(), &node, port, preserve) {
                        Ok(Some((from, hops))) => {
                            let mut path = front.hops.clone();
                            path.push(leg);
                            path.extend(hops);
                            let from = if preserve.is_some() { from } else { front.from };
                            self.add_exposure(&b.resource, &address, Proto::Tcp, port, from, path);
                        }
                        Ok(None) => self.reports.note(
                            &b.resource,
                            format!("{} forwards to it but its network ACL or security groups refuse the load balancer", lb.load_balancer_name),
                        ),
                        Err(reason) if reason.starts_with("blocked: ") => {
                            let mut h: Vec<Hop> = front.hops.iter().map(Hop::ok).collect();
                            h.push(Hop::ok(leg.clone()));
                            h.push(Hop::fail(reason.trim_start_matches("blocked: ")));
                            self.reports.fail_trace(&b.resource, h);
                        }
                        Err(reason) => self.reports.unknown(&b.resource, reason),
                    }
                }
            }
        }
    }

    fn add_exposure(
        &mut self,
        r: &ResourceRef,
        address: &str,
        proto: Proto,
        port: u32,
        from: IpNet,
        path: Vec<String>,
    ) {
        let reach = Reach {
            proto,
            from,
            ports: PortSet::single(port),
            hops: path,
        };
        let ex = summarize(r, address, [&reach]);
        let t = self.reports.get(r);
        for e in ex {
            if let Some(have) = t.exposures.iter_mut().find(|h| {
                h.address == e.address
                    && h.protocol == e.protocol
                    && h.from == e.from
                    && h.path == e.path
            }) {
                have.ports = have.ports.union(&e.ports);
            } else {
                t.exposures.push(e);
            }
        }
    }

    fn classic_load_balancers(&mut self) {
        let inv = self.inv;
        let lbs = match inv.elb.load_balancers.get(self.region) {
            Ok(l) => l,
            Err(g) => {
                self.region_unknown.push(format!(
                    "Classic Load Balancers are unknown, so any instance could be behind one: {g}"
                ));
                return;
            }
        };
        for lb in lbs {
            if !lb.is_internet_facing() || lb.vpc_id.is_none() {
                continue;
            }
            let r = self.resource(
                ResourceType::ElbLoadBalancer,
                &lb.load_balancer_name,
                Some(lb.arn(&inv.partition, &inv.account_id)),
            );
            let address = lb
                .dns_name
                .clone()
                .unwrap_or_else(|| lb.load_balancer_name.clone());
            let service: Vec<(Proto, PortSet)> = lb
                .listener_descriptions
                .iter()
                .filter_map(|l| u32::try_from(l.listener.load_balancer_port).ok())
                .map(|p| (Proto::Tcp, PortSet::single(p)))
                .collect();
            let groups: Vec<&str> = lb.security_groups.iter().map(String::as_str).collect();
            let subnets: Vec<&str> = lb.subnets.iter().map(String::as_str).collect();
            let lb_focus = self
                .focus
                .is_none_or(|f| matches_focus(f, &r, &[address.as_str()]));
            let saved = self.focus;
            if !lb_focus {
                self.focus = None;
            }
            let mut reaches = Vec::new();
            for subnet in &subnets {
                let node = Node {
                    subnet,
                    vpc: lb.vpc_id.as_deref(),
                    groups: Some(groups.clone()),
                    label: lb.load_balancer_name.clone(),
                };
                let nr = self.evaluate(&r, &node, Family::V4, &address, Some(service.clone()));
                reaches.extend(reaches_of(&nr).iter().cloned());
            }
            self.focus = saved;
            if lb_focus {
                let ex = summarize(&r, &address, &reaches);
                self.reports.get(&r).exposures.extend(ex);
            } else {
                let i = self.reports.index(&r);
                self.reports.hidden.push(i);
            }
            reaches.sort_by_key(|x| x.from.prefix_len());
            for l in &lb.listener_descriptions {
                let (Ok(lport), Ok(port)) = (
                    u32::try_from(l.listener.load_balancer_port),
                    u32::try_from(l.listener.instance_port),
                ) else {
                    continue;
                };
                let Some(front) = reaches.iter().find(|x| x.ports.contains(lport)).cloned() else {
                    continue;
                };
                for inst in &lb.instances {
                    let Some(b) = self.backend("instance", &inst.instance_id) else {
                        continue;
                    };
                    if let Some(f) = self.focus
                        && (!matches_focus(f, &b.resource, &[])
                            || f.port != port
                            || f.proto != Proto::Tcp)
                    {
                        continue;
                    }
                    let Some(node) = b.node else { continue };
                    let leg = format!(
                        "{} listener {} {lport} -> instance port {port}",
                        lb.load_balancer_name,
                        l.listener.protocol.as_deref().unwrap_or("TCP")
                    );
                    match self.backend_leg(
                        &subnets,
                        lb.vpc_id.as_deref(),
                        &groups,
                        &node,
                        port,
                        None,
                    ) {
                        Ok(Some((_, hops))) => {
                            let mut path = front.hops.clone();
                            path.push(leg);
                            path.extend(hops);
                            self.add_exposure(
                                &b.resource,
                                &address,
                                Proto::Tcp,
                                port,
                                front.from,
                                path,
                            );
                        }
                        Ok(None) => {}
                        Err(reason) if reason.starts_with("blocked: ") => {
                            let mut h: Vec<Hop> = front.hops.iter().map(Hop::ok).collect();
                            h.push(Hop::ok(leg));
                            h.push(Hop::fail(reason.trim_start_matches("blocked: ")));
                            self.reports.fail_trace(&b.resource, h);
                        }
                        Err(reason) => self.reports.unknown(&b.resource, reason),
                    }
                }
            }
        }
    }
}

/// A subnet ID borrowed from the instance (the fallback path keeps owned strings).
fn leak_free<'a>(i: &'a Instance, subnet: &str) -> &'a str {
    i.network_interfaces
        .iter()
        .filter_map(|n| n.subnet_id.as_deref())
        .chain(i.subnet_id.as_deref())
        .find(|s| *s == subnet)
        .unwrap_or("")
}

/// A group ID borrowed from the instance.
fn group_ref<'a>(i: &'a Instance, id: &str) -> &'a str {
    i.network_interfaces
        .iter()
        .flat_map(|n| n.groups.iter())
        .chain(i.security_groups.iter())
        .map(|g| g.group_id.as_str())
        .find(|g| *g == id)
        .unwrap_or("")
}

/// Whether a path question names this resource (by ID, ARN, or one of `aliases`).
fn matches_focus(f: &Focus, r: &ResourceRef, aliases: &[&str]) -> bool {
    f.to == r.id
        || r.arn.as_deref() == Some(f.to.as_str())
        || aliases.iter().any(|a| !a.is_empty() && *a == f.to)
}

fn run_region<'a>(
    inv: &'a Inventory,
    region: &'a str,
    focus: Option<&Focus>,
) -> (Reports, Vec<String>) {
    let idx = RegionIndex::new(inv, region);
    let mut cx = Ctx {
        inv,
        idx: &idx,
        region,
        focus,
        memo: HashMap::new(),
        cache: Caches::default(),
        instances: None,
        reports: Reports::default(),
        region_unknown: Vec::new(),
    };
    cx.interfaces();
    cx.databases();
    cx.load_balancers();
    cx.classic_load_balancers();
    // A private resource is only known to be out of reach when every way in is known.
    let lb_unknown: Vec<String> = cx
        .region_unknown
        .iter()
        .filter(|u| u.contains("load balancer") || u.contains("forwards"))
        .cloned()
        .collect();
    if !lb_unknown.is_empty() {
        for t in &mut cx.reports.list {
            if matches!(
                t.resource.kind,
                ResourceType::Ec2Instance
                    | ResourceType::Ec2NetworkInterface
                    | ResourceType::LambdaFunction
            ) && t.exposures.is_empty()
                && !t.inactive
            {
                for u in &lb_unknown {
                    if !t.unknown.contains(u) {
                        t.unknown.push(u.clone());
                    }
                }
            }
        }
    }
    (cx.reports, cx.region_unknown)
}

/// Everything the internet can reach in the account, region by region.
pub fn analyze(inv: &Inventory) -> Analysis {
    let mut out = Analysis::default();
    for region in &inv.regions {
        let (reports, unknown) = run_region(inv, region, None);
        out.targets.extend(reports.list);
        out.region_unknown
            .extend(unknown.into_iter().map(|u| (region.clone(), u)));
    }
    out
}

/// The answer to a path question.
#[derive(Debug, Clone, Serialize)]
pub struct PathReport {
    pub resource: ResourceRef,
    /// `reachable`, `blocked` or `unknown`.
    pub verdict: &'static str,
    /// Reachable: the paths that get through (every hop ok). Blocked: the attempts, each ending
    /// at the hop that stops it.
    pub paths: Vec<Vec<Hop>>,
    pub unknown: Vec<String>,
}

/// Explains how (or whether) the internet reaches `focus.to` on one protocol and port. Empty
/// when no resource has that ID, ARN, name or address.
pub fn explain(inv: &Inventory, focus: &Focus) -> Vec<PathReport> {
    let mut out = Vec::new();
    for region in &inv.regions {
        let (reports, region_unknown) = run_region(inv, region, Some(focus));
        for (i, t) in reports.list.iter().enumerate() {
            if reports.hidden.contains(&i) {
                continue;
            }
            let hits: Vec<&Exposure> = t
                .exposures
                .iter()
                .filter(|e| e.includes(focus.proto, focus.port))
                .collect();
            let mut unknown = t.unknown.clone();
            if hits.is_empty() {
                for u in &region_unknown {
                    if !unknown.contains(u) {
                        unknown.push(u.clone());
                    }
                }
            }
            let (verdict, paths) = if !hits.is_empty() {
                let paths = hits
                    .iter()
                    .map(|e| {
                        let mut h = vec![Hop::ok(format!("{} from {}", e.address, e.from))];
                        h.extend(e.path.iter().map(Hop::ok));
                        h
                    })
                    .collect();
                ("reachable", paths)
            } else {
                let mut fails: Vec<Vec<Hop>> = reports
                    .failures
                    .iter()
                    .filter(|(j, _)| *j == i)
                    .map(|(_, h)| h.clone())
                    .collect();
                // The attempts that got furthest first.
                fails.sort_by_key(|h| std::cmp::Reverse(h.iter().filter(|x| x.ok).count()));
                fails.dedup();
                fails.truncate(5);
                if fails.is_empty() {
                    for n in &t.notes {
                        fails.push(vec![Hop::fail(n.clone())]);
                    }
                }
                (
                    if unknown.is_empty() {
                        "blocked"
                    } else {
                        "unknown"
                    },
                    fails,
                )
            };
            out.push(PathReport {
                resource: t.resource.clone(),
                verdict,
                paths,
                unknown,
            });
        }
    }
    out
}
