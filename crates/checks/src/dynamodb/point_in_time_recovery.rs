//! DynamoDB tables have point-in-time recovery enabled.
//!
//! ## What it checks
//! Every DynamoDB table in every covered region (`dynamodb ListTables`): its continuous backups
//! (`dynamodb DescribeContinuousBackups`) must report `PointInTimeRecoveryStatus` `ENABLED`.
//! A table whose backup settings could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Point-in-time recovery restores a table to any second of the recovery period: it undoes an
//! accidental or malicious delete or overwrite that daily backups would only partly recover.
//!
//! ## Remediation
//! ```sh
//! aws dynamodb update-continuous-backups --table-name orders \
//!   --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true
//! ```
//! Terraform: `point_in_time_recovery { enabled = true }` on `aws_dynamodb_table`.
//!
//! ## References
//! - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-2

use super::autoscaling_or_on_demand::table_ref;
use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "dynamodb.point_in_time_recovery",
    title: "DynamoDB tables have point-in-time recovery enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::DynamoDbTable,
    compliance: &[fsbp("DynamoDB.2")],
    related: &["dynamodb.deletion_protection"],
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
            let b = match &t.continuous_backups {
                Ok(b) => b,
                Err(g) => return out.unknown(res, "whether point-in-time recovery is on", g),
            };
            let status = b
                .point_in_time_recovery_description
                .as_ref()
                .and_then(|p| p.point_in_time_recovery_status.clone());
            let ev = json!({"PointInTimeRecoveryStatus": status});
            if b.pitr_enabled() {
                out.pass(
                    res,
                    format!("table `{}` has point-in-time recovery", t.name),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("table `{}` has no point-in-time recovery", t.name),
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

    fn backups(table: &str, status: &str) -> serde_json::Value {
        call(
            "dynamodb",
            "DescribeContinuousBackups",
            Some("us-east-1"),
            json!({"TableName": table}),
            json!({"ContinuousBackupsDescription": {"ContinuousBackupsStatus": "ENABLED",
                   "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": status}}}),
        )
    }

    #[test]
    fn fails_without_pitr() {
        let inv = inventory(vec![
            call(
                "dynamodb",
                "ListTables",
                Some("us-east-1"),
                json!({}),
                json!({"TableNames": ["on", "off", "denied", "missing"]}),
            ),
            backups("on", "ENABLED"),
            backups("off", "DISABLED"),
            error(
                "dynamodb",
                "DescribeContinuousBackups",
                Some("us-east-1"),
                json!({"TableName": "denied"}),
                "AccessDeniedException",
            ),
        ]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("on".into(), Status::Pass),
                ("off".into(), Status::Fail),
                ("denied".into(), Status::Unknown),
                ("missing".into(), Status::Unknown),
            ]
        );
    }
}
