//! S3 buckets prohibit public write access.
//!
//! ## What it checks
//! Every bucket of the account (`s3 ListBuckets`), judged on its policy, its ACL and Block
//! Public Access together, exactly as `s3.bucket_public_read` does, for write actions:
//! - the **bucket policy** (`s3 GetBucketPolicy`) is evaluated by the policy engine for
//!   `s3:PutObject`, `s3:DeleteObject`, `s3:DeleteObjectVersion`, `s3:PutObjectAcl` (on objects,
//!   including every object prefix the policy grants on) and `s3:PutBucketPolicy`,
//!   `s3:DeleteBucketPolicy`, `s3:PutBucketAcl`, `s3:DeleteBucket` (on the bucket), sent by an
//!   anonymous caller and by a principal of an unknown AWS account; `RestrictPublicBuckets` on
//!   the bucket or the account neutralises it;
//! - the **ACL** (`s3 GetBucketAcl`): a `WRITE`, `WRITE_ACP` or `FULL_CONTROL` grant to
//!   `AllUsers` or `AuthenticatedUsers` is public unless `IgnorePublicAcls` is on for the bucket
//!   or the account.
//!
//! The bucket fails when either path is open; a path whose data is missing makes it UNKNOWN
//! unless Block Public Access makes that path irrelevant or the other path is already open.
//!
//! ## Why it matters
//! Anyone can overwrite or delete the data, plant malware for the bucket's readers, or run up
//! the storage bill; write to the ACL or policy hands over the bucket itself.
//!
//! ## Remediation
//! Turn on Block Public Access, then remove the statement or grant named in the finding:
//! ```sh
//! aws s3api put-public-access-block --bucket acme-data --public-access-block-configuration \
//!   BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
//! aws s3api put-bucket-acl --bucket acme-data --acl private
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-3

use crate::prelude::*;
use crate::support::s3::{Access, report_public};

pub static CHECK: Check = Check {
    id: "s3.bucket_public_write",
    title: "S3 buckets prohibit public write access",
    severity: Severity::Critical,
    resource_type: ResourceType::S3Bucket,
    compliance: &[fsbp("S3.3")],
    related: &[
        "s3.bucket_public_read",
        "s3.bucket_block_public_access",
        "s3.account_block_public_access",
    ],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    report_public(cx, out, Access::Write);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    fn run_one(
        policy: Option<Value>,
        acl_perm: Option<&str>,
        account_all: bool,
    ) -> (Status, String) {
        let p = json!({"Bucket": "acme-data"});
        let mut calls = vec![call(
            "s3",
            "ListBuckets",
            Some("us-east-1"),
            json!({}),
            json!({"Buckets": [{"Name": "acme-data"}]}),
        )];
        calls.push(match policy {
            Some(st) => call(
                "s3",
                "GetBucketPolicy",
                Some("us-east-1"),
                p.clone(),
                json!({"Policy": json!({"Version": "2012-10-17", "Statement": st}).to_string()}),
            ),
            None => error(
                "s3",
                "GetBucketPolicy",
                Some("us-east-1"),
                p.clone(),
                "NoSuchBucketPolicy",
            ),
        });
        let mut grants = vec![
            json!({"Grantee": {"ID": "abc", "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"}),
        ];
        if let Some(perm) = acl_perm {
            grants.push(json!({"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": perm}));
        }
        calls.push(call(
            "s3",
            "GetBucketAcl",
            Some("us-east-1"),
            p.clone(),
            json!({"Owner": {"ID": "abc"}, "Grants": grants}),
        ));
        calls.push(error(
            "s3",
            "GetPublicAccessBlock",
            Some("us-east-1"),
            p,
            "NoSuchPublicAccessBlockConfiguration",
        ));
        calls.push(call("s3control", "GetPublicAccessBlock", Some("us-east-1"), json!({"AccountId": ACCOUNT}),
            json!({"PublicAccessBlockConfiguration": {"BlockPublicAcls": account_all, "IgnorePublicAcls": account_all,
                   "BlockPublicPolicy": account_all, "RestrictPublicBuckets": account_all}})));
        let o = outcomes(&CHECK, &inventory(calls));
        assert_eq!(o.len(), 1);
        (o[0].status, o[0].message.clone())
    }

    #[test]
    fn fails_public_put_and_acl_write() {
        let put = json!([{"Sid": "Upload", "Effect": "Allow", "Principal": "*", "Action": "s3:Put*",
                          "Resource": "arn:aws:s3:::acme-data/*", "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}}]);
        let (s, m) = run_one(Some(put.clone()), None, false);
        assert_eq!(s, Status::Fail);
        assert!(m.contains("s3:PutObject") && m.contains("Upload"), "{m}");
        let (s, m) = run_one(None, Some("WRITE"), false);
        assert_eq!(s, Status::Fail);
        assert!(m.contains("WRITE"), "{m}");
        // The account setting neutralises both.
        let (s, _) = run_one(Some(put), Some("WRITE"), true);
        assert_eq!(s, Status::Pass);
    }

    #[test]
    fn passes_public_read_only() {
        let get = json!([{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-data/*"}]);
        let (s, m) = run_one(Some(get), Some("READ"), false);
        assert_eq!(s, Status::Pass, "{m}");
    }

    #[test]
    fn unknown_without_data() {
        let inv = inventory(vec![call(
            "s3",
            "ListBuckets",
            Some("us-east-1"),
            json!({}),
            json!({"Buckets": [{"Name": "b"}]}),
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}
