//! Reachability semantics, each test following an AWS documentation page (cited above it).
//! Inputs are snapshot calls in the shapes the AWS CLI prints, loaded by the real parser.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rampart_model::{Inventory, LoadOptions, load_snapshot};
use rampart_net::{Analysis, Focus, Proto, analyze, explain};
use serde_json::{Value, json};

const R: &str = "us-east-1";

fn call(service: &str, op: &str, params: Value, response: Value) -> Value {
    json!({"service": service, "operation": op, "region": R, "params": params, "response": response})
}

fn load(calls: Vec<Value>) -> Inventory {
    let snap = json!({"rampart_snapshot": 1, "account_id": "123456789012", "partition": "aws",
        "collected_at": "2026-11-20T09:00:00Z", "regions": [R], "calls": calls});
    load_snapshot(
        "t.json",
        &serde_json::to_vec(&snap).unwrap(),
        &LoadOptions::default(),
    )
    .unwrap()
    .inventory
}

fn acl_entry(
    n: i64,
    egress: bool,
    proto: &str,
    allow: bool,
    cidr: &str,
    ports: Option<(i64, i64)>,
) -> Value {
    let mut e = json!({"RuleNumber": n, "Egress": egress, "Protocol": proto,
        "RuleAction": if allow { "allow" } else { "deny" }});
    if cidr.contains(':') {
        e["Ipv6CidrBlock"] = json!(cidr);
    } else {
        e["CidrBlock"] = json!(cidr);
    }
    if let Some((a, b)) = ports {
        e["PortRange"] = json!({"From": a, "To": b});
    }
    e
}

fn allow_all_acl() -> Vec<Value> {
    vec![
        acl_entry(100, false, "-1", true, "0.0.0.0/0", None),
        acl_entry(101, false, "-1", true, "::/0", None),
        acl_entry(100, true, "-1", true, "0.0.0.0/0", None),
        acl_entry(101, true, "-1", true, "::/0", None),
        acl_entry(32767, false, "-1", false, "0.0.0.0/0", None),
        acl_entry(32767, true, "-1", false, "0.0.0.0/0", None),
    ]
}

fn tcp(port: i64, cidrs: &[&str]) -> Value {
    let (v4, v6): (Vec<&str>, Vec<&str>) = cidrs.iter().partition(|c| !c.contains(':'));
    json!({"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
        "IpRanges": v4.iter().map(|c| json!({"CidrIp": c})).collect::<Vec<_>>(),
        "Ipv6Ranges": v6.iter().map(|c| json!({"CidrIpv6": c})).collect::<Vec<_>>(),
        "PrefixListIds": [], "UserIdGroupPairs": []})
}

/// A VPC `vpc-1` (10.0.0.0/16) with subnet `subnet-a` (10.0.1.0/24) and the pieces a test
/// changes: routes of the main table, whether `subnet-a` has an explicit table with `explicit`
/// routes, ACL entries, the group `sg-1` ingress, and the instance `i-1`.
struct World {
    main_routes: Vec<Value>,
    explicit_routes: Option<Vec<Value>>,
    acl: Vec<Value>,
    ingress: Vec<Value>,
    state: &'static str,
    ipv6: Option<&'static str>,
    extra: Vec<Value>,
}

fn route(dest: &str, target_key: &str, target: &str) -> Value {
    let key = if dest.contains(':') {
        "DestinationIpv6CidrBlock"
    } else {
        "DestinationCidrBlock"
    };
    json!({key: dest, target_key: target, "Origin": "CreateRoute", "State": "active"})
}

fn local() -> Value {
    json!({"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"})
}

impl World {
    fn public() -> World {
        World {
            main_routes: vec![local(), route("0.0.0.0/0", "GatewayId", "igw-1")],
            explicit_routes: None,
            acl: allow_all_acl(),
            ingress: vec![tcp(22, &["0.0.0.0/0"])],
            state: "running",
            ipv6: None,
            extra: Vec::new(),
        }
    }

