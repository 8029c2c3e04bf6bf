//! The S3 bucket that receives CloudTrail logs is not publicly accessible.
//!
//! ## What it checks
//! Every trail of the account, once (`cloudtrail DescribeTrails`), and the bucket it delivers to
//! (`S3BucketName`), judged as `s3.bucket_public_read` and `s3.bucket_public_write` judge a
//! bucket: its policy (`s3 GetBucketPolicy`, evaluated for an anonymous caller and an unknown
//! account), its ACL (`s3 GetBucketAcl`, grants to `AllUsers` or `AuthenticatedUsers`) and
//! Block Public Access of the bucket and the account (`s3 GetPublicAccessBlock`,
//! `s3control GetPublicAccessBlock`). The trail fails when the bucket is public for reading or
//! for writing. A bucket that is not among the account's buckets (another account's central
//! log bucket) or whose settings could not be read makes the trail UNKNOWN.
//!
//! ## Why it matters
//! CloudTrail logs map the whole account: who did what, from where. A public log bucket hands
//! that map to anyone, and a publicly writable one lets them add or remove evidence.
//!
//! ## Remediation
//! ```sh
//! aws s3api put-public-access-block --bucket acme-cloudtrail-logs --public-access-block-configuration \
//!   BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
//! aws s3api put-bucket-acl --bucket acme-cloudtrail-logs --acl private
//! ```
//! Keep only the `cloudtrail.amazonaws.com` statements (with `aws:SourceArn`) in the bucket
//! policy. Terraform: `aws_s3_bucket_public_access_block` with all four flags `true` on the
//! trail's bucket.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-6
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html

use crate::prelude::*;
use crate::support::cloudtrail::{each_trail, trail_bucket};
use crate::support::s3::{Access, Verdict, bucket_public};
use rampart_model::ResourceRef;
use rampart_model::inventory::cloudtrail::Trail;

