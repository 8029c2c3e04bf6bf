//! IAM principals have no inline policy that allows decryption with every KMS key.
//!
//! ## What it checks
//! Every inline policy of every IAM user, group and role (`GetAccountAuthorizationDetails`):
//! none may allow `kms:Decrypt` or `kms:ReEncryptFrom` on every KMS key, judged by the policy
//! engine exactly as in `kms.customer_policy_decrypt_all_keys` (a key and region the policy
//! cannot name is probed; `Allow` conditions are set aside as in the Security Hub control). Each principal is one resource; a principal without inline policies passes. An
//! inline policy the engine cannot parse makes its principal UNKNOWN.
//!
//! ## Why it matters
//! Decryption on every key lets the principal read anything encrypted in the account; inline
//! policies are also easy to miss in reviews because they are not listed as policies.
//!
//! ## Remediation
//! Name the keys in `Resource`, or move the permission into a reviewed managed policy:
//! ```sh
//! aws iam put-role-policy --role-name acme-etl --policy-name decrypt \
//!   --policy-document file://named-keys.json
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-2
//! - https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html

use crate::kms::customer_policy_decrypt_all_keys::{decrypt_all_keys, describe};
use crate::prelude::*;
use rampart_model::inventory::iam::InlinePolicy;
use std::collections::HashMap;

pub static CHECK: Check = Check {
    id: "kms.inline_policy_decrypt_all_keys",
    title: "IAM principals have no inline policy that allows decryption actions on all KMS keys",
    severity: Severity::Medium,
    resource_type: ResourceType::IamRole,
    compliance: &[fsbp("KMS.2")],
    related: &["kms.customer_policy_decrypt_all_keys"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// Verdicts by document text: roles made from one template share their inline policies.
type Cache<'a> = HashMap<&'a str, Result<Vec<(String, String)>, String>>;

fn judge<'a>(
    cx: &Context<'_>,
    out: &mut Outcomes,
    cache: &mut Cache<'a>,
    kind: ResourceType,
    name: &str,
    arn: &str,
    inline: &'a [InlinePolicy],
) {
    let what = match kind {
        ResourceType::IamUser => "user",
        ResourceType::IamGroup => "group",
        _ => "role",
    };
    let res = cx.iam(kind, name, arn);
    let mut bad = Vec::new();
    let mut errors = Vec::new();
    for p in inline {
        let verdict = cache
            .entry(p.policy_document.as_str())
            .or_insert_with(|| decrypt_all_keys(cx, &p.policy_document))
            .clone();
        match verdict {
            Ok(found) if found.is_empty() => {}
            Ok(found) => bad.push((p.policy_name.as_str(), found)),
            Err(e) => errors.push((p.policy_name.as_str(), e)),
        }
    }
    if !bad.is_empty() {
        let parts: Vec<String> = bad
            .iter()
            .map(|(n, f)| format!("inline policy `{n}` {}", describe(f)))
            .collect();
        let ev: Vec<_> = bad
            .iter()
            .map(|(n, f)| {
                json!({"policy": n, "grants": f.iter().map(|(a, s)| json!({"action": a, "statement": s})).collect::<Vec<_>>()})
            })
            .collect();
        out.fail(
            res,
            format!("{what} `{name}`: {}", parts.join("; ")),
            json!({"inline_policies": ev}),
        );
    } else if let Some((n, e)) = errors.first() {
        out.push_unknown_message(
            res,
            format!("cannot tell what inline policy `{n}` of {what} `{name}` grants: {e}"),
            json!({"policy": n, "parse_error": e}),
        );
    } else {
        out.pass(
            res,
            format!("{what} `{name}` has no inline policy allowing decryption with every KMS key"),
            json!({"inline_policies": inline.len()}),
        );
    }
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let iam = &cx.inv.iam;
    let what = "which inline policies allow decryption with every KMS key";
    let mut cache: Cache<'_> = HashMap::new();
    match &iam.users {
        Ok(users) => {
            for u in users {
                let k = ResourceType::IamUser;
                judge(
                    cx,
                    out,
                    &mut cache,
                    k,
                    &u.user_name,
                    &u.arn,
                    &u.inline_policies,
                );
            }
        }
        Err(g) => out.unknown(cx.account(), what, g),
    }
    match &iam.groups {
        Ok(groups) => {
            for g in groups {
                let k = ResourceType::IamGroup;
                judge(
                    cx,
                    out,
                    &mut cache,
                    k,
                    &g.group_name,
                    &g.arn,
                    &g.inline_policies,
                );
            }
        }
        Err(g) => {
            if iam.users.is_ok() {
                out.unknown(cx.account(), what, g)
            }
        }
    }
    match &iam.roles {
        Ok(roles) => {
            for r in roles {
                let k = ResourceType::IamRole;
                judge(
                    cx,
                    out,
                    &mut cache,
                    k,
                    &r.role_name,
                    &r.arn,
                    &r.inline_policies,
                );
            }
        }
        Err(g) => {
            if iam.users.is_ok() && iam.groups.is_ok() {
                out.unknown(cx.account(), what, g)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn fails_principals_with_wide_inline_decrypt() {
        let users = json!([
            {"UserName": "etl", "UserId": "AIDAEXAMPLE1", "Arn": "arn:aws:iam::123456789012:user/etl", "Path": "/",
             "CreateDate": "2025-01-01T00:00:00+00:00",
             "UserPolicyList": [{"PolicyName": "decrypt-all", "PolicyDocument":
                 {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}}],
             "GroupList": [], "AttachedManagedPolicies": [], "Tags": []},
            {"UserName": "plain", "UserId": "AIDAEXAMPLE2", "Arn": "arn:aws:iam::123456789012:user/plain", "Path": "/",
             "CreateDate": "2025-01-01T00:00:00+00:00", "UserPolicyList": [], "GroupList": [],
             "AttachedManagedPolicies": [], "Tags": []}
        ]);
        let groups = json!([
            {"GroupName": "ops", "GroupId": "AGPAEXAMPLE", "Arn": "arn:aws:iam::123456789012:group/ops", "Path": "/",
             "CreateDate": "2025-01-01T00:00:00+00:00",
             "GroupPolicyList": [{"PolicyName": "named-key", "PolicyDocument":
                 "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22kms%3ADecrypt%22%2C%22Resource%22%3A%22arn%3Aaws%3Akms%3Aus-east-1%3A123456789012%3Akey%2F1234abcd-12ab-34cd-56ef-1234567890ab%22%7D%5D%7D"}],
             "AttachedManagedPolicies": []}
        ]);
        let roles = json!([
            {"RoleName": "acme-etl", "RoleId": "AROAEXAMPLE", "Arn": "arn:aws:iam::123456789012:role/acme-etl", "Path": "/",
             "CreateDate": "2025-01-01T00:00:00+00:00",
             "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                 "Principal": {"Service": "glue.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
             "RolePolicyList": [{"PolicyName": "rewrap", "PolicyDocument":
                 {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::acme-logs"}]}}],
             "AttachedManagedPolicies": [], "InstanceProfileList": [], "Tags": []}
        ]);
        let inv = inventory(vec![gaad(users, groups, roles, json!([]))]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("etl".into(), Status::Fail),
                ("plain".into(), Status::Pass),
                ("ops".into(), Status::Pass),
                ("acme-etl".into(), Status::Fail),
            ]
        );
        assert!(o[0].message.contains("decrypt-all"), "{}", o[0].message);
    }

    #[test]
    fn unknown_when_denied() {
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![gaad_denied()]))),
            Status::Unknown
        );
    }
}
