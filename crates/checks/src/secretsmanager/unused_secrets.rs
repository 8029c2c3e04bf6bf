//! Unused Secrets Manager secrets are removed.
//!
//! ## What it checks
//! Every secret in every covered region (`secretsmanager ListSecrets`) that is not already
//! scheduled for deletion: it must have been read within the last 90 days (`LastAccessedDate`,
//! which AWS records to the day). A secret never read fails once it is more than 90 days old
//! (`CreatedDate`); a secret never read whose creation date is not printed is UNKNOWN.
//!
//! ## Why it matters
//! A secret nobody uses still grants whatever it unlocks. Every person and system that ever
//! had it can still use it, and nobody watches it.
//!
//! ## Remediation
//! Confirm the secret is unused (CloudTrail `GetSecretValue` events), then schedule deletion:
//! ```sh
//! aws secretsmanager delete-secret --secret-id legacy/ftp --recovery-window-in-days 30
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/secretsmanager/latest/userguide/manage_delete-secret.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-3

use super::rotation_enabled::secret_ref;
use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "secretsmanager.unused_secrets",
    title: "Unused Secrets Manager secrets are removed",
    severity: Severity::Medium,
    resource_type: ResourceType::SecretsManagerSecret,
    compliance: &[fsbp("SecretsManager.3")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// Days without access after which a secret counts as unused (Security Hub's default).
const MAX_UNUSED_DAYS: i64 = 90;

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each(
        cx,
        out,
        &cx.inv.secretsmanager.secrets,
        "which secrets exist",
        |out, s| {
            if s.deleted_date.is_some() {
                return;
            }
            let res = secret_ref(cx, s);
            let ev = json!({"LastAccessedDate": s.last_accessed_date, "CreatedDate": s.created_date,
                        "max_unused_days": MAX_UNUSED_DAYS});
            match (s.last_accessed_date, s.created_date) {
                (Some(t), _) => {
                    let age = cx.days_since(t);
                    if age > MAX_UNUSED_DAYS {
                        out.fail(
                            res,
                            format!("secret `{}` was last read {age} days ago", s.name),
                            ev,
                        );
                    } else {
                        out.pass(
                            res,
                            format!("secret `{}` was read {age} days ago", s.name),
                            ev,
                        );
                    }
                }
                (None, Some(c)) => {
                    let age = cx.days_since(c);
                    if age > MAX_UNUSED_DAYS {
                        out.fail(
                            res,
                            format!(
                                "secret `{}` was never read in the {age} days since it was created",
                                s.name
                            ),
                            ev,
                        );
                    } else {
                        out.pass(
                            res,
                            format!(
                                "secret `{}` is new ({age} days old) and not read yet",
                                s.name
                            ),
                            ev,
                        );
                    }
                }
                (None, None) => out.push_unknown_message(
                    res,
                    format!(
                        "secret `{}` prints neither a last access nor a creation date",
                        s.name
                    ),
                    ev,
                ),
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::secretsmanager::rotation_enabled::tests::secrets;
    use crate::support::testing::*;

    #[test]
    fn fails_unused_passes_used_and_new() {
        let inv = inventory(vec![secrets(json!([
            {"Name": "used", "LastAccessedDate": "2026-11-19T00:00:00+00:00", "CreatedDate": "2024-01-01T00:00:00+00:00"},
            {"Name": "stale", "LastAccessedDate": "2026-03-01T00:00:00+00:00", "CreatedDate": "2024-01-01T00:00:00+00:00"},
            {"Name": "never", "CreatedDate": "2025-01-01T00:00:00+00:00"},
            {"Name": "fresh", "CreatedDate": "2026-11-10T00:00:00+00:00"},
            {"Name": "going", "CreatedDate": "2024-01-01T00:00:00+00:00", "DeletedDate": "2026-11-15T00:00:00+00:00"},
            {"Name": "odd"}]))]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("used".into(), Status::Pass),
                ("stale".into(), Status::Fail),
                ("never".into(), Status::Fail),
                ("fresh".into(), Status::Pass),
                ("odd".into(), Status::Unknown),
            ]
        );
    }

    #[test]
    fn unknown_when_not_collected() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}
