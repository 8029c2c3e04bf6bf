//! EBS snapshots are not publicly restorable.
//!
//! ## What it checks
//! EC2.1: every EBS snapshot the account owns, in every covered region (`ec2 DescribeSnapshots
//! --owner-ids self`), must have no `createVolumePermission` for the group `all` (`ec2
//! DescribeSnapshotAttribute --attribute createVolumePermission`). Sharing with named accounts
//! is not public and passes (the evidence lists them). A snapshot whose permissions could not
//! be read is UNKNOWN, never PASS; so is a region whose snapshots could not be listed.
//! Snapshots another account owns are not this account's to share and are skipped: AWS
//! answers `--owner-ids self` with the account's own only, but some compatible servers (moto)
//! ignore the filter and list every public AMI snapshot.
//!
//! ## Why it matters
//! Anyone with an AWS account can create a volume from a public snapshot and read every file
//! on it: databases, keys, configuration.
//!
//! ## Remediation
//! ```sh
//! aws ec2 modify-snapshot-attribute --snapshot-id snap-0123456789abcdef0 \
//!   --attribute createVolumePermission --operation-type remove --group-names all
//! aws ec2 enable-snapshot-block-public-access --state block-all-sharing
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-1

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ec2.ebs_snapshot_not_public",
    title: "EBS snapshots are not publicly restorable",
    severity: Severity::Critical,
    resource_type: ResourceType::Ec2Snapshot,
    compliance: &[fsbp("EC2.1")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.ec2.snapshots,
        "which EBS snapshots the account owns here",
        |out, s| {
            if s.owner_id.as_deref().is_some_and(|o| o != inv.account_id) {
                return;
            }
            let id = &s.snapshot_id;
            let res = cx.resource(
                ResourceType::Ec2Snapshot,
                id,
                Some(s.arn(&inv.partition)),
                Some(&s.region),
            );
            let perms = match &s.create_volume_permissions {
                Ok(p) => p,
                Err(g) => {
                    out.unknown(res, &format!("who may restore snapshot `{id}`"), g);
                    return;
                }
            };
            let accounts: Vec<&str> = perms.iter().filter_map(|p| p.user_id.as_deref()).collect();
            let public = perms.iter().any(|p| p.group.as_deref() == Some("all"));
            let ev = json!({"create_volume_permissions": {"public": public, "accounts": accounts},
                            "encrypted": s.encrypted, "volume_id": s.volume_id});
            if public {
                out.fail(
                    res,
                    format!("snapshot `{id}` can be restored by anyone (createVolumePermission group `all`)"),
                    ev,
                );
            } else if accounts.is_empty() {
                out.pass(res, format!("snapshot `{id}` is not shared"), ev);
            } else {
                out.pass(
                    res,
                    format!(
                        "snapshot `{id}` is not public (shared with {})",
                        accounts.join(", ")
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

    fn attr(id: &str, perms: serde_json::Value) -> serde_json::Value {
        call(
            "ec2",
            "DescribeSnapshotAttribute",
            Some("us-east-1"),
            json!({"SnapshotId": id, "Attribute": "createVolumePermission"}),
            json!({"CreateVolumePermissions": perms, "SnapshotId": id}),
        )
    }

    #[test]
    fn pass_fail_unknown() {
        let snap = |id: &str| {
            json!({"Description": "nightly", "Encrypted": false, "OwnerId": ACCOUNT, "Progress": "100%",
                   "SnapshotId": id, "StartTime": "2026-11-01T03:00:00.000Z", "State": "completed",
                   "VolumeId": "vol-0a1", "VolumeSize": 8, "StorageTier": "standard"})
        };
        let inv = inventory_in(
            &["us-east-1", "eu-west-1"],
            vec![
                call(
                    "ec2",
                    "DescribeSnapshots",
                    Some("us-east-1"),
                    json!({"OwnerIds": ["self"]}),
                    json!({"Snapshots": [snap("snap-public"), snap("snap-shared"), snap("snap-private"), snap("snap-unread")]}),
                ),
                attr("snap-public", json!([{"Group": "all"}])),
                attr("snap-shared", json!([{"UserId": "111122223333"}])),
                attr("snap-private", json!([])),
                error(
                    "ec2",
                    "DescribeSnapshots",
                    Some("eu-west-1"),
                    json!({"OwnerIds": ["self"]}),
                    "UnauthorizedOperation",
                ),
            ],
        );
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("snap-public".to_string(), Status::Fail),
                ("snap-shared".to_string(), Status::Pass),
                ("snap-private".to_string(), Status::Pass),
                ("snap-unread".to_string(), Status::Unknown),
            ]
        );
        assert!(o[2].message.contains("111122223333"), "{}", o[2].message);
        assert!(
            o[4].message.contains("DescribeSnapshotAttribute"),
            "{}",
            o[4].message
        );
        assert_eq!(
            o[1].resource.arn.as_deref(),
            Some("arn:aws:ec2:us-east-1::snapshot/snap-public")
        );
    }

    #[test]
    fn snapshots_of_other_owners_are_skipped() {
        // moto ignores `--owner-ids self` and lists public AMI snapshots of other accounts; the
        // collector reads no attribute for those, and they are not this account's to judge.
        let snap = |id: &str, owner: &str| {
            json!({"Encrypted": false, "OwnerId": owner, "SnapshotId": id, "State": "completed",
                   "StartTime": "2026-11-01T03:00:00.000Z", "VolumeId": "vol-0a1", "VolumeSize": 8})
        };
        let inv = inventory_in(
            &["us-east-1"],
            vec![
                call(
                    "ec2",
                    "DescribeSnapshots",
                    Some("us-east-1"),
                    json!({"OwnerIds": ["self"]}),
                    json!({"Snapshots": [snap("snap-amazon", "801119661308"), snap("snap-ours", ACCOUNT)]}),
                ),
                attr("snap-ours", json!([{"Group": "all"}])),
            ],
        );
        let o = outcomes(&CHECK, &inv);
        assert_eq!(statuses(&o), vec![("snap-ours".to_string(), Status::Fail)]);
    }
}
