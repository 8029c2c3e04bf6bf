//! Secrets Manager: secrets (`ListSecrets`), per region.
//!
//! `ListSecrets` carries everything the rotation and usage checks read (rotation switch, rules,
//! last rotation, last access), so no per-secret call is needed. Secrets scheduled for deletion
//! are only listed with `IncludePlannedDeletion`; they carry a `DeletedDate`.

use super::{Apply, Regional, Tag};
use crate::error::LoadError;
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;

/// Secrets Manager data of the account, per region.
#[derive(Debug, Clone)]
pub struct SecretsManager {
    pub secrets: Regional<Vec<Secret>>,
}

impl Default for SecretsManager {
    fn default() -> Self {
        SecretsManager {
            secrets: Regional::new("secretsmanager", "ListSecrets"),
        }
    }
}

/// A secret as `ListSecrets` prints it (fields Rampart uses).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Secret {
    #[serde(rename = "ARN")]
    pub arn: Option<String>,
    pub name: String,
    pub description: Option<String>,
    pub kms_key_id: Option<String>,
    /// Automatic rotation is switched on (absent: off).
    #[serde(default)]
    pub rotation_enabled: bool,
    #[serde(rename = "RotationLambdaARN")]
    pub rotation_lambda_arn: Option<String>,
    pub rotation_rules: Option<RotationRules>,
    pub last_rotated_date: Option<Timestamp>,
    pub last_changed_date: Option<Timestamp>,
    /// The day the secret was last read (AWS truncates it to the day); absent: never read.
    pub last_accessed_date: Option<Timestamp>,
    /// Set when the secret is scheduled for deletion.
    pub deleted_date: Option<Timestamp>,
    pub next_rotation_date: Option<Timestamp>,
    pub created_date: Option<Timestamp>,
    /// The service that manages the secret (`rds`, `appflow`, ...), if any.
    pub owning_service: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

/// When a secret rotates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RotationRules {
    pub automatically_after_days: Option<i64>,
    /// `rate(10 days)`, `rate(6 hours)` or `cron(0 16 1,15 * ? *)`.
    pub schedule_expression: Option<String>,
    /// `3h`: the rotation window.
    pub duration: Option<String>,
}

impl RotationRules {
    /// The rotation interval in whole days, from `AutomaticallyAfterDays` or a `rate(...)`
    /// schedule. `None` for cron schedules (their interval is not a fixed number of days).
    pub fn interval_days(&self) -> Option<i64> {
        if let Some(d) = self.automatically_after_days {
            return Some(d);
        }
        let expr = self.schedule_expression.as_deref()?.trim();
        let inner = expr.strip_prefix("rate(")?.strip_suffix(')')?;
        let (n, unit) = inner.trim().split_once(' ')?;
        let n: i64 = n.parse().ok()?;
        match unit.trim() {
            "day" | "days" => Some(n),
            // Rotating every few hours: at most one day between rotations.
            "hour" | "hours" => Some((n + 23) / 24),
            _ => None,
        }
    }
}

impl Secret {
    /// The secret's ARN (`ARN`, or built from the name without AWS's random suffix).
    pub fn arn(&self, partition: &str, account: &str) -> String {
        match &self.arn {
            Some(a) => a.clone(),
            None => format!(
                "arn:{partition}:secretsmanager:{}:{account}:secret:{}",
                self.region, self.name
            ),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SecretsResponse {
    #[serde(default)]
    secret_list: Vec<Secret>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "ListSecrets" => {
            let region = cx.region()?;
            let r = region.clone();
            let v = cx.observe(body, move |resp: SecretsResponse| {
                let mut v = resp.secret_list;
                for s in &mut v {
                    s.region.clone_from(&r);
                }
                v
            })?;
            Box::new(move |inv| inv.secretsmanager.secrets.merge(region, v))
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl SecretsManager {
    pub(crate) fn finalize(&mut self, regions: &[String]) {
        self.secrets.fill(regions);
    }
}

#[cfg(test)]
mod tests {
    use super::RotationRules;
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    #[test]
    fn secrets() {
        let inv = test_load(
            r#"{"service": "secretsmanager", "operation": "ListSecrets", "region": "us-east-1",
                "response": {"SecretList": [
                  {"ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", "Name": "db",
                   "KmsKeyId": "alias/aws/secretsmanager", "RotationEnabled": true,
                   "RotationLambdaARN": "arn:aws:lambda:us-east-1:123456789012:function:rotate",
                   "RotationRules": {"AutomaticallyAfterDays": 30, "Duration": "3h",
                                     "ScheduleExpression": "rate(30 days)"},
                   "LastRotatedDate": "2026-11-01T10:00:00.123000+00:00",
                   "LastChangedDate": "2026-11-01T10:00:00.123000+00:00",
                   "LastAccessedDate": "2026-11-19T00:00:00+00:00",
                   "NextRotationDate": "2026-12-01T23:59:59+00:00",
                   "Tags": [{"Key": "team", "Value": "data"}],
                   "SecretVersionsToStages": {"v1": ["AWSCURRENT"]},
                   "CreatedDate": "2024-03-01T09:00:00.000000+00:00"},
                  {"ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-key-XyZ123", "Name": "api-key",
                   "LastChangedDate": "2025-01-01T00:00:00+00:00", "CreatedDate": "2025-01-01T00:00:00+00:00"}]}},
               {"service": "secretsmanager", "operation": "ListSecrets", "region": "eu-west-1",
                "error": {"code": "AccessDeniedException", "message": "no"}}"#,
        )
        .unwrap();
        let s = inv.secretsmanager.secrets.get("us-east-1").unwrap();
        assert!(s[0].rotation_enabled);
        assert_eq!(
            s[0].rotation_rules.as_ref().unwrap().interval_days(),
            Some(30)
        );
        assert!(s[0].last_accessed_date.is_some() && s[0].last_rotated_date.is_some());
        assert!(!s[1].rotation_enabled && s[1].last_accessed_date.is_none());
        assert_eq!(
            s[1].arn("aws", "1"),
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-key-XyZ123"
        );
        assert_eq!(
            inv.secretsmanager
                .secrets
                .get("eu-west-1")
                .unwrap_err()
                .kind,
            GapKind::AccessDenied
        );
    }

    #[test]
    fn rotation_intervals() {
        let r = |e: &str| RotationRules {
            schedule_expression: Some(e.into()),
            ..RotationRules::default()
        };
        assert_eq!(r("rate(10 days)").interval_days(), Some(10));
        assert_eq!(r("rate(1 day)").interval_days(), Some(1));
        assert_eq!(r("rate(6 hours)").interval_days(), Some(1));
        assert_eq!(r("cron(0 16 1,15 * ? *)").interval_days(), None);
        assert_eq!(r("rate(x days)").interval_days(), None);
    }
}
