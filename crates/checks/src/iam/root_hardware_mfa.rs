//! The root user's MFA is a hardware device, not a virtual one.
//!
//! ## What it checks
//! That root MFA is enabled and that no *virtual* MFA device is assigned to the root user
//! (`ListVirtualMFADevices` shows the root's virtual device with serial
//! `arn:aws:iam::ACCOUNT:mfa/root-account-mfa-device` or user `arn:aws:iam::ACCOUNT:root`).
//! An account whose root user has no password passes.
//!
//! ## Why it matters
//! A virtual MFA app lives on a phone that can be lost, cloned or compromised along with the
//! password. A dedicated hardware key (FIDO2 or TOTP token) kept in a safe protects the most
//! powerful identity in the account.
//!
//! ## Remediation
//! Sign in as root, remove the virtual MFA device and register a FIDO2 security key or a hardware
//! TOTP token. Check with:
//! ```sh
//! aws iam list-virtual-mfa-devices --query 'VirtualMFADevices[?User.Arn==`arn:aws:iam::123456789012:root`]'
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_physical.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-6

use super::root_mfa::root_mfa_state;
use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "iam.root_hardware_mfa",
    title: "Root user uses a hardware MFA device",
    severity: Severity::Critical,
    resource_type: ResourceType::Account,
    compliance: &[cis("1.5"), fsbp("IAM.6")],
    related: &["iam.root_mfa"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    match root_mfa_state(cx) {
        Err(g) => return out.unknown(cx.account(), "whether the root user has MFA", &g),
        Ok(None) => {
            return out.pass(
                cx.account(),
                "the root user has no password, so it cannot sign in",
                json!({"AccountPasswordPresent": 0}),
            );
        }
        Ok(Some(false)) => {
            return out.fail(
                cx.account(),
                "the root user has no MFA device at all",
                json!({"mfa": false}),
            );
        }
        Ok(Some(true)) => {}
    }
    let devices = match &cx.inv.iam.virtual_mfa_devices {
        Ok(d) => d,
        Err(g) => return out.unknown(cx.account(), "whether the root MFA device is virtual", g),
    };
    let root_arn = cx.inv.root_arn();
    let root_serial = format!(
        "arn:{}:iam::{}:mfa/root-account-mfa-device",
        cx.inv.partition, cx.inv.account_id
    );
    let virtual_root = devices.iter().find(|d| {
        d.serial_number == root_serial || d.user.as_ref().is_some_and(|u| u.arn == root_arn)
    });
    match virtual_root {
        Some(d) => out.fail(
            cx.account(),
            format!(
                "the root user's MFA is a virtual device (`{}`)",
                d.serial_number
            ),
            json!({"virtual_mfa_serial": d.serial_number, "enable_date": d.enable_date}),
        ),
        None => out.pass(
            cx.account(),
            "the root user's MFA is not a virtual device",
            json!({"virtual_devices_checked": devices.len()}),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn summary() -> serde_json::Value {
        call(
            "iam",
            "GetAccountSummary",
            None,
            json!({}),
            json!({"SummaryMap": {"AccountMFAEnabled": 1, "AccountPasswordPresent": 1}}),
        )
    }

    fn virtual_devices(devs: serde_json::Value) -> serde_json::Value {
        call(
            "iam",
            "ListVirtualMFADevices",
            None,
            json!({}),
            json!({"VirtualMFADevices": devs, "IsTruncated": false}),
        )
    }

    #[test]
    fn fails_for_a_virtual_root_device() {
        let inv = inventory(vec![
            summary(),
            virtual_devices(json!([{
            "SerialNumber": "arn:aws:iam::123456789012:mfa/root-account-mfa-device",
            "User": {"Arn": "arn:aws:iam::123456789012:root", "UserId": "123456789012",
                     "CreateDate": "2020-01-01T00:00:00+00:00"},
            "EnableDate": "2020-01-02T00:00:00+00:00"}])),
        ]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Fail);
    }

    #[test]
    fn passes_when_only_users_have_virtual_devices() {
        let inv = inventory(vec![
            summary(),
            virtual_devices(json!([{
            "SerialNumber": "arn:aws:iam::123456789012:mfa/alice",
            "User": {"Arn": "arn:aws:iam::123456789012:user/alice", "UserName": "alice"},
            "EnableDate": "2024-01-02T00:00:00+00:00"}])),
        ]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Pass);
    }

    #[test]
    fn unknown_when_device_list_denied() {
        let inv = inventory(vec![
            summary(),
            error(
                "iam",
                "ListVirtualMFADevices",
                None,
                json!({}),
                "AccessDenied",
            ),
        ]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}
