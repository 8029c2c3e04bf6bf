//! EFS access points enforce a POSIX user identity.
//!
//! ## What it checks
//! Every EFS access point in every covered region (`efs DescribeAccessPoints`) must define a
//! `PosixUser` (user ID, group ID and secondary groups) that EFS applies to every request made
//! through it. A region whose access points could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Without an enforced identity, NFS clients present whatever user ID they like, including 0
//! (root), and file permissions no longer separate one application's data from another's.
//!
//! ## Remediation
//! Access points cannot be changed: create one with a POSIX user, move the clients, delete the
//! old one.
//! ```sh
//! aws efs create-access-point --file-system-id fs-0123456789abcdef0 \
//!   --posix-user Uid=1000,Gid=1000 --root-directory Path=/app
//! ```
//! Terraform: `posix_user { uid = 1000, gid = 1000 }` on `aws_efs_access_point`.
//!
//! ## References
//! - https://docs.aws.amazon.com/efs/latest/ug/efs-access-points.html#enforce-identity-access-points
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-4

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "efs.access_point_user_identity",
    title: "EFS access points enforce a user identity",
    severity: Severity::Medium,
    resource_type: ResourceType::EfsAccessPoint,
    compliance: &[fsbp("EFS.4")],
    related: &["efs.access_point_root_directory"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.efs.access_points,
        "which EFS access points exist",
        |out, a| {
            let res = cx.resource(
                ResourceType::EfsAccessPoint,
                &a.access_point_id,
                Some(a.arn(&inv.partition, &inv.account_id)),
                Some(&a.region),
            );
            match &a.posix_user {
            Some(u) => out.pass(
                res,
                format!("access point `{}` acts as uid {} gid {}", a.access_point_id, u.uid, u.gid),
                json!({"PosixUser": {"Uid": u.uid, "Gid": u.gid, "SecondaryGids": u.secondary_gids}}),
            ),
            None => out.fail(
                res,
                format!("access point `{}` enforces no POSIX user: clients choose their own identity", a.access_point_id),
                json!({"PosixUser": null}),
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
    fn fails_without_posix_user() {
        let inv = inventory(vec![call(
            "efs",
            "DescribeAccessPoints",
            Some("us-east-1"),
            json!({}),
            json!({"AccessPoints": [
                {"AccessPointId": "fsap-0a", "FileSystemId": "fs-0a", "RootDirectory": {"Path": "/app"}},
                {"AccessPointId": "fsap-0b", "FileSystemId": "fs-0a",
                 "PosixUser": {"Uid": 1000, "Gid": 1000, "SecondaryGids": [2000]}, "RootDirectory": {"Path": "/app"}}]}),
        )]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            [
                ("fsap-0a".to_string(), Status::Fail),
                ("fsap-0b".to_string(), Status::Pass)
            ]
        );
    }

    #[test]
    fn unknown_when_denied() {
        let inv = inventory(vec![error(
            "efs",
            "DescribeAccessPoints",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}
