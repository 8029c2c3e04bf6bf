//! AWS Organizations: the organization the account belongs to (`organizations
//! DescribeOrganization`).
//!
//! Any account of an organization, management or member, may call `DescribeOrganization`. An
//! account outside any organization gets `AWSOrganizationsNotInUseException`, which means "no
//! organization" (`Ok(None)`), not a gap.

use super::Apply;
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use serde::Deserialize;

/// Organizations data of the account.
#[derive(Debug, Clone)]
pub struct Organizations {
    /// The organization; `Ok(None)` when the account is in none.
    pub organization: Observed<Option<Organization>>,
}

impl Default for Organizations {
    fn default() -> Self {
        Organizations {
            organization: Err(Gap::not_collected(
                "organizations",
                "DescribeOrganization",
                None,
            )),
        }
    }
}

/// An organization as `DescribeOrganization` prints it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Organization {
    /// `o-a1b2c3d4e5`.
    pub id: String,
    pub arn: Option<String>,
    /// `ALL` or `CONSOLIDATED_BILLING`.
    pub feature_set: Option<String>,
    pub master_account_arn: Option<String>,
    pub master_account_id: Option<String>,
}

impl Organization {
    /// The account is the organization's management account.
    pub fn is_management_account(&self, account: &str) -> bool {
        self.master_account_id.as_deref() == Some(account)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Response {
    organization: Option<Organization>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    if cx.operation != "DescribeOrganization" {
        return Ok(None);
    }
    let v = cx.observe_optional(body, |r: Response| r.organization)?;
    Ok(Some(Box::new(move |inv| {
        inv.organizations.organization = v
    })))
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;

    #[test]
    fn member_none_denied() {
        let inv = test_load(
            r#"{"service": "organizations", "operation": "DescribeOrganization", "region": "us-east-1",
            "response": {"Organization": {"Id": "o-a1b2c3d4e5",
              "Arn": "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5",
              "FeatureSet": "ALL", "MasterAccountArn": "arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/111111111111",
              "MasterAccountId": "111111111111", "MasterAccountEmail": "aws-root@example.com",
              "AvailablePolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}}}"#,
        )
        .unwrap();
        let o = inv.organizations.organization.unwrap().unwrap();
        assert_eq!(o.id, "o-a1b2c3d4e5");
        assert_eq!(o.feature_set.as_deref(), Some("ALL"));
        assert!(!o.is_management_account("123456789012"));
        assert!(o.is_management_account("111111111111"));
        let none = test_load(
            r#"{"service": "organizations", "operation": "DescribeOrganization", "region": "us-east-1",
            "error": {"code": "AWSOrganizationsNotInUseException",
                      "message": "Your account is not a member of an organization."}}"#,
        )
        .unwrap();
        assert!(matches!(none.organizations.organization, Ok(None)));
        let denied = test_load(
            r#"{"service": "organizations", "operation": "DescribeOrganization", "region": null,
            "error": {"code": "AccessDeniedException", "message": "no"}}"#,
        )
        .unwrap();
        assert!(denied.organizations.organization.is_err());
    }
}
