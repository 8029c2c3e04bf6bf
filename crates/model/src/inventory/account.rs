//! AWS Account Management: the alternate contacts AWS uses to reach the account's security
//! team (`account GetAlternateContact`).

use super::Apply;
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use serde::Deserialize;

/// Account-level settings.
#[derive(Debug, Clone)]
pub struct Account {
    /// The SECURITY alternate contact; `Ok(None)` when none is registered.
    pub security_contact: Observed<Option<AlternateContact>>,
}

impl Default for Account {
    fn default() -> Self {
        Account {
            security_contact: Err(Gap::not_collected("account", "GetAlternateContact", None)
                .about("alternate contact SECURITY")),
        }
    }
}

/// An alternate contact (billing, operations or security).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AlternateContact {
    pub alternate_contact_type: Option<String>,
    pub name: Option<String>,
    pub email_address: Option<String>,
    pub phone_number: Option<String>,
    pub title: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Response {
    alternate_contact: Option<AlternateContact>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    if cx.operation != "GetAlternateContact" {
        return Ok(None);
    }
    let kind = cx.param("AlternateContactType")?;
    if kind != "SECURITY" {
        // Billing and operations contacts are not used by any check.
        return Ok(Some(Box::new(|_| {})));
    }
    let v = cx.observe_optional(body, |r: Response| r.alternate_contact)?;
    Ok(Some(Box::new(move |inv| inv.account.security_contact = v)))
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;

    #[test]
    fn security_contact_present_absent_denied() {
        let present = test_load(r#"{"service": "account", "operation": "GetAlternateContact", "region": null,
            "params": {"AlternateContactType": "SECURITY"}, "response": {"AlternateContact": {
            "AlternateContactType": "SECURITY", "EmailAddress": "sec@example.com", "Name": "Sec Team",
            "PhoneNumber": "+1 555 0100", "Title": "CISO"}}}"#).unwrap();
        let c = present.account.security_contact.unwrap().unwrap();
        assert_eq!(c.email_address.as_deref(), Some("sec@example.com"));
        let absent = test_load(r#"{"service": "account", "operation": "GetAlternateContact", "region": null,
            "params": {"AlternateContactType": "SECURITY"}, "error": {"code": "ResourceNotFoundException",
            "message": "No contact of the inputted alternate contact type found."}}"#).unwrap();
        assert!(matches!(absent.account.security_contact, Ok(None)));
        let denied = test_load(r#"{"service": "account", "operation": "GetAlternateContact", "region": null,
            "params": {"AlternateContactType": "SECURITY"}, "error": {"code": "AccessDeniedException", "message": "no"}}"#).unwrap();
        assert!(denied.account.security_contact.is_err());
    }
}
