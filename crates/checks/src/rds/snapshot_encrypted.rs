//! RDS snapshots are encrypted at rest.
//!
//! ## What it checks
//! RDS.4: every DB snapshot and DB cluster snapshot the account owns, in every covered region
//! (`rds DescribeDBSnapshots`, `rds DescribeDBClusterSnapshots`), must be encrypted (`Encrypted`,
//! or `StorageEncrypted` for cluster snapshots). A region whose snapshots could not be listed is
//! UNKNOWN.
//!
//! ## Why it matters
//! A snapshot holds the whole database. Encrypted, it can only be restored or copied by someone
//! who may also use its KMS key; unencrypted, anyone it is shared with reads it.
//!
//! ## Remediation
//! A snapshot cannot be encrypted in place: copy it with a KMS key and delete the original.
//! ```sh
//! aws rds copy-db-snapshot --source-db-snapshot-identifier acme-db-final \
//!   --target-db-snapshot-identifier acme-db-final-enc --kms-key-id alias/acme-rds
//! aws rds delete-db-snapshot --db-snapshot-identifier acme-db-final
//! ```
//! Encrypt the source instance or cluster (`storage_encrypted = true` in Terraform) so that
//! new snapshots are encrypted.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-4

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "rds.snapshot_encrypted",
    title: "RDS cluster snapshots and database snapshots are encrypted at rest",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbSnapshot,
    compliance: &[fsbp("RDS.4")],
    related: &["rds.storage_encrypted", "rds.cluster_encrypted"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    for (list, cluster) in [
        (&inv.rds.db_snapshots, false),
        (&inv.rds.db_cluster_snapshots, true),
    ] {
        let (kind, noun, what) = if cluster {
            (
                ResourceType::RdsDbClusterSnapshot,
                "DB cluster snapshot",
                "which RDS DB cluster snapshots the account owns",
            )
        } else {
            (
                ResourceType::RdsDbSnapshot,
                "DB snapshot",
                "which RDS DB snapshots the account owns",
            )
        };
        each(cx, out, list, what, |out, s| {
            let id = &s.id;
            let res = cx.resource(
                kind,
                id,
                Some(s.arn(&inv.partition, &inv.account_id, cluster)),
                Some(&s.region),
            );
            let ev =
                json!({"encrypted": s.encrypted, "kms_key_id": s.kms_key_id, "source": s.source});
            if s.encrypted {
                out.pass(res, format!("{noun} `{id}` is encrypted"), ev);
            } else {
                out.fail(res, format!("{noun} `{id}` is not encrypted"), ev);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn pass_fail_unknown() {
        let inv = rds_snapshot_inv();
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            [
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("acme-public".to_string(), Status::Fail),
                ("acme-shared".to_string(), Status::Pass),
                ("rds:acme-db-2026-11-19-03-10".to_string(), Status::Pass),
                ("acme-unread".to_string(), Status::Fail),
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("acme-aurora-final".to_string(), Status::Pass),
            ]
        );
        assert!(
            o[1].message.contains("`acme-public` is not encrypted"),
            "{}",
            o[1].message
        );
    }
}
