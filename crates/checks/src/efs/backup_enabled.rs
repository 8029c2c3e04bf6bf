//! EFS file systems are backed up by AWS Backup.
//!
//! ## What it checks
//! Every EFS file system in every covered region (`efs DescribeFileSystems`) must have
//! automatic backups on: its backup policy (`efs DescribeBackupPolicy`) has status `ENABLED` (or
//! `ENABLING`), which puts the file system in the AWS Backup default plan. `PolicyNotFound` means
//! automatic backups were never turned on. A file system whose policy could not be read is
//! UNKNOWN. A file system protected only by a custom AWS Backup plan (with automatic backups off)
//! is reported as FAIL; the message says so, since backup plans are not read.
//!
//! ## Why it matters
//! Without backups, a deleted directory, a ransomware run over NFS or a bad deployment destroys
//! the data for good.
//!
//! ## Remediation
//! ```sh
//! aws efs put-backup-policy --file-system-id fs-0123456789abcdef0 --backup-policy Status=ENABLED
//! ```
//! Terraform: `aws_efs_backup_policy` with `status = "ENABLED"`, or an `aws_backup_selection`
//! that names the file system.
//!
//! ## References
//! - https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-2

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "efs.backup_enabled",
    title: "EFS file systems are in an AWS Backup plan",
    severity: Severity::Medium,
    resource_type: ResourceType::EfsFileSystem,
    compliance: &[fsbp("EFS.2")],
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
            let status = match &f.backup_policy {
                Ok(s) => s.clone(),
                Err(g) => return out.unknown(res, "whether automatic backups are on", g),
            };
            let ev = json!({"BackupPolicy": {"Status": status}});
            match f.automatic_backups() {
            Ok(true) => out.pass(
                res,
                format!("file system `{}` has automatic backups on", f.file_system_id),
                ev,
            ),
            _ => out.fail(
                res,
                format!(
                    "file system `{}` has automatic backups off (backup policy {}); unless a custom AWS Backup plan selects it, it is not backed up",
                    f.file_system_id,
                    status.as_deref().unwrap_or("never set")
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

    fn fs(id: &str) -> serde_json::Value {
        json!({"OwnerId": "123456789012", "FileSystemId": id, "LifeCycleState": "available",
               "PerformanceMode": "generalPurpose", "Encrypted": true, "Tags": []})
    }

    fn setup(policy: serde_json::Value) -> rampart_model::Inventory {
        inventory(vec![
            call(
                "efs",
                "DescribeFileSystems",
                Some("us-east-1"),
                json!({}),
                json!({"FileSystems": [fs("fs-0a")]}),
            ),
            policy,
        ])
    }

    #[test]
    fn fails_when_backups_are_off_or_never_set() {
        let p = |s: &str| {
            call(
                "efs",
                "DescribeBackupPolicy",
                Some("us-east-1"),
                json!({"FileSystemId": "fs-0a"}),
                json!({"BackupPolicy": {"Status": s}}),
            )
        };
        assert_eq!(only(&outcomes(&CHECK, &setup(p("DISABLED")))), Status::Fail);
        let none = error(
            "efs",
            "DescribeBackupPolicy",
            Some("us-east-1"),
            json!({"FileSystemId": "fs-0a"}),
            "PolicyNotFound",
        );
        let o = outcomes(&CHECK, &setup(none));
        assert_eq!(only(&o), Status::Fail);
        assert!(o[0].message.contains("never set"));
        assert_eq!(only(&outcomes(&CHECK, &setup(p("ENABLED")))), Status::Pass);
    }

    #[test]
    fn unknown_when_policy_is_denied_or_missing() {
        let denied = error(
            "efs",
            "DescribeBackupPolicy",
            Some("us-east-1"),
            json!({"FileSystemId": "fs-0a"}),
            "AccessDeniedException",
        );
        assert_eq!(only(&outcomes(&CHECK, &setup(denied))), Status::Unknown);
        let other = call(
            "efs",
            "DescribeBackupPolicy",
            Some("us-east-1"),
            json!({"FileSystemId": "fs-0other"}),
            json!({"BackupPolicy": {"Status": "ENABLED"}}),
        );
        assert_eq!(only(&outcomes(&CHECK, &setup(other))), Status::Unknown);
    }
}