    fn calls(self) -> Vec<Value> {
        let mut tables = vec![
            json!({"RouteTableId": "rtb-main", "VpcId": "vpc-1", "OwnerId": "123456789012",
            "Routes": self.main_routes, "PropagatingVgws": [],
            "Associations": [{"Main": true, "RouteTableAssociationId": "rtbassoc-m", "RouteTableId": "rtb-main",
                              "AssociationState": {"State": "associated"}}]}),
        ];
        if let Some(routes) = self.explicit_routes {
            tables.push(json!({"RouteTableId": "rtb-a", "VpcId": "vpc-1", "Routes": routes, "PropagatingVgws": [],
                "Associations": [{"Main": false, "RouteTableAssociationId": "rtbassoc-a", "RouteTableId": "rtb-a",
                                  "SubnetId": "subnet-a", "AssociationState": {"State": "associated"}}]}));
        }
        let ipv6: Vec<Value> = self
            .ipv6
            .iter()
            .map(|a| json!({"Ipv6Address": a, "IsPrimaryIpv6": false}))
            .collect();
        let mut calls = vec![
            call(
                "ec2",
                "DescribeSubnets",
                json!({}),
                json!({"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1",
                "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a", "State": "available",
                "Ipv6CidrBlockAssociationSet": [{"AssociationId": "subnet-cidr-assoc-1", "Ipv6CidrBlock": "2600:1f18:1:100::/64",
                  "Ipv6CidrBlockState": {"State": "associated"}}]},
                {"SubnetId": "subnet-lb", "VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24", "AvailabilityZone": "us-east-1b",
                 "State": "available", "Ipv6CidrBlockAssociationSet": []}]}),
            ),
            call(
                "ec2",
                "DescribeRouteTables",
                json!({}),
                json!({"RouteTables": tables}),
            ),
            call(
                "ec2",
                "DescribeNetworkAcls",
                json!({}),
                json!({"NetworkAcls": [{"NetworkAclId": "acl-1",
                "VpcId": "vpc-1", "IsDefault": true, "Entries": self.acl,
                "Associations": [{"NetworkAclAssociationId": "aclassoc-1", "NetworkAclId": "acl-1", "SubnetId": "subnet-a"},
                                 {"NetworkAclAssociationId": "aclassoc-2", "NetworkAclId": "acl-1", "SubnetId": "subnet-lb"}]}]}),
            ),
            call(
                "ec2",
                "DescribeSecurityGroups",
                json!({}),
                json!({"SecurityGroups": [
                {"GroupId": "sg-1", "GroupName": "app", "Description": "app", "VpcId": "vpc-1", "OwnerId": "123456789012",
                 "IpPermissions": self.ingress, "IpPermissionsEgress": []},
                {"GroupId": "sg-lb", "GroupName": "lb", "Description": "lb", "VpcId": "vpc-1", "OwnerId": "123456789012",
                 "IpPermissions": [tcp(443, &["0.0.0.0/0"])], "IpPermissionsEgress": []}]}),
            ),
            call(
                "ec2",
                "DescribeInstances",
                json!({}),
                json!({"Reservations": [{"ReservationId": "r-1",
                "OwnerId": "123456789012", "Instances": [{"InstanceId": "i-1", "State": {"Code": 16, "Name": self.state},
                "SubnetId": "subnet-a", "VpcId": "vpc-1", "PrivateIpAddress": "10.0.1.10",
                "SecurityGroups": [{"GroupId": "sg-1", "GroupName": "app"}],
                "NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-a", "VpcId": "vpc-1",
                  "Groups": [{"GroupId": "sg-1", "GroupName": "app"}], "Ipv6Addresses": [],
                  "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.1.10"}]}]}]}]}),
            ),
            call(
                "ec2",
                "DescribeNetworkInterfaces",
                json!({}),
                json!({"NetworkInterfaces": [{
                "NetworkInterfaceId": "eni-1", "InterfaceType": "interface", "Status": "in-use", "Description": "",
                "SubnetId": "subnet-a", "VpcId": "vpc-1", "OwnerId": "123456789012", "PrivateIpAddress": "10.0.1.10",
                "Groups": [{"GroupId": "sg-1", "GroupName": "app"}], "Ipv6Addresses": ipv6,
                "Association": {"IpOwnerId": "amazon", "PublicIp": "203.0.113.10"},
                "Attachment": {"AttachmentId": "eni-attach-1", "DeviceIndex": 0, "InstanceId": "i-1", "Status": "attached"},
                "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.1.10",
                  "Association": {"IpOwnerId": "amazon", "PublicIp": "203.0.113.10"}}], "TagSet": []}]}),
            ),
            call(
                "rds",
                "DescribeDBInstances",
                json!({}),
                json!({"DBInstances": []}),
            ),
            call(
                "elbv2",
                "DescribeTargetGroups",
                json!({}),
                json!({"TargetGroups": []}),
            ),
            call(
                "elb",
                "DescribeLoadBalancers",
                json!({}),
                json!({"LoadBalancerDescriptions": []}),
            ),
        ];
        if !self
            .extra
            .iter()
            .any(|c| c["operation"] == "DescribeLoadBalancers" && c["service"] == "elbv2")
        {
            calls.push(call(
                "elbv2",
                "DescribeLoadBalancers",
                json!({}),
                json!({"LoadBalancers": []}),
            ));
        }
        for e in self.extra {
            let same = calls
                .iter()
                .position(|c| c["service"] == e["service"] && c["operation"] == e["operation"]);
            match same {
                Some(i) if e["operation"] != "DescribeInstances" => calls[i] = e,
                _ => calls.push(e),
            }
        }
        calls
    }

    fn analyze(self) -> Analysis {
        analyze(&load(self.calls()))
    }
}

