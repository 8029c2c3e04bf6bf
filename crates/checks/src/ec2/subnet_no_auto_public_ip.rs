//! EC2 subnets do not automatically assign public IP addresses.
//!
//! ## What it checks
//! EC2.15: every subnet in every covered region (`ec2 DescribeSubnets`) must have
//! `MapPublicIpOnLaunch` false. The default subnets of a default VPC assign public addresses
//! and fail like any other. A region whose subnets could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Every instance launched into such a subnet gets a public IPv4 address unless its launcher
//! remembers to refuse one, so one security group rule too wide exposes it to the internet.
//!
//! ## Remediation
//! ```sh
//! aws ec2 modify-subnet-attribute --subnet-id subnet-0123456789abcdef0 --no-map-public-ip-on-launch
//! ```
//! Terraform: `map_public_ip_on_launch = false` on `aws_subnet`.
//!
//! ## References
//! - https://docs.aws.amazon.com/vpc/latest/userguide/subnet-public-ip.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-15

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ec2.subnet_no_auto_public_ip",
    title: "EC2 subnets do not automatically assign public IP addresses",
    severity: Severity::Medium,
    resource_type: ResourceType::Ec2Subnet,
    compliance: &[fsbp("EC2.15")],
    related: &["ec2.instance_no_public_ip"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.ec2.subnets,
        "which subnets exist here",
        |out, s| {
            let res = cx.resource(
                ResourceType::Ec2Subnet,
                &s.subnet_id,
                Some(s.arn(&inv.partition, &inv.account_id)),
                Some(&s.region),
            );
            let ev = json!({"MapPublicIpOnLaunch": s.map_public_ip_on_launch, "vpc_id": s.vpc_id,
                            "default_for_az": s.default_for_az});
            if s.map_public_ip_on_launch {
                out.fail(
                    res,
                    format!(
                        "subnet `{}` gives every instance launched in it a public IPv4 address",
                        s.subnet_id
                    ),
                    ev,
                );
            } else {
                out.pass(
                    res,
                    format!(
                        "subnet `{}` does not assign public IPv4 addresses",
                        s.subnet_id
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

    fn subnet(id: &str, public: bool) -> serde_json::Value {
        json!({"AvailabilityZone": "us-east-1a", "AvailabilityZoneId": "use1-az1", "CidrBlock": "10.0.0.0/24",
            "AvailableIpAddressCount": 250, "DefaultForAz": false, "MapPublicIpOnLaunch": public,
            "State": "available", "SubnetId": id, "VpcId": "vpc-1", "OwnerId": ACCOUNT,
            "AssignIpv6AddressOnCreation": false, "Ipv6CidrBlockAssociationSet": [],
            "SubnetArn": format!("arn:aws:ec2:us-east-1:123456789012:subnet/{id}")})
    }

    #[test]
    fn pass_fail_unknown() {
        let inv = inventory_in(
            &["us-east-1", "eu-west-1"],
            vec![
                ec2_list(
                    "DescribeSubnets",
                    "us-east-1",
                    "Subnets",
                    vec![subnet("subnet-pub", true), subnet("subnet-priv", false)],
                ),
                error(
                    "ec2",
                    "DescribeSubnets",
                    Some("eu-west-1"),
                    json!({}),
                    "UnauthorizedOperation",
                ),
            ],
        );
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("subnet-pub".to_string(), Status::Fail),
                ("subnet-priv".to_string(), Status::Pass),
            ]
        );
        assert!(o[1].message.contains("`subnet-pub`"), "{}", o[1].message);
        assert_eq!(
            o[1].resource.arn.as_deref(),
            Some("arn:aws:ec2:us-east-1:123456789012:subnet/subnet-pub")
        );
    }
}
