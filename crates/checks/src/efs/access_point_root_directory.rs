//! EFS access points enforce a root directory below the file system root.
//!
//! ## What it checks
//! Every EFS access point in every covered region (`efs DescribeAccessPoints`): its
//! `RootDirectory.Path` must be a directory other than `/`, the root of the whole file system.
//! An access point that prints no root directory exposes `/` and fails. A region whose access
//! points could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! An access point is how one application is confined to its own part of a shared file system.
//! With `/` as its root, every client of the access point can reach every other application's
//! files.
//!
//! ## Remediation
//! Access points cannot be changed: create one rooted at the application's directory, move the
//! clients to it, then delete the old one.
//! ```sh
//! aws efs create-access-point --file-system-id fs-0123456789abcdef0 \
//!   --root-directory 'Path=/app,CreationInfo={OwnerUid=1000,OwnerGid=1000,Permissions=750}'
//! aws efs delete-access-point --access-point-id fsap-0123456789abcdef0
//! ```
//! Terraform: `root_directory { path = "/app" }` on `aws_efs_access_point`.
//!
//! ## References
//! - https://docs.aws.amazon.com/efs/latest/ug/efs-access-points.html#enforce-root-directory-access-point
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-3

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "efs.access_point_root_directory",
    title: "EFS access points enforce a root directory",
    severity: Severity::Medium,
    resource_type: ResourceType::EfsAccessPoint,
    compliance: &[fsbp("EFS.3")],
    related: &["efs.access_point_user_identity"],
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
            let path = a.root_path();
            let ev = json!({"FileSystemId": a.file_system_id, "RootDirectory": {"Path": path}});
            if path.trim_end_matches('/').is_empty() {
                out.fail(
                    res,
                    format!(
                        "access point `{}` exposes the whole file system (root directory `/`)",
                        a.access_point_id
                    ),
                    ev,
                );
            } else {
                out.pass(
                    res,
                    format!(
                        "access point `{}` is confined to `{path}`",
                        a.access_point_id
                    ),
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
    fn root_slash_fails_and_subdirectory_passes() {
        let inv = inventory(vec![call(
            "efs",
            "DescribeAccessPoints",
            Some("us-east-1"),
            json!({}),
            json!({"AccessPoints": [
                {"AccessPointId": "fsap-0a", "FileSystemId": "fs-0a", "RootDirectory": {"Path": "/"},
                 "OwnerId": "123456789012", "LifeCycleState": "available", "Tags": []},
                {"AccessPointId": "fsap-0b", "FileSystemId": "fs-0a", "LifeCycleState": "available"},
                {"AccessPointId": "fsap-0c", "FileSystemId": "fs-0a",
                 "AccessPointArn": "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0c",
                 "RootDirectory": {"Path": "/app", "CreationInfo": {"OwnerUid": 1000, "OwnerGid": 1000, "Permissions": "750"}},
                 "LifeCycleState": "available"}]}),
        )]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            [
                ("fsap-0a".to_string(), Status::Fail),
                ("fsap-0b".to_string(), Status::Fail),
                ("fsap-0c".to_string(), Status::Pass)
            ]
        );
    }

    #[test]
    fn unknown_when_not_collected() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}
