//! RDS: DB instances (`DescribeDBInstances`), per region.
//!
//! Kept: what the exposure, encryption, backup and resilience checks read (public
//! accessibility, storage encryption and key, Multi-AZ, backups, deletion protection, IAM
//! authentication, security groups, subnets, endpoint).

use super::{Apply, Regional, Tag};
use crate::error::LoadError;
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;

/// RDS data of the account, per region.
#[derive(Debug, Clone)]
pub struct Rds {
    pub db_instances: Regional<Vec<DbInstance>>,
}

impl Default for Rds {
    fn default() -> Self {
        Rds {
            db_instances: Regional::new("rds", "DescribeDBInstances"),
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
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Rds {
    pub(crate) fn finalize(&mut self, regions: &[String]) {
        self.db_instances.fill(regions);
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
