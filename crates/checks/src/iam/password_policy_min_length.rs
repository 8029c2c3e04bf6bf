//! The IAM password policy requires at least 14 characters.
//!
//! ## What it checks
//! That the account password policy (`GetAccountPasswordPolicy`) sets `MinimumPasswordLength`
//! to 14 or more. An account without a password policy (`NoSuchEntity`) fails: IAM then
//! accepts 8-character passwords.
//!
//! ## Why it matters
//! Length is what makes passwords resist guessing and cracking; short console passwords are
//! the easiest way into an account.
//!
//! ## Remediation
//! ```sh
//! aws iam update-account-password-policy --minimum-password-length 14 \
//!   --password-reuse-prevention 24 --require-symbols --require-numbers \
//!   --require-uppercase-characters --require-lowercase-characters
//! ```
//! Terraform: `resource "aws_iam_account_password_policy" { minimum_password_length = 14 }`.
//! Note that `update-account-password-policy` resets every setting you do not pass.
//!
//! ## References
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-15

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "iam.password_policy_min_length",
    title: "Password policy requires at least 14 characters",
    severity: Severity::Medium,
    resource_type: ResourceType::Account,
    compliance: &[cis("1.7"), fsbp("IAM.15")],
    related: &["iam.password_policy_reuse"],
    lifecycle: Lifecycle::Stable,
    run,
};

const MIN: u32 = 14;

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    match &cx.inv.iam.password_policy {
        Err(g) => out.unknown(cx.account(), "the password policy", g),
        Ok(None) => out.fail(
            cx.account(),
            "the account has no password policy, so IAM accepts 8-character passwords",
            json!({"password_policy": null}),
        ),
        Ok(Some(p)) => {
            let len = p.minimum_password_length.unwrap_or(8);
            let ev = json!({"MinimumPasswordLength": p.minimum_password_length, "required": MIN});
            if len >= MIN {
                out.pass(
                    cx.account(),
                    format!("the password policy requires {len} characters"),
                    ev,
                );
            } else {
                out.fail(
                    cx.account(),
                    format!(
                        "the password policy requires only {len} characters (at least {MIN} needed)"
                    ),
                    ev,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn policy(len: u32) -> serde_json::Value {
        call(
            "iam",
            "GetAccountPasswordPolicy",
            None,
            json!({}),
            json!({"PasswordPolicy": {
            "MinimumPasswordLength": len, "RequireSymbols": true, "RequireNumbers": true,
            "RequireUppercaseCharacters": true, "RequireLowercaseCharacters": true,
            "AllowUsersToChangePassword": true, "ExpirePasswords": false, "PasswordReusePrevention": 24}}),
        )
    }

    #[test]
    fn fails_short_and_missing_policies() {
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![policy(8)]))),
            Status::Fail
        );
        let none = error(
            "iam",
            "GetAccountPasswordPolicy",
            None,
            json!({}),
            "NoSuchEntity",
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![none]))),
            Status::Fail
        );
    }

    #[test]
    fn passes_14_or_more() {
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![policy(14)]))),
            Status::Pass
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![policy(20)]))),
            Status::Pass
        );
    }

    #[test]
    fn unknown_when_denied() {
        let denied = error(
            "iam",
            "GetAccountPasswordPolicy",
            None,
            json!({}),
            "AccessDenied",
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![denied]))),
            Status::Unknown
        );
    }
}
