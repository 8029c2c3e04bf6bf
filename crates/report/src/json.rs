//! The findings JSON of CONTRACT §2.

use crate::{ScanReport, Source, Summary};
use rampart_checks::Finding;
use serde::Serialize;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// The document, serialised straight from the findings (no intermediate JSON tree: a large
/// account has tens of thousands of findings).
#[derive(Serialize)]
struct Document<'a> {
    tool: Tool,
    generated_at: &'a str,
    source: &'a Source,
    summary: Summary,
    findings: &'a [Finding],
    #[serde(skip_serializing_if = "Option::is_none")]
    compliance_report: Option<crate::compliance::ComplianceReport<'a>>,
}

/// The report as pretty-printed JSON text, with a final newline.
pub fn render(r: &ScanReport) -> String {
    let doc = Document {
        tool: Tool {
            name: "rampart",
            version: r.version,
        },
        generated_at: &r.generated_at,
        source: &r.source,
        summary: r.summary(),
        findings: &r.findings,
        compliance_report: r
            .compliance
            .as_ref()
            .and_then(|spec| crate::compliance::build(spec, &r.findings)),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| {
        // INVARIANT: every field is a plain serde type; serialisation cannot fail.
        format!("{{\"error\": \"{e}\"}}")
    });
    s.push('\n');
    s
}
