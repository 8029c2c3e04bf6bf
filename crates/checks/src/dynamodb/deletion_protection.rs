//! DynamoDB tables have deletion protection enabled.
//!
//! ## What it checks
//! Every DynamoDB table in every covered region (`dynamodb ListTables`, `dynamodb
//! DescribeTable`): `DeletionProtectionEnabled` must be `true`. A table that could not be
//! described is UNKNOWN.
//!
//! ## Why it matters
//! Deleting a table is one API call; with deletion protection, a script, a mistaken
//! `terraform destroy` or an attacker must first turn the protection off, which is a separate,
//! logged step.
//!
//! ## Remediation
//! ```sh
//! aws dynamodb update-table --table-name orders --deletion-protection-enabled
//! ```
//! Terraform: `deletion_protection_enabled = true` on `aws_dynamodb_table`.
//!
//! ## References
//! - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-6

use super::autoscaling_or_on_demand::table_ref;
use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "dynamodb.deletion_protection",
    title: "DynamoDB tables have deletion protection enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::DynamoDbTable,
    compliance: &[fsbp("DynamoDB.6")],
    related: &["dynamodb.point_in_time_recovery"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each(
        cx,
        out,
        &cx.inv.dynamodb.tables,
        "which DynamoDB tables exist",
        |out, t| {
            let res = table_ref(cx, t);
            let d = match &t.description {
                Ok(d) => d,
                Err(g) => return out.unknown(res, "whether deletion protection is on", g),
            };
            let ev = json!({"DeletionProtectionEnabled": d.deletion_protection_enabled});
            if d.deletion_protection_enabled {
                out.pass(
                    res,
                    format!("table `{}` has deletion protection", t.name),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("table `{}` has no deletion protection", t.name),
                    ev,
                );
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dynamodb::autoscaling_or_on_demand::tests::tables;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn fails_without_protection() {
        let inv = inventory(tables(&[
            ("safe", Some(json!({"DeletionProtectionEnabled": true}))),
            ("open", Some(json!({"DeletionProtectionEnabled": false}))),
            ("old", Some(json!({}))),
            ("denied", None),
        ]));
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("safe".into(), Status::Pass),
                ("open".into(), Status::Fail),
                ("old".into(), Status::Fail),
                ("denied".into(), Status::Unknown),
            ]
        );
    }
}
