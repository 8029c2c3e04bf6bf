//! RDS DB instances do not use the database engine's default port.
//!
//! ## What it checks
//! RDS.23: every DB instance in every covered region (`rds DescribeDBInstances`) must listen on a
//! port other than its engine's default (`Endpoint.Port`; MySQL, MariaDB and Aurora MySQL 3306,
//! PostgreSQL and Aurora PostgreSQL 5432, Oracle 1521, SQL Server 1433, Db2 50000). Members of a
//! DB cluster listen on the cluster's port and are judged like any instance. An instance whose
//! endpoint port is not printed (still being created) or whose engine is not one of these is
//! UNKNOWN; so is a region whose instances could not be listed.
//!
//! ## Why it matters
//! Scanners try the default ports first; a non-default port removes the database from the
//! cheapest sweeps. It is no substitute for keeping the port closed to the internet.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-instance --db-instance-identifier acme-db --db-port-number 15432 --apply-immediately
//! ```
//! Terraform: `port = 15432` on `aws_db_instance`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ModifyInstance.Settings.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-23

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "rds.default_port",
    title: "RDS DB instances do not use the database engine's default port",
    severity: Severity::Low,
    resource_type: ResourceType::RdsDbInstance,
    compliance: &[fsbp("RDS.23")],
    related: &["net.db_port_exposed"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// The default port of an engine (`Engine` as RDS prints it).
pub(crate) fn default_port(engine: &str) -> Option<i64> {
    let e = engine.to_ascii_lowercase();
    if e == "aurora" || e.contains("mysql") || e.contains("mariadb") {
        Some(3306)
    } else if e.contains("postgres") {
        Some(5432)
    } else if e.starts_with("oracle") {
        Some(1521)
    } else if e.starts_with("sqlserver") {
        Some(1433)
    } else if e.starts_with("db2") {
        Some(50000)
    } else {
        None
    }
}

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
            let ev = json!({"engine": d.engine, "port": d.endpoint.as_ref().and_then(|e| e.port), "default_port": d.engine.as_deref().and_then(default_port)});
            match match (d.endpoint.as_ref().and_then(|e| e.port), d.engine.as_deref().and_then(default_port)) {
                (Some(p), Some(def)) => Some(p != def),
                _ => None,
            } {
                Some(true) => out.pass(res, format!("DB instance `{id}` listens on a non-default port"), ev),
                Some(false) => out.fail(res, format!("DB instance `{id}` listens on its engine's default port {}", d.endpoint.as_ref().and_then(|e| e.port).unwrap_or(0)), ev),
                None => out.push_unknown_message(res, format!("cannot tell whether DB instance `{id}` uses its engine's default port: port or engine unknown"), ev),
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
                    json!({"Endpoint": {"Address": "good.c8r4lp2xq1ze.us-east-1.rds.amazonaws.com", "Port": 15432}}),
                ),
                rds_db("bad", json!({})),
                rds_db(
                    "creating",
                    json!({"DBInstanceStatus": "creating", "Endpoint": null}),
                ),
            ]),
        );
        assert_eq!(
            statuses(&o),
            [
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("good".to_string(), Status::Pass),
                ("bad".to_string(), Status::Fail),
                ("creating".to_string(), Status::Unknown),
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
