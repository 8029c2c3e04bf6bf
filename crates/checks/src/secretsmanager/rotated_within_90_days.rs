//! Secrets Manager secrets are rotated within 90 days.
//!
//! ## What it checks
//! Every secret in every covered region (`secretsmanager ListSecrets`) that is not scheduled
//! for deletion: its value must have been rotated within the last 90 days (`LastRotatedDate`).
//! A secret never rotated passes while it is younger than 90 days (`CreatedDate`) and fails
//! after; one that prints neither date is UNKNOWN.
//!
//! ## Why it matters
//! The longer a secret keeps one value, the more logs, caches, laptops and former colleagues
//! hold a copy that still works.
//!
//! ## Remediation
//! Turn on automatic rotation with an interval of 90 days or less, or rotate now:
//! ```sh
//! aws secretsmanager rotate-secret --secret-id prod/db --rotate-immediately
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-4

use super::rotation_enabled::secret_ref;
use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "secretsmanager.rotated_within_90_days",
    title: "Secrets Manager secrets are rotated within 90 days",
    severity: Severity::Medium,
    resource_type: ResourceType::SecretsManagerSecret,
    compliance: &[fsbp("SecretsManager.4")],
    related: &["secretsmanager.rotation_enabled"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// Security Hub's default maximum age of a secret value.
const MAX_DAYS: i64 = 90;

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
            let ev = json!({"LastRotatedDate": s.last_rotated_date, "CreatedDate": s.created_date,
                        "RotationEnabled": s.rotation_enabled, "max_days": MAX_DAYS});
            let (since, what) = match (s.last_rotated_date, s.created_date) {
                (Some(t), _) => (t, "was last rotated"),
                (None, Some(t)) => (t, "was never rotated and was created"),
                (None, None) => {
                    return out.push_unknown_message(
                        res,
                        format!(
                            "secret `{}` prints neither a rotation nor a creation date",
                            s.name
                        ),
                        ev,
                    );
                }
            };
            let age = cx.days_since(since);
            if age > MAX_DAYS {
                out.fail(
                    res,
                    format!("secret `{}` {what} {age} days ago", s.name),
                    ev,
                );
            } else {
                out.pass(
                    res,
                    format!("secret `{}` {what} {age} days ago", s.name),
                    ev,
                );
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
    fn fails_old_values_passes_recent() {
        let inv = inventory(vec![secrets(json!([
            {"Name": "recent", "LastRotatedDate": "2026-10-01T00:00:00+00:00", "CreatedDate": "2024-01-01T00:00:00+00:00"},
            {"Name": "old", "LastRotatedDate": "2025-10-01T00:00:00+00:00", "CreatedDate": "2024-01-01T00:00:00+00:00"},
            {"Name": "never", "CreatedDate": "2024-01-01T00:00:00+00:00"},
            {"Name": "new", "CreatedDate": "2026-11-01T00:00:00+00:00"},
            {"Name": "odd"}]))]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("recent".into(), Status::Pass),
                ("old".into(), Status::Fail),
                ("never".into(), Status::Fail),
                ("new".into(), Status::Pass),
                ("odd".into(), Status::Unknown),
            ]
        );
    }

    #[test]
    fn unknown_when_denied() {
        let inv = inventory(vec![error(
            "secretsmanager",
            "ListSecrets",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}
