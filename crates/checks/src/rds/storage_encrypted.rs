//! RDS DB instances encrypt their storage at rest.
//!
//! ## What it checks
//! Every DB instance in every covered region (`rds DescribeDBInstances`): `StorageEncrypted`
//! must be true; the KMS key (`KmsKeyId`) is shown in the evidence. A region whose instances could
//! not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Unencrypted storage leaves the data, its automated backups, snapshots and read replicas
//! readable by whoever reaches the underlying media or a shared snapshot, with no KMS key policy in
//! the way.
//!
//! ## Remediation
//! Encryption is chosen at creation: copy a snapshot with encryption and restore it.
//! ```sh
//! aws rds create-db-snapshot --db-instance-identifier acme-db --db-snapshot-identifier acme-db-plain
//! aws rds copy-db-snapshot --source-db-snapshot-identifier acme-db-plain \
//!   --target-db-snapshot-identifier acme-db-enc --kms-key-id alias/acme-rds
//! aws rds restore-db-instance-from-db-snapshot --db-instance-identifier acme-db-2 \
//!   --db-snapshot-identifier acme-db-enc
//! ```
//! Terraform: `storage_encrypted = true` and `kms_key_id` on `aws_db_instance`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-3

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "rds.storage_encrypted",
    title: "RDS DB instances encrypt their storage at rest",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbInstance,
    compliance: &[cis("2.2.1"), fsbp("RDS.3")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.rds.db_instances,
        "which RDS DB instances exist",
        |out, d| {
            let id = &d.db_instance_identifier;
            let res = cx.resource(
                ResourceType::RdsDbInstance,
                id,
                Some(d.arn(&inv.partition, &inv.account_id)),
                Some(&d.region),
            );
            let ev = json!({"StorageEncrypted": d.storage_encrypted, "KmsKeyId": d.kms_key_id});
            if d.storage_encrypted {
                let key = d.kms_key_id.as_deref().unwrap_or("an AWS KMS key");
                out.pass(
                    res,
                    format!("DB instance `{id}` encrypts its storage with {key}"),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("DB instance `{id}` does not encrypt its storage at rest"),
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
        let o = outcomes(
            &CHECK,
            &rds_inv(vec![
                rds_db(
                    "good",
                    json!({"StorageEncrypted": true, "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}),
                ),
                rds_db("bad", json!({"StorageEncrypted": false})),
            ]),
        );
        assert_eq!(
            statuses(&o),
            [
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("good".to_string(), Status::Pass),
                ("bad".to_string(), Status::Fail)
            ]
        );
        assert!(o[2].message.contains("`bad`"), "{}", o[2].message);
        assert_eq!(
            o[1].resource.arn.as_deref(),
            Some("arn:aws:rds:us-east-1:123456789012:db:good")
        );
    }
}
