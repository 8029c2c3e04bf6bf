//! Attached EBS volumes are encrypted at rest.
//!
//! ## What it checks
//! EC2.3: every EBS volume attached to an instance, in every covered region (`ec2
//! DescribeVolumes`), must have `Encrypted` true. Volumes that are not attached (`available`)
//! are not judged, as in Security Hub. A region whose volumes could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Encryption protects the data on the volume, its snapshots and the traffic between the
//! instance and the volume with a KMS key whose use is logged and can be revoked.
//!
//! ## Remediation
//! An existing volume cannot be encrypted in place: snapshot it, copy the snapshot with
//! encryption, create a volume from the copy and swap it in. Turn on encryption by default so
//! new volumes are encrypted:
//! ```sh
//! aws ec2 create-snapshot --volume-id vol-0123456789abcdef0
//! aws ec2 copy-snapshot --source-region us-east-1 --source-snapshot-id snap-0123456789abcdef0 --encrypted
//! aws ec2 enable-ebs-encryption-by-default
//! ```
//! Terraform: `encrypted = true` on `aws_ebs_volume` and in `root_block_device`.
//!
//! ## References
//! - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ec2.ebs_volume_encrypted",
    title: "Attached EBS volumes are encrypted at rest",
    severity: Severity::Medium,
    resource_type: ResourceType::Ec2Volume,
    compliance: &[fsbp("EC2.3")],
    related: &["ec2.ebs_default_encryption"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.ec2.volumes,
        "which EBS volumes exist here",
        |out, v| {
            let attached: Vec<&str> = v
                .attachments
                .iter()
                .filter(|a| a.state.as_deref() != Some("detached"))
                .filter_map(|a| a.instance_id.as_deref())
                .collect();
            if attached.is_empty() {
                return;
            }
            let res = cx.resource(
                ResourceType::Ec2Volume,
                &v.volume_id,
                Some(v.arn(&inv.partition, &inv.account_id)),
                Some(&v.region),
            );
            let ev = json!({"encrypted": v.encrypted, "kms_key_id": v.kms_key_id, "attached_to": attached});
            if v.encrypted {
                out.pass(
                    res,
                    format!(
                        "volume `{}` (attached to {}) is encrypted",
                        v.volume_id,
                        attached.join(", ")
                    ),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!(
                        "volume `{}` (attached to {}) is not encrypted",
                        v.volume_id,
                        attached.join(", ")
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

    fn volume(id: &str, encrypted: bool, instance: Option<&str>) -> serde_json::Value {
        let attachments = match instance {
            Some(i) => json!([{"AttachTime": "2026-01-10T12:00:00+00:00", "Device": "/dev/xvda",
                "InstanceId": i, "State": "attached", "VolumeId": id, "DeleteOnTermination": true}]),
            None => json!([]),
        };
        let mut v = json!({"Attachments": attachments, "AvailabilityZone": "us-east-1a",
            "CreateTime": "2026-01-10T12:00:00+00:00", "Encrypted": encrypted, "Size": 8,
            "SnapshotId": "snap-0a1", "State": if instance.is_some() { "in-use" } else { "available" },
            "VolumeId": id, "Iops": 3000, "VolumeType": "gp3", "MultiAttachEnabled": false, "Throughput": 125});
        if encrypted {
            v["KmsKeyId"] = json!(
                "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
            );
        }
        v
    }

    #[test]
    fn pass_fail_unknown() {
        let inv = inventory_in(
            &["us-east-1", "eu-west-1"],
            vec![
                ec2_list(
                    "DescribeVolumes",
                    "us-east-1",
                    "Volumes",
                    vec![
                        volume("vol-enc", true, Some("i-1")),
                        volume("vol-plain", false, Some("i-2")),
                        volume("vol-spare", false, None),
                    ],
                ),
                error(
                    "ec2",
                    "DescribeVolumes",
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
                ("vol-enc".to_string(), Status::Pass),
                ("vol-plain".to_string(), Status::Fail),
            ]
        );
        assert!(o[2].message.contains("attached to i-2"), "{}", o[2].message);
        assert_eq!(
            o[2].resource.arn.as_deref(),
            Some("arn:aws:ec2:us-east-1:123456789012:volume/vol-plain")
        );
    }
}
