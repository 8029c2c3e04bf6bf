//! The IAM password policy requires at least one symbol.
//!
//! ## What it checks
//! That the account password policy (`GetAccountPasswordPolicy`) sets `RequireSymbols`. An account
//! without a password policy (`NoSuchEntity`) fails: IAM then accepts passwords without one.
//!
//! ## Why it matters
//! Each required character class multiplies the number of passwords an attacker must try;
//! without it users pick the shortest, most guessable passwords IAM accepts.
//!
//! ## Remediation
//! ```sh
//! aws iam update-account-password-policy --minimum-password-length 14 \
//!   --require-uppercase-characters --require-lowercase-characters \
//!   --require-symbols --require-numbers --password-reuse-prevention 24
//! ```
//! Terraform: `resource "aws_iam_account_password_policy" { require_symbols = true }`.
//! `update-account-password-policy` resets every setting you omit.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-13
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html

use crate::iam::password_policy_strong::judge_password_policy;
use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "iam.password_policy_symbol",
    title: "Password policy requires at least one symbol",
    severity: Severity::Medium,
    resource_type: ResourceType::Account,
    compliance: &[fsbp("IAM.13")],
    related: &["iam.password_policy_strong"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    judge_password_policy(cx, out, "passwords need not contain a symbol", |p| {
        if p.require_symbols {
            Ok("the password policy requires at least one symbol".into())
        } else {
            Err("the password policy does not require a symbol".into())
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iam::password_policy_strong::tests::behaviour;

    #[test]
    fn required_missing_no_policy_denied() {
        behaviour(&CHECK, json!({"RequireSymbols": false}));
        behaviour(&CHECK, json!({"RequireSymbols": null}));
    }
}
