//! Customer managed policies do not allow decryption with every KMS key.
//!
//! ## What it checks
//! Every customer managed policy, attached or not: its default version must not allow
//! `kms:Decrypt` or `kms:ReEncryptFrom` on every KMS key. The policy engine decides: each action
//! is evaluated against a key the policy cannot name (a fresh key ID of this account in a region
//! no policy names), so `"Resource": "*"`, `arn:aws:kms:*:123456789012:key/*` and `NotResource`
//! forms fail while a list of specific key ARNs, or the keys of named regions only, passes. As
//! in the Security Hub control, the `Condition` of `Allow` statements is set aside (a
//! `kms:ViaService` condition still lets the policy decrypt every key through that service);
//! `Deny` statements apply as written. A policy the engine cannot parse is UNKNOWN.
//!
//! ## Why it matters
//! Decryption on every key means the principal can read anything encrypted in the account,
//! whatever the key policies intended for each data set; least privilege names the keys.
//!
//! ## Remediation
//! Name the keys in `Resource`, then make that version the default:
//! ```sh
//! aws iam create-policy-version --policy-arn arn:aws:iam::123456789012:policy/AcmeDecrypt \
//!   --policy-document file://named-keys.json --set-as-default
//! ```
//! with `"Resource": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"`.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-1
//! - https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html

use crate::prelude::*;
use crate::support::iam::{attachment_index, is_attached};
use rampart_model::PolicyDocument;
use rampart_policy::{Context as PolicyContext, Effect, Policy, Verdict};

