//! Console users have no access key that was created at setup and never used.
//!
//! ## What it checks
//! Each IAM user with a console password (credential report): an *active* access key whose
//! `access_key_N_last_used_date` is `N/A` (never used) fails — the pattern of a key created
//! by default when the user was set up, which nobody needs.
//!
//! ## Why it matters
//! Unneeded long-lived keys are credentials that can leak without anyone noticing, since no
//! one uses or watches them.
//!
//! ## Remediation
//! Delete keys that have never been used; create keys only when a user needs programmatic
//! access (and prefer roles or IAM Identity Center).
//! ```sh
//! aws iam list-access-keys --user-name carol
//! aws iam delete-access-key --user-name carol --access-key-id AKIAEXAMPLEKEYID
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html

use crate::prelude::*;
use crate::support::iam::row_resource;
use rampart_model::inventory::iam::CredTime;

pub static CHECK: Check = Check {
    id: "iam.user_initial_access_key",
    title: "Console users have no never-used access keys",
    severity: Severity::Low,
    resource_type: ResourceType::IamUser,
    compliance: &[cis("1.10")],
    related: &["iam.user_unused_credentials_45d"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let report = match &cx.inv.iam.credential_report {
        Ok(r) => r,
        Err(g) => return out.unknown(cx.account(), "which users have unused access keys", g),
    };
    for row in report.users().filter(|r| r.password_enabled == Some(true)) {
        let unused: Vec<usize> = (0..2)
            .filter(|&i| {
                row.access_keys[i].active && row.access_keys[i].last_used == CredTime::Never
            })
            .map(|i| i + 1)
            .collect();
        let res = row_resource(cx, row);
        if unused.is_empty() {
            out.pass(
                res,
                format!("user `{}` has no active, never-used access key", row.user),
                json!({}),
            );
        } else {
            out.fail(
                res,
                format!(
                    "user `{}` has a console password and an active access key that was never used",
                    row.user
                ),
                json!({"never_used_key_slots": unused}),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn fails_never_used_keys_of_console_users() {
        let mut carol = CredRow::user("carol");
        carol.password_enabled = "true";
        carol.key2 = (true, "2025-01-01T00:00:00+00:00", "N/A");
        let mut dave = CredRow::user("dave");
        dave.password_enabled = "true";
        dave.key1 = (
            true,
            "2025-01-01T00:00:00+00:00",
            "2026-11-01T00:00:00+00:00",
        );
        let mut ci = CredRow::user("ci"); // no console: not applicable
        ci.key1 = (true, "2025-01-01T00:00:00+00:00", "N/A");
        let inv = inventory(vec![cred_report(&[carol, dave, ci])]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("carol".into(), Status::Fail),
                ("dave".into(), Status::Pass)
            ]
        );
    }

    #[test]
    fn unknown_without_report() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}
