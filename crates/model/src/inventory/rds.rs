//! RDS: DB instances (`DescribeDBInstances`), DB clusters (`DescribeDBClusters`), DB snapshots
//! and DB cluster snapshots (`DescribeDBSnapshots`, `DescribeDBClusterSnapshots`) with their
//! `restore` attribute (`DescribeDBSnapshotAttributes`, `DescribeDBClusterSnapshotAttributes`),
//! per region.
//!
//! Kept: what the exposure, encryption, backup, logging and resilience checks read (public
//! accessibility, storage encryption and key, Multi-AZ, backups, deletion protection, IAM
//! authentication, monitoring, log exports, tag copying, administrator name, security groups,
//! subnets, endpoint, who may restore a snapshot).

use super::{Apply, Regional, Tag};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// RDS data of the account, per region.
#[derive(Debug, Clone)]
pub struct Rds {
    pub db_instances: Regional<Vec<DbInstance>>,
    pub db_clusters: Regional<Vec<DbCluster>>,
    /// DB snapshots (manual and automated), each with its `restore` attribute.
    pub db_snapshots: Regional<Vec<DbSnapshot>>,
    /// DB cluster snapshots (manual and automated), each with its `restore` attribute.
    pub db_cluster_snapshots: Regional<Vec<DbSnapshot>>,
    /// `restore` attribute values keyed by (region, snapshot id), joined in `finalize`.
    snapshot_restore: BTreeMap<(String, String), Observed<Vec<String>>>,
    cluster_snapshot_restore: BTreeMap<(String, String), Observed<Vec<String>>>,
}

impl Default for Rds {
    fn default() -> Self {
        Rds {
            db_instances: Regional::new("rds", "DescribeDBInstances"),
            db_clusters: Regional::new("rds", "DescribeDBClusters"),
            db_snapshots: Regional::new("rds", "DescribeDBSnapshots"),
            db_cluster_snapshots: Regional::new("rds", "DescribeDBClusterSnapshots"),
            snapshot_restore: BTreeMap::new(),
            cluster_snapshot_restore: BTreeMap::new(),
        }
    }
}

/// A DB instance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct DbInstance {
    #[serde(rename = "DBInstanceIdentifier")]
    pub db_instance_identifier: String,
    #[serde(rename = "DBInstanceArn")]
    pub db_instance_arn: Option<String>,
    #[serde(rename = "DBInstanceClass")]
    pub db_instance_class: Option<String>,
    #[serde(rename = "DBInstanceStatus")]
    pub db_instance_status: Option<String>,
    #[serde(rename = "DBClusterIdentifier")]
    pub db_cluster_identifier: Option<String>,
    #[serde(rename = "Engine")]
    pub engine: Option<String>,
    #[serde(rename = "EngineVersion")]
    pub engine_version: Option<String>,
    #[serde(rename = "PubliclyAccessible", default)]
    pub publicly_accessible: bool,
    #[serde(rename = "StorageEncrypted", default)]
    pub storage_encrypted: bool,
    #[serde(rename = "KmsKeyId")]
    pub kms_key_id: Option<String>,
    #[serde(rename = "MultiAZ", default)]
    pub multi_az: bool,
    #[serde(rename = "AutoMinorVersionUpgrade")]
    pub auto_minor_version_upgrade: Option<bool>,
    /// Days automated backups are kept; 0 means backups are off.
    #[serde(rename = "BackupRetentionPeriod")]
    pub backup_retention_period: Option<i64>,
    #[serde(rename = "DeletionProtection", default)]
    pub deletion_protection: bool,
    #[serde(rename = "IAMDatabaseAuthenticationEnabled", default)]
    pub iam_database_authentication_enabled: bool,
    #[serde(rename = "VpcSecurityGroups", default)]
    pub vpc_security_groups: Vec<VpcSecurityGroupMembership>,
    #[serde(rename = "DBSubnetGroup")]
    pub db_subnet_group: Option<DbSubnetGroup>,
    #[serde(rename = "Endpoint")]
    pub endpoint: Option<Endpoint>,
    #[serde(rename = "InstanceCreateTime")]
    pub instance_create_time: Option<Timestamp>,
    /// Seconds between Enhanced Monitoring samples; 0 or absent: off.
    #[serde(rename = "MonitoringInterval")]
    pub monitoring_interval: Option<i64>,
    /// Log types published to CloudWatch Logs (`error`, `postgresql`, ...).
    #[serde(rename = "EnabledCloudwatchLogsExports", default)]
    pub enabled_cloudwatch_logs_exports: Vec<String>,
    #[serde(rename = "CopyTagsToSnapshot", default)]
    pub copy_tags_to_snapshot: bool,
    #[serde(rename = "MasterUsername")]
    pub master_username: Option<String>,
    #[serde(rename = "TagList", default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl DbInstance {
    /// The instance ARN (`DBInstanceArn`, or built from the identifier).
    pub fn arn(&self, partition: &str, account: &str) -> String {
        match &self.db_instance_arn {
            Some(a) => a.clone(),
            None => format!(
                "arn:{partition}:rds:{}:{account}:db:{}",
                self.region, self.db_instance_identifier
            ),
        }
    }

    /// IDs of the instance's VPC security groups.
    pub fn security_group_ids(&self) -> impl Iterator<Item = &str> {
        self.vpc_security_groups
            .iter()
            .map(|g| g.vpc_security_group_id.as_str())
    }
}

