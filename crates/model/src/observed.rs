//! Data that may be missing, and why.
//!
//! Rampart never treats "could not read" as "nothing there". Every value that comes from an AWS
//! call is an [`Observed`]: `Ok(value)` when the call answered (an absent configuration such as
//! `NoSuchBucketPolicy` is `Ok(None)`), or `Err(Gap)` naming the call and the reason it is missing.

use serde::Serialize;
use std::fmt;

/// A value read from AWS, or the reason it could not be read.
pub type Observed<T> = Result<T, Gap>;

/// Why a piece of data is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GapKind {
    /// The snapshot holds no call that would have read it.
    NotCollected,
    /// The call was denied (`AccessDenied`, `UnauthorizedOperation`, ...).
    AccessDenied,
    /// The call failed for another reason (throttling, region not enabled, service error).
    CallFailed,
}

/// The missing call and the reason, shown to the user in UNKNOWN findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub kind: GapKind,
    pub service: String,
    pub operation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// What the call was about (`bucket logs`), when it was about one resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl Gap {
    /// A call that is not in the snapshot.
    pub fn not_collected(service: &str, operation: &str, region: Option<&str>) -> Gap {
        Gap {
            kind: GapKind::NotCollected,
            service: service.to_string(),
            operation: operation.to_string(),
            region: region.map(str::to_string),
            subject: None,
            code: None,
            message: None,
        }
    }

    /// Names the resource the call was about.
    pub fn about(mut self, subject: impl Into<String>) -> Gap {
        self.subject = Some(subject.into());
        self
    }
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.service, self.operation)?;
        if let Some(s) = &self.subject {
            write!(f, " for {s}")?;
        }
        if let Some(r) = &self.region {
            write!(f, " in {r}")?;
        }
        match self.kind {
            GapKind::NotCollected => write!(f, " was not collected")?,
            GapKind::AccessDenied => write!(f, " was denied")?,
            GapKind::CallFailed => write!(f, " failed")?,
        }
        if let Some(c) = &self.code {
            write!(f, " ({c})")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_call_and_reason() {
        let g = Gap::not_collected("s3", "GetBucketPolicy", Some("us-east-1")).about("bucket logs");
        assert_eq!(
            g.to_string(),
            "s3 GetBucketPolicy for bucket logs in us-east-1 was not collected"
        );
        let d = Gap {
            kind: GapKind::AccessDenied,
            code: Some("AccessDenied".into()),
            ..g
        };
        assert_eq!(
            d.to_string(),
            "s3 GetBucketPolicy for bucket logs in us-east-1 was denied (AccessDenied)"
        );
    }
}
