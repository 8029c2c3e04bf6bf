//! The compliance report of `rampart scan --framework KEY`: every requirement of one framework
//! with a verdict, the checks behind it and the resources that fail it.
//!
//! A requirement's status comes from the findings of the checks that implement it:
//! - `FAIL`: a check failed on at least one resource (muted findings do not count);
//! - `MANUAL`: no check that ran implements it, or the framework marks it manual (a person must
//!   judge it: supporting checks can show a failure but never a pass);
//! - `UNKNOWN`: no failure, but a check could not judge some resource;
//! - `PASS`: every in-scope resource passed (or its failure is muted);
//! - `NOT_APPLICABLE`: its checks ran and found nothing in scope (no resources of that kind).

use crate::Source;
use rampart_checks::frameworks::{self, Assessment, SourceInfo};
use rampart_checks::{Finding, Framework, Severity, Status, registry::find};
use rampart_model::ResourceRef;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Version of the `compliance_report` JSON object.
pub const FORMAT_VERSION: u32 = 1;

/// What the report is about: the framework and the checks that ran.
#[derive(Debug, Clone)]
pub struct ComplianceSpec {
    pub framework: Framework,
    /// IDs of the checks that ran (a requirement whose checks did not run is MANUAL).
    pub ran: Vec<&'static str>,
}

/// A requirement's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ReqStatus {
    #[serde(rename = "FAIL")]
    Fail,
    #[serde(rename = "UNKNOWN")]
    Unknown,
    #[serde(rename = "MANUAL")]
    Manual,
    #[serde(rename = "PASS")]
    Pass,
    #[serde(rename = "NOT_APPLICABLE")]
    NotApplicable,
}

impl ReqStatus {
    /// Every status, in report order.
    pub const ALL: [ReqStatus; 5] = [
        ReqStatus::Pass,
        ReqStatus::Fail,
        ReqStatus::Unknown,
        ReqStatus::Manual,
        ReqStatus::NotApplicable,
    ];

    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ReqStatus::Pass => "PASS",
            ReqStatus::Fail => "FAIL",
            ReqStatus::Unknown => "UNKNOWN",
            ReqStatus::Manual => "MANUAL",
            ReqStatus::NotApplicable => "NOT_APPLICABLE",
        }
    }

    /// The name shown in tables.
    pub fn label(self) -> &'static str {
        match self {
            ReqStatus::NotApplicable => "NOT APPLICABLE",
            s => s.as_str(),
        }
    }
}

/// Findings of one check, counted by status.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    #[serde(rename = "PASS")]
    pub pass: usize,
    #[serde(rename = "FAIL")]
    pub fail: usize,
    #[serde(rename = "UNKNOWN")]
    pub unknown: usize,
    #[serde(rename = "MUTED")]
    pub muted: usize,
}

/// A check behind a requirement.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    pub id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    /// False when the check was left out of this scan (`--checks`).
    pub ran: bool,
    pub counts: Counts,
}

/// A resource that fails (or cannot be judged for) a requirement.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceResult<'a> {
    pub check_id: &'static str,
    /// The finding's `id` in the findings list.
    pub finding_id: &'a str,
    pub severity: Severity,
    pub resource: &'a ResourceRef,
    pub message: &'a str,
}

/// One requirement with its verdict.
#[derive(Debug, Clone, Serialize)]
pub struct RequirementResult<'a> {
    pub id: &'static str,
    pub title: &'static str,
    pub section: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<&'static str>,
    pub assessment: Assessment,
    pub status: ReqStatus,
    /// One sentence on why the status is what it is.
    pub status_reason: String,
    pub checks: Vec<CheckResult>,
    pub failing_resources: Vec<ResourceResult<'a>>,
    pub unknown_resources: Vec<ResourceResult<'a>>,
    /// How to assess it by hand, when the framework gives a procedure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub procedure: Option<&'static str>,
}

/// The framework the report is about.
#[derive(Debug, Clone, Serialize)]
pub struct FrameworkInfo {
    pub key: &'static str,
    pub name: &'static str,
    pub version: &'static str,
    pub source: &'static SourceInfo,
}

