//! `rampart checks list` and `rampart checks show`.

use crate::UsageError;
use crate::args::{ChecksArgs, ChecksCommand, ScanFormat};
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use rampart_checks::registry::{Entry, find, registry};
use rampart_checks::{Framework, meta::Lifecycle};
use serde_json::{Value, json};
use std::process::ExitCode;

pub fn run(a: ChecksArgs) -> Result<ExitCode, UsageError> {
    match a.command {
        ChecksCommand::List { format, framework } => {
            let fw =
                match framework {
                    None => None,
                    Some(k) => Some(Framework::parse(&k).ok_or_else(|| {
                        UsageError(format!("--framework: unknown framework `{k}`"))
                    })?),
                };
            let entries: Vec<&Entry> = registry()
                .iter()
                .filter(|e| fw.is_none_or(|f| rampart_checks::frameworks::maps_to(e.check, f)))
                .collect();
            match format {
                ScanFormat::Json => {
                    let v: Vec<Value> = entries.iter().map(|e| describe(e)).collect();
                    outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
                }
                ScanFormat::Table => {
                    let mut t = Table::new();
                    t.load_preset(UTF8_FULL_CONDENSED)
                        .set_content_arrangement(ContentArrangement::Dynamic);
                    t.set_header(vec!["ID", "Severity", "Title", "CIS 5.0", "AWS FSBP"]);
                    for e in &entries {
                        t.add_row(vec![
                            e.check.id.to_string(),
                            e.check.severity.to_string(),
                            e.check.title.to_string(),
                            e.controls(Framework::CisAws50).join(", "),
                            e.controls(Framework::AwsFsbp).join(", "),
                        ]);
                    }
                    outln!("{t}\n{} checks", entries.len());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        ChecksCommand::Show { id } => {
            let e = find(&id).ok_or_else(|| {
                UsageError(format!(
                    "unknown check ID `{id}` (see `rampart checks list`)"
                ))
            })?;
            let c = e.check;
            outln!("{}  {}", c.id, c.title);
            outln!(
                "severity: {}   resource: {}   lifecycle: {}",
                c.severity,
                c.resource_type.as_str(),
                lifecycle(c.lifecycle)
            );
            for fw in Framework::ALL {
                let ids = e.controls(fw);
                if !ids.is_empty() {
                    outln!("{}: {}", fw.key(), ids.join(", "));
                }
            }
            if !c.related.is_empty() {
                outln!("related: {}", c.related.join(", "));
            }
            outln!("source: {}:{}\n", e.path, e.line());
            out!("{}", e.doc_text());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn lifecycle(l: Lifecycle) -> &'static str {
    match l {
        Lifecycle::Preview => "preview",
        Lifecycle::Stable => "stable",
        Lifecycle::Deprecated => "deprecated",
    }
}

fn describe(e: &Entry) -> Value {
    let c = e.check;
    let doc = e.doc();
    let compliance: serde_json::Map<String, Value> = Framework::ALL
        .iter()
        .filter_map(|fw| {
            let ids = e.controls(*fw);
            (!ids.is_empty()).then(|| (fw.key().to_string(), json!(ids)))
        })
        .collect();
    json!({
        "id": c.id, "title": c.title, "severity": c.severity, "resource_type": c.resource_type.as_str(),
        "lifecycle": c.lifecycle, "description": doc.what_it_checks, "rationale": doc.why_it_matters,
        "remediation": doc.remediation, "references": doc.references, "compliance": compliance,
        "related": c.related, "source": e.path,
    })
}
