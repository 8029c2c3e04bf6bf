//! S3 bucket ACLs are not used to grant access.
//!
//! ## What it checks
//! Each bucket's ACL (`s3api get-bucket-acl`): the only grant allowed is the bucket owner's own
//! (the grant every bucket has, to the owner's canonical user ID). A grant to another canonical
//! user, to an e-mail address, or to a group (`AllUsers`, `AuthenticatedUsers`, `LogDelivery`)
//! means the ACL manages access, and fails. Buckets with S3 Object Ownership set to *bucket
//! owner enforced* have ACLs disabled and always show only the owner grant, so they pass. A
//! bucket whose ACL could not be read is UNKNOWN.
//!
//! ## Why it matters
//! ACLs are a second, legacy permission system beside bucket and IAM policies: grants in them
//! are easy to overlook in reviews, cannot be conditioned, and are a classic source of public
//! or cross-account buckets. AWS recommends disabling them.
//!
//! ## Remediation
//! Move any needed access into the bucket policy, then disable ACLs:
//! ```sh
//! aws s3api put-bucket-ownership-controls --bucket acme-data \
//!   --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'
//! ```
//! Terraform: `aws_s3_bucket_ownership_controls` with `object_ownership = "BucketOwnerEnforced"`.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-12
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html

use crate::prelude::*;
use crate::support::s3::each_bucket;

pub static CHECK: Check = Check {
    id: "s3.acl_user_access",
    title: "S3 access control lists (ACLs) are not used to manage user access to buckets",
    severity: Severity::Medium,
    resource_type: ResourceType::S3Bucket,
    compliance: &[fsbp("S3.12")],
    related: &["s3.bucket_public_read", "s3.bucket_public_write"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_bucket(cx, out, "which bucket ACLs grant access", |out, b, res| {
        let acl = match &b.acl {
            Ok(a) => a,
            Err(g) => return out.unknown(res, "what the bucket ACL grants", g),
        };
        let others: Vec<_> = acl
            .grants
            .iter()
            .filter(|g| {
                !(g.grantee_type == "CanonicalUser" && g.id.is_some() && g.id == acl.owner_id)
            })
            .collect();
        if others.is_empty() {
            out.pass(
                res,
                format!("the ACL of bucket `{}` grants only its owner", b.name),
                json!({"grants": acl.grants.len()}),
            );
        } else {
            let ev: Vec<_> = others
                .iter()
                .map(|g| {
                    json!({"Type": g.grantee_type, "ID": g.id, "URI": g.uri, "Permission": g.permission})
                })
                .collect();
            let names: Vec<String> = others
                .iter()
                .map(|g| {
                    let who = g
                        .uri
                        .as_deref()
                        .and_then(|u| u.rsplit('/').next())
                        .map(str::to_string)
                        .or_else(|| g.id.clone())
                        .unwrap_or_else(|| g.grantee_type.clone());
                    format!("{} to {who}", g.permission)
                })
                .collect();
            out.fail(
                res,
                format!(
                    "the ACL of bucket `{}` grants access beyond its owner: {}",
                    b.name,
                    names.join(", ")
                ),
                json!({"acl_grants": ev}),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    const OWNER: &str = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

    fn bucket_with_acl(grants: Option<Value>) -> Vec<Value> {
        let p = json!({"Bucket": "acme-data"});
        vec![
            call(
                "s3",
                "ListBuckets",
                Some("us-east-1"),
                json!({}),
                json!({"Buckets": [{"Name": "acme-data", "CreationDate": "2024-01-01T00:00:00+00:00"}],
                       "Owner": {"ID": OWNER}}),
            ),
            match grants {
                Some(g) => call(
                    "s3",
                    "GetBucketAcl",
                    Some("us-east-1"),
                    p,
                    json!({"Owner": {"DisplayName": "acme", "ID": OWNER}, "Grants": g}),
                ),
                None => error("s3", "GetBucketAcl", Some("us-east-1"), p, "AccessDenied"),
            },
        ]
    }

    fn owner_grant() -> Value {
        json!({"Grantee": {"DisplayName": "acme", "ID": OWNER, "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"})
    }

    #[test]
    fn owner_only_passes() {
        let inv = inventory(bucket_with_acl(Some(json!([owner_grant()]))));
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Pass);
    }

    #[test]
    fn other_grantees_fail() {
        let log = json!({"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/s3/LogDelivery"}, "Permission": "WRITE"});
        let inv = inventory(bucket_with_acl(Some(json!([owner_grant(), log]))));
        let o = outcomes(&CHECK, &inv);
        assert_eq!(only(&o), Status::Fail);
        assert!(
            o[0].message.contains("WRITE to LogDelivery"),
            "{}",
            o[0].message
        );
        let partner = json!({"Grantee": {"ID": "be1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7", "Type": "CanonicalUser"}, "Permission": "READ"});
        let inv = inventory(bucket_with_acl(Some(json!([owner_grant(), partner]))));
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Fail);
    }

    #[test]
    fn unknown_when_acl_denied() {
        let inv = inventory(bucket_with_acl(None));
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}
