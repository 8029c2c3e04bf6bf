//! Customer managed KMS keys are not scheduled for deletion.
//!
//! ## What it checks
//! Every customer managed KMS key in every covered region (`kms ListKeys`, `DescribeKey`):
//! `KeyState` must not be `PendingDeletion` or `PendingReplicaDeletion`. The failure names the
//! deletion date, so the deletion can be cancelled before it. AWS managed keys cannot be
//! deleted and are not judged. A key whose metadata could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Deleting a key is irreversible: every object, volume, snapshot and secret encrypted under it
//! becomes unreadable for good. A key scheduled by mistake, or by an intruder, must be caught
//! within its waiting period.
//!
//! ## Remediation
//! If the deletion was not intended:
//! ```sh
//! aws kms cancel-key-deletion --key-id 1234abcd-12ab-34cd-56ef-1234567890ab
//! aws kms enable-key --key-id 1234abcd-12ab-34cd-56ef-1234567890ab
//! ```
//! Alarm on `ScheduleKeyDeletion` and `DisableKey` events (CIS 4.7).
//!
//! ## References
//! - https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-3

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "kms.key_pending_deletion",
    title: "Customer managed KMS keys are not scheduled for deletion",
    severity: Severity::Critical,
    resource_type: ResourceType::KmsKey,
    compliance: &[fsbp("KMS.3")],
    related: &["kms.key_rotation"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(cx, out, &inv.kms.keys, "which KMS keys exist", |out, k| {
        let res = cx.resource(
            ResourceType::KmsKey,
            &k.key_id,
            Some(k.arn(&inv.partition, &inv.account_id)),
            Some(&k.region),
        );
        let m = match &k.metadata {
            Ok(m) => m,
            Err(g) => return out.unknown(res, "whether the key is scheduled for deletion", g),
        };
        if m.key_manager != "CUSTOMER" {
            return;
        }
        let state = m.key_state.as_deref().unwrap_or("unknown");
        let ev = json!({"KeyState": state, "DeletionDate": m.deletion_date, "Description": m.description});
        if matches!(state, "PendingDeletion" | "PendingReplicaDeletion") {
            let when = m
                .deletion_date
                .map_or_else(|| "soon".to_string(), |d| format!("on {d}"));
            out.fail(
                res,
                format!("key `{}` is scheduled for deletion {when}", k.key_id),
                ev,
            );
        } else {
            out.pass(
                res,
                format!("key `{}` is not scheduled for deletion ({state})", k.key_id),
                ev,
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn pass_fail_unknown() {
        let meta = |id: &str, state: &str, manager: &str| {
            let mut m = json!({"AWSAccountId": ACCOUNT, "KeyId": id, "Enabled": state == "Enabled", "KeyUsage": "ENCRYPT_DECRYPT",
                "KeyState": state, "Origin": "AWS_KMS", "KeyManager": manager, "KeySpec": "SYMMETRIC_DEFAULT"});
            if state == "PendingDeletion" {
                m["DeletionDate"] = json!("2026-11-27T00:00:00+00:00");
            }
            call(
                "kms",
                "DescribeKey",
                Some("us-east-1"),
                json!({"KeyId": id}),
                json!({"KeyMetadata": m}),
            )
        };
        let inv = inventory(vec![
            call(
                "kms",
                "ListKeys",
                Some("us-east-1"),
                json!({}),
                json!({"Keys": [{"KeyId": "a"}, {"KeyId": "b"}, {"KeyId": "c"}, {"KeyId": "d"}]}),
            ),
            meta("a", "Enabled", "CUSTOMER"),
            meta("b", "PendingDeletion", "CUSTOMER"),
            meta("c", "Enabled", "AWS"),
            error(
                "kms",
                "DescribeKey",
                Some("us-east-1"),
                json!({"KeyId": "d"}),
                "AccessDeniedException",
            ),
        ]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            [
                ("a".to_string(), Status::Pass),
                ("b".to_string(), Status::Fail),
                ("d".to_string(), Status::Unknown),
            ]
        );
        assert!(o[1].message.contains("2026-11-27"), "{}", o[1].message);
    }
}
