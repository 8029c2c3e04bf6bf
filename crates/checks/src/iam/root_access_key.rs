//! The root user has no access key.
//!
//! ## What it checks
//! That the account's root user has no access key, active or inactive. The account summary
//! (`GetAccountSummary`, `AccountAccessKeysPresent`) is the source; when it is missing, the
//! credential report's root row is used (a key slot with a rotation date exists even when it is
//! inactive).
//!
//! ## Why it matters
//! Root access keys carry unrestricted, unscoped power over the account and cannot be limited
//! by IAM policies or permissions boundaries. A leaked root key is a full account compromise.
//!
//! ## Remediation
//! Sign in as the root user, open *Security credentials*, and delete every access key. Use IAM
//! roles or IAM Identity Center for programmatic access instead.
//! ```sh
//! # with root credentials (the only identity that can list them)
//! aws iam list-access-keys
//! aws iam delete-access-key --access-key-id AKIAEXAMPLEKEYID
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-4

use crate::prelude::*;
use rampart_model::inventory::iam::CredTime;

pub static CHECK: Check = Check {
    id: "iam.root_access_key",
    title: "Root user has no access key",
    severity: Severity::Critical,
    resource_type: ResourceType::Account,
    compliance: &[cis("1.3"), fsbp("IAM.4")],
    related: &["iam.root_mfa"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let iam = &cx.inv.iam;
    let from_summary = iam
        .account_summary
        .as_ref()
        .ok()
        .and_then(|m| m.get("AccountAccessKeysPresent").copied());
    if let Some(n) = from_summary {
        let ev = json!({"source": "GetAccountSummary", "AccountAccessKeysPresent": n});
        if n > 0 {
            out.fail(cx.account(), "the root user has an access key", ev);
        } else {
            out.pass(cx.account(), "the root user has no access key", ev);
        }
        return;
    }
    let report = match &iam.credential_report {
        Ok(r) => r,
        Err(g) => {
            let gap = iam.account_summary.as_ref().err().unwrap_or(g);
            out.unknown(cx.account(), "whether the root user has access keys", gap);
            return;
        }
    };
    let Some(root) = report.root() else {
        out.fail(
            cx.account(),
            "the credential report has no root row, so root access keys cannot be ruled out",
            json!({"source": "GetCredentialReport"}),
        );
        return;
    };
    let keys: Vec<_> = root
        .access_keys
        .iter()
        .enumerate()
        .filter(|(_, k)| k.active || k.last_rotated != CredTime::Never)
        .map(|(i, k)| json!({"slot": i + 1, "active": k.active}))
        .collect();
    let ev = json!({"source": "GetCredentialReport", "root_keys": keys});
    if keys.is_empty() {
        out.pass(cx.account(), "the root user has no access key", ev);
    } else {
        out.fail(
            cx.account(),
            format!("the root user has {} access key(s)", keys.len()),
            ev,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn summary(keys: i64) -> serde_json::Value {
        call(
            "iam",
            "GetAccountSummary",
            None,
            json!({}),
            json!({"SummaryMap": {"AccountAccessKeysPresent": keys, "AccountMFAEnabled": 1, "Users": 3}}),
        )
    }

    #[test]
    fn fails_when_summary_counts_a_root_key() {
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![summary(1)]))),
            Status::Fail
        );
    }

    #[test]
    fn passes_when_summary_counts_none() {
        let o = outcomes(&CHECK, &inventory(vec![summary(0)]));
        assert_eq!(only(&o), Status::Pass);
        assert_eq!(o[0].resource.id, ACCOUNT);
    }

    #[test]
    fn falls_back_to_the_credential_report_and_counts_inactive_keys() {
        let mut root = CredRow::root();
        root.key2 = (false, "2024-01-01T00:00:00+00:00", "N/A");
        let denied = error("iam", "GetAccountSummary", None, json!({}), "AccessDenied");
        let o = outcomes(&CHECK, &inventory(vec![denied, cred_report(&[root])]));
        assert_eq!(only(&o), Status::Fail);
    }

    #[test]
    fn unknown_when_neither_source_was_read() {
        let denied = error("iam", "GetAccountSummary", None, json!({}), "AccessDenied");
        let o = outcomes(&CHECK, &inventory(vec![denied]));
        assert_eq!(only(&o), Status::Unknown);
        assert!(
            o[0].message.contains("GetAccountSummary"),
            "{}",
            o[0].message
        );
        assert!(o[0].message.contains("denied"), "{}", o[0].message);
    }
}
