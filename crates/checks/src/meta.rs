//! Typed check metadata: severities, frameworks and controls, so that a typo fails the build.

use crate::run::{Context, Outcomes};
use rampart_model::ResourceType;
use serde::Serialize;
use std::fmt;

/// How bad a failure is (CONTRACT §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// Every severity, most severe first.
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    /// The lowercase name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// Parses a lowercase (or any-case) severity name.
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A compliance framework a check can map to. Keys are those of CONTRACT §2 `compliance`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Framework {
    /// CIS Amazon Web Services Foundations Benchmark v5.0.0.
    CisAws50,
    /// AWS Security Hub controls (AWS Foundational Security Best Practices and the other
    /// Security Hub standards share one control ID space: `IAM.4`, `S3.8`).
    AwsFsbp,
    /// PCI DSS v4.0.
    PciDss40,
    /// NIST SP 800-53 Revision 5.
    Nist80053R5,
    /// ISO/IEC 27001:2022 Annex A.
    Iso27001_2022,
    /// HIPAA Security Rule.
    Hipaa,
    /// SOC 2 (AICPA Trust Services Criteria 2017).
    Soc2,
    /// HKMA Supervisory Policy Manual TM-E-1 (Risk Management of E-banking).
    HkmaTmE1,
}

impl Framework {
    /// Every framework.
    pub const ALL: [Framework; 8] = [
        Framework::CisAws50,
        Framework::AwsFsbp,
        Framework::PciDss40,
        Framework::Nist80053R5,
        Framework::Iso27001_2022,
        Framework::Hipaa,
        Framework::Soc2,
        Framework::HkmaTmE1,
    ];

    /// The key used in findings and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Framework::CisAws50 => "cis-aws-foundations-5.0",
            Framework::AwsFsbp => "aws-fsbp",
            Framework::PciDss40 => "pci-dss-4.0",
            Framework::Nist80053R5 => "nist-800-53-r5",
            Framework::Iso27001_2022 => "iso-27001-2022",
            Framework::Hipaa => "hipaa",
            Framework::Soc2 => "soc2",
            Framework::HkmaTmE1 => "hkma-tm-e-1",
        }
    }

    /// The framework's full name.
    pub fn name(self) -> &'static str {
        match self {
            Framework::CisAws50 => "CIS Amazon Web Services Foundations Benchmark v5.0.0",
            Framework::AwsFsbp => {
                "AWS Foundational Security Best Practices (Security Hub controls)"
            }
            Framework::PciDss40 => "PCI DSS v4.0",
            Framework::Nist80053R5 => "NIST SP 800-53 Revision 5",
            Framework::Iso27001_2022 => "ISO/IEC 27001:2022 Annex A",
            Framework::Hipaa => "HIPAA Security Rule",
            Framework::Soc2 => "SOC 2 (Trust Services Criteria 2017)",
            Framework::HkmaTmE1 => "HKMA TM-E-1 Risk Management of E-banking",
        }
    }

    /// Looks a framework up by key (also accepts a few common short forms).
    pub fn parse(s: &str) -> Option<Framework> {
        match s.to_ascii_lowercase().as_str() {
            "cis-aws-foundations-5.0" | "cis" | "cis-5.0" | "cis5" => Some(Framework::CisAws50),
            "aws-fsbp" | "fsbp" => Some(Framework::AwsFsbp),
            "pci-dss-4.0" | "pci" | "pci-dss" | "pci4" => Some(Framework::PciDss40),
            "nist-800-53-r5" | "nist" | "nist-800-53" => Some(Framework::Nist80053R5),
            "iso-27001-2022" | "iso" | "iso27001" | "iso-27001" => Some(Framework::Iso27001_2022),
            "hipaa" => Some(Framework::Hipaa),
            "soc2" | "soc-2" => Some(Framework::Soc2),
            "hkma-tm-e-1" | "hkma" | "tm-e-1" => Some(Framework::HkmaTmE1),
            _ => None,
        }
    }
}

/// One requirement of a framework that a check implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Control {
    pub framework: Framework,
    pub id: &'static str,
}

/// A CIS AWS Foundations v5.0 recommendation number.
pub const fn cis(id: &'static str) -> Control {
    Control {
        framework: Framework::CisAws50,
        id,
    }
}

/// An AWS Security Hub control ID (`IAM.4`).
pub const fn fsbp(id: &'static str) -> Control {
    Control {
        framework: Framework::AwsFsbp,
        id,
    }
}

/// Where a check is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lifecycle {
    Preview,
    Stable,
    Deprecated,
}

/// A check: metadata and logic. Descriptions live in the file's `//!` documentation.
pub struct Check {
    /// Stable ID, `<service>.<slug>`; never changes, never reused.
    pub id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    pub resource_type: ResourceType,
    pub compliance: &'static [Control],
    /// IDs of checks that look at the same risk from another side.
    pub related: &'static [&'static str],
    pub lifecycle: Lifecycle,
    /// The logic: reports one outcome per resource it judged.
    pub run: fn(&Context<'_>, &mut Outcomes),
}
