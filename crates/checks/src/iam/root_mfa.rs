//! The root user has MFA enabled.
//!
//! ## What it checks
//! That the root user signs in with multi-factor authentication: the account summary reports
//! `AccountMFAEnabled` = 1. An account whose root user has no password at all
//! (`AccountPasswordPresent` = 0, as with centrally managed root access in AWS Organizations)
//! passes, since nobody can sign in as root. The credential report's root row is used when the
//! summary is missing.
//!
//! ## Why it matters
//! The root user can do anything, including closing the account. A password alone is one
//! phishing page away from a full account takeover.
//!
//! ## Remediation
//! Sign in as root, open *Security credentials*, and assign an MFA device (a FIDO2 security key
//! or hardware TOTP token is best; see `iam.root_hardware_mfa`). Check with:
//! ```sh
//! aws iam get-account-summary --query 'SummaryMap.AccountMFAEnabled'
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-9

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "iam.root_mfa",
    title: "Root user has MFA enabled",
    severity: Severity::Critical,
    resource_type: ResourceType::Account,
    compliance: &[cis("1.4"), fsbp("IAM.9")],
    related: &["iam.root_hardware_mfa", "iam.root_access_key"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// Root MFA state from the account summary, falling back to the credential report.
/// `Ok(None)`: root has no password. `Ok(Some(mfa))`: root has a password; `mfa` says whether
/// MFA is on.
pub(crate) fn root_mfa_state(cx: &Context<'_>) -> Result<Option<bool>, rampart_model::Gap> {
    let iam = &cx.inv.iam;
    if let Ok(m) = &iam.account_summary {
        if m.get("AccountPasswordPresent") == Some(&0) {
            return Ok(None);
        }
        if let Some(v) = m.get("AccountMFAEnabled") {
            return Ok(Some(*v == 1));
        }
    }
    match &iam.credential_report {
        Ok(r) => match r.root() {
            Some(root) => Ok(Some(root.mfa_active)),
            None => Ok(Some(false)),
        },
        Err(g) => Err(iam.account_summary.as_ref().err().unwrap_or(g).clone()),
    }
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    match root_mfa_state(cx) {
        Ok(None) => out.pass(
            cx.account(),
            "the root user has no password, so it cannot sign in",
            json!({"AccountPasswordPresent": 0}),
        ),
        Ok(Some(true)) => out.pass(
            cx.account(),
            "the root user has MFA enabled",
            json!({"mfa": true}),
        ),
        Ok(Some(false)) => out.fail(
            cx.account(),
            "the root user has no MFA device",
            json!({"mfa": false}),
        ),
        Err(g) => out.unknown(cx.account(), "whether the root user has MFA", &g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn summary(map: serde_json::Value) -> serde_json::Value {
        call(
            "iam",
            "GetAccountSummary",
            None,
            json!({}),
            json!({"SummaryMap": map}),
        )
    }

    #[test]
    fn fails_without_mfa() {
        let inv = inventory(vec![summary(
            json!({"AccountMFAEnabled": 0, "AccountPasswordPresent": 1}),
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Fail);
    }

    #[test]
    fn passes_with_mfa_or_without_root_password() {
        let inv = inventory(vec![summary(
            json!({"AccountMFAEnabled": 1, "AccountPasswordPresent": 1}),
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Pass);
        let inv = inventory(vec![summary(
            json!({"AccountMFAEnabled": 0, "AccountPasswordPresent": 0}),
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Pass);
    }

    #[test]
    fn uses_credential_report_when_summary_is_denied() {
        let mut root = CredRow::root();
        root.mfa_active = false;
        let inv = inventory(vec![
            error("iam", "GetAccountSummary", None, json!({}), "AccessDenied"),
            cred_report(&[root]),
        ]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Fail);
    }

    #[test]
    fn unknown_when_nothing_was_collected() {
        let o = outcomes(&CHECK, &inventory(vec![]));
        assert_eq!(only(&o), Status::Unknown);
        assert!(o[0].message.contains("not collected"));
    }
}
