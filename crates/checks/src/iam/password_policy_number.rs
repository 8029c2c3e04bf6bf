//! The IAM password policy requires at least one number.
//!
//! ## What it checks
//! That the account password policy (`GetAccountPasswordPolicy`) sets `RequireNumbers`. An account
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
//! Terraform: `resource "aws_iam_account_password_policy" { require_numbers = true }`.
//! `update-account-password-policy` resets every setting you omit.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-14
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html

use crate::iam::password_policy_strong::judge_password_policy;
use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "iam.password_policy_number",
    title: "Password policy requires at least one number",
    severity: Severity::Medium,
    resource_type: ResourceType::Account,
    compliance: &[fsbp("IAM.14")],
    related: &["iam.password_policy_strong"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    judge_password_policy(cx, out, "passwords need not contain a number", |p| {
        if p.require_numbers {
            Ok("the password policy requires at least one number".into())
        } else {
            Err("the password policy does not require a number".into())
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iam::password_policy_strong::tests::behaviour;

    #[test]
    fn required_missing_no_policy_denied() {
        behaviour(&CHECK, json!({"RequireNumbers": false}));
        behaviour(&CHECK, json!({"RequireNumbers": null}));
    }
}
