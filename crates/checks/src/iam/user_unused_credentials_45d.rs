//! IAM user credentials unused for 45 days or more are disabled.
//!
//! ## What it checks
//! Each IAM user in the credential report. A console password that is enabled fails when its
//! last use (or, if never used / no information, its last change) is 45 days or more ago. Each
//! *active* access key fails when its last use (or, if never used, its last rotation) is 45 days
//! or more ago.
//!
//! ## Why it matters
//! Credentials nobody uses are credentials nobody would miss — or notice being abused. Disabling
//! them shrinks the attack surface.
//!
//! ## Remediation
//! ```sh
//! aws iam delete-login-profile --user-name old-contractor
//! aws iam update-access-key --user-name old-contractor --access-key-id AKIAEXAMPLEKEYID --status Inactive
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-22

use crate::prelude::*;
use crate::support::iam::{days_since, describe, row_resource};
use rampart_model::inventory::iam::CredTime;

pub static CHECK: Check = Check {
    id: "iam.user_unused_credentials_45d",
    title: "IAM user credentials unused for 45 days are disabled",
    severity: Severity::Medium,
    resource_type: ResourceType::IamUser,
    compliance: &[cis("1.11"), fsbp("IAM.22")],
    related: &["iam.access_key_rotated_90d"],
    lifecycle: Lifecycle::Stable,
    run,
};

const MAX_DAYS: i64 = 45;

/// The time that counts as "last use": the use, else the fallback (change / rotation / creation).
fn last_activity(used: CredTime, fallback: CredTime) -> CredTime {
    match used {
        CredTime::At(_) => used,
        _ => fallback,
    }
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    unused_credentials(cx, out, MAX_DAYS);
}

/// Fails each IAM user with an enabled password or active access key unused for `max_days`
/// days or more (shared with `iam.user_unused_credentials_90d`).
pub(crate) fn unused_credentials(cx: &Context<'_>, out: &mut Outcomes, max_days: i64) {
    let report = match &cx.inv.iam.credential_report {
        Ok(r) => r,
        Err(g) => return out.unknown(cx.account(), "when user credentials were last used", g),
    };
    for row in report.users() {
        let created = row
            .user_creation_time
            .map_or(CredTime::NoInformation, CredTime::At);
        let mut stale = Vec::new();
        if row.password_enabled == Some(true) {
            let changed = last_activity(row.password_last_changed, created);
            let t = last_activity(row.password_last_used, changed);
            if days_since(cx, t).is_none_or(|d| d >= max_days) {
                stale.push(json!({"credential": "password", "last_activity": describe(cx, t)}));
            }
        }
        for (i, k) in row.access_keys.iter().enumerate().filter(|(_, k)| k.active) {
            let t = last_activity(k.last_used, last_activity(k.last_rotated, created));
            if days_since(cx, t).is_none_or(|d| d >= max_days) {
                stale.push(json!({"credential": format!("access key {}", i + 1), "last_activity": describe(cx, t)}));
            }
        }
        let res = row_resource(cx, row);
        if stale.is_empty() {
            out.pass(
                res,
                format!(
                    "user `{}` has no credential unused for {max_days} days",
                    row.user
                ),
                json!({}),
            );
        } else {
            let what: Vec<String> = stale
                .iter()
                .filter_map(|s| s["credential"].as_str().map(str::to_string))
                .collect();
            out.fail(
                res,
                format!(
                    "user `{}` has credentials unused for {max_days} days or more: {}",
                    row.user,
                    what.join(", ")
                ),
                json!({"unused": stale, "max_days": max_days}),
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
    fn fails_stale_password_and_stale_key() {
        let mut old = CredRow::user("old");
        old.password_enabled = "true";
        old.password_last_used = "2026-07-01T00:00:00+00:00";
        let mut keyonly = CredRow::user("keyonly");
        keyonly.key1 = (
            true,
            "2026-01-01T00:00:00+00:00",
            "2026-08-01T00:00:00+00:00",
        );
        let mut never = CredRow::user("never");
        never.password_enabled = "true";
        never.password_last_changed = "2026-01-05T00:00:00+00:00"; // never used, set long ago
        let inv = inventory(vec![cred_report(&[old, keyonly, never])]);
        assert!(
            statuses(&outcomes(&CHECK, &inv))
                .iter()
                .all(|(_, s)| *s == Status::Fail)
        );
    }

    #[test]
    fn passes_recent_use_and_inactive_keys() {
        let mut a = CredRow::user("a");
        a.password_enabled = "true";
        a.password_last_used = "2026-11-19T00:00:00+00:00";
        a.key2 = (
            false,
            "2020-01-01T00:00:00+00:00",
            "2020-02-01T00:00:00+00:00",
        ); // inactive: ignored
        let mut fresh = CredRow::user("fresh");
        fresh.key1 = (true, "2026-11-15T00:00:00+00:00", "N/A"); // new, never used, < 45 days
        let inv = inventory(vec![cred_report(&[a, fresh])]);
        assert!(
            statuses(&outcomes(&CHECK, &inv))
                .iter()
                .all(|(_, s)| *s == Status::Pass)
        );
    }

    #[test]
    fn unknown_without_report() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}
