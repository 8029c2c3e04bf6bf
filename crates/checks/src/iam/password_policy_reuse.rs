//! The IAM password policy prevents reuse of the last 24 passwords.
//!
//! ## What it checks
//! That the account password policy sets `PasswordReusePrevention` to 24 (the IAM maximum).
//! No password policy, or no reuse prevention, fails.
//!
//! ## Why it matters
//! Without reuse prevention, users rotate back to a password that may already have leaked.
//!
//! ## Remediation
//! ```sh
//! aws iam update-account-password-policy --password-reuse-prevention 24 --minimum-password-length 14
//! ```
//! Terraform: `password_reuse_prevention = 24` in `aws_iam_account_password_policy`.
//! `update-account-password-policy` resets every setting you do not pass.
//!
//! ## References
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-16

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "iam.password_policy_reuse",
    title: "Password policy prevents reuse of the last 24 passwords",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("1.8"), fsbp("IAM.16")],
    related: &["iam.password_policy_min_length"],
    lifecycle: Lifecycle::Stable,
    run,
};

const REQUIRED: u32 = 24;

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    match &cx.inv.iam.password_policy {
        Err(g) => out.unknown(cx.account(), "the password policy", g),
        Ok(None) => out.fail(
            cx.account(),
            "the account has no password policy, so passwords can be reused",
            json!({"password_policy": null}),
        ),
        Ok(Some(p)) => {
            let ev = json!({"PasswordReusePrevention": p.password_reuse_prevention, "required": REQUIRED});
            match p.password_reuse_prevention {
                Some(n) if n >= REQUIRED => out.pass(
                    cx.account(),
                    format!("the password policy remembers {n} passwords"),
                    ev,
                ),
                Some(n) => out.fail(
                    cx.account(),
                    format!("the password policy remembers only {n} passwords ({REQUIRED} needed)"),
                    ev,
                ),
                None => out.fail(
                    cx.account(),
                    "the password policy does not prevent password reuse",
                    ev,
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn policy(p: serde_json::Value) -> serde_json::Value {
        call(
            "iam",
            "GetAccountPasswordPolicy",
            None,
            json!({}),
            json!({"PasswordPolicy": p}),
        )
    }

    #[test]
    fn fails_low_or_absent_reuse_prevention() {
        let low = policy(json!({"MinimumPasswordLength": 14, "PasswordReusePrevention": 5}));
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![low]))), Status::Fail);
        let absent = policy(json!({"MinimumPasswordLength": 14}));
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![absent]))),
            Status::Fail
        );
    }

    #[test]
    fn passes_24() {
        let ok = policy(json!({"MinimumPasswordLength": 14, "PasswordReusePrevention": 24}));
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![ok]))), Status::Pass);
    }

    #[test]
    fn unknown_when_not_collected() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}
