//! Every IAM user has MFA enabled.
//!
//! ## What it checks
//! Each IAM user in the credential report must have `mfa_active` = `true`, whether or not it has
//! a console password: unlike `iam.user_console_mfa` (IAM.5), users with only access keys count
//! too. The root user is not judged here (see `iam.root_mfa`).
//!
//! ## Why it matters
//! MFA is the second factor that stops a stolen password from being enough. An IAM user with no
//! MFA device cannot use MFA-protected API access either, so policies that require
//! `aws:MultiFactorAuthPresent` cannot protect its access keys; such programmatic-only users
//! are often forgotten automation accounts better replaced by roles.
//!
//! ## Remediation
//! Register an MFA device for each human user; replace machine users with IAM roles, or delete
//! them:
//! ```sh
//! aws iam create-virtual-mfa-device --virtual-mfa-device-name bob --outfile bob.png --bootstrap-method QRCodePNG
//! aws iam enable-mfa-device --user-name bob --serial-number arn:aws:iam::123456789012:mfa/bob \
//!   --authentication-code1 123456 --authentication-code2 654321
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-19
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html

use crate::prelude::*;
use crate::support::iam::row_resource;

pub static CHECK: Check = Check {
    id: "iam.user_mfa",
    title: "IAM users have MFA enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::IamUser,
    compliance: &[fsbp("IAM.19")],
    related: &["iam.user_console_mfa", "iam.root_mfa"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let report = match &cx.inv.iam.credential_report {
        Ok(r) => r,
        Err(g) => return out.unknown(cx.account(), "which users have MFA", g),
    };
    for row in report.users() {
        let res = row_resource(cx, row);
        let ev = json!({"mfa_active": row.mfa_active, "password_enabled": row.password_enabled,
                        "access_key_active": [row.access_keys[0].active, row.access_keys[1].active]});
        if row.mfa_active {
            out.pass(res, format!("user `{}` has an MFA device", row.user), ev);
        } else {
            out.fail(res, format!("user `{}` has no MFA device", row.user), ev);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn every_user_needs_mfa_even_without_password() {
        let mut alice = CredRow::user("alice");
        alice.password_enabled = "true";
        alice.mfa_active = true;
        let mut ci = CredRow::user("ci");
        ci.key1 = (true, "2026-11-01T00:00:00+00:00", "N/A");
        let inv = inventory(vec![cred_report(&[CredRow::root(), alice, ci])]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![("alice".into(), Status::Pass), ("ci".into(), Status::Fail)]
        );
    }

    #[test]
    fn unknown_without_credential_report() {
        let denied = error(
            "iam",
            "GetCredentialReport",
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
