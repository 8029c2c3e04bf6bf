//! EC2 instances do not use multiple network interfaces.
//!
//! ## What it checks
//! EC2.17: every instance that is not terminated, in every covered region (`ec2
//! DescribeInstances`), must have exactly one network interface in `NetworkInterfaces`. An
//! instance listed without any network interface (the field missing from the response) is
//! UNKNOWN; so is a region whose instances could not be listed.
//!
//! ## Why it matters
//! An instance with interfaces in several subnets bridges them: it can carry traffic between
//! networks that were meant to be separate, around their security groups and network ACLs.
//!
//! ## Remediation
//! ```sh
//! aws ec2 detach-network-interface --attachment-id eni-attach-0123456789abcdef0
//! ```
//! Terraform: one `network_interface` block per `aws_instance`; no extra
//! `aws_network_interface_attachment`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-17

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ec2.instance_single_eni",
    title: "EC2 instances do not use multiple ENIs",
    severity: Severity::Low,
    resource_type: ResourceType::Ec2Instance,
    compliance: &[fsbp("EC2.17")],
    related: &[],
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
            let enis: Vec<(Option<&str>, Option<&str>)> = i
                .network_interfaces
                .iter()
                .map(|n| (n.network_interface_id.as_deref(), n.subnet_id.as_deref()))
                .collect();
            let ev = json!({"network_interfaces": enis.iter()
                .map(|(id, subnet)| json!({"id": id, "subnet_id": subnet})).collect::<Vec<_>>()});
            match enis.len() {
                0 => out.push_unknown_message(
                    res,
                    format!(
                        "cannot tell how many network interfaces instance `{}` uses: DescribeInstances printed none",
                        i.instance_id
                    ),
                    ev,
                ),
                1 => out.pass(
                    res,
                    format!("instance `{}` uses one network interface", i.instance_id),
                    ev,
                ),
                n => out.fail(
                    res,
                    format!(
                        "instance `{}` uses {n} network interfaces ({})",
                        i.instance_id,
                        enis.iter()
                            .map(|(id, _)| id.unwrap_or("?"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    ev,
                ),
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
        let eni = |id: &str, subnet: &str| {
            json!({"NetworkInterfaceId": id, "SubnetId": subnet, "VpcId": "vpc-1",
                "PrivateIpAddress": "10.0.0.9", "Groups": [], "Ipv6Addresses": [],
                "Attachment": {"AttachmentId": format!("eni-attach-{id}"), "DeviceIndex": 0, "Status": "attached"},
                "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.0.9"}]})
        };
        let inv = inventory_in(
            &["us-east-1", "eu-west-1"],
            vec![
                ec2_instances(
                    "us-east-1",
                    vec![
                        ec2_instance("i-one", json!({})),
                        ec2_instance(
                            "i-two",
                            json!({"NetworkInterfaces": [eni("eni-a", "subnet-1"), eni("eni-b", "subnet-2")]}),
                        ),
                        ec2_instance("i-none", json!({"NetworkInterfaces": []})),
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
        assert_eq!(
            statuses(&o),
            vec![
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("i-one".to_string(), Status::Pass),
                ("i-two".to_string(), Status::Fail),
                ("i-none".to_string(), Status::Unknown),
            ]
        );
        assert!(o[2].message.contains("eni-a, eni-b"), "{}", o[2].message);
    }
}
