//! DynamoDB: tables (`ListTables`) with their description (`DescribeTable`) and continuous
//! backups (`DescribeContinuousBackups`), and the capacity auto scaling targets registered for
//! DynamoDB (`application-autoscaling DescribeScalableTargets` with
//! `ServiceNamespace: dynamodb`), per region.
//!
//! The per-table calls name their table in `params.TableName` (a name or a table ARN) and are
//! joined onto listed tables in `finalize`.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use serde::Deserialize;
use std::collections::BTreeMap;

/// DynamoDB data of the account, per region.
#[derive(Debug, Clone)]
pub struct DynamoDb {
    pub tables: Regional<Vec<Table>>,
    /// Application Auto Scaling targets of the `dynamodb` namespace.
    pub scalable_targets: Regional<Vec<ScalableTarget>>,
    pending: Pending,
}

impl Default for DynamoDb {
    fn default() -> Self {
        DynamoDb {
            tables: Regional::new("dynamodb", "ListTables"),
            scalable_targets: Regional::new("application-autoscaling", "DescribeScalableTargets"),
            pending: Pending::default(),
        }
    }
}

type TableMap<T> = BTreeMap<(String, String), Observed<T>>;

#[derive(Debug, Clone, Default)]
struct Pending {
    description: TableMap<TableDescription>,
    backups: TableMap<ContinuousBackups>,
}

/// A table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    /// The region of the call that listed it.
    pub region: String,
    /// `DescribeTable`.
    pub description: Observed<TableDescription>,
    /// `DescribeContinuousBackups`.
    pub continuous_backups: Observed<ContinuousBackups>,
}

impl Table {
    /// The table ARN (`TableArn`, or built from the name).
    pub fn arn(&self, partition: &str, account: &str) -> String {
        if let Ok(TableDescription {
            table_arn: Some(a), ..
        }) = &self.description
        {
            return a.clone();
        }
        format!(
            "arn:{partition}:dynamodb:{}:{account}:table/{}",
            self.region, self.name
        )
    }
}

/// A table as `DescribeTable` prints it (fields Rampart uses).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TableDescription {
    pub table_name: String,
    pub table_arn: Option<String>,
    /// `ACTIVE`, `CREATING`, ...
    pub table_status: Option<String>,
    /// Absent for tables created before on-demand existed: those are `PROVISIONED`.
    pub billing_mode_summary: Option<BillingModeSummary>,
    pub provisioned_throughput: Option<ProvisionedThroughput>,
    /// Absent in older responses: off.
    #[serde(default)]
    pub deletion_protection_enabled: bool,
    #[serde(default)]
    pub global_secondary_indexes: Vec<GlobalSecondaryIndex>,
    #[serde(rename = "SSEDescription")]
    pub sse_description: Option<SseDescription>,
}

impl TableDescription {
    /// `PAY_PER_REQUEST` (on-demand) or `PROVISIONED`.
    pub fn billing_mode(&self) -> &str {
        self.billing_mode_summary
            .as_ref()
            .and_then(|b| b.billing_mode.as_deref())
            .unwrap_or("PROVISIONED")
    }

    /// On-demand capacity: nothing to scale.
    pub fn is_on_demand(&self) -> bool {
        self.billing_mode() == "PAY_PER_REQUEST"
    }
}

/// How a table is billed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct BillingModeSummary {
    pub billing_mode: Option<String>,
}

/// Provisioned read and write capacity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ProvisionedThroughput {
    pub read_capacity_units: Option<i64>,
    pub write_capacity_units: Option<i64>,
}

/// A global secondary index (its capacity scales separately from the table's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GlobalSecondaryIndex {
    pub index_name: String,
    pub provisioned_throughput: Option<ProvisionedThroughput>,
}

/// Server-side encryption of a table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SseDescription {
    pub status: Option<String>,
    #[serde(rename = "SSEType")]
    pub sse_type: Option<String>,
    #[serde(rename = "KMSMasterKeyArn")]
    pub kms_master_key_arn: Option<String>,
}

/// `DescribeContinuousBackups` `ContinuousBackupsDescription`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContinuousBackups {
    /// `ENABLED` or `DISABLED`.
    pub continuous_backups_status: Option<String>,
    pub point_in_time_recovery_description: Option<PitrDescription>,
}

impl ContinuousBackups {
    /// Point-in-time recovery is on.
    pub fn pitr_enabled(&self) -> bool {
        self.point_in_time_recovery_description
            .as_ref()
            .and_then(|p| p.point_in_time_recovery_status.as_deref())
            == Some("ENABLED")
    }
}

/// Point-in-time recovery state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PitrDescription {
    /// `ENABLED` or `DISABLED`.
    pub point_in_time_recovery_status: Option<String>,
    pub recovery_period_in_days: Option<i64>,
}

/// An Application Auto Scaling target.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ScalableTarget {
    pub service_namespace: String,
    /// `table/orders` or `table/orders/index/by-customer`.
    pub resource_id: String,
    /// `dynamodb:table:ReadCapacityUnits`, `dynamodb:index:WriteCapacityUnits`, ...
    pub scalable_dimension: String,
    pub min_capacity: Option<i64>,
    pub max_capacity: Option<i64>,
    pub suspended_state: Option<SuspendedState>,
}