/// A VPC security group of a DB instance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VpcSecurityGroupMembership {
    pub vpc_security_group_id: String,
    pub status: Option<String>,
}

/// The subnet group a DB instance lives in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct DbSubnetGroup {
    #[serde(rename = "DBSubnetGroupName")]
    pub db_subnet_group_name: Option<String>,
    #[serde(rename = "VpcId")]
    pub vpc_id: Option<String>,
    #[serde(rename = "Subnets", default)]
    pub subnets: Vec<DbSubnet>,
}

/// One subnet of a DB subnet group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DbSubnet {
    pub subnet_identifier: String,
    pub subnet_availability_zone: Option<AvailabilityZone>,
    pub subnet_status: Option<String>,
}

/// An availability zone by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AvailabilityZone {
    pub name: Option<String>,
}

/// Where a DB instance listens.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Endpoint {
    pub address: Option<String>,
    pub port: Option<i64>,
    pub hosted_zone_id: Option<String>,
}

#[derive(Deserialize)]
struct DbInstancesResponse {
    #[serde(rename = "DBInstances", default)]
    db_instances: Vec<DbInstance>,
}

/// A DB cluster (Aurora or Multi-AZ DB cluster).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct DbCluster {
    #[serde(rename = "DBClusterIdentifier")]
    pub db_cluster_identifier: String,
    #[serde(rename = "DBClusterArn")]
    pub db_cluster_arn: Option<String>,
    #[serde(rename = "Engine")]
    pub engine: Option<String>,
    #[serde(rename = "EngineVersion")]
    pub engine_version: Option<String>,
    /// `provisioned`, `serverless`, ...
    #[serde(rename = "EngineMode")]
    pub engine_mode: Option<String>,
    #[serde(rename = "Status")]
    pub status: Option<String>,
    #[serde(rename = "StorageEncrypted", default)]
    pub storage_encrypted: bool,
    #[serde(rename = "KmsKeyId")]
    pub kms_key_id: Option<String>,
    #[serde(rename = "MultiAZ", default)]
    pub multi_az: bool,
    #[serde(rename = "AvailabilityZones", default)]
    pub availability_zones: Vec<String>,
    #[serde(rename = "DeletionProtection", default)]
    pub deletion_protection: bool,
    #[serde(rename = "IAMDatabaseAuthenticationEnabled", default)]
    pub iam_database_authentication_enabled: bool,
    #[serde(rename = "CopyTagsToSnapshot", default)]
    pub copy_tags_to_snapshot: bool,
    /// Seconds of backtracking kept (Aurora MySQL); 0 or absent: off.
    #[serde(rename = "BacktrackWindow")]
    pub backtrack_window: Option<i64>,
    #[serde(rename = "AutoMinorVersionUpgrade")]
    pub auto_minor_version_upgrade: Option<bool>,
    #[serde(rename = "MasterUsername")]
    pub master_username: Option<String>,
    #[serde(rename = "BackupRetentionPeriod")]
    pub backup_retention_period: Option<i64>,
    #[serde(rename = "Port")]
    pub port: Option<i64>,
    #[serde(rename = "MonitoringInterval")]
    pub monitoring_interval: Option<i64>,
    #[serde(rename = "EnabledCloudwatchLogsExports", default)]
    pub enabled_cloudwatch_logs_exports: Vec<String>,
    #[serde(rename = "DBClusterMembers", default)]
    pub members: Vec<DbClusterMember>,
    #[serde(rename = "TagList", default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl DbCluster {
    /// The cluster ARN (`DBClusterArn`, or built from the identifier).
    pub fn arn(&self, partition: &str, account: &str) -> String {
        match &self.db_cluster_arn {
            Some(a) => a.clone(),
            None => format!(
                "arn:{partition}:rds:{}:{account}:cluster:{}",
                self.region, self.db_cluster_identifier
            ),
        }
    }
}

