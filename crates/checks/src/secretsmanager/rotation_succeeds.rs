//! Secrets Manager secrets configured with automatic rotation rotate successfully.
//!
//! ## What it checks
//! Every secret with `RotationEnabled` in every covered region (`secretsmanager ListSecrets`):
//! rotation must be happening on schedule. With a fixed interval (`AutomaticallyAfterDays` or a
//! `rate(...)` schedule), the last rotation (`LastRotatedDate`, or the creation date for a
//! secret never rotated) must be no older than the interval plus one day of rotation window.
//! With a `cron(...)` schedule, the next scheduled rotation (`NextRotationDate`) must not lie
//! more than a day in the past. Secrets without rotation are not judged (see
//! `secretsmanager.rotation_enabled`); a secret whose schedule cannot be read is UNKNOWN.
//!
//! ## Why it matters
//! A rotation that keeps failing leaves the old secret in use indefinitely while everyone
//! believes it changes, and the failure often means the rotation function or its network
//! access is broken.
//!
//! ## Remediation
//! Read the rotation function's CloudWatch logs, fix the error, then rotate once by hand:
//! ```sh
//! aws logs tail /aws/lambda/rotate-db --since 1d
//! aws secretsmanager rotate-secret --secret-id prod/db
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot_rotation.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-2

use super::rotation_enabled::secret_ref;
use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "secretsmanager.rotation_succeeds",
    title: "Secrets Manager secrets configured with automatic rotation rotate successfully",
    severity: Severity::Medium,
    resource_type: ResourceType::SecretsManagerSecret,
    compliance: &[fsbp("SecretsManager.2")],
    related: &["secretsmanager.rotation_enabled"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each(
        cx,
        out,
        &cx.inv.secretsmanager.secrets,
        "which secrets exist",
        |out, s| {
            if !s.rotation_enabled {
                return;
            }
            let res = secret_ref(cx, s);
            let rules = s.rotation_rules.as_ref();
            let ev = json!({
                "RotationRules": rules.map(|r| json!({"AutomaticallyAfterDays": r.automatically_after_days,
                                                      "ScheduleExpression": r.schedule_expression})),
                "LastRotatedDate": s.last_rotated_date, "NextRotationDate": s.next_rotation_date,
                "CreatedDate": s.created_date,
            });
            if let Some(days) = rules.and_then(|r| r.interval_days()) {
                let (since, what) = match (s.last_rotated_date, s.created_date) {
                    (Some(t), _) => (t, "last rotated"),
                    (None, Some(t)) => (t, "never rotated; created"),
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
                if age > days + 1 {
                    out.fail(
                    res,
                    format!(
                        "secret `{}` should rotate every {days} days but was {what} {age} days ago",
                        s.name
                    ),
                    ev,
                );
                } else {
                    out.pass(
                    res,
                    format!("secret `{}` rotates every {days} days and is on schedule ({what} {age} days ago)", s.name),
                    ev,
                );
                }
                return;
            }
            match s.next_rotation_date {
            Some(next) if cx.days_since(next) > 1 => out.fail(
                res,
                format!("secret `{}` was due to rotate on {next} and has not", s.name),
                ev,
            ),
            Some(next) => out.pass(
                res,
                format!("secret `{}` is on schedule (next rotation {next})", s.name),
                ev,
            ),
            None => out.push_unknown_message(
                res,
                format!("secret `{}` has rotation on but no readable schedule or next rotation date", s.name),
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
    fn fails_overdue_rotation_passes_on_schedule() {
        // Now is 2026-11-20.
        let inv = inventory(vec![secrets(json!([
            {"Name": "ok", "RotationEnabled": true, "RotationRules": {"AutomaticallyAfterDays": 30},
             "LastRotatedDate": "2026-11-01T10:00:00+00:00", "CreatedDate": "2024-01-01T00:00:00+00:00"},
            {"Name": "stuck", "RotationEnabled": true,
             "RotationRules": {"ScheduleExpression": "rate(7 days)", "Duration": "2h"},
             "LastRotatedDate": "2026-09-01T10:00:00+00:00", "CreatedDate": "2024-01-01T00:00:00+00:00"},
            {"Name": "never", "RotationEnabled": true, "RotationRules": {"AutomaticallyAfterDays": 30},
             "CreatedDate": "2026-01-01T00:00:00+00:00"},
            {"Name": "cron-late", "RotationEnabled": true, "RotationRules": {"ScheduleExpression": "cron(0 4 1 * ? *)"},
             "NextRotationDate": "2026-10-01T04:00:00+00:00"},
            {"Name": "cron-ok", "RotationEnabled": true, "RotationRules": {"ScheduleExpression": "cron(0 4 1 * ? *)"},
             "NextRotationDate": "2026-12-01T04:00:00+00:00"},
            {"Name": "off"}]))]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("ok".into(), Status::Pass),
                ("stuck".into(), Status::Fail),
                ("never".into(), Status::Fail),
                ("cron-late".into(), Status::Fail),
                ("cron-ok".into(), Status::Pass),
            ]
        );
    }

    #[test]
    fn unknown_without_schedule_or_list() {
        let inv = inventory(vec![secrets(json!([
            {"Name": "odd", "RotationEnabled": true, "RotationRules": {"ScheduleExpression": "cron(0 4 1 * ? *)"}}]))]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}
