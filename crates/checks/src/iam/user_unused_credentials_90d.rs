//! IAM user credentials unused for 90 days are removed.
//!
//! ## What it checks
//! Each IAM user in the credential report, with the rules of `iam.user_unused_credentials_45d`
//! and a 90-day limit: an enabled console password whose last use (or, if never used, its last
//! change or the user's creation) is 90 days or more ago fails, and so does each *active* access
//! key whose last use (or, if never used, its last rotation) is 90 days or more ago.
//!
//! ## Why it matters
//! Credentials nobody uses are credentials nobody would miss — or notice being abused.
//! Removing them shrinks the attack surface.
//!
//! ## Remediation
//! ```sh
//! aws iam delete-login-profile --user-name old-contractor
//! aws iam update-access-key --user-name old-contractor --access-key-id AKIAEXAMPLEKEYID --status Inactive
//! aws iam delete-access-key --user-name old-contractor --access-key-id AKIAEXAMPLEKEYID
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-8
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html

use crate::iam::user_unused_credentials_45d::unused_credentials;
use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "iam.user_unused_credentials_90d",
    title: "IAM user credentials unused for 90 days are removed",
    severity: Severity::Medium,
    resource_type: ResourceType::IamUser,
    compliance: &[fsbp("IAM.8")],
    related: &["iam.user_unused_credentials_45d"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    unused_credentials(cx, out, 90);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn ninety_days_is_the_limit() {
        // Now is 2026-11-20: 2026-07-01 is 142 days ago, 2026-09-20 is 61 days ago.
        let mut old = CredRow::user("old");
        old.password_enabled = "true";
        old.password_last_used = "2026-07-01T00:00:00+00:00";
        let mut mid = CredRow::user("mid");
        mid.key1 = (
            true,
            "2026-01-01T00:00:00+00:00",
            "2026-09-20T00:00:00+00:00",
        );
        let mut stale_key = CredRow::user("stalekey");
        stale_key.key2 = (true, "2025-01-01T00:00:00+00:00", "N/A");
        let inv = inventory(vec![cred_report(&[old, mid, stale_key])]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("old".into(), Status::Fail),
                ("mid".into(), Status::Pass),
                ("stalekey".into(), Status::Fail)
            ]
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
