//! Amazon Resource Names: parsing and formatting.
//!
//! `arn:partition:service:region:account-id:resource` — the resource part may itself contain
//! colons (`arn:aws:logs:us-east-1:1:log-group:name:*`), so only the first five separators split.

use std::fmt;

/// A parsed ARN. Fields borrow nothing: ARNs are small and cloned rarely.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Arn {
    pub partition: String,
    pub service: String,
    pub region: String,
    pub account_id: String,
    pub resource: String,
}

/// Why a string is not an ARN.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an ARN (expected arn:partition:service:region:account:resource)")]
pub struct ArnError(pub String);

impl Arn {
    /// Parses `s` as an ARN.
    pub fn parse(s: &str) -> Result<Arn, ArnError> {
        let mut parts = s.splitn(6, ':');
        let (Some("arn"), Some(partition), Some(service), Some(region), Some(account), Some(res)) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(ArnError(s.to_string()));
        };
        if partition.is_empty() || service.is_empty() {
            return Err(ArnError(s.to_string()));
        }
        Ok(Arn {
            partition: partition.to_string(),
            service: service.to_string(),
            region: region.to_string(),
            account_id: account.to_string(),
            resource: res.to_string(),
        })
    }

    /// Builds an ARN from its parts.
    pub fn new(partition: &str, service: &str, region: &str, account: &str, resource: &str) -> Arn {
        Arn {
            partition: partition.to_string(),
            service: service.to_string(),
            region: region.to_string(),
            account_id: account.to_string(),
            resource: resource.to_string(),
        }
    }
}

impl fmt::Display for Arn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "arn:{}:{}:{}:{}:{}",
            self.partition, self.service, self.region, self.account_id, self.resource
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_resource_with_colons() {
        let a = Arn::parse("arn:aws:logs:us-east-1:123456789012:log-group:app:*").unwrap();
        assert_eq!(a.service, "logs");
        assert_eq!(a.resource, "log-group:app:*");
        assert_eq!(
            a.to_string(),
            "arn:aws:logs:us-east-1:123456789012:log-group:app:*"
        );
    }

    #[test]
    fn parses_global_s3_arn() {
        let a = Arn::parse("arn:aws:s3:::my-bucket").unwrap();
        assert_eq!(a.region, "");
        assert_eq!(a.account_id, "");
        assert_eq!(a.resource, "my-bucket");
    }

    #[test]
    fn rejects_non_arns() {
        assert!(Arn::parse("arn:aws:s3").is_err());
        assert!(Arn::parse("urn:aws:s3:::b").is_err());
        assert!(Arn::parse("").is_err());
    }
}