pub static CHECK: Check = Check {
    id: "cloudtrail.bucket_not_public",
    title: "The S3 bucket that receives CloudTrail logs is not publicly accessible",
    severity: Severity::Critical,
    resource_type: ResourceType::CloudTrailTrail,
    compliance: &[fsbp("CloudTrail.6")],
    related: &["s3.bucket_public_read", "s3.bucket_public_write"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_trail(cx, out, judge);
}

fn judge(cx: &Context<'_>, out: &mut Outcomes, t: &Trail, res: ResourceRef) {
    let Some((b, res)) = trail_bucket(cx, out, t, res, "is public", "access") else {
        return;
    };
    let bucket = b.name.as_str();
    let read = bucket_public(cx.inv, b, Access::Read);
    let write = bucket_public(cx.inv, b, Access::Write);
    let ev = json!({"S3BucketName": bucket, "read": read.evidence, "write": write.evidence});
    let mut public = Vec::new();
    let mut unknown = Vec::new();
    let mut closed = Vec::new();
    for (word, v) in [("read", read.verdict), ("write", write.verdict)] {
        match v {
            Verdict::Public(why) => {
                public.push(format!("public {word} access: {}", why.join("; ")))
            }
            Verdict::Unknown(why) => unknown.push(format!("{word}: {}", why.join("; "))),
            Verdict::NotPublic(why) => closed.push(format!("{word}: {}", why.join("; "))),
        }
    }
    if !public.is_empty() {
        out.fail(
            res,
            format!(
                "trail `{}` delivers to bucket `{bucket}`, which allows {}",
                t.name,
                public.join(" and ")
            ),
            ev,
        );
    } else if !unknown.is_empty() {
        out.push_unknown_message(
            res,
            format!(
                "cannot tell whether bucket `{bucket}` of trail `{}` is public: {}",
                t.name,
                unknown.join("; ")
            ),
            ev,
        );
    } else {
        out.pass(
            res,
            format!(
                "trail `{}` delivers to bucket `{bucket}`, which is not public ({})",
                t.name,
                closed.join("; ")
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
    use serde_json::Value;

    const OWNER: &str = "7c3f9e2a1b8d4c6e5f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e";

    fn s3(op: &str, bucket: &str, response: Value) -> Value {
        call(
            "s3",
            op,
            Some("us-east-1"),
            json!({"Bucket": bucket}),
            response,
        )
    }

    /// The calls of one bucket: its ACL with `extra` grants, no policy, no bucket-level Block
    /// Public Access.
    fn bucket(name: &str, extra: Value) -> Vec<Value> {
        let mut grants = vec![
            json!({"Grantee": {"DisplayName": "acme", "ID": OWNER, "Type": "CanonicalUser"},
                                     "Permission": "FULL_CONTROL"}),
        ];
        if let Some(e) = extra.as_array() {
            grants.extend(e.iter().cloned());
        }
        vec![
            s3(
                "GetBucketAcl",
                name,
                json!({"Owner": {"DisplayName": "acme", "ID": OWNER}, "Grants": grants}),
            ),
            error(
                "s3",
                "GetBucketPolicy",
                Some("us-east-1"),
                json!({"Bucket": name}),
                "NoSuchBucketPolicy",
            ),
            error(
                "s3",
                "GetPublicAccessBlock",
                Some("us-east-1"),
                json!({"Bucket": name}),
                "NoSuchPublicAccessBlockConfiguration",
            ),
        ]
    }

    #[test]
    fn fails_when_the_log_bucket_is_public() {
        let mut calls = vec![
            cloudtrail_trails(vec![
                cloudtrail_trail("private", json!({"S3BucketName": "logs"})),
                cloudtrail_trail("public", json!({"S3BucketName": "exports"})),
                cloudtrail_trail("central", json!({"S3BucketName": "org-logs-999988887777"})),
                cloudtrail_trail("denied", json!({"S3BucketName": "secret"})),
            ]),
            call(
                "s3",
                "ListBuckets",
                Some("us-east-1"),
                json!({}),
                json!({"Buckets": [{"Name": "logs"}, {"Name": "exports"}, {"Name": "secret"}],
                        "Owner": {"DisplayName": "acme", "ID": OWNER}}),
            ),
            call(
                "s3control",
                "GetPublicAccessBlock",
                Some("us-east-1"),
                json!({"AccountId": ACCOUNT}),
                json!({"PublicAccessBlockConfiguration": {"BlockPublicAcls": false, "IgnorePublicAcls": false,
                        "BlockPublicPolicy": false, "RestrictPublicBuckets": false}}),
            ),
            error(
                "s3",
                "GetBucketAcl",
                Some("us-east-1"),
                json!({"Bucket": "secret"}),
                "AccessDenied",
            ),
            error(
                "s3",
                "GetBucketPolicy",
                Some("us-east-1"),
                json!({"Bucket": "secret"}),
                "AccessDenied",
            ),
            error(
                "s3",
                "GetPublicAccessBlock",
                Some("us-east-1"),
                json!({"Bucket": "secret"}),
                "AccessDenied",
            ),
        ];
        calls.extend(bucket("logs", json!([])));
        calls.extend(bucket(
            "exports",
            json!([{"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"},
                    "Permission": "READ"}]),
        ));
        let o = outcomes(&CHECK, &inventory(calls));
        assert_eq!(
            statuses(&o),
            [
                ("central".into(), Status::Unknown),
                ("denied".into(), Status::Unknown),
                ("private".into(), Status::Pass),
                ("public".into(), Status::Fail),
            ]
        );
        assert!(o[3].message.contains("AllUsers"), "{}", o[3].message);
        assert!(o[0].message.contains("another account"), "{}", o[0].message);
    }

    #[test]
    fn unknown_when_trails_were_not_read() {
        let denied = error(
            "cloudtrail",
            "DescribeTrails",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![denied]))),
            Status::Unknown
        );
    }
}