pub static CHECK: Check = Check {
    id: "kms.customer_policy_decrypt_all_keys",
    title: "Customer managed policies do not allow decryption actions on all KMS keys",
    severity: Severity::Medium,
    resource_type: ResourceType::IamPolicy,
    compliance: &[fsbp("KMS.1")],
    related: &["kms.inline_policy_decrypt_all_keys"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// The decryption actions the control names.
pub(crate) const DECRYPT_ACTIONS: [&str; 2] = ["kms:Decrypt", "kms:ReEncryptFrom"];

/// A key no policy names: a key ID nobody chose in a region nobody names. A policy that allows
/// it allows every key, in every region (`*`, `arn:aws:kms:*:123456789012:key/*`,
/// `NotResource`); one that names keys or regions does not.
const PROBE_KEY_ID: &str = "7d3b9e2a-41c5-4f08-9a6e-5c2b8f1d0e37";
const PROBE_REGION: &str = "rampart-probe-1";

/// Which decryption actions `doc` allows on every KMS key, with the allowing statement:
/// `Ok(vec![(action, statement)])`, empty when none. `Err` when the engine cannot parse it.
pub(crate) fn decrypt_all_keys(
    cx: &Context<'_>,
    doc: &PolicyDocument,
) -> Result<Vec<(String, String)>, String> {
    let mut policy = Policy::parse_str(doc.as_str()).map_err(|e| e.to_string())?;
    for st in policy
        .statements
        .iter_mut()
        .filter(|s| s.effect == Effect::Allow)
    {
        st.conditions.clear();
    }
    let inv = cx.inv;
    let key = format!(
        "arn:{}:kms:{PROBE_REGION}:{}:key/{PROBE_KEY_ID}",
        inv.partition, inv.account_id
    );
    let pcx = PolicyContext::new();
    let mut out = Vec::new();
    for action in DECRYPT_ACTIONS {
        if let Verdict::Allow(st) = policy.verdict(action, &key, &pcx) {
            out.push((action.to_string(), st.to_string()));
        }
    }
    Ok(out)
}

/// The FAIL message part: "allows `kms:Decrypt`, `kms:ReEncryptFrom` on every KMS key
/// (statement `X` (#0))".
pub(crate) fn describe(found: &[(String, String)]) -> String {
    let actions: Vec<String> = found.iter().map(|(a, _)| format!("`{a}`")).collect();
    let mut statements: Vec<&str> = found.iter().map(|(_, s)| s.as_str()).collect();
    statements.dedup();
    format!(
        "allows {} on every KMS key ({})",
        actions.join(" and "),
        statements.join(", ")
    )
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let policies = match &cx.inv.iam.policies {
        Ok(p) => p,
        Err(g) => {
            return out.unknown(
                cx.account(),
                "which customer policies allow decryption with every KMS key",
                g,
            );
        }
    };
    let index = attachment_index(cx);
    for p in policies.iter().filter(|p| !p.is_aws_managed()) {
        let res = cx.iam(ResourceType::IamPolicy, &p.policy_name, &p.arn);
        let Some(doc) = p.default_document() else {
            let gap =
                rampart_model::Gap::not_collected("iam", "GetAccountAuthorizationDetails", None)
                    .about(format!("default version of policy {}", p.policy_name));
            out.unknown(res, "what the policy grants", &gap);
            continue;
        };
        let attached = is_attached(p, &index);
        match decrypt_all_keys(cx, doc) {
            Err(e) => out.push_unknown_message(
                res,
                format!("cannot tell what policy `{}` grants: {e}", p.policy_name),
                json!({"parse_error": e}),
            ),
            Ok(found) if found.is_empty() => out.pass(
                res,
                format!(
                    "customer policy `{}` does not allow decryption with every KMS key",
                    p.policy_name
                ),
                json!({"attached": attached}),
            ),
            Ok(found) => {
                let ev: Vec<_> = found
                    .iter()
                    .map(|(a, s)| json!({"action": a, "statement": s}))
                    .collect();
                out.fail(
                    res,
                    format!(
                        "customer policy `{}` {}{}",
                        p.policy_name,
                        describe(&found),
                        if attached { "" } else { " (not attached)" }
                    ),
                    json!({"grants": ev, "attached": attached}),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::iam::policy_full_admin_attached::tests::managed;
    use crate::support::testing::*;

    fn pol(name: &str, statement: serde_json::Value) -> serde_json::Value {
        managed(
            name,
            &format!("arn:aws:iam::123456789012:policy/{name}"),
            1,
            statement,
        )
    }

    #[test]
    fn every_key_fails_named_keys_pass() {
        let star = pol(
            "Star",
            json!([{"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*"}]),
        );
        let all_keys = pol(
            "AllKeys",
            json!([{"Effect": "Allow", "Action": "kms:ReEncrypt*", "Resource": "arn:aws:kms:*:123456789012:key/*"}]),
        );
        let via = pol(
            "ViaS3",
            json!([{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
                    "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}}]),
        );
        let named = pol(
            "Named",
            json!([{"Effect": "Allow", "Action": ["kms:Decrypt", "kms:ReEncryptFrom"],
                    "Resource": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]),
        );
        let regional = pol(
            "OneRegion",
            json!([{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:eu-west-1:123456789012:key/*"}]),
        );
        let denied = pol(
            "DenyDecrypt",
            json!([{"Effect": "Allow", "Action": "kms:*", "Resource": "*"},
                   {"Effect": "Deny", "Action": ["kms:Decrypt", "kms:ReEncryptFrom"], "Resource": "*"}]),
        );
        let encrypt = pol(
            "EncryptOnly",
            json!([{"Effect": "Allow", "Action": "kms:Encrypt", "Resource": "*"}]),
        );
        let inv = inventory(vec![gaad(
            json!([]),
            json!([]),
            json!([]),
            json!([star, all_keys, via, named, regional, denied, encrypt]),
        )]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("Star".into(), Status::Fail),
                ("AllKeys".into(), Status::Fail),
                ("ViaS3".into(), Status::Fail),
                ("Named".into(), Status::Pass),
                ("OneRegion".into(), Status::Pass),
                ("DenyDecrypt".into(), Status::Pass),
                ("EncryptOnly".into(), Status::Pass),
            ]
        );
        assert!(o[0].message.contains("kms:Decrypt"), "{}", o[0].message);
        assert!(
            o[1].message.contains("kms:ReEncryptFrom"),
            "{}",
            o[1].message
        );
    }

    #[test]
    fn unknown_when_denied() {
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![gaad_denied()]))),
            Status::Unknown
        );
    }
}
