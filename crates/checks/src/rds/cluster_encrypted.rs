//! RDS DB clusters are encrypted at rest.
//!
//! ## What it checks
//! RDS.27: every DB cluster in every covered region (`rds DescribeDBClusters`) must have
//! `StorageEncrypted` true. A region whose clusters could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Encryption at rest protects the cluster's storage, its automated backups, snapshots and
//! replicas with a KMS key whose use is logged and can be revoked.
//!
//! ## Remediation
//! ```sh
//! # An existing cluster cannot be encrypted in place: snapshot it and restore an encrypted copy.
//! aws rds restore-db-cluster-from-snapshot --db-cluster-identifier acme-aurora-enc \
//!   --snapshot-identifier acme-aurora-final --engine aurora-postgresql --kms-key-id alias/acme-rds
//! ```
//! Terraform: `storage_encrypted = true` and `kms_key_id` on `aws_rds_cluster`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-27

use crate::prelude::*;
use crate::support::rds::each_cluster;

pub static CHECK: Check = Check {
    id: "rds.cluster_encrypted",
    title: "RDS DB clusters are encrypted at rest",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbCluster,
    compliance: &[fsbp("RDS.27")],
    related: &["rds.storage_encrypted"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_cluster(cx, out, |out, d, res| {
        let id = &d.db_cluster_identifier;
        let ev = json!({"StorageEncrypted": d.storage_encrypted, "KmsKeyId": d.kms_key_id});
        if d.storage_encrypted {
            out.pass(res, format!("DB cluster `{id}` is encrypted at rest"), ev);
        } else {
            out.fail(
                res,
                format!("DB cluster `{id}` is not encrypted at rest"),
                ev,
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn pass_fail_unknown() {
        let o = outcomes(
            &CHECK,
            &rds_cluster_inv(vec![
                rds_cluster("good", json!({})),
                rds_cluster("bad", json!({"StorageEncrypted": false})),
            ]),
        );
        assert_eq!(
            statuses(&o),
            [
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("good".to_string(), Status::Pass),
                ("bad".to_string(), Status::Fail),
            ]
        );
        assert!(
            o[1..]
                .iter()
                .all(|f| f.message.contains(&format!("`{}`", f.resource.id))),
            "{o:#?}"
        );
        assert!(
            o[1].resource
                .arn
                .as_deref()
                .is_some_and(|a| a.starts_with("arn:aws:rds:us-east-1:123456789012:"))
        );
    }
}
