//! RDS DB instances have Enhanced Monitoring turned on.
//!
//! ## What it checks
//! RDS.6: every DB instance in every covered region (`rds DescribeDBInstances`) must have
//! Enhanced Monitoring on: `MonitoringInterval` greater than 0 (any of 1, 5, 10, 15, 30 or 60
//! seconds). A region whose instances could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Enhanced Monitoring reports the operating system's CPU, memory, file system and process
//! metrics of the instance, which CloudWatch's hypervisor metrics cannot show, when diagnosing an
//! incident or a slowdown.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-instance --db-instance-identifier acme-db --monitoring-interval 60 \
//!   --monitoring-role-arn arn:aws:iam::123456789012:role/rds-monitoring-role --apply-immediately
//! ```
//! Terraform: `monitoring_interval = 60` and `monitoring_role_arn` on `aws_db_instance`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-6

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "rds.enhanced_monitoring",
    title: "RDS DB instances have Enhanced Monitoring turned on",
    severity: Severity::Low,
    resource_type: ResourceType::RdsDbInstance,
    compliance: &[fsbp("RDS.6")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.rds.db_instances,
        "which RDS DB instances exist",
        |out, d| {
            let id = &d.db_instance_identifier;
            let res = cx.resource(
                ResourceType::RdsDbInstance,
                id,
                Some(d.arn(&inv.partition, &inv.account_id)),
                Some(&d.region),
            );
            let ev = json!({"MonitoringInterval": d.monitoring_interval});
            if d.monitoring_interval.unwrap_or(0) > 0 {
                out.pass(
                    res,
                    format!(
                        "DB instance `{id}` sends Enhanced Monitoring metrics every {} seconds",
                        d.monitoring_interval.unwrap_or(0)
                    ),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("DB instance `{id}` has Enhanced Monitoring turned off"),
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

    #[test]
    fn pass_fail_unknown() {
        let o = outcomes(
            &CHECK,
            &rds_inv(vec![
                rds_db(
                    "good",
                    json!({"MonitoringInterval": 60, "MonitoringRoleArn": "arn:aws:iam::123456789012:role/rds-monitoring-role"}),
                ),
                rds_db("bad", json!({"MonitoringInterval": 0})),
            ]),
        );
        assert_eq!(
            statuses(&o),
            [
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("good".to_string(), Status::Pass),
                ("bad".to_string(), Status::Fail),
            ]
        );
        assert!(
            o[1..]
                .iter()
                .all(|f| f.message.contains(&format!("`{}`", f.resource.id))),
            "{o:#?}"
        );
        assert!(
            o[1].resource
                .arn
                .as_deref()
                .is_some_and(|a| a.starts_with("arn:aws:rds:us-east-1:123456789012:"))
        );
    }
}
