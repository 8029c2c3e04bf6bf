//! RDS snapshots are private.
//!
//! ## What it checks
//! RDS.1: every DB snapshot and DB cluster snapshot the account owns, in every covered region
//! (`rds DescribeDBSnapshots`, `rds DescribeDBClusterSnapshots`), must not list `all` in its
//! `restore` attribute (`rds DescribeDBSnapshotAttributes` /
//! `DescribeDBClusterSnapshotAttributes`). Sharing with named accounts is not public and passes
//! (the evidence lists them). Automated snapshots cannot be shared and pass without the
//! attribute. A manual snapshot whose attribute could not be read is UNKNOWN, never PASS; so is
//! a region whose snapshots could not be listed.
//!
//! ## Why it matters
//! Anyone with an AWS account can restore a public snapshot into their own account and read the
//! whole database.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-snapshot-attribute --db-snapshot-identifier acme-db-final \
//!   --attribute-name restore --values-to-remove all
//! aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier acme-aurora-final \
//!   --attribute-name restore --values-to-remove all
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-1

use crate::prelude::*;
use crate::support::regional::each;
use rampart_model::inventory::rds::DbSnapshot;

pub static CHECK: Check = Check {
    id: "rds.snapshot_not_public",
    title: "RDS snapshots are private",
    severity: Severity::Critical,
    resource_type: ResourceType::RdsDbSnapshot,
    compliance: &[fsbp("RDS.1")],
    related: &["rds.snapshot_encrypted"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    for (list, cluster) in [
        (&inv.rds.db_snapshots, false),
        (&inv.rds.db_cluster_snapshots, true),
    ] {
        let what = if cluster {
            "which RDS DB cluster snapshots the account owns"
        } else {
            "which RDS DB snapshots the account owns"
        };
        each(cx, out, list, what, |out, s| judge(cx, out, s, cluster));
    }
}

fn judge(cx: &Context<'_>, out: &mut Outcomes, s: &DbSnapshot, cluster: bool) {
    let inv = cx.inv;
    let (kind, noun) = if cluster {
        (ResourceType::RdsDbClusterSnapshot, "DB cluster snapshot")
    } else {
        (ResourceType::RdsDbSnapshot, "DB snapshot")
    };
    let id = &s.id;
    let res = cx.resource(
        kind,
        id,
        Some(s.arn(&inv.partition, &inv.account_id, cluster)),
        Some(&s.region),
    );
    if s.is_automated() {
        out.pass(
            res,
            format!("{noun} `{id}` is automated and cannot be shared"),
            json!({"SnapshotType": s.snapshot_type}),
        );
        return;
    }
    let restore = match &s.restore {
        Ok(r) => r,
        Err(g) => {
            out.unknown(res, &format!("who may restore {noun} `{id}`"), g);
            return;
        }
    };
    let accounts: Vec<&str> = restore
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "all")
        .collect();
    let ev = json!({"restore": restore, "SnapshotType": s.snapshot_type, "source": s.source});
    if restore.iter().any(|a| a == "all") {
        out.fail(
            res,
            format!("{noun} `{id}` can be restored by anyone (restore attribute `all`)"),
            ev,
        );
    } else if accounts.is_empty() {
        out.pass(res, format!("{noun} `{id}` is not shared"), ev);
    } else {
        out.pass(
            res,
            format!(
                "{noun} `{id}` is not public (shared with {})",
                accounts.join(", ")
            ),
            ev,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn pass_fail_unknown() {
        let inv = rds_snapshot_inv();
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            [
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("acme-public".to_string(), Status::Fail),
                ("acme-shared".to_string(), Status::Pass),
                ("rds:acme-db-2026-11-19-03-10".to_string(), Status::Pass),
                ("acme-unread".to_string(), Status::Unknown),
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("acme-aurora-final".to_string(), Status::Fail),
            ]
        );
        assert!(o[2].message.contains("444455556666"), "{}", o[2].message);
        assert!(
            o[4].message.contains("DescribeDBSnapshotAttributes"),
            "{}",
            o[4].message
        );
        assert_eq!(o[6].resource.kind, ResourceType::RdsDbClusterSnapshot);
        assert_eq!(
            o[6].resource.arn.as_deref(),
            Some("arn:aws:rds:us-east-1:123456789012:cluster-snapshot:acme-aurora-final")
        );
    }
}
