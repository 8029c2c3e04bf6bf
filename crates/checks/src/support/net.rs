//! The verdicts of the network exposure checks, shared: one outcome per resource the
//! reachability engine analysed (FAIL when an exposure matches, UNKNOWN when a layer's data is
//! missing, PASS otherwise), and one UNKNOWN per region whose resources could not all be listed.

use crate::run::{Context, Outcomes};
use rampart_net::{Exposure, Proto, analyze};
use serde_json::json;

/// Reports, for every analysed resource, whether an exposure matching `hit` exists. `what`
/// names the risk in messages (`an administration port`).
pub fn judge(cx: &Context<'_>, out: &mut Outcomes, what: &str, hit: impl Fn(&Exposure) -> bool) {
    let analysis = analyze(cx.inv);
    for t in &analysis.targets {
        let hits: Vec<&Exposure> = t.exposures.iter().filter(|e| hit(e)).collect();
        let id = &t.resource.id;
        if let Some(first) = hits.first() {
            out.fail(
                t.resource.clone(),
                format!(
                    "`{id}` is reachable from the internet on {what}: {} {} from {} at {}",
                    first.protocol,
                    first.ports.describe(),
                    first.from,
                    first.address
                ),
                json!({ "exposures": hits }),
            );
        } else if !t.inactive && !t.unknown.is_empty() {
            out.push_unknown_message(
                t.resource.clone(),
                format!(
                    "cannot tell whether `{id}` is reachable from the internet on {what}: {}",
                    t.unknown[0]
                ),
                json!({ "missing": t.unknown }),
            );
        } else {
            let why = t
                .notes
                .first()
                .cloned()
                .unwrap_or_else(|| "no path from the internet matches".into());
            out.pass(
                t.resource.clone(),
                format!("`{id}` is not reachable from the internet on {what}: {why}"),
                json!({ "exposures": t.exposures, "notes": t.notes }),
            );
        }
    }
    let mut regions: Vec<&str> = analysis
        .region_unknown
        .iter()
        .map(|(r, _)| r.as_str())
        .collect();
    regions.dedup();
    for region in regions {
        let reasons: Vec<&str> = analysis
            .region_unknown
            .iter()
            .filter(|(r, _)| r == region)
            .map(|(_, u)| u.as_str())
            .collect();
        out.push_unknown_message(
            cx.region(region),
            format!(
                "cannot tell whether every resource in {region} is out of reach on {what}: {}",
                reasons[0]
            ),
            json!({ "missing": reasons }),
        );
    }
}

/// Whether the exposure includes any of `ports` of `proto`.
pub fn includes_any(e: &Exposure, proto: Proto, ports: &[u32]) -> bool {
    ports.iter().any(|p| e.includes(proto, *p))
}

/// Calls describing a small VPC in us-east-1, in the shapes the AWS CLI prints: one public
/// subnet (route to an internet gateway, an ACL that allows everything) holding one running
/// instance with public address `203.0.113.10` in group `sg-0web`, whose ingress rules the
/// test chooses. Load balancer lists are present and empty.
#[cfg(test)]
pub mod fixtures {
    use crate::support::testing::call;
    use serde_json::{Value, json};

    const R: Option<&str> = Some("us-east-1");