/// (resource id, address, protocol, ports, from) of every exposure.
fn summary(a: &Analysis) -> Vec<(String, String, String, String, String)> {
    a.exposures()
        .map(|e| {
            (
                e.resource.id.clone(),
                e.address.clone(),
                e.protocol.to_string(),
                e.ports.describe(),
                e.from.clone(),
            )
        })
        .collect()
}

fn ssh_from_anywhere() -> Vec<(String, String, String, String, String)> {
    vec![(
        "i-1".into(),
        "203.0.113.10".into(),
        "tcp".into(),
        "22".into(),
        "0.0.0.0/0".into(),
    )]
}

// https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#RouteTables ("Main route
// table ... Subnets that are not explicitly associated with any route table use the main route
// table") and https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html
#[test]
fn subnet_without_association_uses_the_main_table() {
    assert_eq!(summary(&World::public().analyze()), ssh_from_anywhere());
    // Main table private, explicit table public: the explicit one wins.
    let mut w = World::public();
    w.main_routes = vec![local()];
    w.explicit_routes = Some(vec![local(), route("0.0.0.0/0", "GatewayId", "igw-1")]);
    assert_eq!(summary(&w.analyze()), ssh_from_anywhere());
    // Main table public, explicit table private: not reachable.
    let mut w = World::public();
    w.explicit_routes = Some(vec![local()]);
    let a = w.analyze();
    assert!(summary(&a).is_empty());
    let t = &a.targets[0];
    assert!(t.unknown.is_empty(), "{:?}", t.unknown);
}

// https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html#route-tables-priority
// ("we use the most specific route in your route table that matches the traffic").
#[test]
fn longest_prefix_match_decides_where_replies_go() {
    let mut w = World::public();
    w.main_routes
        .push(route("198.51.100.0/24", "NatGatewayId", "nat-1"));
    w.ingress = vec![tcp(22, &["198.51.100.0/24"]), tcp(443, &["0.0.0.0/0"])];
    let s = summary(&w.analyze());
    assert_eq!(
        s,
        vec![(
            "i-1".into(),
            "203.0.113.10".into(),
            "tcp".into(),
            "443".into(),
            "0.0.0.0/0".into()
        )]
    );
}

// https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html ("We evaluate the rules in
// order, starting with the lowest numbered rule ... As soon as a rule matches traffic, it's
// applied even if a higher-numbered rule contradicts it").
#[test]
fn network_acl_rules_apply_in_number_order() {
    let mut w = World::public();
    w.acl.push(acl_entry(
        90,
        false,
        "6",
        false,
        "0.0.0.0/0",
        Some((22, 22)),
    ));
    assert!(summary(&w.analyze()).is_empty());
    let mut w = World::public();
    w.acl.push(acl_entry(
        110,
        false,
        "6",
        false,
        "0.0.0.0/0",
        Some((22, 22)),
    ));
    assert_eq!(summary(&w.analyze()), ssh_from_anywhere());
    // A narrower deny before a wide allow: the rest of the internet still gets in.
    let mut w = World::public();
    w.acl
        .push(acl_entry(90, false, "-1", false, "198.51.100.0/24", None));
    assert_eq!(summary(&w.analyze()), ssh_from_anywhere());
}

