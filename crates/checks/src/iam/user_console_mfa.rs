//! Every IAM user with a console password has MFA enabled.
//!
//! ## What it checks
//! Each IAM user in the credential report: a user whose `password_enabled` is `true` must have
//! `mfa_active` = `true`. Users without a console password pass (the requirement does not
//! apply to them).
//!
//! ## Why it matters
//! A console password without MFA falls to phishing, reuse from other breaches and guessing;
//! MFA stops those attacks.
//!
//! ## Remediation
//! Have the user register an MFA device (or enforce it with a policy that denies everything but
//! MFA setup until `aws:MultiFactorAuthPresent` is true). An administrator can assign a virtual
//! device:
//! ```sh
//! aws iam create-virtual-mfa-device --virtual-mfa-device-name bob --outfile bob.png --bootstrap-method QRCodePNG
//! aws iam enable-mfa-device --user-name bob --serial-number arn:aws:iam::123456789012:mfa/bob \
//!   --authentication-code1 123456 --authentication-code2 654321
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-5

use crate::prelude::*;
use crate::support::iam::row_resource;

pub static CHECK: Check = Check {
    id: "iam.user_console_mfa",
    title: "IAM users with a console password have MFA enabled",
    severity: Severity::High,
    resource_type: ResourceType::IamUser,
    compliance: &[cis("1.9"), fsbp("IAM.5")],
    related: &["iam.root_mfa"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let report = match &cx.inv.iam.credential_report {
        Ok(r) => r,
        Err(g) => {
            return out.unknown(
                cx.account(),
                "which users have console passwords and MFA",
                g,
            );
        }
    };
    for row in report.users() {
        let res = row_resource(cx, row);
        let ev = json!({"password_enabled": row.password_enabled, "mfa_active": row.mfa_active});
        match (row.password_enabled, row.mfa_active) {
            (Some(true), false) => out.fail(
                res,
                format!("user `{}` has a console password but no MFA", row.user),
                ev,
            ),
            (Some(true), true) => out.pass(
                res,
                format!("user `{}` has MFA for console sign-in", row.user),
                ev,
            ),
            _ => out.pass(
                res,
                format!("user `{}` has no console password", row.user),
                ev,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn fails_console_users_without_mfa_only() {
        let mut bob = CredRow::user("bob");
        bob.password_enabled = "true";
        let mut alice = CredRow::user("alice");
        alice.password_enabled = "true";
        alice.mfa_active = true;
        let ci = CredRow::user("ci");
        let inv = inventory(vec![cred_report(&[CredRow::root(), bob, alice, ci])]);
        let s = statuses(&outcomes(&CHECK, &inv));
        assert_eq!(
            s,
            vec![
                ("bob".into(), Status::Fail),
                ("alice".into(), Status::Pass),
                ("ci".into(), Status::Pass)
            ]
        );
    }

    #[test]
    fn unknown_without_report() {
        let inv = inventory(vec![error(
            "iam",
            "GetCredentialReport",
            None,
            json!({}),
            "AccessDenied",
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}