/// A DB instance of a cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct DbClusterMember {
    #[serde(rename = "DBInstanceIdentifier")]
    pub db_instance_identifier: String,
    #[serde(rename = "IsClusterWriter", default)]
    pub is_cluster_writer: bool,
}

fn restore_not_collected() -> Observed<Vec<String>> {
    Err(Gap::not_collected(
        "rds",
        "DescribeDBSnapshotAttributes",
        None,
    ))
}

/// A DB snapshot or a DB cluster snapshot (`DescribeDBSnapshots` / `DescribeDBClusterSnapshots`
/// print the same fields under the `DBSnapshot...` / `DBClusterSnapshot...` names).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DbSnapshot {
    #[serde(rename = "DBSnapshotIdentifier", alias = "DBClusterSnapshotIdentifier")]
    pub id: String,
    #[serde(rename = "DBSnapshotArn", alias = "DBClusterSnapshotArn")]
    pub arn: Option<String>,
    /// The instance or cluster it was taken from.
    #[serde(rename = "DBInstanceIdentifier", alias = "DBClusterIdentifier")]
    pub source: Option<String>,
    /// `manual`, `automated`, `shared`, `public`, `awsbackup`.
    #[serde(rename = "SnapshotType")]
    pub snapshot_type: Option<String>,
    #[serde(rename = "Engine")]
    pub engine: Option<String>,
    #[serde(rename = "Status")]
    pub status: Option<String>,
    #[serde(rename = "SnapshotCreateTime")]
    pub snapshot_create_time: Option<Timestamp>,
    #[serde(rename = "Encrypted", alias = "StorageEncrypted", default)]
    pub encrypted: bool,
    #[serde(rename = "KmsKeyId")]
    pub kms_key_id: Option<String>,
    #[serde(rename = "TagList", default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
    /// The `restore` attribute: account IDs that may restore it, `all` for anyone.
    #[serde(skip_deserializing, default = "restore_not_collected")]
    pub restore: Observed<Vec<String>>,
}

impl DbSnapshot {
    /// The snapshot ARN (as printed, or built for a DB snapshot `snapshot:` or cluster
    /// snapshot `cluster-snapshot:`).
    pub fn arn(&self, partition: &str, account: &str, cluster: bool) -> String {
        match &self.arn {
            Some(a) => a.clone(),
            None => format!(
                "arn:{partition}:rds:{}:{account}:{}:{}",
                self.region,
                if cluster {
                    "cluster-snapshot"
                } else {
                    "snapshot"
                },
                self.id
            ),
        }
    }

    /// Anyone may restore it (`restore` holds `all`).
    pub fn is_public(&self) -> Observed<bool> {
        match &self.restore {
            Ok(v) => Ok(v.iter().any(|a| a == "all")),
            Err(g) => Err(g.clone()),
        }
    }

    /// An automated snapshot (which cannot be shared).
    pub fn is_automated(&self) -> bool {
        self.snapshot_type.as_deref() == Some("automated")
    }
}

#[derive(Deserialize)]
struct DbClustersResponse {
    #[serde(rename = "DBClusters", default)]
    db_clusters: Vec<DbCluster>,
}

#[derive(Deserialize)]
struct DbSnapshotsResponse {
    #[serde(rename = "DBSnapshots", default)]
    db_snapshots: Vec<DbSnapshot>,
}

#[derive(Deserialize)]
struct DbClusterSnapshotsResponse {
    #[serde(rename = "DBClusterSnapshots", default)]
    db_cluster_snapshots: Vec<DbSnapshot>,
}

#[derive(Deserialize)]
struct SnapshotAttribute {
    #[serde(rename = "AttributeName")]
    name: String,
    #[serde(rename = "AttributeValues", default)]
    values: Vec<String>,
}

#[derive(Deserialize)]
struct SnapshotAttributesResult {
    #[serde(
        rename = "DBSnapshotAttributes",
        alias = "DBClusterSnapshotAttributes",
        default
    )]
    attributes: Vec<SnapshotAttribute>,
}

#[derive(Deserialize)]
struct DbSnapshotAttributesResponse {
    #[serde(rename = "DBSnapshotAttributesResult")]
    result: SnapshotAttributesResult,
}

