//! `rampart frameworks list` and `rampart frameworks show KEY`: the compliance frameworks
//! compiled into the binary, their sources and how much of each the checks cover.

use crate::UsageError;
use crate::args::ScanFormat;
use clap::{Args, Subcommand};
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use rampart_checks::Framework;
use rampart_checks::frameworks::{self, Assessment, Loaded};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct FrameworksArgs {
    #[command(subcommand)]
    pub command: FrameworksCommand,
}

#[derive(Debug, Subcommand)]
pub enum FrameworksCommand {
    /// List every framework with its coverage.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ScanFormat::Table)]
        format: ScanFormat,
    },
    /// Show one framework's requirements and the checks that implement each.
    Show {
        /// The framework key (`cis-aws-foundations-5.0`, `pci-dss-4.0`, ...).
        key: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ScanFormat::Table)]
        format: ScanFormat,
    },
}

pub fn run(a: FrameworksArgs) -> Result<ExitCode, UsageError> {
    for e in frameworks::load_errors() {
        eprintln!("rampart: warning: {e}");
    }
    match a.command {
        FrameworksCommand::List { format } => {
            let all = frameworks::all();
            match format {
                ScanFormat::Json => {
                    let v: Vec<Value> = all.iter().map(describe).collect();
                    outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
                }
                ScanFormat::Table => {
                    let mut t = Table::new();
                    t.load_preset(UTF8_FULL_CONDENSED)
                        .set_content_arrangement(ContentArrangement::Dynamic);
                    t.set_header(vec![
                        "Key",
                        "Framework",
                        "Requirements",
                        "With checks",
                        "Coverage",
                        "Checks",
                    ]);
                    for l in all {
                        t.add_row(vec![
                            l.framework.key().to_string(),
                            l.doc.name.clone(),
                            l.doc.requirements.len().to_string(),
                            covered(l).to_string(),
                            format!("{:.1}%", l.coverage_percent()),
                            distinct_checks(l).to_string(),
                        ]);
                    }
                    outln!(
                        "{t}\n`rampart scan --framework KEY` adds a framework's compliance report."
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        FrameworksCommand::Show { key, format } => {
            let fw = Framework::parse(&key).ok_or_else(|| unknown(&key))?;
            let l = frameworks::get(fw).ok_or_else(|| unknown(&key))?;
            match format {
                ScanFormat::Json => {
                    let reqs: Vec<Value> = l
                        .doc
                        .requirements
                        .iter()
                        .zip(&l.checks)
                        .map(|(r, c)| {
                            json!({"id": r.id, "title": r.title, "section": r.section,
                                   "summary": r.summary, "assessment": r.assessment,
                                   "procedure": r.procedure, "controls": r.controls, "checks": c})
                        })
                        .collect();
                    let mut v = describe(l);
                    if let Some(o) = v.as_object_mut() {
                        o.insert("requirements".into(), Value::Array(reqs));
                    }
                    outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
                }
                ScanFormat::Table => {
                    outln!(
                        "{} ({})\nsource: {}",
                        l.doc.name,
                        l.framework.key(),
                        l.doc.source.url
                    );
                    let mut t = Table::new();
                    t.load_preset(UTF8_FULL_CONDENSED)
                        .set_content_arrangement(ContentArrangement::Dynamic);
                    t.set_header(vec!["Requirement", "Title", "Assessment", "Checks"]);
                    for (r, c) in l.doc.requirements.iter().zip(&l.checks) {
                        t.add_row(vec![
                            r.id.clone(),
                            r.title.clone(),
                            match r.assessment {
                                Assessment::Automated => "automated".into(),
                                Assessment::Manual => "manual".to_string(),
                            },
                            c.join("\n"),
                        ]);
                    }
                    outln!(
                        "{t}\n{} requirements, {} with checks ({:.1}%)",
                        l.doc.requirements.len(),
                        covered(l),
                        l.coverage_percent()
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn unknown(key: &str) -> UsageError {
    let keys: Vec<_> = Framework::ALL.iter().map(|f| f.key()).collect();
    UsageError(format!(
        "unknown framework `{key}` (known: {})",
        keys.join(", ")
    ))
}

fn covered(l: &Loaded) -> usize {
    l.checks.iter().filter(|c| !c.is_empty()).count()
}

fn distinct_checks(l: &Loaded) -> usize {
    l.checks.iter().flatten().collect::<BTreeSet<_>>().len()
}

fn describe(l: &Loaded) -> Value {
    let manual = l
        .doc
        .requirements
        .iter()
        .filter(|r| r.assessment == Assessment::Manual)
        .count();
    json!({
        "key": l.framework.key(),
        "name": l.doc.name,
        "version": l.doc.version,
        "requirements": l.doc.requirements.len(),
        "manual_requirements": manual,
        "covered_requirements": covered(l),
        "coverage_percent": (l.coverage_percent() * 10.0).round() / 10.0,
        "checks": distinct_checks(l),
        "source": l.doc.source,
        "file": format!("crates/checks/frameworks/{}", l.file),
    })
}
