//! Security contact information is registered for the account.
//!
//! ## What it checks
//! That the account has a SECURITY alternate contact (`account GetAlternateContact` with
//! `AlternateContactType=SECURITY`) with an email address. `ResourceNotFoundException` means no
//! contact is registered and fails.
//!
//! ## Why it matters
//! AWS sends security notifications — abuse reports, exposed credentials, incidents — to this
//! contact. Without it they go to the root email address, which may not reach the security team.
//!
//! ## Remediation
//! ```sh
//! aws account put-alternate-contact --alternate-contact-type SECURITY \
//!   --name "Security Team" --title "Security" --email-address security@example.com --phone-number "+1-555-0100"
//! ```
//! Terraform: `aws_account_alternate_contact` with `alternate_contact_type = "SECURITY"`.
//!
//! ## References
//! - https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/account-controls.html#account-1

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "account.security_contact",
    title: "Security contact information is registered",
    severity: Severity::Medium,
    resource_type: ResourceType::Account,
    compliance: &[cis("1.2"), fsbp("Account.1")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    match &cx.inv.account.security_contact {
        Err(g) => out.unknown(cx.account(), "whether a security contact is registered", g),
        Ok(None) => out.fail(
            cx.account(),
            "the account has no security contact registered",
            json!({"security_contact": null}),
        ),
        Ok(Some(c)) if c.email_address.as_deref().is_none_or(str::is_empty) => out.fail(
            cx.account(),
            "the account's security contact has no email address",
            json!({"name": c.name}),
        ),
        Ok(Some(c)) => out.pass(
            cx.account(),
            "the account has a security contact",
            json!({"name": c.name, "email_address": c.email_address}),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn contact(body: Result<serde_json::Value, &str>) -> rampart_model::Inventory {
        let p = json!({"AlternateContactType": "SECURITY"});
        inventory(vec![match body {
            Ok(v) => call("account", "GetAlternateContact", None, p, v),
            Err(code) => error("account", "GetAlternateContact", None, p, code),
        }])
    }

    #[test]
    fn pass_fail_unknown() {
        let ok = contact(Ok(
            json!({"AlternateContact": {"AlternateContactType": "SECURITY", "Name": "Sec",
            "EmailAddress": "sec@example.com", "PhoneNumber": "+1 555 0100", "Title": "CISO"}}),
        ));
        assert_eq!(only(&outcomes(&CHECK, &ok)), Status::Pass);
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &contact(Err("ResourceNotFoundException"))
            )),
            Status::Fail
        );
        assert_eq!(
            only(&outcomes(&CHECK, &contact(Err("AccessDeniedException")))),
            Status::Unknown
        );
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}