// https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html and
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html ("Network ACLs are
// stateless, which means that responses to allowed inbound traffic are subject to the rules
// for outbound traffic").
#[test]
fn network_acl_return_traffic_needs_ephemeral_ports() {
    let mut w = World::public();
    w.acl = vec![
        acl_entry(100, false, "6", true, "0.0.0.0/0", Some((22, 22))),
        acl_entry(100, true, "6", true, "0.0.0.0/0", Some((443, 443))),
    ];
    let inv = load(w.calls());
    assert!(summary(&analyze(&inv)).is_empty());
    let why = explain(
        &inv,
        &Focus {
            to: "i-1".into(),
            proto: Proto::Tcp,
            port: 22,
        },
    );
    assert_eq!(why[0].verdict, "blocked");
    let stop = why[0].paths[0].iter().find(|h| !h.ok).unwrap();
    assert!(stop.text.contains("outbound replies"), "{}", stop.text);
    let mut w = World::public();
    w.acl = vec![
        acl_entry(100, false, "6", true, "0.0.0.0/0", Some((22, 22))),
        acl_entry(100, true, "6", true, "0.0.0.0/0", Some((1024, 65535))),
    ];
    assert_eq!(summary(&w.analyze()), ssh_from_anywhere());
}

// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html ("When you specify
// a security group as the source ... allows traffic from the network interfaces that are
// associated with the source security group"), never from the internet.
#[test]
fn group_references_do_not_admit_the_internet() {
    let mut w = World::public();
    w.ingress = vec![
        json!({"IpProtocol": "-1", "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [],
        "UserIdGroupPairs": [{"GroupId": "sg-lb", "UserId": "123456789012"}]}),
    ];
    let a = w.analyze();
    assert!(summary(&a).is_empty());
    assert!(a.targets[0].unknown.is_empty());
}

// https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html ("You can reference
// a prefix list in your security group rules").
#[test]
fn prefix_lists_expand_to_their_entries() {
    let pl_rule = json!({"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [], "Ipv6Ranges": [],
        "PrefixListIds": [{"PrefixListId": "pl-office"}], "UserIdGroupPairs": []});
    let mut w = World::public();
    w.ingress = vec![pl_rule.clone()];
    w.extra = vec![call(
        "ec2",
        "GetManagedPrefixListEntries",
        json!({"PrefixListId": "pl-office"}),
        json!({"Entries": [{"Cidr": "198.51.100.0/24", "Description": "office"}, {"Cidr": "10.9.0.0/16"}]}),
    )];
    let a = w.analyze();
    let s = summary(&a);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].4, "198.51.100.0/24");
    assert!(
        a.exposures()
            .next()
            .unwrap()
            .path
            .last()
            .unwrap()
            .contains("from pl-office")
    );
    // Entries not collected: unknown, not "not exposed".
    let mut w = World::public();
    w.ingress = vec![pl_rule];
    let a = w.analyze();
    assert!(summary(&a).is_empty());
    assert!(
        a.targets[0].unknown[0].contains("GetManagedPrefixListEntries"),
        "{:?}",
        a.targets[0].unknown
    );
}

// https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html ("An
// egress-only internet gateway ... prevents the internet from initiating an IPv6 connection
// with your instances") and https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html
#[test]
fn ipv6_through_internet_gateway_but_not_egress_only() {
    let mut w = World::public();
    w.ipv6 = Some("2600:1f18:1:100::10");
    w.ingress = vec![tcp(22, &["::/0"])];
    w.main_routes.push(route("::/0", "GatewayId", "igw-1"));
    let s = summary(&w.analyze());
    assert_eq!(
        s,
        vec![(
            "i-1".into(),
            "2600:1f18:1:100::10".into(),
            "tcp".into(),
            "22".into(),
            "::/0".into()
        )]
    );
    let mut w = World::public();
    w.ipv6 = Some("2600:1f18:1:100::10");
    w.ingress = vec![tcp(22, &["::/0"])];
    w.main_routes
        .push(route("::/0", "EgressOnlyInternetGatewayId", "eigw-1"));
    assert!(summary(&w.analyze()).is_empty());
}

// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-scheme
// ("The nodes of an internet-facing load balancer have public IP addresses ... can route
// requests from clients to targets using private IP addresses") and
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-register-targets.html#target-security-groups
#[test]
fn public_load_balancer_in_front_of_a_private_instance() {
    let lb_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1";
    let tg_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/2";
    let lb_calls = |app_ingress: Vec<Value>| {
        let mut w = World::public();
        w.main_routes = vec![local()];
        w.explicit_routes = None;
        // subnet-lb is public through its own table; subnet-a (the instance) is private.
        w.extra = vec![
            call(
                "ec2",
                "DescribeRouteTables",
                json!({}),
                json!({"RouteTables": [
                {"RouteTableId": "rtb-main", "VpcId": "vpc-1", "Routes": [local()],
                 "Associations": [{"Main": true, "RouteTableId": "rtb-main"}]},
                {"RouteTableId": "rtb-lb", "VpcId": "vpc-1", "Routes": [local(), route("0.0.0.0/0", "GatewayId", "igw-1")],
                 "Associations": [{"Main": false, "RouteTableId": "rtb-lb", "SubnetId": "subnet-lb"}]}]}),
            ),
            call(
                "elbv2",
                "DescribeLoadBalancers",
                json!({}),
                json!({"LoadBalancers": [{"LoadBalancerArn": lb_arn,
                "DNSName": "web-1.us-east-1.elb.amazonaws.com", "LoadBalancerName": "web", "Scheme": "internet-facing",
                "VpcId": "vpc-1", "State": {"Code": "active"}, "Type": "application",
                "AvailabilityZones": [{"ZoneName": "us-east-1b", "SubnetId": "subnet-lb", "LoadBalancerAddresses": []}],
                "SecurityGroups": ["sg-lb"], "IpAddressType": "ipv4"}]}),
            ),
            call(
                "elbv2",
                "DescribeListeners",
                json!({"LoadBalancerArn": lb_arn}),
                json!({"Listeners": [{
                "LoadBalancerArn": lb_arn, "Port": 443, "Protocol": "HTTPS",
                "DefaultActions": [{"Type": "forward", "TargetGroupArn": tg_arn}]}]}),
            ),
            call(
                "elbv2",
                "DescribeTargetGroups",
                json!({}),
                json!({"TargetGroups": [{"TargetGroupArn": tg_arn,
                "TargetGroupName": "app", "Protocol": "HTTP", "Port": 8080, "VpcId": "vpc-1", "TargetType": "instance",
                "LoadBalancerArns": [lb_arn]}]}),
            ),
            call(
                "elbv2",
                "DescribeTargetHealth",
                json!({"TargetGroupArn": tg_arn}),
                json!({"TargetHealthDescriptions": [
                {"Target": {"Id": "i-1", "Port": 8080}, "HealthCheckPort": "8080", "TargetHealth": {"State": "healthy"}}]}),
            ),
        ];
        w.ingress = app_ingress;
        w
    };
    let from_lb = json!({"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "IpRanges": [], "Ipv6Ranges": [],
        "PrefixListIds": [], "UserIdGroupPairs": [{"GroupId": "sg-lb", "UserId": "123456789012"}]});
    let s = summary(&lb_calls(vec![from_lb]).analyze());
    assert_eq!(
        s,
        vec![
            (
                "i-1".into(),
                "web-1.us-east-1.elb.amazonaws.com".into(),
                "tcp".into(),
                "8080".into(),
                "0.0.0.0/0".into()
            ),
            (
                "web".into(),
                "web-1.us-east-1.elb.amazonaws.com".into(),
                "tcp".into(),
                "443".into(),
                "0.0.0.0/0".into()
            ),
        ]
    );
    // The instance's group does not admit the load balancer: only the load balancer is exposed.
    let s = summary(&lb_calls(vec![tcp(8080, &["10.9.0.0/16"])]).analyze());
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].0, "web");
}

// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Stop_Start.html ("When you stop an
// instance ... it releases its public IPv4 address"; a stopped instance accepts no traffic).
#[test]
fn stopped_instances_are_not_reachable() {
    let mut w = World::public();
    w.state = "stopped";
    let a = w.analyze();
    assert!(summary(&a).is_empty());
    assert!(a.targets[0].inactive);
}

// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html ("instances in a
// private subnet can connect to services outside your VPC but external services can't initiate
// a connection with those instances").
#[test]
fn nat_only_subnets_are_not_reachable() {
    let mut w = World::public();
    w.main_routes = vec![local(), route("0.0.0.0/0", "NatGatewayId", "nat-1")];
    let inv = load(w.calls());
    assert!(summary(&analyze(&inv)).is_empty());
    let why = explain(
        &inv,
        &Focus {
            to: "i-1".into(),
            proto: Proto::Tcp,
            port: 22,
        },
    );
    let stop = why[0].paths[0].iter().find(|h| !h.ok).unwrap();
    assert!(stop.text.contains("NAT gateway"), "{}", stop.text);
}

// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding
// ("When the DB instance is publicly accessible ... resolves to the public IP address"; when
// not, to the private address only).
#[test]
fn rds_needs_publicly_accessible() {
    let db = |public: bool| {
        call(
            "rds",
            "DescribeDBInstances",
            json!({}),
            json!({"DBInstances": [{"DBInstanceIdentifier": "orders",
            "DBInstanceStatus": "available", "Engine": "postgres",
            "Endpoint": {"Address": "orders.abc.us-east-1.rds.amazonaws.com", "Port": 5432},
            "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-1", "Status": "active"}],
            "DBSubnetGroup": {"DBSubnetGroupName": "g", "VpcId": "vpc-1",
              "Subnets": [{"SubnetIdentifier": "subnet-a", "SubnetStatus": "Active"}]},
            "PubliclyAccessible": public}]}),
        )
    };
    let mut w = World::public();
    w.ingress = vec![tcp(5432, &["0.0.0.0/0"])];
    w.extra = vec![db(true)];
    let s = summary(&w.analyze());
    assert!(s.contains(&(
        "orders".into(),
        "orders.abc.us-east-1.rds.amazonaws.com".into(),
        "tcp".into(),
        "5432".into(),
        "0.0.0.0/0".into()
    )));
    let mut w = World::public();
    w.ingress = vec![tcp(5432, &["0.0.0.0/0"])];
    w.extra = vec![db(false)];
    assert!(summary(&w.analyze()).iter().all(|e| e.0 != "orders"));
}

// Rampart's rule (DESIGN): missing data is unknown, never "not exposed".
#[test]
fn missing_layers_make_the_answer_unknown() {
    let mut calls = World::public().calls();
    calls.retain(|c| c["operation"] != "DescribeNetworkAcls");
    let a = analyze(&load(calls));
    assert!(summary(&a).is_empty());
    assert!(
        a.targets[0].unknown[0].contains("DescribeNetworkAcls"),
        "{:?}",
        a.targets[0].unknown
    );
    let mut calls = World::public().calls();
    calls.retain(|c| c["service"] != "elbv2");
    let mut w = World::public();
    w.ingress = vec![];
    let mut calls2 = w.calls();
    calls2.retain(|c| c["service"] != "elbv2");
    let a = analyze(&load(calls2));
    assert!(
        a.targets[0]
            .unknown
            .iter()
            .any(|u| u.contains("load balancer"))
    );
    assert!(!analyze(&load(calls)).targets[0].exposures.is_empty());
}

// All protocols open, no ACL limit: one `all` exposure (CONTRACT §5 protocol `all`).
#[test]
fn all_traffic_is_reported_as_all() {
    let mut w = World::public();
    w.ingress = vec![
        json!({"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [],
        "PrefixListIds": [], "UserIdGroupPairs": []}),
    ];
    let s = summary(&w.analyze());
    assert_eq!(
        s,
        vec![(
            "i-1".into(),
            "203.0.113.10".into(),
            "all".into(),
            "0-65535".into(),
            "0.0.0.0/0".into()
        )]
    );
}

/// The `DescribeNetworkInterfaces` of `World` with `eni-1` private (no public address).
fn private_eni() -> Value {
    call(
        "ec2",
        "DescribeNetworkInterfaces",
        json!({}),
        json!({"NetworkInterfaces": [{
        "NetworkInterfaceId": "eni-1", "InterfaceType": "interface", "Status": "in-use", "Description": "",
        "SubnetId": "subnet-a", "VpcId": "vpc-1", "OwnerId": "123456789012", "PrivateIpAddress": "10.0.1.10",
        "Groups": [{"GroupId": "sg-1", "GroupName": "app"}], "Ipv6Addresses": [],
        "Attachment": {"AttachmentId": "eni-attach-1", "DeviceIndex": 0, "InstanceId": "i-1", "Status": "attached"},
        "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.1.10"}], "TagSet": []}]}),
    )
}

fn transit_unknowns(a: &Analysis) -> Vec<String> {
    a.targets
        .iter()
        .flat_map(|t| t.unknown.iter())
        .filter(|u| u.contains("transit gateway"))
        .cloned()
        .collect()
}

