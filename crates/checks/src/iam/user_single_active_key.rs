//! Each IAM user has at most one active access key.
//!
//! ## What it checks
//! Each IAM user in the credential report: `access_key_1_active` and `access_key_2_active` must
//! not both be `true`.
//!
//! ## Why it matters
//! Two active keys usually mean a rotation that was never finished; the old key stays valid and
//! forgotten.
//!
//! ## Remediation
//! Finish the rotation: move every client to the newer key, then deactivate and delete the other.
//! ```sh
//! aws iam list-access-keys --user-name carol
//! aws iam update-access-key --user-name carol --access-key-id AKIAOLDKEYEXAMPLE --status Inactive
//! aws iam delete-access-key --user-name carol --access-key-id AKIAOLDKEYEXAMPLE
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console

use crate::prelude::*;
use crate::support::iam::row_resource;

pub static CHECK: Check = Check {
    id: "iam.user_single_active_key",
    title: "IAM users have at most one active access key",
    severity: Severity::Medium,
    resource_type: ResourceType::IamUser,
    compliance: &[cis("1.12")],
    related: &["iam.access_key_rotated_90d"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let report = match &cx.inv.iam.credential_report {
        Ok(r) => r,
        Err(g) => return out.unknown(cx.account(), "how many access keys users have", g),
    };
    for row in report.users() {
        let active = row.access_keys.iter().filter(|k| k.active).count();
        let res = row_resource(cx, row);
        let ev = json!({"active_keys": active});
        if active > 1 {
            out.fail(
                res,
                format!("user `{}` has {active} active access keys", row.user),
                ev,
            );
        } else {
            out.pass(
                res,
                format!("user `{}` has {active} active access key(s)", row.user),
                ev,
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
    fn fails_two_active_keys_only() {
        let mut two = CredRow::user("two");
        two.key1 = (true, "2026-01-01T00:00:00+00:00", "N/A");
        two.key2 = (true, "2026-02-01T00:00:00+00:00", "N/A");
        let mut one = CredRow::user("one");
        one.key1 = (true, "2026-01-01T00:00:00+00:00", "N/A");
        one.key2 = (false, "2025-01-01T00:00:00+00:00", "N/A");
        let inv = inventory(vec![cred_report(&[two, one])]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![("two".into(), Status::Fail), ("one".into(), Status::Pass)]
        );
    }

    #[test]
    fn unknown_without_report() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}