/// Totals over the requirements.
#[derive(Debug, Clone, Serialize)]
pub struct ComplianceSummary {
    pub requirements: usize,
    pub by_status: BTreeMap<&'static str, usize>,
    /// Requirements with at least one check that ran.
    pub covered: usize,
    /// `covered` as a percentage of `requirements`, one decimal.
    pub coverage_percent: f64,
    /// PASS as a percentage of the requirements with a verdict (PASS + FAIL + UNKNOWN), one
    /// decimal; null when none has one.
    pub pass_percent: Option<f64>,
}

/// The whole report (the `compliance_report` object of the findings JSON).
#[derive(Debug, Clone, Serialize)]
pub struct ComplianceReport<'a> {
    pub rampart_compliance_report: u32,
    pub framework: FrameworkInfo,
    pub summary: ComplianceSummary,
    pub requirements: Vec<RequirementResult<'a>>,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Builds the report of `spec.framework` from a scan's findings. `None` when the framework's
/// data failed to load (never in a tested build).
pub fn build<'a>(spec: &ComplianceSpec, findings: &'a [Finding]) -> Option<ComplianceReport<'a>> {
    let l = frameworks::get(spec.framework)?;
    let ran: HashSet<&str> = spec.ran.iter().copied().collect();
    let mut by_check: HashMap<&str, Vec<&'a Finding>> = HashMap::new();
    for f in findings {
        by_check.entry(f.check_id).or_default().push(f);
    }
    let mut reqs = Vec::with_capacity(l.doc.requirements.len());
    for (r, checks) in l.doc.requirements.iter().zip(&l.checks) {
        let mut results = Vec::new();
        let mut failing = Vec::new();
        let mut unknown = Vec::new();
        let mut total = Counts::default();
        for &id in checks {
            let Some(e) = find(id) else { continue };
            let did_run = ran.contains(id);
            let mut c = Counts::default();
            for f in by_check.get(id).map(Vec::as_slice).unwrap_or_default() {
                let rr = || ResourceResult {
                    check_id: f.check_id,
                    finding_id: &f.id,
                    severity: f.severity,
                    resource: &f.resource,
                    message: &f.message,
                };
                match f.status {
                    Status::Pass => c.pass += 1,
                    Status::Fail => {
                        c.fail += 1;
                        failing.push(rr());
                    }
                    Status::Unknown => {
                        c.unknown += 1;
                        unknown.push(rr());
                    }
                    Status::Muted => c.muted += 1,
                }
            }
            total.pass += c.pass;
            total.fail += c.fail;
            total.unknown += c.unknown;
            total.muted += c.muted;
            results.push(CheckResult {
                id,
                title: e.check.title,
                severity: e.check.severity,
                ran: did_run,
                counts: c,
            });
        }
        let any_ran = results.iter().any(|c| c.ran);
        let (status, reason) = if !any_ran {
            let why = if r.assessment == Assessment::Manual {
                "assess by hand: the API cannot show it".to_string()
            } else if results.is_empty() {
                "no Rampart check implements it yet; assess by hand".to_string()
            } else {
                "its checks were not run in this scan".to_string()
            };
            (ReqStatus::Manual, why)
        } else if total.fail > 0 {
            (
                ReqStatus::Fail,
                format!("{} failing finding(s)", total.fail),
            )
        } else if r.assessment == Assessment::Manual {
            (
                ReqStatus::Manual,
                "supporting checks found no failure; confirm by hand".to_string(),
            )
        } else if total.unknown > 0 {
            (
                ReqStatus::Unknown,
                format!("{} finding(s) could not be judged", total.unknown),
            )
        } else if total.pass > 0 || total.muted > 0 {
            let muted = if total.muted > 0 {
                format!(", {} muted", total.muted)
            } else {
                String::new()
            };
            (
                ReqStatus::Pass,
                format!("{} passing finding(s){muted}", total.pass),
            )
        } else {
            (
                ReqStatus::NotApplicable,
                "no resources in scope".to_string(),
            )
        };
        reqs.push(RequirementResult {
            id: &r.id,
            title: &r.title,
            section: &r.section,
            summary: r.summary.as_deref(),
            assessment: r.assessment,
            status,
            status_reason: reason,
            checks: results,
            failing_resources: failing,
            unknown_resources: unknown,
            procedure: r.procedure.as_deref(),
        });
    }
    let mut by_status: BTreeMap<&'static str, usize> =
        ReqStatus::ALL.iter().map(|s| (s.as_str(), 0)).collect();
    for r in &reqs {
        *by_status.entry(r.status.as_str()).or_default() += 1;
    }
    let n = reqs.len();
    let covered = reqs
        .iter()
        .filter(|r| r.checks.iter().any(|c| c.ran))
        .count();
    let judged = reqs
        .iter()
        .filter(|r| {
            matches!(
                r.status,
                ReqStatus::Pass | ReqStatus::Fail | ReqStatus::Unknown
            )
        })
        .count();
    let passed = by_status.get("PASS").copied().unwrap_or(0);
    Some(ComplianceReport {
        rampart_compliance_report: FORMAT_VERSION,
        framework: FrameworkInfo {
            key: spec.framework.key(),
            name: &l.doc.name,
            version: &l.doc.version,
            source: &l.doc.source,
        },
        summary: ComplianceSummary {
            requirements: n,
            by_status,
            covered,
            coverage_percent: if n == 0 {
                0.0
            } else {
                round1(covered as f64 * 100.0 / n as f64)
            },
            pass_percent: (judged > 0).then(|| round1(passed as f64 * 100.0 / judged as f64)),
        },
        requirements: reqs,
    })
}

