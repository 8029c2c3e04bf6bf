//! DynamoDB tables scale capacity with demand.
//!
//! ## What it checks
//! Every DynamoDB table in every covered region (`dynamodb ListTables`, `dynamodb
//! DescribeTable`): an on-demand table (`BillingMode` `PAY_PER_REQUEST`) passes. A provisioned
//! table passes when Application Auto Scaling (`application-autoscaling
//! DescribeScalableTargets`, namespace `dynamodb`) has a target for both its read and write
//! capacity, and for the read and write capacity of each of its global secondary indexes.
//! Missing targets fail; a table or targets list that could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Fixed capacity throttles requests when traffic grows (an availability problem that looks
//! like an outage) and wastes money when it falls.
//!
//! ## Remediation
//! Switch the table to on-demand, or register scaling targets and policies:
//! ```sh
//! aws dynamodb update-table --table-name orders --billing-mode PAY_PER_REQUEST
//! aws application-autoscaling register-scalable-target --service-namespace dynamodb \
//!   --resource-id table/orders --scalable-dimension dynamodb:table:WriteCapacityUnits \
//!   --min-capacity 5 --max-capacity 100
//! ```
//! Terraform: `billing_mode = "PAY_PER_REQUEST"` on `aws_dynamodb_table`, or
//! `aws_appautoscaling_target` + `aws_appautoscaling_policy` for each dimension.
//!
//! ## References
//! - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-1

use crate::prelude::*;
use crate::support::regional::each;
use rampart_model::ResourceRef;
use rampart_model::inventory::dynamodb::Table;

pub static CHECK: Check = Check {
    id: "dynamodb.autoscaling_or_on_demand",
    title: "DynamoDB tables automatically scale capacity with demand",
    severity: Severity::Medium,
    resource_type: ResourceType::DynamoDbTable,
    compliance: &[fsbp("DynamoDB.1")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// How findings name a table.
pub(crate) fn table_ref(cx: &Context<'_>, t: &Table) -> ResourceRef {
    cx.resource(
        ResourceType::DynamoDbTable,
        &t.name,
        Some(t.arn(&cx.inv.partition, &cx.inv.account_id)),
        Some(&t.region),
    )
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let ddb = &cx.inv.dynamodb;
    each(
        cx,
        out,
        &ddb.tables,
        "which DynamoDB tables exist",
        |out, t| {
            let res = table_ref(cx, t);
            let d = match &t.description {
                Ok(d) => d,
                Err(g) => return out.unknown(res, "how the table's capacity is managed", g),
            };
            if d.is_on_demand() {
                return out.pass(
                    res,
                    format!("table `{}` uses on-demand capacity", t.name),
                    json!({"BillingMode": d.billing_mode()}),
                );
            }
            let mut parts: Vec<Option<&str>> = vec![None];
            parts.extend(
                d.global_secondary_indexes
                    .iter()
                    .map(|i| Some(i.index_name.as_str())),
            );
            let mut missing = Vec::new();
            for index in parts {
                for dim in ["ReadCapacityUnits", "WriteCapacityUnits"] {
                    match ddb.scaling_target(&t.region, &t.name, index, dim) {
                        Ok(Some(_)) => {}
                        Ok(None) => missing.push(match index {
                            None => format!("table {dim}"),
                            Some(i) => format!("index {i} {dim}"),
                        }),
                        Err(g) => {
                            return out.unknown(res, "whether the table's capacity scales", &g);
                        }
                    }
                }
            }
            let ev = json!({"BillingMode": d.billing_mode(), "missing_scaling_targets": missing});
            if missing.is_empty() {
                out.pass(
                    res,
                    format!(
                        "table `{}` has auto scaling on its read and write capacity",
                        t.name
                    ),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!(
                        "table `{}` uses provisioned capacity without auto scaling for {}",
                        t.name,
                        missing.join(", ")
                    ),
                    ev,
                );
            }
        },
    );
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    /// `ListTables` and one `DescribeTable` per (name, table fields); `None`: denied.
    pub(crate) fn tables(items: &[(&str, Option<Value>)]) -> Vec<Value> {
        let mut v = vec![call(
            "dynamodb",
            "ListTables",
            Some("us-east-1"),
            json!({}),
            json!({"TableNames": items.iter().map(|(n, _)| *n).collect::<Vec<_>>()}),
        )];
        for (n, t) in items {
            let params = json!({"TableName": n});
            v.push(match t {
                Some(t) => {
                    let mut t = t.clone();
                    t["TableName"] = json!(n);
                    t["TableArn"] =
                        json!(format!("arn:aws:dynamodb:us-east-1:123456789012:table/{n}"));
                    t["TableStatus"] = json!("ACTIVE");
                    call(
                        "dynamodb",
                        "DescribeTable",
                        Some("us-east-1"),
                        params,
                        json!({"Table": t}),
                    )
                }
                None => error(
                    "dynamodb",
                    "DescribeTable",
                    Some("us-east-1"),
                    params,
                    "AccessDeniedException",
                ),
            });
        }
        v
    }

    fn target(resource: &str, dim: &str) -> Value {
        json!({"ServiceNamespace": "dynamodb", "ResourceId": resource, "ScalableDimension": dim,
               "MinCapacity": 5, "MaxCapacity": 100})
    }

    #[test]
    fn fails_fixed_capacity_passes_on_demand_and_scaled() {
        let provisioned =
            json!({"ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}});
        let mut with_index = provisioned.clone();
        with_index["GlobalSecondaryIndexes"] = json!([{"IndexName": "by-day",
            "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}]);
        let mut calls = tables(&[
            (
                "ondemand",
                Some(json!({"BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST"}})),
            ),
            ("scaled", Some(provisioned.clone())),
            ("fixed", Some(provisioned.clone())),
            ("halfindex", Some(with_index)),
            ("denied", None),
        ]);
        calls.push(call(
            "application-autoscaling",
            "DescribeScalableTargets",
            Some("us-east-1"),
            json!({"ServiceNamespace": "dynamodb"}),
            json!({"ScalableTargets": [
                target("table/scaled", "dynamodb:table:ReadCapacityUnits"),
                target("table/scaled", "dynamodb:table:WriteCapacityUnits"),
                target("table/fixed", "dynamodb:table:ReadCapacityUnits"),
                target("table/halfindex", "dynamodb:table:ReadCapacityUnits"),
                target("table/halfindex", "dynamodb:table:WriteCapacityUnits")]}),
        ));
        let o = outcomes(&CHECK, &inventory(calls));
        assert_eq!(
            statuses(&o),
            vec![
                ("ondemand".into(), Status::Pass),
                ("scaled".into(), Status::Pass),
                ("fixed".into(), Status::Fail),
                ("halfindex".into(), Status::Fail),
                ("denied".into(), Status::Unknown),
            ]
        );
        assert!(o[3].message.contains("index by-day"), "{}", o[3].message);
    }

    #[test]
    fn unknown_without_scaling_targets() {
        let inv = inventory(tables(&[(
            "fixed",
            Some(
                json!({"ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}),
            ),
        )]));
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}
