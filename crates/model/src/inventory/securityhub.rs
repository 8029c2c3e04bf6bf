//! Security Hub: whether the hub is enabled (`DescribeHub`) and which standards are on
//! (`GetEnabledStandards`), per region.
//!
//! Security Hub answers `InvalidAccessException` when the account is not subscribed in a region;
//! that is a fact ("not enabled"), not a gap, so it is read as absent here.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::Observed;
use crate::snapshot::{Body, CallCx};
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// Security Hub data of the account, per region.
#[derive(Debug, Clone)]
pub struct SecurityHub {
    /// The hub (`Ok(None)`: Security Hub is not enabled in that region).
    pub hub: Regional<Option<Hub>>,
    /// Enabled standards (`Ok(vec![])` where the hub is not enabled).
    pub standards: Regional<Vec<StandardsSubscription>>,
}

impl Default for SecurityHub {
    fn default() -> Self {
        SecurityHub {
            hub: Regional::new("securityhub", "DescribeHub"),
            standards: Regional::new("securityhub", "GetEnabledStandards"),
        }
    }
}

/// An enabled Security Hub.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Hub {
    pub hub_arn: String,
    /// When the account subscribed (ISO-8601 text as AWS prints it).
    pub subscribed_at: Option<String>,
    pub auto_enable_controls: Option<bool>,
    /// `SECURITY_CONTROL` (consolidated findings) or `STANDARD_CONTROL`.
    pub control_finding_generator: Option<String>,
}

/// A standard the hub runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StandardsSubscription {
    pub standards_subscription_arn: String,
    /// `arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0`,
    /// `arn:aws:securityhub:{region}::standards/aws-foundational-security-best-practices/v/1.0.0`, ...
    pub standards_arn: String,
    /// `PENDING`, `READY`, `FAILED`, `DELETING` or `INCOMPLETE`.
    pub standards_status: Option<String>,
}

/// Reads a Security Hub call where `InvalidAccessException` means "not enabled".
fn hub_call<R: DeserializeOwned, T>(
    cx: &CallCx<'_>,
    body: Body<'_>,
    f: impl FnOnce(R) -> Option<T>,
) -> Result<Observed<Option<T>>, LoadError> {
    match body {
        Body::Error(e) if e.code == "InvalidAccessException" => Ok(Ok(None)),
        body => cx.observe_optional(body, f),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct StandardsResponse {
    #[serde(default)]
    standards_subscriptions: Vec<StandardsSubscription>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "DescribeHub" => {
            let region = cx.region()?;
            let v = hub_call(cx, body, |r: Hub| Some(r))?;
            Box::new(move |inv| inv.securityhub.hub.set(region, v))
        }
        "GetEnabledStandards" => {
            let region = cx.region()?;
            let v = hub_call(cx, body, |r: StandardsResponse| {
                Some(r.standards_subscriptions)
            })?
            .map(Option::unwrap_or_default);
            Box::new(move |inv| inv.securityhub.standards.merge(region, v))
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl SecurityHub {
    pub(crate) fn finalize(&mut self, regions: &[String]) {
        self.hub.fill(regions);
        self.standards.fill(regions);
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    #[test]
    fn hub_and_standards() {
        let inv = test_load(
            r#"{"service": "securityhub", "operation": "DescribeHub", "region": "us-east-1",
                "response": {"HubArn": "arn:aws:securityhub:us-east-1:123456789012:hub/default",
                  "SubscribedAt": "2024-01-01T00:00:00.000Z", "AutoEnableControls": true,
                  "ControlFindingGenerator": "SECURITY_CONTROL"}},
               {"service": "securityhub", "operation": "GetEnabledStandards", "region": "us-east-1",
                "response": {"StandardsSubscriptions": [{"StandardsSubscriptionArn":
                  "arn:aws:securityhub:us-east-1:123456789012:subscription/aws-foundational-security-best-practices/v/1.0.0",
                  "StandardsArn": "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
                  "StandardsInput": {}, "StandardsStatus": "READY", "StandardsControlsUpdatable": "READY_FOR_UPDATES"}]}},
               {"service": "securityhub", "operation": "DescribeHub", "region": "eu-west-1",
                "error": {"code": "InvalidAccessException", "message": "Account 123456789012 is not subscribed to AWS Security Hub"}},
               {"service": "securityhub", "operation": "GetEnabledStandards", "region": "eu-west-1",
                "error": {"code": "AccessDeniedException", "message": "no"}}"#,
        )
        .unwrap();
        let sh = &inv.securityhub;
        let hub = sh.hub.get("us-east-1").unwrap().as_ref().unwrap();
        assert!(hub.hub_arn.ends_with(":hub/default"));
        assert_eq!(hub.auto_enable_controls, Some(true));
        let std = &sh.standards.get("us-east-1").unwrap()[0];
        assert_eq!(std.standards_status.as_deref(), Some("READY"));
        assert_eq!(sh.hub.get("eu-west-1"), Ok(&None));
        assert_eq!(
            sh.standards.get("eu-west-1").unwrap_err().kind,
            GapKind::AccessDenied
        );
    }

    #[test]
    fn bad_values_name_the_path() {
        let e = test_load(
            r#"{"service": "securityhub", "operation": "DescribeHub", "region": "us-east-1",
                "response": {"HubArn": ["x"]}}"#,
        )
        .unwrap_err();
        assert_eq!(e.place.path.as_deref(), Some("response.HubArn"));
    }
}
