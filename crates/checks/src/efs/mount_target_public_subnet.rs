//! EFS mount targets are not in subnets that assign public IP addresses on launch.
//!
//! ## What it checks
//! Every EFS file system in every covered region: each of its mount targets (`efs
//! DescribeMountTargets`) lives in a subnet (`ec2 DescribeSubnets`) whose
//! `MapPublicIpOnLaunch` must be false. A file system fails when any mount target sits in such a
//! subnet; it is UNKNOWN when its mount targets or the region's subnets could not be read, or a
//! mount target's subnet is not among them.
//!
//! ## Why it matters
//! A subnet that hands out public addresses is meant for internet-facing hosts. Placing the NFS
//! endpoints of a file system there puts storage next to the most exposed workloads, one
//! security-group mistake away from the internet.
//!
//! ## Remediation
//! Mount targets cannot move: create one in a private subnet of the same Availability Zone, then
//! delete the old one.
//! ```sh
//! aws efs create-mount-target --file-system-id fs-0123456789abcdef0 --subnet-id subnet-0private \
//!   --security-groups sg-0123456789abcdef0
//! aws efs delete-mount-target --mount-target-id fsmt-0123456789abcdef0
//! ```
//! Terraform: point `subnet_id` of `aws_efs_mount_target` at a private subnet.
//!
//! ## References
//! - https://docs.aws.amazon.com/efs/latest/ug/accessing-fs.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-6

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "efs.mount_target_public_subnet",
    title: "EFS mount targets are not in subnets that assign public IP addresses",
    severity: Severity::Medium,
    resource_type: ResourceType::EfsFileSystem,
    compliance: &[fsbp("EFS.6")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.efs.file_systems,
        "which EFS file systems exist",
        |out, f| {
            let res = cx.resource(
                ResourceType::EfsFileSystem,
                &f.file_system_id,
                Some(f.arn(&inv.partition, &inv.account_id)),
                Some(&f.region),
            );
            let targets = match &f.mount_targets {
                Ok(t) => t,
                Err(g) => return out.unknown(res, "where the mount targets are", g),
            };
            if targets.is_empty() {
                return out.pass(
                    res,
                    format!("file system `{}` has no mount targets", f.file_system_id),
                    json!({"mount_targets": []}),
                );
            }
            let subnets = match inv.ec2.subnets.get(&f.region) {
                Ok(s) => s,
                Err(g) => {
                    return out.unknown(res, "whether the mount target subnets are public", &g);
                }
            };
            let mut public = Vec::new();
            let mut unknown = Vec::new();
            for t in targets {
                let sid = t.subnet_id.as_deref().unwrap_or("");
                match subnets.iter().find(|s| s.subnet_id == sid) {
                Some(s) if s.map_public_ip_on_launch => public.push(json!({
                    "MountTargetId": t.mount_target_id, "SubnetId": sid, "MapPublicIpOnLaunch": true})),
                Some(_) => {}
                None => unknown.push(sid.to_string()),
            }
            }
            if !public.is_empty() {
                let ids: Vec<&str> = public
                    .iter()
                    .filter_map(|p| p["SubnetId"].as_str())
                    .collect();
                let msg = format!(
                    "file system `{}` has mount targets in subnets that assign public IP addresses: {}",
                    f.file_system_id,
                    ids.join(", ")
                );
                out.fail(res, msg, json!({"public_subnet_mount_targets": public}));
            } else if !unknown.is_empty() {
                out.push_unknown_message(
                res,
                format!(
                    "cannot tell whether file system `{}` has mount targets in public subnets: subnet {} is not in ec2 DescribeSubnets for {}",
                    f.file_system_id,
                    unknown.join(", "),
                    f.region
                ),
                json!({"unknown_subnets": unknown}),
            );
            } else {
                out.pass(
                res,
                format!("file system `{}` has its mount targets only in subnets without public IP assignment", f.file_system_id),
                json!({"mount_targets": targets.len()}),
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

    fn calls(public: bool, mt_subnet: &str) -> Vec<serde_json::Value> {
        vec![
            call(
                "efs",
                "DescribeFileSystems",
                Some("us-east-1"),
                json!({}),
                json!({"FileSystems": [{"FileSystemId": "fs-0a", "Encrypted": true, "NumberOfMountTargets": 1}]}),
            ),
            call(
                "efs",
                "DescribeMountTargets",
                Some("us-east-1"),
                json!({"FileSystemId": "fs-0a"}),
                json!({"MountTargets": [{"OwnerId": "123456789012", "MountTargetId": "fsmt-0a", "FileSystemId": "fs-0a",
                   "SubnetId": mt_subnet, "LifeCycleState": "available", "IpAddress": "10.0.1.25",
                   "NetworkInterfaceId": "eni-0a", "AvailabilityZoneName": "us-east-1a", "VpcId": "vpc-0a"}]}),
            ),
            call(
                "ec2",
                "DescribeSubnets",
                Some("us-east-1"),
                json!({}),
                json!({"Subnets": [{"AvailabilityZone": "us-east-1a", "CidrBlock": "10.0.1.0/24",
                   "MapPublicIpOnLaunch": public, "State": "available", "SubnetId": "subnet-0a", "VpcId": "vpc-0a",
                   "OwnerId": "123456789012", "DefaultForAz": false}]}),
            ),
        ]
    }

    #[test]
    fn public_subnet_fails_private_passes() {
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(calls(true, "subnet-0a")))),
            Status::Fail
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(calls(false, "subnet-0a")))),
            Status::Pass
        );
    }

    #[test]
    fn unknown_subnet_or_missing_mount_targets() {
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(calls(false, "subnet-0zz")))),
            Status::Unknown
        );
        let mut c = calls(true, "subnet-0a");
        c.remove(1);
        assert_eq!(only(&outcomes(&CHECK, &inventory(c))), Status::Unknown);
    }
}
