//! RDS DB instances have automatic backups kept for at least 7 days.
//!
//! ## What it checks
//! Every DB instance in every covered region (`rds DescribeDBInstances`) that is not a member
//! of a DB cluster: `BackupRetentionPeriod` must be at least 7 days (Security Hub's default
//! `backupRetentionMinimum`); 0 means automated backups are off. Cluster members are backed up by
//! the cluster. An instance whose answer lacks the field is UNKNOWN, as is a region whose instances
//! could not be listed.
//!
//! ## Why it matters
//! Automated backups allow point-in-time recovery after corruption, a bad migration or
//! ransomware; a short retention loses that window before anyone notices the damage.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-instance --db-instance-identifier acme-db --backup-retention-period 14 --apply-immediately
//! ```
//! Terraform: `backup_retention_period = 14` on `aws_db_instance`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "rds.backup_enabled",
    title: "RDS DB instances have automatic backups enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::RdsDbInstance,
    compliance: &[fsbp("RDS.11")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// Security Hub's default `backupRetentionMinimum`.
const MIN_DAYS: i64 = 7;

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.rds.db_instances,
        "which RDS DB instances exist",
        |out, d| {
            if d.db_cluster_identifier.is_some() {
                // Judged on the DB cluster.
                return;
            }
            let id = &d.db_instance_identifier;
            let res = cx.resource(
                ResourceType::RdsDbInstance,
                id,
                Some(d.arn(&inv.partition, &inv.account_id)),
                Some(&d.region),
            );
            let ev = json!({"BackupRetentionPeriod": d.backup_retention_period, "minimum_days": MIN_DAYS});
            match d.backup_retention_period {
            Some(0) => out.fail(res, format!("DB instance `{id}` has automated backups off"), ev),
            Some(n) if n < MIN_DAYS => out.fail(
                res,
                format!("DB instance `{id}` keeps automated backups for {n} day(s), fewer than {MIN_DAYS}"),
                ev,
            ),
            Some(n) => out.pass(res, format!("DB instance `{id}` keeps automated backups for {n} days"), ev),
            None => out.push_unknown_message(
                res,
                format!("DB instance `{id}`: the listing has no `BackupRetentionPeriod` field"),
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

    #[test]
    fn pass_fail_unknown() {
        let o = outcomes(
            &CHECK,
            &rds_inv(vec![
                rds_db("good", json!({"BackupRetentionPeriod": 14})),
                rds_db("bad", json!({"BackupRetentionPeriod": 1})),
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

    #[test]
    fn zero_days_is_off() {
        let o = outcomes(
            &CHECK,
            &rds_inv(vec![rds_db("x", json!({"BackupRetentionPeriod": 0}))]),
        );
        assert_eq!(o[1].status, Status::Fail);
        assert!(o[1].message.contains("off"));
    }
}
