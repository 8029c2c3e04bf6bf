//! The one finding type every producer emits and every output format reads (CONTRACT §2).

use crate::meta::{Check, Framework, Severity};
use rampart_model::ResourceRef;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The verdict for one resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Status {
    #[serde(rename = "FAIL")]
    Fail,
    #[serde(rename = "UNKNOWN")]
    Unknown,
    #[serde(rename = "PASS")]
    Pass,
    #[serde(rename = "MUTED")]
    Muted,
}

impl Status {
    /// The uppercase name used in JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::Fail => "FAIL",
            Status::Unknown => "UNKNOWN",
            Status::Muted => "MUTED",
        }
    }
}

/// One check's verdict on one resource.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Stable across runs: a hash of the check ID and the resource ID.
    pub id: String,
    pub check_id: &'static str,
    pub title: &'static str,
    pub status: Status,
    pub severity: Severity,
    pub resource: ResourceRef,
    pub message: String,
    pub evidence: Value,
    /// Shared by every finding of the check (built once per run).
    pub compliance: Arc<BTreeMap<&'static str, Vec<&'static str>>>,
    /// The check's remediation text, shared by every finding of the check.
    pub remediation: Arc<str>,
    /// Why the finding is MUTED (set by a mutelist; absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub muted: Option<Muted>,
}

/// The mutelist entry that muted a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Muted {
    /// The entry's reason, as written.
    pub reason: String,
    /// The status the check gave before muting (`FAIL` or `UNKNOWN`).
    pub original_status: Status,
    /// `FILE:LINE` of the entry.
    pub rule: String,
    /// When the entry stops muting (RFC 3339), if it has an expiry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

/// The stable finding ID: the first 16 bytes of SHA-256 over `check_id`, NUL, resource id.
pub fn finding_id(check_id: &str, resource: &ResourceRef) -> String {
    let key = resource.arn.as_deref().unwrap_or(&resource.id);
    let mut h = Sha256::new();
    h.update(check_id.as_bytes());
    h.update([0]);
    h.update(key.as_bytes());
    if let Some(r) = &resource.region {
        h.update([0]);
        h.update(r.as_bytes());
    }
    let d = h.finalize();
    d[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// The compliance block of a finding: for every framework, the requirements the check
/// implements (its own controls plus what the framework files map to them).
pub fn compliance_map(check: &Check) -> BTreeMap<&'static str, Vec<&'static str>> {
    let mut m: BTreeMap<&'static str, Vec<&'static str>> = BTreeMap::new();
    for fw in Framework::ALL {
        let ids = crate::frameworks::requirements_of(check, fw);
        if !ids.is_empty() {
            m.insert(fw.key(), ids);
        }
    }
    m
}
