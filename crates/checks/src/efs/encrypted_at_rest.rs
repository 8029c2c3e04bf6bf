//! EFS file systems encrypt data at rest with AWS KMS.
//!
//! ## What it checks
//! Every EFS file system in every covered region (`efs DescribeFileSystems`): `Encrypted` must
//! be true. EFS always encrypts with an AWS KMS key (the AWS managed `aws/elasticfilesystem` key
//! or a customer managed key, shown in the evidence), so this one condition answers both Security
//! Hub controls EFS.1 and EFS.8 and CIS 2.3.1. A region whose file systems could not be listed is
//! UNKNOWN.
//!
//! ## Why it matters
//! An unencrypted file system leaves file data readable on the underlying storage and in every
//! backup made from it, and no KMS key policy or CloudTrail record stands between the data and
//! whoever reaches the media.
//!
//! ## Remediation
//! Encryption is chosen when the file system is created and cannot be turned on later: create an
//! encrypted file system and copy the data (for example with EFS replication or AWS DataSync).
//! ```sh
//! aws efs create-file-system --encrypted --kms-key-id alias/efs-data --tags Key=Name,Value=shared
//! ```
//! Terraform: `encrypted = true` (and `kms_key_id`) on `aws_efs_file_system`.
//!
//! ## References
//! - https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-1
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-8

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "efs.encrypted_at_rest",
    title: "EFS file systems encrypt data at rest with AWS KMS",
    severity: Severity::Medium,
    resource_type: ResourceType::EfsFileSystem,
    compliance: &[cis("2.3.1"), fsbp("EFS.1"), fsbp("EFS.8")],
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
            let ev = json!({"Encrypted": f.encrypted, "KmsKeyId": f.kms_key_id});
            if f.encrypted {
                let key = f.kms_key_id.as_deref().unwrap_or("the AWS managed key");
                out.pass(
                    res,
                    format!(
                        "file system `{}` is encrypted at rest with `{key}`",
                        f.file_system_id
                    ),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!(
                        "file system `{}` is not encrypted at rest",
                        f.file_system_id
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

    fn file_systems(list: serde_json::Value) -> serde_json::Value {
        call(
            "efs",
            "DescribeFileSystems",
            Some("us-east-1"),
            json!({}),
            json!({"FileSystems": list}),
        )
    }

    #[test]
    fn fails_unencrypted_and_passes_encrypted() {
        let inv = inventory(vec![file_systems(json!([
            {"OwnerId": "123456789012", "FileSystemId": "fs-0a", "LifeCycleState": "available",
             "PerformanceMode": "generalPurpose", "Encrypted": false, "Tags": []},
            {"OwnerId": "123456789012", "FileSystemId": "fs-0b", "LifeCycleState": "available",
             "PerformanceMode": "generalPurpose", "Encrypted": true,
             "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "Tags": []}
        ]))]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            [
                ("fs-0a".to_string(), Status::Fail),
                ("fs-0b".to_string(), Status::Pass)
            ]
        );
        assert_eq!(
            o[0].resource.arn.as_deref(),
            Some("arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0a")
        );
    }

    #[test]
    fn unknown_when_listing_was_denied() {
        let inv = inventory(vec![error(
            "efs",
            "DescribeFileSystems",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        )]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(only(&o), Status::Unknown);
        assert!(o[0].message.contains("denied"));
    }
}
