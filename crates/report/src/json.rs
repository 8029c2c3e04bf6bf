//! The findings JSON of CONTRACT §2.

use crate::ScanReport;
use serde_json::{Value, json};

/// The report as the contract's JSON value.
pub fn to_value(r: &ScanReport) -> Value {
    json!({
        "tool": {"name": "rampart", "version": r.version},
        "generated_at": r.generated_at,
        "source": r.source,
        "summary": r.summary(),
        "findings": r.findings,
    })
}

/// The report as pretty-printed JSON text, with a final newline.
pub fn render(r: &ScanReport) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(r)).unwrap_or_else(|e| {
        // INVARIANT: every field is a plain serde type; serialisation cannot fail.
        format!("{{\"error\": \"{e}\"}}")
    });
    s.push('\n');
    s
}