#[derive(Deserialize)]
struct DbClusterSnapshotAttributesResponse {
    #[serde(rename = "DBClusterSnapshotAttributesResult")]
    result: SnapshotAttributesResult,
}

fn restore_values(r: SnapshotAttributesResult) -> Vec<String> {
    r.attributes
        .into_iter()
        .filter(|a| a.name == "restore")
        .flat_map(|a| a.values)
        .collect()
}

/// A regional list call: stamps the region and merges the page into the chosen store.
fn list<R, T>(
    cx: &CallCx<'_>,
    body: Body<'_>,
    items: impl FnOnce(R) -> Vec<T>,
    stamp: impl Fn(&mut T, &str),
    store: impl FnOnce(&mut Rds) -> &mut Regional<Vec<T>> + Send + 'static,
) -> Result<Apply, LoadError>
where
    R: serde::de::DeserializeOwned,
    T: Send + 'static,
{
    let region = cx.region()?;
    let v = cx.observe(body, |r: R| {
        let mut v = items(r);
        for item in &mut v {
            stamp(item, &region);
        }
        v
    })?;
    Ok(Box::new(move |inv| store(&mut inv.rds).merge(region, v)))
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "DescribeDBInstances" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: DbInstancesResponse| {
                let mut v = r.db_instances;
                for i in &mut v {
                    i.region.clone_from(&region);
                }
                v
            })?;
            Box::new(move |inv| inv.rds.db_instances.merge(region, v))
        }
        "DescribeDBClusters" => list(
            cx,
            body,
            |r: DbClustersResponse| r.db_clusters,
            |c: &mut DbCluster, r| c.region = r.to_string(),
            |rds| &mut rds.db_clusters,
        )?,
        "DescribeDBSnapshots" => list(
            cx,
            body,
            |r: DbSnapshotsResponse| r.db_snapshots,
            |s: &mut DbSnapshot, r| s.region = r.to_string(),
            |rds| &mut rds.db_snapshots,
        )?,
        "DescribeDBClusterSnapshots" => list(
            cx,
            body,
            |r: DbClusterSnapshotsResponse| r.db_cluster_snapshots,
            |s: &mut DbSnapshot, r| s.region = r.to_string(),
            |rds| &mut rds.db_cluster_snapshots,
        )?,
        "DescribeDBSnapshotAttributes" => {
            let region = cx.region()?;
            let id = cx.param("DBSnapshotIdentifier")?;
            let v = cx
                .observe(body, |r: DbSnapshotAttributesResponse| {
                    restore_values(r.result)
                })?
                .map_err(|g| g.about(format!("DB snapshot {id}")));
            Box::new(move |inv| {
                inv.rds.snapshot_restore.insert((region, id), v);
            })
        }
        "DescribeDBClusterSnapshotAttributes" => {
            let region = cx.region()?;
            let id = cx.param("DBClusterSnapshotIdentifier")?;
            let v = cx
                .observe(body, |r: DbClusterSnapshotAttributesResponse| {
                    restore_values(r.result)
                })?
                .map_err(|g| g.about(format!("DB cluster snapshot {id}")));
            Box::new(move |inv| {
                inv.rds.cluster_snapshot_restore.insert((region, id), v);
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

/// Joins `restore` attributes to the snapshots listed; returns the keys left over.
fn join_restore(
    list: &mut Regional<Vec<DbSnapshot>>,
    mut attrs: BTreeMap<(String, String), Observed<Vec<String>>>,
    op: &'static str,
    what: &str,
) -> Vec<(String, String)> {
    let listed: Vec<String> = list.iter().map(|(r, _)| r.to_string()).collect();
    for region in listed {
        let Some(Ok(snaps)) = list.entry_mut(&region) else {
            continue;
        };
        for s in snaps {
            let key = (region.clone(), s.id.clone());
            s.restore = attrs.remove(&key).unwrap_or_else(|| {
                Err(Gap::not_collected("rds", op, Some(&region)).about(format!("{what} {}", s.id)))
            });
        }
    }
    attrs.into_keys().collect()
}

impl Rds {
    pub(crate) fn finalize(&mut self, regions: &[String]) -> Vec<String> {
        let mut notes = Vec::new();
        let left = join_restore(
            &mut self.db_snapshots,
            std::mem::take(&mut self.snapshot_restore),
            "DescribeDBSnapshotAttributes",
            "DB snapshot",
        );
        for (region, id) in left {
            if self.db_snapshots.get(&region).is_ok() {
                notes.push(format!("rds DescribeDBSnapshotAttributes for `{id}` in {region}: the snapshot is not in DescribeDBSnapshots; ignored"));
            }
        }
        let left = join_restore(
            &mut self.db_cluster_snapshots,
            std::mem::take(&mut self.cluster_snapshot_restore),
            "DescribeDBClusterSnapshotAttributes",
            "DB cluster snapshot",
        );
        for (region, id) in left {
            if self.db_cluster_snapshots.get(&region).is_ok() {
                notes.push(format!("rds DescribeDBClusterSnapshotAttributes for `{id}` in {region}: the snapshot is not in DescribeDBClusterSnapshots; ignored"));
            }
        }
        self.db_instances.fill(regions);
        self.db_clusters.fill(regions);
        self.db_snapshots.fill(regions);
        self.db_cluster_snapshots.fill(regions);
        notes
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    #[test]
    fn db_instances() {
        let inv = test_load(
            r#"{"service": "rds", "operation": "DescribeDBInstances", "region": "us-east-1",
                "response": {"DBInstances": [{"DBInstanceIdentifier": "db1", "DBInstanceClass": "db.t3.micro",
                  "Engine": "postgres", "DBInstanceStatus": "available",
                  "Endpoint": {"Address": "db1.abc.us-east-1.rds.amazonaws.com", "Port": 5432, "HostedZoneId": "Z2R2"},
                  "AllocatedStorage": 20, "InstanceCreateTime": "2024-01-01T00:00:00.000Z",
                  "BackupRetentionPeriod": 7, "DBSecurityGroups": [],
                  "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-1", "Status": "active"}],
                  "DBSubnetGroup": {"DBSubnetGroupName": "default", "DBSubnetGroupDescription": "default",
                    "VpcId": "vpc-1", "SubnetGroupStatus": "Complete",
                    "Subnets": [{"SubnetIdentifier": "subnet-1", "SubnetAvailabilityZone": {"Name": "us-east-1a"},
                      "SubnetOutpost": {}, "SubnetStatus": "Active"}]},
                  "MultiAZ": false, "EngineVersion": "16.3", "AutoMinorVersionUpgrade": true,
                  "PubliclyAccessible": true, "StorageEncrypted": true,
                  "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/k", "DbiResourceId": "db-ABC",
                  "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:db1",
                  "IAMDatabaseAuthenticationEnabled": false, "DeletionProtection": false,
                  "TagList": [{"Key": "env", "Value": "prod"}]}]}},
               {"service": "rds", "operation": "DescribeDBInstances", "region": "eu-west-1",
                "error": {"code": "AccessDenied", "message": "no"}}"#,
        )
        .unwrap();
        let db = &inv.rds.db_instances.get("us-east-1").unwrap()[0];
        assert!(db.publicly_accessible && db.storage_encrypted && !db.multi_az);
        assert_eq!(db.backup_retention_period, Some(7));
        assert_eq!(db.security_group_ids().collect::<Vec<_>>(), ["sg-1"]);
        let sg = db.db_subnet_group.as_ref().unwrap();
        assert_eq!(sg.subnets[0].subnet_identifier, "subnet-1");
        assert_eq!(db.endpoint.as_ref().unwrap().port, Some(5432));
        assert_eq!(
            db.arn("aws", "1"),
            "arn:aws:rds:us-east-1:123456789012:db:db1"
        );
        assert_eq!(db.tags[0].key, "env");
        let g = inv.rds.db_instances.get("eu-west-1").unwrap_err();
        assert_eq!(g.kind, GapKind::AccessDenied);
    }

    #[test]
    fn clusters_snapshots_and_restore_attributes() {
        let inv = test_load(
            r#"{"service": "rds", "operation": "DescribeDBClusterSnapshotAttributes", "region": "us-east-1",
                "params": {"DBClusterSnapshotIdentifier": "cs-1"},
                "response": {"DBClusterSnapshotAttributesResult": {"DBClusterSnapshotIdentifier": "cs-1",
                  "DBClusterSnapshotAttributes": [{"AttributeName": "restore", "AttributeValues": ["111122223333"]}]}}},
               {"service": "rds", "operation": "DescribeDBSnapshots", "region": "us-east-1", "params": {},
                "response": {"DBSnapshots": [
                  {"DBSnapshotIdentifier": "snap-pub", "DBInstanceIdentifier": "db1", "Engine": "postgres",
                   "SnapshotType": "manual", "Status": "available", "Encrypted": false,
                   "SnapshotCreateTime": "2026-11-01T03:00:00.000Z",
                   "DBSnapshotArn": "arn:aws:rds:us-east-1:123456789012:snapshot:snap-pub"},
                  {"DBSnapshotIdentifier": "rds:db1-2026-11-19-03-00", "DBInstanceIdentifier": "db1",
                   "SnapshotType": "automated", "Encrypted": true, "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/k"}]}},
               {"service": "rds", "operation": "DescribeDBSnapshotAttributes", "region": "us-east-1",
                "params": {"DBSnapshotIdentifier": "snap-pub"},
                "response": {"DBSnapshotAttributesResult": {"DBSnapshotIdentifier": "snap-pub",
                  "DBSnapshotAttributes": [{"AttributeName": "restore", "AttributeValues": ["all"]}]}}},
               {"service": "rds", "operation": "DescribeDBSnapshotAttributes", "region": "us-east-1",
                "params": {"DBSnapshotIdentifier": "gone"},
                "response": {"DBSnapshotAttributesResult": {"DBSnapshotIdentifier": "gone", "DBSnapshotAttributes": []}}},
               {"service": "rds", "operation": "DescribeDBClusterSnapshots", "region": "us-east-1",
                "response": {"DBClusterSnapshots": [{"DBClusterSnapshotIdentifier": "cs-1",
                  "DBClusterIdentifier": "aurora-1", "SnapshotType": "manual", "StorageEncrypted": true,
                  "Engine": "aurora-mysql", "DBClusterSnapshotArn": "arn:aws:rds:us-east-1:123456789012:cluster-snapshot:cs-1"}]}},
               {"service": "rds", "operation": "DescribeDBClusters", "region": "us-east-1",
                "response": {"DBClusters": [{"DBClusterIdentifier": "aurora-1", "Engine": "aurora-mysql",
                  "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:aurora-1", "StorageEncrypted": true,
                  "MultiAZ": false, "AvailabilityZones": ["us-east-1a", "us-east-1b", "us-east-1c"],
                  "DeletionProtection": true, "IAMDatabaseAuthenticationEnabled": false, "BacktrackWindow": 0,
                  "CopyTagsToSnapshot": true, "MasterUsername": "admin", "Port": 3306,
                  "DBClusterMembers": [{"DBInstanceIdentifier": "aurora-1-a", "IsClusterWriter": true}]}]}},
               {"service": "rds", "operation": "DescribeDBClusters", "region": "eu-west-1",
                "error": {"code": "AccessDenied"}}"#,
        )
        .unwrap();
        let snaps = inv.rds.db_snapshots.get("us-east-1").unwrap();
        assert_eq!(snaps[0].is_public(), Ok(true));
        assert!(!snaps[0].encrypted && snaps[1].encrypted && snaps[1].is_automated());
        let g = snaps[1].is_public().unwrap_err();
        assert_eq!(g.kind, GapKind::NotCollected);
        assert_eq!(
            g.subject.as_deref(),
            Some("DB snapshot rds:db1-2026-11-19-03-00")
        );
        let cs = &inv.rds.db_cluster_snapshots.get("us-east-1").unwrap()[0];
        assert_eq!(cs.is_public(), Ok(false));
        assert_eq!(cs.source.as_deref(), Some("aurora-1"));
        assert!(cs.encrypted);
        assert_eq!(
            cs.arn("aws", "1", true),
            "arn:aws:rds:us-east-1:123456789012:cluster-snapshot:cs-1"
        );
        let c = &inv.rds.db_clusters.get("us-east-1").unwrap()[0];
        assert_eq!(c.availability_zones.len(), 3);
        assert_eq!(c.members[0].db_instance_identifier, "aurora-1-a");
        assert_eq!(
            inv.rds.db_clusters.get("eu-west-1").unwrap_err().kind,
            GapKind::AccessDenied
        );
        // The eu-west-1 snapshots were never listed.
        assert_eq!(
            inv.rds.db_snapshots.get("eu-west-1").unwrap_err().kind,
            GapKind::NotCollected
        );
    }

    #[test]
    fn bad_values_name_the_path() {
        let e = test_load(
            r#"{"service": "rds", "operation": "DescribeDBInstances", "region": "us-east-1",
                "response": {"DBInstances": [{"DBInstanceIdentifier": "db1", "PubliclyAccessible": "no"}]}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.place.path.as_deref(),
            Some("response.DBInstances[0].PubliclyAccessible")
        );
    }
}
