//! The IAM password policy expires passwords within 90 days.
//!
//! ## What it checks
//! That the account password policy (`GetAccountPasswordPolicy`) makes passwords expire
//! (`ExpirePasswords`) with a `MaxPasswordAge` of 90 days or less. An account without a
//! password policy (`NoSuchEntity`) fails: passwords then never expire.
//!
//! ## Why it matters
//! A password that never changes stays useful to whoever stole it. Expiry bounds how long a
//! leaked console password works. (Current NIST guidance prefers MFA and breach checks to
//! forced rotation; the control remains part of Security Hub and many audits.)
//!
//! ## Remediation
//! ```sh
//! aws iam update-account-password-policy --max-password-age 90 --minimum-password-length 14 \
//!   --require-uppercase-characters --require-lowercase-characters \
//!   --require-symbols --require-numbers --password-reuse-prevention 24
//! ```
//! Terraform: `resource "aws_iam_account_password_policy" { max_password_age = 90 }`.
//! `update-account-password-policy` resets every setting you omit.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-17
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html

use crate::iam::password_policy_strong::judge_password_policy;
use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "iam.password_policy_expiry_90d",
    title: "Password policy expires passwords within 90 days or less",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[fsbp("IAM.17")],
    related: &["iam.password_policy_strong"],
    lifecycle: Lifecycle::Stable,
    run,
};

const MAX_AGE: u32 = 90;

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    judge_password_policy(cx, out, "passwords never expire", |p| {
        match p.max_password_age.filter(|_| p.expire_passwords) {
            Some(age) if (1..=MAX_AGE).contains(&age) => Ok(format!(
                "the password policy expires passwords after {age} days"
            )),
            Some(age) => Err(format!(
                "the password policy expires passwords only after {age} days (at most {MAX_AGE})"
            )),
            None => Err("the password policy does not make passwords expire".into()),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::iam::password_policy_strong::tests::{behaviour, password_policy};
    use crate::support::testing::*;

    #[test]
    fn expiry_required_within_90_days() {
        behaviour(&CHECK, json!({"MaxPasswordAge": 180}));
        behaviour(
            &CHECK,
            json!({"ExpirePasswords": false, "MaxPasswordAge": null}),
        );
        let inv = inventory(vec![password_policy(json!({"MaxPasswordAge": 30}))]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Pass);
    }
}
