//! KMS key policies do not allow public access.
//!
//! ## What it checks
//! Every KMS key in every covered region (`kms ListKeys`) and its key policy
//! (`kms GetKeyPolicy`, policy `default`). The policy engine evaluates, against the key policy,
//! requests from an anonymous caller and from a principal of an AWS account the policy does
//! not name (whose own identity policy allows everything), for the key's cryptographic and
//! administrative actions (`kms:Decrypt`, `kms:Encrypt`, `kms:GenerateDataKey`,
//! `kms:ReEncryptFrom`, `kms:CreateGrant`, `kms:PutKeyPolicy`, `kms:ScheduleKeyDeletion`, ...).
//! The requests carry `kms:CallerAccount` = the outsider's account, as KMS sets it. The key
//! fails when any request is allowed; conditions that really restrict the caller
//! (`kms:CallerAccount`, `aws:PrincipalOrgID`, `aws:SourceArn`, ...) keep it private. A policy
//! that could not be read or parsed is UNKNOWN.
//!
//! ## Why it matters
//! A key open to every AWS account lets anyone decrypt the data it protects (given the
//! ciphertext), use it in their own resources, or, with administrative actions, lock the owner
//! out or delete it.
//!
//! ## Remediation
//! Replace `"Principal": "*"` grants with named principals, or add a condition such as
//! `"StringEquals": {"kms:CallerAccount": "123456789012"}`:
//! ```sh
//! aws kms get-key-policy --key-id 1234abcd-12ab-34cd-56ef-1234567890ab --policy-name default --output text > policy.json
//! # edit policy.json, then
//! aws kms put-key-policy --key-id 1234abcd-12ab-34cd-56ef-1234567890ab --policy-name default --policy file://policy.json
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-5

use crate::prelude::*;
use crate::support::exposure::{ExposureOptions, OUTSIDER_ACCOUNT, resource_policy_exposure_with};
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "kms.key_policy_public",
    title: "KMS key policies do not allow public access",
    severity: Severity::Critical,
    resource_type: ResourceType::KmsKey,
    compliance: &[fsbp("KMS.5")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// What an outsider could do with a key.
const ACTIONS: &[&str] = &[
    "kms:Decrypt",
    "kms:Encrypt",
    "kms:GenerateDataKey",
    "kms:ReEncryptFrom",
    "kms:CreateGrant",
    "kms:DescribeKey",
    "kms:PutKeyPolicy",
    "kms:ScheduleKeyDeletion",
    "kms:DisableKey",
];

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(cx, out, &inv.kms.keys, "which KMS keys exist", |out, k| {
        let arn = k.arn(&inv.partition, &inv.account_id);
        let res = cx.resource(
            ResourceType::KmsKey,
            &k.key_id,
            Some(arn.clone()),
            Some(&k.region),
        );
        let doc = match &k.policy {
            Ok(d) => d,
            Err(g) => return out.unknown(res, "who the key policy lets use the key", g),
        };
        let account = arn
            .split(':')
            .nth(4)
            .filter(|a| !a.is_empty())
            .unwrap_or(&inv.account_id);
        match resource_policy_exposure_with(
            doc,
            &arn,
            account,
            ACTIONS,
            ExposureOptions::default(),
            &[("kms:CallerAccount", OUTSIDER_ACCOUNT)],
        ) {
            Err(e) => out.push_unknown_message(
                res,
                format!("the policy of key `{}` cannot be evaluated: {e}", k.key_id),
                json!({"error": e}),
            ),
            Ok(x) if x.is_public() => {
                // KMS takes no unsigned requests: a grant to everyone reaches every AWS account.
                let statement = x
                    .grants
                    .first()
                    .map(|g| g.statement.as_str())
                    .unwrap_or("a statement");
                out.fail(
                    res,
                    format!(
                        "key `{}` is public: any AWS account can {} ({statement})",
                        k.key_id,
                        x.actions().join(", ")
                    ),
                    x.evidence(),
                )
            }
            Ok(x) => out.pass(
                res,
                format!("the policy of key `{}` grants no public access", k.key_id),
                x.evidence(),
            ),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    const ID: &str = "1234abcd-12ab-34cd-56ef-1234567890ab";

    fn with_policy(statements: Value) -> (Status, String) {
        let arn = format!("arn:aws:kms:us-east-1:123456789012:key/{ID}");
        let policy =
            json!({"Version": "2012-10-17", "Id": "key-consolepolicy-3", "Statement": statements});
        let inv = inventory(vec![
            call(
                "kms",
                "ListKeys",
                Some("us-east-1"),
                json!({}),
                json!({"Keys": [{"KeyId": ID, "KeyArn": arn}]}),
            ),
            call(
                "kms",
                "GetKeyPolicy",
                Some("us-east-1"),
                json!({"KeyId": ID, "PolicyName": "default"}),
                json!({"Policy": serde_json::to_string_pretty(&policy).unwrap(), "PolicyName": "default"}),
            ),
        ]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(o.len(), 1);
        (o[0].status, o[0].message.clone())
    }

    fn root() -> Value {
        json!({"Sid": "Enable IAM User Permissions", "Effect": "Allow",
               "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "kms:*", "Resource": "*"})
    }

    #[test]
    fn fails_open_key_policy() {
        let (s, m) = with_policy(
            json!([root(), {"Sid": "Everyone", "Effect": "Allow", "Principal": {"AWS": "*"},
            "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]),
        );
        assert_eq!(s, Status::Fail);
        assert!(
            m.contains("any AWS account can kms:Decrypt") && m.contains("Everyone"),
            "{m}"
        );
    }

    #[test]
    fn passes_default_and_caller_account_restricted_policies() {
        assert_eq!(with_policy(json!([root()])).0, Status::Pass);
        // The shape of AWS managed key policies.
        let (s, m) = with_policy(
            json!([{"Sid": "Allow access through S3", "Effect": "Allow", "Principal": {"AWS": "*"},
            "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "123456789012",
                                                            "kms:ViaService": "s3.us-east-1.amazonaws.com"}}}]),
        );
        assert_eq!(s, Status::Pass, "{m}");
        let (s, _) = with_policy(
            json!([{"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*",
            "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]),
        );
        assert_eq!(s, Status::Pass);
    }

    #[test]
    fn unknown_when_policy_missing_or_unparseable() {
        let inv = inventory(vec![
            call(
                "kms",
                "ListKeys",
                Some("us-east-1"),
                json!({}),
                json!({"Keys": [{"KeyId": ID}]}),
            ),
            error(
                "kms",
                "GetKeyPolicy",
                Some("us-east-1"),
                json!({"KeyId": ID, "PolicyName": "default"}),
                "AccessDeniedException",
            ),
        ]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
        let (s, _) = with_policy(
            json!([{"Effect": "Perhaps", "Principal": "*", "Action": "kms:*", "Resource": "*"}]),
        );
        assert_eq!(s, Status::Unknown);
    }
}
