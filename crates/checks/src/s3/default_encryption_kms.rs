//! S3 buckets encrypt new objects with AWS KMS keys by default.
//!
//! ## What it checks
//! Every bucket of the account (`s3 ListBuckets`) and its default encryption
//! (`s3 GetBucketEncryption`): a rule must apply `aws:kms` or `aws:kms:dsse`. Buckets on the
//! S3 managed default (`AES256`, SSE-S3) fail: their data is encrypted, but by a key nobody can
//! restrict, audit or revoke. A bucket whose encryption could not be read is UNKNOWN.
//!
//! ## Why it matters
//! With a KMS key, reading an object also needs permission on the key, every use of the key is
//! logged in CloudTrail, and disabling the key cuts off access to the data at once.
//!
//! ## Remediation
//! ```sh
//! aws s3api put-bucket-encryption --bucket acme-data --server-side-encryption-configuration \
//!   '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms",
//!     "KMSMasterKeyID":"alias/acme-data"},"BucketKeyEnabled":true}]}'
//! ```
//! Terraform: `aws_s3_bucket_server_side_encryption_configuration` with
//! `sse_algorithm = "aws:kms"` and `kms_master_key_id`. Existing objects keep their encryption
//! until rewritten (`aws s3 cp --recursive` onto themselves, or S3 Batch Operations).
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-17

use crate::prelude::*;
use crate::support::s3::each_bucket;

pub static CHECK: Check = Check {
    id: "s3.default_encryption_kms",
    title: "S3 buckets encrypt new objects with AWS KMS keys by default",
    severity: Severity::Medium,
    resource_type: ResourceType::S3Bucket,
    compliance: &[fsbp("S3.17")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_bucket(cx, out, "which S3 buckets exist", |out, b, res| {
        let rules = match &b.encryption {
            Ok(Some(r)) => r,
            Ok(None) => {
                return out.fail(
                    res,
                    format!("bucket `{}` has no default encryption configuration (S3 applies SSE-S3, not KMS)", b.name),
                    json!({"ServerSideEncryptionConfiguration": null}),
                );
            }
            Err(g) => return out.unknown(res, "how new objects are encrypted", g),
        };
        let ev = json!({"rules": rules.iter().map(|r| json!({
            "SSEAlgorithm": r.sse_algorithm, "KMSMasterKeyID": r.kms_master_key_id,
            "BucketKeyEnabled": r.bucket_key_enabled})).collect::<Vec<_>>()});
        let kms = rules
            .iter()
            .find(|r| matches!(r.sse_algorithm.as_deref(), Some("aws:kms" | "aws:kms:dsse")));
        match kms {
            Some(r) => {
                let key = r
                    .kms_master_key_id
                    .as_deref()
                    .unwrap_or("the AWS managed key `aws/s3`");
                out.pass(
                    res,
                    format!(
                        "bucket `{}` encrypts new objects with KMS key {key}",
                        b.name
                    ),
                    ev,
                )
            }
            None => {
                let alg = rules
                    .iter()
                    .find_map(|r| r.sse_algorithm.as_deref())
                    .unwrap_or("no algorithm");
                out.fail(
                    res,
                    format!(
                        "bucket `{}` encrypts new objects with {alg}, not an AWS KMS key",
                        b.name
                    ),
                    ev,
                )
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn pass_fail_unknown() {
        let list = call(
            "s3",
            "ListBuckets",
            Some("us-east-1"),
            json!({}),
            json!({"Buckets": [{"Name": "a"}, {"Name": "b"}, {"Name": "c"}, {"Name": "d"}]}),
        );
        let enc = |b: &str, alg: &str| {
            call(
                "s3",
                "GetBucketEncryption",
                Some("us-east-1"),
                json!({"Bucket": b}),
                json!({"ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault":
                {"SSEAlgorithm": alg, "KMSMasterKeyID": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
                "BucketKeyEnabled": true}]}}),
            )
        };
        let inv = inventory(vec![
            list,
            enc("a", "aws:kms"),
            enc("b", "AES256"),
            error(
                "s3",
                "GetBucketEncryption",
                Some("us-east-1"),
                json!({"Bucket": "c"}),
                "ServerSideEncryptionConfigurationNotFoundError",
            ),
            error(
                "s3",
                "GetBucketEncryption",
                Some("us-east-1"),
                json!({"Bucket": "d"}),
                "AccessDenied",
            ),
        ]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            [
                ("a".into(), Status::Pass),
                ("b".into(), Status::Fail),
                ("c".into(), Status::Fail),
                ("d".into(), Status::Unknown)
            ]
        );
        assert!(o[1].message.contains("AES256"), "{}", o[1].message);
    }
}