/// Whether scaling of a target is suspended.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SuspendedState {
    #[serde(default)]
    pub dynamic_scaling_in_suspended: bool,
    #[serde(default)]
    pub dynamic_scaling_out_suspended: bool,
}

impl DynamoDb {
    /// The auto scaling target for one dimension of a table (`index: None`) or index, if
    /// registered. `Err` when the targets of the region were not collected.
    pub fn scaling_target(
        &self,
        region: &str,
        table: &str,
        index: Option<&str>,
        dimension: &str,
    ) -> Observed<Option<&ScalableTarget>> {
        let targets = self.scalable_targets.get(region)?;
        let (resource, dim) = match index {
            None => (
                format!("table/{table}"),
                format!("dynamodb:table:{dimension}"),
            ),
            Some(i) => (
                format!("table/{table}/index/{i}"),
                format!("dynamodb:index:{dimension}"),
            ),
        };
        Ok(targets
            .iter()
            .find(|t| t.resource_id == resource && t.scalable_dimension == dim))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListTablesResponse {
    #[serde(default)]
    table_names: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeTableResponse {
    table: TableDescription,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ContinuousBackupsResponse {
    continuous_backups_description: ContinuousBackups,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ScalableTargetsResponse {
    #[serde(default)]
    scalable_targets: Vec<ScalableTarget>,
}

/// The table name in a `TableName` parameter (a name or a table ARN).
fn table_name_of(param: &str) -> String {
    match param.split_once(":table/") {
        Some((_, rest)) => rest.split('/').next().unwrap_or(rest).to_string(),
        None => param.to_string(),
    }
}

/// `dynamodb` calls.
pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "ListTables" => {
            let region = cx.region()?;
            let r = region.clone();
            let v = cx.observe(body, move |resp: ListTablesResponse| {
                resp.table_names
                    .into_iter()
                    .map(|name| Table {
                        description: Err(Gap::not_collected("dynamodb", "DescribeTable", Some(&r))
                            .about(format!("table {name}"))),
                        continuous_backups: Err(Gap::not_collected(
                            "dynamodb",
                            "DescribeContinuousBackups",
                            Some(&r),
                        )
                        .about(format!("table {name}"))),
                        region: r.clone(),
                        name,
                    })
                    .collect::<Vec<_>>()
            })?;
            Box::new(move |inv| inv.dynamodb.tables.merge(region, v))
        }
        "DescribeTable" | "DescribeContinuousBackups" => {
            let region = cx.region()?;
            let name = table_name_of(&cx.param("TableName")?);
            let subject = format!("table {name}");
            if cx.operation == "DescribeTable" {
                let v = cx
                    .observe(body, |r: DescribeTableResponse| r.table)?
                    .map_err(|g| g.about(subject));
                Box::new(move |inv| {
                    inv.dynamodb.pending.description.insert((region, name), v);
                })
            } else {
                let v = cx
                    .observe(body, |r: ContinuousBackupsResponse| {
                        r.continuous_backups_description
                    })?
                    .map_err(|g| g.about(subject));
                Box::new(move |inv| {
                    inv.dynamodb.pending.backups.insert((region, name), v);
                })
            }
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

/// `application-autoscaling` calls (only the DynamoDB targets are kept).
pub(crate) fn parse_autoscaling(
    cx: &CallCx<'_>,
    body: Body<'_>,
) -> Result<Option<Apply>, LoadError> {
    if cx.operation != "DescribeScalableTargets" {
        return Ok(None);
    }
    let namespace = cx.param_opt("ServiceNamespace")?;
    if namespace.as_deref().is_some_and(|n| n != "dynamodb") {
        return Ok(None);
    }
    let region = cx.region()?;
    let v = cx.observe(body, |r: ScalableTargetsResponse| {
        r.scalable_targets
            .into_iter()
            .filter(|t| t.service_namespace == "dynamodb")
            .collect::<Vec<_>>()
    })?;
    Ok(Some(Box::new(move |inv| {
        inv.dynamodb.scalable_targets.merge(region, v)
    })))
}

impl DynamoDb {
    /// Joins per-table calls onto listed tables; returns notes about calls for tables
    /// `ListTables` did not list.
    pub(crate) fn finalize(&mut self, regions: &[String]) -> Vec<String> {
        let mut p = std::mem::take(&mut self.pending);
        let listed: Vec<String> = self.tables.iter().map(|(r, _)| r.to_string()).collect();
        for region in listed {
            let Some(Ok(tables)) = self.tables.entry_mut(&region) else {
                continue;
            };
            for t in tables {
                let key = (region.clone(), t.name.clone());
                if let Some(v) = p.description.remove(&key) {
                    t.description = v;
                }
                if let Some(v) = p.backups.remove(&key) {
                    t.continuous_backups = v;
                }
            }
        }
        self.tables.fill(regions);
        self.scalable_targets.fill(regions);
        let mut notes = Vec::new();
        for (op, keys) in [
            ("DescribeTable", p.description.keys().collect::<Vec<_>>()),
            ("DescribeContinuousBackups", p.backups.keys().collect()),
        ] {
            for (region, name) in keys {
                if self.tables.get(region).is_ok() {
                    notes.push(format!(
                        "dynamodb {op} for table `{name}` in {region}: the table is not in ListTables; ignored"
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

    #[test]
    fn tables_backups_and_scaling() {
        let inv = test_load(
            r#"{"service": "dynamodb", "operation": "DescribeTable", "region": "us-east-1", "params": {"TableName": "orders"},
                "response": {"Table": {"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                  "TableName": "orders", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                  "TableStatus": "ACTIVE", "CreationDateTime": "2024-01-01T00:00:00.000000+00:00",
                  "ProvisionedThroughput": {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
                  "TableSizeBytes": 0, "ItemCount": 0, "TableArn": "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
                  "TableId": "1b2c", "DeletionProtectionEnabled": true,
                  "GlobalSecondaryIndexes": [{"IndexName": "by-customer", "KeySchema": [], "Projection": {"ProjectionType": "ALL"},
                    "IndexStatus": "ACTIVE", "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}]}}},
               {"service": "dynamodb", "operation": "ListTables", "region": "us-east-1",
                "response": {"TableNames": ["orders", "events"]}},
               {"service": "dynamodb", "operation": "DescribeTable", "region": "us-east-1",
                "params": {"TableName": "arn:aws:dynamodb:us-east-1:123456789012:table/events"},
                "response": {"Table": {"TableName": "events", "TableStatus": "ACTIVE",
                  "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST", "LastUpdateToPayPerRequestDateTime": "2024-01-01T00:00:00+00:00"},
                  "ProvisionedThroughput": {"ReadCapacityUnits": 0, "WriteCapacityUnits": 0}}}},
               {"service": "dynamodb", "operation": "DescribeContinuousBackups", "region": "us-east-1", "params": {"TableName": "orders"},
                "response": {"ContinuousBackupsDescription": {"ContinuousBackupsStatus": "ENABLED",
                  "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "ENABLED", "RecoveryPeriodInDays": 35,
                    "EarliestRestorableDateTime": "2026-10-16T09:00:00+00:00", "LatestRestorableDateTime": "2026-11-20T08:55:00+00:00"}}}},
               {"service": "dynamodb", "operation": "DescribeContinuousBackups", "region": "us-east-1", "params": {"TableName": "events"},
                "error": {"code": "AccessDeniedException", "message": "no"}},
               {"service": "application-autoscaling", "operation": "DescribeScalableTargets", "region": "us-east-1",
                "params": {"ServiceNamespace": "dynamodb"},
                "response": {"ScalableTargets": [{"ServiceNamespace": "dynamodb", "ResourceId": "table/orders",
                  "ScalableDimension": "dynamodb:table:ReadCapacityUnits", "MinCapacity": 5, "MaxCapacity": 100,
                  "RoleARN": "arn:aws:iam::123456789012:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable",
                  "CreationTime": "2024-01-01T00:00:00+00:00",
                  "SuspendedState": {"DynamicScalingInSuspended": false, "DynamicScalingOutSuspended": false, "ScheduledScalingSuspended": false}}]}},
               {"service": "application-autoscaling", "operation": "DescribeScalableTargets", "region": "us-east-1",
                "params": {"ServiceNamespace": "ecs"}, "response": {"ScalableTargets": [{"ServiceNamespace": "ecs",
                  "ResourceId": "service/c/s", "ScalableDimension": "ecs:service:DesiredCount"}]}}"#,
        )
        .unwrap();
        let t = inv.dynamodb.tables.get("us-east-1").unwrap();
        let d = t[0].description.as_ref().unwrap();
        assert!(d.deletion_protection_enabled && !d.is_on_demand());
        assert_eq!(d.global_secondary_indexes[0].index_name, "by-customer");
        assert!(t[0].continuous_backups.as_ref().unwrap().pitr_enabled());
        assert!(t[1].description.as_ref().unwrap().is_on_demand());
        assert_eq!(
            t[1].continuous_backups.as_ref().unwrap_err().kind,
            GapKind::AccessDenied
        );
        assert_eq!(
            t[1].arn("aws", "123456789012"),
            "arn:aws:dynamodb:us-east-1:123456789012:table/events"
        );
        let read = inv
            .dynamodb
            .scaling_target("us-east-1", "orders", None, "ReadCapacityUnits")
            .unwrap();
        assert_eq!(read.unwrap().max_capacity, Some(100));
        assert!(
            inv.dynamodb
                .scaling_target("us-east-1", "orders", None, "WriteCapacityUnits")
                .unwrap()
                .is_none()
        );
        assert_eq!(
            inv.dynamodb
                .scalable_targets
                .get("us-east-1")
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            inv.dynamodb
                .scaling_target("eu-west-1", "orders", None, "ReadCapacityUnits")
                .unwrap_err()
                .kind,
            GapKind::NotCollected
        );
    }
}
