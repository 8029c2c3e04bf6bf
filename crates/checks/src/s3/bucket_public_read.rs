//! S3 buckets prohibit public read access.
//!
//! ## What it checks
//! Every bucket of the account (`s3 ListBuckets`), judged on its policy, its ACL and Block
//! Public Access together:
//! - the **bucket policy** (`s3 GetBucketPolicy`) is evaluated by the policy engine for
//!   `s3:GetObject`, `s3:GetObjectVersion` (on objects, including every object prefix the policy
//!   grants on) and `s3:ListBucket`, `s3:ListBucketVersions` (on the bucket), sent by an
//!   anonymous caller and by a principal of an unknown AWS account. Conditions that really
//!   restrict the caller (`aws:SourceVpce`, `aws:PrincipalOrgID`, `aws:SourceArn`, a narrow
//!   `aws:SourceIp`) keep the policy private. `RestrictPublicBuckets`, on the bucket **or** the
//!   account (`s3 GetPublicAccessBlock`, `s3control GetPublicAccessBlock`), neutralises it;
//! - the **ACL** (`s3 GetBucketAcl`): a `READ`, `READ_ACP` or `FULL_CONTROL` grant to
//!   `AllUsers` or `AuthenticatedUsers` (any AWS account) is public unless `IgnorePublicAcls`
//!   is on for the bucket or the account.
//!
//! The bucket fails when either path is open. A path whose data could not be read makes the
//! bucket UNKNOWN, unless Block Public Access makes that path irrelevant or the other path is
//! already open. AWS's own `GetBucketPolicyStatus` is not used for the verdict.
//!
//! ## Why it matters
//! A publicly readable bucket is the most common way data leaks from AWS: anyone who finds the
//! bucket name can list and download it.
//!
//! ## Remediation
//! Turn on Block Public Access (see `s3.bucket_block_public_access`), then remove the
//! statement or grant named in the finding:
//! ```sh
//! aws s3api put-public-access-block --bucket acme-data --public-access-block-configuration \
//!   BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
//! aws s3api put-bucket-acl --bucket acme-data --acl private
//! aws s3api put-bucket-ownership-controls --bucket acme-data \
//!   --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'
//! ```
//! Serve public web content through CloudFront with origin access control.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-2

use crate::prelude::*;
use crate::support::s3::{Access, report_public};

