//! The IAM password policy has a strong configuration.
//!
//! ## What it checks
//! That the account password policy (`GetAccountPasswordPolicy`) has the settings Security Hub
//! calls strong: it requires at least one uppercase letter, one lowercase letter, one symbol
//! and one number, and at least 8 characters. An account without a password policy
//! (`NoSuchEntity`) fails: IAM then accepts any 8-character password. The separate checks
//! `iam.password_policy_uppercase`, `..._lowercase`, `..._symbol`, `..._number` and
//! `iam.password_policy_min_length` (14 characters, CIS) judge each setting on its own.
//!
//! ## Why it matters
//! Weak passwords are the easiest way into the console; character-class rules and a minimum
//! length make guessing and credential-stuffing much harder.
//!
//! ## Remediation
//! ```sh
//! aws iam update-account-password-policy --minimum-password-length 14 \
//!   --require-uppercase-characters --require-lowercase-characters \
//!   --require-symbols --require-numbers --password-reuse-prevention 24 --max-password-age 90
//! ```
//! Terraform: `resource "aws_iam_account_password_policy"` with `require_uppercase_characters`,
//! `require_lowercase_characters`, `require_symbols`, `require_numbers` and
//! `minimum_password_length`. `update-account-password-policy` resets every setting you omit.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-7
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html

use crate::prelude::*;
use rampart_model::inventory::iam::PasswordPolicy;

pub static CHECK: Check = Check {
    id: "iam.password_policy_strong",
    title: "Password policy for IAM users has a strong configuration",
    severity: Severity::Medium,
    resource_type: ResourceType::Account,
    compliance: &[fsbp("IAM.7")],
    related: &[
        "iam.password_policy_min_length",
        "iam.password_policy_uppercase",
        "iam.password_policy_lowercase",
        "iam.password_policy_symbol",
        "iam.password_policy_number",
    ],
    lifecycle: Lifecycle::Stable,
    run,
};

/// The password-policy settings a check reads, as evidence.
pub(crate) fn policy_evidence(p: &PasswordPolicy) -> serde_json::Value {
    json!({
        "MinimumPasswordLength": p.minimum_password_length,
        "RequireUppercaseCharacters": p.require_uppercase_characters,
        "RequireLowercaseCharacters": p.require_lowercase_characters,
        "RequireSymbols": p.require_symbols,
        "RequireNumbers": p.require_numbers,
        "ExpirePasswords": p.expire_passwords,
        "MaxPasswordAge": p.max_password_age,
    })
}

/// Judges the account password policy with `judge`, which returns `Ok(pass message)` or
/// `Err(fail message)`. No policy fails with `missing`; a denied or missing call is UNKNOWN.
pub(crate) fn judge_password_policy(
    cx: &Context<'_>,
    out: &mut Outcomes,
    missing: &str,
    judge: impl Fn(&PasswordPolicy) -> Result<String, String>,
) {
    match &cx.inv.iam.password_policy {
        Err(g) => out.unknown(cx.account(), "the password policy", g),
        Ok(None) => out.fail(
            cx.account(),
            format!("the account has no password policy, so {missing}"),
            json!({"password_policy": null}),
        ),
        Ok(Some(p)) => match judge(p) {
            Ok(msg) => out.pass(cx.account(), msg, policy_evidence(p)),
            Err(msg) => out.fail(cx.account(), msg, policy_evidence(p)),
        },
    }
}

const MIN_LENGTH: u32 = 8;

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    judge_password_policy(
        cx,
        out,
        "IAM accepts passwords without any character-class rule",
        |p| {
            let len = p.minimum_password_length.unwrap_or(8);
            let mut weak = Vec::new();
            if !p.require_uppercase_characters {
                weak.push("does not require an uppercase letter".to_string());
            }
            if !p.require_lowercase_characters {
                weak.push("does not require a lowercase letter".to_string());
            }
            if !p.require_symbols {
                weak.push("does not require a symbol".to_string());
            }
            if !p.require_numbers {
                weak.push("does not require a number".to_string());
            }
            if len < MIN_LENGTH {
                weak.push(format!(
                    "requires only {len} characters (at least {MIN_LENGTH})"
                ));
            }
            if weak.is_empty() {
                Ok(format!(
                    "the password policy requires uppercase, lowercase, symbol and number \
                     characters and {len} characters"
                ))
            } else {
                Err(format!("the password policy {}", weak.join(", ")))
            }
        },
    );
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    /// A `GetAccountPasswordPolicy` answer: a strong policy with `over` merged in.
    pub(crate) fn password_policy(over: serde_json::Value) -> serde_json::Value {
        let mut p = json!({
            "MinimumPasswordLength": 14, "RequireSymbols": true, "RequireNumbers": true,
            "RequireUppercaseCharacters": true, "RequireLowercaseCharacters": true,
            "AllowUsersToChangePassword": true, "ExpirePasswords": true, "MaxPasswordAge": 90,
            "PasswordReusePrevention": 24, "HardExpiry": false});
        if let (Some(m), Some(o)) = (p.as_object_mut(), over.as_object()) {
            for (k, v) in o {
                if v.is_null() {
                    m.remove(k);
                } else {
                    m.insert(k.clone(), v.clone());
                }
            }
        }
        call(
            "iam",
            "GetAccountPasswordPolicy",
            None,
            json!({}),
            json!({"PasswordPolicy": p}),
        )
    }

    /// Runs `check` on a policy with `over`, on no policy, and on a denied call.
    pub(crate) fn behaviour(check: &Check, bad: serde_json::Value) {
        let ok = inventory(vec![password_policy(json!({}))]);
        assert_eq!(only(&outcomes(check, &ok)), Status::Pass);
        let weak = inventory(vec![password_policy(bad)]);
        let o = outcomes(check, &weak);
        assert_eq!(only(&o), Status::Fail, "{o:#?}");
        let none = error(
            "iam",
            "GetAccountPasswordPolicy",
            None,
            json!({}),
            "NoSuchEntity",
        );
        let o = outcomes(check, &inventory(vec![none]));
        assert_eq!(only(&o), Status::Fail);
        assert!(o[0].message.contains("no password policy"));
        let denied = error(
            "iam",
            "GetAccountPasswordPolicy",
            None,
            json!({}),
            "AccessDenied",
        );
        assert_eq!(
            only(&outcomes(check, &inventory(vec![denied]))),
            Status::Unknown
        );
    }

    #[test]
    fn strong_weak_missing_denied() {
        behaviour(&CHECK, json!({"RequireSymbols": false}));
        behaviour(&CHECK, json!({"MinimumPasswordLength": 6}));
    }

    #[test]
    fn names_every_weak_setting() {
        let weak = inventory(vec![password_policy(
            json!({"RequireSymbols": false, "RequireNumbers": null}),
        )]);
        let o = outcomes(&CHECK, &weak);
        assert!(o[0].message.contains("symbol"), "{}", o[0].message);
        assert!(o[0].message.contains("number"), "{}", o[0].message);
    }
}
