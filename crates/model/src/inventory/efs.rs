//! Amazon EFS: file systems (`DescribeFileSystems`) with their automatic-backup policy
//! (`DescribeBackupPolicy`) and mount targets (`DescribeMountTargets`), both per file system, and
//! access points (`DescribeAccessPoints`), per region.
//!
//! The per-file-system calls name their file system in `params.FileSystemId` and may come in any
//! order; they are joined in `finalize`. `DescribeBackupPolicy` answers `PolicyNotFound` when
//! automatic backups were never configured, which is a known "off", not a gap.

use super::{Apply, Regional, Tag};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// EFS data of the account, per region.
#[derive(Debug, Clone)]
pub struct Efs {
    /// File systems, each with its backup policy and mount targets joined on.
    pub file_systems: Regional<Vec<FileSystem>>,
    pub access_points: Regional<Vec<AccessPoint>>,
    pending: Pending,
}

impl Default for Efs {
    fn default() -> Self {
        Efs {
            file_systems: Regional::new("efs", "DescribeFileSystems"),
            access_points: Regional::new("efs", "DescribeAccessPoints"),
            pending: Pending::default(),
        }
    }
}

type FsMap<T> = BTreeMap<(String, String), Observed<T>>;

/// Per-file-system results waiting for `finalize`, keyed by (region, file system ID).
#[derive(Debug, Clone, Default)]
struct Pending {
    backup: FsMap<Option<String>>,
    mount_targets: FsMap<Vec<MountTarget>>,
}

fn backup_not_collected() -> Observed<Option<String>> {
    Err(Gap::not_collected("efs", "DescribeBackupPolicy", None))
}

fn mount_targets_not_collected() -> Observed<Vec<MountTarget>> {
    Err(Gap::not_collected("efs", "DescribeMountTargets", None))
}

/// An EFS file system, as `DescribeFileSystems` prints it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FileSystem {
    pub file_system_id: String,
    pub file_system_arn: Option<String>,
    pub name: Option<String>,
    pub owner_id: Option<String>,
    pub creation_time: Option<Timestamp>,
    /// `creating`, `available`, `updating`, `deleting`, `deleted`, `error`.
    pub life_cycle_state: Option<String>,
    #[serde(default)]
    pub encrypted: bool,
    pub kms_key_id: Option<String>,
    pub number_of_mount_targets: Option<i64>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
    /// The automatic-backup policy status (`ENABLED`, `ENABLING`, `DISABLED`, `DISABLING`);
    /// `None` when none was ever set (`PolicyNotFound`).
    #[serde(skip_deserializing, default = "backup_not_collected")]
    pub backup_policy: Observed<Option<String>>,
    /// Mount targets (`DescribeMountTargets` with `FileSystemId`).
    #[serde(skip_deserializing, default = "mount_targets_not_collected")]
    pub mount_targets: Observed<Vec<MountTarget>>,
}

impl FileSystem {
    /// The file system ARN (`FileSystemArn`, or built from the ID).
    pub fn arn(&self, partition: &str, account: &str) -> String {
        match &self.file_system_arn {
            Some(a) => a.clone(),
            None => format!(
                "arn:{partition}:elasticfilesystem:{}:{account}:file-system/{}",
                self.region, self.file_system_id
            ),
        }
    }

    /// Automatic backups are on (`ENABLED` or `ENABLING`). `Err` when the policy was not read.
    pub fn automatic_backups(&self) -> Observed<bool> {
        self.backup_policy
            .as_ref()
            .map(|s| matches!(s.as_deref(), Some("ENABLED" | "ENABLING")))
            .map_err(Clone::clone)
    }
}

/// A mount target: the network interface in one subnet through which clients reach a file system.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MountTarget {
    pub mount_target_id: String,
    pub file_system_id: Option<String>,
    pub subnet_id: Option<String>,
    pub vpc_id: Option<String>,
    pub ip_address: Option<String>,
    pub network_interface_id: Option<String>,
    pub availability_zone_name: Option<String>,
    pub life_cycle_state: Option<String>,
}

/// The POSIX identity an access point forces on every request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PosixUser {
    pub uid: i64,
    pub gid: i64,
    #[serde(default)]
    pub secondary_gids: Vec<i64>,
}

/// The directory an access point exposes as the root of the file system.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RootDirectory {
    pub path: Option<String>,
}

