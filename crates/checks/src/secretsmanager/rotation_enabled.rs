//! Secrets Manager secrets have automatic rotation enabled.
//!
//! ## What it checks
//! Every secret in every covered region (`secretsmanager ListSecrets`): `RotationEnabled` must
//! be `true`. A region whose secrets could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Rotation replaces a long-lived secret with short-lived ones: a leaked value stops working at
//! the next rotation instead of staying valid until someone notices.
//!
//! ## Remediation
//! ```sh
//! aws secretsmanager rotate-secret --secret-id prod/db \
//!   --rotation-lambda-arn arn:aws:lambda:us-east-1:123456789012:function:rotate-db \
//!   --rotation-rules '{"ScheduleExpression": "rate(30 days)"}'
//! ```
//! Terraform: an `aws_secretsmanager_secret_rotation` resource for the secret.
//!
//! ## References
//! - https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-1

use crate::prelude::*;
use crate::support::regional::each;
use rampart_model::ResourceRef;
use rampart_model::inventory::secretsmanager::Secret;

pub static CHECK: Check = Check {
    id: "secretsmanager.rotation_enabled",
    title: "Secrets Manager secrets have automatic rotation enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::SecretsManagerSecret,
    compliance: &[fsbp("SecretsManager.1")],
    related: &[
        "secretsmanager.rotation_succeeds",
        "secretsmanager.rotated_within_90_days",
    ],
    lifecycle: Lifecycle::Stable,
    run,
};

/// How findings name a secret.
pub(crate) fn secret_ref(cx: &Context<'_>, s: &Secret) -> ResourceRef {
    cx.resource(
        ResourceType::SecretsManagerSecret,
        &s.name,
        Some(s.arn(&cx.inv.partition, &cx.inv.account_id)),
        Some(&s.region),
    )
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each(
        cx,
        out,
        &cx.inv.secretsmanager.secrets,
        "which secrets exist",
        |out, s| {
            let ev = json!({"RotationEnabled": s.rotation_enabled, "RotationRules": s.rotation_rules.as_ref().map(|r| json!({
            "AutomaticallyAfterDays": r.automatically_after_days, "ScheduleExpression": r.schedule_expression}))});
            if s.rotation_enabled {
                out.pass(
                    secret_ref(cx, s),
                    format!("secret `{}` rotates automatically", s.name),
                    ev,
                );
            } else {
                out.fail(
                    secret_ref(cx, s),
                    format!("secret `{}` has no automatic rotation", s.name),
                    ev,
                );
            }
        },
    );
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    /// A `ListSecrets` call in us-east-1 holding these secrets.
    pub(crate) fn secrets(list: Value) -> Value {
        call(
            "secretsmanager",
            "ListSecrets",
            Some("us-east-1"),
            json!({"IncludePlannedDeletion": true}),
            json!({"SecretList": list}),
        )
    }

    #[test]
    fn fails_without_rotation() {
        let inv = inventory(vec![secrets(json!([
            {"ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", "Name": "db",
             "RotationEnabled": true, "RotationRules": {"AutomaticallyAfterDays": 30}},
            {"ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-XyZ123", "Name": "api"}]))]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![("db".into(), Status::Pass), ("api".into(), Status::Fail)]
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
