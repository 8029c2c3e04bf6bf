//! Unused Elastic IP addresses are released.
//!
//! ## What it checks
//! EC2.12: every Elastic IP address in every covered region (`ec2 DescribeAddresses`) must be
//! associated with an instance or a network interface (`AssociationId`, `InstanceId` or
//! `NetworkInterfaceId`). A region whose addresses could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! An unassociated Elastic IP is billed by the hour and is a forgotten public address: allow
//! lists and DNS records elsewhere may still trust it, and it can be attached to any instance
//! later.
//!
//! ## Remediation
//! ```sh
//! aws ec2 release-address --allocation-id eipalloc-0123456789abcdef0
//! ```
//! Terraform: remove the unused `aws_eip`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-12

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ec2.eip_unused",
    title: "Unused Elastic IP addresses are released",
    severity: Severity::Low,
    resource_type: ResourceType::Ec2Eip,
    compliance: &[fsbp("EC2.12")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.ec2.addresses,
        "which Elastic IP addresses exist here",
        |out, a| {
            let ip = a.public_ip.as_deref().unwrap_or("?");
            let id = a.allocation_id.as_deref().unwrap_or(ip);
            let arn = a.allocation_id.as_ref().map(|alloc| {
                format!(
                    "arn:{}:ec2:{}:{}:elastic-ip/{alloc}",
                    inv.partition, a.region, inv.account_id
                )
            });
            let res = cx.resource(ResourceType::Ec2Eip, id, arn, Some(&a.region));
            let ev = json!({"public_ip": a.public_ip, "association_id": a.association_id,
                            "instance_id": a.instance_id, "network_interface_id": a.network_interface_id});
            let target = a
                .instance_id
                .as_deref()
                .or(a.network_interface_id.as_deref())
                .filter(|t| !t.is_empty());
            let associated =
                target.is_some() || a.association_id.as_deref().is_some_and(|s| !s.is_empty());
            if associated {
                out.pass(
                    res,
                    format!(
                        "Elastic IP {ip} (`{id}`) is associated with `{}`",
                        target.unwrap_or("a resource")
                    ),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("Elastic IP {ip} (`{id}`) is not associated with anything"),
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
        let inv = inventory_in(
            &["us-east-1", "eu-west-1"],
            vec![
                ec2_list(
                    "DescribeAddresses",
                    "us-east-1",
                    "Addresses",
                    vec![
                        json!({"PublicIp": "198.51.100.9", "AllocationId": "eipalloc-used",
                            "AssociationId": "eipassoc-1", "Domain": "vpc", "NetworkInterfaceId": "eni-1",
                            "NetworkInterfaceOwnerId": ACCOUNT, "PrivateIpAddress": "10.0.0.5",
                            "InstanceId": "i-0abc", "PublicIpv4Pool": "amazon", "NetworkBorderGroup": "us-east-1"}),
                        json!({"PublicIp": "198.51.100.10", "AllocationId": "eipalloc-idle", "Domain": "vpc",
                            "PublicIpv4Pool": "amazon", "NetworkBorderGroup": "us-east-1", "Tags": []}),
                    ],
                ),
                error(
                    "ec2",
                    "DescribeAddresses",
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
                ("eipalloc-used".to_string(), Status::Pass),
                ("eipalloc-idle".to_string(), Status::Fail),
            ]
        );
        assert!(o[2].message.contains("198.51.100.10"), "{}", o[2].message);
        assert_eq!(
            o[2].resource.arn.as_deref(),
            Some("arn:aws:ec2:us-east-1:123456789012:elastic-ip/eipalloc-idle")
        );
    }
}
