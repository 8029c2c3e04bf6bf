//! The root user is not used for everyday work.
//!
//! ## What it checks
//! When the root user last signed in with its password or used an access key, from the IAM
//! credential report's `<root_account>` row. Any use within the last 30 days fails; the
//! evidence gives each date so a reviewer can match it to a task that truly needs root.
//! (CIS marks this recommendation manual and sets no period; Rampart uses 30 days.)
//!
//! ## Why it matters
//! Root cannot be restricted by IAM policies. Using it for routine work exposes its
//! credentials far more often than the handful of tasks that require root justify.
//!
//! ## Remediation
//! Create IAM Identity Center users or IAM roles with the permissions people need, keep root for
//! the tasks listed under "Tasks that require root user credentials", and monitor root use
//! (CIS 4.3). Review use with:
//! ```sh
//! aws iam generate-credential-report
//! aws iam get-credential-report --query Content --output text | base64 -d | grep '<root_account>'
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#root-user-tasks
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html

use crate::prelude::*;
use crate::support::iam::{days_since, describe};

pub static CHECK: Check = Check {
    id: "iam.root_recent_use",
    title: "Root user has not been used in the last 30 days",
    severity: Severity::Medium,
    resource_type: ResourceType::Account,
    compliance: &[cis("1.6")],
    related: &["iam.root_access_key", "iam.root_mfa"],
    lifecycle: Lifecycle::Stable,
    run,
};

const MAX_DAYS: i64 = 30;

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let report = match &cx.inv.iam.credential_report {
        Ok(r) => r,
        Err(g) => return out.unknown(cx.account(), "when the root user was last used", g),
    };
    let Some(root) = report.root() else {
        return out.unknown(
            cx.account(),
            "when the root user was last used",
            &rampart_model::Gap::not_collected("iam", "GetCredentialReport", None)
                .about("root row"),
        );
    };
    let uses = [
        ("password", root.password_last_used),
        ("access key 1", root.access_keys[0].last_used),
        ("access key 2", root.access_keys[1].last_used),
    ];
    let recent: Vec<_> = uses
        .iter()
        .filter(|(_, t)| days_since(cx, *t).is_some_and(|d| d <= MAX_DAYS))
        .collect();
    let ev = json!(
        uses.iter()
            .map(|(k, t)| (k.to_string(), json!(describe(cx, *t))))
            .collect::<serde_json::Map<_, _>>()
    );
    if let Some((what, t)) = recent.first() {
        out.fail(
            cx.account(),
            format!("the root user's {what} was used {}", describe(cx, *t)),
            ev,
        );
    } else {
        out.pass(
            cx.account(),
            format!("the root user has not been used in the last {MAX_DAYS} days"),
            ev,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn fails_when_root_signed_in_recently() {
        let mut root = CredRow::root();
        root.password_last_used = "2026-11-10T08:00:00+00:00";
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![cred_report(&[root])]))),
            Status::Fail
        );
    }

    #[test]
    fn fails_when_a_root_key_was_used_recently() {
        let mut root = CredRow::root();
        root.key1 = (
            true,
            "2020-01-01T00:00:00+00:00",
            "2026-11-19T08:00:00+00:00",
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![cred_report(&[root])]))),
            Status::Fail
        );
    }

    #[test]
    fn passes_when_root_is_dormant() {
        let root = CredRow::root(); // last used 2026-01-01
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![cred_report(&[root])]))),
            Status::Pass
        );
    }

    #[test]
    fn unknown_without_report() {
        let inv = inventory(vec![error(
            "iam",
            "GetCredentialReport",
            None,
            json!({}),
            "ReportNotPresent",
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}