pub static CHECK: Check = Check {
    id: "s3.bucket_public_read",
    title: "S3 buckets prohibit public read access",
    severity: Severity::Critical,
    resource_type: ResourceType::S3Bucket,
    compliance: &[fsbp("S3.2")],
    related: &[
        "s3.bucket_public_write",
        "s3.bucket_block_public_access",
        "s3.account_block_public_access",
    ],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    report_public(cx, out, Access::Read);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    const OWNER: &str = "7c3f9e2a1b8d4c6e5f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e";

    fn list() -> Value {
        call(
            "s3",
            "ListBuckets",
            Some("us-east-1"),
            json!({}),
            json!({"Buckets": [{"Name": "acme-data", "CreationDate": "2024-01-02T03:04:05+00:00"}],
                   "Owner": {"DisplayName": "acme", "ID": OWNER}}),
        )
    }
    fn p() -> Value {
        json!({"Bucket": "acme-data"})
    }
    fn policy(statements: Value) -> Value {
        let doc = json!({"Version": "2012-10-17", "Statement": statements});
        call(
            "s3",
            "GetBucketPolicy",
            Some("us-east-1"),
            p(),
            json!({"Policy": doc.to_string()}),
        )
    }
    fn no_policy() -> Value {
        error(
            "s3",
            "GetBucketPolicy",
            Some("us-east-1"),
            p(),
            "NoSuchBucketPolicy",
        )
    }
    fn acl(extra: Value) -> Value {
        let mut grants = vec![
            json!({"Grantee": {"DisplayName": "acme", "ID": OWNER, "Type": "CanonicalUser"},
                                     "Permission": "FULL_CONTROL"}),
        ];
        if !extra.is_null() {
            grants.push(extra);
        }
        call(
            "s3",
            "GetBucketAcl",
            Some("us-east-1"),
            p(),
            json!({"Owner": {"DisplayName": "acme", "ID": OWNER}, "Grants": grants}),
        )
    }
    fn all_users(perm: &str) -> Value {
        json!({"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": perm})
    }
    fn bpa(ignore_acls: bool, restrict: bool) -> Value {
        call(
            "s3",
            "GetPublicAccessBlock",
            Some("us-east-1"),
            p(),
            json!({"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": ignore_acls,
                   "BlockPublicPolicy": true, "RestrictPublicBuckets": restrict}}),
        )
    }
    fn no_bpa() -> Value {
        error(
            "s3",
            "GetPublicAccessBlock",
            Some("us-east-1"),
            p(),
            "NoSuchPublicAccessBlockConfiguration",
        )
    }
    fn account_bpa(all: bool) -> Value {
        call(
            "s3control",
            "GetPublicAccessBlock",
            Some("us-east-1"),
            json!({"AccountId": ACCOUNT}),
            json!({"PublicAccessBlockConfiguration": {"BlockPublicAcls": all, "IgnorePublicAcls": all,
                   "BlockPublicPolicy": all, "RestrictPublicBuckets": all}}),
        )
    }
    fn run_one(mut calls: Vec<Value>) -> (Status, String) {
        calls.insert(0, list());
        let o = outcomes(&CHECK, &inventory(calls));
        assert_eq!(o.len(), 1, "{o:#?}");
        (o[0].status, o[0].message.clone())
    }
    fn public_get() -> Value {
        json!([{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                "Resource": "arn:aws:s3:::acme-data/*"}])
    }

    #[test]
    fn fails_public_policy_and_public_acl() {
        let (s, m) = run_one(vec![
            policy(public_get()),
            acl(Value::Null),
            no_bpa(),
            account_bpa(false),
        ]);
        assert_eq!(s, Status::Fail);
        assert!(
            m.contains("PublicRead") && m.contains("s3:GetObject"),
            "{m}"
        );
        // A grant on one prefix only is found too.
        let (s, m) = run_one(vec![
            policy(
                json!([{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["s3:GetObject"],
                           "Resource": "arn:aws:s3:::acme-data/public/*"}]),
            ),
            acl(Value::Null),
            no_bpa(),
            account_bpa(false),
        ]);
        assert_eq!(s, Status::Fail, "{m}");
        let (s, m) = run_one(vec![
            no_policy(),
            acl(all_users("READ")),
            no_bpa(),
            account_bpa(false),
        ]);
        assert_eq!(s, Status::Fail);
        assert!(m.contains("AllUsers"), "{m}");
        let (s, _) = run_one(vec![
            no_policy(),
            acl(json!({"Grantee": {"Type": "Group",
            "URI": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}, "Permission": "FULL_CONTROL"})),
            no_bpa(),
            account_bpa(false),
        ]);
        assert_eq!(s, Status::Fail);
        // BlockPublicAcls alone does not neutralise an existing ACL grant.
        let (s, _) = run_one(vec![
            no_policy(),
            acl(all_users("READ")),
            bpa(false, true),
            account_bpa(false),
        ]);
        assert_eq!(s, Status::Fail);
    }

    #[test]
    fn block_public_access_from_bucket_or_account_neutralises() {
        let (s, m) = run_one(vec![
            policy(public_get()),
            acl(all_users("READ")),
            bpa(true, true),
            account_bpa(false),
        ]);
        assert_eq!(s, Status::Pass, "{m}");
        assert!(
            m.contains("RestrictPublicBuckets") && m.contains("IgnorePublicAcls"),
            "{m}"
        );
        let (s, m) = run_one(vec![
            policy(public_get()),
            acl(all_users("READ")),
            no_bpa(),
            account_bpa(true),
        ]);
        assert_eq!(s, Status::Pass, "{m}");
        // With everything blocked, unreadable policy and ACL do not matter.
        let (s, _) = run_one(vec![
            error(
                "s3",
                "GetBucketPolicy",
                Some("us-east-1"),
                p(),
                "AccessDenied",
            ),
            error("s3", "GetBucketAcl", Some("us-east-1"), p(), "AccessDenied"),
            bpa(true, true),
        ]);
        assert_eq!(s, Status::Pass);
    }

    #[test]
    fn passes_private_and_restricted_policies() {
        let (s, m) = run_one(vec![
            policy(json!([
                {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::acme-data/*"},
                {"Sid": "VpceOnly", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::acme-data/*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}},
                {"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-data/*"}])),
            acl(Value::Null),
            no_bpa(),
            account_bpa(false),
        ]);
        assert_eq!(s, Status::Pass, "{m}");
        // A public write grant does not make the bucket publicly readable.
        let (s, _) = run_one(vec![
            no_policy(),
            acl(all_users("WRITE")),
            no_bpa(),
            account_bpa(false),
        ]);
        assert_eq!(s, Status::Pass);
    }

    #[test]
    fn unknown_when_a_needed_part_is_missing() {
        // Policy denied, nothing blocks it.
        let (s, m) = run_one(vec![
            error(
                "s3",
                "GetBucketPolicy",
                Some("us-east-1"),
                p(),
                "AccessDenied",
            ),
            acl(Value::Null),
            no_bpa(),
            account_bpa(false),
        ]);
        assert_eq!(s, Status::Unknown);
        assert!(m.contains("bucket policy is unknown"), "{m}");
        // Public policy, but whether RestrictPublicBuckets is on is unknown.
        let (s, m) = run_one(vec![
            policy(public_get()),
            acl(Value::Null),
            error(
                "s3",
                "GetPublicAccessBlock",
                Some("us-east-1"),
                p(),
                "AccessDenied",
            ),
            account_bpa(false),
        ]);
        assert_eq!(s, Status::Unknown, "{m}");
        // ACL denied.
        let (s, _) = run_one(vec![
            no_policy(),
            error("s3", "GetBucketAcl", Some("us-east-1"), p(), "AccessDenied"),
            no_bpa(),
            account_bpa(false),
        ]);
        assert_eq!(s, Status::Unknown);
        // But a public policy fails whatever the ACL is.
        let (s, _) = run_one(vec![
            policy(public_get()),
            error("s3", "GetBucketAcl", Some("us-east-1"), p(), "AccessDenied"),
            no_bpa(),
            account_bpa(false),
        ]);
        assert_eq!(s, Status::Fail);
        let o = outcomes(&CHECK, &inventory(vec![]));
        assert_eq!(only(&o), Status::Unknown);
    }
}
