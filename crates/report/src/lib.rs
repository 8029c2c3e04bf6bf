//! Output formats. Only this crate knows how findings look on the outside: the findings JSON
//! of CONTRACT §2 and the terminal table people read.

pub mod compliance;
pub mod json;
pub mod mutelist;
pub mod table;

use rampart_checks::{Finding, Severity, Status};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where the findings came from (CONTRACT §2 `source`).
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// `snapshot`, `live`, `iac`, `logs` or `data`.
    pub kind: &'static str,
    pub account_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// A finished scan, ready to render.
#[derive(Debug, Clone)]
pub struct ScanReport {
    pub version: &'static str,
    /// RFC 3339 time the report was made.
    pub generated_at: String,
    pub source: Source,
    pub findings: Vec<Finding>,
    /// How many checks ran.
    pub checks_run: usize,
    /// With `--framework`: the compliance report to add (JSON `compliance_report`, and a
    /// requirements table after the findings).
    pub compliance: Option<compliance::ComplianceSpec>,
}

/// Counts by status and by severity (severity counts are of FAIL findings).
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub total: usize,
    pub by_status: BTreeMap<&'static str, usize>,
    pub by_severity: BTreeMap<&'static str, usize>,
}

impl ScanReport {
    /// The summary block.
    pub fn summary(&self) -> Summary {
        let mut by_status: BTreeMap<&'static str, usize> = ["PASS", "FAIL", "UNKNOWN", "MUTED"]
            .into_iter()
            .map(|s| (s, 0))
            .collect();
        let mut by_severity: BTreeMap<&'static str, usize> =
            Severity::ALL.into_iter().map(|s| (s.as_str(), 0)).collect();
        for f in &self.findings {
            *by_status.entry(f.status.as_str()).or_default() += 1;
            if f.status == Status::Fail {
                *by_severity.entry(f.severity.as_str()).or_default() += 1;
            }
        }
        Summary {
            total: self.findings.len(),
            by_status,
            by_severity,
        }
    }
}