    /// The calls, with `ingress` as the group's `IpPermissions`.
    pub fn vpc(ingress: Value) -> Vec<Value> {
        vec![
            call(
                "ec2",
                "DescribeSubnets",
                R,
                json!({}),
                json!({"Subnets": [
                {"AvailabilityZone": "us-east-1a", "CidrBlock": "10.0.1.0/24", "MapPublicIpOnLaunch": true,
                 "State": "available", "SubnetId": "subnet-0pub", "VpcId": "vpc-01", "OwnerId": "123456789012",
                 "Ipv6CidrBlockAssociationSet": [], "SubnetArn": "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0pub"}]}),
            ),
            call(
                "ec2",
                "DescribeRouteTables",
                R,
                json!({}),
                json!({"RouteTables": [
                {"RouteTableId": "rtb-0pub", "VpcId": "vpc-01", "OwnerId": "123456789012", "PropagatingVgws": [],
                 "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"},
                            {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-01", "Origin": "CreateRoute", "State": "active"}],
                 "Associations": [{"Main": true, "RouteTableAssociationId": "rtbassoc-01", "RouteTableId": "rtb-0pub",
                                   "AssociationState": {"State": "associated"}}]}]}),
            ),
            call(
                "ec2",
                "DescribeNetworkAcls",
                R,
                json!({}),
                json!({"NetworkAcls": [
                {"NetworkAclId": "acl-01", "VpcId": "vpc-01", "OwnerId": "123456789012", "IsDefault": true,
                 "Associations": [{"NetworkAclAssociationId": "aclassoc-01", "NetworkAclId": "acl-01", "SubnetId": "subnet-0pub"}],
                 "Entries": [
                   {"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
                   {"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767},
                   {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
                   {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767}],
                 "Tags": []}]}),
            ),
            call(
                "ec2",
                "DescribeSecurityGroups",
                R,
                json!({}),
                json!({"SecurityGroups": [
                {"GroupId": "sg-0web", "GroupName": "web", "Description": "web", "OwnerId": "123456789012",
                 "VpcId": "vpc-01", "IpPermissions": ingress,
                 "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                   "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}]}]}),
            ),
            call(
                "ec2",
                "DescribeInstances",
                R,
                json!({}),
                json!({"Reservations": [{"ReservationId": "r-01",
                "OwnerId": "123456789012", "Groups": [], "Instances": [{"InstanceId": "i-0web",
                "State": {"Code": 16, "Name": "running"}, "SubnetId": "subnet-0pub", "VpcId": "vpc-01",
                "PrivateIpAddress": "10.0.1.10", "PublicIpAddress": "203.0.113.10",
                "SecurityGroups": [{"GroupId": "sg-0web", "GroupName": "web"}],
                "NetworkInterfaces": [{"NetworkInterfaceId": "eni-0web", "SubnetId": "subnet-0pub", "VpcId": "vpc-01",
                  "PrivateIpAddress": "10.0.1.10", "Groups": [{"GroupId": "sg-0web", "GroupName": "web"}],
                  "Association": {"IpOwnerId": "amazon", "PublicIp": "203.0.113.10"}, "Ipv6Addresses": [],
                  "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.1.10",
                    "Association": {"IpOwnerId": "amazon", "PublicIp": "203.0.113.10"}}]}]}]}]}),
            ),
            call(
                "ec2",
                "DescribeNetworkInterfaces",
                R,
                json!({}),
                json!({"NetworkInterfaces": [
                {"NetworkInterfaceId": "eni-0web", "InterfaceType": "interface", "Description": "",
                 "Status": "in-use", "SubnetId": "subnet-0pub", "VpcId": "vpc-01", "OwnerId": "123456789012",
                 "PrivateIpAddress": "10.0.1.10", "Groups": [{"GroupId": "sg-0web", "GroupName": "web"}],
                 "Association": {"IpOwnerId": "amazon", "PublicIp": "203.0.113.10"},
                 "Attachment": {"AttachmentId": "eni-attach-01", "DeviceIndex": 0, "InstanceId": "i-0web",
                   "InstanceOwnerId": "123456789012", "Status": "attached"},
                 "Ipv6Addresses": [], "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.1.10",
                   "Association": {"IpOwnerId": "amazon", "PublicIp": "203.0.113.10"}}], "TagSet": []}]}),
            ),
            call(
                "rds",
                "DescribeDBInstances",
                R,
                json!({}),
                json!({"DBInstances": []}),
            ),
            call(
                "elbv2",
                "DescribeLoadBalancers",
                R,
                json!({}),
                json!({"LoadBalancers": []}),
            ),
            call(
                "elbv2",
                "DescribeTargetGroups",
                R,
                json!({}),
                json!({"TargetGroups": []}),
            ),
            call(
                "elb",
                "DescribeLoadBalancers",
                R,
                json!({}),
                json!({"LoadBalancerDescriptions": []}),
            ),
        ]
    }

    /// One ingress rule from a CIDR.
    pub fn rule(proto: &str, from: i64, to: i64, cidr: &str) -> Value {
        json!({"IpProtocol": proto, "FromPort": from, "ToPort": to, "IpRanges": [{"CidrIp": cidr}],
               "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []})
    }
}
