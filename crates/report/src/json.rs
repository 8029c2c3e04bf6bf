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
    let mut buf = Vec::new();
    // INVARIANT: writing to a Vec cannot fail, and every field is a plain serde type.
    let _ = write(r, &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}

/// Streams the report as pretty-printed JSON, with a final newline, to `w` (no copy of the
/// whole text in memory: a large account's report is hundreds of megabytes).
pub fn write(r: &ScanReport, mut w: impl std::io::Write) -> std::io::Result<()> {
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
    serde_json::to_writer_pretty(&mut w, &doc).map_err(std::io::Error::from)?;
    w.write_all(b"\n")?;
    w.flush()
}
