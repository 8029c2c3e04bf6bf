//! Active access keys are rotated every 90 days or less.
//!
//! ## What it checks
//! Each IAM user in the credential report: every *active* access key's
//! `access_key_N_last_rotated` (its creation time) must be less than 90 days before the
//! snapshot was taken.
//!
//! ## Why it matters
//! The longer a key lives, the more places it has been copied to and the longer a leaked copy
//! stays useful.
//!
//! ## Remediation
//! Create a second key, move clients to it, then deactivate and delete the old one:
//! ```sh
//! aws iam create-access-key --user-name bob
//! aws iam update-access-key --user-name bob --access-key-id AKIAOLDKEYEXAMPLE --status Inactive
//! aws iam delete-access-key --user-name bob --access-key-id AKIAOLDKEYEXAMPLE
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-3

use crate::prelude::*;
use crate::support::iam::{days_since, describe, row_resource};

pub static CHECK: Check = Check {
    id: "iam.access_key_rotated_90d",
    title: "Active access keys are rotated every 90 days",
    severity: Severity::Medium,
    resource_type: ResourceType::IamUser,
    compliance: &[cis("1.13"), fsbp("IAM.3")],
    related: &[
        "iam.user_single_active_key",
        "iam.user_unused_credentials_45d",
    ],
    lifecycle: Lifecycle::Stable,
    run,
};

const MAX_DAYS: i64 = 90;

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let report = match &cx.inv.iam.credential_report {
        Ok(r) => r,
        Err(g) => return out.unknown(cx.account(), "when access keys were rotated", g),
    };
    for row in report.users() {
        let res = row_resource(cx, row);
        let old: Vec<_> = row
            .access_keys
            .iter()
            .enumerate()
            .filter(|(_, k)| {
                k.active && days_since(cx, k.last_rotated).is_none_or(|d| d >= MAX_DAYS)
            })
            .map(|(i, k)| json!({"slot": i + 1, "last_rotated": describe(cx, k.last_rotated)}))
            .collect();
        if row.access_keys.iter().all(|k| !k.active) {
            out.pass(
                res,
                format!("user `{}` has no active access key", row.user),
                json!({}),
            );
        } else if old.is_empty() {
            out.pass(
                res,
                format!(
                    "user `{}` has rotated its active keys within {MAX_DAYS} days",
                    row.user
                ),
                json!({}),
            );
        } else {
            out.fail(
                res,
                format!(
                    "user `{}` has an active access key older than {MAX_DAYS} days",
                    row.user
                ),
                json!({"old_keys": old, "max_days": MAX_DAYS}),
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
    fn fails_old_active_keys_only() {
        let mut old = CredRow::user("old");
        old.key1 = (
            true,
            "2026-05-01T00:00:00+00:00",
            "2026-11-19T00:00:00+00:00",
        );
        let mut inactive_old = CredRow::user("inactive");
        inactive_old.key1 = (false, "2020-05-01T00:00:00+00:00", "N/A");
        let mut fresh = CredRow::user("fresh");
        fresh.key1 = (true, "2026-10-01T00:00:00+00:00", "N/A");
        let inv = inventory(vec![cred_report(&[old, inactive_old, fresh])]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("old".into(), Status::Fail),
                ("inactive".into(), Status::Pass),
                ("fresh".into(), Status::Pass)
            ]
        );
    }

    #[test]
    fn unknown_without_report() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}