// https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html (paraphrased: the
// internet gateway translates an instance's public IPv4 address for the traffic it carries, and
// the subnet's route table must send internet-bound traffic to it) and
// https://docs.aws.amazon.com/prescriptive-guidance/latest/robust-network-design-control-tower/transit-gateway.html
// (spoke VPCs send 0.0.0.0/0 to the transit gateway, whose route tables carry it through a
// firewall VPC to an outbound VPC: internet traffic comes and goes through networks attached to
// the transit gateway). The transit gateway's route tables are not collected, so the answer is unknown:
// neither an exposure nor "unreachable".
#[test]
fn transit_gateway_routes_make_the_answer_unknown() {
    let tgw = || vec![local(), route("0.0.0.0/0", "TransitGatewayId", "tgw-0abc")];
    // A public address, but replies go to the transit gateway.
    let mut w = World::public();
    w.main_routes = tgw();
    let a = w.analyze();
    assert!(summary(&a).is_empty());
    let u = transit_unknowns(&a);
    assert_eq!(u.len(), 1, "{u:?}");
    assert!(u[0].contains("rtb-main 0.0.0.0/0 -> tgw-0abc"), "{}", u[0]);
    assert!(u[0].contains("tcp 22"), "{}", u[0]);
    // No public address: a central ingress VPC could still forward to it.
    let mut w = World::public();
    w.main_routes = tgw();
    w.extra = vec![private_eni()];
    let a = w.analyze();
    assert!(summary(&a).is_empty());
    assert_eq!(transit_unknowns(&a).len(), 1);
    // Other layers still decide: a group that admits no internet source, or an ACL that
    // denies the port, blocks it whatever the transit gateway does.
    let mut w = World::public();
    w.main_routes = tgw();
    w.extra = vec![private_eni()];
    w.ingress = vec![tcp(22, &["10.0.0.0/8"])];
    assert!(transit_unknowns(&w.analyze()).is_empty());
    let mut w = World::public();
    w.main_routes = tgw();
    let mut acl = vec![acl_entry(
        90,
        false,
        "6",
        false,
        "0.0.0.0/0",
        Some((22, 22)),
    )];
    acl.extend(allow_all_acl());
    w.acl = acl;
    assert!(transit_unknowns(&w.analyze()).is_empty());
    // A transit gateway route for private blocks only changes nothing.
    let mut w = World::public();
    w.main_routes
        .push(route("172.16.0.0/12", "TransitGatewayId", "tgw-0abc"));
    let a = w.analyze();
    assert_eq!(summary(&a), ssh_from_anywhere());
    assert!(transit_unknowns(&a).is_empty());
}

// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html
// (rules: a `forward` action routes requests to one or more weighted target groups, a `redirect`
// or `fixed-response` action answers without any target) and
// https://docs.aws.amazon.com/cli/latest/reference/elbv2/describe-rules.html (output shape).
// A weight decides each group's share of the requests, so a group of weight 0 gets none.
#[test]
fn listener_rules_decide_which_target_groups_are_reached() {
    let lb_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1";
    let l_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/1/3";
    let app = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/2";
    let admin = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/admin/4";
    let forward = |groups: &[(&str, i64)]| {
        json!({"Type": "forward", "Order": 1, "ForwardConfig": {"TargetGroups":
            groups.iter().map(|(a, w)| json!({"TargetGroupArn": a, "Weight": w})).collect::<Vec<_>>(),
            "TargetGroupStickinessConfig": {"Enabled": false}}})
    };
    let fixed = json!({"Type": "fixed-response", "Order": 1,
        "FixedResponseConfig": {"StatusCode": "404", "ContentType": "text/plain"}});
    let redirect = json!({"Type": "redirect", "Order": 1, "RedirectConfig": {"Protocol": "HTTPS",
        "Port": "443", "Host": "#{host}", "Path": "/#{path}", "Query": "#{query}", "StatusCode": "HTTP_301"}});
    // The instance serves 8080 (group app) and 9000 (group admin) to the load balancer; the
    // default action answers 404 itself.
    let ports_reached = |rules: Option<Vec<Value>>| {
        let mut w = World::public();
        w.main_routes = vec![local()];
        w.extra = vec![call(
            "ec2",
            "DescribeRouteTables",
            json!({}),
            json!({"RouteTables": [
            {"RouteTableId": "rtb-main", "VpcId": "vpc-1", "Routes": [local()],
             "Associations": [{"Main": true, "RouteTableId": "rtb-main"}]},
            {"RouteTableId": "rtb-lb", "VpcId": "vpc-1", "Routes": [local(), route("0.0.0.0/0", "GatewayId", "igw-1")],
             "Associations": [{"Main": false, "RouteTableId": "rtb-lb", "SubnetId": "subnet-lb"}]}]}),
        )];
        let from_lb = |port: i64| {
            json!({"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [], "Ipv6Ranges": [],
            "PrefixListIds": [], "UserIdGroupPairs": [{"GroupId": "sg-lb", "UserId": "123456789012"}]})
        };
        w.ingress = vec![from_lb(8080), from_lb(9000)];
        let mut calls = w.calls();
        calls.retain(|c| c["service"] != "elbv2");
        let tg = |arn: &str, name: &str, port: i64| {
            json!({"TargetGroupArn": arn, "TargetGroupName": name, "Protocol": "HTTP", "Port": port,
                "VpcId": "vpc-1", "TargetType": "instance", "LoadBalancerArns": [lb_arn]})
        };
        let health = |arn: &str, port: i64| {
            call(
                "elbv2",
                "DescribeTargetHealth",
                json!({"TargetGroupArn": arn}),
                json!({"TargetHealthDescriptions": [{"Target": {"Id": "i-1", "Port": port},
                    "HealthCheckPort": port.to_string(), "TargetHealth": {"State": "healthy"}}]}),
            )
        };
        calls.extend([
            call(
                "elbv2",
                "DescribeLoadBalancers",
                json!({}),
                json!({"LoadBalancers": [{"LoadBalancerArn": lb_arn,
                "DNSName": "web-1.us-east-1.elb.amazonaws.com", "LoadBalancerName": "web", "Scheme": "internet-facing",
                "VpcId": "vpc-1", "State": {"Code": "active"}, "Type": "application",
                "AvailabilityZones": [{"ZoneName": "us-east-1b", "SubnetId": "subnet-lb", "LoadBalancerAddresses": []}],
                "SecurityGroups": ["sg-lb"], "IpAddressType": "ipv4"}]}),
            ),
            call(
                "elbv2",
                "DescribeListeners",
                json!({"LoadBalancerArn": lb_arn}),
                json!({"Listeners": [{"ListenerArn": l_arn, "LoadBalancerArn": lb_arn, "Port": 443,
                "Protocol": "HTTPS", "DefaultActions": [fixed.clone()]}]}),
            ),
            call(
                "elbv2",
                "DescribeTargetGroups",
                json!({}),
                json!({"TargetGroups": [tg(app, "app", 8080), tg(admin, "admin", 9000)]}),
            ),
            health(app, 8080),
            health(admin, 9000),
        ]);
        if let Some(rules) = rules {
            calls.push(call(
                "elbv2",
                "DescribeRules",
                json!({"ListenerArn": l_arn}),
                json!({"Rules": rules}),
            ));
        }
        let a = analyze(&load(calls));
        let mut ports: Vec<String> = summary(&a)
            .into_iter()
            .filter(|e| e.0 == "i-1")
            .map(|e| e.3)
            .collect();
        ports.sort();
        // The load balancer itself answers on 443 whatever its rules do.
        assert!(summary(&a).iter().any(|e| e.0 == "web" && e.3 == "443"));
        ports
    };
    let rule = |prio: &str, action: &Value| {
        json!({"RuleArn": format!("{l_arn}/rule-{prio}"), "Priority": prio, "IsDefault": prio == "default",
            "Conditions": if prio == "default" { json!([]) } else {
                json!([{"Field": "path-pattern", "PathPatternConfig": {"Values": [format!("/{prio}/*")]}}]) },
            "Actions": [action]})
    };
    // Weighted forward: app gets the requests, admin (weight 0) none.
    let weighted = vec![
        rule("10", &forward(&[(app, 5), (admin, 0)])),
        rule("20", &redirect),
        rule("default", &fixed),
    ];
    assert_eq!(ports_reached(Some(weighted)), vec!["8080"]);
    // Both groups weighted in: both are reached.
    let both = vec![
        rule("10", &forward(&[(app, 1), (admin, 1)])),
        rule("default", &fixed),
    ];
    assert_eq!(ports_reached(Some(both)), vec!["8080", "9000"]);
    // Only redirects and fixed responses: no target is reached.
    let none = vec![
        rule("10", &redirect),
        rule("20", &fixed),
        rule("default", &fixed),
    ];
    assert!(ports_reached(Some(none)).is_empty());
    // Rules not collected: any group of the load balancer may be behind a rule.
    assert_eq!(ports_reached(None), vec!["8080", "9000"]);
}
