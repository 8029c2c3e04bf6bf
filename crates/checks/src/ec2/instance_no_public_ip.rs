//! EC2 instances do not have a public IPv4 address.
//!
//! ## What it checks
//! EC2.9: every instance that is not terminated, in every covered region (`ec2
//! DescribeInstances`), must have no public IPv4 address: neither `PublicIpAddress` nor a public
//! address (auto-assigned or Elastic IP) on any of its network interfaces. IPv6 addresses are
//! not judged here (Security Hub's control is about IPv4). A region whose instances could not
//! be listed is UNKNOWN. `rampart net exposure` tells which ports of these instances the
//! internet can actually reach.
//!
//! ## Why it matters
//! A public address makes the instance directly addressable from the internet: one security
//! group rule too wide and its services are exposed. Instances behind a load balancer, a NAT
//! gateway or Session Manager need no public address.
//!
//! ## Remediation
//! An auto-assigned public address goes away when the instance is launched into a subnet that
//! does not assign one (or relaunched without `--associate-public-ip-address`); an Elastic IP is
//! released from the instance:
//! ```sh
//! aws ec2 disassociate-address --association-id eipassoc-0123456789abcdef0
//! aws ec2 modify-subnet-attribute --subnet-id subnet-0123456789abcdef0 --no-map-public-ip-on-launch
//! ```
//! Terraform: `associate_public_ip_address = false` on `aws_instance`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ec2.instance_no_public_ip",
    title: "EC2 instances do not have a public IPv4 address",
    severity: Severity::High,
    resource_type: ResourceType::Ec2Instance,
    compliance: &[fsbp("EC2.9")],
    related: &["net.admin_port_exposed"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.ec2.instances,
        "which instances exist here",
        |out, i| {
            if i.state_name() == Some("terminated") {
                return;
            }
            let res = cx.resource(
                ResourceType::Ec2Instance,
                &i.instance_id,
                Some(i.arn(&inv.partition, &inv.account_id)),
                Some(&i.region),
            );
            let mut public: Vec<&str> = Vec::new();
            let on_enis = i.network_interfaces.iter().flat_map(|n| {
                n.association
                    .iter()
                    .chain(
                        n.private_ip_addresses
                            .iter()
                            .filter_map(|p| p.association.as_ref()),
                    )
                    .filter_map(|a| a.public_ip.as_deref())
            });
            for ip in i.public_ip_address.as_deref().into_iter().chain(on_enis) {
                if !ip.is_empty() && !public.contains(&ip) {
                    public.push(ip);
                }
            }
            let ev =
                json!({"public_ipv4": public, "state": i.state_name(), "subnet_id": i.subnet_id});
            if public.is_empty() {
                out.pass(
                    res,
                    format!("instance `{}` has no public IPv4 address", i.instance_id),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!(
                        "instance `{}` has public IPv4 address {}",
                        i.instance_id,
                        public.join(", ")
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
        let eip_eni = json!([{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1", "VpcId": "vpc-1",
            "PrivateIpAddress": "10.0.0.7", "Groups": [], "Ipv6Addresses": [],
            "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.0.7"},
                {"Primary": false, "PrivateIpAddress": "10.0.0.8",
                 "Association": {"IpOwnerId": "123456789012", "PublicIp": "198.51.100.20", "PublicDnsName": ""}}]}]);
        let inv = inventory_in(
            &["us-east-1", "eu-west-1"],
            vec![
                ec2_instances(
                    "us-east-1",
                    vec![
                        ec2_instance("i-public", json!({"PublicIpAddress": "203.0.113.10"})),
                        ec2_instance("i-private", json!({})),
                        ec2_instance("i-secondary", json!({"NetworkInterfaces": eip_eni})),
                        ec2_instance(
                            "i-gone",
                            json!({"PublicIpAddress": "203.0.113.11",
                                   "State": {"Code": 48, "Name": "terminated"}}),
                        ),
                    ],
                ),
                error(
                    "ec2",
                    "DescribeInstances",
                    Some("eu-west-1"),
                    json!({}),
                    "UnauthorizedOperation",
                ),
            ],
        );
        let o = outcomes(&CHECK, &inv);
        let got = statuses(&o);
        assert_eq!(
            got,
            vec![
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("i-public".to_string(), Status::Fail),
                ("i-private".to_string(), Status::Pass),
                ("i-secondary".to_string(), Status::Fail),
            ]
        );
        assert!(o[1].message.contains("203.0.113.10"), "{}", o[1].message);
        assert!(o[3].message.contains("198.51.100.20"), "{}", o[3].message);
        assert_eq!(
            o[1].resource.arn.as_deref(),
            Some("arn:aws:ec2:us-east-1:123456789012:instance/i-public")
        );
    }
}