/// An EFS access point.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessPoint {
    pub access_point_id: String,
    pub access_point_arn: Option<String>,
    pub name: Option<String>,
    pub file_system_id: Option<String>,
    pub posix_user: Option<PosixUser>,
    pub root_directory: Option<RootDirectory>,
    pub life_cycle_state: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl AccessPoint {
    /// The access point ARN (`AccessPointArn`, or built from the ID).
    pub fn arn(&self, partition: &str, account: &str) -> String {
        match &self.access_point_arn {
            Some(a) => a.clone(),
            None => format!(
                "arn:{partition}:elasticfilesystem:{}:{account}:access-point/{}",
                self.region, self.access_point_id
            ),
        }
    }

    /// The root directory path it enforces (`/` when AWS printed none: the file system root).
    pub fn root_path(&self) -> &str {
        self.root_directory
            .as_ref()
            .and_then(|r| r.path.as_deref())
            .unwrap_or("/")
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct FileSystemsResponse {
    #[serde(default)]
    file_systems: Vec<FileSystem>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct BackupPolicy {
    status: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct BackupPolicyResponse {
    backup_policy: Option<BackupPolicy>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct MountTargetsResponse {
    #[serde(default)]
    mount_targets: Vec<MountTarget>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AccessPointsResponse {
    #[serde(default)]
    access_points: Vec<AccessPoint>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "DescribeFileSystems" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: FileSystemsResponse| {
                let mut v = r.file_systems;
                for f in &mut v {
                    f.region.clone_from(&region);
                }
                v
            })?;
            Box::new(move |inv| inv.efs.file_systems.merge(region, v))
        }
        "DescribeAccessPoints" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: AccessPointsResponse| {
                let mut v = r.access_points;
                for a in &mut v {
                    a.region.clone_from(&region);
                }
                v
            })?;
            Box::new(move |inv| inv.efs.access_points.merge(region, v))
        }
        "DescribeBackupPolicy" => {
            let region = cx.region()?;
            let id = cx.param("FileSystemId")?;
            let subject = format!("file system {id}");
            let v = cx
                .observe_optional(body, |r: BackupPolicyResponse| {
                    r.backup_policy.and_then(|p| p.status)
                })?
                .map_err(|g| g.about(subject));
            Box::new(move |inv| {
                inv.efs.pending.backup.insert((region, id), v);
            })
        }
        "DescribeMountTargets" => {
            let region = cx.region()?;
            let Some(id) = cx.param_opt("FileSystemId")? else {
                // Asked by mount target or access point ID: the response names the file system.
                let v = cx.observe(body, |r: MountTargetsResponse| r.mount_targets)?;
                return Ok(Some(Box::new(move |inv| {
                    for m in v.into_iter().flatten() {
                        if let Some(fs) = m.file_system_id.clone() {
                            let slot = inv
                                .efs
                                .pending
                                .mount_targets
                                .entry((region.clone(), fs))
                                .or_insert_with(|| Ok(Vec::new()));
                            if let Ok(list) = slot {
                                list.push(m);
                            }
                        }
                    }
                })));
            };
            let subject = format!("file system {id}");
            let v = cx
                .observe(body, |r: MountTargetsResponse| r.mount_targets)?
                .map_err(|g| g.about(subject));
            Box::new(move |inv| {
                let slot = inv
                    .efs
                    .pending
                    .mount_targets
                    .entry((region, id))
                    .or_insert_with(|| Ok(Vec::new()));
                super::merge_list(slot, v);
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Efs {
    /// Joins per-file-system calls onto listed file systems; returns notes about calls for file
    /// systems `DescribeFileSystems` did not list.
    pub(crate) fn finalize(&mut self, regions: &[String]) -> Vec<String> {
        let mut p = std::mem::take(&mut self.pending);
        let listed: Vec<String> = self
            .file_systems
            .iter()
            .map(|(r, _)| r.to_string())
            .collect();
        for region in listed {
            let Some(Ok(list)) = self.file_systems.entry_mut(&region) else {
                continue;
            };
            for f in list {
                let key = (region.clone(), f.file_system_id.clone());
                let subject = format!("file system {}", f.file_system_id);
                f.backup_policy = p.backup.remove(&key).unwrap_or_else(|| {
                    Err(
                        Gap::not_collected("efs", "DescribeBackupPolicy", Some(&region))
                            .about(subject.clone()),
                    )
                });
                f.mount_targets = p.mount_targets.remove(&key).unwrap_or_else(|| {
                    Err(
                        Gap::not_collected("efs", "DescribeMountTargets", Some(&region))
                            .about(subject.clone()),
                    )
                });
            }
        }
        self.file_systems.fill(regions);
        self.access_points.fill(regions);
        let mut notes = Vec::new();
        for (op, keys) in [
            ("DescribeBackupPolicy", p.backup.keys().collect::<Vec<_>>()),
            ("DescribeMountTargets", p.mount_targets.keys().collect()),
        ] {
            for (region, id) in keys {
                if self.file_systems.get(region).is_ok() {
                    notes.push(format!(
                        "efs {op} for file system `{id}` in {region}: the file system is not in DescribeFileSystems; ignored"
                    ));
                }
            }
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    const FS: &str = r#"{"service": "efs", "operation": "DescribeFileSystems", "region": "us-east-1", "params": {},
        "response": {"FileSystems": [
          {"OwnerId": "123456789012", "CreationToken": "console-1", "FileSystemId": "fs-0123456789abcdef0",
           "FileSystemArn": "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0",
           "CreationTime": "2026-01-10T12:00:00+00:00", "LifeCycleState": "available", "Name": "shared",
           "NumberOfMountTargets": 1, "SizeInBytes": {"Value": 6144, "ValueInStandard": 6144},
           "PerformanceMode": "generalPurpose", "Encrypted": true,
           "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
           "ThroughputMode": "bursting", "Tags": [{"Key": "Name", "Value": "shared"}],
           "FileSystemProtection": {"ReplicationOverwriteProtection": "ENABLED"}},
          {"OwnerId": "123456789012", "FileSystemId": "fs-0fedcba9876543210", "LifeCycleState": "available",
           "NumberOfMountTargets": 0, "PerformanceMode": "generalPurpose", "Encrypted": false, "Tags": []}]}}"#;

    #[test]
    fn joins_backup_policy_and_mount_targets() {
        let inv = test_load(&format!(
            r#"{{"service": "efs", "operation": "DescribeBackupPolicy", "region": "us-east-1",
                 "params": {{"FileSystemId": "fs-0123456789abcdef0"}}, "response": {{"BackupPolicy": {{"Status": "ENABLED"}}}}}},
               {{"service": "efs", "operation": "DescribeMountTargets", "region": "us-east-1",
                 "params": {{"FileSystemId": "fs-0123456789abcdef0"}},
                 "response": {{"MountTargets": [{{"OwnerId": "123456789012", "MountTargetId": "fsmt-0a1b2c3d",
                   "FileSystemId": "fs-0123456789abcdef0", "SubnetId": "subnet-0a1b2c3d", "LifeCycleState": "available",
                   "IpAddress": "10.0.1.25", "NetworkInterfaceId": "eni-0a1b2c3d", "AvailabilityZoneId": "use1-az1",
                   "AvailabilityZoneName": "us-east-1a", "VpcId": "vpc-0a1b2c3d"}}]}}}},
               {{"service": "efs", "operation": "DescribeBackupPolicy", "region": "us-east-1",
                 "params": {{"FileSystemId": "fs-0fedcba9876543210"}}, "error": {{"code": "PolicyNotFound", "message": "none"}}}},
               {FS},
               {{"service": "efs", "operation": "DescribeAccessPoints", "region": "us-east-1", "params": {{}},
                 "response": {{"AccessPoints": [{{"ClientToken": "t", "Name": "app", "AccessPointId": "fsap-0a1b2c3d4e5f67890",
                   "AccessPointArn": "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0a1b2c3d4e5f67890",
                   "FileSystemId": "fs-0123456789abcdef0", "PosixUser": {{"Uid": 1000, "Gid": 1000}},
                   "RootDirectory": {{"Path": "/app", "CreationInfo": {{"OwnerUid": 1000, "OwnerGid": 1000, "Permissions": "750"}}}},
                   "OwnerId": "123456789012", "LifeCycleState": "available", "Tags": []}},
                   {{"AccessPointId": "fsap-0000000000000000f", "FileSystemId": "fs-0fedcba9876543210"}}]}}}}"#
        ))
        .unwrap();
        let list = inv.efs.file_systems.get("us-east-1").unwrap();
        assert_eq!(list[0].automatic_backups(), Ok(true));
        assert_eq!(
            list[0].mount_targets.as_ref().unwrap()[0]
                .subnet_id
                .as_deref(),
            Some("subnet-0a1b2c3d")
        );
        assert!(list[0].encrypted && !list[1].encrypted);
        assert_eq!(list[1].automatic_backups(), Ok(false));
        let g = list[1].mount_targets.as_ref().unwrap_err();
        assert_eq!(
            (g.kind, g.subject.as_deref()),
            (
                GapKind::NotCollected,
                Some("file system fs-0fedcba9876543210")
            )
        );
        assert_eq!(
            list[1].arn("aws", "123456789012"),
            "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0fedcba9876543210"
        );
        let aps = inv.efs.access_points.get("us-east-1").unwrap();
        assert_eq!(aps[0].root_path(), "/app");
        assert_eq!(aps[0].posix_user.as_ref().unwrap().uid, 1000);
        assert_eq!(aps[1].root_path(), "/");
        assert!(aps[1].posix_user.is_none());
        assert!(inv.efs.file_systems.get("eu-west-1").is_err());
    }

    #[test]
    fn denied_backup_policy_is_a_gap() {
        let inv = test_load(&format!(
            r#"{FS}, {{"service": "efs", "operation": "DescribeBackupPolicy", "region": "us-east-1",
                 "params": {{"FileSystemId": "fs-0123456789abcdef0"}}, "error": {{"code": "AccessDeniedException"}}}}"#
        ))
        .unwrap();
        let f = &inv.efs.file_systems.get("us-east-1").unwrap()[0];
        assert_eq!(
            f.automatic_backups().unwrap_err().kind,
            GapKind::AccessDenied
        );
    }
}