/// The report as a table for people: one row per requirement, then totals.
pub fn render_table(
    r: &ComplianceReport<'_>,
    _source: &Source,
    color: bool,
    width: Option<u16>,
) -> String {
    use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
    use std::fmt::Write;
    const SHOWN: usize = 3;
    let paint = |s: ReqStatus| -> String {
        let code = match s {
            ReqStatus::Fail => "31",
            ReqStatus::Unknown => "33",
            ReqStatus::Pass => "32",
            ReqStatus::Manual => "36",
            ReqStatus::NotApplicable => "2",
        };
        if color {
            format!("\x1b[{code}m{}\x1b[0m", s.label())
        } else {
            s.label().to_string()
        }
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Compliance: {} ({})",
        r.framework.name, r.framework.key
    );
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = width {
        t.set_width(w);
    }
    t.set_header(vec![
        "Status",
        "Requirement",
        "Title",
        "Checks",
        "Failing resources",
    ]);
    for q in &r.requirements {
        let checks: Vec<&str> = q.checks.iter().map(|c| c.id).collect();
        let mut res: Vec<String> = q
            .failing_resources
            .iter()
            .take(SHOWN)
            .map(|f| {
                format!(
                    "{} {}",
                    f.resource.id,
                    f.resource
                        .region
                        .as_deref()
                        .map(|g| format!("({g})"))
                        .unwrap_or_default()
                )
                .trim()
                .to_string()
            })
            .collect();
        if q.failing_resources.len() > SHOWN {
            res.push(format!(
                "... and {} more",
                q.failing_resources.len() - SHOWN
            ));
        }
        let mut title = q.title.to_string();
        if q.status == ReqStatus::Manual {
            match q.procedure {
                Some(p) => title = format!("{title}\nManual: {p}"),
                None => title = format!("{title}\n({})", q.status_reason),
            }
        }
        t.add_row(vec![
            paint(q.status),
            q.id.to_string(),
            title,
            checks.join("\n"),
            res.join("\n"),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let s = &r.summary;
    let parts: Vec<String> = ReqStatus::ALL
        .iter()
        .map(|st| {
            format!(
                "{} {}",
                s.by_status.get(st.as_str()).copied().unwrap_or(0),
                st.label()
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "{} requirements: {} · coverage {:.1}% ({} with checks){}",
        s.requirements,
        parts.join(" · "),
        s.coverage_percent,
        s.covered,
        s.pass_percent
            .map(|p| format!(" · {p:.1}% of judged requirements pass"))
            .unwrap_or_default()
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rampart_model::ResourceType;
    use serde_json::json;

    fn f(check: &'static str, id: &str, status: Status) -> Finding {
        Finding {
            id: format!("{check}/{id}"),
            check_id: check,
            title: "t",
            status,
            severity: Severity::High,
            resource: ResourceRef {
                kind: ResourceType::Account,
                id: id.into(),
                arn: None,
                region: None,
                account_id: "123456789012".into(),
            },
            message: "m".into(),
            evidence: json!({}),
            compliance: Default::default(),
            remediation: "".into(),
            muted: None,
        }
    }

    fn req<'a>(r: &'a ComplianceReport<'_>, id: &str) -> &'a RequirementResult<'a> {
        r.requirements
            .iter()
            .find(|q| q.id == id)
            .expect("requirement")
    }

    #[test]
    fn statuses_follow_the_findings() {
        let findings = vec![
            f("iam.root_mfa", "123456789012", Status::Fail),
            f("iam.root_access_key", "123456789012", Status::Pass),
            f(
                "iam.password_policy_min_length",
                "123456789012",
                Status::Unknown,
            ),
            f("iam.user_console_mfa", "bob", Status::Muted),
        ];
        let ran: Vec<&'static str> = rampart_checks::registry()
            .iter()
            .map(|e| e.check.id)
            .collect();
        let spec = ComplianceSpec {
            framework: Framework::CisAws50,
            ran,
        };
        let r = build(&spec, &findings).expect("report");
        assert_eq!(req(&r, "1.4").status, ReqStatus::Fail);
        assert_eq!(
            req(&r, "1.4").failing_resources[0].resource.id,
            "123456789012"
        );
        assert_eq!(req(&r, "1.3").status, ReqStatus::Pass);
        assert_eq!(req(&r, "1.7").status, ReqStatus::Unknown);
        assert_eq!(
            req(&r, "1.9").status,
            ReqStatus::Pass,
            "only a muted finding"
        );
        // A check that ran with no findings: nothing in scope.
        assert_eq!(req(&r, "1.12").status, ReqStatus::NotApplicable);
        // Manual recommendation with no check.
        let q = req(&r, "5.6");
        assert_eq!(q.status, ReqStatus::Manual);
        assert!(
            q.procedure
                .is_some_and(|p| p.contains("describe-vpc-peering-connections"))
        );
        assert_eq!(r.summary.requirements, 63);
        let sum: usize = r.summary.by_status.values().sum();
        assert_eq!(sum, 63);
        assert!(r.summary.coverage_percent > 0.0);
    }

    #[test]
    fn manual_requirements_never_pass() {
        // CIS 1.1 is manual; even if a supporting check passes it stays MANUAL.
        let l = frameworks::get(Framework::CisAws50).expect("cis");
        let manual: Vec<&str> = l
            .doc
            .requirements
            .iter()
            .filter(|r| r.assessment == Assessment::Manual)
            .map(|r| r.id.as_str())
            .collect();
        let findings: Vec<Finding> = rampart_checks::registry()
            .iter()
            .map(|e| f(e.check.id, "x", Status::Pass))
            .collect();
        let ran: Vec<&'static str> = rampart_checks::registry()
            .iter()
            .map(|e| e.check.id)
            .collect();
        let r = build(
            &ComplianceSpec {
                framework: Framework::CisAws50,
                ran,
            },
            &findings,
        )
        .expect("report");
        for id in manual {
            assert_eq!(req(&r, id).status, ReqStatus::Manual, "{id}");
        }
    }

    #[test]
    fn checks_not_run_make_the_requirement_manual() {
        let findings = vec![];
        let r = build(
            &ComplianceSpec {
                framework: Framework::CisAws50,
                ran: vec!["iam.root_mfa"],
            },
            &findings,
        )
        .expect("report");
        let q = req(&r, "1.3");
        assert_eq!(q.status, ReqStatus::Manual);
        assert!(q.status_reason.contains("not run"));
        assert_eq!(req(&r, "1.4").status, ReqStatus::NotApplicable);
        assert_eq!(r.summary.covered, 1);
    }
}
